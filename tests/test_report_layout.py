"""The report as a reader handles it: every toll drawn, figure text searchable, alt text, references
that can be copied, licences on the title page. Checked on a real render of the latest release."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pandas as pd
import pytest
import yaml
from conftest import printed, shown_figures
from pypdf import PdfReader

from analysis import __version__, paths
from analysis.compute import regions, summary
from analysis.compute.incidents import incident_table
from analysis.compute.models import analyse
from analysis.present import changelog, escape, i18n, publication
from analysis.present.escape import markdown_text
from analysis.present.figures import FIGURES, SHOWN_WHEN, cumulative, department_map, draw, kit
from analysis.present.source_names import publisher_name
from analysis.release.load import load_release

EDITIONS = {"en": "report", "es": "report-es"}
SVG = "{http://www.w3.org/2000/svg}"
LATEST = paths.release_names()[-1]


@pytest.fixture(scope="module")
def release():
    return load_release(LATEST)


@pytest.fixture(scope="module")
def drawing_data(release) -> dict:
    return analyse(release)


@pytest.fixture(scope="module")
def out(latest_out) -> Path:
    """The latest release rendered offline (conftest: one render shared with the other modules that read it)."""
    return latest_out


def page_texts(pdf: Path) -> list[str]:
    return [page.extract_text() for page in PdfReader(pdf).pages]


def markers_drawn(svg: Path, prefix: str) -> int:
    """Markers (<use> elements) inside the SVG groups whose id starts with `prefix`."""
    root = ET.parse(svg).getroot()
    groups = [g for g in root.iter(f"{SVG}g") if g.get("id", "").startswith(prefix)]
    return sum(1 for g in groups for _ in g.iter(f"{SVG}use"))


# ---------------------------------------------------------------- figures


@pytest.mark.parametrize("lang", EDITIONS)
def test_cumulative_figure_draws_every_national_toll_of_the_release(release, drawing_data, lang, tmp_path):
    national = release["tallies"][release["tallies"]["scope"] == "national"]
    svg = draw.draw("cumulative", drawing_data, release.name, lang, tmp_path)
    assert markers_drawn(svg, cumulative.TOLL_GID) == len(national)
    # the later official counts are among them: one slot each in the second panel, named on its axis
    text = " ".join(t.text or "" for t in ET.parse(svg).getroot().iter(f"{SVG}text"))
    for reporter in ("IACHR", "OHCHR", "Fiscalía de la Nación", "Human Rights Watch", "Amnesty International"):
        assert publisher_name(reporter, lang) in text  # in the edition's language: CIDH, ACNUDH, Amnistía...


def test_cumulative_figure_gives_every_reporter_with_three_tolls_its_own_symbol(release, drawing_data, tmp_path):
    """The caption promises one symbol per reporter with at least three tolls: no such reporter is grey."""
    national = release["tallies"][release["tallies"]["scope"] == "national"]
    counts = national.loc[national["total_deaths"].notna(), "reporter"].value_counts()
    styles = cumulative.reporter_styles(national[national["total_deaths"].notna()])
    assert set(styles) == set(counts[counts >= 3].index)
    assert len(set(styles.values())) == len(styles)  # no two reporters share colour and marker
    svg = draw.draw("cumulative", drawing_data, release.name, "en", tmp_path)
    legend = " ".join(t.text or "" for t in ET.parse(svg).getroot().iter(f"{SVG}text"))
    assert all(reporter in legend for reporter in styles)


def test_toll_panels_split_tolls_at_the_end_of_the_time_axis():
    from analysis.compute.trajectory import toll_panels

    daily = pd.DataFrame({"date": pd.to_datetime(["2023-01-01", "2023-01-02", "2023-01-03"]), "total": [1, 2, 0]})
    gap = pd.DataFrame(
        {
            "report_date": pd.to_datetime(["2023-01-01", "2023-01-14", "2023-01-15", "2024-05-01"]),
            "total_deaths": [1, None, 3, None],
        }
    )
    # last death 2 Jan, axis to 14 Jan: two tolls in the first panel, two later; two without a total
    assert toll_panels(daily, gap) == {"first_panel": 2, "later_panel": 2, "without_total": 2}


@pytest.mark.parametrize("lang", EDITIONS)
def test_cumulative_figure_panels_hold_the_counted_tolls(drawing_data, release, lang, tmp_path):
    from analysis.compute.trajectory import toll_panels

    counts = toll_panels(drawing_data["daily_died"], drawing_data["gap"])
    svg = draw.draw("cumulative", drawing_data, release.name, lang, tmp_path)
    assert markers_drawn(svg, cumulative.TOLL_GID + "-later") == counts["later_panel"] > 0
    assert markers_drawn(svg, cumulative.TOLL_GID) - counts["later_panel"] == counts["first_panel"]
    ticks = markers_drawn(svg, cumulative.TOLL_GID + "-without-total")
    ticks += markers_drawn(svg, cumulative.TOLL_GID + "-later-without-total")
    assert ticks == counts["without_total"]


def test_rate_breaks_are_round_numbers_up_to_the_highest_rate():
    assert department_map.rate_breaks(pd.Series([0.1, 0.9, 2.7])) == [0.0, 0.1, 0.25, 0.5, 1, 2, 5]
    assert department_map.rate_breaks(pd.Series([0.3])) == [0.0, 0.05, 0.1, 0.25, 0.5]
    assert department_map.short_number(0.25, "es") == "0,25" and department_map.short_number(2.0, "en") == "2"


@pytest.mark.parametrize("lang", EDITIONS)
def test_map_has_a_labelled_colour_scale_and_the_departments_with_deaths_named_as_text(
    release, drawing_data, lang, tmp_path
):
    svg = draw.draw("map", drawing_data, release.name, lang, tmp_path)
    texts = [t.text for t in ET.parse(svg).getroot().iter(f"{SVG}text")]
    rates = drawing_data["departments"].query("total > 0")
    assert set(rates["department"]) <= set(texts)
    assert {department_map.short_number(b, lang) for b in department_map.rate_breaks(rates["rate"])} <= set(texts)
    assert {kit.t(key, lang) for key in ("map_scale", "map_none", "map_south", "map_sizes")} <= set(texts)


def svg_groups(svg: Path, prefix: str) -> dict[str, int]:
    """The SVG groups whose id starts with `prefix`, with the shapes each draws (<path> and <use>, not <defs>)."""
    root = ET.parse(svg).getroot()
    out = {}
    for group in root.iter(f"{SVG}g"):
        if group.get("id", "").startswith(prefix):
            defined = {id(e) for d in group.iter(f"{SVG}defs") for e in d.iter()}
            shapes = [e for e in group.iter() if e.tag in (f"{SVG}path", f"{SVG}use") and id(e) not in defined]
            out[group.get("id")] = len(shapes)
    return out


@pytest.mark.parametrize("name", [LATEST, "2023-01-10"])
def test_map_draws_one_shape_per_department_and_one_circle_per_fatal_incident(name, tmp_path):
    rel = load_release(name)
    data = {d.name: value for d, value in summary.compute(rel.tables)}
    svg = draw.draw("map", data, rel.name, "en", tmp_path)
    departments = svg_groups(svg, department_map.DEPARTMENT_GID)
    assert sorted(departments) == sorted(f"{department_map.DEPARTMENT_GID}{c}" for c in rel["regions"]["ubigeo"])
    assert set(departments.values()) == {1}
    circles = svg_groups(svg, department_map.INCIDENTS_GID)
    fatal = incident_table(rel["victims"])  # every fatal incident has a position (at worst its department's capital)
    assert circles[department_map.INCIDENTS_GID] == len(data["incident_places"]) == len(fatal)
    text = " ".join(t.text or "" for t in ET.parse(svg).getroot().iter(f"{SVG}text"))
    named = data["incident_places"].query("named")
    assert len(named) == min(5, len(data["incident_places"]))
    for place, deaths in named[["place", "deaths"]].itertuples(index=False):
        assert place in text and f"{deaths}" in text


def test_map_draws_in_well_under_a_second(release, drawing_data, tmp_path):
    import time

    draw.draw("map", drawing_data, release.name, "en", tmp_path)  # imports and caches warm
    start = time.perf_counter()
    draw.draw("map", drawing_data, release.name, "es", tmp_path)
    assert time.perf_counter() - start < 1.0


def test_figures_are_deterministic_svg_with_text(release, drawing_data, tmp_path):
    for name in FIGURES:
        first = draw.draw(name, drawing_data, release.name, "es", tmp_path / "a").read_bytes()
        second = draw.draw(name, drawing_data, release.name, "es", tmp_path / "b").read_bytes()
        assert first == second, name
        assert b"<text" in first and b"font-family: 'DejaVu Sans'" in first, name


def test_source_line_names_the_release_and_what_the_figure_takes_from_it(release, drawing_data, tmp_path):
    extra = {"cumulative": "source_tallies", "discrepancies": "source_tallies", "daily": "source_victims"}
    extra |= {
        "ages": "source_victims",
        "map": "source_pop",
        "funnel": "source_pop",
        "proceedings": "source_proceedings",
    }
    for name in FIGURES:
        svg = draw.draw(name, drawing_data, release.name, "en", tmp_path)
        text = " ".join(t.text or "" for t in ET.parse(svg).getroot().iter(f"{SVG}text"))
        expected = f"Data: release {release.name} of the Peru protest deaths record; {kit.t(extra[name], 'en')}"
        assert expected in " ".join(text.split()), name


# ---------------------------------------------------------------- the rendered PDFs


@pytest.mark.parametrize("lang", EDITIONS)
def test_department_names_on_the_map_are_text_in_the_pdf(out, release, lang):
    key = kit.t("map_sizes", lang)  # the key of the circles: words only the map has
    pages = [t for t in page_texts(out / f"{EDITIONS[lang]}.pdf") if kit.t("map_south", lang) in t and key in t]
    assert len(pages) == 1
    named = regions.department_rates(release["victims"], release["regions"]).query("total > 0")["department"]
    missing = [d for d in named if d not in pages[0]]
    assert not missing


@pytest.mark.parametrize("source", paths.EDITIONS)
def test_a_conditional_figure_sits_in_the_block_its_condition_shows(source):
    text = (paths.REPORT / source).read_text(encoding="utf-8")
    for name, flag in SHOWN_WHEN.items():
        before = text[: text.index(f"{{#fig-{name}")]
        opened = before.rfind(f'::: {{.content-visible when-meta="{flag}"}}')
        assert opened >= 0, (source, name)
        depth = 0  # the fenced divs opened and not yet closed since the condition's own
        for line in before[opened:].splitlines()[1:]:
            depth += line.startswith("::: {") - (line.strip() == ":::")
            assert depth >= 0, (source, name)  # the condition's block closed before the figure


def figure_alt_texts(pdf: Path) -> list[str]:
    """The /Alt of every Figure element in the PDF's structure tree, in document order."""
    found = []

    def walk(node) -> None:
        node = node.get_object()
        if isinstance(node, list):
            for kid in node:
                walk(kid)
        elif hasattr(node, "get"):
            if node.get("/S") == "/Figure":
                found.append(str(node.get("/Alt", "")))
            if node.get("/K") is not None:
                walk(node["/K"])

    walk(PdfReader(pdf).trailer["/Root"]["/StructTreeRoot"])
    return found


def test_every_pdf_figure_has_alt_text_with_its_finding_in_the_editions_language(out):
    alts = {lang: figure_alt_texts(out / f"{stem}.pdf") for lang, stem in EDITIONS.items()}
    for lang, texts in alts.items():
        values = yaml.safe_load((out / "results" / f"meta-{lang}.yml").read_text(encoding="utf-8"))["results"]
        assert len(texts) == len(shown_figures(out, lang)), lang
        assert all(len(t) > 60 for t in texts), lang
        assert str(values["deaths_total"]) in texts[0] and str(values["top_rate_department"]) in " ".join(texts)
        assert "{{" not in " ".join(texts)
    assert all("muertes" in t for t in alts["es"]) and not any("muertes" in t for t in alts["en"])


def test_the_maps_alt_text_states_the_results_numbers(out):
    """The map's alt text in each PDF: the south's shares, the incidents, the top rate, the largest incident."""
    for lang, stem in EDITIONS.items():
        values = yaml.safe_load((out / "results" / f"meta-{lang}.yml").read_text(encoding="utf-8"))["results"]
        order = re.findall(r"\{#fig-(\w+)", (paths.REPORT / f"{stem}.qmd").read_text(encoding="utf-8"))
        alt = figure_alt_texts(out / f"{stem}.pdf")[order.index("map")]
        keys = ["south_share_deaths", "south_share_population", "map_incidents", "top_rate_department"]
        keys += ["top_rate_rate", "event1_deaths", "departments_with_deaths", "n_departments"]
        for key in keys:
            assert printed(str(values[key])) in alt, (lang, key, alt)


def references(pdf: Path) -> str:
    """The PDF text from the references heading on, running heads and page numbers removed, lines joined
    without separators (an address broken across lines comes out whole)."""
    texts = page_texts(pdf)
    start = max(i for i, t in enumerate(texts) if re.search(r"^\d+ Refer", t, re.M))
    lines = []
    for text in texts[start:]:
        for line in text.splitlines():
            running_head = re.search(r"(Data release|Versión de datos) [\w-]+\s*$", line)
            if re.fullmatch(r"\d+", line.strip()) or running_head:
                continue
            lines.append(line)
    return "".join(lines)


def test_every_source_address_reads_back_exactly_from_both_pdfs_in_the_same_order(out, release):
    orders = []
    for stem in EDITIONS.values():
        text = references(out / f"{stem}.pdf")
        sources = release["sources"].dropna(subset=["url"])  # a source known only from a copy is not linked
        # as linked: non-ASCII characters percent-encoded (a copied address opens the same page)
        sources = sources.assign(url=sources["url"].map(escape.safe_url))
        wrong = [url for url in sources["url"] if url not in text]
        assert not wrong, (stem, wrong[:5])
        orders.append(sorted(sources["source_id"], key=lambda s: text.find(sources.set_index("source_id").url[s])))
        for url in sorted(sources["url"], key=len, reverse=True):  # addresses hold dates of their own
            text = text.replace(url, " ")
        text = re.sub(r"[“«][^”»]*[”»]", " ", text)  # and so do some titles
        assert not re.search(r"\b\d{1,2}/\d{1,2}/\d{4}\b|\b\d{2}/\d{4}\b", text), stem  # dates are in words
    assert orders[0] == orders[1]


@pytest.mark.parametrize("lang", EDITIONS)
def test_reference_dates_are_in_words_in_the_editions_language(out, lang):
    text = references(out / f"{EDITIONS[lang]}.pdf")
    month = i18n.text("months", lang)[11]  # December / diciembre
    assert re.search(rf"\b7 {month} 2022\b" if lang == "en" else rf"\b7 de {month} de 2022\b", text)


@pytest.mark.parametrize("lang", EDITIONS)
def test_no_table_caption_is_left_alone_at_the_foot_of_a_page(out, lang):
    word = {"en": "Table", "es": "Tabla"}[lang]
    for number, text in enumerate(page_texts(out / f"{EDITIONS[lang]}.pdf"), start=1):
        body = [line for line in text.splitlines() if line.strip()][:-1]  # without the page number
        assert not (body and re.match(rf"{word} \d+:", body[-1])), (number, body[-1])


@pytest.mark.parametrize("lang", EDITIONS)
def test_title_page_names_the_licences_of_code_and_data(out, lang):
    first = page_texts(out / f"{EDITIONS[lang]}.pdf")[0]
    licence = publication.LICENCE_TITLES["CC-BY-4.0"][lang]  # named in the edition's language
    assert "MIT" in first and licence in " ".join(first.split())
    html = (out / f"{EDITIONS[lang]}.html").read_text(encoding="utf-8")
    assert licence in html and 'href="https://creativecommons.org/licenses/by/4.0/"' in html


# ---------------------------------------------------------------- configuration, changelog, citation


def test_publication_notices_show_only_what_is_configured(tmp_path):
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text('[project]\nlicense = "MIT"\n[tool.peru-report]\nrepository = "https://example.org/r"\n')
    config = publication.settings(pyproject)
    pairs = publication.notices(config, "CC BY 4.0", "2024-01-01", "es")
    assert pairs[0] == ("Licencias", "Código: MIT. Versión de datos 2024-01-01: CC BY 4.0.")
    assert ("Repositorio", "https://example.org/r") in pairs
    assert not any(label in ("Correcciones", "DOI") for label, _ in pairs)
    assert publication.missing(config, "CC BY 4.0") == [
        "[tool.peru-report] report-licence",
        "[tool.peru-report] doi",
        "[tool.peru-report] corrections",
        "[tool.peru-report] base-url",
    ]
    pyproject.write_text('[tool.peru-report]\nrepo = "x"\n')
    with pytest.raises(ValueError, match="unknown key"):
        publication.settings(pyproject)


def test_project_configuration_sets_no_placeholder():
    config = publication.settings()
    assert config["code-licence"] == "MIT"
    assert not any(re.search(r"example|todo|tbd|xxx|n/?a$", v, re.I) for v in config.values())


def test_changelog_appendix_drops_the_note_on_the_files_other_edition():
    text = (
        "# Data changelog\n\nEach release is a folder. Corrections are listed in `data/corrections.csv`. The\n"
        "Spanish edition of this file is\n`CHANGELOG.es.md`. The appendix adds counts.\n\n## 2024-01-01\n\nFirst.\n"
    )
    assert changelog.demote_headings(changelog.without_file_notes(text)) == (
        "Each release is a folder. Corrections are listed in `data/corrections.csv`. The appendix adds counts.\n\n"
        "## 2024-01-01\n\nFirst.\n"
    )
    latest = load_release(LATEST)
    for lang in EDITIONS:
        report = changelog.for_report(latest, lang)
        assert "CHANGELOG" not in report and "## " + markdown_text(LATEST) in report


def test_citation_file_cites_the_report_and_the_latest_data_release():
    cff = yaml.safe_load((paths.ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    assert cff["preferred-citation"]["type"] == "report"
    assert cff["preferred-citation"]["version"] == __version__
    data = [r for r in cff["references"] if r["type"] == "data"]
    assert [r["version"] for r in data] == [LATEST]
    assert data[0]["license"] == "CC-BY-4.0"


def table_figure(caption: str, rows: int, writer: str = "pandoc") -> str:
    """A captioned table as pandoc (the offline renderer) or Quarto writes it for Typst."""
    cells = "".join(f"[{caption} row {i}], [{i}],\n" for i in range(1, rows + 1))
    table = f"#table(columns: (50%, 50%), table.header([Name], [Value],), table.hline(),\n{cells})"
    if writer == "quarto":
        return (
            f"#figure([\n{table}\n], caption: figure.caption(\nposition: top, \n[\n{caption} caption\n]), \n"
            f'kind: "quarto-float-tbl", \nsupplement: "Table", \n)\n\n'
        )
    return f"#figure(align(center)[{table}], caption: [{caption} caption], kind: table)\n\n"


def pages_with(texts: list[str], needle: str) -> list[int]:
    """The pages whose text holds `needle` as whole words."""
    return [i for i, text in enumerate(texts) if re.search(rf"{re.escape(needle)}\b", text)]


@pytest.mark.parametrize("writer", ["pandoc", "quarto"])
def test_template_keeps_short_tables_whole_and_long_ones_under_their_caption_and_header(tmp_path, writer):
    """Each table starts lower and lower on a page, so that somewhere it meets the page's foot; the rules
    apply to tables as the offline renderer's pandoc writes them and as Quarto does."""
    import typst

    (tmp_path / "typst-template.typ").write_text((paths.REPORT / "typst-template.typ").read_text(encoding="utf-8"))
    for tenths in range(170, 250, 5):
        source = '#import "typst-template.typ": report\n#show: report.with(title: [T])\n'
        source += f"#v({tenths / 10}cm)\n\n" + table_figure("Short", 8, writer) + "#pagebreak()\n"
        source += f"#v({tenths / 10}cm)\n\n" + table_figure("Long", 90, writer)
        (tmp_path / "doc.typ").write_text(source)
        pdf = tmp_path / "doc.pdf"
        pdf.write_bytes(typst.compile(str(tmp_path / "doc.typ"), root=str(tmp_path)))
        texts = page_texts(pdf)
        short = pages_with(texts, "Short caption")
        assert pages_with(texts, "Short row 1") == short and pages_with(texts, "Short row 8") == short, tenths
        assert pages_with(texts, "Long row 1") == pages_with(texts, "Long caption"), tenths  # caption not alone
        spanned = sorted({p for i in range(1, 91) for p in pages_with(texts, f"Long row {i}")})
        assert len(spanned) >= 2, tenths  # a long table breaks across pages ...
        assert all("Name" in texts[p] for p in spanned), tenths  # ... and repeats its header row

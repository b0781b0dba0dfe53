"""The real render of release 2023-01-10 (offline path): PDF and HTML in both editions, text checked."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import typst
import yaml
from conftest import FIRST_RELEASE, printed
from pypdf import PdfReader
from test_release_bad_inputs import rehash, set_cell
from test_report_layout import figure_alt_texts

from analysis import cli, paths
from analysis.render.engines import PANDOC, render
from analysis.render.quarto_subset import resolve_conditionals

EDITIONS = {"en": "report", "es": "report-es"}
META = re.compile(r"\{\{<\s*meta\s+results\.(\w+)\s*>\}\}")


def pdf_text(path: Path) -> str:
    text = " ".join(page.extract_text() for page in PdfReader(path).pages)
    return re.sub(r"\s+", " ", text.replace("\u00ad", ""))


def meta(out: Path, lang: str) -> dict:
    """The named values as the edition prints them."""
    values = yaml.safe_load((out / "results" / f"meta-{lang}.yml").read_text(encoding="utf-8"))["results"]
    return {name: printed(value) for name, value in values.items()}


def used_keys(out: Path, lang: str) -> set[str]:
    """The results the edition's prose quotes (conditional passages resolved as the build decided)."""
    full = yaml.safe_load((out / "results" / f"meta-{lang}.yml").read_text(encoding="utf-8"))
    source = resolve_conditionals((paths.REPORT / f"{EDITIONS[lang]}.qmd").read_text(encoding="utf-8"), full)
    return set(META.findall(source))


def test_all_outputs_exist(out):
    for stem in EDITIONS.values():
        assert (out / f"{stem}.pdf").read_bytes()[:5] == b"%PDF-"
        html = (out / f"{stem}.html").read_text(encoding="utf-8")
        assert html.startswith("<!DOCTYPE html>")


@pytest.mark.parametrize("lang", EDITIONS)
def test_pdf_shows_release_and_every_number_of_the_prose(out, lang):
    pdf = out / f"{EDITIONS[lang]}.pdf"
    text = pdf_text(pdf) + " " + " ".join(figure_alt_texts(pdf))  # the figures' alt text quotes results too
    values = meta(out, lang)
    assert FIRST_RELEASE in text
    assert values["release_sha256"][:12] in text  # the citation gives the checksum's first 12 digits
    missing = {k: values[k] for k in used_keys(out, lang) if values[k] not in text}
    assert not missing, missing


@pytest.mark.parametrize("lang", EDITIONS)
def test_headline_figures_match_the_build_results(out, lang):
    """The figures the pipeline issue names: Defensoría's 9-10 Jan tolls and the seed's claims."""
    raw = json.loads((out / "results" / "values.json").read_text())
    assert raw["defensoria_first_seed_date"]["value"] == "2023-01-09"
    assert raw["defensoria_last_seed_date"]["value"] == "2023-01-10"
    assert (raw["defensoria_first_seed"]["value"], raw["defensoria_last_seed"]["value"]) == (46, 47)
    assert (raw["seed_juliaca_deaths"]["value"], raw["seed_juliaca_injured"]["value"]) == (17, 68)
    assert (raw["seed_ayacucho_deaths"]["value"], raw["seed_ayacucho_injured"]["value"]) == (10, 52)
    assert raw["seed_national"]["value"] == 46
    text = pdf_text(out / f"{EDITIONS[lang]}.pdf")
    word = "Defensoría del Pueblo"
    assert word in text and "Peoples Dispatch" in text


SUMMARY = {"en": ("This report describes data release", "Context"), "es": ("Este informe describe", "Contexto")}
INCIDENTS = {"en": "fatal incidents", "es": "hechos fatales"}


@pytest.mark.parametrize("lang", EDITIONS)
def test_headline_comparisons_print_person_and_incident_level_ratios(out, lang):
    """Issue 17: the summary and the comparisons table give each headline ratio counted in deaths and in
    fatal incidents, side by side, with the incident-level interval labelled as such."""
    values = meta(out, lang)
    text = pdf_text(out / f"{EDITIONS[lang]}.pdf")
    start = text.index(SUMMARY[lang][0])
    summary = text[start : text.index(SUMMARY[lang][1], start)]
    for person, incident in (("top_rate_rr_rest", "top_rate_inc_rr"), ("indig_rate_ratio", "indig_inc_rr")):
        at = summary.index(f" {values[person]} ")
        assert f" {values[incident]} " in summary[at:], (person, incident)
        assert INCIDENTS[lang] in summary[at:]
    table = printed((out / "results" / lang / "tables" / "comparisons.md").read_text(encoding="utf-8"))
    rows = [[c.strip() for c in line.strip("|").split("|")] for line in table.splitlines() if line.startswith("| ")]
    by_unit = {}
    for row in rows[1:]:
        by_unit.setdefault(row[1], []).append(row[4])
    deaths_word = {"en": "deaths", "es": "muertes"}[lang]
    assert values["top_rate_rr_rest"] in by_unit[deaths_word] and values["indig_rate_ratio"] in by_unit[deaths_word]
    assert by_unit[INCIDENTS[lang]] == [values["top_rate_inc_rr"], values["indig_inc_rr"]]
    for key in ("top_rate_inc_rr_low", "top_rate_inc_rr_high", "indig_inc_rr_low", "indig_inc_rr_high"):
        assert values[key] in table


@pytest.mark.parametrize("lang", EDITIONS)
def test_victims_table_lists_every_victim(out, lang):
    from analysis.release.load import load_release

    text = pdf_text(out / f"{EDITIONS[lang]}.pdf")
    victims = load_release(FIRST_RELEASE)["victims"]
    missing = [v for v in victims["victim_id"] if v not in text]
    assert not missing


@pytest.mark.parametrize("lang", EDITIONS)
def test_data_dictionary_covers_every_field(out, lang):
    """Every field of the release's own schemas (2023-01-10 predates the sources' copy fields: it has none of them).

    This test passed before on the fields added since only because the working changelog, which the appendix
    printed then, named them."""
    text = pdf_text(out / f"{EDITIONS[lang]}.pdf").replace(" ", "")
    package = json.loads((out / "data" / "datapackage.json").read_text(encoding="utf-8"))
    fields = {
        f["name"] for resource in package["resources"] if "schema" in resource for f in resource["schema"]["fields"]
    }
    assert len(fields) > 60 and not [f for f in fields if f not in text]
    assert not {"copy_url", "read_date"} & fields


@pytest.mark.parametrize("lang", EDITIONS)
def test_no_placeholder_or_untranslated_markers(out, lang):
    text = pdf_text(out / f"{EDITIONS[lang]}.pdf")
    for marker in ("?meta", "??", "{{<", "@fig-", "@tbl-", "TODO", "[citation"):
        assert marker not in text
    if lang == "es":
        for english in ("Figure ", "Table ", "Deaths per", "This record", "Reported by"):
            assert english not in text


@pytest.mark.parametrize("lang", EDITIONS)
def test_pdf_metadata(out, lang):
    reader = PdfReader(out / f"{EDITIONS[lang]}.pdf")
    assert "Castillo" in reader.metadata.title
    assert "Defensoría del Pueblo" in reader.metadata.get("/Keywords", "")
    assert reader.trailer["/Root"].get("/Lang", "").startswith(lang)


@pytest.mark.parametrize("lang", EDITIONS)
def test_html_has_numbered_cross_references_and_no_remote_resources(out, lang):
    html = (out / f"{EDITIONS[lang]}.html").read_text(encoding="utf-8")
    word = {"en": "Figure", "es": "Figura"}[lang]
    assert f'<a href="#fig-cumulative">{word}\u00a01</a>' in html
    assert meta(out, lang)["release_sha256"] in html
    assert not re.search(r'<(script|link|img)[^>]+(src|href)="https?://', html)


def rendered_files(out: Path) -> dict[str, bytes]:
    """The PDF and HTML of every document (both editions of the report and of the case files), by name."""
    return {
        f"{stem}.{ext}": (out / f"{stem}.{ext}").read_bytes()
        for stem in paths.DOCUMENTS.values()
        for ext in ("pdf", "html")
    }


def test_rendering_twice_gives_identical_bytes(out, build_root):
    before = rendered_files(out)
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("PERU_PROTESTS_BUILD", str(build_root))
        render(FIRST_RELEASE, force=True, engine="offline")
    assert rendered_files(out) == before and len(before) == 8


def test_changing_a_value_in_a_copy_changes_the_pdf(tmp_path, out):
    copy = tmp_path / "copy"
    shutil.copytree(paths.RELEASES / FIRST_RELEASE, copy)
    set_cell("victims", 0, "category", "roadblock_related")(copy)
    rehash(copy)
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("PERU_PROTESTS_BUILD", str(tmp_path / "build"))
        render(copy, engine="offline")

    def raw(folder: Path) -> dict:
        return json.loads((folder / "results" / "values.json").read_text(encoding="utf-8"))

    before, after = raw(out), raw(tmp_path / "build" / FIRST_RELEASE)
    n = after["deaths_roadblock_related"]["value"]
    assert n == before["deaths_roadblock_related"]["value"] + 1
    text = pdf_text(tmp_path / "build" / FIRST_RELEASE / "report.pdf")
    assert f"{n} deaths linked to roadblocks" in text


def test_command_line_exit_status_and_output(build_root, out):
    """`python -m analysis` as users run it: outputs listed, errors as exit 1."""
    env = {**os.environ, "PERU_PROTESTS_BUILD": str(build_root)}
    command = [sys.executable, "-m", "analysis", "render", "--engine", "offline", "--release"]
    done = subprocess.run([*command, FIRST_RELEASE], env=env, capture_output=True, text=True, cwd=paths.ROOT)
    assert done.returncode == 0, done.stderr
    written = [f"wrote {out / f'{stem}.{ext}'}" for stem in paths.DOCUMENTS.values() for ext in ("pdf", "html")]
    assert done.stdout.splitlines() == written
    failed = subprocess.run([*command, "1999-01-01"], env=env, capture_output=True, text=True, cwd=paths.ROOT)
    assert failed.returncode == 1
    assert "release '1999-01-01' is neither a folder nor a release name" in failed.stderr


def test_engine_quarto_without_quarto_says_how_to_get_it(tmp_path):
    """No `quarto` on the PATH: one line naming both ways out, exit status 1, no traceback, nothing built."""
    env = {**os.environ, "PATH": str(tmp_path), "PERU_PROTESTS_BUILD": str(tmp_path / "build")}
    command = [sys.executable, "-m", "analysis", "render", "--engine", "quarto", "--release", FIRST_RELEASE]
    done = subprocess.run(command, env=env, capture_output=True, text=True, cwd=paths.ROOT)
    assert done.returncode == 1
    assert done.stdout == ""
    assert len(done.stderr.splitlines()) == 1, done.stderr
    assert "install Quarto" in done.stderr and "--engine offline" in done.stderr
    assert not (tmp_path / "build").exists()


def test_cold_build_from_the_command_line_matches_the_build_in_process(tmp_path, out):
    """A cold `python -m analysis build` (fork server, worker processes) writes the same results as the
    build made in this process, and ends with its fork server."""
    env = {**os.environ, "PERU_PROTESTS_BUILD": str(tmp_path)}
    command = [sys.executable, "-m", "analysis", "build", "--release", FIRST_RELEASE]
    done = subprocess.run(command, env=env, capture_output=True, text=True, cwd=paths.ROOT, timeout=300)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"built {tmp_path / FIRST_RELEASE / 'results'}"
    ours, theirs = out / "results", tmp_path / FIRST_RELEASE / "results"
    files = sorted(p.relative_to(ours) for p in ours.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(theirs) for p in theirs.rglob("*") if p.is_file())
    assert all((ours / f).read_bytes() == (theirs / f).read_bytes() for f in files)


def test_rendering_a_built_release_starts_no_workers(out, build_root, monkeypatch):
    """With the results up to date, only the render runs: no fork server importing matplotlib."""
    pdf = out / "report.pdf"
    before = pdf.read_bytes()
    pdf.unlink()
    monkeypatch.setenv("PERU_PROTESTS_BUILD", str(build_root))
    monkeypatch.setattr("analysis.render.engines.Workers", lambda: pytest.fail("workers started for a built release"))
    render(FIRST_RELEASE, engine="offline")
    assert pdf.read_bytes() == before


def pandoc_fails(monkeypatch, tmp_path) -> str:
    monkeypatch.setattr("analysis.render.engines.PANDOC", [*PANDOC, "--lua-filter", "no-such-filter.lua"])
    return "pandoc failed (exit 83) on report"


def pandoc_missing(monkeypatch, tmp_path) -> str:
    def missing():
        raise OSError("No pandoc was found: either install pandoc and add it\nto your PATH or ...")

    monkeypatch.setattr("pypandoc.get_pandoc_path", missing)
    return "pandoc is not available: No pandoc was found: either install pandoc and add it to your PATH or ..."


def typst_fails_on_the_spanish_edition(monkeypatch, tmp_path) -> str:
    broken = tmp_path / "broken.typ"
    broken.write_text("#let x = (\n", encoding="utf-8")
    compile_pdf = typst.compile

    def compile_or_fail(source, **options):
        return compile_pdf(str(broken) if "report-es" in str(source) else source, **options)

    monkeypatch.setattr(typst, "compile", compile_or_fail)
    return "typst could not make the PDF of report-es.typ: "


def quarto_missing(monkeypatch, tmp_path) -> str:
    monkeypatch.setattr("analysis.render.engines.shutil.which", lambda name: None)
    return "--engine quarto needs `quarto` on the PATH"


@pytest.mark.parametrize("breakage", [pandoc_fails, pandoc_missing, typst_fails_on_the_spanish_edition, quarto_missing])
def test_a_failed_render_says_why_in_one_line_and_keeps_the_last_outputs(
    out, build_root, monkeypatch, capsys, tmp_path, breakage
):
    before = rendered_files(out)
    (out / ".render-key").unlink(missing_ok=True)  # so that the render runs
    monkeypatch.setenv("PERU_PROTESTS_BUILD", str(build_root))
    expected = breakage(monkeypatch, tmp_path)
    engine = "quarto" if breakage is quarto_missing else "offline"
    code = cli.main(["render", "--release", FIRST_RELEASE, "--engine", engine])
    err = capsys.readouterr().err
    assert code == 1
    assert "Traceback" not in err
    assert err.splitlines()[-1].startswith("error: the report could not be rendered: " + expected), err
    assert rendered_files(out) == before


BOX_TITLE = {"en": "What this record counts", "es": "Qué cuenta este registro"}
OTHER_LANGUAGE_NOTES = {
    "en": ("copia en", "título no visible", "medio no identificado", "traducción propia", "solo copia"),
    "es": ("reproducing", "mirror translated", "copy on", "copy of", "machine-translated", "copy only"),
}


@pytest.mark.parametrize("lang", EDITIONS)
def test_summary_opens_with_the_definition_box_in_both_outputs(out, lang):
    text = pdf_text(out / f"{EDITIONS[lang]}.pdf")
    summary = text.split(BOX_TITLE[lang], 1)
    assert len(summary) == 2 and {"en": "Who is counted", "es": "A quién se cuenta"}[lang] in summary[1][:200]
    html = (out / f"{EDITIONS[lang]}.html").read_text(encoding="utf-8")
    assert '<div class="callout callout-note">' in html and BOX_TITLE[lang] in html
    assert {"en": "This is the first release", "es": "Esta es la primera versión"}[lang] in text


@pytest.mark.parametrize("lang", EDITIONS)
def test_no_note_in_the_other_editions_language_and_no_changelog_file_note(out, lang):
    text = pdf_text(out / f"{EDITIONS[lang]}.pdf")
    shown = [note for note in OTHER_LANGUAGE_NOTES[lang] if note in text]
    assert not shown
    assert "CHANGELOG.es.md" not in text and "CHANGELOG.md" not in text


CUT_OFF = {
    "en": "The release is named by its cut-off date, 10 January 2023, but was made before every date in a release had "
    "to fall on or before its cut-off: some of its values are dated later, the latest on 10 January 2026.",
    "es": "La versión lleva el nombre de su fecha de corte, el 10 de enero de 2023, pero se hizo antes de que toda "
    "fecha de una versión debiera ser igual o anterior a su fecha de corte: algunos de sus valores tienen fechas "
    "posteriores, la última el 10 de enero de 2026.",
}


@pytest.mark.parametrize("lang", EDITIONS)
def test_the_cut_off_is_the_release_name_not_its_creation_date(out, lang):
    """Release 2023-01-10 was created on 26 November 2026 and cites sources published up to 10 January 2026."""
    text = pdf_text(out / f"{EDITIONS[lang]}.pdf")
    assert CUT_OFF[lang] in text
    assert {"en": "26 November 2026", "es": "26 de noviembre de 2026"}[lang] not in text.split(CUT_OFF[lang])[0][-400:]

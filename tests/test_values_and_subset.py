import datetime as dt
import json
import shutil

import pandas as pd
import pytest
import yaml

from analysis.present import i18n
from analysis.present.markdown import markdown_table
from analysis.present.values import Values
from analysis.render.quarto_subset import UnsupportedQuarto, expand, mark_cross_references, resolve_conditionals


@pytest.mark.parametrize(
    ("value", "decimals", "en", "es"),
    [
        (1327, 0, "1,327", "1.327"),
        (9.5, 1, "9.5", "9,5"),
        (1234567.891, 2, "1,234,567.89", "1.234.567,89"),
        (float("nan"), 1, "–", "–"),
    ],
)
def test_number_formats_per_edition(value, decimals, en, es):
    assert i18n.number(value, "en", decimals) == en
    assert i18n.number(value, "es", decimals) == es


def test_dates_per_edition():
    day = dt.date(2023, 1, 10)
    assert i18n.date(day, "en") == "10 January 2023"
    assert i18n.date(day, "es") == "10 de enero de 2023"
    assert i18n.date_short(day, "es") == "10 ene 2023"


def test_values_write_raw_and_formatted(tmp_path):
    val = Values()
    val.number("deaths", 1327)
    val.number("share", 12.345, 1)
    val.date("day", pd.Timestamp("2023-01-10"))
    val.text("place", {"en": "Juliaca airport", "es": "Aeropuerto de Juliaca"})
    val.flag("has_thing", True)
    val.write(tmp_path)
    raw = json.loads((tmp_path / "values.json").read_text())
    assert raw["deaths"]["value"] == 1327 and raw["share"]["value"] == 12.3 and raw["day"]["value"] == "2023-01-10"
    es = yaml.safe_load((tmp_path / "meta-es.yml").read_text())
    assert es["results"] == {  # escaped as Markdown (escape.markdown_text): Pandoc and Quarto read them back
        "deaths": "1\\.327",
        "share": "12\\,3",
        "day": "10 de enero de 2023",
        "place": "Aeropuerto de Juliaca",
    }
    assert es["has_thing"] is True


def test_a_value_from_the_data_reads_back_literally_from_the_metadata_and_the_prose(tmp_path):
    from test_present_escape import ast, inline_text

    name = "*Ana* [@key] {{< meta results.other >}} $x$ <img src=x onerror=alert(1)> 47."
    val = Values()
    val.text("name", name)
    val.text("other", "secret")
    val.write(tmp_path, ("en",))
    meta = yaml.safe_load((tmp_path / "meta-en.yml").read_text(encoding="utf-8"))
    body = expand("Name: {{< meta results.name >}} end", meta, tmp_path, "doc.qmd")
    front = yaml.safe_dump({"title": meta["results"]["name"]}, allow_unicode=True, width=10_000)
    doc = ast(f"---\n{front}---\n\n{body}\n")
    assert inline_text(doc["meta"]["title"]["c"]) == (name, set())
    assert inline_text(doc["blocks"][0]["c"]) == (f"Name: {name} end", set())


def test_values_refuse_duplicate_names():
    val = Values()
    val.number("x", 1)
    with pytest.raises(KeyError):
        val.number("x", 2)


def test_markdown_table_formats_cells_and_labels():
    frame = pd.DataFrame({"name": ["Puno", "A|B"], "rate": [2.6895, 0.5], "day": pd.to_datetime(["2023-01-09", None])})
    text = markdown_table(frame, ["Department", "Rate", "Date"], "Caption", "tbl-x", "es", decimals={"rate": 2})
    lines = text.splitlines()
    assert lines[0] == "| Department | Rate | Date |"
    assert lines[2] == "| Puno | 2,69 | 9 ene 2023 |"
    assert lines[3] == "| A\\|B | 0,50 | – |"
    assert lines[-1] == ": Caption {#tbl-x}"


def test_markdown_table_refuses_empty_tables():
    with pytest.raises(ValueError, match="tbl-x is empty"):
        markdown_table(pd.DataFrame({"a": []}), ["A"], "c", "tbl-x", "en")


META = {"results": {"total": "47", "share": "\\(7\\)", "name": "Juliaca"}, "flag_on": True, "flag_off": False}


def test_expand_inserts_meta_values_as_written_and_includes_files(tmp_path):
    """Values are escaped once, where meta-<lang>.yml is written (Quarto reads that file as Markdown too)."""
    (tmp_path / "part.md").write_text("Included {{< meta results.name >}}.\n")
    out = expand(
        "Total: {{< meta results.total >}} {{< meta results.share >}}\n\n{{< include part.md >}}",
        META,
        tmp_path,
        "doc.qmd",
    )
    assert out == "Total: 47 \\(7\\)\n\nIncluded Juliaca.\n"


def test_conditional_content_follows_metadata():
    text = 'a\n\n::: {.content-visible when-meta="flag_off"}\nhidden {{< meta results.missing >}}\n:::\n\nb\n'
    assert resolve_conditionals(text, META) == "a\n\n\nb\n"
    shown = '::: {.content-visible when-meta="flag_on"}\nshown\n:::\n'
    assert resolve_conditionals(shown, META) == "shown\n"
    assert resolve_conditionals('::: {.content-hidden when-meta="flag_on"}\nx\n:::\n', META) == ""


def test_conditions_nest_as_pandoc_nests_fenced_divs():
    """A closing fence closes the innermost div: a condition inside a hidden one stays hidden with it, and a
    condition's closing fence does not close the div around it (the accountability chapter nests both)."""
    inner = '::: {.content-visible when-meta="flag_on"}\nin\n:::\n'
    hidden_outer = f'::: {{.content-visible when-meta="flag_off"}}\nout\n{inner}after\n:::\nend\n'
    assert resolve_conditionals(hidden_outer, META) == "end\n"
    shown_outer = (
        f'::: {{.content-visible when-meta="flag_on"}}\nout\n{inner.replace("flag_on", "flag_off")}after\n:::\n'
    )
    assert resolve_conditionals(shown_outer, META) == "out\nafter\n"
    plain = f"::: {{.callout-note}}\n{inner}x\n:::\n"  # other divs are kept with their fences
    assert resolve_conditionals(plain, META) == "::: {.callout-note}\nin\nx\n:::\n"


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("{{< pagebreak >}}", "shortcode 'pagebreak' is not supported"),
        ("x {{< meta results.nothing >}}", "metadata key 'results.nothing' is not defined"),
        ("```{python}\n1+1\n```", "executable code cell"),
        ("::: {.callout-note}\nx\n:::", "callout block"),
        ("See @sec-intro.", "cross-reference type"),
        ("See [@tbl-b].", "a cross-reference in brackets"),
        ("See [the table, @tbl-b].", "a cross-reference in brackets"),
        ("See -@fig-a.", "with a minus"),
        ("{{< meta results.total >}}. starts a line", "a line starting with a meta shortcode"),
        ("{{< include nothere.md >}}", "included file nothere.md does not exist"),
    ],
)
def test_unsupported_quarto_stops_with_a_clear_message(tmp_path, source, message):
    with pytest.raises(UnsupportedQuarto, match=message):
        expand(source, META, tmp_path, "doc.qmd")


def test_embed_resources_inlines_stylesheet_and_images(tmp_path):
    from analysis.render.engines import embed_resources

    (tmp_path / "figures").mkdir()
    (tmp_path / "style.css").write_text("body { color: black; }\n", encoding="utf-8")
    (tmp_path / "figures" / "a.svg").write_bytes(b"<svg xmlns='http://www.w3.org/2000/svg'/>")
    page = '<link rel="stylesheet" href="style.css" />\n<p><img src="figures/a.svg" alt="A" /></p>'
    out = embed_resources(page, tmp_path)
    assert "<style>\nbody { color: black; }\n</style>" in out
    assert (
        '<img src="data:image/svg+xml;base64,PHN2ZyB4bWxucz0naHR0cDovL3d3dy53My5vcmcvMjAwMC9zdmcnLz4=" alt="A" />'
        in out
    )
    assert "href=" not in out and "figures/a.svg" not in out


@pytest.mark.parametrize("src", ["figures/missing.svg", "../outside.svg"])
def test_embed_resources_refuses_what_is_not_in_the_folder(tmp_path, src):
    from analysis.render.engines import embed_resources

    (tmp_path / "site").mkdir()
    (tmp_path / "outside.svg").write_text("<svg/>", encoding="utf-8")
    with pytest.raises(RuntimeError, match="not found"):
        embed_resources(f'<img src="{src}" alt="" />', tmp_path / "site")


XREF_DOC = """---
lang: es
offline-html:
  output: page.html
---

Véase @fig-a y @tbl-b.

![Un gráfico](a.svg){#fig-a}

::: {.note}
| x |
|---|
| 1 |

: Una tabla {#tbl-b}
:::
"""


def run_crossref(tmp_path, text: str) -> None:
    from analysis import paths
    from analysis.render.engines import pandoc

    for name in ("crossref.lua", "page-layout.lua"):  # the filter and the layout module it loads
        shutil.copy(paths.REPORT / name, tmp_path)
    (tmp_path / "doc.md").write_text(mark_cross_references(text), encoding="utf-8")
    filters = ["--citeproc", "--lua-filter", "crossref.lua"]
    pandoc(["doc.md", "--from", "markdown", *filters, "--to", "typst", "-o", "doc.typ"], tmp_path)


def test_cross_references_are_marked_and_escaped_text_is_left_alone(tmp_path):
    marked = mark_cross_references("See @fig-a, (@tbl-b-2). Not \\@fig-c, a@fig-d.org or @figure.")
    assert marked == (
        'See [\\@fig-a]{.xref target="fig-a"}, ([\\@tbl-b-2]{.xref target="tbl-b-2"}). '
        "Not \\@fig-c, a@fig-d.org or @figure."
    )
    escaped_data = "\\[\\@tbl\\-b\\]"  # a data text, escaped as escape.markdown_text escapes it
    assert expand(escaped_data, META, tmp_path, "doc.qmd") == escaped_data
    assert mark_cross_references(escaped_data) == escaped_data


def test_crossref_numbers_html_and_leaves_typst_its_labels(tmp_path):
    run_crossref(tmp_path, XREF_DOC)
    page = (tmp_path / "page.html").read_text(encoding="utf-8")
    assert '<a href="#fig-a">Figura\u00a01</a>' in page and '<a href="#tbl-b">Tabla\u00a01</a>' in page
    assert "Figura\u00a01: Un gráfico" in page and "Tabla\u00a01: Una tabla" in page
    typ = (tmp_path / "doc.typ").read_text(encoding="utf-8")
    assert "Véase @fig-a y @tbl-b." in typ


def test_crossref_to_a_missing_label_stops_the_render(tmp_path):
    with pytest.raises(RuntimeError, match="reference to unknown label @fig-missing"):
        run_crossref(tmp_path, XREF_DOC.replace("@fig-a", "@fig-missing"))


def test_titled_note_box_is_the_one_callout_the_offline_renderer_draws(tmp_path):
    box = '::::: {.callout-note title="What this record counts"}\nText.\n:::::\n'
    assert expand(box, META, tmp_path, "doc.qmd") == box
    for other in ('::: {.callout-warning title="x"}\ny\n:::', "::: {.callout-note}\ny\n:::"):
        with pytest.raises(UnsupportedQuarto, match="callout block other than"):
            expand(other, META, tmp_path, "doc.qmd")


def test_a_count_given_as_a_bound_prints_the_bound_and_keeps_its_number():
    val = Values()
    val.count("seed_deaths", 17, "death", qualifier="at_least")
    assert (val.formatted("en")["seed_deaths"], val.formatted("es")["seed_deaths"]) == (
        "at least 17 deaths",
        "al menos 17 muertes",
    )
    assert val.items["seed_deaths"].plain() == 17  # values.json keeps the number

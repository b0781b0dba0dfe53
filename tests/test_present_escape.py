"""Data text made literal: hostile strings go through the real Pandoc (and Typst) and come out as text."""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
from html.parser import HTMLParser

import pypandoc
import pytest
import typst
import yaml
from pypdf import PdfReader

from analysis import paths
from analysis.present.escape import (
    Markdown,
    csl_item,
    html_text,
    markdown_cell,
    markdown_citation,
    markdown_code,
    markdown_text,
    safe_url,
    typst_text,
)

PAYLOADS = [
    "<img src=x onerror=alert(1)>",
    "<script>alert(1)</script>",
    '<a href="javascript:alert(1)">x</a>',
    "[click](javascript:alert(1))",
    "<javascript:alert(1)>",
    "*em* and **strong**",
    "_em_ and __strong__",
    "[link](http://x)",
    "![img](x.png)",
    "[@key]",
    "@key",
    "@fig-x and @tbl-y",
    "$x$ and $$y$$",
    "\\(x\\)",
    "{{< meta title >}}",
    "{{{< include x.md >}}}",
    "a >}} b {{<",
    "#set text(red)",
    "#[x]",
    "$ x $",
    "// comment /* block */",
    "a\\b\\",
    "\\",
    "C:\\new\\table",
    "&amp; &lt;b&gt; &#60;",
    "<!-- hidden -->",
    "`code` and ```fence```",
    "~~strike~~ ^sup^ ~sub~",
    "-- and --- and 'single' \"double\"",
    "1. not a list",
    "1) not a list",
    "- not a list",
    "+ not a list",
    "* not a list",
    "# not a heading",
    "> not a quote",
    ": not a definition",
    "::: {.callout-note}",
    "{#id .class key=value}",
    "[text]{.underline}",
    "| a | b |",
    "a|b\\|c",
    "[^note]",
    "<http://example.org>",
    "http://example.org/a_b_c",
    ":smile:",
    "\\textbf{x} \\begin{center} \\\\",
    "<div>block</div>",
    "Quispe Garfías, Ñaña (Juliaca)",
    "x" * 300,
]
INLINE_MARKUP = {
    "Emph",
    "Strong",
    "Link",
    "Image",
    "RawInline",
    "Math",
    "Cite",
    "Span",
    "Code",
    "Quoted",
    "Note",
    "Superscript",
    "Subscript",
    "Strikeout",
    "SmallCaps",
    "Underline",
    "LineBreak",
}


def pandoc(markdown: str, to: str, *args: str) -> str:
    proc = subprocess.run(
        [pypandoc.get_pandoc_path(), "--from", "markdown", "--to", to, "--wrap", "none", *args],
        input=markdown,
        capture_output=True,
        text=True,
        check=True,
    )
    assert "WARNING" not in proc.stderr, proc.stderr
    return proc.stdout


def inline_text(inlines: list) -> tuple[str, set[str]]:
    """The text of Pandoc inlines (Str and Space) and the types of any other inline met.

    The raw inline that splits `{{<` and `>}}` (escape.SHORTCODE_GUARD) is no output's: it counts as nothing.
    """
    text, other = [], set()
    for node in inlines:
        if node["t"] == "RawInline" and node["c"][0] == "shortcode-guard":
            continue
        if node["t"] == "Str":
            text.append(node["c"])
        elif node["t"] in ("Space", "SoftBreak"):
            text.append(" ")
        else:
            other.add(node["t"])
    return "".join(text), other


def ast(markdown: str) -> dict:
    return json.loads(pandoc(markdown, "json"))


def document(value: str) -> str:
    """The value in every place the build writes data text: metadata, paragraph, table cell, caption."""
    text = markdown_text(value)
    meta = yaml.safe_dump({"title": text}, allow_unicode=True, width=10_000)
    return f"---\n{meta}---\n\nBefore {text} after.\n\n| A | B |\n|:--|--:|\n| {text} | 1 |\n\n: {text} {{#tbl-x}}\n"


def cell_inlines(table: dict) -> list:
    body = table["c"][4][0][3]  # bodies -> first body -> rows
    return body[0][1][0][4][0]["c"]  # first row -> cells -> first cell -> blocks -> Plain


@pytest.mark.parametrize("value", PAYLOADS)
def test_markdown_text_reads_back_as_the_same_characters_in_every_place(value):
    doc = ast(document(value))
    places = {
        "metadata": doc["meta"]["title"]["c"],
        "paragraph": doc["blocks"][0]["c"],
        "table cell": cell_inlines(doc["blocks"][1]),
        "caption": doc["blocks"][1]["c"][1][1][0]["c"],
    }
    assert [b["t"] for b in doc["blocks"]] == ["Para", "Table"]
    for place, inlines in places.items():
        if place == "paragraph":
            inlines = inlines[2:-2]  # "Before " ... " after."
        text, markup = inline_text(inlines)
        assert not markup, (place, markup)
        assert text == value, place


def test_markdown_text_turns_line_breaks_into_spaces():
    assert markdown_text("one\ntwo\r\nthree\tfour") == "one two  three four"
    cell = markdown_text("a\n| b |")
    doc = ast("| A |\n|---|\n| " + cell + " |\n")
    assert inline_text(cell_inlines(doc["blocks"][0])) == ("a | b |", set())


def test_markdown_code_shows_identifiers_as_code_and_anything_else_as_text():
    doc = ast(f"{markdown_code('date_died')} {markdown_code('`x` {{< meta a >}}')} {markdown_code('a b')}")
    inlines = doc["blocks"][0]["c"]
    assert inlines[0] == {"t": "Code", "c": [["", [], []], "date_died"]}
    assert inline_text(inlines[2:]) == ("`x` {{< meta a >}} a b", set())
    assert markdown_cell(markdown_code("date_died")) == "`date_died`"


def test_markdown_cell_keeps_markdown_the_code_wrote_and_escapes_data():
    assert markdown_cell(Markdown("[@src-1]")) == "[@src-1]"
    assert markdown_cell("[@src-1]") == "\\[\\@src\\-1\\]"
    assert markdown_cell(3) == "3"


def test_markdown_citation_cites_source_ids_and_shows_anything_else_as_text():
    assert markdown_citation("src-1;src-2") == "[@src-1; @src-2]"
    assert isinstance(markdown_citation("src-1"), Markdown)
    for hostile in ("a]{.x} [@b", "a; @b", "a;<b>", "A", "a b"):
        cited = markdown_citation(hostile)
        assert not isinstance(cited, Markdown) and cited == markdown_text(hostile)
        assert inline_text(ast(cited)["blocks"][0]["c"]) == (hostile, set())


def test_markdown_table_escapes_text_cells_and_keeps_citations_numbers_and_widths():
    import pandas as pd

    from analysis.present.markdown import markdown_table

    names, sources = ["*Ana* <b>x</b>", "*Luz* <i>y</i>"], [Markdown("[@a]"), "[@b]"]
    frame = pd.DataFrame({"name": names, "n": [1234, None], "src": sources})
    text = markdown_table(frame, ["Name", "N", "Source"], "Caption", "tbl-x", "en")
    lines = text.splitlines()
    assert lines[1] == "|:" + "-" * 16 + "|" + "-" * 9 + ":|:" + "-" * 9 + "|"  # widths of the text as printed
    assert lines[2] == "| \\*Ana\\* \\<b\\>x\\<\\/b\\> | 1,234 | [@a] |"
    assert lines[3] == "| \\*Luz\\* \\<i\\>y\\<\\/i\\> | – | \\[\\@b\\] |"


class Elements(HTMLParser):
    """Every element and attribute of a page, and its text."""

    def __init__(self, page: str):
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, list]] = []
        self.text: list[str] = []
        self.feed(page)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, attrs))

    def handle_startendtag(self, tag, attrs):
        self.elements.append((tag, attrs))

    def handle_data(self, data):
        self.text.append(data)

    def handle_comment(self, data):
        self.elements.append(("!--", [("comment", data)]))


def test_markdown_text_gives_html_with_no_element_or_attribute_from_the_data():
    baseline = Elements(pandoc(document("plain"), "html5", "--standalone")).elements
    tags = {tag for tag, _ in baseline} | {"colgroup", "col"}  # column widths, when a cell is long
    attributes = {attr for _, attrs in baseline for attr in attrs}
    for value in PAYLOADS:
        page = Elements(pandoc(document(value), "html5", "--standalone"))
        assert {tag for tag, _ in page.elements} <= tags, value
        for tag, attrs in page.elements:
            for name, text in attrs:
                assert (name, text) in attributes or (tag == "col" and re.fullmatch(r"width: \d+%", text)), value
        text = "".join(page.text)
        assert text.count(value) >= 4, value  # title (twice: <title> and the heading), paragraph, cell, caption


def pdf_text(typst_source: str, tmp_path) -> str:
    path = tmp_path / "doc.typ"
    path.write_text(typst_source, encoding="utf-8")
    pdf = typst.compile(str(path))
    return " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages).split())


# Pandoc's Typst writer (3.9) leaves Typst shorthands in text: "..." prints an ellipsis, "-?" a soft
# hyphen; and it does not escape "-", "+" or "=" at the start of a table cell (a list item or a heading:
# report/crossref.lua escapes those).
TYPST_WRITER_GAPS = ("...", "-?")


def test_markdown_text_prints_literally_in_the_pdf_by_pandoc_and_typst(tmp_path):
    values = [v for v in PAYLOADS if not any(gap in v for gap in TYPST_WRITER_GAPS)]
    body = "\n\n".join(f"{i}: {markdown_text(v)} :end" for i, v in enumerate(values))
    text = pdf_text(pandoc(body, "typst", "--standalone"), tmp_path)
    for i, value in enumerate(values):
        assert f"{i}: {value} :end" in text, value


CELL_STARTS = ["- x", "+ x", "= x", "== x", "/ term: x", "1. x", "12. x", "-x", "1.5 x", "-"]


def test_crossref_filter_keeps_list_and_heading_markers_at_the_start_of_a_cell_literal(tmp_path):
    rows = "".join(f"| {i}: | {markdown_text(v)} |\n" for i, v in enumerate(CELL_STARTS))
    markdown = "| A | B |\n|---|---|\n" + rows
    filters = ["--lua-filter", str(paths.REPORT / "crossref.lua")] * 2
    plain = pdf_text(pandoc(markdown, "typst", "--standalone"), tmp_path)
    assert "- x" not in plain  # Pandoc alone: the cell became a list item
    text = pdf_text(pandoc(markdown, "typst", "--standalone", *filters), tmp_path)
    for i, value in enumerate(CELL_STARTS):
        assert f"{i}: {value}" in text, value


def test_typst_text_prints_any_string_literally(tmp_path):
    values = [*PAYLOADS, "... -? = heading", 'quote " and \\u{41}', "- list", "= heading"]
    body = "\n\n".join(f"{i}: {typst_text(v)} :end" for i, v in enumerate(values))
    text = pdf_text(body, tmp_path)
    for i, value in enumerate(values):
        assert f"{i}: {value} :end" in text, value


def test_html_text_escapes_text_and_attribute_values():
    for value in PAYLOADS:
        page = Elements(f'<p title="{html_text(value)}">{html_text(value)}</p>')
        assert page.elements == [("p", [("title", value)])]
        assert "".join(page.text) == value


@pytest.mark.parametrize(
    ("url", "kept"),
    [
        ("https://www.defensoria.gob.pe/informe.pdf", True),
        ("http://example.org/a?b=1&c=2#x", True),
        ("HTTPS://EXAMPLE.ORG/", True),
        ("javascript:alert(1)", False),
        ("JavaScript:alert(1)", False),
        (" javascript:alert(1)", False),
        ("data:text/html,<script>alert(1)</script>", False),
        ("file:///etc/passwd", False),
        ("ftp://example.org/x", False),
        ("//example.org/x", False),
        ("/relative/path", False),
        ("https://", False),
        ("https://exa mple.org", False),
        ("https://example.org/\x00", False),
        ('https://example.org/" onmouseover="alert(1)', False),
        ("https://[::1", False),
        (None, False),
        (float("nan"), False),
    ],
)
def test_safe_url_keeps_only_http_and_https_addresses(url, kept):
    assert safe_url(url) == (url if kept else None)


def test_csl_item_makes_a_yaml_bibliography_literal(tmp_path):
    title = "<img src=x onerror=alert(1)> <i>it</i> *em* [@b] $x$ &amp; {{< meta title >}}"
    items = [
        csl_item(
            {
                "id": "src-1",
                "type": "report",
                "title": title,
                "publisher": "P<script>alert(1)</script>",
                "author": [{"literal": "<b>O'Brien</b> & _Co_"}],
                "URL": "https://example.org/a_b?x=1&y=*2*",
                "language": "es",
                "issued": {"date-parts": [[2023, 1, 2]]},
            }
        ),
        csl_item({"id": "src-2", "type": "report", "title": "T", "URL": "javascript:alert(1)"}),
    ]
    assert "URL" not in items[1]
    (tmp_path / "refs.yaml").write_text(yaml.safe_dump({"references": items}, allow_unicode=True), encoding="utf-8")
    md = "---\nbibliography: refs.yaml\nnocite: '@*'\n---\n\nText.\n"
    html = pandoc(
        md, "html5", "--citeproc", "--csl", str(paths.REPORT / "numeric.csl"), "--resource-path", str(tmp_path)
    )
    page = Elements(html)
    text = " ".join("".join(page.text).split())
    for literal in (title, "P<script>alert(1)</script>", "<b>O'Brien</b> & _Co_", "https://example.org/a_b?x=1&y=*2*"):
        assert literal in text
    tags = {tag for tag, _ in page.elements}
    assert tags <= {"p", "div", "span", "a"}, tags
    hrefs = [dict(attrs)["href"] for tag, attrs in page.elements if tag == "a"]
    assert hrefs == ["https://example.org/a_b?x=1&y=*2*"]


def test_a_figure_draws_dollar_signs_and_tex_from_the_data_as_text(tmp_path):
    """matplotlib would read `$...$` as TeX math (and stop on math it cannot parse); the style turns that off."""
    import xml.etree.ElementTree as ET

    from analysis.present.figures import style

    name = "Event $\\foo{$ & <b>$x$</b>"
    fig, ax = style.figure()
    ax.set_title(name)
    svg = style.save(fig, tmp_path / "f.svg")
    texts = ["".join(e.itertext()) for e in ET.parse(str(svg)).getroot().iter("{http://www.w3.org/2000/svg}text")]
    assert name in texts  # figure text is SVG text: the title is there character for character, not as math
    assert "<dc:title>Event $\\foo{$ &amp; &lt;b&gt;$x$&lt;/b&gt;</dc:title>" in svg.read_text(encoding="utf-8")


QUARTO_PAYLOADS = [
    "<img src=x onerror=alert(1)>",
    "*em* [@key] $x$ @tbl-x",
    "{{< meta results.secret >}}",
    "{{{< meta results.secret >}}}",
    "{{</* meta results.secret */>}}",
    "a >}} b",
    "[a](javascript:alert(1))",
]


@pytest.mark.skipif(shutil.which("quarto") is None, reason="quarto is not installed")
def test_values_tables_and_bibliography_are_literal_under_quarto(tmp_path):
    """Quarto reads metadata, included tables and the bibliography as Markdown, and looks for shortcodes in the
    parsed metadata too: each payload is shown as its characters, nothing is expanded, the render does not stop."""
    import pandas as pd

    from analysis.present.markdown import markdown_table
    from analysis.present.references import csl_yaml
    from analysis.present.values import Values

    values = Values()
    for i, payload in enumerate(QUARTO_PAYLOADS):
        values.text(f"v{i}", payload)
    values.text("secret", "SECRET")
    values.write(tmp_path / "results", ("en",))
    frame = pd.DataFrame({"name": QUARTO_PAYLOADS, "n": range(len(QUARTO_PAYLOADS))})
    (tmp_path / "table.md").write_text(markdown_table(frame, ["Name", "N"], "Caption", "tbl-x", "en"))
    sources = pd.DataFrame(
        {"source_id": ["k"], "kind": ["media"], "title": [" ".join(QUARTO_PAYLOADS)], "publisher": ["P"]}
        | {"language": ["en"], "url": ["javascript:alert(1)"], "date_published": ["2023-01-02"], "author": ["A"]}
    )
    (tmp_path / "results" / "references.yaml").write_text(csl_yaml(sources), encoding="utf-8")
    prose = "\n\n".join(f"Value {i}: {{{{< meta results.v{i} >}}}} end." for i in range(len(QUARTO_PAYLOADS)))
    (tmp_path / "doc.qmd").write_text(
        "---\ntitle: T\nmetadata-files: [results/meta-en.yml]\nbibliography: results/references.yaml\n"
        f"nocite: '@*'\nformat: html\n---\n\n{prose}\n\n{{{{< include table.md >}}}}\n",
        encoding="utf-8",
    )
    proc = subprocess.run(["quarto", "render", "doc.qmd", "--to", "html"], cwd=tmp_path, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr[-2000:]
    page = Elements((tmp_path / "doc.html").read_text(encoding="utf-8"))
    text = " ".join("".join(page.text).split())
    for i, payload in enumerate(QUARTO_PAYLOADS):
        assert f"Value {i}: {payload} end." in text
        assert f"{payload} {i}" in text  # the table row
    assert " ".join(QUARTO_PAYLOADS).lower() in text.lower()  # the bibliography (the style title-cases English)
    assert "SECRET" not in text
    for tag, attrs in page.elements:
        assert tag != "img" and not [name for name, _ in attrs if name.startswith("on")], (tag, attrs)
        assert not any(name == "href" and "javascript" in (value or "") for name, value in attrs), (tag, attrs)


def test_the_bibliography_file_escapes_every_source_and_links_only_web_addresses():
    import pandas as pd

    from analysis.present.references import csl_yaml

    sources = pd.DataFrame(
        {
            "source_id": ["a", "b"],
            "kind": ["media", "ngo"],
            "title": ["*T* <b>x</b>", "Plain"],
            "publisher": ["P [@a]", "(medio no identificado)"],
            "language": ["es", "en"],
            "url": ["javascript:alert(1)", None],
            "copy_url": [None, "https://example.org/copy"],
            "date_published": ["2023-01-02", None],
            "author": [None, "O'Brien"],
        }
    )
    a, b = yaml.safe_load(csl_yaml(sources))["references"]
    assert a == {
        "id": "a",
        "type": "webpage",
        "title": markdown_text("*T* <b>x</b>"),
        "publisher": markdown_text("P [@a]"),
        "container-title": markdown_text("P [@a]"),
        "language": "es",
        "issued": {"date-parts": [[2023, 1, 2]]},
        "author": [{"literal": markdown_text("P [@a]")}],
    }  # no URL: a javascript: address never becomes a link
    assert "URL" not in b and b["author"] == [{"literal": "O\\'Brien"}]  # known only from a copy: not linked
    assert b["publisher"] == markdown_text("Unidentified outlet")  # never the host of the copy read


def test_a_source_cited_at_a_copy_is_marked_in_the_editions_language():
    import pandas as pd
    from conftest import printed

    from analysis.present.references import csl_references

    sources = pd.DataFrame(
        [["s-1", "media", "T", "P", None, "https://copy.example/a", "2023-01-09", None, "es"]],
        columns=["source_id", "kind", "title", "publisher", "url", "copy_url", "date_published", "author", "language"],
    )
    (en,), (es,) = csl_references(sources, "en"), csl_references(sources, "es")
    assert printed(en["note"]).startswith("copy only: ") and printed(es["note"]).startswith("solo copia: ")
    assert "URL" not in en and "URL" not in es  # the copy's host is not cited


def test_a_reference_gives_the_day_its_cited_page_was_read_in_words(tmp_path):
    import pandas as pd

    from analysis.present.references import csl_yaml

    sources = pd.DataFrame(
        {
            "source_id": ["read", "copy", "undated"],
            "kind": ["media"] * 3,
            "title": ["Read at its address", "Read on a copy", "Never dated"],
            "publisher": ["P", "Q", "R"],
            "language": ["es"] * 3,
            "url": ["https://example.org/a", "https://example.org/b", "https://example.org/c"],
            "copy_url": [None, "https://mirror.example/b", None],
            "read_date": ["2026-12-03", "2026-12-03", None],
            "date_published": ["2023-01-02", "2023-01-03", "2023-01-04"],
            "author": [None] * 3,
        }
    )
    csl = str(paths.REPORT / "numeric.csl")
    expected = {"en": "Accessed 3 December 2026", "es": "Consultado el 3 de diciembre de 2026"}
    for lang, accessed in expected.items():
        (tmp_path / "refs.yaml").write_text(csl_yaml(sources, lang), encoding="utf-8")
        document = f"---\nlang: {lang}\nnocite: '@*'\n---\n"
        text = pandoc(document, "plain", "--citeproc", "--csl", csl, "--bibliography", str(tmp_path / "refs.yaml"))
        entries = " ".join(text.split()).split(" [")
        titles = ("Read at its address", "Read on a copy", "Never dated")
        lines = {title: e for e in entries for title in titles if title in e}
        assert accessed in lines["Read at its address"]
        # the day a copy was read stays in the data release, beside the copy's address
        assert accessed not in lines["Read on a copy"] and accessed not in lines["Never dated"]

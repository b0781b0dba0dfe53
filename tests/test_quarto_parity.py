"""Quarto and the offline renderer agree: release 2023-01-10 rendered by both engines, compared.

Compared per edition: the number of PDF pages and the text of every page (whitespace normalised),
the PDF metadata (title, language, creation date), the HTML headings and captions and the number of
tables and figures, the page's one <h1> with the title block after it, its citation meta tags, the
figures' alt texts, each table's scrolling box and each figure's link, and the title page's labels
(all in the edition's language). The differences that must stay are listed in EXCEPTIONS with the
reason; nothing else may differ. tests/test_browser.py measures both engines' pages in a browser.
"""

from __future__ import annotations

import json
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
from pypdf import PdfReader

from analysis import paths
from analysis.render.quarto_subset import split_front_matter

pytestmark = pytest.mark.skipif(
    shutil.which("quarto") is None,
    reason="no `quarto` on the PATH, so only the offline renderer can be tested (README: rendering with Quarto)",
)

EDITIONS = {"en": "report", "es": "report-es"}
ENGINES = ("offline", "quarto")

# Differences between the engines' outputs that must stay, and why.
EXCEPTIONS = {
    "toc heading": (
        "Quarto's HTML page template gives its table of contents a heading (from Quarto's own translations: "
        "'Table of contents', 'Tabla de contenidos'); Pandoc's template, used offline, writes the contents "
        "without one. The heading is left out of the HTML headings compared."
    ),
    "table floats": (
        "Quarto wraps each captioned table in a <figure> (a cross-reference float) captioned by <figcaption>; "
        "Pandoc writes <table> with <caption>. Captions are compared by their text whatever element holds "
        "them, and figures are counted as images (<img>), not as <figure> elements."
    ),
}
QUARTO_TOC_HEADINGS = {"en": "Table of contents", "es": "Tabla de contenidos"}


@pytest.fixture(scope="module")
def outputs(out, quarto_out) -> dict[str, Path]:
    """The build folder of the release rendered by each engine, from the same results (conftest)."""
    return {"offline": out, "quarto": quarto_out}


def page_texts(pdf: Path) -> list[str]:
    return [re.sub(r"\s+", " ", page.extract_text().replace("\u00ad", "")).strip() for page in PdfReader(pdf).pages]


class Outline(HTMLParser):
    """Headings (h1-h3), captions (caption, figcaption) and counts of tables and images of an HTML page;
    also the order of its landmarks (h1, the title block, section headings), its citation meta tags, the
    images' alt texts and the table boxes (named by their captions) and figure links."""

    def __init__(self, page: str):
        super().__init__()
        self.headings: list[str] = []
        self.captions: list[str] = []
        self.counts = {"table": 0, "img": 0}
        self.landmarks: list[str] = []
        self.citation: list[tuple[str, str]] = []
        self.alts: list[str] = []
        self.layout = {"table-scroll": 0, "figure-full": 0}
        self.boxes: list[str] = []
        self.open: tuple[str, list[str]] | None = None
        self.hidden = 0
        self.feed(page)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        classes = (attrs.get("class") or "").split()
        if tag in self.counts:
            self.counts[tag] += 1
        if tag in ("script", "style"):
            self.hidden += 1
        if tag in ("h1", "h2", "h3", "caption", "figcaption"):
            self.open = (tag, [])
        if tag == "h1" or (tag == "h2" and "data-number" in attrs):
            self.landmarks.append(tag)
        if tag == "div" and "title-block" in classes:
            self.landmarks.append("title-block")
        if tag == "meta" and (attrs.get("name") or "").startswith("citation_"):
            self.citation.append((attrs["name"], attrs.get("content", "")))
        if tag == "img":
            self.alts.append(attrs.get("alt", ""))
        for name in self.layout:
            self.layout[name] += name in classes
        if "table-scroll" in classes:
            self.boxes.append(attrs.get("aria-label", ""))

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self.hidden -= 1
        if self.open and tag == self.open[0]:
            text = re.sub(r"\s+", " ", "".join(self.open[1])).strip()
            (self.captions if "caption" in tag else self.headings).append(text)
            self.open = None

    def handle_data(self, data):
        if self.open and not self.hidden:
            self.open[1].append(data)


def outline(folder: Path, lang: str) -> Outline:
    return Outline((folder / f"{EDITIONS[lang]}.html").read_text(encoding="utf-8"))


@pytest.mark.parametrize("lang", EDITIONS)
def test_same_pages_with_the_same_text(outputs, lang):
    offline, quarto = (page_texts(outputs[e] / f"{EDITIONS[lang]}.pdf") for e in ENGINES)
    assert len(quarto) == len(offline)
    differing = [n for n, (a, b) in enumerate(zip(offline, quarto), start=1) if a != b]
    assert not differing, f"pages whose text differs: {differing}"


@pytest.mark.parametrize("lang", EDITIONS)
def test_same_pdf_metadata_dated_by_the_release(outputs, lang):
    values = json.loads((outputs["offline"] / "results" / "values.json").read_text(encoding="utf-8"))
    created = "D:" + values["release_created"]["value"].replace("-", "") + "000000Z"
    seen = []
    for engine in ENGINES:
        reader = PdfReader(outputs[engine] / f"{EDITIONS[lang]}.pdf")
        info = reader.metadata
        seen.append((info.title, reader.trailer["/Root"].get("/Lang"), info.get("/CreationDate")))
    assert seen[0] == seen[1]
    title, language, date = seen[0]
    assert "Castillo" in title and language == lang and date == created


@pytest.mark.parametrize("lang", EDITIONS)
def test_same_html_headings_captions_tables_and_figures(outputs, lang):
    offline, quarto = (outline(outputs[e], lang) for e in ENGINES)
    # EXCEPTIONS["toc heading"]
    assert QUARTO_TOC_HEADINGS[lang] in quarto.headings
    assert [h for h in quarto.headings if h != QUARTO_TOC_HEADINGS[lang]] == offline.headings
    # EXCEPTIONS["table floats"]
    assert quarto.captions == offline.captions
    assert quarto.counts == offline.counts
    assert offline.counts["table"] >= 19 and offline.counts["img"] == 6


@pytest.mark.parametrize("lang", EDITIONS)
def test_title_page_labels_in_the_edition_language(outputs, lang):
    labels = split_front_matter((paths.REPORT / f"{EDITIONS[lang]}.qmd").read_text(encoding="utf-8"))[0]
    labels = labels["report-labels"]
    fields = split_front_matter((paths.REPORT / "report.qmd").read_text(encoding="utf-8"))[0]["report-labels"]
    assert set(labels) == set(fields)  # every edition labels the same fields
    defaults = ("Package version", "Report version", "Data release", "Release date", "How to cite", "Contents")
    for engine in ENGINES:
        title, contents = page_texts(outputs[engine] / f"{EDITIONS[lang]}.pdf")[:2]
        missing = [v for k, v in labels.items() if k != "contents" and v not in title]
        assert not missing, f"{engine}: title page lacks {missing}"
        assert labels["contents"] in contents and labels["release"] in contents  # outline title, running header
        if lang != "en":
            assert not [d for d in defaults if d in title + contents], f"{engine}: English labels in {lang}"


@pytest.mark.parametrize("lang", EDITIONS)
def test_same_page_landmarks_citation_tags_and_alt_texts(outputs, lang):
    offline, quarto = (outline(outputs[e], lang) for e in ENGINES)
    for page in (offline, quarto):  # one h1, the title; the title block after it, then the sections
        assert page.landmarks[:2] == ["h1", "title-block"] and page.landmarks.count("h1") == 1
        assert "title-block" not in page.landmarks[2:] and page.landmarks[2] == "h2"
    names = [name for name, _ in offline.citation]
    assert quarto.citation == offline.citation and names.count("citation_title") == 1
    assert quarto.alts == offline.alts and len(offline.alts) == 6 and all(offline.alts)
    for engine in ENGINES:  # every shortcode expanded, attributes included
        assert "{{<" not in (outputs[engine] / f"{EDITIONS[lang]}.html").read_text(encoding="utf-8"), engine
    for page in (offline, quarto):  # the same layout (page-layout.lua): every table boxed, every figure linked
        assert page.layout == {"table-scroll": page.counts["table"], "figure-full": page.counts["img"]}
    assert quarto.boxes == offline.boxes and all(offline.boxes)  # each box named by its table's caption


CASEFILES = {"en": "casefiles", "es": "casefiles-es"}


@pytest.mark.parametrize("lang", CASEFILES)
def test_case_files_have_the_same_pages_headings_and_anchors(outputs, lang):
    """The case files (issue 26): the same pages with the same text, the same headings, each person's section
    anchored by their id; and the report's per-person table links each id to it in both engines."""
    offline, quarto = (page_texts(outputs[e] / f"{CASEFILES[lang]}.pdf") for e in ENGINES)
    assert len(quarto) == len(offline)
    assert not [n for n, (a, b) in enumerate(zip(offline, quarto), start=1) if a != b]
    pages = {e: (outputs[e] / f"{CASEFILES[lang]}.html").read_text(encoding="utf-8") for e in ENGINES}
    headings = {e: Outline(page).headings for e, page in pages.items()}
    assert [h for h in headings["quarto"] if h != QUARTO_TOC_HEADINGS[lang]] == headings["offline"]
    anchors = {e: re.findall(r'<(?:h2|section)[^>]* id="(V\d+)"', page) for e, page in pages.items()}
    assert anchors["quarto"] == anchors["offline"] and len(anchors["offline"]) > 40
    links = {
        e: re.findall(rf'href="{CASEFILES[lang]}\.html#(V\d+)"', (outputs[e] / f"{EDITIONS[lang]}.html").read_text())
        for e in ENGINES
    }
    assert links["quarto"] == links["offline"] == anchors["offline"] or sorted(links["offline"]) == sorted(
        anchors["offline"]
    )

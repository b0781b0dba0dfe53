"""One title everywhere: each edition's front matter (title and subtitle) is the title of the PDF, of the HTML
page's citation tags, of the "How to cite" text and of CITATION.cff; CITATION.cff converts cleanly."""

from __future__ import annotations

import json
import re

import pytest
import yaml
from pypdf import PdfReader

from analysis import paths

EDITIONS = {"en": "report", "es": "report-es"}


def full_title(stem: str) -> str:
    front = yaml.safe_load((paths.REPORT / f"{stem}.qmd").read_text(encoding="utf-8").split("---", 2)[1])
    return f"{front['title']}: {front['subtitle']}"


@pytest.mark.parametrize("lang", EDITIONS)
def test_pdf_page_and_citation_carry_the_edition_title(out, lang):
    stem = EDITIONS[lang]
    title = full_title(stem)
    assert PdfReader(out / f"{stem}.pdf").metadata["/Title"] == title
    page = (out / f"{stem}.html").read_text(encoding="utf-8").replace("&#x27;", "'").replace("&#39;", "'")
    assert re.search(r'<meta name="citation_title" content="([^"]*)"', page).group(1) == title
    citation = json.loads((out / "results" / "values.json").read_text(encoding="utf-8"))["citation"]["value"][lang]
    assert title in citation


def test_citation_cff_gives_the_english_title_one_licence_and_the_latest_release():
    cff = yaml.safe_load((paths.ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    assert cff["title"] == cff["preferred-citation"]["title"] == full_title("report")
    assert isinstance(cff["license"], str)  # a list became one invalid URL in cffconvert's schema.org output
    assert cff["references"][0]["version"] == paths.release_names()[-1]

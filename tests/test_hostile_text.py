"""Text in the data is text: hostile strings in every text field of a release, rendered in both editions.

Each payload must be found literally in the HTML text (parsed, not searched as a substring) and
in the PDF text, and no element or attribute from the data may exist in the page.
"""

from __future__ import annotations

import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import FIRST_RELEASE
from pypdf import PdfReader
from test_release_bad_inputs import read, rehash, write

from analysis import paths
from analysis.present.source_names import cited_publisher, publisher_name, title_text
from analysis.release.schema import TABLES
from analysis.render.engines import render

PAYLOADS = [
    "<img src=x onerror=alert(1)>",
    "<script>alert(1)</script>",
    '<a href="javascript:alert(1)">a</a>',
    "[click](javascript:alert(1))",
    "*em* _em_ **strong**",
    "[@key]",
    "@key",
    "$x$",
    "{{< meta results.release >}}",
    "#set text(red)",
    "#[x]",
    "$ x $",
    "\\textbf{x}",
    "~~s~~ ^s^",
    "| a | b |",
    "y" * 40,
]
# Fields the analysis looks values up by (department names, the Defensoría's tolls) keep their values.
KEYS = {"department", "capital", "macroregion", "reporter"}
# What each edition shows of the data (table.field), checked in both outputs.
SHOWN = {
    "en": ["victims.name", "events.name", "timeline.description_en", "claims.claimant", "claims.description_en"],
    "es": ["victims.name", "events.name_es", "timeline.description_es", "claims.claimant", "claims.description_es"],
}
SHOWN_IN_HTML = ["sources.title", "sources.publisher", "excluded.name"]
# Publisher names are shown without the notes after them (source_names: the first parenthesis, or in the
# bibliography the first parenthesis that holds a note).
SHOWN_AS = {
    "claims.claimant": publisher_name,
    "sources.publisher": cited_publisher,
    "sources.title": lambda value, lang: title_text(value),
}


def hostile_release(target: Path) -> dict[str, list[str]]:
    """A copy of the first release with a payload in every free text field (ids, codes and keys kept)."""
    shutil.copytree(paths.RELEASES / FIRST_RELEASE, target)
    values, k = {}, 0
    for name, schema in TABLES.items():
        if not (target / f"{name}.csv").is_file():  # a table added to the format after this release
            continue
        frame = read(target, name)
        for spec in schema["fields"]:
            column, cons = spec["name"], spec.get("constraints", {})
            if spec["type"] != "string" or "pattern" in cons or "enum" in cons or column in KEYS:
                continue
            if column.endswith(("_id", "url")) or column not in frame.columns:  # fields newer than the release
                continue
            cells = []
            for i, old in enumerate(frame[column]):
                cells.append(f"{PAYLOADS[k % len(PAYLOADS)]} {name}.{column}.{i}" if old else "")
                k += 1
            frame[column] = cells
            values[f"{name}.{column}"] = [c for c in cells if c]
        write(target, name, frame)
    rehash(target)
    return values


class Page(HTMLParser):
    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict]] = []
        self.text: list[str] = []
        self.hidden = 0
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))
        self.hidden += tag in ("style", "script")

    def handle_endtag(self, tag):
        self.hidden -= tag in ("style", "script")

    def handle_data(self, data):
        if not self.hidden:
            self.text.append(data)


def words(text: str) -> str:
    return " ".join(text.replace("\u00ad", "").split())


def glyphs(text: str) -> str:
    """The characters without the spaces: PDF text extraction adds one where a narrow cell wraps a line."""
    return "".join(text.replace("\u00ad", "").split())


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> tuple[Path, dict[str, list[str]]]:
    root = tmp_path_factory.mktemp("hostile")
    values = hostile_release(root / FIRST_RELEASE)
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("PERU_PROTESTS_BUILD", str(root / "build"))
        render(root / FIRST_RELEASE, engine="offline")
    return root / "build" / FIRST_RELEASE, values


@pytest.mark.parametrize("lang", ["en", "es"])
def test_hostile_text_is_shown_literally_and_never_runs(hostile, lang):
    out, values = hostile
    stem = paths.EDITIONS["report.qmd" if lang == "en" else "report-es.qmd"]
    page = Page((out / f"{stem}.html").read_text(encoding="utf-8"))
    assert not [tag for tag, _ in page.elements if tag in ("script", "iframe", "object", "embed")]
    for tag, attrs in page.elements:
        assert not [name for name in attrs if name.startswith("on")], (tag, attrs)
        for name in ("href", "src"):
            assert not re.match(r"\s*(javascript|vbscript):", attrs.get(name) or "", re.I), (tag, attrs)
        if tag == "img":
            assert attrs["src"].startswith("data:image/svg+xml;base64,"), attrs
    html_text = words("".join(page.text))
    pdf_text = glyphs(" ".join(p.extract_text() for p in PdfReader(out / f"{stem}.pdf").pages))
    shown = {field: [SHOWN_AS.get(field, lambda v, lang: v)(v, lang) for v in values[field]] for field in values}
    for field in SHOWN[lang]:
        for value in shown[field]:
            assert value in html_text, (field, value)
            assert glyphs(value) in pdf_text, (field, value)  # every character, in order (a $ or * kept)
    for field in SHOWN_IN_HTML:
        for value in shown[field]:
            assert value in html_text, (field, value)


def test_hostile_release_is_valid_and_fills_every_free_text_field(tmp_path):
    from analysis.release.load import validate_release

    values = hostile_release(tmp_path / FIRST_RELEASE)
    release, problems = validate_release(tmp_path / FIRST_RELEASE)
    assert problems == []
    assert release["victims"]["name"].dropna().tolist() == values["victims.name"]
    assert {*SHOWN["en"], *SHOWN["es"], *SHOWN_IN_HTML} <= set(values)
    assert all(values[field] for field in SHOWN["en"] + SHOWN["es"] + SHOWN_IN_HTML)

"""The rendered HTML editions as web pages: headings, citation metadata and downloads (no browser needed)."""

from __future__ import annotations

import hashlib
import html
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from conftest import FIRST_RELEASE, shown_figures

from analysis import paths

EDITIONS = {"en": "report", "es": "report-es"}


class Page(HTMLParser):
    """The start tags of a page in document order, with their attributes, and the <pre> texts."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.pre: list[str] = []
        self._in_pre = False
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag == "pre":
            self._in_pre = True
            self.pre.append("")

    def handle_endtag(self, tag):
        if tag == "pre":
            self._in_pre = False

    def handle_data(self, data):
        if self._in_pre:
            self.pre[-1] += data

    def meta(self, name: str) -> list[str]:
        return [a["content"] for t, a in self.tags if t == "meta" and a.get("name") == name]

    def index(self, tag: str, **attrs) -> int:
        return next(
            i for i, (t, a) in enumerate(self.tags) if t == tag and all(a.get(k) == v for k, v in attrs.items())
        )


def page(out: Path, lang: str) -> Page:
    return Page((out / f"{EDITIONS[lang]}.html").read_text(encoding="utf-8"))


def values(out: Path) -> dict:
    return {k: v["value"] for k, v in json.loads((out / "results" / "values.json").read_text()).items()}


def front_matter(lang: str) -> dict:
    text = (paths.REPORT / f"{EDITIONS[lang]}.qmd").read_text(encoding="utf-8")
    return yaml.safe_load(text.split("---\n")[1])


@pytest.mark.parametrize("lang", EDITIONS)
def test_one_h1_the_title_then_the_title_block_and_sections_from_h2(out, lang):
    p = page(out, lang)
    h1 = [i for i, (t, _) in enumerate(p.tags) if t == "h1"]
    assert h1 == [p.index("h1", **{"class": "title"})]
    assert h1[0] < p.index("div", **{"class": "title-block"}) < p.index("main")
    sections = [a.get("id") for t, a in p.tags if t == "h2"]
    assert sections[0] == {"en": "summary-of-key-findings", "es": "resumen-de-los-hallazgos"}[lang]
    assert {"downloads", "cite"} <= {a.get("id") for t, a in p.tags if t == "section"}


@pytest.mark.parametrize("lang", EDITIONS)
def test_contents_list_is_titled_in_the_editions_language(out, lang):
    text = (out / f"{EDITIONS[lang]}.html").read_text(encoding="utf-8")
    title = re.search(r'<p id="toc-title"[^>]*>([^<]*)</p>', text)
    assert title and title[1] == {"en": "Contents", "es": "Índice"}[lang]


@pytest.mark.parametrize("lang", EDITIONS)
def test_citation_meta_tags_come_from_the_front_matter_and_the_build(out, lang):
    p, v, front = page(out, lang), values(out), front_matter(lang)
    assert p.meta("citation_title") == [f"{front['title']}: {front['subtitle']}"]
    assert p.meta("citation_author") == front["author"]
    assert p.meta("citation_publication_date") == [v["release_created"].replace("-", "/")]
    assert p.meta("citation_language") == [lang]
    assert p.meta("citation_pdf_url") == [f"{EDITIONS[lang]}.pdf"]
    assert (out / f"{EDITIONS[lang]}.pdf").is_file()


@pytest.mark.parametrize("lang", EDITIONS)
def test_cite_block_gives_bibtex_and_csl_json_of_the_report_and_the_data(out, lang):
    v = values(out)
    package = json.loads((paths.RELEASES / FIRST_RELEASE / "datapackage.json").read_text())
    bibtex = [text for text in page(out, lang).pre if text.startswith("@")]
    csl = [json.loads(text)[0] for text in page(out, lang).pre if text.startswith("[")]
    assert [entry.split("{")[0] for entry in bibtex] == ["@techreport", "@misc"]
    assert f"version = {{{v['package_version']}}}" in bibtex[0] and v["release_sha256"] in bibtex[0]
    assert [c["type"] for c in csl] == ["report", "dataset"]
    assert csl[0]["version"] == v["package_version"] and csl[1]["version"] == package["version"] == v["release"]
    assert csl[1]["title"] == package["title"]


def test_release_data_and_results_are_published_next_to_the_page_with_true_checksums(out):
    release = paths.RELEASES / FIRST_RELEASE
    package = json.loads((release / "datapackage.json").read_text())
    names = ["datapackage.json", *(r["path"] for r in package["resources"])]
    assert sorted(p.name for p in (out / "data").iterdir()) == sorted(names)
    assert all((out / "data" / n).read_bytes() == (release / n).read_bytes() for n in names)
    sums = [line.split("  ") for line in (out / "SHA256SUMS").read_text().splitlines()]
    expected = {f"data/{n}" for n in names} | {"results/values.json", "results/datapackage.json"}
    assert expected <= {path for _, path in sums}
    assert all(hashlib.sha256((out / path).read_bytes()).hexdigest() == digest for digest, path in sums)


@pytest.mark.parametrize("lang", EDITIONS)
def test_every_download_and_figure_link_is_relative_and_found_next_to_the_page(out, lang):
    text = (out / f"{EDITIONS[lang]}.html").read_text(encoding="utf-8")
    downloads = text[text.index('<section id="downloads"') :]
    figures = re.findall(r'<a href="([^"]+)" class="figure-full"', text)
    assert len(figures) == len(shown_figures(out, lang))
    links = [html.unescape(link) for link in re.findall(r'href="([^"#][^"]*)"', downloads) + figures]
    assert not [link for link in links if "://" in link or link.startswith("/")]
    assert not [link for link in links if not (out / link).is_file()]
    listed = re.findall(r"<code>([0-9a-f]{64})</code>", downloads)
    assert hashlib.sha256((out / "data" / "victims.csv").read_bytes()).hexdigest() in listed
    assert "results/datapackage.json" in links  # the results' own data package, beside the release's


@pytest.mark.parametrize("lang", EDITIONS)
def test_page_loads_nothing_from_elsewhere(out, lang):
    p = page(out, lang)
    sources = [a["src"] for _, a in p.tags if "src" in a]
    assert sources and all(s.startswith("data:image/svg+xml;base64,") for s in sources)
    assert not [a for t, a in p.tags if t in ("link", "script") and "://" in a.get("href", a.get("src", ""))]

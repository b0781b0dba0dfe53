"""The HTML page's citation records, downloads list and fragments, on small inputs checked by hand."""

from __future__ import annotations

import hashlib
import html
import json
import re
from pathlib import Path

import pytest
from conftest import FIRST_RELEASE

from analysis.render import downloads, webpage

META = {"title": "A <b>report</b>", "subtitle": "its data", "lang": "en", "author": ["Project & co"]}
VALUES = {
    "release": {"value": "2023-01-10"},
    "package_version": {"value": "0.1.0"},
    "release_created": {"value": "2026-11-26"},
    "release_sha256": {"value": "ab" * 32},
}
PACKAGE = {"name": "pkg", "version": "2023-01-10", "title": "Deaths_100% {all}", "created": "2026-11-26T00:00:00Z"}


def test_report_record_takes_every_value_from_metadata_and_build():
    record = webpage.report_record(META, VALUES, "report")
    assert record["id"] == "report-0.1.0-2023-01-10"
    assert record["title"] == "A <b>report</b>: its data"
    assert record["author"] == [{"literal": "Project & co"}]
    assert record["issued"] == {"date-parts": [[2026, 11, 26]]}
    assert record["note"] == "Data release 2023-01-10, datapackage.json SHA-256 " + "ab" * 32


def test_bibtex_escapes_special_characters_and_keeps_a_corporate_author_whole():
    entry = webpage.bibtex(webpage.data_record(PACKAGE, META, VALUES))
    assert entry.startswith("@misc{pkg-2023-01-10,\n")
    assert "  author = {{Project \\& co}},\n" in entry
    assert "  title = {Deaths\\_100\\% \\{all\\}},\n" in entry
    assert "  date = {2026-11-26},\n" in entry and "  version = {2023-01-10},\n" in entry


def test_highwire_tags_are_escaped_and_dated_with_slashes():
    tags = webpage.highwire(webpage.report_record(META, VALUES, "report"), "report.pdf", ["a&b"])
    assert '<meta name="citation_title" content="A &lt;b&gt;report&lt;/b&gt;: its data" />' in tags
    assert '<meta name="citation_publication_date" content="2026/11/26" />' in tags
    assert '<meta name="citation_pdf_url" content="report.pdf" />' in tags
    assert '<meta name="citation_keywords" content="a&amp;b" />' in tags


def test_publish_copies_the_package_files_and_lists_their_checksums(tmp_path: Path):
    release, out = tmp_path / "release", tmp_path / "out"
    release.mkdir()
    (release / "a.csv").write_text("x\n1\n")
    (release / "stray.txt").write_text("not in the package")
    package = {"title": "T", "resources": [{"path": "a.csv", "title": "Table <a>"}]}
    (release / "datapackage.json").write_text(json.dumps(package))
    (out / "results" / "tables").mkdir(parents=True)
    (out / "results" / "values.json").write_text("{}")
    (out / "results" / "tables" / "t.csv").write_text("y\n")
    groups = downloads.publish(release, out)
    assert sorted(p.name for p in (out / "data").iterdir()) == ["a.csv", "datapackage.json"]
    assert [d.path for d in groups["data"]] == ["data/datapackage.json", "data/a.csv"]
    assert [d.path for d in groups["results"]] == ["results/values.json", "results/tables/t.csv"]
    a = groups["data"][1]
    assert (a.bytes, a.sha256, a.title) == (4, hashlib.sha256(b"x\n1\n").hexdigest(), "Table <a>")
    sums = (out / downloads.SUMS).read_text().splitlines()
    assert sums[1] == f"{a.sha256}  data/a.csv" and len(sums) == 4


def test_fragments_escape_data_strings_and_link_downloads_relatively(tmp_path: Path):
    groups = {"data": [downloads.Download("data/a.csv", 1234, "f" * 64, "<script>x</script>")], "results": []}
    other = ("report-es", {"lang": "es"})
    parts = webpage.fragments("report", META, [other], VALUES, PACKAGE, groups)
    assert "<script>" not in parts["downloads"] and "&lt;script&gt;x&lt;/script&gt;" in parts["downloads"]
    assert '<a href="data/a.csv">a.csv</a> · &lt;script&gt;x&lt;/script&gt; · 1,234 bytes' in parts["downloads"]
    assert '<a href="report-es.html" hreflang="es" lang="es">Edición en español</a>' in parts["links"]
    assert '<link rel="alternate" hreflang="es" href="report-es.html" />' in parts["head"]
    assert "Project \\&amp; co" in parts["downloads"]  # BibTeX-escaped, then HTML-escaped


def test_a_download_link_points_at_its_file_whatever_the_file_is_called():
    """A resource file named like an address (the release names its files) links to that file, never runs."""
    names = ["data/javascript:alert(1)", 'data/a b#c?d=1&e="f".csv']
    groups = {"data": [downloads.Download(name, 1, "f" * 64) for name in names], "results": []}
    page = webpage.fragments("report", META, [], VALUES, PACKAGE, groups)["downloads"]
    assert '<a href="data/javascript%3Aalert%281%29">javascript:alert(1)</a>' in page
    assert '<a href="data/a%20b%23c%3Fd%3D1%26e%3D%22f%22.csv">a b#c?d=1&amp;e=&#34;f&#34;.csv</a>' in page


CSL_TYPES = {"report", "dataset", "webpage", "article", "book"}  # CSL types Zotero's CSL JSON import accepts


@pytest.mark.parametrize("stem", ["report", "report-es"])
def test_csl_json_on_the_page_imports_the_project_as_one_institution(out, stem):
    """Zotero's Embedded Metadata translator splits the Highwire author "Peru Protest Deaths Project" into a first
    and a last name; the page's CSL-JSON (Zotero: Import from Clipboard) gives it as a literal name, which CSL
    importers keep whole as an institution."""
    page = (out / f"{stem}.html").read_text(encoding="utf-8")
    blocks = re.findall(
        r"<summary>CSL-JSON</summary>\s*<pre class=\"citation\"[^>]*><code>(.*?)</code></pre>", page, re.S
    )
    assert blocks
    for block in blocks:
        records = json.loads(html.unescape(block))
        for record in records if isinstance(records, list) else [records]:
            assert record["type"] in CSL_TYPES
            assert record["author"] and all(set(a) == {"literal"} for a in record["author"])


@pytest.mark.parametrize("stem", ["report", "report-es"])
def test_page_has_a_description_and_stable_changelog_anchors(out, stem):
    page = (out / f"{stem}.html").read_text(encoding="utf-8")
    assert re.search(r'<meta name="description" content="[^"]{80,}"', page)
    assert f'id="changelog-{FIRST_RELEASE}"' in page  # the release's entry, named by the release

"""The report's sources: no number typed into the prose, both editions quote the same results."""

from __future__ import annotations

import re

import yaml

from analysis import paths
from analysis.render.quarto_subset import FRONT_MATTER

EDITIONS = ("report.qmd", "report-es.qmd")
# Proper names and method constants that contain digits and are not results.
ALLOWED = ["100,000", "100.000", "95%", "95 %", "2017", "2021", "2022"]


def prose(name: str) -> str:
    """The body of an edition without front matter, shortcodes, includes, figure paths and labels."""
    text = FRONT_MATTER.sub("", (paths.REPORT / name).read_text(encoding="utf-8"))
    text = re.sub(r"\{\{<.*?>\}\}", " ", text)
    text = re.sub(r"\]\([^)]*\)\{#[\w-]+", "]", text)  # figure paths and labels (the alt text stays checked)
    text = re.sub(r"@(fig|tbl)-[\w-]+", " ", text)
    text = re.sub(r"\[@[^\]]+\]", " ", text)  # citations
    text = re.sub(r"`[^`]*`", " ", text)  # code (commands)
    for token in ALLOWED:
        text = text.replace(token, " ")
    return text


def test_no_number_is_typed_into_the_prose():
    for name in EDITIONS:
        digits = [m.group(0) for m in re.finditer(r"\S*\d\S*", prose(name))]
        assert not digits, f"{name}: {digits}"


def test_both_editions_quote_the_same_results():
    keys = [set(re.findall(r"meta results\.(\w+)", (paths.REPORT / n).read_text(encoding="utf-8"))) for n in EDITIONS]
    assert keys[0] == keys[1], keys[0] ^ keys[1]


def test_meta_shortcodes_are_written_without_inner_spaces():
    """`{{<meta key>}}`, not `{{< meta key >}}`: Quarto 1.10's check of the Typst output's heading levels runs
    a Pandoc pass that is slow on the spaced form (both editions, both formats: 33.6 s against 23.9 s, medians
    of three, benchmarks/run.py --only-quarto). The offline renderer reads both forms."""
    for name in EDITIONS:
        spaced = re.findall(r"\{\{<\s+meta\b[^>]*>\}\}", (paths.REPORT / name).read_text(encoding="utf-8"))
        assert not spaced, f"{name}: {spaced[:3]}"


def test_both_editions_reference_the_same_figures_and_tables():
    refs = [set(re.findall(r"@(?:fig|tbl)-[\w-]+", (paths.REPORT / n).read_text(encoding="utf-8"))) for n in EDITIONS]
    assert refs[0] == refs[1]


def test_quarto_project_uses_the_shared_typst_template():
    project = yaml.safe_load((paths.REPORT / "_quarto.yml").read_text(encoding="utf-8"))
    partials = project["format"]["typst"]["template-partials"]
    assert partials == ["typst-template.typ", "typst-show.typ"]
    offline = (paths.REPORT / "offline-template.typ").read_text(encoding="utf-8")
    assert "$typst-template.typ()$" in offline and "$typst-show.typ()$" in offline
    assert set(project["project"]["render"]) == set(paths.DOCUMENTS)  # the report's editions and the case files


def test_citation_file_matches_the_package():
    from analysis import __version__

    cff = yaml.safe_load((paths.ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    assert cff["version"] == __version__
    assert "after the fall of Pedro Castillo" in cff["title"]

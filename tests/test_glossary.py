"""Every figure the report quotes has a written definition, in both editions."""

import re

import pytest

from analysis import paths
from analysis.present import glossary

EDITIONS = {"en": "report.qmd", "es": "report-es.qmd"}


def quoted(lang: str) -> set[str]:
    """The named values an edition's prose and captions quote."""
    text = (paths.REPORT / EDITIONS[lang]).read_text(encoding="utf-8")
    return set(re.findall(r"\{\{<\s*meta results\.([a-z0-9_]+)\s*>\}\}", text))


@pytest.mark.parametrize("lang", EDITIONS)
def test_every_quoted_figure_has_a_definition(lang):
    undefined = sorted(name for name in quoted(lang) if not glossary.definitions_of(name))
    assert not undefined


@pytest.mark.parametrize("lang", EDITIONS)
def test_the_definitions_a_figure_rests_on_exist_in_the_edition(lang):
    keys = {key for _, found in glossary.DEFINED_BY for key in found}
    assert keys <= set(glossary.terms(lang))


def test_both_editions_define_the_same_terms_in_the_same_order():
    assert list(glossary.terms("en")) == list(glossary.terms("es"))


def test_definitions_leave_no_placeholder_unfilled(out):
    for lang in EDITIONS:
        text = (out / "results" / lang / "glossary.md").read_text(encoding="utf-8")
        assert "{" not in text and text.count("**") == 2 * len(glossary.terms(lang))

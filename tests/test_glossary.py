"""Every figure the report quotes has a written definition, in both editions: each named value says, where it is
recorded, which definitions of the appendix it rests on (`Value.rests_on`)."""

import re

import pytest

from analysis import paths
from analysis.compute.models import analyse
from analysis.present import glossary
from analysis.present.report import collect_values
from analysis.release.load import load_release

EDITIONS = {"en": "report.qmd", "es": "report-es.qmd"}


def quoted(lang: str) -> set[str]:
    """The named values an edition's prose and captions quote."""
    text = (paths.REPORT / EDITIONS[lang]).read_text(encoding="utf-8")
    return set(re.findall(r"\{\{<\s*meta results\.([a-z0-9_]+)\s*>\}\}", text))


@pytest.fixture(scope="module")
def recorded() -> list:
    """The named values of the latest release and of the first (each names the definitions it rests on)."""
    releases = [load_release(name) for name in (paths.release_names()[-1], "2023-01-10")]
    return [collect_values(rel, analyse(rel)).items for rel in releases]


@pytest.mark.parametrize("lang", EDITIONS)
def test_every_quoted_figure_has_a_definition(recorded, lang):
    unrecorded = sorted(name for name in quoted(lang) if not any(name in items for items in recorded))
    undefined = sorted({name for items in recorded for name in quoted(lang) & set(items) if not items[name].rests_on})
    assert not unrecorded and not undefined


@pytest.mark.parametrize("lang", EDITIONS)
def test_the_definitions_a_figure_rests_on_exist_in_the_edition(recorded, lang):
    keys = {key for items in recorded for value in items.values() for key in value.rests_on}
    assert keys and keys <= set(glossary.terms(lang))


def test_both_editions_define_the_same_terms_in_the_same_order():
    assert list(glossary.terms("en")) == list(glossary.terms("es"))


def test_definitions_leave_no_placeholder_unfilled(out):
    for lang in EDITIONS:
        text = (out / "results" / lang / "glossary.md").read_text(encoding="utf-8")
        assert "{" not in text and text.count("**") == 2 * len(glossary.terms(lang))

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
    return [collect_values(rel, analyse(rel)) for rel in releases]


@pytest.mark.parametrize("lang", EDITIONS)
def test_every_quoted_figure_has_a_definition(recorded, lang):
    unrecorded = sorted(name for name in quoted(lang) if not any(name in values.items for values in recorded))
    undefined = sorted({name for v in recorded for name in quoted(lang) & set(v.items) if not v.items[name].rests_on})
    assert not unrecorded and not undefined


@pytest.mark.parametrize("lang", EDITIONS)
def test_the_definitions_a_figure_rests_on_exist_in_the_edition(recorded, lang):
    keys = {key for values in recorded for value in values.items.values() for key in value.rests_on}
    assert keys and keys <= set(glossary.terms(lang))


def test_both_editions_define_the_same_terms_in_the_same_order():
    assert list(glossary.terms("en")) == list(glossary.terms("es"))


def test_definitions_leave_no_placeholder_unfilled(out):
    for lang in EDITIONS:
        text = (out / "results" / lang / "glossary.md").read_text(encoding="utf-8")
        assert "{" not in text and text.count("**") == 2 * len(glossary.terms(lang))


# Values recorded in a loop over the data's keys (timeline keys, tables, categories, a toll's columns): such a
# family is kept while the prose quotes any of its members.
FAMILIES = ("timeline_", "changes_", "deaths_", "phrase_", "record_at_seed_phrase_", "defensoria_last_seed_")


def printed_names() -> set[str]:
    """Every name the report prints: quoted by an edition (values and the switches of conditional passages), filled
    into a definition of the appendix, or read by the code of the title block and the page."""
    names = set()
    for lang, qmd in EDITIONS.items():
        text = (paths.REPORT / qmd).read_text(encoding="utf-8")
        names |= quoted(lang) | set(re.findall(r'(?:when|unless)-meta="(\w+)"', text))
        names |= {field for entry in glossary.terms(lang).values() for field in re.findall(r"\{(\w+)\}", entry["text"])}
    code = [paths.ROOT / "analysis" / "present" / "title_block.py", *(paths.ROOT / "analysis" / "render").glob("*.py")]
    return names | {n for path in code for n in re.findall(r'\["(\w+)"\]', path.read_text(encoding="utf-8"))}


def test_every_named_value_is_printed(recorded):
    """A value nobody prints is not computed (values.json is what the report quotes)."""
    printed = printed_names()
    names = {name for values in recorded for name in [*values.items, *values.flags]}
    kept = {f for f in FAMILIES if any(n.startswith(f) and n in printed for n in names)}
    assert sorted(n for n in names - printed if not n.startswith(tuple(kept))) == []

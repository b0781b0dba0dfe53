"""Everything the report's sections show, collected in the order of the report: the named values the prose
quotes and the Markdown tables it includes (`sections`)."""

from __future__ import annotations

from ..release.load import Release
from .sections import (
    accountability,
    context,
    events,
    people,
    regional_models,
    regions,
    release,
    seed,
    sources,
    summary,
    time,
)
from .values import Values

SECTIONS = (summary, context, seed, time, regions, regional_models, events, people, sources, accountability, release)


def collect_values(rel: Release, r: dict) -> Values:
    """Every named value the prose quotes, from the release and its results (by name)."""
    val = Values()
    for section in SECTIONS:
        section.values(val, rel, r)
    return val


def markdown_tables(rel: Release, r: dict, lang: str) -> dict[str, str]:
    """Every Markdown table of one edition, by file stem."""
    tables: dict[str, str] = {}
    for section in SECTIONS:
        for stem, text in section.tables(rel, r, lang).items():
            if stem in tables:
                raise KeyError(f"table {stem!r} made by two sections")
            tables[stem] = text
    return tables

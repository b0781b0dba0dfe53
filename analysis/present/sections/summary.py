"""Summary of key findings: the deaths in the record, by category, and the days of the first and last death."""

from __future__ import annotations

from ...compute import trajectory
from ...release.load import Release
from ...release.schema import CATEGORIES
from .. import i18n
from ..values import Values


def values(val: Values, rel: Release, r: dict) -> None:
    """Deaths in the record, overall and by category, and the dates of the first and last death."""
    v = rel["victims"]
    counted = val.resting_on("counted", "categories")
    counted.count("deaths_total", len(v), "death")
    for category in CATEGORIES:
        counted.count(f"deaths_{category}", int((v["category"] == category).sum()), "death")
        if category in i18n.units():  # "1 police officer": a category that is its own unit
            counted.count(f"phrase_{category}", int((v["category"] == category).sum()), category)
    dated = val.resting_on("counted", "death_day")
    dated.date("first_death", trajectory.death_date(v).min())
    dated.date("last_death", trajectory.death_date(v).max())


def tables(rel: Release, r: dict, lang: str) -> dict[str, str]:
    """The summary has no table of its own."""
    return {}

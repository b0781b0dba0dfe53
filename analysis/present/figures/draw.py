"""The report's figures, each drawn by its own module from the build's results in the edition's language."""

from __future__ import annotations

from pathlib import Path

from .. import i18n
from . import FIGURES
from .ages import age_distribution
from .cumulative import cumulative_vs_reported
from .daily import daily_by_category
from .department_map import department_map
from .discrepancies import source_discrepancies
from .funnel import funnel_plot
from .proceedings import proceedings_over_time

DRAWERS = {  # figure name -> how it is drawn from its results (`FIGURES`)
    "cumulative": lambda d, release, lang, path: cumulative_vs_reported(
        d["daily_died"], d["gap"], i18n.localized(d["events"], lang), release, lang, path
    ),
    "daily": lambda d, release, lang, path: daily_by_category(
        d["daily_incident"], d["deadliest_days"], release, lang, path
    ),
    "funnel": lambda d, release, lang, path: funnel_plot(d["funnel"], release, lang, path),
    "map": lambda d, release, lang, path: department_map(
        d["departments"], d["incident_places"], d["events"], d["macroregions"], release, lang, path
    ),
    "ages": lambda d, release, lang, path: age_distribution(d["ages"], d["age_summary"], release, lang, path),
    "proceedings": lambda d, release, lang, path: proceedings_over_time(d["proceeding_steps"], release, lang, path),
    "discrepancies": lambda d, release, lang, path: source_discrepancies(
        d["event_claims"], i18n.localized(d["events"], lang), release, lang, path
    ),
}


def draw(name: str, data: dict[str, object], release: str, lang: str, folder: Path) -> Path:
    """One figure of one edition as `folder/<name>.svg`, from the results `FIGURES` names (`data`, by name)."""
    return DRAWERS[name](data, release, lang, folder / f"{name}.svg")


def draw_all(data: dict[str, object], release: str, lang: str, folder: Path) -> list[Path]:
    """Every figure of one edition (`FIGURES`) as SVG in `folder`."""
    return [draw(name, data, release, lang, folder) for name in FIGURES]

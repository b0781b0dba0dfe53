"""Every Markdown table of one edition, by file stem (the builders live in the `tables_*` modules)."""

from __future__ import annotations

from ..compute.trajectory import LATE_REPORT_DAYS
from ..release.load import Release
from .tables_clustered import table_comparisons, table_lag, table_models, table_scenarios, table_windows
from .tables_events_people import table_event_claims, table_events, table_mechanisms, table_victims
from .tables_regions import table_departments, table_macroregions, table_sensitivity
from .tables_release import changes_markdown, table_dictionary, table_timeline
from .tables_sources import (
    table_claims,
    table_crosswalk,
    table_excluded,
    table_reconciliation,
    table_seed,
    table_tolls,
)
from .tables_time import table_delays, table_waves


def markdown_tables(rel: Release, r: dict, lang: str) -> dict[str, str]:
    """All Markdown tables of one edition, by file stem."""
    return {
        "tolls": table_tolls(r, lang),
        "seed": table_seed(rel, r, lang),
        "waves": table_waves(r, lang),
        "delays": table_delays(r, lang),
        "lag": table_lag(r, lang, LATE_REPORT_DAYS),
        "windows": table_windows(r, lang),
        "departments": table_departments(r, lang),
        "macroregions": table_macroregions(r, lang),
        "events": table_events(rel, r, lang),
        "event_claims": table_event_claims(r, lang),
        "victims": table_victims(r, lang),
        "mechanisms": table_mechanisms(r, lang),
        "comparisons": table_comparisons(r, lang),
        "glm": table_models(r, lang),
        "sensitivity": table_sensitivity(r, lang),
        "scenarios": table_scenarios(r, lang),
        "dictionary": table_dictionary(rel, lang),
        "timeline": table_timeline(rel, lang),
        "claims": table_claims(r, lang),
        "reconciliation": table_reconciliation(r, lang),
        "crosswalk": table_crosswalk(r, lang),
        "excluded": table_excluded(rel, lang),
        "changes": changes_markdown(rel, r["changes"], r["previous"], lang),
    }

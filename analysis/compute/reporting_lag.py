"""How long deaths took to be reported: first-report lag with its denominator, by category.

The lag is the days from death to the earliest publication reporting it, for people whose release
gives both dates. `trajectory.late_reports` measures from `trajectory.death_date`, which falls back on
the first-report date when the day of death is unknown: such a person gets a lag of zero and can never
be late. Here they are left out of the denominator instead, and the counts of people without a
first-report date, or without a day of death, are given so the denominator can be stated.
"""

from __future__ import annotations

import pandas as pd

from ..release.schema import CATEGORIES
from .registry import CLUSTERED, Results, Tables, table
from .trajectory import LATE_REPORT_DAYS

COLUMNS = [
    "category",
    "people",
    "with_first_report",
    "with_both_dates",
    "late",
    "late_share",
    "median_lag",
    "max_lag",
]


def first_report_lag(victims: pd.DataFrame) -> pd.Series:
    """Days from death to first report; missing where either date is missing."""
    return (victims["date_first_reported"] - victims["date_died"]).dt.days


def lag_summary(victims: pd.DataFrame, days: int = LATE_REPORT_DAYS) -> pd.DataFrame:
    """Per category (schema order, categories with people only) and in total: people, people with a
    first-report date, people with both dates (the denominator), how many were first reported more
    than `days` after death, their share of the denominator (%), and the median and longest lag."""
    lag = first_report_lag(victims)
    rows = []
    for category in [*CATEGORIES, "total"]:
        chosen = victims["category"] == category if category != "total" else pd.Series(True, index=victims.index)
        if category != "total" and not chosen.any():
            continue
        known = lag[chosen].dropna()
        late = int((known > days).sum())
        rows.append(
            {
                "category": category,
                "people": int(chosen.sum()),
                "with_first_report": int(victims.loc[chosen, "date_first_reported"].notna().sum()),
                "with_both_dates": len(known),
                "late": late,
                "late_share": 100 * late / len(known) if len(known) else float("nan"),
                "median_lag": float(known.median()) if len(known) else float("nan"),
                "max_lag": float(known.max()) if len(known) else float("nan"),
            }
        )
    return pd.DataFrame(rows, columns=COLUMNS)


@table(
    "reporting_lag",
    {
        "category": "string",
        "people": "integer",
        "with_first_report": "integer",
        "with_both_dates": "integer",
        "late": "integer",
        "late_share": "number",
        "median_lag": "number",
        "max_lag": "integer",
    },
    job=CLUSTERED,
)
def reporting_lag_result(rel: Tables, r: Results) -> pd.DataFrame:
    """Days from death to first report, by category."""
    return lag_summary(rel["victims"])

"""Fatal incidents per day, and how the comparison of the two waves depends on the window.

A daily count model of deaths (the report had one) compares wave 2 with wave 1 in deaths per day; its
answer is set mostly by choices of window that the data do not fix (where the series starts,
where it ends, whether the holiday truce counts as days of wave 1) and by single large incidents.
Here the unit is the fatal incident (`incidents.incident_table`, dated by its earliest incident date),
and the ratio of the waves' rates per day is computed for every combination of those choices, for
incidents and for deaths, with the exact conditional interval (`regions.rate_ratio`, days as exposure;
the same estimate a Poisson GLM with a wave indicator gives). The interval for deaths assumes
independent deaths, which the data contradict; that for incidents assumes independent incidents.
"""

from __future__ import annotations

import pandas as pd

from .incidents import incident_table
from .regions import rate_ratio
from .registry import CLUSTERED, Results, Tables, table
from .trajectory import PROTESTS_START, WAVE2_START

DAY = pd.Timedelta(days=1)


def daily_incidents(victims: pd.DataFrame, end: pd.Timestamp | None = None) -> pd.DataFrame:
    """Fatal incidents and their deaths per day, every day from 7 Dec 2022 to `end` (default: the last
    incident), zeros included. Columns: date, incidents, deaths."""
    return incidents_per_day(incident_table(victims), end)


def incidents_per_day(table: pd.DataFrame, end: pd.Timestamp | None = None) -> pd.DataFrame:
    """`daily_incidents` from the incidents' table (`incidents.incident_table`)."""
    last = end if end is not None else (table["date"].max() if len(table) else PROTESTS_START)
    days = pd.date_range(PROTESTS_START, max(last, PROTESTS_START), freq="D", name="date")
    grouped = table.groupby("date").agg(incidents=("incident_id", "size"), deaths=("deaths", "sum"))
    return grouped.reindex(days, fill_value=0).astype("int64").reset_index()


def truce_days(timeline: pd.DataFrame) -> tuple[pd.Timestamp, pd.Timestamp] | None:
    """First and last day of the holiday truce from the release's timeline (keys `truce` and
    `protests-resume`), or None if the timeline lacks either."""
    dates = timeline.set_index("key")["date"]
    if "truce" not in dates or "protests-resume" not in dates:
        return None
    return pd.Timestamp(dates["truce"]), pd.Timestamp(dates["protests-resume"]) - DAY


def window_choices(dates: pd.Series, timeline: pd.DataFrame) -> list[dict]:
    """Every combination of: start (7 Dec 2022, or the first fatal incident), end (the last fatal
    incident, or wave 2 as long as wave 1), truce (counted in wave 1, or its days left out).
    `dates` are the fatal incidents' dates (`incidents.incident_table`)."""
    if dates.empty:
        return []
    truce = truce_days(timeline)
    choices = []
    for start_name, start in (("protests_start", PROTESTS_START), ("first_incident", dates.min())):
        for end_name in ("last_incident", "equal_waves"):
            end = dates.max() if end_name == "last_incident" else WAVE2_START + (WAVE2_START - start) - DAY
            for truce_name in ("in_wave1", "left_out") if truce else ("in_wave1",):
                choices.append(
                    {
                        "start": start_name,
                        "end": end_name,
                        "truce": truce_name,
                        "first_day": start,
                        "last_day": end,
                        "left_out": truce if truce_name == "left_out" else None,
                    }
                )
    return choices


def wave_ratio(days: pd.DataFrame, choice: dict, unit: str) -> dict:
    """Rate per day of wave 2 over wave 1 within one window (`window_choices`), in `unit`
    (incidents or deaths), with days and counts per wave and the exact conditional 95% interval.
    `days` are the incidents per day (`incidents_per_day`) up to the window's last day or later."""
    inside = days["date"].between(choice["first_day"], choice["last_day"])
    if choice["left_out"] is not None:
        inside &= ~days["date"].between(*choice["left_out"])
    days = days[inside]
    wave2 = days["date"] >= WAVE2_START
    k1, k2 = int(days.loc[~wave2, unit].sum()), int(days.loc[wave2, unit].sum())
    d1, d2 = int((~wave2).sum()), int(wave2.sum())
    ratio, low, high = rate_ratio(k2, d2, k1, d1) if d1 and d2 else (float("nan"),) * 3
    return {
        "unit": unit,
        "days_wave1": d1,
        "days_wave2": d2,
        "wave1": k1,
        "wave2": k2,
        "ratio": ratio,
        "low": low,
        "high": high,
    }


def window_sensitivity(victims: pd.DataFrame, timeline: pd.DataFrame) -> pd.DataFrame:
    """`wave_ratio` for every window of `window_choices`, in incidents and in deaths."""
    table = incident_table(victims)
    choices = window_choices(table["date"], timeline)
    last = max([choice["last_day"] for choice in choices], default=PROTESTS_START)
    days = incidents_per_day(table, end=max(last, PROTESTS_START))
    rows = [
        {key: choice[key] for key in ("start", "end", "truce", "first_day", "last_day")}
        | wave_ratio(days, choice, unit)
        for choice in choices
        for unit in ("incidents", "deaths")
    ]
    columns = ["start", "end", "truce", "first_day", "last_day", "unit", "days_wave1", "days_wave2", "wave1", "wave2"]
    return pd.DataFrame(rows, columns=[*columns, "ratio", "low", "high"])


@table(
    "windows",
    {
        "start": "string",
        "end": "string",
        "truce": "string",
        "first_day": "date",
        "last_day": "date",
        "unit": "string",
        "days_wave1": "integer",
        "days_wave2": "integer",
        "wave1": "integer",
        "wave2": "integer",
        "ratio": "number",
        "low": "number",
        "high": "number",
    },
    job=CLUSTERED,
)
def windows_result(rel: Tables, r: Results) -> pd.DataFrame:
    """The ratio of the waves' rates per day under every choice of window."""
    return window_sensitivity(rel["victims"], rel["timeline"])

"""Deaths over time: daily and cumulative counts, waves, deadliest days, reporting gaps."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..release.schema import CATEGORIES
from .registry import Results, Tables, categories, table
from .tolls import carried, last_of_day

PROTESTS_START = pd.Timestamp("2022-12-07")
WAVE2_START = pd.Timestamp("2023-01-04")  # protests resumed after the holiday truce
LATE_REPORT_DAYS = 7  # a death first reported more than this many days after it happened counts as late


def death_date(victims: pd.DataFrame) -> pd.Series:
    """Day of death; where no source gives it, the day the death was first reported (the latest possible day)."""
    return victims["date_died"].fillna(victims["date_first_reported"])


def incident_date(victims: pd.DataFrame) -> pd.Series:
    """Day of the fatal incident: the injury date where known, else the date of death."""
    return victims["date_injured"].fillna(death_date(victims))


def wave(dates: pd.Series) -> pd.Series:
    """wave1 before the protests resumed on 4 Jan 2023, wave2 from then on."""
    return pd.Series(np.where(dates < WAVE2_START, "wave1", "wave2"), index=dates.index)


def daily_deaths(victims: pd.DataFrame, date_column: str = "death", end: pd.Timestamp | None = None) -> pd.DataFrame:
    """Deaths per day and category, every day from 7 Dec 2022 to `end` (default: last date), zeros included.

    Columns: date, one column per category, total, cumulative.
    """
    dates = {"incident": incident_date, "death": death_date}.get(date_column, lambda v: v[date_column])(victims)
    last = end if end is not None else (dates.max() if len(dates) else PROTESTS_START)
    days = pd.date_range(PROTESTS_START, max(last, PROTESTS_START), freq="D", name="date")
    counts = (
        pd.crosstab(dates, victims["category"]).reindex(index=days, columns=CATEGORIES, fill_value=0).astype("int64")
    )
    counts.columns.name = None
    counts["total"] = counts[CATEGORIES].sum(axis=1)
    counts["cumulative"] = counts["total"].cumsum()
    return counts.reset_index()


DAILY = {"date": "date", **categories(), "total": "integer", "cumulative": "integer"}


@table("daily_died", DAILY)
def daily_died_result(rel: Tables, r: Results) -> pd.DataFrame:
    """Deaths per day by date of death (figure 1's line)."""
    return daily_deaths(rel["victims"], "death")


@table("daily_incident", DAILY)
def daily_incident_result(rel: Tables, r: Results) -> pd.DataFrame:
    """Deaths per day by date of the fatal incident (figure 2)."""
    return daily_deaths(rel["victims"], "incident")


def wave_summary(victims: pd.DataFrame) -> pd.DataFrame:
    """Deaths per wave (by incident date) and category, with each wave's share of all deaths."""
    waves = wave(incident_date(victims)).rename("wave")
    table = pd.crosstab(waves, victims["category"]).reindex(index=["wave1", "wave2"], columns=CATEGORIES, fill_value=0)
    table.columns.name = None
    table["total"] = table.sum(axis=1)
    table["share"] = 100 * table["total"] / max(len(victims), 1)
    return table.rename_axis("wave").reset_index()


@table("waves", {"wave": "string", **categories(), "total": "integer", "share": "number"})
def waves_result(rel: Tables, r: Results) -> pd.DataFrame:
    """Deaths per wave and category."""
    return wave_summary(rel["victims"])


def deadliest_days(victims: pd.DataFrame, n: int = 5) -> pd.DataFrame:
    """The `n` days with most deaths (by incident date), their deaths, incidents and share of all deaths.

    `incidents` counts the distinct lethal incidents of the day: deaths that share an `event_id` are one
    incident; a death with no event is an incident of its own.
    """
    dates = incident_date(victims).rename("date")
    events = victims["event_id"] if "event_id" in victims.columns else pd.Series(pd.NA, index=victims.index)
    incident = events.where(events.notna(), "victim:" + victims["victim_id"].astype(str))
    days = (
        pd.DataFrame({"date": dates, "incident": incident})
        .groupby("date")
        .agg(deaths=("incident", "size"), incidents=("incident", "nunique"))
        .reset_index()
    )
    days = days.sort_values(["deaths", "date"], ascending=[False, True]).head(n).reset_index(drop=True)
    days["share"] = 100 * days["deaths"] / max(len(victims), 1)
    return days[["date", "deaths", "incidents", "share"]]


@table("deadliest_days", {"date": "date", "deaths": "integer", "incidents": "integer", "share": "number"})
def deadliest_days_result(rel: Tables, r: Results) -> pd.DataFrame:
    """The three deadliest days."""
    return deadliest_days(rel["victims"], 3)


def injury_to_death(victims: pd.DataFrame) -> pd.DataFrame:
    """People who died on a later day than their injury, with the delay in days."""
    delayed = victims[victims["date_injured"].notna() & (victims["date_died"] > victims["date_injured"])]
    out = delayed[["victim_id", "name", "date_injured", "date_died", "category"]].copy()
    out["days"] = (out["date_died"] - out["date_injured"]).dt.days.astype("int64")
    return out.sort_values(["days", "victim_id"], ascending=[False, True]).reset_index(drop=True)


@table(
    "delays",
    {
        "victim_id": "string",
        "name": "string",
        "date_injured": "date",
        "date_died": "date",
        "category": "string",
        "days": "integer",
    },
)
def delays_result(rel: Tables, r: Results) -> pd.DataFrame:
    """People who died on a later day than their injury."""
    return injury_to_death(rel["victims"])


def national_tallies(tallies: pd.DataFrame, sources: pd.DataFrame) -> pd.DataFrame:
    """National tolls as reported, oldest first, with the source's publisher and URL."""
    national = tallies[tallies["scope"] == "national"].merge(
        sources[["source_id", "publisher", "url"]], on="source_id", how="left", validate="many_to_one"
    )
    return national.sort_values(["report_date", "reporter", "tally_id"]).reset_index(drop=True)


def reconstructed_as_of(victims: pd.DataFrame, dates: pd.Series) -> pd.DataFrame:
    """For each date, the deaths in this record that had happened by then, per category and in total."""
    died = pd.DataFrame({"category": victims["category"], "_death": death_date(victims)}).sort_values("_death")
    out = pd.DataFrame({"date": dates.to_numpy()})
    for category in CATEGORIES:
        times = died.loc[died["category"] == category, "_death"].to_numpy()
        out[category] = np.searchsorted(times, out["date"].to_numpy(), side="right")
    out["total"] = out[CATEGORIES].sum(axis=1)
    return out


def reporting_gap(tallies: pd.DataFrame, victims: pd.DataFrame, sources: pd.DataFrame) -> pd.DataFrame:
    """Each national toll next to this record's count of deaths that had occurred by its report date.

    `gap` = reported - reconstructed: positive when the reporter counted deaths this record does
    not hold (or counts by another rule), negative when deaths were not yet known or not counted.
    """
    national = national_tallies(tallies, sources)
    counted = reconstructed_as_of(victims, national["report_date"])
    national["reconstructed"] = counted["total"].to_numpy()
    national["gap"] = national["total_deaths"] - national["reconstructed"]
    return national


@table(
    "gap",
    {
        "tally_id": "string",
        "report_date": "date",
        "as_of": "date",
        "reporter": "string",
        "scope": "string",
        "event_id": "string",
        "total_deaths": "integer",
        "clash_civilians": "integer",
        "roadblock_related": "integer",
        "police": "integer",
        "soldiers": "integer",
        "other": "integer",
        "injured": "integer",
        "source_id": "string",
        "notes": "string",
        "report_time": "string",
        "supersedes": "string",
        "publisher": "string",
        "url": "string",
        "reconstructed": "integer",
        "gap": "integer",
    },
)
def gap_result(rel: Tables, r: Results) -> pd.DataFrame:
    """Every national toll next to this record's deaths by its report date."""
    return reporting_gap(rel["tallies"], rel["victims"], rel["sources"])


LATER_TOLL_DAYS = 12  # Figure 1's time axis ends this many days after the last death


def toll_panels(daily: pd.DataFrame, gap: pd.DataFrame) -> dict[str, int]:
    """How Figure 1 draws the national tolls (`reporting_gap`): those published by the end of its time axis
    (`first_panel`, with `later_cutoff` = last death + LATER_TOLL_DAYS), those published later, each in its own
    slot (`later_panel`), and among all of them those that give no total, drawn as ticks (`without_total`)."""
    cutoff = later_cutoff(daily)
    return {
        "first_panel": int((gap["report_date"] <= cutoff).sum()),
        "later_panel": int((gap["report_date"] > cutoff).sum()),
        "without_total": int(gap["total_deaths"].isna().sum()),
    }


def later_cutoff(daily: pd.DataFrame) -> pd.Timestamp:
    """The last day of Figure 1's time axis: a toll published after it stands in the later panel."""
    return daily.loc[daily["total"] > 0, "date"].max() + pd.Timedelta(days=LATER_TOLL_DAYS)


def origin(reporter: str) -> str:
    """Whose figure a toll is: the reporter, or, for an outlet carrying another's figure ("El Vocero (The New York
    Times)"), the one in brackets (`tolls.carried`)."""
    found = carried(reporter)
    return found[1].strip() if found else reporter


def same_day_disagreements(tallies: pd.DataFrame) -> pd.DataFrame:
    """Report dates on which reporters' national totals differ: date, the distinct totals ("4; 7"), each reporter's
    total(s) and the spread.

    Each reporter counts with its last total of the day (`tolls.last_of_day`), so a reporter's own update
    within a day is not a disagreement; where the order of its tolls is not known, all of them count. A toll an
    outlet carried from another reporter ("Lima Gris (IACHR)") counts as that reporter's. A day is a
    disagreement between reporters: at least two reporters give totals, and no total is given by all of them
    (a reporter whose tolls of the day are in an unknown order may have ended on the others' total).
    """
    national = last_of_day(tallies[(tallies["scope"] == "national") & tallies["total_deaths"].notna()])
    national = national.assign(origin=national["reporter"].map(origin))
    rows = []
    for day, group in national.groupby("report_date"):
        values = group.groupby("reporter")["total_deaths"].agg(lambda s: sorted(set(s)))
        distinct = sorted({v for vals in values for v in vals})
        by_origin = group.groupby("origin")["total_deaths"].agg(set)
        if len(by_origin) > 1 and not set.intersection(*by_origin):
            rows.append(
                {
                    "report_date": day,
                    "values": "; ".join(str(int(v)) for v in distinct),
                    "reporters": "; ".join(
                        f"{r}: {', '.join(str(int(v)) for v in vals)}" for r, vals in values.items()
                    ),
                    "spread": int(distinct[-1] - distinct[0]),
                }
            )
    return pd.DataFrame(rows, columns=["report_date", "values", "reporters", "spread"])


@table("same_day", {"report_date": "date", "values": "string", "reporters": "string", "spread": "integer"})
def same_day_result(rel: Tables, r: Results) -> pd.DataFrame:
    """Days on which reporters' national totals differ."""
    return same_day_disagreements(rel["tallies"])


def late_reports(victims: pd.DataFrame, days: int = LATE_REPORT_DAYS) -> pd.DataFrame:
    """Deaths first reported more than `days` after they happened (retroactive additions)."""
    lag = (victims["date_first_reported"] - death_date(victims)).dt.days
    late = victims.loc[lag > days, ["victim_id", "name", "date_died", "date_first_reported", "category"]].copy()
    late["lag_days"] = lag[lag > days].astype("int64")
    return late.sort_values("date_died").reset_index(drop=True)


@table(
    "late_reports",
    {
        "victim_id": "string",
        "name": "string",
        "date_died": "date",
        "date_first_reported": "date",
        "category": "string",
        "lag_days": "integer",
    },
)
def late_reports_result(rel: Tables, r: Results) -> pd.DataFrame:
    """Deaths first reported more than LATE_REPORT_DAYS after they happened."""
    return late_reports(rel["victims"])

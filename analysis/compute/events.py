"""Lethal events: deaths in this record against the deaths and injured reported for each event."""

from __future__ import annotations

import pandas as pd


def event_summary(victims: pd.DataFrame, events: pd.DataFrame) -> pd.DataFrame:
    """One row per event: deaths in this record, deaths and injured as reported, share of all deaths."""
    counted = victims["event_id"].value_counts().rename("deaths")
    table = events.join(counted, on="event_id")
    table["deaths"] = table["deaths"].fillna(0).astype("int64")
    table["share"] = 100 * table["deaths"] / max(len(victims), 1)
    columns = [
        "event_id",
        "name",
        "name_es",
        "date_start",
        "date_end",
        "department",
        "province",
        "locality",
        "deaths",
        "deaths_reported",
        "injured_reported",
        "figures_source_id",
        "share",
    ]
    return table[columns].sort_values(["deaths", "date_start"], ascending=[False, True]).reset_index(drop=True)


def event_claims(tallies: pd.DataFrame, events: pd.DataFrame) -> pd.DataFrame:
    """Every toll reported for a single event, with the event's name, oldest first."""
    claims = tallies[tallies["scope"] == "event"].merge(
        events[["event_id", "name", "name_es"]], on="event_id", how="left", validate="many_to_one"
    )
    columns = [
        "event_id",
        "name",
        "name_es",
        "report_date",
        "reporter",
        "total_deaths",
        "injured",
        "source_id",
        "tally_id",
    ]
    return claims[columns].sort_values(["event_id", "report_date", "reporter"]).reset_index(drop=True)

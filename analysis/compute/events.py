"""Lethal events: deaths in this record against the deaths and injured reported for each event."""

from __future__ import annotations

import pandas as pd

from .registry import Results, Tables, table
from .tolls import event_toll_span


def event_summary(victims: pd.DataFrame, events: pd.DataFrame, tallies: pd.DataFrame) -> pd.DataFrame:
    """One row per event: deaths in this record, its share of all deaths, and what the published tolls of the
    event say (`tolls.event_toll_span`: how many, lowest and highest deaths and injured, the latest toll)."""
    counted = victims["event_id"].value_counts().rename("deaths")
    table = events.join(counted, on="event_id")
    table["deaths"] = table["deaths"].fillna(0).astype("int64")
    table["share"] = 100 * table["deaths"] / max(len(victims), 1)
    span = event_toll_span(tallies)
    table = table.merge(span, on="event_id", how="left", validate="one_to_one")
    table["n_tolls"] = table["n_tolls"].fillna(0).astype("int64")
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
        "share",
        *span.columns[1:],
    ]
    return table[columns].sort_values(["deaths", "date_start"], ascending=[False, True]).reset_index(drop=True)


@table(
    "events",
    {
        "event_id": "string",
        "name": "string",
        "name_es": "string",
        "date_start": "date",
        "date_end": "date",
        "department": "string",
        "province": "string",
        "locality": "string",
        "deaths": "integer",
        "share": "number",
        "n_tolls": "integer",
        "deaths_min": "integer",
        "deaths_max": "integer",
        "injured_min": "integer",
        "injured_max": "integer",
        "latest_date": "date",
        "latest_deaths": "integer",
        "latest_injured": "integer",
        "latest_source_id": "string",
        "latest_order_known": "boolean",
    },
)
def events_result(rel: Tables, r: Results) -> pd.DataFrame:
    """Lethal events, deadliest first, with what their published tolls say."""
    return event_summary(rel["victims"], rel["events"], rel["tallies"])


def event_claims(tallies: pd.DataFrame, events: pd.DataFrame) -> pd.DataFrame:
    """Every toll reported for a single event, with the event's name, oldest first (a reporter's tolls of one
    day in the order the release records they came: a toll after the toll it supersedes)."""
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
    claims = claims.assign(after=superseding_depth(claims))  # a reporter's tolls of one day in the order they came
    order = ["event_id", "report_date", "reporter", "after"]
    return claims.sort_values(order, kind="stable")[columns].reset_index(drop=True)


def superseding_depth(tallies: pd.DataFrame) -> pd.Series:
    """How many earlier tolls each toll supersedes, one after another (0: it supersedes none): T067 superseding
    T063, which supersedes T062, is 2. A chain that loops (rejected when a release is read) stops."""
    replaced = dict(zip(tallies["tally_id"], tallies.get("supersedes", pd.Series(index=tallies.index, dtype=object))))
    depths = []
    for tally in tallies["tally_id"]:
        depth, seen = 0, {tally}
        while isinstance(replaced.get(tally), str) and replaced[tally] not in seen:
            tally = replaced[tally]
            seen.add(tally)
            depth += 1
        depths.append(depth)
    return pd.Series(depths, index=tallies.index)


@table(
    "event_claims",
    {
        "event_id": "string",
        "name": "string",
        "name_es": "string",
        "report_date": "date",
        "reporter": "string",
        "total_deaths": "integer",
        "injured": "integer",
        "source_id": "string",
        "tally_id": "string",
    },
)
def event_claims_result(rel: Tables, r: Results) -> pd.DataFrame:
    """Every toll published for a single event."""
    return event_claims(rel["tallies"], rel["events"])

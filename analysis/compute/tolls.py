"""Published tolls: which of a reporter's tolls of one day is its last word, and what an event's tolls span.

A reporter often updates a toll within a day (the Defensoría del Pueblo gave 41, then 46 deaths on
9 January 2023). Which toll came last is data, not the order of the ledger's ids: a toll names the
same-day toll it `supersedes`, or gives its `report_time`. Where neither settles the order, the day's
tolls that disagree are all kept and marked `order_known` = False, so a comparison shows them all rather
than pick one.
"""

from __future__ import annotations

import re

import pandas as pd

# A reporter written "Outlet (Agency)": an outlet carrying another reporter's story or figure; a bracket holding
# a research note ("via ...", "copy") is not one.
CARRIED = re.compile(r"^(?P<outlet>[^()]+?)\s*\((?P<agency>[A-Z][^()]{0,40})\)$")
NOTE_WORDS = re.compile(r"\b(?:v[ií]a|reproducing|copia|copy|mirror|fuente|source|relayed)\b", re.IGNORECASE)


def carried(reporter: object) -> tuple[str, str] | None:
    """(outlet, agency) where a reporter is an outlet carrying another's story or figure, else None."""
    match = CARRIED.match(reporter) if isinstance(reporter, str) else None
    return (match["outlet"], match["agency"]) if match and not NOTE_WORDS.search(match["agency"]) else None


GROUP = ["reporter", "scope", "event_key", "report_date"]  # one reporter's tolls of one day, for one scope


def _with_order_fields(tallies: pd.DataFrame) -> pd.DataFrame:
    """The tallies with `event_key` (event or "" for national tolls) and the ordering fields, empty where a
    release predates them."""
    out = tallies.copy()
    out["event_key"] = out["event_id"].fillna("")
    for column in ("report_time", "supersedes"):
        if column not in out.columns:
            out[column] = pd.NA
    return out


def superseded_ids(tallies: pd.DataFrame) -> set[str]:
    """Ids of the tolls that a later toll of the same reporter and day replaces (transitively: each toll
    names the one it replaces, so a chain A <- B <- C leaves only C)."""
    return set(tallies["supersedes"].dropna().astype(str))


def last_of_day(tallies: pd.DataFrame) -> pd.DataFrame:
    """Each reporter's last toll(s) of each day, per scope and event.

    A toll is dropped when another toll of the same reporter, day, scope and event supersedes it, or when
    both give a report time and the other's is later. Of what remains, a group whose tolls give the same
    figures is one toll (the first id is kept); a group whose tolls disagree keeps them all, with
    `order_known` False. Returns the kept rows (original columns plus `order_known`), in ledger order.
    """
    t = _with_order_fields(tallies)
    t = t[~t["tally_id"].isin(superseded_ids(t))]
    latest_time = t.groupby(GROUP, dropna=False)["report_time"].transform("max")
    t = t[t["report_time"].isna() | (t["report_time"] == latest_time)]
    figures = ["total_deaths", "clash_civilians", "roadblock_related", "police", "soldiers", "other", "injured"]
    present = [c for c in figures if c in t.columns]
    t = t.drop_duplicates([*GROUP, *present])  # one toll carried by two sources is one toll
    t["order_known"] = t.groupby(GROUP, dropna=False)["tally_id"].transform("size").eq(1)
    return t.drop(columns=["event_key"])


def event_toll_span(tallies: pd.DataFrame) -> pd.DataFrame:
    """Per event: how many death tolls were published for it, the lowest and highest deaths reported in them and
    the lowest and highest injured reported in any toll of the event (one of the injured alone too), and its
    latest toll (date, deaths, injured, source).

    The latest toll is the last toll of the latest report day (`last_of_day`, over all reporters of that
    day). When that day's tolls disagree and their order is not known, `latest_order_known` is False, and
    `latest_deaths` and `latest_injured` are each empty unless the day's tolls all give the same figure (two
    tolls of one death and different injured give one death); `latest_source_id` then cites every toll of
    the day, and is empty where neither figure is shared.
    """
    columns = [
        "event_id",
        "n_tolls",
        "deaths_min",
        "deaths_max",
        "injured_min",
        "injured_max",
        "latest_date",
        "latest_deaths",
        "latest_injured",
        "latest_source_id",
        "latest_order_known",
    ]
    of_events = tallies[(tallies["scope"] == "event") & tallies["event_id"].notna()]
    tolls = of_events[of_events["total_deaths"].notna()]
    if tolls.empty:
        return pd.DataFrame(columns=columns)
    span = tolls.groupby("event_id").agg(
        n_tolls=("total_deaths", "size"),
        deaths_min=("total_deaths", "min"),
        deaths_max=("total_deaths", "max"),
    )
    injured = of_events.groupby("event_id")["injured"]  # a toll of the injured alone counts here too
    span["injured_min"], span["injured_max"] = injured.min().reindex(span.index), injured.max().reindex(span.index)
    last = last_of_day(tolls)
    last = last[last["report_date"] == last.groupby("event_id")["report_date"].transform("max")]
    day = last.groupby("event_id")
    known = last.drop_duplicates(["event_id", "total_deaths", "injured"]).groupby("event_id").size().eq(1)
    deaths_agree = day["total_deaths"].nunique(dropna=False).eq(1)
    injured_agree = day["injured"].nunique(dropna=False).eq(1)
    latest = day.head(1).set_index("event_id")
    span["latest_date"] = latest["report_date"]
    span["latest_deaths"] = latest["total_deaths"].where(deaths_agree)
    span["latest_injured"] = latest["injured"].where(injured_agree)
    sources = day["source_id"].agg(lambda s: ";".join(dict.fromkeys(s)))  # every toll of the day a figure rests on
    span["latest_source_id"] = sources.where(deaths_agree | injured_agree)
    span["latest_order_known"] = known
    return span.reset_index()[columns]

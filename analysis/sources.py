"""Sources: how well each death is sourced, and where sources disagree."""

from __future__ import annotations

import pandas as pd

SEED_SOURCE_ID = "peoplesdispatch-2023-01-10-juliaca"


def source_coverage(victims: pd.DataFrame, sources: pd.DataFrame) -> pd.DataFrame:
    """Per victim: number of sources and of independent publishers (distinct `publisher`)."""
    publisher = sources.set_index("source_id")["publisher"]
    ids = victims.set_index("victim_id")["source_ids"].str.split(";").explode()
    table = pd.DataFrame(
        {
            "n_sources": ids.groupby(level=0).nunique(),
            "n_publishers": ids.map(publisher).groupby(level=0).nunique(),
        }
    )
    return table.reindex(victims["victim_id"]).reset_index()


def sources_by_kind(sources: pd.DataFrame) -> pd.DataFrame:
    """Number of sources per kind (official, NGO, media...)."""
    return sources["kind"].value_counts().rename_axis("kind").rename("sources").reset_index()


def comparable_tallies(tallies: pd.DataFrame, claim: pd.Series, window_days: int = 1) -> pd.DataFrame:
    """Other reporters' latest toll of the same scope and event published by the claim's date (+window)."""
    same = tallies[
        (tallies["scope"] == claim["scope"])
        & (tallies["tally_id"] != claim["tally_id"])
        & (tallies["reporter"] != claim["reporter"])
    ]
    same = same[same["event_id"].fillna("") == ("" if pd.isna(claim["event_id"]) else claim["event_id"])]
    same = same[same["report_date"] <= claim["report_date"] + pd.Timedelta(days=window_days)]
    return same.sort_values(["report_date", "tally_id"]).groupby("reporter").tail(1).reset_index(drop=True)


def seed_claims(tallies: pd.DataFrame, seed_source_id: str = SEED_SOURCE_ID) -> pd.DataFrame:
    """The seed article's figures next to every other reporter's comparable figure.

    One row per (seed claim, comparison): claim id, scope, event, seed deaths and injured,
    other reporter, their date, deaths and injured, source id.
    """
    seed = tallies[tallies["source_id"] == seed_source_id]
    if seed.empty:
        raise ValueError(f"the release has no tallies from the seed article ({seed_source_id})")
    rows = []
    for _, claim in seed.iterrows():
        for _, other in comparable_tallies(tallies, claim).iterrows():
            rows.append(
                {
                    "claim": claim["tally_id"],
                    "scope": claim["scope"],
                    "event_id": claim["event_id"],
                    "seed_deaths": claim["total_deaths"],
                    "seed_injured": claim["injured"],
                    "reporter": other["reporter"],
                    "report_date": other["report_date"],
                    "deaths": other["total_deaths"],
                    "injured": other["injured"],
                    "source_id": other["source_id"],
                    "tally_id": other["tally_id"],
                }
            )
    return pd.DataFrame(rows)


def discrepancies(tallies: pd.DataFrame) -> pd.DataFrame:
    """Event tolls on which reporters disagree: per event, the distinct values with who reported them."""
    claims = tallies[(tallies["scope"] == "event") & tallies["total_deaths"].notna()]
    rows = []
    for event_id, group in claims.groupby("event_id"):
        values = sorted(group["total_deaths"].astype(int).unique())
        if len(values) > 1:
            rows.append(
                {
                    "event_id": event_id,
                    "min": values[0],
                    "max": values[-1],
                    "n_reports": len(group),
                    "n_reporters": group["reporter"].nunique(),
                }
            )
    return pd.DataFrame(rows, columns=["event_id", "min", "max", "n_reports", "n_reporters"])

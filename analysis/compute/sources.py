"""Sources: how well each death is sourced, and where sources disagree."""

from __future__ import annotations

import pandas as pd

from ..release.problems import ReportError
from ..release.schema import CATEGORIES
from .regions import indigenous_majority
from .registry import Results, Tables, categories, table
from .tolls import last_of_day
from .trajectory import death_date

SEED_SOURCE_ID = "peoplesdispatch-2023-01-10-juliaca"


def source_coverage(victims: pd.DataFrame, sources: pd.DataFrame) -> pd.DataFrame:
    """Per victim: number of sources and of independent publishers (distinct `publisher`).

    Computed once per distinct `source_ids` value, so the cost grows with distinct source lists.
    """
    publisher = sources.set_index("source_id")["publisher"].to_dict()
    codes, cells = pd.factorize(victims["source_ids"])
    distinct = [set(cell.split(";")) for cell in cells]
    n_sources = pd.Series([len(ids) for ids in distinct], dtype="int64")
    n_publishers = pd.Series([len({publisher.get(i) for i in ids}) for ids in distinct], dtype="int64")
    return pd.DataFrame(
        {
            "victim_id": victims["victim_id"].to_numpy(),
            "n_sources": n_sources.reindex(codes).to_numpy(),  # code -1 (no source list): missing
            "n_publishers": n_publishers.reindex(codes).to_numpy(),
        }
    )


@table("coverage", {"victim_id": "string", "n_sources": "integer", "n_publishers": "integer"})
def coverage_result(rel: Tables, r: Results) -> pd.DataFrame:
    """Sources and publishers per person."""
    return source_coverage(rel["victims"], rel["sources"])


def sources_by_kind(sources: pd.DataFrame) -> pd.DataFrame:
    """Number of sources per kind (official, NGO, media...)."""
    return sources["kind"].value_counts().rename_axis("kind").rename("sources").reset_index()


@table("source_kinds", {"kind": "string", "sources": "integer"})
def source_kinds_result(rel: Tables, r: Results) -> pd.DataFrame:
    """Sources per kind."""
    return sources_by_kind(rel["sources"])


def comparable_tallies(tallies: pd.DataFrame, claim: pd.Series, days_before: int = 1) -> pd.DataFrame:
    """Other reporters' tolls of the same scope and event published on the claim's date or the day before:
    each reporter's last toll of each of those days (`tolls.last_of_day`; all of a day's tolls when their
    order is not known, marked `order_known` False)."""
    same = tallies[
        (tallies["scope"] == claim["scope"])
        & (tallies["reporter"] != claim["reporter"])
        & tallies["total_deaths"].notna()
    ]
    same = same[same["event_id"].fillna("") == ("" if pd.isna(claim["event_id"]) else claim["event_id"])]
    window = (same["report_date"] <= claim["report_date"]) & (
        same["report_date"] >= claim["report_date"] - pd.Timedelta(days=days_before)
    )
    return last_of_day(same[window]).sort_values(["report_date", "reporter", "tally_id"]).reset_index(drop=True)


def seed_claims(tallies: pd.DataFrame, seed_source_id: str = SEED_SOURCE_ID) -> pd.DataFrame:
    """The seed article's figures next to every other reporter's comparable figure.

    One row per (seed claim, comparison): claim id, scope, event, seed deaths and injured,
    other reporter, their date, deaths and injured, source id.
    """
    seed = tallies[tallies["source_id"] == seed_source_id]
    if seed.empty:
        raise ReportError(f"the release has no tallies from the seed article ({seed_source_id})")
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
                    "order_known": other["order_known"],
                }
            )
    return pd.DataFrame(rows)


@table(
    "seed",
    {
        "claim": "string",
        "scope": "string",
        "event_id": "string",
        "seed_deaths": "integer",
        "seed_injured": "integer",
        "reporter": "string",
        "report_date": "date",
        "deaths": "integer",
        "injured": "integer",
        "source_id": "string",
        "tally_id": "string",
        "order_known": "boolean",
    },
)
def seed_result(rel: Tables, r: Results) -> pd.DataFrame:
    """The seed article's figures next to other reporters' of the same days."""
    return seed_claims(rel["tallies"])


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


@table(
    "discrepancies",
    {"event_id": "string", "min": "integer", "max": "integer", "n_reports": "integer", "n_reporters": "integer"},
)
def discrepancies_result(rel: Tables, r: Results) -> pd.DataFrame:
    """Events whose published tolls disagree."""
    return discrepancies(rel["tallies"])


DEATH_METRICS = ("national_deaths", "deaths_before", "event_deaths", "event_minors")


def claim_deaths(claim: pd.Series, victims: pd.DataFrame, events: pd.DataFrame) -> pd.Series:
    """For a claim that counts deaths (`DEATH_METRICS`): which people of this record answer it (a boolean
    mask over `victims`), before any restriction to the claim's categories. A claim counts the deaths that had
    occurred by its date (an event's later deaths of wounds are not in it)."""
    metric, event_id = claim["metric"], claim["event_id"]
    by_date = death_date(victims) <= claim["claim_date"]
    if metric == "national_deaths":
        return by_date
    if metric == "deaths_before":
        return death_date(victims) < events.set_index("event_id").at[event_id, "date_start"]
    in_event = by_date & (victims["event_id"] == event_id)
    return in_event & (victims["age"] < 18) if metric == "event_minors" else in_event


def claim_record_value(claim: pd.Series, victims: pd.DataFrame, events: pd.DataFrame, regions: pd.DataFrame) -> float:
    """This record's value for the quantity a published claim states, from the deaths that had occurred by the
    claim's date and only the categories the claim names (`categories`; all when it names none); NaN if the
    record does not hold the quantity."""
    metric = claim["metric"]
    named = claim.get("categories")
    in_categories = victims["category"].isin(named.split(";")) if isinstance(named, str) and named else True
    if metric in DEATH_METRICS:
        return float((claim_deaths(claim, victims, events) & in_categories).sum())
    if metric == "indigenous_population_share":
        return float(indigenous_majority(victims, regions)["share_population"])
    if metric == "indigenous_death_share":
        counted = victims[(death_date(victims) <= claim["claim_date"]) & in_categories]
        return float(indigenous_majority(counted, regions)["share_deaths"])
    return float("nan")


def claim_record_parts(claim: pd.Series, victims: pd.DataFrame, events: pd.DataFrame) -> pd.Series:
    """This record's count for a death claim by category (one entry per category, `record_<category>`), when
    the claim names no categories and the count spans more than one, so that the parts are shown; else empty."""
    named = claim.get("categories")
    if claim["metric"] not in DEATH_METRICS or (isinstance(named, str) and named):
        return pd.Series(dtype="float64")
    counts = victims.loc[claim_deaths(claim, victims, events), "category"].value_counts()
    if (counts > 0).sum() < 2:
        return pd.Series(dtype="float64")
    return counts.astype("float64").rename(lambda c: f"record_{c}")


def claims_check(
    claims: pd.DataFrame, victims: pd.DataFrame, events: pd.DataFrame, regions: pd.DataFrame
) -> pd.DataFrame:
    """Each published claim with the value this record gives for the same quantity (`record_value`) and, where
    the claim does not say which categories it counts and the record's count mixes several, the count of each
    category (`record_<category>`, else empty)."""
    out = claims.copy()
    if "categories" not in out.columns:
        out["categories"] = pd.NA
    out["record_value"] = [claim_record_value(c, victims, events, regions) for _, c in out.iterrows()]
    parts = pd.DataFrame([claim_record_parts(c, victims, events) for _, c in out.iterrows()], index=out.index)
    for category in CATEGORIES:
        out[f"record_{category}"] = parts.get(f"record_{category}")
    return out.sort_values(["claim_date", "claim_id"]).reset_index(drop=True)


@table(
    "claims",
    {
        "claim_id": "string",
        "source_id": "string",
        "claim_date": "date",
        "claimant": "string",
        "metric": "string",
        "event_id": "string",
        "value": "number",
        "qualifier": "string",
        "description_en": "string",
        "description_es": "string",
        "notes": "string",
        "categories": "string",
        "record_value": "number",
        **categories("record_"),
    },
)
def claims_result(rel: Tables, r: Results) -> pd.DataFrame:
    """Published claims next to this record's value for the same quantity."""
    return claims_check(rel["claims"], rel["victims"], rel["events"], rel["regions"])


MAJOR_REPORTERS = [
    "Defensoría del Pueblo",
    "IACHR",
    "Human Rights Watch",
    "Amnesty International",
    "Fiscalía de la Nación",
]
TALLY_TO_CATEGORY = {
    "clash_civilians": "clash_civilian",
    "roadblock_related": "roadblock_related",
    "police": "police",
    "soldiers": "soldier",
}


def reconciliation(tallies: pd.DataFrame, victims: pd.DataFrame) -> pd.DataFrame:
    """Each major reporter's largest national toll next to this record's count for the same period.

    The period ends on the toll's `as_of` date where the reporter states it, else on its report
    date. Columns: reporter, report_date, as_of, source_id, tally_id, then for the total and each
    category the reported value (`reported_*`, empty where not given) and this record's count
    (`record_*`).
    """
    from .trajectory import reconstructed_as_of

    national = tallies[(tallies["scope"] == "national") & tallies["reporter"].isin(MAJOR_REPORTERS)].copy()
    national["size"] = national["total_deaths"].fillna(national[list(TALLY_TO_CATEGORY)].sum(axis=1, min_count=1))
    largest = national.sort_values(["size", "report_date", "tally_id"]).groupby("reporter").tail(1)
    period_end = largest["as_of"].fillna(largest["report_date"])
    counted = reconstructed_as_of(victims, period_end).set_index(largest.index)
    out = largest[["reporter", "report_date", "source_id", "tally_id"]].copy()
    out["period_end"] = period_end
    out["reported_total"] = largest["total_deaths"]
    out["record_total"] = counted["total"]
    for column, category in TALLY_TO_CATEGORY.items():
        out[f"reported_{column}"] = largest[column]
        out[f"record_{column}"] = counted[category]
    order = {r: i for i, r in enumerate(MAJOR_REPORTERS)}
    return out.sort_values("reporter", key=lambda s: s.map(order)).reset_index(drop=True)


@table(
    "reconciliation",
    {
        "reporter": "string",
        "report_date": "date",
        "source_id": "string",
        "tally_id": "string",
        "period_end": "date",
        "reported_total": "integer",
        "record_total": "integer",
        **{f"{side}_{column}": "integer" for column in TALLY_TO_CATEGORY for side in ("reported", "record")},
    },
)
def reconciliation_result(rel: Tables, r: Results) -> pd.DataFrame:
    """Each major reporter's largest national count next to this record's."""
    return reconciliation(rel["tallies"], rel["victims"])


def crosswalk_summary(lists: pd.DataFrame, victims: pd.DataFrame) -> pd.DataFrame:
    """Per major list: people of this record known to be on it, known not to be, and not established."""
    rows = []
    for list_id in ["defensoria", "iachr", "hrw", "amnesty", "fiscalia"]:
        entries = lists[lists["list_id"] == list_id]
        yes, no = int((entries["listed"] == "yes").sum()), int((entries["listed"] == "no").sum())
        rows.append({"list_id": list_id, "listed": yes, "not_listed": no, "unknown": len(victims) - yes - no})
    return pd.DataFrame(rows)


@table("crosswalk", {"list_id": "string", "listed": "integer", "not_listed": "integer", "unknown": "integer"})
def crosswalk_result(rel: Tables, r: Results) -> pd.DataFrame:
    """People of this record on each major list."""
    return crosswalk_summary(rel["lists"], rel["victims"])

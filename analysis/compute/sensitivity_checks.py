"""How much the headline comparisons depend on single incidents, on the population figures and on
which deaths count.

- Leave one incident out (jackknife): each fatal incident removed in turn, the headline values recomputed.
- Denominator: the 2017 census count against INEI's 2022 projection.
- Low / best / high counts: high-confidence deaths only / the release / the release plus the excluded
  reports that were never withdrawn. The release's `excluded` table says why each report is not counted;
  its reasons are of two kinds (schema `EXCLUSION_REASONS`): a report withdrawn or contradicted
  (not_in_civil_registry, found_alive, double_count, unrelated) and one that was never confirmed or
  lacks the details to identify a person (not_confirmed, insufficient_data). "Plausible" here means the
  second kind: nothing in the data rules these deaths out, which is all the data can say. It is a generous
  upper bound: some of these reports are kept out because no source links them to the protests at all
  (the notes say so), and an excluded report has no category or incident, so it counts only in the totals
  and the department comparisons, each as a single death.
- The Indigenous-majority pairing of population share and death share (Amnesty International's "about
  13% of the population, about 80% of the deaths") under each category set and population figure.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .incidents import incident_ids
from .regions import INDIGENOUS_MAJORITY, rate_ratio
from .registry import CLUSTERED, Results, Tables, table
from .trajectory import death_date
from .uncertainty import incident_department_matrix

POPULATIONS = ["pop_2017_census", "pop_2022"]
PLAUSIBLE_REASONS = ["not_confirmed", "insufficient_data"]
SECURITY_FORCES = ["police", "soldier"]
CATEGORY_SETS = {
    "clashes": ["clash_civilian"],
    "clashes_roadblocks": ["clash_civilian", "roadblock_related"],
    "all": None,
}


def group_comparison(
    victims: pd.DataFrame, regions: pd.DataFrame, codes: list[str], population: str = "pop_2022"
) -> dict:
    """A group of departments against the others: deaths, shares of deaths and population (%), and the
    rate ratio with its exact conditional interval. Deaths without a department count in neither."""
    return compare_counts(victims["department"].value_counts(), regions, codes, population)


def compare_counts(deaths: pd.Series, regions: pd.DataFrame, codes: list[str], population: str = "pop_2022") -> dict:
    """`group_comparison` from the deaths per department code (`deaths`, indexed by code)."""
    member = regions["ubigeo"].isin(codes)
    in_group = deaths.index.isin(regions.loc[member, "ubigeo"])
    k1, k2 = int(deaths[in_group].sum()), int(deaths[~in_group].sum())
    e1, e2 = float(regions.loc[member, population].sum()), float(regions.loc[~member, population].sum())
    ratio, low, high = rate_ratio(k1, e1, k2, e2)
    return {
        "deaths_group": k1,
        "deaths_rest": k2,
        "share_deaths": 100 * k1 / (k1 + k2) if k1 + k2 else float("nan"),
        "share_population": 100 * e1 / (e1 + e2),
        "rate_ratio": ratio,
        "rate_ratio_low": low,
        "rate_ratio_high": high,
    }


def headline_statistics(
    victims: pd.DataFrame, regions: pd.DataFrame, groups: dict[str, list[str]], population: str = "pop_2022"
) -> dict:
    """Deaths, national rate per 100,000, and each group's share of deaths and rate ratio, as one flat dict."""
    out = {"deaths": len(victims), "national_rate": 1e5 * len(victims) / float(regions[population].sum())}
    deaths = victims["department"].value_counts()
    for name, codes in groups.items():
        result = compare_counts(deaths, regions, codes, population)
        out[f"{name}_share_deaths"] = result["share_deaths"]
        out[f"{name}_rate_ratio"] = result["rate_ratio"]
    return out


def leave_one_incident_out(
    victims: pd.DataFrame, regions: pd.DataFrame, groups: dict[str, list[str]], population: str = "pop_2022"
) -> pd.DataFrame:
    """`headline_statistics` of the victims with each fatal incident removed in turn: one row per incident
    (`incident_id`, `deaths_removed`, then the statistics), largest incidents first.

    Computed from the deaths per incident and department (`uncertainty.incident_department_matrix`),
    each incident's row taken off the department totals: one pass over the victims, however many
    incidents there are. Raises if a victim's department is not in `regions`."""
    matrix = incident_department_matrix(victims, regions)
    sizes = pd.DataFrame({"incident_id": matrix.index, "size": matrix.sum(axis=1).to_numpy()})
    order = sizes.sort_values(["size", "incident_id"], ascending=[False, True]).index.to_numpy()
    counts = matrix.to_numpy()
    counts = counts.sum(axis=0) - counts[order]  # deaths per department without each incident
    deaths = len(victims) - sizes["size"].to_numpy()[order]
    out = pd.DataFrame({"incident_id": matrix.index[order], "deaths_removed": sizes["size"].to_numpy()[order]})
    out["deaths"] = deaths
    out["national_rate"] = 1e5 * deaths / float(regions[population].sum())
    for name, codes in groups.items():
        member = regions["ubigeo"].isin(codes)
        k1, k2 = counts[:, member.to_numpy()].sum(axis=1), counts[:, ~member.to_numpy()].sum(axis=1)
        e1, e2 = float(regions.loc[member, population].sum()), float(regions.loc[~member, population].sum())
        with np.errstate(divide="ignore", invalid="ignore"):  # as `group_comparison`: nan without deaths,
            share = np.where(k1 + k2 > 0, 100 * k1 / (k1 + k2), np.nan)  # inf without deaths outside the group
            ratio = np.where(k2 > 0, (k1 / e1) / (k2 / e2), np.where(k1 > 0, np.inf, np.nan))
        out[f"{name}_share_deaths"], out[f"{name}_rate_ratio"] = share, ratio
    return out


def jackknife_range(full: dict, left_out: pd.DataFrame) -> pd.DataFrame:
    """Per statistic: the value on all deaths, the lowest and highest with one incident left out,
    and the incidents whose removal gives them."""
    rows = []
    for name, value in full.items():
        column = left_out[name]
        rows.append(
            {
                "statistic": name,
                "full": value,
                "min": float(column.min()),
                "max": float(column.max()),
                "incident_at_min": left_out.loc[column.idxmin(), "incident_id"],
                "incident_at_max": left_out.loc[column.idxmax(), "incident_id"],
            }
        )
    return pd.DataFrame(rows, columns=["statistic", "full", "min", "max", "incident_at_min", "incident_at_max"])


@table(
    "jackknife",
    {
        "statistic": "string",
        "full": "number",
        "min": "number",
        "max": "number",
        "incident_at_min": "string",
        "incident_at_max": "string",
    },
    job=CLUSTERED,
)
def jackknife_result(rel: Tables, r: Results) -> pd.DataFrame:
    """The headline statistics' range with each fatal incident left out in turn."""
    victims, regions, groups = rel["victims"], rel["regions"], r["groups"]
    return jackknife_range(
        headline_statistics(victims, regions, groups), leave_one_incident_out(victims, regions, groups)
    )


def denominator_sensitivity(victims: pd.DataFrame, regions: pd.DataFrame, groups: dict[str, list[str]]) -> pd.DataFrame:
    """Each group's comparison (`group_comparison`) with the 2017 census and with the 2022 projection."""
    deaths = victims["department"].value_counts()
    rows = [
        {"population": population, "group": name, **compare_counts(deaths, regions, codes, population)}
        for population in POPULATIONS
        for name, codes in groups.items()
    ]
    return pd.DataFrame(rows)


@table(
    "denominators",
    {
        "population": "string",
        "group": "string",
        "deaths_group": "integer",
        "deaths_rest": "integer",
        "share_deaths": "number",
        "share_population": "number",
        "rate_ratio": "number",
        "rate_ratio_low": "number",
        "rate_ratio_high": "number",
    },
    job=CLUSTERED,
)
def denominators_result(rel: Tables, r: Results) -> pd.DataFrame:
    """The headline comparisons with the 2017 census and the 2022 projection."""
    return denominator_sensitivity(rel["victims"], rel["regions"], r["groups"])


def plausible_excluded(excluded: pd.DataFrame) -> pd.DataFrame:
    """Excluded reports never withdrawn (reason in `PLAUSIBLE_REASONS`), as victim-like rows: an id,
    the department if known, no category, no event."""
    kept = excluded[excluded["reason"].isin(PLAUSIBLE_REASONS)]
    return pd.DataFrame(
        {
            "victim_id": kept["excluded_id"].to_numpy(),
            "department": kept["department"].to_numpy(),
            "category": pd.Series([pd.NA] * len(kept), dtype="object").to_numpy(),
            "event_id": pd.Series([pd.NA] * len(kept), dtype="object").to_numpy(),
            "confidence": pd.Series([pd.NA] * len(kept), dtype="object").to_numpy(),
        }
    )


def count_scenarios(victims: pd.DataFrame, excluded: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """The deaths counted under each scenario: `low` (confidence high only), `best` (the release),
    `high` (the release plus `plausible_excluded`), and `civilians` (the release without the police
    officers and soldiers who died, so that no comparison rests only on a count that mixes them in)."""
    columns = ["victim_id", "department", "category", "event_id", "confidence"]
    best = victims[columns]
    return {
        "low": best[best["confidence"] == "high"],
        "best": best,
        "high": pd.concat([best, plausible_excluded(excluded)], ignore_index=True),
        "civilians": best[~best["category"].isin(SECURITY_FORCES)],
    }


def scenario_table(
    victims: pd.DataFrame, excluded: pd.DataFrame, regions: pd.DataFrame, groups: dict[str, list[str]]
) -> pd.DataFrame:
    """Per scenario of `count_scenarios`: deaths, deaths with no department, fatal incidents (an
    excluded report is one of its own), and each group's comparison with the rest of Peru (2022 projection)."""
    rows = []
    for scenario, deaths in count_scenarios(victims, excluded).items():
        counted = {
            "scenario": scenario,
            "deaths": len(deaths),
            "no_department": int(deaths["department"].isna().sum()),
            "incidents": int(incident_ids(deaths).nunique()),
        }
        by_department = deaths["department"].value_counts()
        for name, codes in groups.items():
            rows.append({**counted, "group": name, **compare_counts(by_department, regions, codes)})
    return pd.DataFrame(rows)


@table(
    "scenarios",
    {
        "scenario": "string",
        "deaths": "integer",
        "no_department": "integer",
        "incidents": "integer",
        "group": "string",
        "deaths_group": "integer",
        "deaths_rest": "integer",
        "share_deaths": "number",
        "share_population": "number",
        "rate_ratio": "number",
        "rate_ratio_low": "number",
        "rate_ratio_high": "number",
    },
    job=CLUSTERED,
)
def scenarios_result(rel: Tables, r: Results) -> pd.DataFrame:
    """The headline comparisons under low, best, high and civilians-only counts."""
    return scenario_table(rel["victims"], rel["excluded"], rel["regions"], r["groups"])


def indigenous_pairing(
    victims: pd.DataFrame, regions: pd.DataFrame, threshold: float = INDIGENOUS_MAJORITY
) -> pd.DataFrame:
    """Share of population and of deaths in the Indigenous-majority departments (more than `threshold`
    % self-identified as Indigenous, 2017), for each category set and population figure."""
    codes = regions.loc[regions["indigenous_pct_2017"].astype(float) > threshold, "ubigeo"].tolist()
    rows = []
    for name, categories in CATEGORY_SETS.items():
        subset = victims if categories is None else victims[victims["category"].isin(categories)]
        deaths = subset["department"].value_counts()
        for population in POPULATIONS:
            result = compare_counts(deaths, regions, codes, population)
            rows.append({"categories": name, "population": population, "deaths": len(subset), **result})
    return pd.DataFrame(rows)


def claim_pairing(claims: pd.DataFrame, victims: pd.DataFrame, regions: pd.DataFrame) -> pd.DataFrame:
    """For each published claim of a share of deaths in Indigenous-majority regions: `indigenous_pairing` of
    the deaths that had occurred by the claim's date (its claim_id and date first), so that a claim is set
    against what could have been counted when it was made."""
    claimed = claims[claims["metric"] == "indigenous_death_share"]
    frames = [
        indigenous_pairing(victims[death_date(victims) <= claim["claim_date"]], regions).assign(
            claim_id=claim["claim_id"], claim_date=claim["claim_date"]
        )
        for _, claim in claimed.iterrows()
    ]
    if not frames:
        return pd.DataFrame(columns=list(CLAIM_PAIRING))
    return pd.concat(frames, ignore_index=True)[list(CLAIM_PAIRING)]


CLAIM_PAIRING = {
    "claim_id": "string",
    "claim_date": "date",
    "categories": "string",
    "population": "string",
    "deaths": "integer",
    "deaths_group": "integer",
    "deaths_rest": "integer",
    "share_deaths": "number",
    "share_population": "number",
    "rate_ratio": "number",
    "rate_ratio_low": "number",
    "rate_ratio_high": "number",
}


@table("claim_pairing", CLAIM_PAIRING)
def claim_pairing_result(rel: Tables, r: Results) -> pd.DataFrame:
    """Published claims of a share of deaths in Indigenous-majority regions against the deaths by their date."""
    return claim_pairing(rel["claims"], rel["victims"], rel["regions"])

"""Fatal incidents: deaths grouped into the events they belong to, compared across departments.

An incident is an event of the release with at least one death in the release (an event whose deaths
are all outside the record is not a fatal incident of the record). A victim without an `event_id` is
taken as an incident of its own, a single death: the release links every death it can place in a
multi-death event, so an unlinked death is read as isolated. This can only understate clustering; the
number of such deaths is carried along (`incident_table(...).attrs["unlinked"]`) so the report can say so.

Deaths are not independent Poisson events: they arrive in incidents of very unequal size. If incidents
occur as a Poisson process and their sizes S are independent of one another, the total has variance
E[S^2]/E[S] times its mean (a compound Poisson law). That ratio is the variance inflation `phi`, and
deaths / phi is the effective number of independent events.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..release.schema import CATEGORIES
from .regions import PER, rate_ratio
from .registry import CLUSTERED, Results, Tables, categories, result, table
from .trajectory import incident_date

UNLINKED = "victim:"  # prefix of the incident id given to a death with no event


def incident_ids(victims: pd.DataFrame) -> pd.Series:
    """Each victim's incident: its `event_id`, or `victim:<victim_id>` for a death linked to no event."""
    ids = victims["event_id"].rename("incident_id")
    unlinked = ids.isna()
    if unlinked.any():  # the ids of the few unlinked deaths only, not a string per death
        ids = ids.copy()
        ids[unlinked] = UNLINKED + victims.loc[unlinked, "victim_id"].astype(str)
    return ids


def incident_sizes(victims: pd.DataFrame) -> pd.Series:
    """Deaths per fatal incident (`incident_ids`), indexed by incident id."""
    return incident_ids(victims).value_counts().rename("deaths")


def headline_groups(victims: pd.DataFrame, regions: pd.DataFrame, threshold: float = 50.0) -> dict[str, list[str]]:
    """The department groups the report compares with the rest of Peru: the department with the
    highest death rate (ties: lower ubigeo; as `results.region_values` picks it) and the departments
    where more than `threshold` % self-identified as Indigenous in 2017 (`regions.indigenous_majority`)."""
    deaths = victims["department"].value_counts()
    rates = regions.assign(rate=regions["ubigeo"].map(deaths).fillna(0) / regions["pop_2022"].astype(float))
    top = rates.sort_values(["rate", "ubigeo"], ascending=[False, True]).iloc[0]["ubigeo"]
    majority = regions.loc[regions["indigenous_pct_2017"].astype(float) > threshold, "ubigeo"].tolist()
    return {"top_rate_department": [top], "indigenous_majority": majority}


@result("groups", job=CLUSTERED, published=True)
def groups_result(rel: Tables, r: Results) -> dict[str, list[str]]:
    """The department groups of the headline comparisons (models.json)."""
    return headline_groups(rel["victims"], rel["regions"])


def incident_table(victims: pd.DataFrame) -> pd.DataFrame:
    """One row per fatal incident: id, department, date, deaths in total and per category.

    The department is the victims' department (the release checks it against the event's); an incident
    whose victims fall in several departments is refused, since it could not be placed on the map. The
    date is the earliest incident date of its victims (`trajectory.incident_date`).
    Sorted by deaths (largest first), then id. `attrs["unlinked"]` = deaths with no event.
    """
    columns = ["incident_id", "department", "date", "deaths", *CATEGORIES]
    if victims.empty:
        out = pd.DataFrame({c: pd.Series(dtype="int64") for c in columns})
        out = out.astype({"incident_id": "object", "department": "object", "date": "datetime64[ns]"})
        out.attrs["unlinked"] = 0
        return out
    # Grouped by the incidents' codes (one pass over the ids' strings), not by the ids themselves.
    codes, ids = pd.factorize(incident_ids(victims), sort=True)
    frame = pd.DataFrame(
        {"department": victims["department"], "date": incident_date(victims)}, index=victims.index
    ).reset_index(drop=True)
    grouped = frame.groupby(codes)
    places = grouped["department"].nunique()
    if (places > 1).any():
        raise ValueError(f"incidents in several departments: {', '.join(ids[places.to_numpy() > 1])}")
    head = grouped.agg(department=("department", "first"), date=("date", "min"))
    category = pd.Index(CATEGORIES).get_indexer(victims["category"])
    known = category >= 0
    cells = np.bincount(codes[known] * len(CATEGORIES) + category[known], minlength=len(ids) * len(CATEGORIES))
    per_category = pd.DataFrame(cells.reshape(len(ids), len(CATEGORIES)), columns=CATEGORIES)
    out = pd.concat(
        [pd.DataFrame({"incident_id": ids}), head.reset_index(drop=True), per_category.sum(axis=1).rename("deaths")]
        + [per_category],
        axis=1,
    )
    out = out.sort_values(["deaths", "incident_id"], ascending=[False, True]).reset_index(drop=True)
    out.attrs["unlinked"] = int(victims["event_id"].isna().sum())
    return out


@table(
    "incidents",
    {"incident_id": "string", "department": "string", "date": "date", "deaths": "integer", **categories()},
    job=CLUSTERED,
)
def incidents_result(rel: Tables, r: Results) -> pd.DataFrame:
    """Fatal incidents, largest first."""
    return incident_table(rel["victims"])


def incidents_by_department(victims: pd.DataFrame, regions: pd.DataFrame, population: str = "pop_2022") -> pd.DataFrame:
    """Per department (all of them, zeros included): fatal incidents in total and per category, deaths,
    and incidents per 100,000 residents.

    An incident counts once in `incidents` and once in each category it holds deaths of, so the
    category columns can add up to more than `incidents` (one incident in Juliaca killed civilians and
    a police officer). Raises if the incidents do not all fall in known departments.
    """
    table = incident_table(victims)
    known = table["department"].isin(regions["ubigeo"])
    if not known.all():
        raise ValueError(f"incidents in unknown departments: {', '.join(sorted(set(table.loc[~known, 'department'])))}")
    counts = pd.DataFrame(
        {"incidents": table.groupby("department").size(), "deaths": table.groupby("department")["deaths"].sum()}
    )
    for category in CATEGORIES:
        counts[f"incidents_{category}"] = (table[category] > 0).groupby(table["department"]).sum()
    out = regions[["ubigeo", "department", population]].join(counts, on="ubigeo").fillna(0)
    count_columns = ["incidents", "deaths", *(f"incidents_{c}" for c in CATEGORIES)]
    out[count_columns] = out[count_columns].astype("int64")
    out["incident_rate"] = PER * out["incidents"] / out[population].astype(float)
    return out.reset_index(drop=True)


@table(
    "incidents_by_department",
    {
        "ubigeo": "string",
        "department": "string",
        "pop_2022": "integer",
        "incidents": "integer",
        "deaths": "integer",
        **categories("incidents_"),
        "incident_rate": "number",
    },
    job=CLUSTERED,
)
def incidents_by_department_result(rel: Tables, r: Results) -> pd.DataFrame:
    """Fatal incidents and deaths by department."""
    return incidents_by_department(rel["victims"], rel["regions"])


def group_rate_ratio(counts: pd.Series, population: pd.Series, in_group: pd.Series, alpha: float = 0.05) -> dict:
    """Rate ratio of a group of departments against the others, with the exact conditional interval.

    `counts` may be deaths or incidents; the interval is Clopper-Pearson on the group's share of the
    counts (`regions.rate_ratio`), exact if the counted units are independent Poisson events.
    """
    in_group = in_group.astype(bool)
    k1, k2 = int(counts[in_group].sum()), int(counts[~in_group].sum())
    e1, e2 = float(population[in_group].sum()), float(population[~in_group].sum())
    ratio, low, high = rate_ratio(k1, e1, k2, e2, alpha)
    return {"count_group": k1, "count_rest": k2, "rate_ratio": ratio, "low": low, "high": high}


def incident_rate_ratios(
    victims: pd.DataFrame, regions: pd.DataFrame, groups: dict[str, list[str]], population: str = "pop_2022"
) -> pd.DataFrame:
    """For each named group of departments (name -> ubigeo codes): the rate ratio against the rest of
    Peru counted in deaths and counted in fatal incidents, each with its exact conditional interval."""
    table = incidents_by_department(victims, regions, population)
    rows = []
    for name, codes in groups.items():
        member = table["ubigeo"].isin(codes)
        for unit in ("deaths", "incidents"):
            rows.append({"group": name, "unit": unit, **group_rate_ratio(table[unit], table[population], member)})
    return pd.DataFrame(rows, columns=["group", "unit", "count_group", "count_rest", "rate_ratio", "low", "high"])


@table(
    "incident_rate_ratios",
    {
        "group": "string",
        "unit": "string",
        "count_group": "integer",
        "count_rest": "integer",
        "rate_ratio": "number",
        "low": "number",
        "high": "number",
    },
    job=CLUSTERED,
)
def incident_rate_ratios_result(rel: Tables, r: Results) -> pd.DataFrame:
    """The headline comparisons counted in deaths and in fatal incidents."""
    return incident_rate_ratios(rel["victims"], rel["regions"], r["groups"])


def clustering(sizes: pd.Series | np.ndarray) -> dict:
    """Variance inflation from clustering and the effective number of independent events.

    phi = E[S^2] / E[S] = sum(S^2) / sum(S) over incident sizes S (deaths per incident): the ratio of the
    variance of the total to its mean if incidents are a Poisson process with independent sizes. phi is
    1 when every incident has one death. effective_n = deaths / phi. Also the largest incident's share.
    """
    s = np.asarray(sizes, dtype=float)
    s = s[s > 0]
    deaths = float(s.sum())
    if deaths == 0:
        return {"incidents": 0, "deaths": 0, "phi": float("nan"), "effective_n": 0.0, "largest_share": float("nan")}
    phi = float((s**2).sum() / deaths)
    return {
        "incidents": int(len(s)),
        "deaths": int(deaths),
        "mean_size": deaths / len(s),
        "phi": phi,
        "effective_n": deaths / phi,
        "largest": int(s.max()),
        "largest_share": float(s.max() / deaths),
    }


@result("clustering", job=CLUSTERED, published=True)
def clustering_result(rel: Tables, r: Results) -> dict:
    """How deaths cluster in incidents: phi, effective number of events, largest incident (models.json)."""
    return clustering(incident_sizes(rel["victims"]))

"""Funnel plot of department death rates against the national rate: which departments stand out.

Each department's deaths are compared with what the national rate would give its population
(expected = national rate x population). Control limits are exact Poisson quantiles of that expected
count, at two levels (95% and 99.8%, about 2 and 3 standard deviations), so a department outside them
is unusual if deaths were independent Poisson events at one national rate.

Overdispersion: deaths come in incidents, so the count varies more than a Poisson count. The widened
limits take the count as phi x Poisson(expected / phi) (a scaled Poisson with mean `expected` and
variance phi x expected); in the normal approximation this is the Poisson limits widened by sqrt(phi).
phi is by default the incident-size inflation E[S^2]/E[S] (`incidents.clustering`): it comes from how
deaths cluster, not from how departments differ. The other usual choice, the Pearson chi-square of the
departments against the national rate over (departments - 1), is computed too (`pearson_phi`) but not
used by default: with 25 departments and one holding nearly half the deaths, it mostly measures the
very departments the funnel is meant to show, and would hide them.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy.stats import poisson

from .incidents import clustering, incident_sizes
from .regions import PER
from .registry import CLUSTERED, Results, Tables, table

LEVELS = (0.95, 0.998)


def poisson_limits(expected: np.ndarray, level: float, phi: float = 1.0) -> tuple[np.ndarray, np.ndarray]:
    """Lower and upper control limits on a count with mean `expected`: the (1 - level)/2 and
    (1 + level)/2 quantiles of phi x Poisson(expected / phi) (smallest counts whose cumulative
    probability reaches them). phi = 1: the exact Poisson limits. A count below the lower limit
    or above the upper one has probability at most (1 - level)/2 on each side."""
    mean = np.asarray(expected, dtype=float) / phi
    tail = (1 - level) / 2
    return phi * poisson.ppf(tail, mean), phi * poisson.ppf(1 - tail, mean)


def pearson_phi(deaths: np.ndarray, expected: np.ndarray) -> float:
    """Pearson chi-square of observed against expected counts over (units - 1): the quasi-Poisson
    dispersion of an intercept-only Poisson model with offset log(population)."""
    deaths, expected = np.asarray(deaths, dtype=float), np.asarray(expected, dtype=float)
    if len(deaths) < 2 or expected.sum() == 0:
        return float("nan")
    return float(((deaths - expected) ** 2 / expected).sum() / (len(deaths) - 1))


def funnel_table(
    victims: pd.DataFrame,
    regions: pd.DataFrame,
    population: str = "pop_2022",
    levels: tuple[float, ...] = LEVELS,
    phi: float | None = None,
) -> pd.DataFrame:
    """Every department (zero deaths included): deaths, population, rate per 100,000, expected deaths
    at the national rate, and for each level the Poisson limits and the overdispersed limits as counts
    (`lo95`, `hi95`, `lo95_od`, `hi95_od`, ...) with `flag95` / `flag95_od` = "above", "below" or "".

    phi defaults to the incident-size inflation of these victims; `attrs` hold the levels, national_rate,
    phi and pearson_phi. Raises if a victim's department is not in `regions`.
    """
    unknown = set(victims["department"]) - set(regions["ubigeo"])
    if unknown:
        raise ValueError(f"deaths in unknown departments: {', '.join(sorted(unknown))}")
    pop = regions[population].to_numpy(dtype=float)
    deaths = regions["ubigeo"].map(victims["department"].value_counts()).fillna(0).to_numpy(dtype=float)
    national = deaths.sum() / pop.sum()
    expected = national * pop
    if phi is None:
        phi = clustering(incident_sizes(victims))["phi"] if len(victims) else 1.0
    out = regions[["ubigeo", "department"]].copy()
    out["deaths"] = deaths.astype("int64")
    out["population"] = regions[population].to_numpy(dtype="int64")
    out["rate"] = PER * deaths / pop
    out["expected"] = expected
    for level in levels:
        tag = f"{round(100 * level, 1):g}".replace(".", "")
        for suffix, scale in (("", 1.0), ("_od", phi)):
            low, high = poisson_limits(expected, level, scale)
            out[f"lo{tag}{suffix}"], out[f"hi{tag}{suffix}"] = low, high
            out[f"flag{tag}{suffix}"] = np.select([deaths > high, deaths < low], ["above", "below"], "")
    out.attrs.update(levels=tuple(levels), national_rate=float(PER * national), phi=float(phi))
    out.attrs["pearson_phi"] = pearson_phi(deaths, expected)
    return out.reset_index(drop=True)


@table(
    "funnel",
    {
        "ubigeo": "string",
        "department": "string",
        "deaths": "integer",
        "population": "integer",
        "rate": "number",
        "expected": "number",
        "lo95": "number",
        "hi95": "number",
        "flag95": "string",
        "lo95_od": "number",
        "hi95_od": "number",
        "flag95_od": "string",
        "lo998": "number",
        "hi998": "number",
        "flag998": "string",
        "lo998_od": "number",
        "hi998_od": "number",
        "flag998_od": "string",
    },
    job=CLUSTERED,
)
def funnel_result(rel: Tables, r: Results) -> pd.DataFrame:
    """Every department against the funnel's limits (figure 4); `attrs` hold the levels, national rate and phi."""
    return funnel_table(rel["victims"], rel["regions"])


def funnel_curve(
    national_rate: float, populations: np.ndarray, levels: tuple[float, ...] = LEVELS, phi: float = 1.0
) -> pd.DataFrame:
    """Control limits as rates per 100,000 along a grid of populations, for drawing the funnel:
    one row per population, columns `low<tag>` / `high<tag>` per level (95 and 998 for the defaults).
    `national_rate` is per 100,000."""
    pop = np.asarray(populations, dtype=float)
    expected = national_rate / PER * pop
    out = pd.DataFrame({"population": pop})
    for level in levels:
        tag = f"{round(100 * level, 1):g}".replace(".", "")
        low, high = poisson_limits(expected, level, phi)
        out[f"low{tag}"], out[f"high{tag}"] = PER * low / pop, PER * high / pop
    return out

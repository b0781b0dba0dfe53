"""Person-level comparisons with intervals that respect the clustering of deaths in incidents.

Two ways, side by side with the exact Poisson interval that treats every death as independent:
- a cluster bootstrap that resamples whole fatal incidents (with replacement, as many as there are),
  each carrying all its deaths, with a fixed seed, and reads percentile intervals off the replicates;
- a quasi-Poisson (scaled Poisson) interval: the counts are taken as phi times a Poisson count of
  count / phi, phi being the incident-size variance inflation (`incidents.clustering`), and the exact
  conditional interval is computed on the scaled counts. Point estimates are unchanged; the interval is
  the one the effective number of independent events gives.
Both treat the incidents (not the deaths) as the independent units, and the departments' populations
as known. The bootstrap also lets the group's share of incidents vary, the quasi-Poisson does not.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .incidents import clustering, incident_ids, incident_sizes
from .regions import clopper_pearson, rate_ratio
from .registry import CLUSTERED, Results, Tables, table

SEED = 17  # fixed and arbitrary (the number): the same replicates on every build
REPLICATES = 9999


def incident_department_matrix(victims: pd.DataFrame, regions: pd.DataFrame) -> pd.DataFrame:
    """Deaths per incident (rows, `incidents.incident_ids`) and department (columns: every ubigeo of
    `regions`, in its order). Raises if a victim's department is not in `regions`."""
    unknown = set(victims["department"]) - set(regions["ubigeo"])
    if unknown:
        raise ValueError(f"deaths in unknown departments: {', '.join(sorted(unknown))}")
    codes, ids = pd.factorize(incident_ids(victims), sort=True)
    department = pd.Index(regions["ubigeo"]).get_indexer(victims["department"])
    width = len(regions)
    cells = np.bincount(codes * width + department, minlength=len(ids) * width).reshape(len(ids), width)
    return pd.DataFrame(cells, index=pd.Index(ids, name="incident_id"), columns=regions["ubigeo"].to_list())


def resample_incidents(matrix: pd.DataFrame, replicates: int = REPLICATES, seed: int = SEED) -> np.ndarray:
    """Department death counts (replicates x departments) of incident-level bootstrap samples.

    Each replicate draws as many incidents as `matrix` has rows, uniformly with replacement (as
    multinomial draw counts, from numpy's default Generator seeded with `seed`), and adds their deaths.
    """
    m = len(matrix)
    if m == 0:
        return np.zeros((replicates, matrix.shape[1]))
    draws = np.random.default_rng(seed).multinomial(m, np.full(m, 1 / m), size=replicates)
    return draws @ matrix.to_numpy(dtype=float)


def group_statistics(counts: np.ndarray, population: np.ndarray, member: np.ndarray) -> dict[str, np.ndarray]:
    """From department counts (one row per sample), a group's share of deaths (%) and its rate ratio
    against the other departments. A share of no deaths is nan; a ratio with no deaths outside the
    group is inf (nan if there are none in the group either)."""
    counts = np.atleast_2d(counts)
    k1, k2 = counts[:, member].sum(axis=1), counts[:, ~member].sum(axis=1)
    e1, e2 = population[member].sum(), population[~member].sum()
    with np.errstate(divide="ignore", invalid="ignore"):
        return {"share_deaths": 100 * k1 / (k1 + k2), "rate_ratio": (k1 / e1) / (k2 / e2)}


def percentile_interval(values: np.ndarray, alpha: float = 0.05) -> tuple[float, float, int]:
    """The alpha/2 and 1 - alpha/2 percentiles of the defined (non-nan) values, and how many were nan.

    Percentiles by the inverted empirical distribution (no interpolation), so that an infinite
    replicate gives an infinite limit instead of nan."""
    defined = values[~np.isnan(values)]
    if len(defined) == 0:
        return float("nan"), float("nan"), int(len(values))
    low, high = np.quantile(defined, [alpha / 2, 1 - alpha / 2], method="inverted_cdf")
    return float(low), float(high), int(len(values) - len(defined))


def cluster_bootstrap(
    victims: pd.DataFrame,
    regions: pd.DataFrame,
    groups: dict[str, list[str]],
    population: str = "pop_2022",
    replicates: int = REPLICATES,
    seed: int = SEED,
    alpha: float = 0.05,
) -> pd.DataFrame:
    """For each named group of departments: its share of deaths and its person-level rate ratio
    against the rest of Peru, with percentile intervals from resampling whole incidents.

    Columns: group, statistic, estimate (on the record itself), low, high, undefined (replicates where
    the statistic is undefined, left out), replicates, seed. Assumes incidents are independent and
    exchangeable, whatever their department: the bootstrap asks how different the comparison could
    have been with another draw of incidents of the same kinds and sizes.
    """
    matrix = incident_department_matrix(victims, regions)
    pop = regions[population].to_numpy(dtype=float)
    observed = matrix.to_numpy(dtype=float).sum(axis=0)
    samples = resample_incidents(matrix, replicates, seed)
    rows = []
    for name, codes in groups.items():
        member = regions["ubigeo"].isin(codes).to_numpy()
        estimate = group_statistics(observed, pop, member)
        replicated = group_statistics(samples, pop, member)
        for statistic in ("share_deaths", "rate_ratio"):
            low, high, undefined = percentile_interval(replicated[statistic], alpha)
            rows.append(
                {
                    "group": name,
                    "statistic": statistic,
                    "estimate": float(estimate[statistic][0]),
                    "low": low,
                    "high": high,
                    "undefined": undefined,
                    "replicates": replicates,
                    "seed": seed,
                }
            )
    return pd.DataFrame(
        rows, columns=["group", "statistic", "estimate", "low", "high", "undefined", "replicates", "seed"]
    )


@table(
    "bootstrap",
    {
        "group": "string",
        "statistic": "string",
        "estimate": "number",
        "low": "number",
        "high": "number",
        "undefined": "integer",
        "replicates": "integer",
        "seed": "integer",
    },
    job=CLUSTERED,
)
def bootstrap_result(rel: Tables, r: Results) -> pd.DataFrame:
    """Percentile intervals of the headline comparisons from resampled incidents."""
    return cluster_bootstrap(rel["victims"], rel["regions"], r["groups"])


def scaled_poisson_rate_ratio(k1: float, e1: float, k2: float, e2: float, phi: float, alpha: float = 0.05) -> tuple:
    """Rate ratio with the exact conditional interval computed on the counts divided by `phi`
    (Clopper-Pearson with fractional counts, `regions.rate_ratio`). phi = 1 gives the Poisson interval."""
    ratio = rate_ratio(int(k1), e1, int(k2), e2, alpha)[0]
    _, low, high = rate_ratio(k1 / phi, e1, k2 / phi, e2, alpha)
    return ratio, low, high


def quasi_poisson_comparisons(
    victims: pd.DataFrame,
    regions: pd.DataFrame,
    groups: dict[str, list[str]],
    population: str = "pop_2022",
    phi: float | None = None,
    alpha: float = 0.05,
) -> pd.DataFrame:
    """For each group: share of deaths and rate ratio against the rest, each with the exact interval
    assuming independent deaths (`poisson_low/high`) and the scaled-Poisson interval (`quasi_low/high`).

    phi defaults to the incident-size inflation of these victims (`incidents.clustering`). The share's
    interval is Clopper-Pearson on k / phi of n / phi; the ratio's is `scaled_poisson_rate_ratio`.
    """
    if phi is None:
        phi = clustering(incident_sizes(victims))["phi"]
    counts = regions["ubigeo"].map(victims["department"].value_counts()).fillna(0).to_numpy(dtype=float)
    pop = regions[population].to_numpy(dtype=float)
    rows = []
    for name, codes in groups.items():
        member = regions["ubigeo"].isin(codes).to_numpy()
        k1, k2 = counts[member].sum(), counts[~member].sum()
        e1, e2 = pop[member].sum(), pop[~member].sum()
        n = k1 + k2
        share = [100 * k1 / n if n else float("nan")]
        for scale in (1.0, phi):
            share += [100 * p for p in clopper_pearson(k1 / scale, n / scale, alpha)] if n else [float("nan")] * 2
        ratio = scaled_poisson_rate_ratio(k1, e1, k2, e2, 1.0, alpha)
        quasi = scaled_poisson_rate_ratio(k1, e1, k2, e2, phi, alpha)
        for statistic, values in (("share_deaths", share), ("rate_ratio", [*ratio, *quasi[1:]])):
            rows.append(
                dict(
                    zip(
                        [
                            "group",
                            "statistic",
                            "estimate",
                            "poisson_low",
                            "poisson_high",
                            "quasi_low",
                            "quasi_high",
                            "phi",
                        ],
                        [name, statistic, *values, phi],
                    )
                )
            )
    return pd.DataFrame(
        rows,
        columns=["group", "statistic", "estimate", "poisson_low", "poisson_high", "quasi_low", "quasi_high", "phi"],
    )


@table(
    "quasi_poisson",
    {
        "group": "string",
        "statistic": "string",
        "estimate": "number",
        "poisson_low": "number",
        "poisson_high": "number",
        "quasi_low": "number",
        "quasi_high": "number",
        "phi": "number",
    },
    job=CLUSTERED,
)
def quasi_poisson_result(rel: Tables, r: Results) -> pd.DataFrame:
    """The headline comparisons' exact intervals next to those widened by phi."""
    return quasi_poisson_comparisons(rel["victims"], rel["regions"], r["groups"])

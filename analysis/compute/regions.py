"""Deaths compared across Peru's departments: counts, rates with exact intervals, rate ratios, a GLM.

Rates use INEI's 2022 population projection (`pop_2022`) as the denominator. All regional
results are ecological: they describe departments, not the people who died in them.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy.special import betainccinv, betaincinv, gammainccinv, gammaincinv

from ..release.schema import CATEGORIES
from .registry import Results, Tables, categories, result, table

PER = 100_000
SOUTH = "Sur"  # the macro-region (regions table, INEI's grouping) of the southern departments
INDIGENOUS_MAJORITY = 50.0  # % of people aged 12+ self-identifying as Indigenous (2017 census)


def deaths_by_department(victims: pd.DataFrame, regions: pd.DataFrame) -> pd.DataFrame:
    """Deaths per department and category (all 25 departments, zeros included) with a total.

    Raises if the department totals do not add up to the number of victims.
    """
    # Department and category as codes into the fixed lists, then one count per (department, category).
    department = pd.Index(regions["ubigeo"]).get_indexer(victims["department"])
    category = pd.Index(CATEGORIES).get_indexer(victims["category"])
    known = (department >= 0) & (category >= 0)
    cells = np.bincount(department[known] * len(CATEGORIES) + category[known], minlength=len(regions) * len(CATEGORIES))
    table = pd.DataFrame(cells.reshape(len(regions), len(CATEGORIES)), index=regions["ubigeo"], columns=CATEGORIES)
    table["total"] = table[CATEGORIES].sum(axis=1)
    if int(table["total"].sum()) != len(victims):
        raise ValueError(f"deaths by department sum to {table['total'].sum()}, not {len(victims)}: unknown departments")
    out = regions[["ubigeo", "department", "macroregion", "pop_2022"]].join(table, on="ubigeo")
    return out.reset_index(drop=True)


def rate_table(counts: pd.Series, population: pd.Series, alpha: float = 0.05) -> pd.DataFrame:
    """Rate per 100,000 with exact (gamma / chi-square) Poisson 95% intervals.

    The interval is Garwood's, statsmodels' `confint_poisson(method="exact-c")`: the alpha/2 and
    1 - alpha/2 quantiles of the gamma distributions with shape k and k + 1, over the exposure.
    It is computed with scipy.special here so that the main process of a build needs no statsmodels
    (the test suite checks the two agree).
    """
    k, exposure = counts.to_numpy(dtype=float), population.to_numpy(dtype=float)
    with np.errstate(invalid="ignore"):  # no lower bound for a count of zero
        low, high = gammaincinv(k, alpha / 2) / exposure, gammainccinv(k + 1, alpha / 2) / exposure
    return pd.DataFrame(
        {
            "rate": PER * counts.to_numpy(dtype=float) / population.to_numpy(dtype=float),
            "rate_low": PER * np.nan_to_num(low, nan=0.0),
            "rate_high": PER * high,
        },
        index=counts.index,
    )


def clopper_pearson(k: int, n: int, alpha: float = 0.05) -> tuple[float, float]:
    """Exact (Clopper-Pearson) interval for a proportion of k in n.

    The alpha/2 and 1 - alpha/2 quantiles of the beta distributions with shapes (k, n - k + 1)
    and (k + 1, n - k), as statsmodels' `proportion_confint(method="beta")` computes them; from
    scipy.special, so that the main process of a build needs no statsmodels (the test suite
    checks the two agree).
    """
    low = 0.0 if k == 0 else float(betaincinv(k, n - k + 1, alpha / 2))
    high = 1.0 if k == n else float(betainccinv(k + 1, n - k, alpha / 2))
    return low, high


def rate_ratio(k1: int, e1: float, k2: int, e2: float, alpha: float = 0.05) -> tuple[float, float, float]:
    """Rate ratio (k1/e1)/(k2/e2) with the exact conditional interval (Clopper-Pearson on k1 of k1+k2)."""
    n = k1 + k2
    if n == 0:
        return float("nan"), float("nan"), float("nan")
    p_low, p_high = clopper_pearson(k1, n, alpha)
    scale = e2 / e1

    def odds(p: float) -> float:
        return float("inf") if p >= 1 else p / (1 - p) * scale

    ratio = (k1 / e1) / (k2 / e2) if k2 > 0 else float("inf")
    return ratio, odds(p_low), odds(p_high)


def department_rates(victims: pd.DataFrame, regions: pd.DataFrame) -> pd.DataFrame:
    """Per department: deaths, rate per 100,000 (exact 95% CI), and the department's share of deaths
    and of population. `with_rate_ratios` adds each department's rate ratio against the rest of Peru."""
    table = deaths_by_department(victims, regions)
    table = table.join(rate_table(table["total"], table["pop_2022"]))
    table["share_deaths"] = 100 * table["total"] / max(int(table["total"].sum()), 1)
    table["share_population"] = 100 * table["pop_2022"] / float(table["pop_2022"].sum())
    return table


def with_rate_ratios(rates: pd.DataFrame) -> pd.DataFrame:
    """`department_rates` with each department's rate ratio against the rest of Peru (exact
    conditional 95% CI), before the share columns."""
    total_deaths, total_pop = int(rates["total"].sum()), float(rates["pop_2022"].sum())
    ratios = pd.DataFrame(
        [
            rate_ratio(int(k), float(e), total_deaths - int(k), total_pop - float(e))
            for k, e in zip(rates["total"], rates["pop_2022"])
        ],
        columns=["rr_rest", "rr_low", "rr_high"],
        index=rates.index,
    )
    at = rates.columns.get_loc("share_deaths")
    return pd.concat([rates.iloc[:, :at], ratios, rates.iloc[:, at:]], axis=1)


@table(
    "departments",
    {
        "ubigeo": "string",
        "department": "string",
        "macroregion": "string",
        "pop_2022": "integer",
        **categories(),
        "total": "integer",
        "rate": "number",
        "rate_low": "number",
        "rate_high": "number",
        "rr_rest": "number",
        "rr_low": "number",
        "rr_high": "number",
        "share_deaths": "number",
        "share_population": "number",
    },
)
def departments_result(rel: Tables, r: Results) -> pd.DataFrame:
    """Deaths, rates and rate ratios by department."""
    return with_rate_ratios(department_rates(rel["victims"], rel["regions"]))


def macroregion_rates(victims: pd.DataFrame, regions: pd.DataFrame) -> pd.DataFrame:
    """Deaths and rates per macro-region (grouping from the regions table)."""
    table = deaths_by_department(victims, regions)
    grouped = table.groupby("macroregion", sort=True)[["pop_2022", "total"] + CATEGORIES].sum()
    grouped = grouped.join(rate_table(grouped["total"], grouped["pop_2022"]))
    grouped["share_deaths"] = 100 * grouped["total"] / max(int(grouped["total"].sum()), 1)
    grouped["share_population"] = 100 * grouped["pop_2022"] / grouped["pop_2022"].sum()
    return grouped.reset_index()


@table(
    "macroregions",
    {
        "macroregion": "string",
        "pop_2022": "integer",
        "total": "integer",
        **categories(),
        "rate": "number",
        "rate_low": "number",
        "rate_high": "number",
        "share_deaths": "number",
        "share_population": "number",
    },
)
def macroregions_result(rel: Tables, r: Results) -> pd.DataFrame:
    """Deaths and rates by macro-region."""
    return macroregion_rates(rel["victims"], rel["regions"])


def indigenous_majority(victims: pd.DataFrame, regions: pd.DataFrame, threshold: float = INDIGENOUS_MAJORITY) -> dict:
    """Recompute the 'Indigenous-majority regions: ~13% of population, ~80% of deaths' claim.

    Definition: departments where more than `threshold` % of people aged 12+ self-identified as
    Indigenous in the 2017 census. Returns the departments, their population and death shares,
    and the rate ratio against the other departments with an exact conditional 95% interval.
    """
    table = deaths_by_department(victims, regions).merge(regions[["ubigeo", "indigenous_pct_2017"]], on="ubigeo")
    majority = table["indigenous_pct_2017"] > threshold
    k1, e1 = int(table.loc[majority, "total"].sum()), float(table.loc[majority, "pop_2022"].sum())
    k2, e2 = int(table.loc[~majority, "total"].sum()), float(table.loc[~majority, "pop_2022"].sum())
    ratio, low, high = rate_ratio(k1, e1, k2, e2)
    return {
        "threshold": threshold,
        "departments": table.loc[majority, "department"].tolist(),
        "n_departments": int(majority.sum()),
        "deaths": k1,
        "deaths_total": k1 + k2,
        "share_deaths": 100 * k1 / max(k1 + k2, 1),
        "share_population": 100 * e1 / (e1 + e2),
        "rate_ratio": ratio,
        "rate_ratio_low": low,
        "rate_ratio_high": high,
    }


@result("indigenous_majority", published=True)
def indigenous_majority_result(rel: Tables, r: Results) -> dict:
    """The Indigenous-majority departments against the others (models.json)."""
    return indigenous_majority(rel["victims"], rel["regions"])


COVARIATE_STEP = 10  # regional covariates are per 10 percentage points: IRRs compare departments this far apart


def covariate_correlation(regions: pd.DataFrame) -> float:
    """Correlation across departments of the regional models' two covariates, Indigenous share (2017) and
    Castillo's 2021 runoff vote, per `COVARIATE_STEP` points as the models use them."""
    indigenous = regions["indigenous_pct_2017"].to_numpy(dtype=float) / COVARIATE_STEP
    castillo = regions["castillo_runoff_pct_2021"].to_numpy(dtype=float) / COVARIATE_STEP
    return float(np.corrcoef(indigenous, castillo)[0, 1])


@result("covariate_correlation")
def covariate_correlation_result(rel: Tables, r: Results) -> float:
    """Correlation of the regional models' two covariates."""
    return covariate_correlation(rel["regions"])

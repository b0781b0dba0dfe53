"""The department model with every defensible interval next to the others.

Deaths (or fatal incidents) per department ~ Indigenous share (2017) and/or Castillo's 2021 runoff
share, Poisson GLM with offset log(population); covariates per 10 percentage points, so exp(coefficient)
is the incidence rate ratio (IRR) between departments 10 points apart. With 25 departments, most of them
without deaths, and one department holding nearly half the deaths, the interval depends on the method:
- `wald`: model-based Poisson standard errors (deaths independent given the covariates);
- `profile`: profile likelihood, the coefficient fixed by moving it into the offset and the others refitted,
  the limits where the deviance rises by the chi-square(1) quantile (found with scipy's brentq);
- `profile_quasi`: the same with the deviance divided by the Pearson dispersion;
- `negbin`: negative binomial (maximum likelihood alpha), model-based standard errors. (Its profile
  likelihood is left out: with the coefficient fixed, statsmodels' fit of alpha runs into alpha = 0 and fails.)
Heteroskedasticity-robust (sandwich) intervals are not computed: with 25 departments, most without deaths,
they are too narrow, and the report does not show them.
The p-values go with their method (Wald z; likelihood-ratio for the profiles). A permutation check shuffles
one covariate across departments (the population stays with its department) and refits. All of this is
ecological (associations between departments, not people), and the two covariates are highly correlated
across departments (`regions.covariate_correlation`).
"""

from __future__ import annotations

import functools
from collections.abc import Callable

import numpy as np
import pandas as pd
from scipy import optimize, stats
from statsmodels.discrete.discrete_model import NegativeBinomial
from statsmodels.genmod.families import Poisson
from statsmodels.genmod.generalized_linear_model import GLM

from .incidents import incidents_by_department
from .regions import COVARIATE_STEP
from .registry import CLUSTERED, Results, Tables, table

COVARIATES = {"indigenous_10pt": "indigenous_pct_2017", "castillo_10pt": "castillo_runoff_pct_2021"}
MODELS = {"indigenous": ["indigenous_10pt"], "castillo": ["castillo_10pt"], "joint": list(COVARIATES)}
METHODS = ["wald", "profile", "profile_quasi", "negbin"]
PERMUTATIONS = 999
SEED = 17


def model_frame(
    victims: pd.DataFrame, regions: pd.DataFrame, outcome: str = "deaths", population: str = "pop_2022"
) -> pd.DataFrame:
    """One row per department: `y` (deaths or fatal incidents), the covariates per 10 points, `offset`
    = log(population)."""
    counts = incidents_by_department(victims, regions, population)
    frame = pd.DataFrame({"ubigeo": counts["ubigeo"], "y": counts[outcome].to_numpy(dtype=float)})
    for name, column in COVARIATES.items():
        frame[name] = regions[column].to_numpy(dtype=float) / COVARIATE_STEP
    frame["offset"] = np.log(regions[population].to_numpy(dtype=float))
    return frame


def design(frame: pd.DataFrame, terms: list[str]) -> pd.DataFrame:
    """Constant and the model's terms."""
    return pd.concat([pd.Series(1.0, index=frame.index, name="const"), frame[terms]], axis=1)


def fit_poisson(frame: pd.DataFrame, terms: list[str], offset: np.ndarray | None = None, **fit_args):
    """Poisson GLM of `y` on the terms, offset log(population) (or `offset`)."""
    offset = frame["offset"].to_numpy() if offset is None else offset
    return GLM(frame["y"].to_numpy(), design(frame, terms), family=Poisson(), offset=offset).fit(**fit_args)


def fit_negbin(frame: pd.DataFrame, terms: list[str], offset: np.ndarray | None = None, **fit_args):
    """Negative binomial (NB2, alpha by maximum likelihood) of `y` on the terms, offset log(population)."""
    offset = frame["offset"].to_numpy() if offset is None else offset
    return NegativeBinomial(frame["y"].to_numpy(), design(frame, terms), offset=offset).fit(
        disp=False, maxiter=500, **fit_args
    )


def profile_deviance(frame: pd.DataFrame, terms: list[str], term: str, value: float) -> float:
    """-2 log-likelihood of the Poisson model with the coefficient of `term` fixed at `value` (moved
    into the offset) and the other coefficients refitted."""
    others = [t for t in terms if t != term]
    offset = frame["offset"].to_numpy() + value * frame[term].to_numpy()
    # numpy arrays rather than `fit_poisson`'s data frame: the same fit, faster, and brentq calls it often
    x = np.column_stack([np.ones(len(frame)), *(frame[t].to_numpy(dtype=float) for t in others)])
    return -2 * float(GLM(frame["y"].to_numpy(dtype=float), x, family=Poisson(), offset=offset).fit().llf)


def profile_interval(
    frame: pd.DataFrame,
    terms: list[str],
    term: str,
    alpha: float = 0.05,
    scale: float = 1.0,
    fit=None,
    deviance: Callable[[float], float] | None = None,
) -> tuple[float, float]:
    """Profile-likelihood interval of a coefficient: where the rise of -2 log-likelihood over its
    minimum, divided by `scale`, equals the chi-square(1) 1 - alpha quantile, on each side (brentq).
    A side where it never rises that far within 200 standard errors is open (-inf or inf).

    `fit` is the model's `fit_poisson` and `deviance` its `profile_deviance` as a function of the
    coefficient, if the caller has them (`interval_rows` shares them between the plain and the scaled
    interval, whose searches start from the same points)."""
    fit = fit_poisson(frame, terms) if fit is None else fit
    deviance = deviance or functools.partial(profile_deviance, frame, terms, term)
    estimate, se, best = float(fit.params[term]), float(fit.bse[term]), -2 * float(fit.llf)
    target = stats.chi2.ppf(1 - alpha, 1)

    def excess(b: float) -> float:
        return (deviance(b) - best) / scale - target

    limits = []
    for direction in (-1, 1):
        step, found = se, None
        while step <= 200 * se:
            if excess(estimate + direction * step) > 0:
                found = optimize.brentq(excess, *sorted((estimate, estimate + direction * step)), xtol=1e-7)
                break
            step *= 2
        limits.append(found if found is not None else direction * np.inf)
    return limits[0], limits[1]


def likelihood_ratio_p(full, reduced, scale: float = 1.0) -> float:
    """p-value of dropping a term: rise of -2 log-likelihood from the `full` to the `reduced` Poisson
    fit, divided by `scale`, against chi-square(1)."""
    return float(stats.chi2.sf(max(0.0, -2 * (reduced.llf - full.llf)) / scale, 1))


def interval_rows(frame: pd.DataFrame, model: str, terms: list[str], alpha: float = 0.05) -> list[dict]:
    """IRR with interval and p-value for each term of one model, by every method of `METHODS`."""
    poisson = fit_poisson(frame, terms)
    phi = float(poisson.pearson_chi2 / poisson.df_resid)
    fits = {"wald": poisson, "negbin": fit_negbin(frame, terms)}
    rows = []
    for term in terms:
        # The plain and the scaled profile share the Poisson fit and the deviances evaluated for both.
        deviance = functools.cache(functools.partial(profile_deviance, frame, terms, term))
        reduced = fit_poisson(frame, [t for t in terms if t != term])
        for method in METHODS:
            if method.startswith("profile"):
                scale = phi if method == "profile_quasi" else 1.0
                low, high = profile_interval(frame, terms, term, alpha, scale, poisson, deviance)
                estimate, p = float(poisson.params[term]), likelihood_ratio_p(poisson, reduced, scale)
            else:
                fit = fits[method]
                conf = fit.conf_int(alpha)
                estimate, p = float(fit.params[term]), float(fit.pvalues[term])
                low, high = float(conf.loc[term, 0]), float(conf.loc[term, 1])
            rows.append(
                {
                    "model": model,
                    "term": term,
                    "method": method,
                    "irr": np.exp(estimate),
                    "low": np.exp(low),
                    "high": np.exp(high),
                    "p": p,
                    "pearson_dispersion": phi,
                }
            )
    return rows


def model_intervals(
    victims: pd.DataFrame, regions: pd.DataFrame, outcome: str = "deaths", population: str = "pop_2022"
) -> pd.DataFrame:
    """Single-covariate models next to the joint one, each term's IRR by every method (`METHODS`).

    Columns: outcome, model, term, method, irr, low, high, p, pearson_dispersion (of the Poisson fit).
    Empty when there is nothing to model (no deaths)."""
    frame = model_frame(victims, regions, outcome, population)
    columns = ["outcome", "model", "term", "method", "irr", "low", "high", "p", "pearson_dispersion"]
    if frame["y"].sum() == 0:
        return pd.DataFrame(columns=columns)
    rows = [row for model, terms in MODELS.items() for row in interval_rows(frame, model, terms)]
    return pd.DataFrame(rows).assign(outcome=outcome)[columns]


OUTCOMES = ("deaths", "incidents")


@table(
    "model_intervals",
    {
        "outcome": "string",
        "model": "string",
        "term": "string",
        "method": "string",
        "irr": "number",
        "low": "number",
        "high": "number",
        "p": "number",
        "pearson_dispersion": "number",
    },
    job=CLUSTERED,
)
def model_intervals_result(rel: Tables, r: Results) -> pd.DataFrame:
    """The department models of deaths and of fatal incidents, every term by every method."""
    return pd.concat(
        [model_intervals(rel["victims"], rel["regions"], outcome) for outcome in OUTCOMES], ignore_index=True
    )


def permutation_test(
    frame: pd.DataFrame, terms: list[str], term: str, permutations: int = PERMUTATIONS, seed: int = SEED
) -> dict:
    """Shuffle `term` across departments (other columns and the offset stay), refit, and count the
    shuffles whose |coefficient| is at least the observed one: p = (1 + count) / (1 + permutations).

    In the joint model this breaks the covariates' correlation as well, so it checks the term against
    the null of no association with anything; it is the single-covariate p-values that read plainly."""
    fitted = fit_poisson(frame, terms)
    observed = float(fitted.params[term])
    rng = np.random.default_rng(seed)
    x = design(frame, terms).to_numpy(dtype=float)
    column = 1 + terms.index(term)
    y, offset, start = frame["y"].to_numpy(dtype=float), frame["offset"].to_numpy(), fitted.params.to_numpy()
    values = x[:, column].copy()
    extreme = 0
    for _ in range(permutations):
        x[:, column] = rng.permutation(values)
        coefficient = poisson_coefficients(y, x, offset, start)[column]
        extreme += abs(float(coefficient)) >= abs(observed) - 1e-12
    return {
        "term": term,
        "irr": float(np.exp(observed)),
        "p": (1 + extreme) / (1 + permutations),
        "permutations": permutations,
        "seed": seed,
    }


def poisson_coefficients(
    y: np.ndarray, x: np.ndarray, offset: np.ndarray, start: np.ndarray, tol: float = 1e-10, maxiter: int = 100
) -> np.ndarray:
    """The coefficients of the Poisson GLM (log link) of `y` on the design `x` with `offset`, by iteratively
    reweighted least squares from `start`, until no coefficient moves by more than `tol` (relative).

    The same maximum-likelihood fit as `fit_poisson` (statsmodels' IRLS, which stops on the deviance's
    change instead), without building a model and a results object for each fit: the permutation
    checks only need the coefficient, about a thousand times per build."""
    beta = np.asarray(start, dtype=float)
    for _ in range(maxiter):
        eta = x @ beta + offset
        mu = np.exp(eta)
        root = np.sqrt(mu)  # weighted least squares of the working response on x, weights mu
        updated = np.linalg.lstsq(x * root[:, None], (eta - offset + (y - mu) / mu) * root, rcond=None)[0]
        if np.max(np.abs(updated - beta)) <= tol * (1 + np.max(np.abs(updated))):
            return updated
        beta = updated
    return beta


def permutation_table(
    victims: pd.DataFrame,
    regions: pd.DataFrame,
    outcome: str = "deaths",
    permutations: int = PERMUTATIONS,
    seed: int = SEED,
    population: str = "pop_2022",
    models: tuple[str, ...] = tuple(MODELS),
) -> pd.DataFrame:
    """`permutation_test` for every term of the named models of `MODELS` (all by default), with the same
    seed for each."""
    frame = model_frame(victims, regions, outcome, population)
    rows = [
        {"outcome": outcome, "model": model, **permutation_test(frame, MODELS[model], term, permutations, seed)}
        for model in models
        for term in MODELS[model]
    ]
    return pd.DataFrame(rows, columns=["outcome", "model", "term", "irr", "p", "permutations", "seed"])


# Shuffles per term of the permutation checks across departments in a build: at 199 the smallest p-value a
# check can give is 1/200 = 0.005 and p is resolved in steps of 0.005, which is enough to tell 0.01 from 0.05.
# (Chosen when the refits cost about 14 s per outcome at 999; with `poisson_coefficients` 999 would cost about
# 0.4 s per outcome, but would change the printed p-values.)
BUILD_PERMUTATIONS = 199
# Only the single-covariate models are permuted in a build: shuffling one covariate of the joint model also
# breaks its correlation with the other, so that check tests "no association with anything", which the
# single-covariate checks already answer more plainly (`permutation_test`).
BUILD_PERMUTED_MODELS = ("indigenous", "castillo")


@table(
    "permutations",
    {
        "outcome": "string",
        "model": "string",
        "term": "string",
        "irr": "number",
        "p": "number",
        "permutations": "integer",
        "seed": "integer",
    },
    job=CLUSTERED,
)
def permutations_result(rel: Tables, r: Results) -> pd.DataFrame:
    """Permutation p-values of the single-covariate models, deaths and fatal incidents."""
    return pd.concat(
        [
            permutation_table(rel["victims"], rel["regions"], outcome, BUILD_PERMUTATIONS, models=BUILD_PERMUTED_MODELS)
            for outcome in OUTCOMES
        ],
        ignore_index=True,
    )

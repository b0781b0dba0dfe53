"""The statistical models of a release (the regional sensitivity table's profile-likelihood intervals and
the incident-level, clustered results), and `analyse`: every result of a release, the models included.

A build fits the models in its worker processes (`fit_regional`, `fit_clustered`) while the main process
computes everything else (`summary.summarise`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from . import clustered_results, regional_sensitivity, summary

if TYPE_CHECKING:  # the type only: the workers, which import this module, need no release loading
    from ..release.load import Release

# Shuffles per term of the permutation checks across departments: at 199 the smallest p-value a check can
# give is 1/200 = 0.005 and p is resolved in steps of 0.005, which is enough to tell 0.01 from 0.05. (Chosen
# when the refits cost about 14 s per outcome at 999; with `department_models.poisson_coefficients` 999
# would cost about 0.4 s per outcome, but would change the printed p-values.)
PERMUTATIONS = 199
# Only the single-covariate models are permuted in a build: shuffling one covariate of the joint model also
# breaks its correlation with the other, so that check tests "no association with anything", which the
# single-covariate checks already answer more plainly (`department_models.permutation_test`).
PERMUTED_MODELS = ("indigenous", "castillo")


def analyse(rel: Release, described: dict | None = None) -> dict:
    """Every result table and statistic of a release, computed from its validated tables.

    `described` is `summary.describe(rel)` if the caller already has it.
    """
    r = summary.summarise(rel, described)
    r.update(fit(rel["victims"], rel["regions"], rel["excluded"], rel["timeline"]))
    return r


def fit(victims: pd.DataFrame, regions_table: pd.DataFrame, excluded: pd.DataFrame, timeline: pd.DataFrame) -> dict:
    """Every model result, by the name `analyse` gives it (`fit_regional` and `fit_clustered`)."""
    return {**fit_regional(victims, regions_table), **fit_clustered(victims, regions_table, excluded, timeline)}


def fit_regional(victims: pd.DataFrame, regions_table: pd.DataFrame) -> dict:
    """The regional sensitivity table (its profile-likelihood intervals need statsmodels)."""
    return {"sensitivity": regional_sensitivity.sensitivity(victims, regions_table)}


def fit_clustered(
    victims: pd.DataFrame, regions_table: pd.DataFrame, excluded: pd.DataFrame, timeline: pd.DataFrame
) -> dict:
    """The incident-level and clustered results (`clustered_results.compute`): the build runs this as a
    job of its own, beside the regional table and the figures."""
    return {
        "clustered": clustered_results.compute(
            victims, regions_table, excluded, timeline, PERMUTATIONS, PERMUTED_MODELS
        )
    }

"""The statistical models of a release: the regional GLMs and the incident-level (clustered) results.

They are the only results that need statsmodels, which takes over a second to import. A build
fits them in a worker process while the main process computes everything else (`summary.summarise`);
`summary.analyse` fits them in its own process. The main process of a build never imports this module.
"""

from __future__ import annotations

import pandas as pd

# The model functions import these where they are used. Importing them here as well lets the
# workers' fork server (workers.PRELOAD) load them once, while the main process is still
# validating the release, instead of a worker loading them while the others draw.
import scipy.stats  # noqa: F401
import statsmodels.discrete.discrete_model  # noqa: F401
import statsmodels.genmod.generalized_linear_model  # noqa: F401
import statsmodels.regression.linear_model  # noqa: F401

from . import clustered_results, regional_sensitivity

# Shuffles per term of the permutation checks across departments. At 999 they cost about 14 s per
# outcome, more than the rest of a cold build; at 199 the smallest p-value a check can give is
# 1/200 = 0.005 and p is resolved in steps of 0.005, which is enough to tell 0.01 from 0.05.
PERMUTATIONS = 199
# Only the single-covariate models are permuted in a build: shuffling one covariate of the joint model also
# breaks its correlation with the other, so that check tests "no association with anything", which the
# single-covariate checks already answer more plainly (`department_models.permutation_test`).
PERMUTED_MODELS = ("indigenous", "castillo")


def fit(victims: pd.DataFrame, regions_table: pd.DataFrame, excluded: pd.DataFrame, timeline: pd.DataFrame) -> dict:
    """Every model result, by the name `summary.analyse` gives it (`fit_regional` and `fit_clustered`).

    The daily count model of deaths (`trajectory.count_model`) is no longer fitted for the report: its
    wave ratio is set by the choice of window (`incident_days.window_sensitivity`, in `clustered`).
    """
    return {**fit_regional(victims, regions_table), **fit_clustered(victims, regions_table, excluded, timeline)}


def fit_regional(victims: pd.DataFrame, regions_table: pd.DataFrame) -> dict:
    """The regional sensitivity table (its profile-likelihood intervals need statsmodels)."""
    return {"sensitivity": regional_sensitivity.sensitivity(victims, regions_table)}


def fit_clustered(
    victims: pd.DataFrame, regions_table: pd.DataFrame, excluded: pd.DataFrame, timeline: pd.DataFrame
) -> dict:
    """The incident-level and clustered results (`clustered_results.compute`): the build runs this in a
    worker of its own, since its permutation checks take some seconds."""
    return {
        "clustered": clustered_results.compute(
            victims, regions_table, excluded, timeline, PERMUTATIONS, PERMUTED_MODELS
        )
    }

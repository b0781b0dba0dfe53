"""The statistical models of a release: the count model of daily deaths and the regional GLMs.

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

from . import regions, trajectory


def fit(victims: pd.DataFrame, regions_table: pd.DataFrame, daily_incident: pd.DataFrame) -> dict:
    """Every model result, by the name `summary.analyse` gives it."""
    return {
        "count_model": trajectory.count_model(daily_incident),
        "glm": regions.department_glm(victims, regions_table),
        "sensitivity": regions.sensitivity(victims, regions_table),
    }

"""Every incident-level and clustered-uncertainty result of a release, by the name the build will give it.

A table of contents of issue 17's computations, for the build to call in a worker process (the
department models need statsmodels, and the permutation checks refit a GLM about a thousand times per
term: some seconds per outcome). Pure: validated tables in, a dict of tables and dicts out.
"""

from __future__ import annotations

import pandas as pd

from . import department_models, funnel, incident_days, incidents, reporting_lag, sensitivity_checks, uncertainty


def compute(
    victims: pd.DataFrame,
    regions: pd.DataFrame,
    excluded: pd.DataFrame,
    timeline: pd.DataFrame,
    permutations: int = department_models.PERMUTATIONS,
    permuted_models: tuple[str, ...] = tuple(department_models.MODELS),
) -> dict:
    """All of issue 17's results for one release (see each function for what it computes and assumes).

    `permuted_models` are the models of `department_models.MODELS` whose terms get a permutation check."""
    groups = incidents.headline_groups(victims, regions)
    return {
        "groups": groups,
        "incidents": incidents.incident_table(victims),
        "incidents_by_department": incidents.incidents_by_department(victims, regions),
        "incident_rate_ratios": incidents.incident_rate_ratios(victims, regions, groups),
        "clustering": incidents.clustering(incidents.incident_sizes(victims)),
        "bootstrap": uncertainty.cluster_bootstrap(victims, regions, groups),
        "quasi_poisson": uncertainty.quasi_poisson_comparisons(victims, regions, groups),
        "funnel": funnel.funnel_table(victims, regions),
        "model_intervals": pd.concat(
            [department_models.model_intervals(victims, regions, outcome) for outcome in ("deaths", "incidents")],
            ignore_index=True,
        ),
        "permutations": pd.concat(
            [
                department_models.permutation_table(victims, regions, outcome, permutations, models=permuted_models)
                for outcome in ("deaths", "incidents")
            ],
            ignore_index=True,
        ),
        "jackknife": sensitivity_checks.jackknife_range(
            sensitivity_checks.headline_statistics(victims, regions, groups),
            sensitivity_checks.leave_one_incident_out(victims, regions, groups),
        ),
        "denominators": sensitivity_checks.denominator_sensitivity(victims, regions, groups),
        "scenarios": sensitivity_checks.scenario_table(victims, excluded, regions, groups),
        "reporting_lag": reporting_lag.lag_summary(victims),
        "windows": incident_days.window_sensitivity(victims, timeline),
    }

"""Golden tables of the incident-level and clustered-uncertainty results for the frozen release 2023-01-10.

Regenerate only on purpose: GOLDEN_UPDATE=1 pytest tests/test_golden_uncertainty.py. Model results are
written to 4 significant digits so that a different BLAS or statsmodels patch release does not fail them.
"""

from __future__ import annotations

import functools
import io
import os
from pathlib import Path

import pandas as pd
import pytest
from conftest import FIRST_RELEASE

from analysis import (
    department_models,
    funnel,
    incident_days,
    incidents,
    reporting_lag,
    sensitivity_checks,
    uncertainty,
)
from analysis.release import load_release

GOLDEN = Path(__file__).parent / "golden" / FIRST_RELEASE / "uncertainty"


@pytest.fixture(scope="module")
def computed() -> dict[str, tuple[pd.DataFrame, str]]:
    """Each golden table with the float format it is written in."""
    rel = load_release(FIRST_RELEASE)
    v, rg = rel["victims"], rel["regions"]
    groups = incidents.headline_groups(v, rg)
    statistic = functools.partial(sensitivity_checks.headline_statistics, regions=rg, groups=groups)
    clustering = pd.DataFrame([incidents.clustering(incidents.incident_sizes(v))])
    return {
        "incidents_by_department": (incidents.incidents_by_department(v, rg), "%.6g"),
        "incident_rate_ratios": (incidents.incident_rate_ratios(v, rg, groups), "%.6g"),
        "clustering": (clustering, "%.6g"),
        "bootstrap": (uncertainty.cluster_bootstrap(v, rg, groups, replicates=2000), "%.6g"),
        "quasi_poisson": (uncertainty.quasi_poisson_comparisons(v, rg, groups), "%.6g"),
        "funnel": (funnel.funnel_table(v, rg), "%.6g"),
        "model_intervals": (department_models.model_intervals(v, rg), "%.4g"),
        "permutations": (department_models.permutation_table(v, rg, permutations=99), "%.4g"),
        "jackknife": (
            sensitivity_checks.jackknife_range(statistic(v), sensitivity_checks.leave_one_incident_out(v, statistic)),
            "%.6g",
        ),
        "denominators": (sensitivity_checks.denominator_sensitivity(v, rg, groups), "%.6g"),
        "scenarios": (sensitivity_checks.scenario_table(v, rel["excluded"], rg, groups), "%.6g"),
        "indigenous_pairing": (sensitivity_checks.indigenous_pairing(v, rg), "%.6g"),
        "reporting_lag": (reporting_lag.lag_summary(v), "%.6g"),
        "windows": (incident_days.window_sensitivity(v, rel["timeline"]), "%.6g"),
    }


def as_csv(frame: pd.DataFrame, float_format: str) -> str:
    buffer = io.StringIO()
    frame.to_csv(buffer, index=False, lineterminator="\n", date_format="%Y-%m-%d", float_format=float_format)
    return buffer.getvalue()


NAMES = [
    "incidents_by_department",
    "incident_rate_ratios",
    "clustering",
    "bootstrap",
    "quasi_poisson",
    "funnel",
    "model_intervals",
    "permutations",
    "jackknife",
    "denominators",
    "scenarios",
    "indigenous_pairing",
    "reporting_lag",
    "windows",
]


@pytest.mark.parametrize("name", NAMES)
def test_uncertainty_table_matches_golden(computed, name):
    frame, float_format = computed[name]
    path = GOLDEN / f"{name}.csv"
    if os.environ.get("GOLDEN_UPDATE"):
        GOLDEN.mkdir(parents=True, exist_ok=True)
        path.write_text(as_csv(frame, float_format), encoding="utf-8")
    assert as_csv(frame, float_format) == path.read_text(encoding="utf-8")


def test_every_golden_table_is_checked(computed):
    assert sorted(computed) == sorted(NAMES)

"""Golden tables of the incident-level and clustered-uncertainty results for the frozen release 2023-01-10.

Regenerate only on purpose: GOLDEN_UPDATE=1 pytest tests/test_golden_uncertainty.py. Model results are
written to 4 significant digits so that a different BLAS or statsmodels patch release does not fail them.
"""

from __future__ import annotations

import io
import os
from pathlib import Path

import pandas as pd
import pytest
from conftest import FIRST_RELEASE

from analysis.compute import department_models, models, registry
from analysis.release.load import load_release

GOLDEN = Path(__file__).parent / "golden" / FIRST_RELEASE / "uncertainty"


MODEL_TABLES = {"model_intervals", "permutations"}  # written to 4 significant digits


@pytest.fixture(scope="module")
def computed() -> dict:
    """Every result of the clustered job (`registry.CLUSTERED`), with 99 permutations of every model's terms
    instead of the build's 199 of the single-covariate models, to keep the test short."""
    rel = load_release(FIRST_RELEASE)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(department_models, "BUILD_PERMUTATIONS", 99)
        mp.setattr(department_models, "BUILD_PERMUTED_MODELS", tuple(department_models.MODELS))
        out = {d.name: value for d, value in models.fit(registry.CLUSTERED, rel.tables)}
    out["clustering"] = pd.DataFrame([out["clustering"]])
    return out


def as_csv(frame: pd.DataFrame, float_format: str) -> str:
    buffer = io.StringIO()
    frame.to_csv(buffer, index=False, lineterminator="\n", date_format="%Y-%m-%d", float_format=float_format)
    return buffer.getvalue()


NAMES = [
    "incidents",
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
    "reporting_lag",
    "windows",
]


@pytest.mark.parametrize("name", NAMES)
def test_uncertainty_table_matches_golden(computed, name):
    frame, float_format = computed[name], "%.4g" if name in MODEL_TABLES else "%.6g"
    path = GOLDEN / f"{name}.csv"
    if os.environ.get("GOLDEN_UPDATE"):
        GOLDEN.mkdir(parents=True, exist_ok=True)
        path.write_text(as_csv(frame, float_format), encoding="utf-8")
    assert as_csv(frame, float_format) == path.read_text(encoding="utf-8")


def test_every_table_is_checked_against_golden(computed):
    assert sorted(computed) == sorted([*NAMES, "groups"])


def test_headline_groups_of_the_first_release(computed):
    # Puno has the highest death rate; Apurímac, Ayacucho, Cusco, Huancavelica and Puno are Indigenous-majority
    assert computed["groups"] == {"top_rate_department": ["21"], "indigenous_majority": ["03", "05", "08", "09", "21"]}

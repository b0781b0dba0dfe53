"""Golden tables of the frozen release 2023-01-10: regenerate only on purpose (GOLDEN_UPDATE=1 pytest ...)."""

from __future__ import annotations

import io
import json
import os
from pathlib import Path

import pandas as pd
import pytest
from conftest import FIRST_RELEASE

from analysis.compute.models import analyse
from analysis.present.report import collect_values
from analysis.release.load import load_release

GOLDEN = Path(__file__).parent / "golden" / FIRST_RELEASE
TABLES = {
    "departments": [
        "ubigeo",
        "department",
        "total",
        "clash_civilian",
        "roadblock_related",
        "police",
        "rate",
        "rate_low",
        "rate_high",
        "rr_rest",
        "rr_low",
        "rr_high",
    ],
    "waves": None,
    "events": ["event_id", "deaths", "share", "n_tolls", "deaths_min", "deaths_max", "latest_deaths"],
    "claims": ["claim_id", "metric", "value", "record_value"],
    "seed": ["claim", "reporter", "report_date", "deaths", "injured", "tally_id"],
}
VALUES = [
    "deaths_total",
    "deaths_clash_civilian",
    "deaths_roadblock_related",
    "deaths_police",
    "defensoria_last_total",
    "indig_share_deaths",
    "indig_share_population",
    "indig_rate_ratio",
    "top_rate_rate",
    "top_rate_inc_rr",
    "indig_inc_rr",
    "phi",
    "effective_n",
    "indig_boot_rr_low",
    "indig_boot_rr_high",
    "glm_joint_indig_qprofile_low",
    "glm_joint_indig_qprofile_high",
    "lag_with_both_dates",
]


@pytest.fixture(scope="module")
def results() -> dict:
    rel = load_release(FIRST_RELEASE)
    r = analyse(rel)
    r["values"] = collect_values(rel, r)
    return r


def as_csv(frame: pd.DataFrame) -> str:
    buffer = io.StringIO()
    frame.to_csv(buffer, index=False, lineterminator="\n", date_format="%Y-%m-%d", float_format="%.6g")
    return buffer.getvalue()


@pytest.mark.parametrize("name", TABLES)
def test_headline_table_matches_golden(results, name):
    frame = results[name] if TABLES[name] is None else results[name][TABLES[name]]
    path = GOLDEN / f"{name}.csv"
    if os.environ.get("GOLDEN_UPDATE"):
        path.write_text(as_csv(frame), encoding="utf-8")
    assert as_csv(frame) == path.read_text(encoding="utf-8")


def test_headline_values_match_golden(results):
    values = {k: results["values"].items[k].plain() for k in VALUES}
    path = GOLDEN / "values.json"
    if os.environ.get("GOLDEN_UPDATE"):
        path.write_text(json.dumps(values, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    assert values == json.loads(path.read_text(encoding="utf-8"))

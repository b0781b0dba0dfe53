"""The report's quoted figures recounted from the release CSVs by a second implementation (tests/recount.py,
SQL over the CSVs with DuckDB, written from the report's definitions) and compared with the build's values.

A disagreement names the figure. The build under test is a render of the latest release (the release a reader
gets from `make report`) and of the first release, whose format predates several fields.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import pandas as pd
import pytest
import recount
from conftest import FIRST_RELEASE
from pypdf import PdfReader

from analysis import paths

LATEST = paths.release_names()[-1]


@pytest.fixture(params=["latest", "first"])
def built(request, latest_out) -> tuple[Path, Path]:
    """(release folder, its build output folder), for the latest and the first release (conftest's renders)."""
    if request.param == "latest":
        return paths.RELEASES / LATEST, latest_out
    return paths.RELEASES / FIRST_RELEASE, request.getfixturevalue("out")


def values(out: Path) -> dict[str, object]:
    return {name: item["value"] for name, item in json.loads((out / "results" / "values.json").read_text()).items()}


def disagreements(expected: dict[str, object], found: dict[str, object]) -> list[str]:
    """Figures on which the recount and the build disagree, as 'name: recount X, build Y'."""
    out = []
    for name, value in expected.items():
        built = found.get(name, "(missing)")
        same = built == value or (
            isinstance(value, float) and isinstance(built, int | float) and math.isclose(built, value, abs_tol=1e-9)
        )
        if not same:
            out.append(f"{name}: recount {value!r}, build {built!r}")
    return out


def test_summary_figures_recount(built):
    release, out = built
    db = recount.connect(release)
    assert not disagreements(recount.summary(db), values(out))


def test_seed_figures_recount(built):
    release, out = built
    db = recount.connect(release)
    assert not disagreements(recount.seed(db), values(out))


def test_seed_table_rows_recount(built):
    release, out = built
    table = pd.read_csv(out / "results" / "tables" / "seed.csv", dtype=str)
    assert set(zip(table["claim"], table["tally_id"])) == recount.seed_comparisons(recount.connect(release))


def test_claims_recount(built):
    release, out = built
    table = pd.read_csv(out / "results" / "tables" / "claims.csv", dtype={"claim_id": str})
    found = dict(zip(table["claim_id"], table["record_value"]))
    expected = recount.claims(recount.connect(release))
    wrong = [
        f"{c}: recount {v}, build {found[c]}"
        for c, v in expected.items()
        if not math.isclose(v, found[c], rel_tol=1e-5)
    ]  # CSVs keep 6 digits
    assert expected and not wrong


def test_clustering_recount(built):
    release, out = built
    assert not disagreements(recount.clustering(recount.connect(release)), values(out))


def test_accountability_figures_recount(latest_out):
    release = paths.RELEASES / LATEST
    if not (release / "proceedings.csv").is_file():
        pytest.skip(f"release {LATEST} predates the proceedings table")
    expected = recount.accountability(recount.connect(release))
    found = values(latest_out)
    # The support amounts are printed with the currency's sign ("S/ 50,000"): compare the number.
    for beneficiary in ("death", "serious_injury"):
        amount = expected.pop(f"support_{beneficiary}")
        printed = json.loads((latest_out / "results" / "values.json").read_text())[f"support_{beneficiary}_amount"]
        assert printed["value"]["en"] == f"S/\u00a0{amount:,.0f}", beneficiary
    roadblock, unnamed = expected.pop("acc_unnamed_roadblock"), expected["acc_incidents_unnamed"]
    phrase = found["acc_unnamed_roadblock_phrase"]["en"]  # "all of them are ..." or "3 of them are ..."
    assert phrase.startswith(
        "all of them" if roadblock == unnamed > 0 else "none" if not roadblock else f"{roadblock} "
    )
    assert expected["n_proceedings"] > 0 and not disagreements(expected, found)


@pytest.mark.parametrize("stem", ["report", "report-es"])
def test_references_give_access_dates_where_the_data_record_them(latest_out, stem):
    """Every source read at its own address on a recorded day has an access date in the bibliography."""
    text = " ".join(page.extract_text() for page in PdfReader(latest_out / f"{stem}.pdf").pages)
    word = "Accessed" if stem == "report" else "Consultado"
    assert text.count(word) - 1 == recount.accessed(recount.connect(paths.RELEASES / LATEST))  # - the methodology

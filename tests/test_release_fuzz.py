"""Property-based tests of the release reader (Hypothesis): whatever text or bytes a staging table holds,
`python -m analysis validate <staging folder>` (every check of `release`) accepts it or refuses it with
one-line problems, never a traceback, and within a time bound.

Each example copies a small staging folder (the tables of release 2023-01-10), spoils one table (or
corrections.csv) and validates it as release 2026-01-31 against a copy of release 2023-01-10.
`pytest tests/test_release_fuzz.py --hypothesis-show-statistics` prints how many examples ran; the
environment variable FUZZ_EXAMPLES sets how many each test tries (default 15, about ten seconds a test).
"""

from __future__ import annotations

import contextlib
import csv
import io
import os
import shutil
import tempfile
from datetime import timedelta
from pathlib import Path

import pytest
from conftest import FIRST_RELEASE
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from analysis import cli, paths
from analysis.release.problems import MESSAGE_CHARS
from analysis.release.schema import ADDED_TABLES, TABLES

NAME = "2026-01-31"
FILES = [*(f"{table}.csv" for table in TABLES), "corrections.csv"]
CORRECTIONS = "correction_id,release,table,record_id,field,old_value,new_value,reason,source_id\n"
FUZZ = settings(
    max_examples=int(os.environ.get("FUZZ_EXAMPLES", "15")),
    deadline=timedelta(seconds=20),  # one validation takes about a second on a shared machine
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    """A releases folder holding 2023-01-10, staging with its tables, both changelogs and empty corrections."""
    root = tmp_path_factory.mktemp("fuzz")
    shutil.copytree(paths.RELEASES / FIRST_RELEASE, root / "releases" / FIRST_RELEASE)
    shutil.copytree(paths.RELEASES / FIRST_RELEASE, root / "staging", ignore=shutil.ignore_patterns("*.json"))
    for file in ("CHANGELOG.md", "CHANGELOG.es.md"):
        (root / file).write_text(f"# Changelog\n\n## {NAME}\n\nA release.\n", encoding="utf-8")
    (root / "staging" / "corrections.csv").write_text(CORRECTIONS, encoding="utf-8")
    for table in ADDED_TABLES:  # tables added since 2023-01-10: in staging, with their header and no rows
        header = ",".join(f["name"] for f in TABLES[table]["fields"])
        (root / "staging" / f"{table}.csv").write_text(header + "\n", encoding="utf-8")
    return root


def validate(project: Path, spoil) -> tuple[int, str]:
    """Validate a copy of staging after `spoil(folder)`: the exit status and what was printed on stderr."""
    with tempfile.TemporaryDirectory() as tmp:
        staging = Path(tmp) / "staging"
        shutil.copytree(project / "staging", staging)
        spoil(staging)
        options = ["--releases-dir", str(project / "releases"), "--changelog", str(project / "CHANGELOG.md")]
        options += ["--corrections", str(staging / "corrections.csv"), "--name", NAME]
        err, out = io.StringIO(), io.StringIO()
        with pytest.MonkeyPatch.context() as mp, contextlib.redirect_stderr(err), contextlib.redirect_stdout(out):
            mp.setenv("PERU_PROTESTS_TODAY", "2026-02-01")
            code = cli.main(["validate", str(staging), *options])
        return code, err.getvalue()


def assert_accepted_or_one_line_problems(code: int, err: str) -> None:
    """Exit 0, or exit 1 with one line per problem (each naming a file and a rule), bounded, and no traceback."""
    assert code in (0, 1)
    assert "Traceback" not in err
    lines = err.splitlines()
    if code == 0:
        return
    assert lines, "refused without saying why"
    problems = lines[:-1] if len(lines) > 1 else lines
    if len(lines) > 1:
        assert lines[-1].startswith("INVALID: "), lines[-1]
    for line in problems:
        assert "[" in line and "]" in line and len(line) < MESSAGE_CHARS + 400, line
    assert len(lines) < 2_000


def replace_file(name: str, data: bytes):
    def spoil(staging: Path) -> None:
        (staging / name).write_bytes(data)

    return spoil


@FUZZ
@given(name=st.sampled_from(FILES), data=st.binary(max_size=3_000))
@example(name="sources.csv", data=b"\r\x00")  # found by Hypothesis: a CR then NUL was a traceback in csv
def test_any_bytes_as_a_staging_table(project, name, data):
    assert_accepted_or_one_line_problems(*validate(project, replace_file(name, data)))


@FUZZ
@given(name=st.sampled_from(FILES), text=st.text(max_size=3_000))
def test_any_text_as_a_staging_table(project, name, text):
    assert_accepted_or_one_line_problems(*validate(project, replace_file(name, text.encode("utf-8"))))


@FUZZ
@given(
    name=st.sampled_from(FILES[:-1]),
    row=st.integers(min_value=0, max_value=30),
    column=st.integers(min_value=0, max_value=30),
    text=st.text(max_size=400),
)
def test_any_text_in_a_cell_of_a_staging_table(project, name, row, column, text):
    """A cell set to any text, the file written as proper CSV: types, patterns, text rules, keys and review."""

    def spoil(staging: Path) -> None:
        path = staging / name
        with open(path, encoding="utf-8", newline="") as handle:
            rows = list(csv.reader(handle))
        target = rows[1 + row % (len(rows) - 1)] if len(rows) > 1 else rows[0]
        target[column % len(target)] = text
        with open(path, "w", encoding="utf-8", newline="") as handle:
            csv.writer(handle, lineterminator="\n").writerows(rows)

    assert_accepted_or_one_line_problems(*validate(project, spoil))


@FUZZ
@given(name=st.sampled_from(FILES), at=st.integers(min_value=0, max_value=10_000), data=st.binary(max_size=300))
def test_any_bytes_inserted_into_a_staging_table(project, name, at, data):
    def spoil(staging: Path) -> None:
        raw = (staging / name).read_bytes()
        cut = at % (len(raw) + 1)
        (staging / name).write_bytes(raw[:cut] + data + raw[cut:])

    assert_accepted_or_one_line_problems(*validate(project, spoil))


def test_an_untouched_staging_folder_is_accepted(project):
    """The baseline the spoiled copies start from validates."""
    code, err = validate(project, lambda staging: None)
    assert (code, err) == (0, "")

"""Corrections as data: a reviewable list of field changes applied when a release is made.

`data/corrections.csv` has one row per change: the release that applies it, the table,
the record's key, the field, its old and new value, why, and on which source. The
special field `record` with new value `removed` withdraws the whole record. A record of a
table whose key has several fields (`lists`) is named by its key values joined by ", "
(`V001, defensoria`), as `diff` prints it.

A correction may be made in the staging table itself or left to the release: a staging value
that still holds the old value gets the new one, a value that already holds the new value stays,
and any other value is an error, so a correction is never applied to the wrong value. A record
already removed from staging is accepted as removed if the previous release has it.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..release.csv_reader import read_csv_strict
from ..release.problems import Problem, ReleaseError
from ..release.schema import TABLES

COLUMNS = ["correction_id", "release", "table", "record_id", "field", "old_value", "new_value", "reason", "source_id"]
KEY_SEPARATOR = ", "


def read_corrections(path: Path) -> pd.DataFrame:
    """The corrections file as strings (empty cells as empty strings), read as strictly as a release table."""
    frame, problems = read_csv_strict(path, path.name, COLUMNS, missing=[])
    if problems:
        raise ReleaseError(problems)
    frame.attrs["file"] = path.name
    return frame


def record_ids(frame: pd.DataFrame, key: list[str]) -> pd.Series:
    """Each record's identifier: its key value, or its key values joined by ", " for a key of several fields."""
    parts = [frame[k].astype(object).map(lambda v: "" if pd.isna(v) else str(v)) for k in key]
    joined = parts[0]
    for part in parts[1:]:
        joined = joined + KEY_SEPARATOR + part
    return joined


def problem_with(row: pd.Series, table: pd.DataFrame | None) -> Problem | None:
    """What is wrong with one correction row for this release, before it is applied (None if nothing)."""
    if table is None:
        return Problem("", None, "table", "correction", f"unknown table {row['table']!r}")
    if not row["reason"] or not row["source_id"]:
        return Problem("", None, "reason", "correction", "every correction needs a reason and a source_id")
    if row["field"] == "record":
        if row["new_value"] != "removed":
            return Problem("", None, "new_value", "correction", "field 'record' only takes new value 'removed'")
        return None
    if row["field"] not in table.columns:
        return Problem("", None, "field", "correction", f"{row['field']!r} is not a column of {row['table']}")
    return None


def apply_corrections(
    tables: dict[str, pd.DataFrame],
    corrections: pd.DataFrame,
    release: str,
    published: dict[str, set[str]] | None = None,
) -> dict[str, pd.DataFrame]:
    """Apply the corrections listed for `release` to string tables; return new tables.

    `published` holds the record ids of the previous release by table: a removal of a record that staging
    no longer holds is accepted if the previous release has it.
    """
    file = corrections.attrs.get("file", "corrections.csv")
    published = published or {}
    out = {name: frame.copy() for name, frame in tables.items()}
    problems = []
    for idx, row in corrections[corrections["release"] == release].iterrows():
        line = idx + 2
        frame = out.get(row["table"])
        if (problem := problem_with(row, frame)) is not None:
            problems.append(Problem(file, line, problem.column, problem.rule, problem.message))
            continue
        hits = frame.index[record_ids(frame, TABLES[row["table"]]["primaryKey"]) == row["record_id"]]
        if row["field"] == "record":
            if len(hits) == 1:
                out[row["table"]] = frame.drop(index=hits).reset_index(drop=True)
            elif row["record_id"] not in published.get(row["table"], set()):
                message = f"{row['record_id']!r} is neither in {row['table']} nor in the previous release"
                problems.append(Problem(file, line, "record_id", "correction", message))
            continue
        if len(hits) != 1:
            problems.append(
                Problem(file, line, "record_id", "correction", f"{row['record_id']!r} not found in {row['table']}")
            )
            continue
        current = frame.at[hits[0], row["field"]]
        if current == row["old_value"]:
            frame.at[hits[0], row["field"]] = row["new_value"]
        elif current != row["new_value"]:
            message = (
                f"expects {row['old_value']!r} but {row['record_id']}.{row['field']} is {current!r} "
                f"(and not the new value {row['new_value']!r})"
            )
            problems.append(Problem(file, line, "old_value", "correction", message))
    if problems:
        raise ReleaseError(problems)
    return out

"""Corrections as data: a reviewable list of field changes applied when a release is made.

`data/corrections.csv` has one row per change: the release that applies it, the table,
the record's key, the field, its old and new value, why, and on which source. The
special field `record` with new value `removed` withdraws the whole record. A
correction whose old value does not match the staging data is an error, so a
correction is never applied to the wrong value or twice.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..release.problems import Problem, ReleaseError
from ..release.schema import TABLES

COLUMNS = ["correction_id", "release", "table", "record_id", "field", "old_value", "new_value", "reason", "source_id"]


def read_corrections(path: Path) -> pd.DataFrame:
    """The corrections file as strings, with its columns checked."""
    frame = pd.read_csv(path, dtype=str, keep_default_na=False, na_filter=False, encoding="utf-8")
    if list(frame.columns) != COLUMNS:
        raise ReleaseError([Problem(path.name, 1, None, "columns", f"expected columns {', '.join(COLUMNS)}")])
    frame.attrs["file"] = path.name
    return frame


def apply_corrections(
    tables: dict[str, pd.DataFrame], corrections: pd.DataFrame, release: str
) -> dict[str, pd.DataFrame]:
    """Apply the corrections listed for `release` to string tables; return new tables."""
    file = corrections.attrs.get("file", "corrections.csv")
    out = {name: frame.copy() for name, frame in tables.items()}
    problems = []
    for idx, row in corrections[corrections["release"] == release].iterrows():
        line = idx + 2
        if row["table"] not in out:
            problems.append(Problem(file, line, "table", "correction", f"unknown table {row['table']!r}"))
            continue
        frame = out[row["table"]]
        key = TABLES[row["table"]]["primaryKey"][0]
        hits = frame.index[frame[key] == row["record_id"]]
        if len(hits) != 1:
            problems.append(
                Problem(file, line, "record_id", "correction", f"{row['record_id']!r} not found in {row['table']}")
            )
            continue
        if not row["reason"] or not row["source_id"]:
            problems.append(
                Problem(file, line, "reason", "correction", "every correction needs a reason and a source_id")
            )
            continue
        if row["field"] == "record":
            if row["new_value"] != "removed":
                problems.append(
                    Problem(file, line, "new_value", "correction", "field 'record' only takes new value 'removed'")
                )
                continue
            out[row["table"]] = frame.drop(index=hits).reset_index(drop=True)
            continue
        if row["field"] not in frame.columns:
            problems.append(
                Problem(file, line, "field", "correction", f"{row['field']!r} is not a column of {row['table']}")
            )
            continue
        current = frame.at[hits[0], row["field"]]
        if current != row["old_value"]:
            problems.append(
                Problem(
                    file,
                    line,
                    "old_value",
                    "correction",
                    f"expects {row['old_value']!r} but {row['record_id']}.{row['field']} is {current!r}",
                )
            )
            continue
        frame.at[hits[0], row["field"]] = row["new_value"]
    if problems:
        raise ReleaseError(problems)
    return out

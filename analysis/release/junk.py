"""Fast rejection of a large file that is plainly not a table of its schema (checked on its first rows)."""

from __future__ import annotations

from pathlib import Path

from . import text_rules
from .csv_reader import read_csv_strict
from .problems import Problem
from .table_checks import validate_table

SAMPLE_BYTES = 5_000_000  # a larger file's first rows are checked before the whole file is read
SAMPLE_ROWS = 1_000  # rows in that sample
JUNK_SHARE = 0.5  # a file with at least this share of bad rows in its sample is not examined further
FATAL_IN_HEAD = {"empty-file", "encoding", "columns", "delimiter", "line-ends"}  # found in the sample: final


def reject_junk(path: Path, table_schema: dict, label: str, name: str) -> list[Problem] | None:
    """The problems of the first rows of a large file, if so many of them are bad that the file is
    plainly not a table of its schema; None if the whole file should be read and checked.

    A junk file (rows of random text) breaks several rules in every row: reading and checking every
    cell would take minutes and list millions of problems that all say the same thing.
    """
    if path.stat().st_size <= SAMPLE_BYTES:
        return None
    columns = [f["name"] for f in table_schema["fields"]]
    sample, problems = read_csv_strict(path, label, columns, table_schema.get("missingValues"), head=SAMPLE_ROWS)
    if sample is not None:
        problems = text_rules.check_text(sample, table_schema, label) + validate_table(sample, table_schema, label)[1]
        rows = len(sample)
    elif any(p.rule in FATAL_IN_HEAD for p in problems):
        return problems  # what reading the whole file would say
    else:  # rows of the wrong length (or a CSV error where the sample was cut: then the whole file is read)
        rows = SAMPLE_ROWS
    bad_rows = len({p.row for p in problems if p.row is not None})
    if bad_rows < JUNK_SHARE * rows:
        return None
    verdict = Problem(
        label,
        None,
        None,
        "not-a-table",
        f"{bad_rows:,} of its first {rows:,} rows break the schema of table {name!r}: this file does not look "
        "like that table, and the rest of it was not checked",
    )
    return [*problems, verdict]

"""Every change a new release makes to a published value is reviewed: it has a row in corrections.csv.

The new release's tables (staging with its corrections applied) are compared with the previous
release, table by table, record by record (by primary key), as the CSV files hold them. A changed
value of a record both releases have needs a correction for the new release from the published value
to the new one; a record of the previous release that is gone needs a correction removing it (field
`record`, new value `removed`), with its reason and source. Added records and the fields added to the
format since the previous release (which it does not have) are not changes of published values.
"""

from __future__ import annotations

import pandas as pd

from ..release.csv_reader import read_csv_strict
from ..release.load import Release
from ..release.problems import Problem, ReleaseError
from ..release.schema import TABLES
from .corrections import COLUMNS, record_ids
from .diff import diff_table, shorten


def published_text(previous: Release, table: str) -> pd.DataFrame:
    """A table of a release as its CSV file holds it: strings, empty cells as empty strings (no rows when the
    release predates the table)."""
    resource = next((r for r in previous.descriptor["resources"] if r["name"] == table), None)
    if resource is None:  # a table added to the format since that release: nothing of it was published
        return pd.DataFrame({f["name"]: pd.Series(dtype=str) for f in TABLES[table]["fields"]})
    columns = [f["name"] for f in resource["schema"]["fields"]]
    frame, problems = read_csv_strict(previous.path / resource["path"], resource["path"], columns, missing=[])
    if problems:  # the release was validated: only a file changed since then gets here
        raise ReleaseError(problems)
    return frame


def reviewed(corrections: pd.DataFrame | None, name: str) -> tuple[dict[tuple, pd.DataFrame], set[tuple]]:
    """The corrections for release `name`: field changes by (table, record, field), and removed records."""
    rows = pd.DataFrame(columns=COLUMNS) if corrections is None else corrections
    rows = rows[rows["release"] == name]
    removed = rows[(rows["field"] == "record") & (rows["new_value"] == "removed")]
    fields = rows[rows["field"] != "record"]
    return dict(list(fields.groupby(["table", "record_id", "field"]))), set(zip(removed["table"], removed["record_id"]))


def unreviewed_changes(
    previous: Release,
    staged: dict[str, pd.DataFrame],
    tables: dict[str, pd.DataFrame],
    corrections: pd.DataFrame | None,
    name: str,
) -> list[Problem]:
    """The changes of published values that no correction for release `name` covers, as problems.

    `staged` are the staging tables as read (for the rows named in the problems), `tables` the same with
    the corrections applied. A changed value is covered when the release's corrections of that field of
    that record start from the published value and end at the new one.
    """
    changes, removals = reviewed(corrections, name)
    how = f"add a row to corrections.csv for release {name} (record, field, old value, new value, reason, source)"
    problems = []
    for table, frame in tables.items():
        key = TABLES[table]["primaryKey"]
        before = published_text(previous, table)
        fields = [c for c in frame.columns if c in before.columns]
        rows = dict(zip(record_ids(staged[table], key), staged[table].index + 2))
        diff = diff_table(table, before[fields], frame[fields], key)
        for change in diff[diff["change"] == "changed"].itertuples(index=False):
            made = changes.get((table, change.record_id, change.field))
            if made is not None and change.old in set(made["old_value"]) and change.new in set(made["new_value"]):
                continue
            message = (
                f"{change.record_id}: {shorten(change.old)!r} in release {previous.name}, now "
                f"{shorten(change.new)!r}: unreviewed change; {how}"
            )
            problems.append(
                Problem(f"{table}.csv", rows.get(change.record_id), change.field, "unreviewed-change", message)
            )
        for change in diff[diff["change"] == "removed"].itertuples(index=False):
            if (table, change.record_id) not in removals:
                message = (
                    f"{change.record_id} of release {previous.name} is missing: unreviewed removal; add a row to "
                    f"corrections.csv for release {name} with field 'record', new value 'removed', reason and source"
                )
                problems.append(Problem(f"{table}.csv", None, key[0], "unreviewed-removal", message))
    return problems

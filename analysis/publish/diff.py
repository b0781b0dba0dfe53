"""What changed between two releases: records added, removed and changed, field by field."""

from __future__ import annotations

import os

import pandas as pd

from ..release.load import Release
from ..release.schema import TABLES

COLUMNS = ["table", "record_id", "change", "field", "old", "new"]


def as_text(value: object) -> str:
    """A cell as it reads in the CSV (dates ISO, integers without decimals, missing as empty)."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    if isinstance(value, pd.Timestamp):
        return value.strftime("%Y-%m-%d")
    return str(value)


def diff_table(table: str, old: pd.DataFrame, new: pd.DataFrame, key: list[str]) -> pd.DataFrame:
    """Rows of `COLUMNS` describing how `new` differs from `old` (matched on `key`)."""
    old_i = old.astype(object).map(as_text).set_index(key)
    new_i = new.astype(object).map(as_text).set_index(key)
    rows = []
    for record in new_i.index.difference(old_i.index, sort=False):
        rows.append([table, record, "added", "", "", ""])
    for record in old_i.index.difference(new_i.index, sort=False):
        rows.append([table, record, "removed", "", "", ""])
    common = new_i.index.intersection(old_i.index, sort=False)
    fields = [c for c in new_i.columns if c in old_i.columns]
    before, after = old_i.loc[common, fields], new_i.loc[common, fields]
    for record, field in zip(*((before != after).to_numpy().nonzero())):
        rows.append(
            [table, common[record], "changed", fields[field], before.iat[record, field], after.iat[record, field]]
        )
    for field in [c for c in new_i.columns if c not in old_i.columns]:
        rows.append([table, "", "changed", field, "(no such field)", "(new field)"])
    out = pd.DataFrame(rows, columns=COLUMNS)
    out["record_id"] = out["record_id"].map(lambda r: ", ".join(r) if isinstance(r, tuple) else r)
    return out


def schema_of(release: Release, table: str) -> dict:
    """The Table Schema of a table as the release's own datapackage.json declares it (the current format's for a
    table added since that release, which it holds empty)."""
    resource = next((r for r in release.descriptor["resources"] if r["name"] == table), None)
    return resource["schema"] if resource is not None else TABLES[table]


def primary_key(release: Release, table: str) -> list[str]:
    """The primary key of a table as the release's own schema declares it."""
    key = schema_of(release, table).get("primaryKey", [])
    return [key] if isinstance(key, str) else key


def diff_releases(old: Release, new: Release) -> pd.DataFrame:
    """Every difference between two releases, table by table (tables only in one release count as added/removed)."""
    frames = []
    for name in new.tables:  # the tables, not the changelog files a release carries
        key = primary_key(new, name)
        if name in old.tables:
            # Fields the old release did not have (read as empty) show once as new fields, not per record.
            before = [f["name"] for f in schema_of(old, name)["fields"]]
            after = [f["name"] for f in schema_of(new, name)["fields"]]
            frames.append(diff_table(name, old.tables[name][before], new.tables[name][after], key))
        else:
            frames.append(pd.DataFrame([[name, "", "added", "(table)", "", ""]], columns=COLUMNS))
    for name in set(old.tables) - set(new.tables):
        frames.append(pd.DataFrame([[name, "", "removed", "(table)", "", ""]], columns=COLUMNS))
    return pd.concat(frames, ignore_index=True)


def summary(diff: pd.DataFrame) -> pd.DataFrame:
    """Per table: records added, removed and changed (a record with several changed fields counts once)."""
    counts = diff[diff["record_id"] != ""].drop_duplicates(["table", "record_id", "change"])
    table = pd.crosstab(counts["table"], counts["change"]).reindex(
        columns=["added", "removed", "changed"], fill_value=0
    )
    table.columns.name = None
    return table.rename_axis("table").reset_index()


# For each table, the column that names a record for a reader (ids alone say little).
LABEL_COLUMNS = {"victims": "name", "excluded": "name", "sources": "publisher", "tallies": "reporter", "events": "name"}


SHORT = 100  # characters of a long value shown in the default (shortened) listing

# Changes are listed people first: what a reader checks before the sources behind them.
READING_ORDER = ["victims", "excluded", "tallies", "events", "claims", "timeline", "lists", "sources", "regions"]


def headline(old: Release, new: Release) -> str:
    """One line of totals: the records in each table of the new release, with the change from the old one."""
    parts = []
    for name, frame in new.tables.items():
        before, after = len(old.tables.get(name, ())), len(frame)
        parts.append(f"{name} {after}" + (f" ({after - before:+d})" if after != before else ""))
    return f"{old.name} -> {new.name}: " + ", ".join(parts)


def record_labels(old: Release, new: Release) -> dict[tuple[str, str], str]:
    """A readable name for each record of the tables in `LABEL_COLUMNS` (the new release's, else the old's).

    People without a name read as "unnamed"; minors are named as the release names them (initials).
    """
    labels: dict[tuple[str, str], str] = {}
    for release in (old, new):
        for table, column in LABEL_COLUMNS.items():
            frame = release.tables.get(table)
            if frame is None or column not in frame.columns:
                continue
            key = primary_key(release, table)[0]
            for record, label in zip(frame[key].map(as_text), frame[column].map(as_text)):
                labels[(table, record)] = label or "unnamed"
    return labels


def shorten(text: str) -> str:
    """At most `SHORT` characters of a text, saying how long it is when cut."""
    return text if len(text) <= SHORT else f"{text[:SHORT]}... ({len(text)} characters)"


def format_diff(diff: pd.DataFrame, limit: int | None = 200, labels: dict[tuple[str, str], str] | None = None) -> str:
    """The diff as text for the terminal: a summary, then one line per change (all of them if `limit` is None).

    With `labels`, each record id is followed by its readable name, e.g. `V005 (Name)`. Values longer
    than `SHORT` characters are shown from where old and new differ, unless every change is printed
    (`limit` None), which shows them in full.
    """
    if diff.empty:
        return "no differences"
    labels = labels or {}

    def change(old: str, new: str) -> str:
        """Old -> new as in the CSV; long values from where they first differ, unless printing everything."""
        if limit is None or max(len(old), len(new)) <= SHORT:
            return f"{old!r} -> {new!r}"
        if new.startswith(old):
            return f"added at the end: {shorten(new[len(old) :])!r}"
        start = len(os.path.commonprefix([old, new]))
        return f"...{shorten(old[start:])!r} -> ...{shorten(new[start:])!r} (from character {start + 1})"

    def record(row) -> str:
        label = labels.get((row.table, row.record_id))
        return f"{row.record_id} ({label})" if label else row.record_id

    lines = [summary(diff).to_string(index=False), ""]
    order = diff["table"].map({t: i for i, t in enumerate(READING_ORDER)}).fillna(len(READING_ORDER))
    diff = diff.iloc[order.argsort(kind="stable")]
    shown = diff if limit is None else diff.head(limit)
    for row in shown.itertuples(index=False):
        if row.change == "changed":
            lines.append(f"{row.table} {record(row) or '(all records)'}: {row.field}: {change(row.old, row.new)}")
        else:
            lines.append(f"{row.table} {record(row) or row.field}: {row.change}")
    if len(shown) < len(diff):
        lines.append(f"... and {len(diff) - len(shown)} more changes (--all prints every change)")
    return "\n".join(lines)

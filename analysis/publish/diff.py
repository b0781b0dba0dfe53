"""What changed between two releases: records added, removed and changed, field by field."""

from __future__ import annotations

import pandas as pd

from ..release.load import Release

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


def diff_releases(old: Release, new: Release) -> pd.DataFrame:
    """Every difference between two releases, table by table (tables only in one release count as added/removed)."""
    frames = []
    for resource in new.descriptor["resources"]:
        name = resource["name"]
        key = resource["schema"].get("primaryKey", [])
        key = [key] if isinstance(key, str) else key
        if name in old.tables:
            frames.append(diff_table(name, old.tables[name], new.tables[name], key))
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


def format_diff(diff: pd.DataFrame, limit: int = 200) -> str:
    """The diff as text for the terminal: a summary, then one line per change."""
    if diff.empty:
        return "no differences"
    lines = [summary(diff).to_string(index=False), ""]
    for row in diff.head(limit).itertuples(index=False):
        if row.change == "changed":
            lines.append(f"{row.table} {row.record_id}: {row.field}: {row.old!r} -> {row.new!r}")
        else:
            lines.append(f"{row.table} {row.record_id or row.field}: {row.change}")
    if len(diff) > limit:
        lines.append(f"... and {len(diff) - limit} more changes")
    return "\n".join(lines)

"""Named values for the report's prose, and Markdown tables, formatted for each edition."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import yaml

from ..release.problems import ReportError
from . import escape, i18n


@dataclass(frozen=True)
class Value:
    """One number, count, date or text the prose quotes.

    `decimals` applies to numbers. `unit` (a key of `i18n.NOUNS`) says what a number counts: a count
    (`kind="count"`) prints with its noun ("20 deaths"); a bare number with a unit prints without it,
    and the prose may follow it only with that unit's noun (tests/test_units.py).
    """

    raw: object
    kind: str = "number"  # number | count | date | text
    decimals: int = 0
    unit: str | None = None

    def format(self, lang: str) -> str:
        """The value as the edition `lang` prints it."""
        if self.kind == "count":
            return i18n.count(self.raw, self.unit, lang)
        if self.kind == "number":
            return i18n.number(self.raw, lang, self.decimals)
        if self.kind == "date":
            return i18n.date(self.raw, lang)
        if isinstance(self.raw, dict):
            return self.raw[lang]
        return str(self.raw)

    def plain(self) -> object:
        """JSON-friendly raw value (rounded like the prose) for tests and downstream users."""
        if self.kind in ("number", "count"):
            if self.raw is None or pd.isna(self.raw):
                return None
            return float(i18n.rounded(self.raw, self.decimals)) if self.decimals else int(i18n.rounded(self.raw))
        if self.kind == "date":
            return self.raw.isoformat()
        return self.raw


class Values:
    """An ordered collection of named values; names are the keys used by `{{< meta results.NAME >}}`."""

    def __init__(self) -> None:
        self.items: dict[str, Value] = {}
        self.flags: dict[str, bool] = {}

    def flag(self, name: str, value: bool) -> None:
        """A true/false switch for conditional prose (`.content-visible when-meta="NAME"`)."""
        self.flags[name] = bool(value)

    def add(self, name: str, raw: object, kind: str = "number", decimals: int = 0, unit: str | None = None) -> None:
        """Record a named value; defining a name twice, or a count without a known unit, is an error."""
        if name in self.items:
            raise KeyError(f"value {name!r} defined twice")
        if (kind == "count" or unit is not None) and unit not in i18n.NOUNS:
            raise KeyError(f"value {name!r}: unknown unit {unit!r}")
        if kind == "date" and isinstance(raw, pd.Timestamp):
            raw = raw.date()
        if kind in ("number", "count"):
            missing = raw is None or pd.isna(raw)  # printed as "–"
            raw = None if missing else float(raw) if decimals else int(i18n.rounded(raw))
        self.items[name] = Value(raw, kind, decimals, unit)

    def number(self, name: str, raw: object, decimals: int = 0, unit: str | None = None) -> None:
        """Record a number, printed with `decimals` decimals; `unit` if it counts something."""
        self.add(name, raw, "number", decimals, unit)

    def count(self, name: str, n: int, unit: str) -> None:
        """Record a count of `unit`, printed with its noun in the right number: "1 death", "20 deaths"."""
        self.add(name, n, "count", 0, unit)

    def date(self, name: str, raw: dt.date | pd.Timestamp) -> None:
        """Record a date."""
        self.add(name, raw, "date")

    def text(self, name: str, raw: str | dict) -> None:
        """Record a text: one string for every edition, or one per language."""
        self.add(name, raw, "text")

    def formatted(self, lang: str) -> dict[str, str]:
        """Every value as the edition `lang` prints it, by name."""
        return {name: value.format(lang) for name, value in self.items.items()}

    def write(self, folder: Path, langs: tuple[str, ...] = i18n.LANGS) -> None:
        """values.json (raw) and meta-<lang>.yml (`results:` mapping of formatted strings, escaped as Markdown)."""
        folder.mkdir(parents=True, exist_ok=True)
        raw = {
            name: {"value": v.plain(), "kind": v.kind, "decimals": v.decimals, **({"unit": v.unit} if v.unit else {})}
            for name, v in self.items.items()
        }
        raw.update({name: {"value": v, "kind": "flag", "decimals": 0} for name, v in self.flags.items()})
        (folder / "values.json").write_text(
            json.dumps(raw, indent=1, ensure_ascii=False, sort_keys=True) + "\n", encoding="utf-8"
        )
        for lang in langs:  # Pandoc and Quarto read metadata strings as Markdown: each value is made literal
            results = {name: escape.markdown_text(text) for name, text in self.formatted(lang).items()}
            meta = {"results": results, **self.flags}
            text = yaml.safe_dump(meta, allow_unicode=True, sort_keys=True, width=1000)
            (folder / f"meta-{lang}.yml").write_text(text, encoding="utf-8")


def cell_text(value: object, lang: str, decimals: int = 0) -> str:
    """One table cell as the edition prints it, before escaping.

    Numbers, dates and the mark for a missing value are formatted here (digits, separators, month
    names) and returned as `escape.Markdown`, as is Markdown the code wrote (citations); text
    from the data is returned as it is, for `cell` to escape.
    """
    if value is None or (not isinstance(value, (list, dict, str)) and pd.isna(value)):
        return escape.Markdown("–")
    if isinstance(value, (pd.Timestamp, dt.date)):
        return escape.Markdown(i18n.date_short(value, lang))
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return escape.Markdown(i18n.number(value, lang, decimals))
    return value if isinstance(value, escape.Markdown) else str(value)


def cell(value: object, lang: str, decimals: int = 0) -> str:
    """One table cell in Markdown: what the code formatted or wrote as it is, text from the data literal."""
    return escape.markdown_cell(cell_text(value, lang, decimals))


def rendered_length(cell: str) -> int:
    """Approximate printed length of a cell (before escaping); citations print as short numbers, e.g. [3, 17]."""
    if cell.startswith("[@"):
        return 4 * (cell.count("@")) + 2
    return len(cell)


def column_width(header: str, cells: list[str]) -> int:
    """Relative width of a pipe-table column (dash count): long text gets room, short numbers little."""
    lengths = sorted(rendered_length(c) for c in cells) or [0]
    typical = lengths[int(0.9 * (len(lengths) - 1))]
    longest_word = max((len(w) for w in header.split()), default=0)
    return max(7, min(48, max(typical, longest_word))) + 3  # + cell padding


def markdown_table(
    frame: pd.DataFrame,
    headers: list[str],
    caption: str,
    label: str,
    lang: str,
    decimals: dict[str, int] | None = None,
    align: dict[str, str] | None = None,
    widths: dict[str, int] | None = None,
) -> str:
    """A captioned pipe table with a `{#tbl-...}` label; numbers right-aligned, text left.

    Column widths follow the cells' lengths unless `widths` gives a column's relative width (in characters).
    """
    if frame.empty:
        raise ReportError(f"table {label} is empty")
    decimals = decimals or {}
    align = align or {}
    rows, shown = [], []  # the Markdown of each cell, and its text as printed (for the column widths)
    for record in frame.itertuples(index=False):
        rows.append([cell(v, lang, decimals.get(c, 0)) for c, v in zip(frame.columns, record)])
        shown.append([cell_text(v, lang, decimals.get(c, 0)) for c, v in zip(frame.columns, record)])
    marks = []
    for i, column in enumerate(frame.columns):
        numeric = pd.api.types.is_numeric_dtype(frame[column]) and not pd.api.types.is_bool_dtype(frame[column])
        side = align.get(column, "right" if numeric else "left")
        width = (widths or {}).get(column) or column_width(headers[i], [r[i] for r in shown])
        marks.append("-" * (width - 1) + ":" if side == "right" else ":" + "-" * (width - 1))
    lines = ["| " + " | ".join(headers) + " |", "|" + "|".join(marks) + "|"]
    lines += ["| " + " | ".join(r) + " |" for r in rows]
    return "\n".join(lines) + f"\n\n: {caption} {{#{label}}}\n"


def write_table_csv(frame: pd.DataFrame, path: Path) -> Path:
    """A tidy CSV export of a result table (dates ISO, no index)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    frame.to_csv(path, index=False, lineterminator="\n", date_format="%Y-%m-%d", float_format="%.6g")
    return path

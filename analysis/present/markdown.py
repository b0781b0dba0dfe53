"""Markdown tables: cells formatted for the edition (numbers, dates, intervals, citations), data text made
literal (`escape`), and a captioned pipe table with its `{#tbl-...}` label."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from ..release.problems import ReportError
from . import escape, i18n


def interval(low: float, high: float, lang: str, decimals: int = 1) -> str:
    """'1.2–3.4' with the edition's decimal mark."""
    return f"{i18n.number(low, lang, decimals)}–{i18n.number(high, lang, decimals)}"


def ci(estimate: float, low: float, high: float, lang: str, decimals: int = 1) -> str:
    """'7.2 (2.4–18.2)': an estimate and its interval."""
    return f"{i18n.number(estimate, lang, decimals)} ({interval(low, high, lang, decimals)})"


def cite(ids: str) -> str:
    """Pandoc citation of `;`-separated source ids (`escape.Markdown`, passed through by the table cells)."""
    return escape.markdown_citation(ids)


def caption(stem: str, lang: str, **fill: object) -> str:
    """The caption of the table `stem` (`tables.<stem>.caption` in the text files)."""
    return i18n.text(f"tables.{stem}.caption", lang, **fill)


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

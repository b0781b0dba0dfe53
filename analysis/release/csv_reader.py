"""Strict reading of a release's CSV files: UTF-8 without BOM, the schema's header, rows of equal length."""

from __future__ import annotations

import csv
import io
import re
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np
import pandas as pd

from .problems import Problem

MAX_ROW_PROBLEMS = 1_000  # rows of the wrong length listed one by one; the rest are counted


def read_head(path: Path, rows: int) -> bytes:
    """The header and first `rows` lines of a file (fewer if they are longer than 1 MB together)."""
    with open(path, "rb") as handle:
        raw = handle.read(1 << 20)
    ends = np.flatnonzero(np.frombuffer(raw, dtype=np.uint8) == ord("\n"))
    if len(ends):
        return raw[: ends[min(rows, len(ends) - 1)] + 1]
    return raw[: len(raw.decode("utf-8", errors="ignore").encode("utf-8"))]  # one huge line: whole characters


def read_csv_strict(
    path: Path,
    label: str,
    columns: list[str],
    missing: list[str] | None = None,
    any_order: bool = False,
    head: int | None = None,
) -> tuple[pd.DataFrame | None, list[Problem]]:
    """Read a UTF-8 CSV as strings, refusing BOMs, other encodings, wrong headers and ragged rows.

    Cells equal to one of `missing` (the Table Schema's missingValues, default: empty) are read as missing.
    With `any_order`, the columns may come in any order; the frame has them in the order of `columns`.
    With `head`, only the header and the first `head` lines are read.
    """
    raw = path.read_bytes() if head is None else read_head(path, head)
    header, problem = check_header(raw, label, columns, any_order)
    if problem is not None:
        return None, [problem]
    width = len(columns)
    with ThreadPoolExecutor(max_workers=1) as pool:  # count fields while pandas parses (numpy releases the GIL)
        counting = pool.submit(field_counts, raw)
        try:  # the parser decodes strictly: any byte that is not UTF-8 raises
            frame = pd.read_csv(
                io.BytesIO(raw),
                dtype=str,
                keep_default_na=False,
                na_values=[""] if missing is None else missing,
                encoding="utf-8",
            )
        except UnicodeDecodeError:
            return None, [not_utf8(raw, label)]
        except pd.errors.ParserError as exc:
            frame, parse_error = None, str(exc).strip().splitlines()[-1]
        counts = counting.result()
    bad = np.flatnonzero((counts != width) & (counts > 0))
    problems = [
        Problem(label, int(i) + 1, None, "row-length", f"has {int(counts[i])} cells, the header has {width}")
        for i in bad[:MAX_ROW_PROBLEMS]
    ]
    if len(bad) > MAX_ROW_PROBLEMS:
        problems.append(
            Problem(
                label, None, None, "row-length", f"{len(bad):,} rows in all have a number of cells other than {width}"
            )
        )
    if frame is None and not problems:
        problems.append(Problem(label, None, None, "csv", f"not readable as CSV: {parse_error}"))
    if (problems or len(frame) != np.count_nonzero(counts) - 1) and (lone := lone_cr(raw, label)):
        problems.insert(0, lone)
    if problems:  # the parser may have stopped before a byte that is not UTF-8
        encoding = not_utf8(raw, label)
        return None, [encoding, *problems] if encoding else problems
    return (frame if header == columns else frame[columns]), []


def check_header(raw: bytes, label: str, columns: list[str], any_order: bool) -> tuple[list[str], Problem | None]:
    """The file's header, and the problem with the file's start: empty, a BOM, a CR alone, not the columns."""
    if not raw.strip():
        return [], Problem(label, None, None, "empty-file", "the file is empty")
    if raw.startswith(b"\xef\xbb\xbf"):
        return [], Problem(label, 1, None, "encoding", "starts with a byte-order mark; save as UTF-8 without BOM")
    first_line = raw.split(b"\n", 1)[0].removesuffix(b"\r")
    if b"\r" in first_line:
        return [], line_ends(label, 1)
    header = header_fields(first_line)
    if header is None:
        return [], Problem(label, 1, None, "columns", "the header is not a line of comma-separated names")
    if header != columns and not (any_order and sorted(header) == sorted(columns)):
        return header, not_utf8(raw, label) or header_problem(label, header, columns)
    return header, None


def header_fields(first_line: bytes) -> list[str] | None:
    """The names in a CSV header line (bytes without its line end), or None if the csv module cannot read it
    (a field longer than its limit, a line end inside it)."""
    try:
        return next(csv.reader(io.StringIO(first_line.decode("utf-8", errors="replace"))), [])
    except csv.Error:
        return None


def lone_cr(raw: bytes, label: str) -> Problem | None:
    """The first line ended by a CR alone (pandas ends a record there; the CSV standard and field_counts do not)."""
    if lone := re.search(rb"\r(?!\n)", raw):
        return line_ends(label, raw[: lone.start()].count(b"\n") + 1)
    return None


def line_ends(label: str, line: int | None) -> Problem:
    """The problem of a line ended by a carriage return alone."""
    return Problem(label, line, None, "line-ends", "a carriage return (CR) alone ends a line; save with LF or CR LF")


def not_utf8(raw: bytes, label: str) -> Problem | None:
    """The first byte that is not UTF-8, as a problem naming its line (None if the file is UTF-8)."""
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return Problem(
            label,
            line,
            None,
            "encoding",
            f"byte 0x{raw[exc.start]:02x} is not UTF-8 (Latin-1 or Windows-1252?); save as UTF-8",
        )
    return None


def field_counts(raw: bytes) -> np.ndarray:
    """Number of fields in each CSV record (0 for blank lines), honouring quotes; vectorised.

    A comma or newline is a separator only outside quotes: when the number of quote characters
    before it is even (doubled quotes inside a quoted field count twice).
    """
    data = np.frombuffer(raw, dtype=np.uint8)
    quotes = np.flatnonzero(data == ord('"'))

    def outside(positions: np.ndarray) -> np.ndarray:
        return positions[np.searchsorted(quotes, positions) % 2 == 0] if len(quotes) else positions

    commas = outside(np.flatnonzero(data == ord(",")))
    ends = outside(np.flatnonzero(data == ord("\n")))
    if len(ends) == 0 or ends[-1] != len(data) - 1:
        ends = np.append(ends, len(data))
    starts = np.concatenate(([0], ends[:-1] + 1))
    fields = np.diff(np.searchsorted(commas, np.concatenate(([0], ends)))) + 1
    lengths = ends - starts
    carriage_return_only = (lengths == 1) & (data[np.minimum(starts, len(data) - 1)] == ord("\r"))
    fields[(lengths == 0) | carriage_return_only] = 0
    return fields


def header_problem(label: str, header: list[str], columns: list[str]) -> Problem:
    """Explain how a CSV header differs from the schema: delimiter, missing, extra, renamed or reordered."""
    if len(header) == 1 and any(sep in header[0] for sep in ";\t|"):
        sep = next(s for s in ";\t|" if s in header[0])
        return Problem(label, 1, None, "delimiter", f"header is split by {sep!r}, not ','; save as comma-separated CSV")
    missing = [c for c in columns if c not in header]
    extra = [c for c in header if c not in columns]
    if missing and extra and len(missing) == len(extra):
        pairs = ", ".join(f"{e!r} (expected {m!r})" for e, m in zip(extra, missing))
        return Problem(label, 1, extra[0], "columns", f"renamed column(s): {pairs}")
    parts = []
    if missing:
        parts.append("missing column(s) " + ", ".join(map(repr, missing)))
    if extra:
        parts.append("unexpected column(s) " + ", ".join(map(repr, extra)))
    if not parts:
        parts.append("columns are in a different order than in the schema: " + ", ".join(columns))
    return Problem(label, 1, (missing or extra or [None])[0], "columns", "; ".join(parts))

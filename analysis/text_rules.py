"""What no text cell of a release may hold, whatever its Table Schema says.

Checked on every string field of every table, as read (before typing):

- `nul-character`: NUL (U+0000). No text has it; it truncates strings in C tools and databases.
- `control-character`: any other C0 or C1 control character (U+0001-U+001F, U+007F-U+009F),
  except a line break (LF or CR LF) in a free-text field. Tabs are refused too: they print as
  nothing and come from pasting spreadsheet cells. C1 characters are the sign of Windows-1252
  text decoded as Latin-1.
- `line-break`: a line break outside the free-text fields (notes, descriptions): a name, place,
  title or code is one line.
- `bidi-control`: the bidirectional embedding, override and isolate characters (U+202A-U+202E,
  U+2066-U+2069). They reorder how the text around them is displayed ("Trojan Source"), so a
  name or a note could show something other than what it holds. Spanish, Quechua and Aymara
  never need them.
- `too-long`: longer than the field's limit (`MAX_LENGTH`). The limits are set well above the
  longest values of the releases so far (names 37 characters, publishers 78, localities 221,
  titles 177, URLs 327, lists of source ids 1,317, notes 1,969). What they stop is a pasted
  document or a junk file filling a cell.

Every string is checked at C speed: the cells of a column are joined and searched once; only a
column with a hit is searched cell by cell, to name the rows.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from .problems import Problem

# Free text: may hold line breaks; up to 5,000 characters (about 800 words).
FREE_TEXT = {"notes", "description_en", "description_es"}
MAX_LENGTH = {
    **dict.fromkeys(FREE_TEXT, 5_000),
    # Lists of source ids: a person documented by 100 sources of 50 characters each.
    "source_ids": 5_000,
    "pop_2017_source_ids": 5_000,
    # Addresses: about what browsers, servers and the sitemap protocol accept.
    "url": 2_000,
    # Titles of reports and articles, rarely past 300 characters.
    "title": 1_000,
    # A locality is sometimes described ("near the airport, Huancabamba sector").
    "locality": 500,
}
DEFAULT_MAX_LENGTH = 200  # names, places, publishers, reporters, codes and ids: one line of a page

NUL = "\x00"
CONTROL = re.compile(r"[\x01-\x09\x0b\x0c\x0e-\x1f\x7f-\x9f]")  # not LF or CR: see `line-break`
CONTROL_FREE_TEXT = re.compile(r"[\x01-\x09\x0b\x0c\x0e-\x1f\x7f-\x9f]|\r(?!\n)")  # CR only before LF
BIDI = re.compile(r"[\u202a-\u202e\u2066-\u2069]")
LINE_BREAK = re.compile(r"[\n\r]")
SEPARATOR = "\x00"  # joins the cells of a column: NUL is itself refused, so it is found first

RULES = (  # (rule, pattern for one-line fields, pattern for free text, what is found)
    ("nul-character", re.compile(NUL), re.compile(NUL), "the NUL character (U+0000)"),
    ("control-character", CONTROL, CONTROL_FREE_TEXT, "a control character"),
    ("line-break", LINE_BREAK, None, "a line break in a one-line field"),
    ("bidi-control", BIDI, BIDI, "a bidirectional control character"),
)


def describe(char: str) -> str:
    return f"U+{ord(char):04X}" + (f" ({repr(char)[1:-1]})" if char.isascii() else "")


def check_text(frame: pd.DataFrame, table_schema: dict, file: str) -> list[Problem]:
    """Problems of the string fields of a table read as strings (rows are CSV lines: index + 2)."""
    problems = []
    for spec in table_schema["fields"]:
        column = spec["name"]
        if spec.get("type", "string") != "string" or column not in frame:
            continue
        cells = frame[column].dropna()
        if cells.empty:
            continue
        values = cells.tolist()
        free = column in FREE_TEXT
        joined = SEPARATOR.join(values)
        for rule, one_line, free_text, what in RULES:
            pattern = free_text if free else one_line
            if pattern is None:
                continue
            if rule == "nul-character":
                if joined.count(NUL) == len(values) - 1:
                    continue
            elif not pattern.search(joined):
                continue
            for row, value in zip(cells.index, values):
                if (found := pattern.search(value)) is not None:
                    problems.append(
                        Problem(
                            file,
                            int(row) + 2,
                            column,
                            rule,
                            f"contains {what}, {describe(found.group()[0])}, at character {found.start() + 1}",
                        )
                    )
        limit = MAX_LENGTH.get(column, DEFAULT_MAX_LENGTH)
        if len(joined) > limit:  # otherwise no cell can exceed it
            lengths = np.fromiter(map(len, values), dtype=np.int64, count=len(values))
            for i in np.flatnonzero(lengths > limit):
                problems.append(
                    Problem(
                        file,
                        int(cells.index[i]) + 2,
                        column,
                        "too-long",
                        f"{lengths[i]:,} characters; the limit for {column!r} is {limit:,}",
                    )
                )
    return problems

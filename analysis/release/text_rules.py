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
  titles 177, URLs 327 (addresses of copies 273), lists of source ids 1,317, notes 1,969). What they stop is a pasted
  document or a junk file filling a cell.

Each distinct value is checked at C speed (`str.isprintable`, `len`); only the rare values that
are not printable are searched character by character.
"""

from __future__ import annotations

import re

import pandas as pd

from .problems import Problem

# Free text: may hold line breaks; up to 5,000 characters (about 800 words).
FREE_TEXT = {"notes", "description_en", "description_es", "old_value", "new_value", "reason"}
MAX_LENGTH = {
    **dict.fromkeys(FREE_TEXT, 5_000),
    # Lists of source ids: a person documented by 100 sources of 50 characters each.
    "source_ids": 5_000,
    "pop_2017_source_ids": 5_000,
    # Addresses: about what browsers, servers and the sitemap protocol accept.
    "url": 2_000,
    "copy_url": 2_000,
    # Titles of reports and articles, rarely past 300 characters.
    "title": 1_000,
    # A locality is sometimes described ("near the airport, Huancabamba sector").
    "locality": 500,
    # What a step of a proceeding decided, and the offices of the people it concerns: a sentence or two.
    "outcome": 1_000,
    "accused_role": 1_000,
}
DEFAULT_MAX_LENGTH = 200  # names, places, publishers, reporters, codes and ids: one line of a page

NUL = re.compile("\x00")
CONTROL = re.compile(r"[\x01-\x09\x0b\x0c\x0e-\x1f\x7f-\x9f]")  # not LF or CR: see `line-break`
CONTROL_FREE_TEXT = re.compile(r"[\x01-\x09\x0b\x0c\x0e-\x1f\x7f-\x9f]|\r(?!\n)")  # CR only before LF
BIDI = re.compile(r"[\u202a-\u202e\u2066-\u2069]")
LINE_BREAK = re.compile(r"[\n\r]")

RULES = (  # (rule, pattern for one-line fields, pattern for free text, what is found)
    ("nul-character", NUL, NUL, "the NUL character (U+0000)"),
    ("control-character", CONTROL, CONTROL_FREE_TEXT, "a control character"),
    ("line-break", LINE_BREAK, None, "a line break in a one-line field"),
    ("bidi-control", BIDI, BIDI, "a bidirectional control character"),
)


def describe(char: str) -> str:
    """A character named by its code point (and its escape, if ASCII), never printed raw."""
    return f"U+{ord(char):04X}" + (f" ({repr(char)[1:-1]})" if char.isascii() else "")


def check_text(frame: pd.DataFrame, table_schema: dict, file: str) -> list[Problem]:
    """Problems of the string fields of a table read as strings (rows are CSV lines: index + 2).

    Each distinct value is checked once. Every character these rules refuse is "not printable" for
    Python (Unicode categories Cc, Cf, Zl and Zp) and `str.isprintable` runs at C speed: only the
    few values that are not printable (a line break in a note, a no-break space) are searched with
    the rules' patterns.
    """
    problems = []
    for spec in table_schema["fields"]:
        column = spec["name"]
        if spec.get("type", "string") != "string" or column not in frame:
            continue
        cells = frame[column].dropna()
        distinct = cells.unique().tolist()  # columns of a large table repeat their values (ids, places)
        free = column in FREE_TEXT
        pattern_of = {rule: (free_text if free else one_line) for rule, one_line, free_text, _ in RULES}
        found = {}  # distinct value -> (rule, message)
        for value in (v for v in distinct if not v.isprintable()):
            for rule, _, _, what in RULES:
                pattern = pattern_of[rule]
                if pattern is not None and (hit := pattern.search(value)) is not None:
                    where = f"{describe(hit.group()[0])}, at character {hit.start() + 1}"
                    found.setdefault(value, []).append((rule, f"contains {what}, {where}"))
        limit = MAX_LENGTH.get(column, DEFAULT_MAX_LENGTH)
        for value in (v for v in distinct if len(v) > limit):
            message = f"{len(value):,} characters; the limit for {column!r} is {limit:,}"
            found.setdefault(value, []).append(("too-long", message))
        if not found:
            continue
        for row, value in cells[cells.isin(found.keys())].items():
            problems += [Problem(file, int(row) + 2, column, rule, message) for rule, message in found[value]]
    return problems

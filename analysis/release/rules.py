"""Cross-table rules a release must satisfy beyond its Table Schemas.

Each rule takes the typed tables and returns `Problem`s; rows are CSV lines (index + 2).
"""

from __future__ import annotations

import re
import unicodedata

import pandas as pd

from .problems import Problem

PROTESTS_START = pd.Timestamp("2022-12-07")
DEPARTMENTS = {f"{i:02d}" for i in range(1, 26)}
TALLY_CATEGORIES = ["clash_civilians", "roadblock_related", "police", "soldiers", "other"]


def _rows(mask: pd.Series) -> list:
    return list(mask.index[mask.fillna(False).astype(bool)])


NON_WORD = re.compile(r"[^a-z0-9]+")


def name_key(name: str) -> str:
    """Accent-, case-, punctuation- and order-insensitive form of a person's name."""
    if not name.isascii():
        name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    return " ".join(sorted(NON_WORD.sub(" ", name.lower()).split()))


SEPARATOR = "\x00"
# ASCII punctuation and symbols to spaces (what NON_WORD does), keeping letters, digits and SEPARATOR.
BLANK_NON_WORD = {c: " " for c in range(128) if not (chr(c).isalnum() or chr(c) == SEPARATOR)}


def name_keys(names: pd.Series) -> pd.Series:
    """`name_key` of every name.

    The names are joined into one string so that accent folding, lower-casing and punctuation
    removal run once over all of them; only the word sort is done name by name.
    """
    values = names.astype(str).tolist()
    text = SEPARATOR.join(values)
    if not values or text.count(SEPARATOR) != len(values) - 1:  # none, or a name holding the separator
        return pd.Series([name_key(n) for n in values], index=names.index, dtype=object)
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    folded = text.lower().translate(BLANK_NON_WORD).split(SEPARATOR)
    return pd.Series([" ".join(sorted(n.split())) for n in folded], index=names.index, dtype=object)


def check_victim_dates(victims: pd.DataFrame, file: str) -> list[Problem]:
    """Died not before injured; no date before the protests began (`check_dated_values`: none after the cut-off)."""
    problems = []
    for idx in _rows(victims["date_died"] < victims["date_injured"]):
        problems.append(
            Problem(
                file,
                idx + 2,
                "date_died",
                "died-before-injured",
                f"died {victims.at[idx, 'date_died']:%Y-%m-%d} "
                f"before the injury on {victims.at[idx, 'date_injured']:%Y-%m-%d}",
            )
        )
    for column in ("date_injured", "date_died", "date_first_reported"):
        values = victims[column]
        for idx in _rows(values < PROTESTS_START):
            problems.append(
                Problem(
                    file,
                    idx + 2,
                    column,
                    "before-protests",
                    f"{values[idx]:%Y-%m-%d} is before the protests began on {PROTESTS_START:%Y-%m-%d}",
                )
            )
    for idx in _rows(victims["date_first_reported"] < victims["date_died"]):
        problems.append(
            Problem(
                file, idx + 2, "date_first_reported", "reported-before-death", "first reported before the date of death"
            )
        )
    return problems


def check_death_dated(victims: pd.DataFrame, file: str) -> list[Problem]:
    """Every death has a date of death or, failing that, a date it was first reported."""
    return [
        Problem(file, idx + 2, "date_died", "death-undated", "neither date_died nor date_first_reported is given")
        for idx in _rows(victims["date_died"].isna() & victims["date_first_reported"].isna())
    ]


def check_duplicate_people(victims: pd.DataFrame, file: str) -> list[Problem]:
    """The same person must not appear twice, e.g. under two spellings or name orders."""
    keys = name_keys(victims["name"].dropna())
    problems = []
    for _, group in keys[keys.duplicated(keep=False)].groupby(keys):
        first = group.index[0]
        for idx in group.index[1:]:
            problems.append(
                Problem(
                    file,
                    idx + 2,
                    "name",
                    "duplicate-person",
                    f"{victims.at[idx, 'name']!r} is the same name as row {first + 2} "
                    f"({victims.at[first, 'name']!r}, {victims.at[first, 'victim_id']}) "
                    "ignoring accents, case and word order",
                )
            )
    return problems


def check_victim_events(victims: pd.DataFrame, events: pd.DataFrame, file: str) -> list[Problem]:
    """A victim's incident date and department agree with the event it is assigned to."""
    merged = victims[["event_id", "date_injured", "date_died", "department"]].merge(
        events[["event_id", "date_start", "date_end", "department"]],
        on="event_id",
        how="left",
        suffixes=("", "_event"),
        validate="many_to_one",
    )
    merged.index = victims.index
    incident = merged["date_injured"].fillna(merged["date_died"])
    problems = []
    outside = merged["event_id"].notna() & ((incident < merged["date_start"]) | (incident > merged["date_end"]))
    for idx in _rows(outside):
        problems.append(
            Problem(
                file,
                idx + 2,
                "event_id",
                "event-date",
                f"incident on {incident[idx]:%Y-%m-%d} is outside event {merged.at[idx, 'event_id']!r} "
                f"({merged.at[idx, 'date_start']:%Y-%m-%d} to {merged.at[idx, 'date_end']:%Y-%m-%d})",
            )
        )
    other_dept = merged["event_id"].notna() & (merged["department"] != merged["department_event"])
    for idx in _rows(other_dept):
        problems.append(
            Problem(
                file,
                idx + 2,
                "department",
                "event-department",
                f"department {merged.at[idx, 'department']} differs from event "
                f"{merged.at[idx, 'event_id']!r} ({merged.at[idx, 'department_event']})",
            )
        )
    return problems


def check_events(events: pd.DataFrame, file: str) -> list[Problem]:
    """An event ends on or after the day it starts."""
    return [
        Problem(file, idx + 2, "date_end", "event-dates", "ends before it starts")
        for idx in _rows(events["date_end"] < events["date_start"])
    ]


def check_tallies(tallies: pd.DataFrame, file: str) -> list[Problem]:
    """Categories do not exceed the total; event scope names an event; a toll covers no day after it."""
    problems = []
    summed = tallies[TALLY_CATEGORIES].sum(axis=1, min_count=1)
    for idx in _rows(summed > tallies["total_deaths"]):
        problems.append(
            Problem(
                file,
                idx + 2,
                "total_deaths",
                "categories-exceed-total",
                f"categories add up to {int(summed[idx])}, more than the total {tallies.at[idx, 'total_deaths']}",
            )
        )
    for idx in _rows((tallies["scope"] == "event") & tallies["event_id"].isna()):
        problems.append(Problem(file, idx + 2, "event_id", "event-scope", "scope is 'event' but no event_id is given"))
    for idx in _rows((tallies["scope"] == "national") & tallies["event_id"].notna()):
        problems.append(
            Problem(file, idx + 2, "event_id", "event-scope", "scope is 'national' but an event_id is given")
        )
    for idx in _rows(tallies["as_of"] > tallies["report_date"]):
        problems.append(
            Problem(file, idx + 2, "as_of", "as-of-after-report", "the toll covers days after it was published")
        )
    for idx in _rows(tallies["report_date"] < PROTESTS_START):
        problems.append(
            Problem(file, idx + 2, "report_date", "before-protests", "toll reported before the protests began")
        )
    return problems


def check_tally_order(tallies: pd.DataFrame, file: str) -> list[Problem]:
    """A toll supersedes an existing toll of the same reporter, day, scope and event, not itself, and the
    `supersedes` links form no loop."""
    if "supersedes" not in tallies.columns:
        return []
    problems = []
    by_id = tallies.set_index("tally_id")
    same = ["reporter", "scope", "event_id", "report_date"]
    for idx in _rows(tallies["supersedes"].notna()):
        row, target = tallies.loc[idx], tallies.at[idx, "supersedes"]
        if target not in by_id.index or target == row["tally_id"]:
            what = "itself" if target == row["tally_id"] else "a toll that is not in the table"
            problems.append(Problem(file, idx + 2, "supersedes", "supersedes", f"{target} is {what}"))
            continue
        other = by_id.loc[target]
        if any(not (pd.isna(row[c]) and pd.isna(other[c])) and row[c] != other[c] for c in same):
            problems.append(
                Problem(
                    file,
                    idx + 2,
                    "supersedes",
                    "supersedes",
                    f"{target} is not a toll of the same reporter, scope, event and report date",
                )
            )
    links = tallies.dropna(subset=["supersedes"]).set_index("tally_id")["supersedes"].to_dict()
    for start in links:
        seen, current = {start}, links[start]
        while current in links and current not in seen:
            seen.add(current)
            current = links[current]
        if current == start:
            line = int(tallies.index[tallies["tally_id"] == start][0]) + 2
            problems.append(Problem(file, line, "supersedes", "supersedes", f"{start} supersedes itself in a loop"))
    return problems


def check_claims(claims: pd.DataFrame, file: str) -> list[Problem]:
    """Event metrics name an event."""
    event_metric = claims["metric"].str.startswith("event_") | (claims["metric"] == "deaths_before")
    return [
        Problem(file, idx + 2, "event_id", "claim-event", f"metric {claims.at[idx, 'metric']!r} needs an event_id")
        for idx in _rows(event_metric & claims["event_id"].isna())
    ]


# Text fields holding a date that may be only a year or a month (YYYY, YYYY-MM or YYYY-MM-DD).
PARTIAL_DATES = {"sources": ["date_published"], "proceedings": ["date"]}


def check_dated_values(
    tables: dict[str, pd.DataFrame], files: dict[str, str], limit: pd.Timestamp, what: str, rule: str
) -> list[Problem]:
    """No dated value of any table (every date field, and the partial dates of `PARTIAL_DATES`) after `limit`.

    A partial date is after `limit` if the earliest day it can mean is: its year (or year and month) comes
    after `limit`'s, compared as text of the same length.
    """
    day = f"{limit:%Y-%m-%d}"
    problems = []
    for name, frame in tables.items():
        for column in frame.columns:
            values = frame[column]
            if column in PARTIAL_DATES.get(name, ()):
                text = values.dropna().astype(str)
                later = text[text > text.str.len().map(lambda n: day[:n])]
                hits = [(idx, value) for idx, value in later.items()]
            elif pd.api.types.is_datetime64_any_dtype(values):
                hits = [(idx, f"{values[idx]:%Y-%m-%d}") for idx in _rows(values > limit)]
            else:
                continue
            problems += [
                Problem(files[name], int(idx) + 2, column, rule, f"{value} is after {what}, {day}")
                for idx, value in hits
            ]
    return problems


def check_source_ids(tables: dict[str, pd.DataFrame], files: dict[str, str]) -> list[Problem]:
    """Every value of every *source_id(s) column names a row of `sources` (checked once per distinct value)."""
    known = set(tables["sources"]["source_id"])
    problems = []
    for name, frame in tables.items():
        if name == "corrections":  # history: a correction names the source as it was then (it may be merged since)
            continue
        for column in [c for c in frame.columns if c.endswith(("source_id", "source_ids"))]:
            cells = frame[column].dropna().astype(str)
            unknown = {cell: [s for s in cell.split(";") if s not in known] for cell in cells.unique()}
            unknown = {cell: ids for cell, ids in unknown.items() if ids}
            for idx in cells.index[cells.isin(unknown.keys())]:
                missing = ", ".join(unknown[cells[idx]])
                problems.append(
                    Problem(files[name], idx + 2, column, "source-unknown", f"source id(s) {missing} not in sources")
                )
    return problems


def check_source_copies(sources: pd.DataFrame, file: str) -> list[Problem]:
    """A copy's address comes with its kind; a source without an original address says so and gives its copy.

    Releases made before these fields existed have them empty and pass.
    """
    problems = [
        Problem(file, idx + 2, "copy_kind", "copy-kind", "copy_url is given, so copy_kind is required")
        for idx in _rows(sources["copy_url"].notna() & sources["copy_kind"].isna())
    ]
    problems += [
        Problem(file, idx + 2, "copy_url", "copy-kind", "copy_kind is given without a copy_url")
        for idx in _rows(sources["copy_kind"].notna() & sources["copy_url"].isna())
    ]
    no_url = sources["url"].isna()
    problems += [
        Problem(file, idx + 2, "url", "copy-only", "url is empty: original_found must be 'no' and copy_url given")
        for idx in _rows(no_url & ((sources["original_found"] != "no") | sources["copy_url"].isna()))
    ]
    problems += [
        Problem(file, idx + 2, "url", "copy-only", "original_found is 'no', so url (the original) stays empty")
        for idx in _rows(sources["url"].notna() & (sources["original_found"] == "no"))
    ]
    return problems


def latest_dated_value(tables: dict[str, pd.DataFrame]) -> pd.Timestamp | None:
    """The latest date of any value of a release (a partial date counts as the earliest day it can mean)."""
    latest = []
    for name, frame in tables.items():
        for column in frame.columns:
            values = frame[column]
            if column in PARTIAL_DATES.get(name, ()):
                text = values.dropna().astype(str)
                days = text.where(text.str.len() != 4, text + "-01").where(text.str.len() == 10, lambda t: t + "-01")
                latest.append(pd.to_datetime(days, format="%Y-%m-%d", errors="coerce").max())
            elif pd.api.types.is_datetime64_any_dtype(values):
                latest.append(values.max())
    found = [day for day in latest if pd.notna(day)]
    return max(found) if found else None


def check_regions(regions: pd.DataFrame, file: str) -> list[Problem]:
    """One row for each of Peru's 25 departments, and no other."""
    have = set(regions["ubigeo"])
    problems = [
        Problem(file, None, "ubigeo", "regions-complete", f"department {code} is missing")
        for code in sorted(DEPARTMENTS - have)
    ]
    problems += [
        Problem(file, idx + 2, "ubigeo", "regions-complete", f"{code!r} is not an INEI department code (01-25)")
        for idx, code in regions["ubigeo"].items()
        if code not in DEPARTMENTS
    ]
    tiles = regions[["tile_row", "tile_col"]].astype(str).agg(",".join, axis=1)
    problems += [
        Problem(file, idx + 2, "tile_row", "tile-unique", f"tile {tiles[idx]} is used twice")
        for idx in _rows(tiles.duplicated())
    ]
    return problems


def check_not_empty(victims: pd.DataFrame, file: str) -> list[Problem]:
    """A release records at least one death: with none there is nothing to count or compare."""
    return [Problem(file, None, None, "no-victims", "the table lists no deaths")] if victims.empty else []


def check_all(tables: dict[str, pd.DataFrame], files: dict[str, str]) -> list[Problem]:
    """Run every cross-table rule on a release whose tables passed their schemas."""
    victims, events = tables["victims"], tables["events"]
    return (
        check_not_empty(victims, files["victims"])
        + check_regions(tables["regions"], files["regions"])
        + check_events(events, files["events"])
        + check_victim_dates(victims, files["victims"])
        + check_death_dated(victims, files["victims"])
        + check_duplicate_people(victims, files["victims"])
        + check_victim_events(victims, events, files["victims"])
        + check_tallies(tables["tallies"], files["tallies"])
        + check_tally_order(tables["tallies"], files["tallies"])
        + check_claims(tables["claims"], files["claims"])
        + check_source_ids(tables, files)
        + check_source_copies(tables["sources"], files["sources"])
    )

"""A corpus of malformed releases: each is rejected with file, row, column and rule, and nothing is written."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest

from analysis import cli, paths
from analysis.release.load import validate_release


def read(folder: Path, table: str) -> pd.DataFrame:
    return pd.read_csv(folder / f"{table}.csv", dtype=str, keep_default_na=False)


def write(folder: Path, table: str, frame: pd.DataFrame) -> None:
    frame.to_csv(folder / f"{table}.csv", index=False, lineterminator="\n")


def rehash(folder: Path) -> None:
    """Make the descriptor's checksums match the (edited) files, so that the rule under test is reached."""
    dp = folder / "datapackage.json"
    descriptor = json.loads(dp.read_text(encoding="utf-8"))
    for resource in descriptor["resources"]:
        path = folder / resource["path"]
        if path.is_file() and path.stat().st_size < 10_000_000:
            resource["hash"] = "sha256:" + hashlib.sha256(path.read_bytes()).hexdigest()
            resource["bytes"] = path.stat().st_size
    dp.write_text(json.dumps(descriptor, indent=2, ensure_ascii=False), encoding="utf-8")


def edit(table: str, change: Callable[[pd.DataFrame], pd.DataFrame]) -> Callable[[Path], None]:
    def mutate(folder: Path) -> None:
        write(folder, table, change(read(folder, table)))
        rehash(folder)

    return mutate


def set_cell(table: str, row: int, column: str, value: str) -> Callable[[Path], None]:
    def change(frame: pd.DataFrame) -> pd.DataFrame:
        frame.loc[row, column] = value
        return frame

    return edit(table, change)


def quoted_cell(table: str, row: int, column: str, value: str) -> Callable[[Path], None]:
    """Set a cell to `value` written in quotes (pandas quotes a cell with a CR alone only if told)."""
    quoted = b'"' + value.replace('"', '""').encode() + b'"'

    def mutate(folder: Path) -> None:
        set_cell(table, row, column, "PLACEHOLDER")(folder)
        raw(table, lambda b: b.replace(b"PLACEHOLDER", quoted, 1))(folder)

    return mutate


def raw(table: str, transform: Callable[[bytes], bytes], keep_hash: bool = False) -> Callable[[Path], None]:
    def mutate(folder: Path) -> None:
        path = folder / f"{table}.csv"
        path.write_bytes(transform(path.read_bytes()))
        if not keep_hash:
            rehash(folder)

    return mutate


def descriptor(change: Callable[[dict], dict | str]) -> Callable[[Path], None]:
    def mutate(folder: Path) -> None:
        dp = folder / "datapackage.json"
        result = change(json.loads(dp.read_text(encoding="utf-8")))
        dp.write_text(result if isinstance(result, str) else json.dumps(result), encoding="utf-8")

    return mutate


def resource(name: str, key: str, value) -> Callable[[Path], None]:
    def change(d: dict) -> dict:
        for r in d["resources"]:
            if r["name"] == name:
                r[key] = value
        return d

    return descriptor(change)


def duplicate_person(frame: pd.DataFrame) -> pd.DataFrame:
    """Add the first adult victim again under a new id, without accents and with the words reordered."""
    row = frame.iloc[0].copy()
    words = row["name"].split()
    row["name"] = " ".join(words[1:] + words[:1]).upper().replace("Á", "A").replace("É", "E")
    row["victim_id"] = "V999"
    return pd.concat([frame, row.to_frame().T], ignore_index=True)


def other_department_event(frame: pd.DataFrame) -> pd.DataFrame:
    frame.loc[0, "department"] = "15"
    return frame


def large_file(folder: Path) -> None:
    with open(folder / "victims.csv", "r+b") as handle:
        handle.truncate((1 << 30) + 1)  # sparse: costs no disk


def junk(data: bytes, rows: int, fields: int | None = None) -> bytes:
    """The header, then `rows` rows of x's (400 bytes a row) with the right number of fields or `fields`."""
    header = data.split(b"\n", 1)[0]
    fields = fields or header.count(b",") + 1
    return header + b"\n" + (b",".join([b"x" * (400 // fields - 1)] * fields) + b"\n") * rows


def cr_after_first_row(data: bytes) -> bytes:
    header, first, rest = data.split(b"\n", 2)
    return header + b"\n" + first + b"\r" + rest


def latin1(data: bytes) -> bytes:
    return data.replace(b"Quispe Garfias", "Quispe Garf\xedas".encode("latin-1"), 1)


# (id, mutation, file, rule, row or None, column or None)
CASES = [
    ("latin1-encoding", raw("victims", latin1), "victims.csv", "encoding", 2, None),
    ("byte-order-mark", raw("sources", lambda b: b"\xef\xbb\xbf" + b), "sources.csv", "encoding", 1, None),
    ("semicolon-delimiter", raw("events", lambda b: b.replace(b",", b";")), "events.csv", "delimiter", 1, None),
    ("missing-column", edit("victims", lambda f: f.drop(columns=["age"])), "victims.csv", "columns", 1, "age"),
    ("extra-column", edit("victims", lambda f: f.assign(extra="x")), "victims.csv", "columns", 1, "extra"),
    (
        "renamed-column",
        edit("victims", lambda f: f.rename(columns={"age": "edad"})),
        "victims.csv",
        "columns",
        1,
        "edad",
    ),
    ("duplicate-id", set_cell("victims", 1, "victim_id", "V001"), "victims.csv", "unique", 3, "victim_id"),
    ("same-person-two-spellings", edit("victims", duplicate_person), "victims.csv", "duplicate-person", 47, "name"),
    ("unknown-department", set_cell("victims", 0, "department", "99"), "victims.csv", "foreign-key", 2, "department"),
    ("malformed-ubigeo", set_cell("victims", 0, "department", "3"), "victims.csv", "pattern", 2, "department"),
    ("impossible-date", set_cell("victims", 0, "date_died", "2023-13-01"), "victims.csv", "type", 2, "date_died"),
    ("non-iso-date", set_cell("victims", 0, "date_died", "11/12/2022"), "victims.csv", "type", 2, "date_died"),
    (
        "died-before-injured",
        set_cell("victims", 0, "date_injured", "2022-12-20"),
        "victims.csv",
        "died-before-injured",
        2,
        "date_died",
    ),
    (
        "date-in-future",
        set_cell("victims", 0, "date_first_reported", "2031-01-01"),
        "victims.csv",
        "future-date",
        2,
        "date_first_reported",
    ),
    (
        "before-protests",
        set_cell("victims", 0, "date_injured", "2022-11-30"),
        "victims.csv",
        "before-protests",
        2,
        "date_injured",
    ),
    ("age-too-high", set_cell("victims", 0, "age", "150"), "victims.csv", "maximum", 2, "age"),
    ("age-negative", set_cell("victims", 0, "age", "-1"), "victims.csv", "minimum", 2, "age"),
    ("age-not-a-number", set_cell("victims", 0, "age", "eighteen"), "victims.csv", "type", 2, "age"),
    (
        "dangling-source-id",
        set_cell("victims", 0, "source_ids", "no-such-source"),
        "victims.csv",
        "source-unknown",
        2,
        "source_ids",
    ),
    (
        "dangling-event-id",
        set_cell("victims", 0, "event_id", "no-such-event"),
        "victims.csv",
        "foreign-key",
        2,
        "event_id",
    ),
    ("victim-without-source", set_cell("victims", 0, "source_ids", ""), "victims.csv", "required", 2, "source_ids"),
    ("unknown-category", set_cell("victims", 0, "category", "civilian"), "victims.csv", "enum", 2, "category"),
    (
        "undated-death",
        edit(
            "victims",
            lambda f: f.assign(
                date_died=f["date_died"].where(f.index > 0, ""),
                date_first_reported=f["date_first_reported"].where(f.index > 0, ""),
            ),
        ),
        "victims.csv",
        "death-undated",
        2,
        "date_died",
    ),
    (
        "event-in-other-department",
        edit("victims", other_department_event),
        "victims.csv",
        "event-department",
        2,
        "department",
    ),
    (
        "categories-exceed-total",
        set_cell("tallies", 0, "clash_civilians", "99"),
        "tallies.csv",
        "categories-exceed-total",
        2,
        "total_deaths",
    ),
    ("event-scope-without-event", set_cell("tallies", 0, "event_id", ""), "tallies.csv", "event-scope", 2, "event_id"),
    (
        "event-ends-before-start",
        set_cell("events", 0, "date_end", "2022-12-01"),
        "events.csv",
        "event-dates",
        2,
        "date_end",
    ),
    ("source-url-not-http", set_cell("sources", 0, "url", "ftp://example.org/x"), "sources.csv", "pattern", 2, "url"),
    (
        "duplicate-composite-key",
        edit("lists", lambda f: pd.concat([f, f.iloc[:1]], ignore_index=True)),
        "lists.csv",
        "primary-key",
        8,
        "victim_id",
    ),
    (
        "ragged-row",
        raw("events", lambda b: b.replace(b"\n", b",extra\n", 2).replace(b",extra\n", b"\n", 1)),
        "events.csv",
        "row-length",
        2,
        None,
    ),
    (
        "tampered-released-file",
        raw("victims", lambda b: b.replace(b"Miguel Arcana,38", b"Miguel Arcana,39"), keep_hash=True),
        "victims.csv",
        "checksum",
        None,
        None,
    ),
    ("descriptor-not-json", descriptor(lambda d: "{ not json"), "datapackage.json", "descriptor-json", 1, None),
    (
        "descriptor-not-a-package",
        descriptor(lambda d: {**d, "resources": "victims.csv"}),
        "datapackage.json",
        "data-package",
        None,
        None,
    ),
    (
        "table-missing-from-descriptor",
        descriptor(lambda d: {**d, "resources": [r for r in d["resources"] if r["name"] != "regions"]}),
        "datapackage.json",
        "tables",
        None,
        None,
    ),
    ("empty-file", raw("claims", lambda b: b""), "claims.csv", "empty-file", None, None),
    ("no-victims", raw("victims", lambda b: b.split(b"\n", 1)[0] + b"\n"), "victims.csv", "no-victims", None, None),
    ("very-large-file", large_file, "victims.csv", "file-too-large", None, None),
    (
        "path-escapes-release",
        resource("claims", "path", "../claims.csv"),
        "datapackage.json",
        "data-package",
        None,
        None,
    ),
    ("absolute-path", resource("claims", "path", "/etc/passwd"), "datapackage.json", "data-package", None, None),
    ("missing-file", resource("claims", "path", "nothere.csv"), "nothere.csv", "file-missing", None, None),
    ("bell-in-name", set_cell("victims", 2, "name", "Ana\x07 Quispe"), "victims.csv", "control-character", 4, "name"),
    ("tab-in-title", set_cell("sources", 1, "title", "A\ttitle"), "sources.csv", "control-character", 3, "title"),
    ("c1-control", set_cell("events", 0, "locality", "Plaza\x85"), "events.csv", "control-character", 2, "locality"),
    (
        "lone-cr-in-notes",
        quoted_cell("victims", 0, "notes", "one\rtwo"),
        "victims.csv",
        "control-character",
        2,
        "notes",
    ),
    ("lone-cr-line-end", raw("events", cr_after_first_row), "events.csv", "line-ends", 2, None),
    ("old-mac-line-ends", raw("events", lambda b: b.replace(b"\n", b"\r")), "events.csv", "line-ends", 1, None),
    ("nul-in-notes", set_cell("victims", 1, "notes", "a\x00b"), "victims.csv", "nul-character", 3, "notes"),
    ("line-break-in-name", set_cell("victims", 0, "name", "Ana\nQuispe"), "victims.csv", "line-break", 2, "name"),
    ("bidi-override", set_cell("victims", 0, "name", "Ana \u202eepsiuQ"), "victims.csv", "bidi-control", 2, "name"),
    (
        "bidi-isolate",
        set_cell("sources", 0, "publisher", "\u2067x\u2069"),
        "sources.csv",
        "bidi-control",
        2,
        "publisher",
    ),
    ("over-long-name", set_cell("victims", 0, "name", "Ana " * 51), "victims.csv", "too-long", 2, "name"),
    ("over-long-notes", set_cell("tallies", 0, "notes", "word " * 1001), "tallies.csv", "too-long", 2, "notes"),
    (
        "over-long-url",
        set_cell("sources", 0, "url", "https://example.org/" + "a" * 2000),
        "sources.csv",
        "too-long",
        2,
        "url",
    ),
    ("junk-table", raw("victims", lambda b: junk(b, 15_000)), "victims.csv", "not-a-table", None, None),
    ("junk-lines", raw("victims", lambda b: junk(b, 15_000, fields=1)), "victims.csv", "not-a-table", None, None),
]


@pytest.mark.parametrize(("mutate", "file", "rule", "row", "column"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_malformed_release_is_rejected_with_location(release_copy, mutate, file, rule, row, column):
    mutate(release_copy)
    release, problems = validate_release(release_copy)
    assert release is None
    matching = [p for p in problems if p.rule == rule and p.file == file]
    assert matching, f"expected {rule} in {file}; got: " + "; ".join(map(str, problems[:5]))
    if row is not None:
        assert any(p.row == row for p in matching), [str(p) for p in matching]
    if column is not None:
        assert any(p.column == column for p in matching), [str(p) for p in matching]
    assert all(str(p).startswith(p.file) for p in problems)


def test_corpus_has_at_least_thirty_cases():
    assert len(CASES) >= 30


def test_cli_validate_exits_non_zero_and_names_the_problem(release_copy, capsys):
    set_cell("victims", 0, "age", "150")(release_copy)
    assert cli.main(["validate", str(release_copy)]) == 1
    err = capsys.readouterr().err
    assert "victims.csv, row 2, column 'age': [maximum]" in err


def test_build_of_a_bad_release_writes_nothing(release_copy, tmp_path, monkeypatch):
    build_root = tmp_path / "build"
    build_root.mkdir()
    (build_root / "previous-output.txt").write_text("last good build")
    monkeypatch.setenv("PERU_PROTESTS_BUILD", str(build_root))
    set_cell("victims", 0, "category", "civilian")(release_copy)
    assert cli.main(["build", "--release", str(release_copy)]) == 1
    assert sorted(os.listdir(build_root)) == ["previous-output.txt"]


def test_build_of_a_valid_release_the_report_cannot_show_says_why(release_copy, tmp_path, monkeypatch, capsys):
    build_root = tmp_path / "build"
    monkeypatch.setenv("PERU_PROTESTS_BUILD", str(build_root))
    raw("claims", lambda b: b.split(b"\n", 1)[0] + b"\n")(release_copy)
    assert cli.main(["build", "--release", str(release_copy)]) == 1
    assert "the report cannot be built from this release: table tbl-claims is empty" in capsys.readouterr().err
    assert not list(build_root.glob("*/results"))


def test_release_command_rejects_bad_staging_and_writes_nothing(release_copy, tmp_path, monkeypatch, capsys):
    set_cell("victims", 0, "date_died", "2023-13-01")(release_copy)
    releases = tmp_path / "releases"
    changelog = tmp_path / "CHANGELOG.md"
    changelog.write_text("## 2030-01-01\nx\n")
    changelog.with_name("CHANGELOG.es.md").write_text("## 2030-01-01\nx\n")
    monkeypatch.setenv("PERU_PROTESTS_TODAY", "2030-01-01")
    code = cli.main(
        [
            "release",
            "2030-01-01",
            "--from",
            str(release_copy),
            "--releases-dir",
            str(releases),
            "--changelog",
            str(changelog),
        ]
    )
    assert code == 1
    expected = "victims.csv, row 2, column 'date_died': [type] '2023-13-01' is not an ISO date YYYY-MM-DD\n"
    assert capsys.readouterr().err == expected
    assert not releases.exists()


def test_line_breaks_are_kept_in_free_text_notes(release_copy):
    set_cell("victims", 0, "notes", "First line.\r\nSecond line.\nThird.")(release_copy)
    release, problems = validate_release(release_copy)
    assert problems == []
    assert release["victims"].at[0, "notes"] == "First line.\r\nSecond line.\nThird."


def test_a_control_character_is_named_by_its_code_point_not_printed(release_copy):
    set_cell("victims", 0, "name", "Ana \u202eepsiuQ\x1b[2J")(release_copy)
    _, problems = validate_release(release_copy)
    messages = [str(p) for p in problems if p.column == "name"]
    assert (
        "victims.csv, row 2, column 'name': [bidi-control] contains a bidirectional control character, U+202E, "
        "at character 5" in messages
    )
    assert any("U+001B (\\x1b)" in m for m in messages), messages
    assert not any("\u202e" in m or "\x1b" in m for m in messages)


def test_validation_output_is_bounded_per_file_rule_and_column(release_copy, capsys):
    def long_names(frame: pd.DataFrame) -> pd.DataFrame:
        frame.loc[:29, "name"] = [f"{'x' * 200} {i}" for i in range(30)]
        frame.loc[:24, "locality"] = "y" * 501
        return frame

    edit("victims", long_names)(release_copy)
    assert cli.main(["validate", str(release_copy)]) == 1
    lines = capsys.readouterr().err.splitlines()
    names = [line for line in lines if "column 'name': [too-long]" in line]
    localities = [line for line in lines if "column 'locality': [too-long]" in line]
    assert len(names) == 21 and names[-1] == "victims.csv, column 'name': [too-long] ... and 10 more"
    assert len(localities) == 21 and localities[-1] == "victims.csv, column 'locality': [too-long] ... and 5 more"
    assert lines[-1] == "INVALID: 55 problem(s) in 1 file(s)"
    assert len(lines) == 43


def test_a_junk_table_is_rejected_from_its_first_rows(release_copy, capsys):
    raw("victims", lambda b: junk(b, 50_000))(release_copy)
    release, problems = validate_release(release_copy)
    assert release is None
    assert {p.row for p in problems if p.row is not None} <= set(range(2, 1002))  # only the sample was checked
    verdict = problems[-1]
    assert verdict.rule == "not-a-table"
    assert verdict.message.startswith("1,000 of its first 1,000 rows break the schema of table 'victims'")
    assert cli.main(["validate", str(release_copy)]) == 1
    assert len(capsys.readouterr().err.splitlines()) < 400


def test_report_lines_bound_each_group_and_cut_huge_messages():
    from analysis.release.problems import Problem, report_lines

    problems = [Problem("a.csv", i + 2, "name", "too-long", "x" * 1000) for i in range(25)]
    problems += [Problem("b.csv", None, None, "checksum", "changed")]
    lines = report_lines(problems, per_group=3)
    assert lines[0] == "a.csv, row 2, column 'name': [too-long] " + "x" * 300 + " [...]"
    assert lines[3:] == [
        "a.csv, column 'name': [too-long] ... and 22 more",
        "b.csv: [checksum] changed",
        "INVALID: 26 problem(s) in 2 file(s)",
    ]


@pytest.mark.parametrize("name", paths.release_names(paths.RELEASES))
def test_every_published_release_passes_the_text_rules(name):
    """The limits sit above every value published so far (2026-12-03's copy addresses reach 273 characters)."""
    _, problems = validate_release(paths.RELEASES / name)
    assert problems == []


def test_a_non_web_address_is_rejected_in_every_url_field(tmp_path):
    """Links are made only from http(s) addresses; the validator already refuses any other scheme."""
    latest = paths.release_names(paths.RELEASES)[-1]
    folder = tmp_path / latest
    shutil.copytree(paths.RELEASES / latest, folder)
    sources = read(folder, "sources")
    sources.loc[0, "url"] = "javascript:alert(1)"
    sources.loc[1, "copy_url"] = "data:text/html,<script>alert(1)</script>"
    write(folder, "sources", sources)
    rehash(folder)
    _, problems = validate_release(folder)
    assert {(p.column, p.row, p.rule) for p in problems} >= {("url", 2, "pattern"), ("copy_url", 3, "pattern")}

"""The release command's rules (issue 22): a release is named by its cut-off date, later than the latest release
and not in the future; no value is dated after it; every changed or removed published value is reviewed in
corrections.csv; `validate <staging folder>` applies exactly these checks and writes nothing."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pandas as pd
import pytest
from frictionless import Package

from analysis import cli, paths
from analysis.publish.new_release import make_release
from analysis.release.load import load_release, validate_release
from analysis.release.problems import ReleaseError

LATEST = "2026-12-03"
NAME = "2026-12-10"
HEADER = "correction_id,release,table,record_id,field,old_value,new_value,reason,source_id\n"
SOURCE = "servindi-2022-12-26-28-muertos-defensoria"


@pytest.fixture
def project(tmp_path: Path, monkeypatch) -> dict:
    """A project in a temporary folder: release 2026-12-03 (the latest), staging holding its tables, both
    changelogs with an entry for 2026-12-10, no corrections yet, and today fixed on 2026-12-10."""
    releases = tmp_path / "releases"
    shutil.copytree(paths.RELEASES / LATEST, releases / LATEST)
    staging = tmp_path / "staging"
    shutil.copytree(paths.RELEASES / LATEST, staging, ignore=shutil.ignore_patterns("*.json"))
    for edition, words in (("CHANGELOG.md", "A test release."), ("CHANGELOG.es.md", "Una versión de prueba.")):
        text = (paths.DATA / edition).read_text(encoding="utf-8")
        at = text.index(f"## {LATEST}")
        (tmp_path / edition).write_text(f"{text[:at]}## {NAME}\n\n{words}\n\n{text[at:]}", encoding="utf-8")
    (tmp_path / "corrections.csv").write_text(HEADER, encoding="utf-8")
    monkeypatch.setenv("PERU_PROTESTS_TODAY", NAME)
    options = ["--releases-dir", str(releases), "--changelog", str(tmp_path / "CHANGELOG.md")]
    options += ["--corrections", str(tmp_path / "corrections.csv")]
    return {"root": tmp_path, "releases": releases, "staging": staging, "options": options}


def release(project: dict, name: str = NAME, created: str | None = None) -> Path:
    root = project["root"]
    return make_release(
        name, project["staging"], project["releases"], root / "CHANGELOG.md", root / "corrections.csv", created
    )


def set_cells(folder: Path, table: str, changes: dict[tuple[int, str], str]) -> None:
    path = folder / f"{table}.csv"
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    for (row, column), value in changes.items():
        frame.loc[row, column] = value
    frame.to_csv(path, index=False, lineterminator="\n")


def add_corrections(project: dict, *rows: str | tuple) -> None:
    """Rows for corrections.csv, as CSV text or as tuples of cells (quoted as needed)."""
    with open(project["root"] / "corrections.csv", "a", encoding="utf-8", newline="") as handle:
        for row in rows:
            if isinstance(row, str):
                handle.write(f"{row}\n")
            else:
                csv.writer(handle, lineterminator="\n").writerow(row)


def refusal(project: dict, **kwargs) -> list[tuple]:
    with pytest.raises(ReleaseError) as error:
        release(project, **kwargs)
    assert not (project["releases"] / kwargs.get("name", NAME)).exists()
    assert sorted(p.name for p in project["releases"].iterdir()) == [LATEST]
    return [(p.file, p.row, p.column, p.rule) for p in error.value.problems]


def test_a_release_made_from_unchanged_staging_carries_its_changelog_and_passes_frictionless(project):
    target = release(project)
    loaded = load_release(target)
    assert loaded.name == NAME and loaded.cutoff == pd.Timestamp(NAME)
    described = {r["name"]: r for r in loaded.descriptor["resources"]}
    for resource, file in (("changelog", "CHANGELOG.md"), ("changelog-es", "CHANGELOG.es.md")):
        assert described[resource]["path"] == file and described[resource]["hash"].startswith("sha256:")
        assert described[resource]["mediatype"] == "text/markdown"
    report = Package(str(target / "datapackage.json")).validate()
    assert report.valid, report.flatten(["type", "message"])


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("2024-12-31", f"2024-12-31: [release-name] must be later than the latest release, {LATEST}: a release is "),
        (LATEST, "[immutable] release exists already; releases are never overwritten"),
        (
            "2026-12-11",
            "2026-12-11: [release-name] is after today (2026-12-10): a cut-off date cannot be in the future",
        ),
        ("2026-12-10-b", "2026-12-10-b: [release-name] must be the release's cut-off date, YYYY-MM-DD"),
    ],
)
def test_a_name_that_is_not_a_later_cut_off_date_is_refused_in_one_line(project, capsys, name, message):
    for edition in ("CHANGELOG.md", "CHANGELOG.es.md"):
        path = project["root"] / edition
        path.write_text(path.read_text(encoding="utf-8").replace(f"## {NAME}", f"## {name}"), encoding="utf-8")
    assert cli.main(["release", name, "--from", str(project["staging"]), *project["options"]]) == 1
    err = capsys.readouterr().err
    assert len(err.splitlines()) == 1 and message in err, err
    assert sorted(p.name for p in project["releases"].iterdir()) == [LATEST]


def test_the_publication_day_is_not_before_the_cut_off(project):
    assert refusal(project, created="2026-12-09") == [(NAME, None, None, "release-name")]


@pytest.mark.parametrize(
    ("table", "row", "column", "value"),
    [
        ("sources", 0, "date_published", "2026-12-11"),
        ("sources", 0, "date_published", "2027"),
        ("sources", 0, "date_published", "2026-12"),  # a month may start on or before the cut-off: accepted
        ("sources", 0, "read_date", "2026-12-11"),
        ("tallies", 0, "report_date", "2026-12-11"),
        ("events", 0, "date_end", "2026-12-11"),
        ("victims", 0, "date_first_reported", "2026-12-11"),
        ("timeline", 0, "date", "2026-12-11"),
        ("claims", 0, "claim_date", "2026-12-11"),
        ("excluded", 0, "reported_date", "2026-12-11"),
    ],
)
def test_no_value_is_dated_after_the_cut_off(project, table, row, column, value):
    old = pd.read_csv(project["staging"] / f"{table}.csv", dtype=str, keep_default_na=False).at[row, column]
    set_cells(project["staging"], table, {(row, column): value})
    key = pd.read_csv(project["staging"] / f"{table}.csv", dtype=str, keep_default_na=False).iat[row, 0]
    add_corrections(project, f"K1,{NAME},{table},{key},{column},{old},{value},test,{SOURCE}")
    if value == "2026-12":
        assert load_release(release(project)).name == NAME
        return
    problems = refusal(project)
    assert problems[0] == (f"{table}.csv", row + 2, column, "after-cut-off"), problems


def test_an_unreviewed_change_and_removal_are_refused_and_listed(project, capsys):
    set_cells(project["staging"], "victims", {(4, "age"): "37"})
    victims = project["staging"] / "victims.csv"
    lines = victims.read_text(encoding="utf-8").splitlines(keepends=True)
    removed = lines.pop(3).split(",")[0]
    victims.write_text("".join(lines), encoding="utf-8")
    lists = project["staging"] / "lists.csv"
    lists.write_text("\n".join(line for line in lists.read_text().splitlines() if line.split(",")[0] != removed))
    lists.write_text(lists.read_text() + "\n")
    assert cli.main(["release", NAME, "--from", str(project["staging"]), *project["options"]]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err[0] == (
        "victims.csv, row 5, column 'age': [unreviewed-change] V005: '38' in release 2026-12-03, now '37': unreviewed "
        "change; add a row to corrections.csv for release 2026-12-10 (record, field, old value, new value, reason, "
        "source)"
    )
    assert f"victims.csv, column 'victim_id': [unreviewed-removal] {removed} of release 2026-12-03 is missing" in (
        "\n".join(err)
    )
    assert any(line.startswith("lists.csv, column 'victim_id': [unreviewed-removal]") for line in err)
    assert sorted(p.name for p in project["releases"].iterdir()) == [LATEST]


def test_reviewed_changes_are_released_whether_made_in_staging_or_by_the_correction(project):
    set_cells(project["staging"], "victims", {(4, "age"): "37"})  # made in staging; V001 left to the correction
    victims = pd.read_csv(project["staging"] / "victims.csv", dtype=str, keep_default_na=False)
    lists = pd.read_csv(project["staging"] / "lists.csv", dtype=str, keep_default_na=False)
    v001, note = victims.at[0, "age"], lists.set_index(["victim_id", "list_id"]).at[("V001", "defensoria"), "notes"]
    add_corrections(
        project,
        f"K1,{NAME},victims,V005,age,38,37,the registry gives 37,{SOURCE}",
        f"K2,{NAME},victims,V001,age,{v001},{int(v001) + 1},the registry,{SOURCE}",
        f"K3,{NAME},claims,C009,record,,removed,withdrawn claim,{SOURCE}",
        ("K4", NAME, "lists", "V001, defensoria", "notes", note, "Checked again.", "re-read", SOURCE),
    )
    new = load_release(release(project))
    victims = new["victims"].set_index("victim_id")
    assert (victims.at["V005", "age"], victims.at["V001", "age"]) == (37, int(v001) + 1)
    assert "C009" not in set(new["claims"]["claim_id"])
    assert new["lists"].set_index(["victim_id", "list_id"]).at[("V001", "defensoria"), "notes"] == "Checked again."


def test_a_correction_from_another_value_than_the_published_one_does_not_cover_the_change(project):
    set_cells(project["staging"], "victims", {(4, "age"): "37"})
    add_corrections(project, f"K1,{NAME},victims,V005,age,37,39,typo,{SOURCE}")  # 38 -> 37 is not reviewed
    assert refusal(project) == [("victims.csv", 6, "age", "unreviewed-change")]


def test_unreviewed_changes_are_listed_at_most_twenty_per_file_rule_and_column(project, capsys):
    set_cells(project["staging"], "victims", {(row, "age"): "99" for row in range(30)})
    assert cli.main(["validate", str(project["staging"]), "--name", NAME, *project["options"]]) == 1
    lines = capsys.readouterr().err.splitlines()
    listed = [line for line in lines if "[unreviewed-change]" in line]
    assert len(listed) == 21 and listed[-1] == "victims.csv, column 'age': [unreviewed-change] ... and 10 more"
    assert lines[-1] == "INVALID: 30 problem(s) in 1 file(s)" and len(lines) == 22


def test_fields_added_to_the_format_since_the_previous_release_are_not_changes(tmp_path, monkeypatch):
    """Release 2023-01-10 has no read_date in sources: filling it in staging reviews nothing."""
    releases = tmp_path / "releases"
    shutil.copytree(paths.RELEASES / "2023-01-10", releases / "2023-01-10")
    staging = tmp_path / "staging"
    shutil.copytree(paths.RELEASES / "2023-01-10", staging, ignore=shutil.ignore_patterns("*.json"))
    set_cells(staging, "sources", {(0, "read_date"): "2026-01-05"})
    for edition in ("CHANGELOG.md", "CHANGELOG.es.md"):
        (tmp_path / edition).write_text("## 2026-01-31\n\nx\n")
    (tmp_path / "corrections.csv").write_text(HEADER)
    monkeypatch.setenv("PERU_PROTESTS_TODAY", "2026-02-01")
    target = make_release("2026-01-31", staging, releases, tmp_path / "CHANGELOG.md", tmp_path / "corrections.csv")
    assert load_release(target)["sources"].at[0, "read_date"] == pd.Timestamp("2026-01-05")


def test_validate_staging_applies_the_release_checks_and_writes_nothing(project, capsys):
    before = sorted(str(p.relative_to(project["root"])) for p in project["root"].rglob("*"))
    command = ["validate", str(project["staging"]), "--name", NAME, *project["options"]]
    assert cli.main(command) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"OK: {project['staging']} can be released as {NAME}; every change since release {LATEST}")
    set_cells(project["staging"], "victims", {(4, "age"): "37"})
    assert cli.main(command) == 1
    by_validate = capsys.readouterr().err
    assert cli.main(["release", NAME, "--from", str(project["staging"]), *project["options"]]) == 1
    assert capsys.readouterr().err == by_validate
    assert sorted(str(p.relative_to(project["root"])) for p in project["root"].rglob("*")) == before


def test_validate_staging_is_named_today_by_default(project, capsys):
    assert cli.main(["validate", str(project["staging"]), *project["options"]]) == 0
    assert f"can be released as {NAME}" in capsys.readouterr().out


def test_the_projects_staging_folder_validates_as_the_readme_says(capsys, monkeypatch):
    """`python -m analysis validate data/staging` reads staging, not a release (it said: missing datapackage.json)."""
    monkeypatch.setenv("PERU_PROTESTS_TODAY", "2026-12-10")
    code = cli.main(["validate", str(paths.STAGING), "--name", "2026-12-10"])
    err = capsys.readouterr().err
    assert code in (0, 1) and "datapackage.json" not in err and "Traceback" not in err
    if code == 1:  # e.g. the working changelog has no entry for a release that is not being made
        assert all("[" in line or line.startswith("INVALID:") for line in err.splitlines()), err


def test_existing_releases_keep_the_rule_they_were_made_under():
    """2023-01-10 cites sources published after its name; it still loads, under the rule of its creation date."""
    old = load_release("2023-01-10")
    assert old.cutoff == pd.Timestamp("2023-01-10") and old.created == pd.Timestamp("2026-11-26")
    assert old["sources"]["date_published"].dropna().max() > "2023-01-10"


def test_a_new_format_release_is_checked_against_its_name_even_when_edited(project):
    """Validation, not only the release command, holds a release that carries its changelog to its cut-off."""
    target = release(project)
    copy = project["root"] / "copy"
    shutil.copytree(target, copy)
    set_cells(copy, "tallies", {(0, "report_date"): "2026-12-11"})
    from test_release_bad_inputs import rehash

    rehash(copy)
    _, problems = validate_release(copy)
    assert [(p.file, p.row, p.column, p.rule) for p in problems] == [("tallies.csv", 2, "report_date", "after-cut-off")]
    descriptor = json.loads((copy / "datapackage.json").read_text(encoding="utf-8"))
    assert descriptor["version"] == NAME

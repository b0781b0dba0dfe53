import io
import shutil
from pathlib import Path

import pandas as pd
import pytest
from conftest import FIRST_RELEASE

from analysis import paths
from analysis.publish.diff import diff_releases, format_diff, headline, summary
from analysis.publish.new_release import make_release
from analysis.release.load import load_release
from analysis.release.problems import ReleaseError
from analysis.release.schema import ADDED_FIELDS, TABLES

CORRECTIONS = "correction_id,release,table,record_id,field,old_value,new_value,reason,source_id\n"


@pytest.fixture
def workspace(tmp_path: Path, monkeypatch) -> dict:
    """A staging folder (the first release's tables), an empty releases folder, a changelog in both editions,
    and today fixed on 31 December 2031 (PERU_PROTESTS_TODAY), so that the test names are not in the future."""
    staging = tmp_path / "staging"
    shutil.copytree(paths.RELEASES / FIRST_RELEASE, staging, ignore=shutil.ignore_patterns("datapackage.json"))
    changelog = tmp_path / "CHANGELOG.md"
    changelog.write_text("# Changelog\n\n## 2030-01-01\nA test release.\n")
    (tmp_path / "CHANGELOG.es.md").write_text("# Registro\n\n## 2030-01-01\nUna versión de prueba.\n")
    corrections = tmp_path / "corrections.csv"
    corrections.write_text(CORRECTIONS)
    monkeypatch.setenv("PERU_PROTESTS_TODAY", "2031-12-31")
    return {"staging": staging, "releases": tmp_path / "releases", "changelog": changelog, "corrections": corrections}


def release(ws: dict, name: str = "2030-01-01") -> Path:
    return make_release(
        name,
        ws["staging"],
        releases_dir=ws["releases"],
        changelog=ws["changelog"],
        corrections=ws["corrections"],
        created="2030-01-01",
    )


def test_release_writes_a_valid_package_with_checksums(workspace):
    target = release(workspace)
    loaded = load_release(target)
    assert loaded.name == "2030-01-01"
    assert len(loaded["victims"]) == len(load_release(FIRST_RELEASE)["victims"])
    assert all(r["hash"].startswith("sha256:") and r["bytes"] > 0 for r in loaded.descriptor["resources"])
    assert loaded.descriptor["licenses"][0]["name"] == "CC-BY-4.0"


def test_release_is_deterministic(workspace, tmp_path):
    first = release(workspace)
    second = make_release(
        "2030-01-01",
        workspace["staging"],
        releases_dir=tmp_path / "again",
        changelog=workspace["changelog"],
        corrections=workspace["corrections"],
        created="2030-01-01",
    )
    for path in first.iterdir():
        assert path.read_bytes() == (second / path.name).read_bytes(), path.name


def test_release_refuses_to_overwrite(workspace):
    release(workspace)
    with pytest.raises(ReleaseError, match="never overwritten"):
        release(workspace)


@pytest.mark.parametrize("edition", ["CHANGELOG.md", "CHANGELOG.es.md"])
def test_release_requires_its_entry_in_both_changelog_editions(workspace, edition):
    path = workspace["changelog"].with_name(edition)
    path.write_text(path.read_text().replace("## 2030-01-01", "## 2029-12-31"))
    with pytest.raises(ReleaseError) as error:
        release(workspace)
    assert [(p.file, p.rule) for p in error.value.problems] == [(str(path), "changelog")]
    assert str(error.value) == f"{path}: [changelog] add a '## 2030-01-01' section describing the release (both " + (
        "editions are required)"
    )
    assert not workspace["releases"].exists()


@pytest.mark.parametrize("name", ["latest", "2030-02-30", "2030-1-01", "2030-01-01-fix"])
def test_release_name_must_be_a_cut_off_date(workspace, name):
    with pytest.raises(ReleaseError, match="must be the release's cut-off date, YYYY-MM-DD"):
        release(workspace, name)


def test_corrections_are_applied_and_show_in_the_diff(workspace):
    workspace["corrections"].write_text(
        CORRECTIONS
        + "K001,2030-01-01,victims,V005,age,38,23,The 24 Dec registry gives 23,"
        + "servindi-2022-12-26-28-muertos-defensoria\n"
    )
    new = load_release(release(workspace))
    assert new["victims"].set_index("victim_id").at["V005", "age"] == 23
    diff = diff_releases(load_release(FIRST_RELEASE), new)
    changed = diff[(diff["change"] == "changed") & (diff["table"] == "victims")]
    assert changed[["record_id", "field", "old", "new"]].values.tolist() == [["V005", "age", "38", "23"]]
    assert "victims V005: age: '38' -> '23'" in format_diff(diff)


def test_correction_with_wrong_old_value_is_refused(workspace):
    workspace["corrections"].write_text(
        CORRECTIONS + "K001,2030-01-01,victims,V005,age,99,23,reason,servindi-2022-12-26-28-muertos-defensoria\n"
    )
    with pytest.raises(ReleaseError, match="expects '99' but V005.age is '38'"):
        release(workspace)


def test_removing_a_record_is_a_correction(workspace):
    workspace["corrections"].write_text(
        CORRECTIONS + "K001,2030-01-01,claims,C009,record,,removed,withdrawn claim,peoplesdispatch-2023-01-10-juliaca\n"
    )
    new = load_release(release(workspace))
    diff = diff_releases(load_release(FIRST_RELEASE), new)
    assert diff[diff["change"] == "removed"][["table", "record_id"]].values.tolist() == [["claims", "C009"]]


def test_diff_of_the_two_published_releases_counts_additions():
    old, new = load_release(FIRST_RELEASE), load_release("2026-11-26")
    counts = summary(diff_releases(old, new)).set_index("table")
    assert counts.loc["victims", "added"] == len(new["victims"]) - len(old["victims"])
    assert counts.loc["victims", "removed"] == 0
    kept = set(old["victims"]["victim_id"])
    assert kept <= set(new["victims"]["victim_id"])  # identifiers are stable


def test_diff_of_identical_releases_is_empty():
    rel = load_release(FIRST_RELEASE)
    assert diff_releases(rel, rel).empty
    assert format_diff(pd.DataFrame(columns=["table"])) == "no differences"


def test_release_errors_keep_their_problems_across_processes():
    import pickle

    from analysis.release.problems import Problem, ReleaseError

    error = ReleaseError([Problem("victims.csv", 3, "age", "maximum", "130 is above the maximum 120")])
    copy = pickle.loads(pickle.dumps(error))
    assert copy.problems == error.problems
    assert str(copy) == str(error)


@pytest.fixture
def two_releases(tmp_path: Path, monkeypatch) -> Path:
    """A releases folder holding the first release and a later copy of it (named 2023-02-01)."""
    releases = tmp_path / "releases"
    shutil.copytree(paths.RELEASES / FIRST_RELEASE, releases / FIRST_RELEASE)
    later = releases / "2023-02-01"
    shutil.copytree(paths.RELEASES / FIRST_RELEASE, later)
    dp = later / "datapackage.json"
    dp.write_text(dp.read_text(encoding="utf-8").replace(f'"{FIRST_RELEASE}"', '"2023-02-01"', 1), encoding="utf-8")
    monkeypatch.setattr(paths, "RELEASES", releases)
    monkeypatch.setenv("PERU_PROTESTS_BUILD", str(tmp_path / "build"))
    return releases


def test_build_compares_with_the_previous_release(two_releases):
    from analysis.pipeline.run import build

    out = build(two_releases / "2023-02-01")
    changes = (out / "en" / "tables" / "changes.md").read_text(encoding="utf-8")
    assert "No record changed since the previous release." in changes  # not "This is the first release."


def test_build_stops_when_the_previous_release_was_tampered_with(two_releases):
    from analysis.pipeline.run import build

    with open(two_releases / FIRST_RELEASE / "sources.csv", "ab") as handle:
        handle.write(b"\n")
    with pytest.raises(ReleaseError) as error:
        build(two_releases / "2023-02-01")
    assert [(p.file, p.rule) for p in error.value.problems] == [("sources.csv", "checksum")] * 2
    assert not (paths.build_dir("2023-02-01") / "results").exists()


@pytest.mark.parametrize(
    ("transform", "rule"),
    [
        (lambda b: b.replace(b"Quispe", "Qu\xedspe".encode("latin-1"), 1), "encoding"),
        (lambda b: b"\xef\xbb\xbf" + b, "encoding"),
        (lambda b: b.replace(b",", b";"), "delimiter"),
        (lambda b: b + b"V999,only two cells\n", "row-length"),
    ],
)
def test_release_refuses_a_malformed_staging_table_with_a_clear_problem(workspace, transform, rule):
    path = workspace["staging"] / "victims.csv"
    path.write_bytes(transform(path.read_bytes()))
    with pytest.raises(ReleaseError) as error:
        release(workspace)
    assert [(p.file, p.rule) for p in error.value.problems][:1] == [("victims.csv", rule)]
    assert not workspace["releases"].exists() or not any(workspace["releases"].iterdir())


def test_release_accepts_staging_columns_in_another_order(workspace):
    path = workspace["staging"] / "sources.csv"
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    frame[list(reversed(frame.columns))].to_csv(path, index=False, lineterminator="\n")
    target = release(workspace)
    assert load_release(target).tables["sources"].columns.tolist() == [f["name"] for f in TABLES["sources"]["fields"]]


def test_release_from_staging_in_the_earlier_format_has_the_added_fields_empty(workspace):
    """The first release's sources lack copy_url, copy_kind, read_date, original_found and notes."""
    assert "copy_url" not in (workspace["staging"] / "sources.csv").read_text().splitlines()[0]
    sources = load_release(release(workspace)).tables["sources"]
    added = list(ADDED_FIELDS["sources"])
    assert len(sources) == 199
    assert sources[added].isna().all().all()


def test_an_old_release_is_read_in_the_current_format_with_the_added_fields_empty():
    old = load_release(FIRST_RELEASE)
    descriptor_fields = [f["name"] for f in old.descriptor["resources"][0]["schema"]["fields"]]
    assert "copy_url" not in descriptor_fields
    assert old.tables["sources"].columns.tolist() == [f["name"] for f in TABLES["sources"]["fields"]]
    assert old.tables["sources"]["read_date"].isna().all()


@pytest.mark.parametrize(
    "row, rules",
    [
        ("x-1,P,,T,,,es,media,https://copy.example/1,,,no,", ["copy-kind"]),
        ("x-1,P,,T,,,es,media,,mirror,,no,", ["copy-kind", "copy-only"]),
        ("x-1,P,,T,,,es,media,https://copy.example/1,mirror,,yes,", ["copy-only"]),
        ("x-1,P,,T,,https://orig.example/1,es,media,https://copy.example/1,mirror,,no,", ["copy-only"]),
    ],
)
def test_release_refuses_inconsistent_copy_fields(workspace, row, rules):
    path = workspace["staging"] / "sources.csv"
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    for column in ADDED_FIELDS["sources"]:
        frame[column] = ""
    text = frame.to_csv(index=False, lineterminator="\n") + row + "\n"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ReleaseError) as error:
        release(workspace)
    assert [(p.file, p.row, p.rule) for p in error.value.problems] == [("sources.csv", 201, r) for r in rules]


def test_release_accepts_a_copy_only_source(workspace):
    path = workspace["staging"] / "sources.csv"
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    for column in ADDED_FIELDS["sources"]:
        frame[column] = ""
    row = "x-1,P,,T,,,es,media,https://copy.example/1,mirror,2026-12-01,no,read on a mirror"
    path.write_text(frame.to_csv(index=False, lineterminator="\n") + row + "\n", encoding="utf-8")
    sources = load_release(release(workspace)).tables["sources"].set_index("source_id")
    assert pd.isna(sources.at["x-1", "url"])
    assert sources.at["x-1", "copy_url"] == "https://copy.example/1"
    assert sources.at["x-1", "read_date"] == pd.Timestamp("2026-12-01")


def test_headline_gives_the_records_of_each_table_and_the_change():
    line = headline(load_release(FIRST_RELEASE), load_release("2026-11-26"))
    assert line.startswith("2023-01-10 -> 2026-11-26: sources 346 (+147), regions 25, ")
    assert "victims 71 (+26)" in line and "tallies 176 (+89)" in line


def test_format_diff_names_people_lists_them_first_and_prints_all_on_request():
    diff = pd.read_csv(
        io.StringIO(
            "table,record_id,change,field,old,new\n"
            "sources,s-1,added,,,\n"
            "victims,V005,changed,age,38,23\n"
            "victims,V009,added,,,\n"
            "victims,V010,added,,,\n"
        ),
        dtype=str,
        keep_default_na=False,
    )
    labels = {("victims", "V005"): "Ana Pérez", ("victims", "V009"): "unnamed", ("sources", "s-1"): "La República"}
    lines = format_diff(diff, limit=2, labels=labels).splitlines()
    assert lines[-3:] == [
        "victims V005 (Ana Pérez): age: '38' -> '23'",
        "victims V009 (unnamed): added",
        "... and 2 more changes (--all prints every change)",
    ]
    everything = format_diff(diff, limit=None, labels=labels).splitlines()
    assert everything[-2:] == ["victims V010: added", "sources s-1 (La República): added"]


def test_diff_command_prints_the_headline_and_every_change_with_all(capsys):
    from analysis.cli import main

    assert main(["diff", FIRST_RELEASE, "2026-11-26", "--all"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("2023-01-10 -> 2026-11-26: ")
    assert "victims V046 (Remo Candia Guevara): added" in out
    assert not any("more changes" in line for line in out)
    assert len([line for line in out if line.startswith(("victims ", "sources ", "tallies ", "events "))]) >= 26 + 147


def test_format_diff_shows_long_values_from_where_they_differ_unless_all():
    before, after = "x" * 150, "x" * 150 + " searched again"
    diff = pd.DataFrame(
        [
            ["victims", "V028", "changed", "notes", before, after],
            ["sources", "s-1", "changed", "title", "a" * 120, "b"],
        ],
        columns=["table", "record_id", "change", "field", "old", "new"],
    )
    lines = format_diff(diff).splitlines()
    assert lines[-2:] == [
        "victims V028: notes: added at the end: ' searched again'",
        f"sources s-1: title: ...'{'a' * 100}... (120 characters)' -> ...'b' (from character 1)",
    ]
    assert format_diff(diff, limit=None).splitlines()[-2] == f"victims V028: notes: {before!r} -> {after!r}"


def test_diff_piped_into_a_reader_that_stops_ends_quietly():
    """`python -m analysis diff A B | head` must not end in a traceback when head stops reading."""
    import subprocess
    import sys

    command = [sys.executable, "-m", "analysis", "diff", FIRST_RELEASE, "2026-11-26", "--all"]
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=paths.ROOT)
    proc.stdout.close()  # the reader is gone before the command has written anything (it is still importing)
    err = proc.stderr.read().decode()
    proc.stderr.close()
    assert proc.wait(timeout=120) == 0
    assert "Traceback" not in err and "BrokenPipe" not in err

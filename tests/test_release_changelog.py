"""A release carries its changelog (issue 22): the report's appendix reads only the release, so a later
release or an edited working changelog never changes the report of an earlier one."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import FIRST_RELEASE
from test_present_escape import INLINE_MARKUP, PAYLOADS, ast, inline_text
from test_release_bad_inputs import rehash

from analysis import paths
from analysis.present import changelog
from analysis.present.escape import changelog_markdown
from analysis.publish.new_release import make_release
from analysis.release import changelogs
from analysis.release.checksums import sha256_file
from analysis.release.load import load_release, validate_release
from analysis.release.problems import ReleaseError

EDITIONS = {"en": "CHANGELOG.md", "es": "CHANGELOG.es.md"}
HEADER = "correction_id,release,table,record_id,field,old_value,new_value,reason,source_id\n"


@pytest.mark.parametrize("name", sorted(changelogs.PUBLISHED))
def test_each_earlier_release_reads_the_changelog_published_with_it(name):
    release = load_release(name)
    pinned = changelogs.PUBLISHED[name]
    assert pinned["datapackage.json"] == release.sha256
    for lang, file in EDITIONS.items():
        path = changelogs.PUBLISHED_DIR / name / file
        assert sha256_file(path) == pinned[file]
        assert release.changelogs[lang] == path.read_text(encoding="utf-8")


@pytest.mark.parametrize("name", sorted(changelogs.PUBLISHED))
def test_the_published_changelogs_are_those_of_the_commit_that_last_made_the_release(name):
    """Recovered with `git show <commit>:data/CHANGELOG.md`: the commit after which the release's files never
    changed (its last remake before publication)."""
    commit = changelogs.PUBLISHED[name]["commit"]
    if subprocess.run(["git", "cat-file", "-e", commit], cwd=paths.ROOT, capture_output=True).returncode != 0:
        pytest.skip(f"no git history with commit {commit[:12]} here")
    changed = subprocess.run(
        ["git", "log", "--format=%H", f"{commit}..HEAD", "--", f"data/releases/{name}"],
        cwd=paths.ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    assert changed.stdout == ""
    for file in EDITIONS.values():
        then = subprocess.run(["git", "show", f"{commit}:data/{file}"], cwd=paths.ROOT, capture_output=True, check=True)
        assert then.stdout == (changelogs.PUBLISHED_DIR / name / file).read_bytes()


def test_an_edited_published_changelog_is_refused(tmp_path, monkeypatch):
    kept = tmp_path / "published-changelogs"
    shutil.copytree(changelogs.PUBLISHED_DIR, kept)
    with open(kept / FIRST_RELEASE / "CHANGELOG.es.md", "a", encoding="utf-8") as handle:
        handle.write("\n## 2023-01-09\n\nAn entry added later.\n")
    monkeypatch.setattr(changelogs, "PUBLISHED_DIR", kept)
    with pytest.raises(ReleaseError) as error:
        load_release(FIRST_RELEASE)
    assert [(p.rule, Path(p.file).name) for p in error.value.problems] == [("checksum", "CHANGELOG.es.md")]
    assert "the changelog published with release 2023-01-10 is missing or was edited" in str(error.value)


def test_the_appendix_of_an_earlier_release_shows_its_own_and_earlier_entries_only():
    """The file kept for 2023-01-10 also holds the entry of 2026-11-26, published the same day."""
    assert "## 2026-11-26" in load_release(FIRST_RELEASE).changelogs["en"]
    for lang in EDITIONS:
        text = changelog.for_report(load_release(FIRST_RELEASE), lang)
        assert "## 2023\\-01\\-10" in text and "2026\\-11\\-26" not in text


def test_an_edited_copy_of_a_release_carries_no_changelog_and_the_appendix_says_so(release_copy):
    set_by = json.loads((release_copy / "datapackage.json").read_text(encoding="utf-8"))
    set_by["description"] += " Edited."
    (release_copy / "datapackage.json").write_text(json.dumps(set_by), encoding="utf-8")
    copy = load_release(release_copy)
    assert copy.changelogs == {}
    assert changelog.for_report(copy, "es") == "Esta versión no incluye un registro de cambios.\n"


@pytest.fixture
def workspace(tmp_path: Path, monkeypatch) -> dict:
    """The project's data in a temporary folder: releases holding 2023-01-10, staging with its tables, the working
    changelogs with an entry for release 2026-01-31, no corrections; today fixed on 2026-03-01."""
    releases = tmp_path / "releases"
    shutil.copytree(paths.RELEASES / FIRST_RELEASE, releases / FIRST_RELEASE)
    staging = tmp_path / "staging"
    shutil.copytree(paths.RELEASES / FIRST_RELEASE, staging, ignore=shutil.ignore_patterns("*.json"))
    for file, words in (("CHANGELOG.md", "Sources read again."), ("CHANGELOG.es.md", "Fuentes leídas de nuevo.")):
        text = (paths.DATA / file).read_text(encoding="utf-8")
        at = text.index("## 2026-12-03")
        (tmp_path / file).write_text(f"{text[:at]}## 2026-01-31\n\n{words}\n\n{text[at:]}", encoding="utf-8")
    (tmp_path / "corrections.csv").write_text(HEADER, encoding="utf-8")
    monkeypatch.setenv("PERU_PROTESTS_TODAY", "2026-03-01")
    monkeypatch.setattr(paths, "RELEASES", releases)
    monkeypatch.setattr(paths, "CHANGELOG", tmp_path / "CHANGELOG.md")
    return {"root": tmp_path, "releases": releases, "staging": staging}


def release(ws: dict, name: str) -> Path:
    root = ws["root"]
    return make_release(name, ws["staging"], ws["releases"], root / "CHANGELOG.md", root / "corrections.csv")


def edit_working_changelogs(ws: dict, old: str, new: str) -> None:
    for file in EDITIONS.values():
        path = ws["root"] / file
        path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")


def test_a_release_carries_its_entry_then_the_earlier_entries_as_published(workspace, capsys):
    edit_working_changelogs(workspace, "## 2026-01-31", "## 2026-01-31\n\nMore.\n\n## 2026-01-20\n\nDeleted test.\n")
    edit_working_changelogs(workspace, "## 2023-01-10\n", "## 2023-01-10\n\nRewritten afterwards.\n")
    target = release(workspace, "2026-01-31")
    for lang, file in EDITIONS.items():
        carried = (target / file).read_text(encoding="utf-8")
        _, sections = changelogs.split_sections(carried)
        assert list(sections) == ["2026-01-31", "2023-01-10"]  # not the stray 2026-12-03, 2026-11-26 or 2026-01-20
        published = changelogs.split_sections(load_release(FIRST_RELEASE).changelogs[lang])[1]
        assert sections["2023-01-10"] == published["2023-01-10"]
    assert "differs from the published entries of 2023-01-10" in capsys.readouterr().err


def test_a_release_changelog_that_changed_or_lacks_its_entry_is_refused(workspace, tmp_path):
    target = release(workspace, "2026-01-31")
    copy = tmp_path / "copy"
    shutil.copytree(target, copy)
    (copy / "CHANGELOG.md").write_text("# Data changelog\n\n## 2026-01-30\n\nThe wrong entry.\n", encoding="utf-8")
    assert [p.rule for p in validate_release(copy)[1]] == ["checksum", "checksum"]  # its size and its sha256
    rehash(copy)
    problems = validate_release(copy)[1]
    assert [(p.file, p.rule) for p in problems] == [("CHANGELOG.md", "changelog")]
    assert problems[0].message == "has no '## 2026-01-31' section, the release's own entry"
    descriptor = json.loads((copy / "datapackage.json").read_text(encoding="utf-8"))
    descriptor["resources"] = [r for r in descriptor["resources"] if r["name"] != "changelog-es"]
    (copy / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    assert "resource 'changelog-es' is missing" in str(validate_release(copy)[1])


def test_rerendering_a_release_after_a_later_release_gives_the_same_bytes(workspace, tmp_path, monkeypatch):
    """Render 2026-01-31; then add release 2026-02-15 with its changelog entries, rewrite the working entry of
    2026-01-31 and leave a stray entry; render 2026-01-31 again from scratch: same PDFs and HTML pages."""
    from analysis.render.engines import render

    release(workspace, "2026-01-31")
    monkeypatch.setenv("PERU_PROTESTS_BUILD", str(tmp_path / "first"))
    render("2026-01-31", engine="offline")
    first = tmp_path / "first" / "2026-01-31"
    appendix = (first / "results" / "es" / "changelog.md").read_text(encoding="utf-8")
    assert "Fuentes leídas de nuevo\\." in appendix and "## 2023\\-01\\-10" in appendix

    edit_working_changelogs(
        workspace, "## 2026-01-31", "## 2026-02-15\n\nLater.\n\n## 2026-02-01\n\nStray.\n\n## 2026-01-31"
    )
    edit_working_changelogs(workspace, "Sources read again.", "Rewritten.")
    edit_working_changelogs(workspace, "Fuentes leídas de nuevo.", "Reescrito.")
    release(workspace, "2026-02-15")
    assert paths.release_names(paths.RELEASES) == [FIRST_RELEASE, "2026-01-31", "2026-02-15"]
    monkeypatch.setenv("PERU_PROTESTS_BUILD", str(tmp_path / "again"))
    render("2026-01-31", engine="offline", force=True)
    again = tmp_path / "again" / "2026-01-31"
    for name in ("report.pdf", "report-es.pdf", "report.html", "report-es.html"):
        assert (first / name).read_bytes() == (again / name).read_bytes(), name


def test_a_hostile_changelog_is_shown_as_text():
    """Each payload as a heading, a list item and a paragraph: no raw HTML or Typst, link, citation, math, span,
    div or code block; the characters read back."""
    lines = ["# Data changelog", ""]
    for payload in PAYLOADS:
        lines += [f"## {payload}", "", f"- {payload}", "", payload, ""]
    document = ast(changelog_markdown("\n".join(lines)))
    texts = []

    def read(blocks: list) -> None:
        for block in blocks:
            assert block["t"] in {"Header", "Para", "Plain", "BulletList"}, block["t"]
            if block["t"] == "BulletList":
                for item in block["c"]:
                    read(item)
                continue
            text, other = inline_text(block["c"][2] if block["t"] == "Header" else block["c"])
            assert not other & (INLINE_MARKUP - {"Code", "Emph"}), (text, other)  # a changelog keeps code, emphasis
            texts.append(text)

    read(document["blocks"])
    for payload in PAYLOADS:
        if not (set(payload) & set("`*") or payload[:2] in ("# ", "- ", "+ ", "* ")):
            assert texts.count(" ".join(payload.split())) == 3, payload


def test_the_changelogs_headings_lists_code_and_emphasis_are_kept():
    text = load_release("2026-12-03").changelogs["en"]
    document = ast(changelog_markdown(text))
    kinds = [block["t"] for block in document["blocks"]]
    assert kinds.count("Header") == 4 and "BulletList" in kinds
    found = set()

    def walk(node):
        if isinstance(node, dict):
            found.add(node.get("t"))
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(document["blocks"])
    assert {"Code", "Emph"} <= found and not found & {"Link", "RawInline", "RawBlock", "Math", "Cite", "Strong"}

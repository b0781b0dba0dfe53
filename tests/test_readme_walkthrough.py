"""The README's walk-throughs, followed as written in a copy of the repository (issue 22).

Each test copies the repository's files (not _build/ or .venv/; the copy uses this checkout's .venv, whose
installation `make` sees as up to date), then runs the README's commands with bash in the copy. "Publishing a
new release": edit staging, review the change in corrections.csv, write both changelog entries, then the
commands block as written, with today fixed (a `date` on the PATH that prints the day PERU_PROTESTS_TODAY
gives), and read what the new report says changed. "Rendering with Quarto": `make quarto-setup`, `quarto
render report/`, then with PERU_PROTESTS_RELEASE, both editions' PDFs read back.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pandas as pd
import pytest
from conftest import FIRST_RELEASE
from pypdf import PdfReader

from analysis import paths

TODAY = "2029-12-31"  # later than any release this repository will hold for a while, and fixed
SOURCE = "servindi-2022-12-26-28-muertos-defensoria"


def pdf_text(path: Path) -> str:
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in PdfReader(path).pages).replace("\u00ad", ""))


def readme_block(heading: str) -> str:
    """The first ```sh block of the README after `heading`."""
    text = (paths.ROOT / "README.md").read_text(encoding="utf-8")
    section = text[text.index(heading) :]
    return re.search(r"```sh\n(.*?)```", section, re.S).group(1)


def repository_copy(target: Path) -> Path:
    """The repository's files (tracked and not ignored) copied to `target`, using this checkout's .venv."""
    venv = paths.ROOT / ".venv"
    if not (venv / "bin" / ".installed").is_file():
        pytest.skip("no .venv made by `make` in this checkout to lend to the copy")
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=paths.ROOT,
        capture_output=True,
    )
    if listed.returncode != 0:
        pytest.skip("not a git checkout: cannot tell the repository's files from generated ones")
    for name in filter(None, listed.stdout.decode().split("\0")):
        source = paths.ROOT / name
        if source.is_file() and not name.startswith(("_build/", ".venv/")):
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    (target / ".venv").symlink_to(venv)
    installed = (venv / "bin" / ".installed").stat().st_mtime
    for name in ("pyproject.toml", "constraints.txt"):  # make: the lent .venv is up to date, nothing to reinstall
        os.utime(target / name, (installed - 60, installed - 60))
    return target


def run(command: str, cwd: Path, env: dict, timeout: int = 600) -> subprocess.CompletedProcess:
    done = subprocess.run(
        ["bash", "-e", "-c", command], cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout
    )
    assert done.returncode == 0, f"{command}\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
    return done


def environment(tmp_path: Path, quarto: bool) -> dict:
    """This environment with today fixed, no build folder set, and Quarto on the PATH or not."""
    shims = tmp_path / "bin"
    shims.mkdir()
    (shims / "date").write_text('#!/bin/sh\n[ "$1" = "+%F" ] && echo "$PERU_PROTESTS_TODAY" || exec /bin/date "$@"\n')
    (shims / "date").chmod(0o755)
    path = [p for p in os.environ["PATH"].split(os.pathsep) if quarto or not (Path(p) / "quarto").exists()]
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PERU_PROTESTS_", "PYTEST"))}
    return env | {"PATH": os.pathsep.join([str(shims), *path]), "PERU_PROTESTS_TODAY": TODAY}


def test_the_readme_update_walkthrough_publishes_a_reviewed_change(tmp_path):
    repo = repository_copy(tmp_path / "repo")
    data = repo / "data"
    latest = paths.release_names(data / "releases")[-1]
    for table in (data / "staging").glob("*.csv"):  # staging as the latest release holds it, and nothing else
        table.unlink()
    for table in (data / "releases" / latest).glob("*.csv"):
        shutil.copy2(table, data / "staging" / table.name)

    # 2. Edit a table in data/staging/: the age of V005.
    victims = pd.read_csv(data / "staging" / "victims.csv", dtype=str, keep_default_na=False)
    at = victims.index[victims["victim_id"] == "V005"][0]
    old = victims.at[at, "age"]
    victims.at[at, "age"] = str(int(old) + 1)
    victims.to_csv(data / "staging" / "victims.csv", index=False, lineterminator="\n")
    # 3. Its row in data/corrections.csv.
    with open(data / "corrections.csv", "a", encoding="utf-8") as handle:
        handle.write(f"K900,{TODAY},victims,V005,age,{old},{int(old) + 1},the civil registry gives it,{SOURCE}\n")
    # 4. The entry at the top of both changelogs.
    for file, entry in (("CHANGELOG.md", "One age corrected."), ("CHANGELOG.es.md", "Una edad corregida.")):
        text = (data / file).read_text(encoding="utf-8")
        first = text.index("\n## ") + 1
        (data / file).write_text(f"{text[:first]}## {TODAY}\n\n{entry}\n\n{text[first:]}", encoding="utf-8")

    # 5. The README's commands, as written.
    block = readme_block("## Publishing a new release")
    assert "validate data/staging" in block and 'release "$NAME"' in block and "make report" in block
    done = run(block, repo, environment(tmp_path, quarto=False))
    assert f"OK: data/staging can be released as {TODAY}; every change since release {latest}" in done.stdout
    assert f"released {repo / 'data' / 'releases' / TODAY}\n" in done.stdout  # the copy's code and data
    assert f"victims V005 (Miguel Arcana): age: '{old}' -> '{int(old) + 1}'" in done.stdout

    out = repo / "_build" / TODAY
    text = pdf_text(out / "report.pdf")
    assert (
        f"What changed since release {latest}. This release adds 0 people, removes 0 people and corrects the "
        + ("records of 1 person.")
        in text
    )
    assert "One age corrected." in text and "cut-off date, which names it, is 31 December 2029" in text
    changes = (out / "results" / "en" / "tables" / "changes.md").read_text(encoding="utf-8")
    assert re.search(r"\| `victims` +\| +0 \| +0 \| +1 \|", changes), changes
    assert "Una edad corregida." in pdf_text(out / "report-es.pdf")
    assert (repo / "data" / "releases" / TODAY / "CHANGELOG.es.md").is_file()


def same_files(site: Path, report: Path) -> None:
    """What `render` put beside the sources in `site` is what the pre-render step put beside them in `report`."""
    for folder in ("results", "fonts", "page"):
        ours = {p.relative_to(site): p.read_bytes() for p in (site / folder).rglob("*") if p.is_file()}
        theirs = {p.relative_to(report): p.read_bytes() for p in (report / folder).rglob("*") if p.is_file()}
        assert sorted(ours) == sorted(theirs), folder
        assert [name for name in ours if ours[name] != theirs[name]] == [], folder


def test_quarto_setup_puts_beside_the_sources_what_render_puts_there(tmp_path, out):
    """Without Quarto too: `make quarto-setup` (report/prerender.py) furnishes report/ as `render` furnishes its copy
    (the results with the report's notices, the figures' fonts, the page's fragments), and the downloads."""
    repo = repository_copy(tmp_path / "repo")
    run(f"make quarto-setup RELEASE={FIRST_RELEASE}", repo, environment(tmp_path, quarto=False))
    same_files(out / "site", repo / "report")
    assert (repo / "report" / "results" / "en" / "publication.yml").is_file()
    assert (repo / "report" / "SHA256SUMS").read_text() == (out / "SHA256SUMS").read_text()


@pytest.mark.skipif(
    shutil.which("quarto") is None, reason="no `quarto` on the PATH: the README's Quarto walk-through needs it"
)
def test_the_readme_quarto_walkthrough_renders_both_editions_in_a_clean_copy(tmp_path, out):
    """What `python -m analysis render` puts beside the sources (`out/site`), the pre-render step puts in report/."""
    repo = repository_copy(tmp_path / "repo")
    latest = paths.release_names(repo / "data" / "releases")[-1]
    lines = [line.split("#")[0].strip() for line in readme_block("## Rendering with Quarto").splitlines()]
    assert lines == [
        "make quarto-setup",
        "quarto render report/",
        "PERU_PROTESTS_RELEASE=2023-01-10 quarto render report/",
    ]
    env = environment(tmp_path, quarto=True)
    for line, release in zip(lines, (None, latest, FIRST_RELEASE)):
        run(line, repo, env, timeout=900)
        if release is None:
            assert (repo / "report" / "results" / "values.json").is_file()
            continue
        for stem in ("report", "report-es"):
            text = pdf_text(repo / "report" / f"{stem}.pdf")
            assert release in text, (stem, release)
            assert (repo / "report" / f"{stem}.html").is_file()
    same_files(out / "site", repo / "report")

"""The README's walk-throughs, followed as written in a copy of the repository (issue 22).

Each test copies the repository's files (not _build/ or .venv/; the copy uses this checkout's .venv, whose
installation `make` sees as up to date), then runs the README's commands with bash in the copy. "Publishing a
new release": edit staging, review the change in corrections.csv, write both changelog entries, then the
commands block as written, with today fixed (a `date` on the PATH that prints the day PERU_PROTESTS_TODAY
gives), and read what the new report says changed. "Rendering with Quarto": `make quarto-setup`, `quarto
render report/`, then with PERU_PROTESTS_RELEASE, both editions' PDFs read back (started with the session, beside
the other tests: walkthrough.QuartoWalkthrough).
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pandas as pd
import pytest
from conftest import FIRST_RELEASE
from walkthrough import TODAY, QuartoWalkthrough, environment, pdf_text, readme_block, repository_copy, run

from analysis import paths

SOURCE = "servindi-2022-12-26-28-muertos-defensoria"


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


def test_the_readme_quarto_walkthrough_renders_both_editions_in_a_clean_copy(out, readme_quarto_walkthrough):
    """What `python -m analysis render` puts beside the sources (`out/site`), the pre-render step puts in report/.

    The walk-through started with the session (conftest.readme_quarto_walkthrough); this waits for it."""
    walk = readme_quarto_walkthrough
    if not isinstance(walk, QuartoWalkthrough):
        pytest.skip(walk)
    assert walk.lines == [
        "make quarto-setup",
        "quarto render report/",
        "PERU_PROTESTS_RELEASE=2023-01-10 quarto render report/",
    ]
    walk.job.wait(timeout=1800)
    assert (walk.repo / "report" / "results" / "values.json").is_file()
    latest = paths.release_names(walk.repo / "data" / "releases")[-1]
    for number, release in ((1, latest), (2, FIRST_RELEASE)):
        for stem in ("report", "report-es"):
            text = pdf_text(walk.step(number) / f"{stem}.pdf")
            assert release in text, (stem, release)
            assert (walk.step(number) / f"{stem}.html").is_file()
    same_files(out / "site", walk.repo / "report")

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
from pathlib import Path

import pytest
from conftest import FIRST_RELEASE
from walkthrough import TODAY, QuartoWalkthrough, UpdateWalkthrough, environment, pdf_text, repository_copy, run

from analysis import paths


def test_the_readme_update_walkthrough_publishes_a_reviewed_change(readme_update_walkthrough):
    """Steps 2 to 5 of "Publishing a new release", started with the session (walkthrough.UpdateWalkthrough)."""
    walk = readme_update_walkthrough
    if not isinstance(walk, UpdateWalkthrough):
        pytest.skip(walk)
    repo, latest, old = walk.repo, walk.latest, walk.old
    assert "validate data/staging" in walk.block and 'release "$NAME"' in walk.block and "make report" in walk.block
    walk.job.wait(timeout=1200)
    stdout = walk.stdout()
    assert f"OK: data/staging can be released as {TODAY}; every change since release {latest}" in stdout
    assert f"released {repo / 'data' / 'releases' / TODAY}\n" in stdout  # the copy's code and data
    assert f"victims V005 (Miguel Arcana): age: '{old}' -> '{old + 1}'" in stdout

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

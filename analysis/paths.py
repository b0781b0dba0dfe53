"""Every path the package uses, derived from the repository root in one place."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
RELEASES = DATA / "releases"
STAGING = DATA / "staging"
CHANGELOG = DATA / "CHANGELOG.md"
CORRECTIONS = DATA / "corrections.csv"


def changelog(lang: str = "en") -> Path:
    """The data changelog (English is the reference; CHANGELOG.es.md is its Spanish edition)."""
    return CHANGELOG if lang == "en" else DATA / f"CHANGELOG.{lang}.md"


REPORT = ROOT / "report"
EDITIONS = {"report.qmd": "report", "report-es.qmd": "report-es"}  # Quarto source -> output stem
# The report's figures (results/<lang>/figures/<name>.svg), the slowest to draw first: a build
# hands them to its worker processes one by one in this order.
FIGURES = ("cumulative", "discrepancies", "daily", "ages", "map", "funnel")


def build_root() -> Path:
    """The git-ignored folder that receives build outputs (override: PERU_PROTESTS_BUILD)."""
    return Path(os.environ.get("PERU_PROTESTS_BUILD", ROOT / "_build"))


def release_names(releases: Path = RELEASES) -> list[str]:
    """Names of the releases in `releases`, oldest first (names are ISO dates, so sortable)."""
    if not releases.is_dir():
        return []
    return sorted(p.name for p in releases.iterdir() if (p / "datapackage.json").is_file())


def resolve_release(name_or_path: str | os.PathLike | None) -> Path:
    """The folder of a release given by name (in data/releases), by path, or the latest if None."""
    if name_or_path is None:
        names = release_names()
        if not names:
            raise FileNotFoundError(f"no releases in {RELEASES}")
        return RELEASES / names[-1]
    candidate = Path(name_or_path)
    if candidate.is_dir():
        return candidate.resolve()
    by_name = RELEASES / str(name_or_path)
    if by_name.is_dir():
        return by_name
    known = ", ".join(release_names()) or "none"
    raise FileNotFoundError(f"release {name_or_path!r} is neither a folder nor a release name (known: {known})")


def build_dir(release_name: str) -> Path:
    """Where `build` writes the results of one release."""
    return build_root() / release_name

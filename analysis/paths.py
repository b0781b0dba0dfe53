"""Every path the package uses, derived from the repository root in one place."""

from __future__ import annotations

import importlib.util
import os
from fnmatch import fnmatch
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
RELEASES = DATA / "releases"
STAGING = DATA / "staging"
CHANGELOG = DATA / "CHANGELOG.md"  # the working changelog (its Spanish edition: CHANGELOG.es.md beside it)
CORRECTIONS = DATA / "corrections.csv"
# Reference data beside the releases (data/reference/README.md): department boundaries and place coordinates.
REFERENCE = DATA / "reference"
BOUNDARIES = REFERENCE / "boundaries" / "peru-departments.geojson"
PLACES = REFERENCE / "places.csv"


REPORT = ROOT / "report"
EDITIONS = {"report.qmd": "report", "report-es.qmd": "report-es"}  # Quarto source -> output stem
# The case files (one section per person), an edition per language like the report's, rendered beside it
CASEFILES = {"casefiles.qmd": "casefiles", "casefiles-es.qmd": "casefiles-es"}
DOCUMENTS = EDITIONS | CASEFILES  # every document the render makes, each to PDF and HTML
# What `quarto render report/` leaves in report/ (its outputs, Quarto's folder, and what report/prerender.py
# puts there: the results, the figures' fonts, the HTML page's fragments, the downloads next to the page):
# not report sources, so neither staged nor part of the cache keys.
# The outputs by name: report/partials/ holds an HTML source (Quarto's title-block.html partial).
REPORT_GENERATED = ("_output", "*.pdf", *(f"{stem}.html" for stem in DOCUMENTS.values()), ".quarto", "results")
REPORT_GENERATED += ("fonts", "page", "data", "SHA256SUMS", "attachments", "attachments.yml", "__pycache__")


# The fonts of the figures' text (style.RC), which the PDF embeds: the files matplotlib ships, so that Typst
# sets the text with the very font matplotlib measured it with. Staged as site/fonts (Typst's font path).
FIGURE_FONTS = ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSans-Oblique.ttf", "DejaVuSans-BoldOblique.ttf")


def figure_fonts() -> list[Path]:
    """matplotlib's DejaVu Sans files (found without importing matplotlib)."""
    spec = importlib.util.find_spec("matplotlib")
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError("matplotlib is not installed: its DejaVu Sans fonts are needed to render the figures")
    folder = Path(spec.submodule_search_locations[0]) / "mpl-data" / "fonts" / "ttf"
    return [folder / name for name in FIGURE_FONTS]


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


def report_sources() -> list[Path]:
    """The files of the report sources in report/, without what rendering leaves there (REPORT_GENERATED)."""
    return [
        p
        for p in REPORT.rglob("*")
        if p.is_file()
        and not any(fnmatch(part, pattern) for part in p.relative_to(REPORT).parts for pattern in REPORT_GENERATED)
    ]

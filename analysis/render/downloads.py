"""The files a reader can download from the HTML page, published next to it with their SHA-256 checksums.

Next to `report.html` in `_build/<release>/`: `data/` holds the release exactly as published (its CSV
tables and `datapackage.json`), `results/` the values and tables computed from it (the tables described by
their own `datapackage.json`), and `SHA256SUMS` the checksums of both, for `sha256sum -c SHA256SUMS`.
"""

from __future__ import annotations

import json
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from ..release.checksums import sha256_file

SUMS = "SHA256SUMS"


@dataclass(frozen=True)
class Download:
    """One file offered on the page: its path relative to the page, size, checksum and contents."""

    path: str
    bytes: int
    sha256: str
    title: str = ""
    title_es: str = ""  # from release 2026-12-06, the descriptor's Spanish titles

    def title_in(self, lang: str) -> str:
        """The file's title in the edition's language where the descriptor gives it, else its title."""
        return (self.title_es if lang == "es" else "") or self.title


def describe(out: Path, path: Path, title: str = "", title_es: str = "") -> Download:
    """A published file: its address relative to the output folder, size, SHA-256 and titles."""
    return Download(path.relative_to(out).as_posix(), path.stat().st_size, sha256_file(path), title, title_es)


def publish_release(release: Path, out: Path) -> list[Download]:
    """Copy the release's `datapackage.json` and the files of its resources into `out/data/`.

    The copy is made in a temporary folder that then replaces `data/`, so the folder never holds a
    mix of two releases. Only the files the data package lists are copied.
    """
    package = json.loads((release / "datapackage.json").read_text(encoding="utf-8"))
    titles = {"datapackage.json": (package.get("title", ""), package.get("title_es", ""))}
    titles |= {r["path"]: (r.get("title", ""), r.get("title_es", "")) for r in package["resources"]}
    target, tmp = out / "data", out / ".data.partial"
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    for name in titles:
        source = (release / name).resolve()
        if not source.is_relative_to(release.resolve()) or not source.is_file():
            raise FileNotFoundError(f"{release / 'datapackage.json'}: resource file {name} not found in the release")
        (tmp / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, tmp / name)
    shutil.rmtree(target, ignore_errors=True)
    os.replace(tmp, target)
    return [describe(out, target / name, *pair) for name, pair in titles.items()]


def result_files(out: Path) -> list[Download]:
    """The build's machine-readable results: the data package describing the tidy tables (titled as it titles
    itself), named values, model summaries and the tidy tables."""
    results = out / "results"
    package = results / "datapackage.json"
    title = json.loads(package.read_text(encoding="utf-8")).get("title", "") if package.is_file() else ""
    files = [results / "values.json", results / "models.json", *sorted((results / "tables").glob("*.csv"))]
    listed = [describe(out, package, title)] if package.is_file() else []
    return listed + [describe(out, path) for path in files if path.is_file()]


def publish(release: Path, out: Path) -> dict[str, list[Download]]:
    """Publish the release next to the page and list every download, grouped; write `SHA256SUMS`."""
    groups = {"data": publish_release(release, out), "results": result_files(out)}
    lines = [f"{d.sha256}  {d.path}\n" for group in groups.values() for d in group]
    (out / SUMS).write_text("".join(lines), encoding="utf-8")
    return groups

"""The release inside its PDF: the files attached to each edition, so that a copy of the PDF can be checked.

Each PDF (PDF/A-3b and PDF/UA-1, both engines) carries its release as attachments: the release's
`datapackage.json` (which gives every table's SHA-256), every table, the changelog in both languages (the
release's own files, or for a release made before releases carried one, the changelog published with it,
`release.changelogs.published`) and a `SHA256SUMS` of all of them. The title page prints the SHA-256 of
`datapackage.json`, so a reader holding only the PDF can check the data against the page they cite
(`python -m analysis verify`, verify.py).

`stage` copies the files beside the report's sources (`attachments/`) and writes `attachments.yml`, which
the Typst template reads to attach them (`pdf.attach`), each with a description and its relationship to
the document: `data` for the tables, the descriptor and the checksums, `source` for the changelog, which
says where the data came from and how they changed.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import asdict, dataclass
from pathlib import Path

import yaml

from ..release import changelogs
from ..release.checksums import sha256_file

FOLDER = "attachments"  # beside the report's sources, where the Typst template finds them
LIST = "attachments.yml"
SUMS = "SHA256SUMS"
MIME = {".csv": "text/csv", ".json": "application/json", ".md": "text/markdown"}


@dataclass(frozen=True)
class Attachment:
    """One file attached to the PDF: its path relative to the sources, what it is, and how it relates."""

    path: str
    name: str
    description: str
    relationship: str
    mime: str


def release_files(release: Path) -> dict[str, tuple[Path, str, str]]:
    """The release's files to attach: attached name -> (file, description, relationship)."""
    package = json.loads((release / "datapackage.json").read_text(encoding="utf-8"))
    name = str(package["version"])
    files = {
        "datapackage.json": (
            release / "datapackage.json",
            f"Data package descriptor of data release {name}: the tables, their schemas and SHA-256 checksums",
            "data",
        )
    }
    for resource in package["resources"]:
        path = release / resource["path"]
        if resource["name"] in changelogs.RESOURCE_NAMES:
            files[resource["path"]] = (path, f"{resource.get('title', 'Changelog')} of data release {name}", "source")
        else:
            files[resource["path"]] = (path, f"{resource.get('title', resource['name'])} (data release {name})", "data")
    if not any(r["name"] in changelogs.RESOURCE_NAMES for r in package["resources"]):
        # a release made before releases carried their changelog: the one published with it, if kept
        if changelogs.published(name, sha256_file(release / "datapackage.json")) is not None:
            for _, file, title in changelogs.FILES.values():
                path = changelogs.PUBLISHED_DIR / name / file
                files[file] = (path, f"{title} as published with data release {name}", "source")
    return files


def stage(release: Path, site: Path) -> list[Attachment]:
    """Copy the release's files into `site/attachments/`, write their `SHA256SUMS`, and list them all in
    `site/attachments.yml` for the Typst template; return the list."""
    folder = site / FOLDER
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    attached = []
    sums = []
    for name, (path, description, relationship) in release_files(release).items():
        shutil.copyfile(path, folder / name)
        sums.append(f"{sha256_file(folder / name)}  {name}\n")
        attached.append(Attachment(f"{FOLDER}/{name}", name, description, relationship, mime(name)))
    (folder / SUMS).write_text("".join(sums), encoding="utf-8")
    package = json.loads((release / "datapackage.json").read_text(encoding="utf-8"))
    attached.append(
        Attachment(
            f"{FOLDER}/{SUMS}",
            SUMS,
            f"SHA-256 checksums of the files of data release {package['version']} attached to this document",
            "data",
            "text/plain",
        )
    )
    (site / LIST).write_text(
        yaml.safe_dump([asdict(a) for a in attached], allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
    return attached


def mime(name: str) -> str:
    """The media type of an attached file, by its suffix."""
    return MIME.get(Path(name).suffix, "application/octet-stream")

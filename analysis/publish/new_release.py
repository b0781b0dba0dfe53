"""Make a new immutable release from a staging folder: corrections, checksums, validation."""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
import shutil
import sys
from pathlib import Path

import pandas as pd

from .. import paths
from ..release.checksums import sha256_file
from ..release.csv_reader import read_csv_strict
from ..release.load import validate_release
from ..release.problems import Problem, ReleaseError
from ..release.schema import ADDED_FIELDS, TABLES, TITLES
from .corrections import apply_corrections, read_corrections

NAME = re.compile(r"^\d{4}-\d{2}-\d{2}(-[a-z0-9]+)?$")
LICENSE = {
    "name": "CC-BY-4.0",
    "title": "Creative Commons Attribution 4.0",
    "path": "https://creativecommons.org/licenses/by/4.0/",
}


def changelog_has(changelog: Path, name: str) -> bool:
    """True if the changelog has a `## <name>` section."""
    if not changelog.is_file():
        return False
    return any(line.strip().startswith(f"## {name}") for line in changelog.read_text(encoding="utf-8").splitlines())


def read_staging(staging: Path) -> dict[str, pd.DataFrame]:
    """The staging tables as strings (empty cells as empty strings), columns in schema order.

    Read as strictly as a release (UTF-8 without BOM, commas, every column, no ragged rows), so
    that a bad staging table stops the release with the file, row, column and rule. Fields added to
    the format after the staging table was made (schema.ADDED_FIELDS) may be absent: they start empty.
    """
    problems, tables = [], {}
    for name, schema in TABLES.items():
        path = staging / f"{name}.csv"
        if not path.is_file():
            problems.append(Problem(path.name, None, None, "tables", f"staging folder {staging} has no {name}.csv"))
            continue
        header = path.read_bytes().split(b"\n", 1)[0].decode("utf-8", errors="replace")
        absent = [f for f in ADDED_FIELDS.get(name, {}) if f not in next(csv.reader([header]), [])]
        columns = [f["name"] for f in schema["fields"] if f["name"] not in absent]
        frame, read_problems = read_csv_strict(path, path.name, columns, missing=[], any_order=True)
        problems += read_problems
        if frame is not None:
            for column in absent:  # a staging table in an earlier format: the newer fields start empty
                frame[column] = ""
            tables[name] = frame[[f["name"] for f in schema["fields"]]]
    if problems:
        raise ReleaseError(problems)
    return tables


def descriptor_for(name: str, created: str, files: dict[str, Path]) -> dict:
    """The Frictionless data package descriptor of a release, with sha256 and byte counts."""
    resources = []
    for table, path in files.items():
        resources.append(
            {
                "name": table,
                "title": TITLES[table],
                "path": path.name,
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "bytes": path.stat().st_size,
                "hash": f"sha256:{sha256_file(path)}",
                "schema": TABLES[table],
            }
        )
    return {
        "name": "peru-protest-deaths",
        "title": "Deaths in Peru's protests, December 2022 onwards",
        "description": "People who died, lethal events, reported death tolls, sources and regional reference data.",
        "version": name,
        "created": f"{created}T00:00:00Z",
        "licenses": [LICENSE],
        "resources": resources,
    }


def make_release(
    name: str,
    staging: Path,
    releases_dir: Path = paths.RELEASES,
    changelog: Path = paths.CHANGELOG,
    corrections: Path | None = paths.CORRECTIONS,
    created: str | None = None,
) -> Path:
    """Validate `staging`, apply the corrections for `name`, and write `releases_dir/name` atomically."""
    if not NAME.match(name):
        raise ReleaseError(
            [Problem(name, None, None, "release-name", "must be an ISO date YYYY-MM-DD (optionally -suffix)")]
        )
    target = releases_dir / name
    if target.exists():
        raise ReleaseError(
            [Problem(str(target), None, None, "immutable", "release exists already; releases are never overwritten")]
        )
    if not changelog_has(changelog, name):
        if releases_dir.resolve() == paths.RELEASES.resolve():
            raise ReleaseError(
                [Problem(str(changelog), None, None, "changelog", f"add a '## {name}' section describing the release")]
            )
        print(f"warning: {changelog} has no '## {name}' section (required for the project's releases)", file=sys.stderr)
    tables = read_staging(staging)
    if corrections is not None and corrections.is_file():
        tables = apply_corrections(tables, read_corrections(corrections), name)
    created = created or dt.date.today().isoformat()
    releases_dir.mkdir(parents=True, exist_ok=True)
    tmp = releases_dir / f".{name}.partial"
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir()
    try:
        files = {}
        for table, frame in tables.items():
            files[table] = tmp / f"{table}.csv"
            frame.to_csv(files[table], index=False, lineterminator="\n", encoding="utf-8")
        descriptor = descriptor_for(name, created, files)
        (tmp / "datapackage.json").write_text(
            json.dumps(descriptor, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
        )
        loaded, problems = validate_release(tmp)
        if problems:
            raise ReleaseError(problems)
        tmp.rename(target)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return target

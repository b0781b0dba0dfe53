"""Load a data release and validate it: descriptor, files, checksums, schemas, keys, rules.

Every problem is reported as a `Problem` naming the file, the row (CSV line, header =
row 1), the column and the rule broken. `load_release` raises `ReleaseError` carrying
all problems found; it never returns a partially valid release.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
from frictionless import Package

from .. import paths
from . import rules, text_rules
from .checksums import sha256_file
from .csv_reader import read_csv_strict
from .junk import reject_junk
from .problems import Problem, ReleaseError
from .schema import ADDED_FIELDS, CATEGORIES, TABLES
from .table_checks import check_foreign_keys, check_primary_keys, validate_table

MAX_FILE_BYTES = 1 << 30  # 1 GiB: larger files are refused before reading.
PROGRESS_BYTES = 20_000_000  # report progress on files larger than this


@dataclass
class Release:
    """A validated release: its name, folder, descriptor, checksum and typed tables."""

    name: str
    path: Path
    descriptor: dict
    sha256: str
    tables: dict[str, pd.DataFrame] = field(default_factory=dict)

    def __getitem__(self, table: str) -> pd.DataFrame:
        return self.tables[table]

    @property
    def created(self) -> pd.Timestamp:
        """The release's creation date, from its descriptor."""
        return pd.Timestamp(self.descriptor["created"][:10])


def read_descriptor(folder: Path) -> tuple[dict | None, list[Problem]]:
    """Parse and check `datapackage.json`: JSON syntax, Data Package metadata, required tables."""
    dp = folder / "datapackage.json"
    if not folder.is_dir():
        return None, [Problem(str(folder), None, None, "release-folder", "is not a folder")]
    if not dp.is_file():
        return None, [Problem(dp.name, None, None, "descriptor", "missing: a release needs a datapackage.json")]
    try:
        descriptor = json.loads(dp.read_text(encoding="utf-8"))
    except UnicodeDecodeError as exc:
        return None, [Problem(dp.name, None, None, "descriptor-encoding", f"not UTF-8 ({exc.reason})")]
    except json.JSONDecodeError as exc:
        return None, [
            Problem(dp.name, exc.lineno, None, "descriptor-json", f"not valid JSON: {exc.msg} (column {exc.colno})")
        ]
    if not isinstance(descriptor, dict):
        return None, [Problem(dp.name, None, None, "descriptor", "must be a JSON object")]
    problems = [
        Problem(dp.name, None, None, "data-package", err.message) for err in Package.metadata_validate(descriptor)
    ]
    for key in ("name", "version", "created", "resources"):
        if key not in descriptor:
            problems.append(Problem(dp.name, None, None, "data-package", f"missing property {key!r}"))
    if problems:
        return None, problems
    names = [r.get("name") for r in descriptor["resources"]]
    for table in TABLES:
        if table not in names:
            problems.append(Problem(dp.name, None, None, "tables", f"resource {table!r} is missing"))
    return descriptor, problems


def check_file(folder: Path, resource: dict) -> tuple[Path | None, list[Problem]]:
    """Resolve a resource's path inside the release folder and check size and checksum."""
    rel = resource.get("path")
    label = str(rel)
    if not isinstance(rel, str) or not rel:
        return None, [
            Problem(
                "datapackage.json", None, None, "resource-path", f"resource {resource.get('name')!r} has no single path"
            )
        ]
    target = (folder / rel).resolve()
    if Path(rel).is_absolute() or not target.is_relative_to(folder.resolve()):
        return None, [Problem(label, None, None, "path-escape", "path points outside the release folder")]
    if not target.is_file():
        return None, [Problem(label, None, None, "file-missing", "file listed in datapackage.json does not exist")]
    size = target.stat().st_size
    if size > MAX_FILE_BYTES:
        return None, [
            Problem(label, None, None, "file-too-large", f"{size:,} bytes exceeds the limit of {MAX_FILE_BYTES:,}")
        ]
    problems = []
    if "bytes" in resource and resource["bytes"] != size:
        problems.append(
            Problem(label, None, None, "checksum", f"size is {size} bytes, datapackage.json says {resource['bytes']}")
        )
    expected = str(resource.get("hash", ""))
    if not expected:
        problems.append(Problem(label, None, None, "checksum", "datapackage.json gives no hash for this file"))
    else:
        algo, _, value = expected.rpartition(":")
        if algo not in ("", "sha256"):
            problems.append(Problem(label, None, None, "checksum", f"hash algorithm {algo!r} is not sha256"))
        elif sha256_file(target) != value:
            problems.append(
                Problem(
                    label,
                    None,
                    None,
                    "checksum",
                    "sha256 differs from datapackage.json: the file changed after release. Published releases are "
                    "never edited; to work with an edited copy, make it a release of its own: python -m analysis "
                    "release NAME --from COPY_FOLDER --releases-dir SOME_FOLDER",
                )
            )
    return target, problems


def schema_problem(resource: dict) -> Problem | None:
    """The problem with a resource's Table Schema, if it has none inline or lacks a field the analysis needs."""
    table_schema = resource.get("schema")
    if not isinstance(table_schema, dict) or "fields" not in table_schema:
        return Problem(resource["path"], None, None, "schema", "resource has no inline Table Schema")
    expected = TABLES.get(resource["name"])
    if expected:
        have = {f["name"] for f in table_schema["fields"]} | set(ADDED_FIELDS.get(resource["name"], {}))
        lacking = [f["name"] for f in expected["fields"] if f["name"] not in have]
        if lacking:
            return Problem(
                resource["path"],
                None,
                lacking[0],
                "schema",
                "the release schema lacks field(s) the analysis needs: " + ", ".join(lacking),
            )
    return None


def validate_release(release: str | Path | None) -> tuple[Release | None, list[Problem]]:
    """Run every check on a release folder; return the typed release (if valid) and all problems."""
    try:
        folder = paths.resolve_release(release)
    except FileNotFoundError as exc:
        return None, [Problem(str(release), None, None, "release-folder", str(exc))]
    descriptor, problems = read_descriptor(folder)
    if descriptor is None:
        return None, problems
    tables: dict[str, pd.DataFrame] = {}
    files: dict[str, str] = {}
    for resource in descriptor["resources"]:
        name = resource["name"]
        target, file_problems = check_file(folder, resource)
        problems += file_problems
        if target is None:
            continue
        files[name] = resource["path"]
        if (problem := schema_problem(resource)) is not None:
            problems.append(problem)
            continue
        table_schema = resource["schema"]
        if target.stat().st_size > PROGRESS_BYTES:
            print(f"validating {resource['path']} ({target.stat().st_size / 1e6:,.0f} MB) ...", file=sys.stderr)
        if (junk := reject_junk(target, table_schema, resource["path"], name)) is not None:
            problems += junk
            continue
        columns = [f["name"] for f in table_schema["fields"]]
        frame, read_problems = read_csv_strict(target, resource["path"], columns, table_schema.get("missingValues"))
        problems += read_problems
        if frame is None:
            continue
        problems += text_rules.check_text(frame, table_schema, resource["path"])
        typed, type_problems = validate_table(frame, table_schema, resource["path"])
        problems += type_problems
        if typed is not None:
            tables[name] = with_added_fields(name, typed)
    if problems:
        return None, problems
    problems += check_primary_keys(tables, descriptor, files)
    problems += check_foreign_keys(tables, descriptor, files)
    problems += rules.check_all(tables, files, pd.Timestamp(descriptor["created"][:10]))
    if problems:
        return None, problems
    # Nearly every analysis groups the deaths by category: as codes into the fixed list of
    # categories, those groupings stay fast on large releases.
    tables["victims"]["category"] = tables["victims"]["category"].astype(pd.CategoricalDtype(CATEGORIES))
    digest = sha256_file(folder / "datapackage.json")
    return Release(str(descriptor["version"]), folder, descriptor, digest, tables), []


def with_added_fields(name: str, frame: pd.DataFrame) -> pd.DataFrame:
    """The table with the fields added to the format after its release, empty, in schema order.

    A release keeps the format it was made with; the analysis reads every release in the current one.
    """
    missing = [f for f in ADDED_FIELDS.get(name, {}) if f not in frame.columns]
    if not missing:
        return frame
    types = {f["name"]: f["type"] for f in TABLES[name]["fields"]}
    out = frame.copy()
    for column in missing:
        out[column] = pd.Series(None, index=out.index, dtype="datetime64[ns]" if types[column] == "date" else object)
    return out[[f["name"] for f in TABLES[name]["fields"] if f["name"] in out.columns]]


def load_release(release: str | Path | None = None) -> Release:
    """A validated release, or `ReleaseError` listing every problem."""
    loaded, problems = validate_release(release)
    if loaded is None:
        raise ReleaseError(problems)
    return loaded

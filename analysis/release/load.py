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
from . import changelogs, rules, rules_accountability, text_rules
from .checksums import sha256_file
from .csv_reader import read_csv_strict
from .junk import reject_junk
from .problems import Problem, ReleaseError
from .schema import ADDED_FIELDS, ADDED_TABLES, CATEGORIES, TABLES
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
    # The changelog by edition: the files the release carries, or for a release made before releases
    # carried one, the files published with it (changelogs.PUBLISHED); empty if neither.
    changelogs: dict[str, str] = field(default_factory=dict)

    def __getitem__(self, table: str) -> pd.DataFrame:
        return self.tables[table]

    @property
    def created(self) -> pd.Timestamp:
        """The release's creation date, from its descriptor."""
        return pd.Timestamp(self.descriptor["created"][:10])

    @property
    def cutoff(self) -> pd.Timestamp | None:
        """The release's cut-off date: its name, if the name is a date (every release named so far)."""
        return cutoff_of(self.name)


def cutoff_of(name: str) -> pd.Timestamp | None:
    """The date a release name stands for, or None if it is not an ISO date."""
    if not changelogs.is_release_name(name):
        return None
    try:
        return pd.Timestamp(name)
    except ValueError:
        return None


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
        if table not in names and table not in ADDED_TABLES:  # an added table may be absent: it is then empty
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


def read_table(target: Path, resource: dict) -> tuple[pd.DataFrame | None, list[Problem]]:
    """One table of a release, read strictly and typed by its Table Schema, or None and its problems."""
    if (problem := schema_problem(resource)) is not None:
        return None, [problem]
    table_schema = resource["schema"]
    if target.stat().st_size > PROGRESS_BYTES:
        print(f"validating {resource['path']} ({target.stat().st_size / 1e6:,.0f} MB) ...", file=sys.stderr)
    if (junk := reject_junk(target, table_schema, resource["path"], resource["name"])) is not None:
        return None, junk
    columns = [f["name"] for f in table_schema["fields"]]
    frame, problems = read_csv_strict(target, resource["path"], columns, table_schema.get("missingValues"))
    if frame is None:
        return None, problems
    problems = text_rules.check_text(frame, table_schema, resource["path"])
    typed, type_problems = validate_table(frame, table_schema, resource["path"])
    return typed, problems + type_problems


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
    carried: dict[str, str] = {}
    for resource in descriptor["resources"]:
        name = resource["name"]
        target, file_problems = check_file(folder, resource)
        problems += file_problems
        if target is None:
            continue
        if name in changelogs.RESOURCE_NAMES:
            if not file_problems:
                text, text_problems = changelogs.read_text(target, resource["path"], str(descriptor["version"]))
                problems += text_problems
                carried[next(lang for lang, f in changelogs.FILES.items() if f[0] == name)] = text
            continue
        files[name] = resource["path"]
        typed, table_problems = read_table(target, resource)
        problems += table_problems
        if typed is not None:
            tables[name] = with_added_fields(name, typed)
    limit, limit_problems = date_limit(descriptor)
    problems += limit_problems
    if problems:
        return None, problems
    for name in ADDED_TABLES:  # a release made before the table existed: read with it empty
        tables.setdefault(name, empty_table(name))
    problems += check_primary_keys(tables, descriptor, files)
    problems += check_foreign_keys(tables, descriptor, files)
    problems += rules.check_all(tables, files) + rules_accountability.check_all(tables, files)
    problems += rules.check_dated_values(tables, files, *limit)
    if problems:
        return None, problems
    # Nearly every analysis groups the deaths by category: as codes into the fixed list of
    # categories, those groupings stay fast on large releases.
    tables["victims"]["category"] = tables["victims"]["category"].astype(pd.CategoricalDtype(CATEGORIES))
    digest = sha256_file(folder / "datapackage.json")
    name = str(descriptor["version"])
    try:
        texts = carried or changelogs.published(name, digest) or {}
    except ReleaseError as exc:
        return None, exc.problems
    return Release(name, folder, descriptor, digest, tables, texts), []


def date_limit(descriptor: dict) -> tuple[tuple[pd.Timestamp, str, str], list[Problem]]:
    """The day no dated value of the release may pass, what it is, and the rule's name.

    A release that carries its changelog (every release made from now on) is named by its cut-off date, and
    no value is dated after it. The releases made before (2023-01-10, 2026-11-26, 2026-12-03) keep the rule
    they were made under: no value after the day the release was created. Release 2023-01-10, compiled
    in 2026 for the period up to 10 January 2023, cites sources published after its name.
    """
    created = cutoff_of(str(descriptor["created"])[:10])
    if created is None:
        return (pd.Timestamp.max, "", ""), [
            Problem("datapackage.json", None, None, "data-package", f"created {descriptor['created']!r} is not a date")
        ]
    before = (created, "the release date", "future-date")
    names = {r.get("name") for r in descriptor["resources"]}
    if not names & changelogs.RESOURCE_NAMES:
        return before, []
    problems = [
        Problem(
            "datapackage.json",
            None,
            None,
            "changelog",
            f"resource {resource!r} is missing: a release carries its changelog in both editions",
        )
        for resource in sorted(changelogs.RESOURCE_NAMES - names)
    ]
    name = str(descriptor["version"])
    cutoff = cutoff_of(name)
    if cutoff is None:
        problems.append(
            Problem(
                "datapackage.json", None, None, "release-name", f"version {name!r} is not a cut-off date YYYY-MM-DD"
            )
        )
        return before, problems
    if created < cutoff:
        problems.append(
            Problem(
                "datapackage.json",
                None,
                None,
                "release-name",
                f"created {created:%Y-%m-%d} is before the release's cut-off date {name}",
            )
        )
    return (cutoff, "the release's cut-off date (its name)", "after-cut-off"), problems


def empty_table(name: str) -> pd.DataFrame:
    """A table of the format with no rows, its columns typed as a validated table's would be: what a release
    made before the table existed is read with."""
    types = {"date": "datetime64[ns]", "integer": "Int64", "number": "Float64"}
    return pd.DataFrame({f["name"]: pd.Series(dtype=types.get(f["type"], object)) for f in TABLES[name]["fields"]})


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

"""Make a new immutable release from a staging folder: name, changelog, corrections, checksums, validation, review.

`prepare` runs every check a release must pass and writes the candidate release into a folder. The
`release` command (`make_release`) publishes it as `data/releases/<name>`; `python -m analysis validate
<staging folder>` (`check_staging`) runs the very same checks in a temporary folder and keeps nothing.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import sys
import tempfile
from pathlib import Path

import pandas as pd

from .. import paths
from ..release import changelogs
from ..release.checksums import sha256_file
from ..release.csv_reader import header_fields, read_csv_strict
from ..release.load import Release, load_release, validate_release
from ..release.problems import Problem, ReleaseError
from ..release.schema import ADDED_FIELDS, ADDED_TABLES, PACKAGE_TITLES, TABLES, TITLES, TITLES_ES
from .corrections import COLUMNS, apply_corrections, read_corrections, record_ids
from .review import unreviewed_changes

LICENSE = {
    "name": "CC-BY-4.0",
    "title": "Creative Commons Attribution 4.0",
    "path": "https://creativecommons.org/licenses/by/4.0/",
}
TODAY = "PERU_PROTESTS_TODAY"  # YYYY-MM-DD: the day the release rules take as today (tests, rehearsals)


def today() -> dt.date:
    """Today's date, or the day the environment variable PERU_PROTESTS_TODAY names."""
    fixed = os.environ.get(TODAY)
    if not fixed:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(fixed)
    except ValueError:
        raise ReleaseError([Problem(TODAY, None, None, "today", f"{fixed!r} is not a date YYYY-MM-DD")]) from None


def name_problems(name: str, releases_dir: Path, created: str | None) -> list[Problem]:
    """A release name is its cut-off date: a real day, later than the latest release, not after today.

    `created` (the publication day, default today) is not before the cut-off.
    """
    try:
        cutoff = dt.date.fromisoformat(name) if changelogs.is_release_name(name) else None
    except ValueError:
        cutoff = None
    if cutoff is None:
        return [Problem(name, None, None, "release-name", "must be the release's cut-off date, YYYY-MM-DD")]
    if (releases_dir / name).exists():
        return [
            Problem(
                str(releases_dir / name),
                None,
                None,
                "immutable",
                "release exists already; releases are never overwritten",
            )
        ]
    problems = []
    latest = paths.release_names(releases_dir)[-1:]
    if latest and name <= latest[0]:
        problems.append(
            Problem(
                name,
                None,
                None,
                "release-name",
                f"must be later than the latest release, "
                f"{latest[0]}: a release is named by its cut-off date, and releases come in order",
            )
        )
    if cutoff > today():
        problems.append(
            Problem(
                name, None, None, "release-name", f"is after today ({today()}): a cut-off date cannot be in the future"
            )
        )
    try:
        if created and dt.date.fromisoformat(created) < cutoff:
            problems.append(Problem(name, None, None, "release-name", f"--created {created} is before the cut-off"))
    except ValueError:
        problems.append(Problem(str(created), None, None, "created", "--created must be a date YYYY-MM-DD"))
    return problems


def changelog_paths(changelog: Path) -> dict[str, Path]:
    """The changelog's editions by language: `changelog` (English) and the `.es.md` file beside it."""
    return {"en": changelog, "es": changelog.with_name(f"{changelog.name.removesuffix('.md')}.es.md")}


def working_changelogs(changelog: Path, name: str) -> tuple[dict[str, str], list[Problem]]:
    """The changelog editions to release, each required to hold a `## <name>` section."""
    texts, problems = {}, []
    for lang, path in changelog_paths(changelog).items():
        try:
            texts[lang] = path.read_text(encoding="utf-8") if path.is_file() else ""
        except UnicodeDecodeError:
            problems.append(Problem(str(path), None, None, "encoding", "not UTF-8"))
            continue
        if not changelogs.has_entry(texts[lang], name):
            problems.append(
                Problem(
                    str(path),
                    None,
                    None,
                    "changelog",
                    f"add a '## {name}' section describing the release (both editions are required)",
                )
            )
    return texts, problems


def compose(working: str, name: str, previous: Release | None, lang: str) -> str:
    """The changelog a release carries: the working file's preamble and its `## name` entry, then the entries of
    earlier releases as the previous release published them (none if it carries no changelog)."""
    preamble, sections = changelogs.split_sections(working)
    parts = [preamble.rstrip("\n") + "\n", sections[name]]
    if previous is not None and lang in previous.changelogs:
        _, published = changelogs.split_sections(changelogs.up_to(previous.changelogs[lang], previous.name))
        parts += list(published.values())
        edited = [h for h, text in published.items() if h in sections and sections[h] != text]
        if edited:
            print(
                f"warning: the working changelog ({lang}) differs from the published entries of "
                f"{', '.join(edited)}; the release carries them as published",
                file=sys.stderr,
            )
    return "\n".join(parts)


def read_staging(staging: Path) -> dict[str, pd.DataFrame]:
    """The staging tables as strings (empty cells as empty strings), columns in schema order.

    Read as strictly as a release (UTF-8 without BOM, commas, every column, no ragged rows), so
    that a bad staging table stops the release with the file, row, column and rule. Fields and tables added
    to the format after the staging table was made (schema.ADDED_FIELDS, ADDED_TABLES) may be absent: they
    start empty.
    """
    problems, tables = [], {}
    for name, schema in TABLES.items():
        path = staging / f"{name}.csv"
        if not path.is_file() and name in ADDED_TABLES:  # a staging folder in an earlier format: the table is empty
            tables[name] = pd.DataFrame({f["name"]: pd.Series(dtype=str) for f in schema["fields"]})
            continue
        if not path.is_file():
            problems.append(Problem(path.name, None, None, "tables", f"staging folder {staging} has no {name}.csv"))
            continue
        header = header_fields(path.read_bytes().split(b"\n", 1)[0].removesuffix(b"\r")) or []
        absent = [f for f in ADDED_FIELDS.get(name, {}) if f not in header]
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
    """The Frictionless data package descriptor of a release, with sha256 and byte counts.

    `files` maps resource names to files: the tables (with their Table Schemas) and the changelogs
    (`changelogs.FILES`, Markdown text, which Frictionless checks by size and checksum only).
    """
    resources = []
    kinds = {resource: (file, title) for resource, file, title in changelogs.FILES.values()}
    for resource, path in files.items():
        checked = {"bytes": path.stat().st_size, "hash": f"sha256:{sha256_file(path)}"}
        if resource in kinds:
            described = {"format": "md", "mediatype": "text/markdown", "encoding": "utf-8", **checked}
            resources.append({"name": resource, "title": kinds[resource][1], "path": path.name, **described})
            continue
        titles = {"title": TITLES[resource], "title_es": TITLES_ES[resource]}
        described = {"format": "csv", "mediatype": "text/csv", "encoding": "utf-8", **checked}
        resources.append({"name": resource, **titles, "path": path.name, **described, "schema": TABLES[resource]})
    return {
        "name": "peru-protest-deaths",
        "title": PACKAGE_TITLES["en"],
        "title_es": PACKAGE_TITLES["es"],
        "description": "People who died, lethal events, reported death tolls, sources and regional reference data.",
        "version": name,
        "created": f"{created}T00:00:00Z",
        "licenses": [LICENSE],
        "resources": resources,
    }


def previous_release(releases_dir: Path, name: str) -> Release | None:
    """The latest release in `releases_dir` named before `name` (validated), or None for a first release."""
    earlier = [n for n in paths.release_names(releases_dir) if n < name]
    return load_release(releases_dir / earlier[-1]) if earlier else None


def prepare(
    name: str,
    staging: Path,
    into: Path,
    releases_dir: Path = paths.RELEASES,
    changelog: Path = paths.CHANGELOG,
    corrections: Path | None = paths.CORRECTIONS,
    created: str | None = None,
) -> tuple[Release, Release | None]:
    """Check everything a release must pass and write the candidate release into the empty folder `into`.

    In order: the name (a cut-off date later than the latest release, not in the future), a `## <name>`
    entry in both changelog editions, the staging tables read strictly, the corrections for `name`
    applied, the release written and validated (checksums, schemas, keys, rules, no value dated after
    the cut-off), and every difference from the previous release reviewed in `corrections.csv`.
    Returns the validated candidate and the previous release; raises `ReleaseError` listing the problems.
    """
    texts, problems = working_changelogs(changelog, name)
    problems = name_problems(name, releases_dir, created) + problems
    if problems:
        raise ReleaseError(problems)
    previous = previous_release(releases_dir, name)
    staged = read_staging(staging)
    rows = read_corrections(corrections) if corrections is not None and corrections.is_file() else None
    published = {t: set(record_ids(f, TABLES[t]["primaryKey"])) for t, f in previous.tables.items()} if previous else {}
    tables = apply_corrections(staged, rows, name, published) if rows is not None else staged
    if rows is not None:  # the release carries every correction applied in it and before it
        tables["corrections"] = rows[rows["release"] <= name][COLUMNS].reset_index(drop=True)
    files = {}
    for table, frame in tables.items():
        files[table] = into / f"{table}.csv"
        frame.to_csv(files[table], index=False, lineterminator="\n", encoding="utf-8")
    for lang, (resource, file, _) in changelogs.FILES.items():
        files[resource] = into / file
        files[resource].write_text(compose(texts[lang], name, previous, lang), encoding="utf-8")
    descriptor = descriptor_for(name, created or today().isoformat(), files)
    (into / "datapackage.json").write_text(json.dumps(descriptor, indent=2, ensure_ascii=False) + "\n", "utf-8")
    loaded, problems = validate_release(into)
    if problems:
        raise ReleaseError(problems)
    if previous is not None and (problems := unreviewed_changes(previous, staged, tables, rows, name)):
        raise ReleaseError(problems)
    return loaded, previous


def make_release(
    name: str,
    staging: Path,
    releases_dir: Path = paths.RELEASES,
    changelog: Path = paths.CHANGELOG,
    corrections: Path | None = paths.CORRECTIONS,
    created: str | None = None,
) -> Path:
    """Check `staging` as a release named `name` (`prepare`) and write it to `releases_dir/name` atomically."""
    target = releases_dir / name
    made = not releases_dir.exists()
    releases_dir.mkdir(parents=True, exist_ok=True)
    tmp = releases_dir / f".{name}.partial"
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir()
    try:
        prepare(name, staging, tmp, releases_dir, changelog, corrections, created)
        tmp.rename(target)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
        if made and not target.exists():
            shutil.rmtree(releases_dir, ignore_errors=True)
    return target


def check_staging(
    staging: Path,
    name: str | None = None,
    releases_dir: Path = paths.RELEASES,
    changelog: Path = paths.CHANGELOG,
    corrections: Path | None = paths.CORRECTIONS,
    created: str | None = None,
) -> tuple[Release, Release | None]:
    """Run `prepare` on `staging` as a release named `name` (default: today) in a temporary folder, kept nowhere."""
    name = name or today().isoformat()
    with tempfile.TemporaryDirectory(prefix="peru-protests-staging-") as tmp:
        into = Path(tmp) / name
        into.mkdir()
        return prepare(name, staging, into, releases_dir, changelog, corrections, created)

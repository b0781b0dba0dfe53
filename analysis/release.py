"""Load a data release and validate it: descriptor, files, checksums, schemas, keys, rules.

Every problem is reported as a `Problem` naming the file, the row (CSV line, header =
row 1), the column and the rule broken. `load_release` raises `ReleaseError` carrying
all problems found; it never returns a partially valid release.
"""

from __future__ import annotations

import csv
import io
import json
import re
import sys
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
import pandera.pandas as pa
from frictionless import Package
from pandera.engines import pandas_engine

from . import paths, rules, text_rules
from .cache import sha256_file
from .problems import Problem, ReleaseError
from .schema import CATEGORIES, TABLES

MAX_FILE_BYTES = 1 << 30  # 1 GiB: larger files are refused before reading.
PROGRESS_BYTES = 20_000_000  # report progress on files larger than this
MAX_ROW_PROBLEMS = 1_000  # rows of the wrong length listed one by one; the rest are counted
SAMPLE_BYTES = 5_000_000  # a larger file's first rows are checked before the whole file is read
SAMPLE_ROWS = 1_000  # rows in that sample
JUNK_SHARE = 0.5  # a file with at least this share of bad rows in its sample is not examined further
FATAL_IN_HEAD = {"empty-file", "encoding", "columns", "delimiter", "line-ends"}  # found in the sample: final


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


def read_head(path: Path, rows: int) -> bytes:
    """The header and first `rows` lines of a file (fewer if they are longer than 1 MB together)."""
    with open(path, "rb") as handle:
        raw = handle.read(1 << 20)
    ends = np.flatnonzero(np.frombuffer(raw, dtype=np.uint8) == ord("\n"))
    if len(ends):
        return raw[: ends[min(rows, len(ends) - 1)] + 1]
    return raw[: len(raw.decode("utf-8", errors="ignore").encode("utf-8"))]  # one huge line: whole characters


def read_csv_strict(
    path: Path,
    label: str,
    columns: list[str],
    missing: list[str] | None = None,
    any_order: bool = False,
    head: int | None = None,
) -> tuple[pd.DataFrame | None, list[Problem]]:
    """Read a UTF-8 CSV as strings, refusing BOMs, other encodings, wrong headers and ragged rows.

    Cells equal to one of `missing` (the Table Schema's missingValues, default: empty) are read as missing.
    With `any_order`, the columns may come in any order; the frame has them in the order of `columns`.
    With `head`, only the header and the first `head` lines are read.
    """
    raw = path.read_bytes() if head is None else read_head(path, head)
    if not raw.strip():
        return None, [Problem(label, None, None, "empty-file", "the file is empty")]
    if raw.startswith(b"\xef\xbb\xbf"):
        return None, [Problem(label, 1, None, "encoding", "starts with a byte-order mark; save as UTF-8 without BOM")]
    first_line = raw.split(b"\n", 1)[0].removesuffix(b"\r")
    if b"\r" in first_line:
        return None, [line_ends(label, 1)]
    header = next(csv.reader(io.StringIO(first_line.decode("utf-8", errors="replace"))), [])
    if header != columns and not (any_order and sorted(header) == sorted(columns)):
        if (problem := not_utf8(raw, label)) is not None:
            return None, [problem]
        return None, [header_problem(label, header, columns)]
    width = len(columns)
    with ThreadPoolExecutor(max_workers=1) as pool:  # count fields while pandas parses (numpy releases the GIL)
        counting = pool.submit(field_counts, raw)
        try:  # the parser decodes strictly: any byte that is not UTF-8 raises
            frame = pd.read_csv(
                io.BytesIO(raw),
                dtype=str,
                keep_default_na=False,
                na_values=[""] if missing is None else missing,
                encoding="utf-8",
            )
        except UnicodeDecodeError:
            return None, [not_utf8(raw, label)]
        except pd.errors.ParserError as exc:
            frame, parse_error = None, str(exc).strip().splitlines()[-1]
        counts = counting.result()
    bad = np.flatnonzero((counts != width) & (counts > 0))
    problems = [
        Problem(label, int(i) + 1, None, "row-length", f"has {int(counts[i])} cells, the header has {width}")
        for i in bad[:MAX_ROW_PROBLEMS]
    ]
    if len(bad) > MAX_ROW_PROBLEMS:
        problems.append(
            Problem(
                label, None, None, "row-length", f"{len(bad):,} rows in all have a number of cells other than {width}"
            )
        )
    if frame is None and not problems:
        problems.append(Problem(label, None, None, "csv", f"not readable as CSV: {parse_error}"))
    if problems or len(frame) != np.count_nonzero(counts) - 1:
        # pandas ends a record at a CR alone; the CSV standard (and field_counts) does not
        if lone := re.search(rb"\r(?!\n)", raw):
            problems.insert(0, line_ends(label, raw[: lone.start()].count(b"\n") + 1))
    if problems:  # the parser may have stopped before a byte that is not UTF-8
        encoding = not_utf8(raw, label)
        return None, [encoding, *problems] if encoding else problems
    return (frame if header == columns else frame[columns]), []


def line_ends(label: str, line: int | None) -> Problem:
    return Problem(label, line, None, "line-ends", "a carriage return (CR) alone ends a line; save with LF or CR LF")


def not_utf8(raw: bytes, label: str) -> Problem | None:
    """The first byte that is not UTF-8, as a problem naming its line (None if the file is UTF-8)."""
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return Problem(
            label,
            line,
            None,
            "encoding",
            f"byte 0x{raw[exc.start]:02x} is not UTF-8 (Latin-1 or Windows-1252?); save as UTF-8",
        )
    return None


def field_counts(raw: bytes) -> np.ndarray:
    """Number of fields in each CSV record (0 for blank lines), honouring quotes; vectorised.

    A comma or newline is a separator only outside quotes: when the number of quote characters
    before it is even (doubled quotes inside a quoted field count twice).
    """
    data = np.frombuffer(raw, dtype=np.uint8)
    quotes = np.flatnonzero(data == ord('"'))

    def outside(positions: np.ndarray) -> np.ndarray:
        return positions[np.searchsorted(quotes, positions) % 2 == 0] if len(quotes) else positions

    commas = outside(np.flatnonzero(data == ord(",")))
    ends = outside(np.flatnonzero(data == ord("\n")))
    if len(ends) == 0 or ends[-1] != len(data) - 1:
        ends = np.append(ends, len(data))
    starts = np.concatenate(([0], ends[:-1] + 1))
    fields = np.diff(np.searchsorted(commas, np.concatenate(([0], ends)))) + 1
    lengths = ends - starts
    carriage_return_only = (lengths == 1) & (data[np.minimum(starts, len(data) - 1)] == ord("\r"))
    fields[(lengths == 0) | carriage_return_only] = 0
    return fields


def header_problem(label: str, header: list[str], columns: list[str]) -> Problem:
    """Explain how a CSV header differs from the schema: delimiter, missing, extra, renamed or reordered."""
    if len(header) == 1 and any(sep in header[0] for sep in ";\t|"):
        sep = next(s for s in ";\t|" if s in header[0])
        return Problem(label, 1, None, "delimiter", f"header is split by {sep!r}, not ','; save as comma-separated CSV")
    missing = [c for c in columns if c not in header]
    extra = [c for c in header if c not in columns]
    if missing and extra and len(missing) == len(extra):
        pairs = ", ".join(f"{e!r} (expected {m!r})" for e, m in zip(extra, missing))
        return Problem(label, 1, extra[0], "columns", f"renamed column(s): {pairs}")
    parts = []
    if missing:
        parts.append("missing column(s) " + ", ".join(map(repr, missing)))
    if extra:
        parts.append("unexpected column(s) " + ", ".join(map(repr, extra)))
    if not parts:
        parts.append("columns are in a different order than in the schema: " + ", ".join(columns))
    return Problem(label, 1, (missing or extra or [None])[0], "columns", "; ".join(parts))


def full_match(pattern: str):
    """A vectorised check that each value matches `pattern` entirely (Table Schema `pattern`).

    Each distinct value is matched once: columns of a large table repeat few values (dates,
    codes), so this is much faster than matching every cell.
    """
    regex = re.compile(pattern)

    def check(series: pd.Series) -> pd.Series:
        codes, uniques = pd.factorize(series)
        values = np.asarray(uniques, dtype=object)
        matched = np.fromiter((regex.fullmatch(v) is not None for v in values), dtype=bool, count=len(values))
        return pd.Series(np.where(codes >= 0, matched[codes] if len(uniques) else True, True), index=series.index)

    return check


def pandera_schema(table_schema: dict) -> pa.DataFrameSchema:
    """Translate a Frictionless Table Schema into a pandera schema (types, required, unique, enum, pattern, range)."""
    columns = {}
    for spec in table_schema["fields"]:
        cons = spec.get("constraints", {})
        checks = []
        kind = spec["type"]
        if kind == "integer":
            dtype = "Int64"
        elif kind == "number":
            dtype = "Float64"
        elif kind == "date":
            dtype = pandas_engine.DateTime(to_datetime_kwargs={"format": "%Y-%m-%d"})
        elif kind == "boolean":
            dtype = "boolean"
        else:
            dtype = str
        if "enum" in cons:
            checks.append(pa.Check.isin(cons["enum"], name="enum"))
        if "pattern" in cons:
            checks.append(pa.Check(full_match(cons["pattern"]), name="pattern"))
        if "minimum" in cons:
            checks.append(pa.Check.ge(cons["minimum"], name="minimum"))
        if "maximum" in cons:
            checks.append(pa.Check.le(cons["maximum"], name="maximum"))
        columns[spec["name"]] = pa.Column(
            dtype,
            checks=checks,
            nullable=not cons.get("required", False),
            unique=bool(cons.get("unique", False)),
            coerce=True,
            required=True,
        )
    return pa.DataFrameSchema(columns, strict=True, coerce=True)


RULE_NAMES = {
    "coerce_dtype": "type",
    "dtype": "type",
    "not_nullable": "required",
    "field_uniqueness": "unique",
    "str_matches": "pattern",
    "isin": "enum",
    "greater_than_or_equal_to": "minimum",
    "less_than_or_equal_to": "maximum",
}


def validate_table(frame: pd.DataFrame, table_schema: dict, label: str) -> tuple[pd.DataFrame | None, list[Problem]]:
    """Validate and type one table (as read by read_csv_strict) against its Table Schema with pandera.

    Rows are CSV lines."""
    types = {f["name"]: f["type"] for f in table_schema["fields"]}
    try:
        typed = pandera_schema(table_schema).validate(frame, lazy=True)
    except pa.errors.SchemaErrors as exc:
        cases = exc.failure_cases
        problems = []
        seen = set()
        for case in cases.itertuples(index=False):
            if case.index is None or pd.isna(case.index):
                continue  # a check that could not run because the column failed type coercion
            check = str(case.check)
            rule = RULE_NAMES.get(check.split("(")[0], check.split("(")[0])
            key = (int(case.index), case.column, rule)
            if key in seen:
                continue
            seen.add(key)
            value = "" if pd.isna(case.failure_case) else str(case.failure_case)
            problems.append(
                Problem(
                    label,
                    int(case.index) + 2,
                    case.column,
                    rule,
                    describe_failure(rule, value, types.get(case.column), table_schema, case.column),
                )
            )
        problems.sort(key=lambda p: (p.row or 0, p.column or ""))
        return None, problems or [Problem(label, None, None, "schema", str(exc).splitlines()[0])]
    return typed, []


def describe_failure(rule: str, value: str, kind: str | None, table_schema: dict, column: str) -> str:
    """A human sentence for one pandera failure case."""
    cons = next(f for f in table_schema["fields"] if f["name"] == column).get("constraints", {})
    if rule == "type":
        expected = "an ISO date YYYY-MM-DD" if kind == "date" else f"a value of type {kind}"
        return f"{value!r} is not {expected}"
    if rule == "required":
        return "value is required but empty"
    if rule == "unique":
        return f"{value!r} appears more than once"
    if rule == "enum":
        return f"{value!r} is not one of: {', '.join(cons['enum'])}"
    if rule == "pattern":
        return f"{value!r} does not match the pattern {cons['pattern']}"
    if rule in ("minimum", "maximum"):
        return f"{value} is {'below the minimum' if rule == 'minimum' else 'above the maximum'} {cons[rule]}"
    return f"{value!r} fails {rule}"


def check_primary_keys(tables: dict[str, pd.DataFrame], descriptor: dict, files: dict[str, str]) -> list[Problem]:
    """Each table's primary key is present and unique (also for keys of several columns)."""
    problems = []
    for resource in descriptor["resources"]:
        name = resource["name"]
        key = resource.get("schema", {}).get("primaryKey", [])
        key = [key] if isinstance(key, str) else key
        if name not in tables or not key:
            continue
        frame = tables[name]
        for idx in frame.index[frame[key].isna().any(axis=1)]:
            problems.append(Problem(files[name], int(idx) + 2, key[0], "primary-key", "primary key is empty"))
        for idx in frame.index[frame.duplicated(subset=key, keep="first")]:
            values = ", ".join(str(frame.at[idx, k]) for k in key)
            problems.append(
                Problem(files[name], int(idx) + 2, key[0], "primary-key", f"({values}) appears more than once")
            )
    return problems


def check_foreign_keys(tables: dict[str, pd.DataFrame], descriptor: dict, files: dict[str, str]) -> list[Problem]:
    """Every foreign key declared in the schemas resolves in the referenced table."""
    problems = []
    for resource in descriptor["resources"]:
        name = resource["name"]
        if name not in tables:
            continue
        for fk in resource.get("schema", {}).get("foreignKeys", []):
            ref = fk["reference"]
            target = tables.get(ref.get("resource") or name)
            if target is None:
                problems.append(
                    Problem(files[name], None, None, "foreign-key", f"refers to missing table {ref.get('resource')!r}")
                )
                continue
            for col, ref_col in zip(fk["fields"], ref["fields"]):
                values = tables[name][col]
                bad = values.notna() & ~values.isin(target[ref_col].dropna().unique())
                for idx in values.index[bad]:
                    problems.append(
                        Problem(
                            files[name],
                            int(idx) + 2,
                            col,
                            "foreign-key",
                            f"{values[idx]!r} not found in {ref.get('resource')}.{ref_col}",
                        )
                    )
    return problems


def reject_junk(path: Path, table_schema: dict, label: str, name: str) -> list[Problem] | None:
    """The problems of the first rows of a large file, if so many of them are bad that the file is
    plainly not a table of its schema; None if the whole file should be read and checked.

    A junk file (rows of random text) breaks several rules in every row: reading and checking every
    cell would take minutes and list millions of problems that all say the same thing.
    """
    if path.stat().st_size <= SAMPLE_BYTES:
        return None
    columns = [f["name"] for f in table_schema["fields"]]
    sample, problems = read_csv_strict(path, label, columns, table_schema.get("missingValues"), head=SAMPLE_ROWS)
    if sample is not None:
        problems = text_rules.check_text(sample, table_schema, label) + validate_table(sample, table_schema, label)[1]
        rows = len(sample)
    elif any(p.rule in FATAL_IN_HEAD for p in problems):
        return problems  # what reading the whole file would say
    else:  # rows of the wrong length (or a CSV error where the sample was cut: then the whole file is read)
        rows = SAMPLE_ROWS
    bad_rows = len({p.row for p in problems if p.row is not None})
    if bad_rows < JUNK_SHARE * rows:
        return None
    verdict = Problem(
        label,
        None,
        None,
        "not-a-table",
        f"{bad_rows:,} of its first {rows:,} rows break the schema of table {name!r}: this file does not look "
        "like that table, and the rest of it was not checked",
    )
    return [*problems, verdict]


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
        table_schema = resource.get("schema")
        if not isinstance(table_schema, dict) or "fields" not in table_schema:
            problems.append(Problem(resource["path"], None, None, "schema", "resource has no inline Table Schema"))
            continue
        expected = TABLES.get(name)
        if expected:
            have = {f["name"] for f in table_schema["fields"]}
            lacking = [f["name"] for f in expected["fields"] if f["name"] not in have]
            if lacking:
                problems.append(
                    Problem(
                        resource["path"],
                        None,
                        lacking[0],
                        "schema",
                        "the release schema lacks field(s) the analysis needs: " + ", ".join(lacking),
                    )
                )
                continue
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
            tables[name] = typed
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


def load_release(release: str | Path | None = None) -> Release:
    """A validated release, or `ReleaseError` listing every problem."""
    loaded, problems = validate_release(release)
    if loaded is None:
        raise ReleaseError(problems)
    return loaded

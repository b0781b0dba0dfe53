"""The checks of loaded tables against their Table Schemas: types and constraints (with pandera), primary
keys and foreign keys. Every failure becomes a `Problem` naming the file, CSV line, column and rule."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pandera.pandas as pa
from pandera.engines import pandas_engine

from .problems import Problem


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

"""The published result tables: one tidy CSV per declared table in `results/tables/`, and
`results/datapackage.json`, a Frictionless data package that describes each of them.

Each table's columns and their types come from its declaration (`compute.registry.table`); its title, its
description and each column's description from the editions' text files (`results.<name>` in
`present/text/<lang>.yml`, and `result_columns` for a column that means the same wherever it appears): English
as `description`, Spanish as `description_es`, as the release's own datapackage.json has them.
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from ..compute.registry import Declaration
from ..present.i18n import text, words
from ..release.checksums import sha256_file
from ..release.load import Release

NAME = "peru-protest-deaths-results"


def write_table_csv(frame: pd.DataFrame, path: Path) -> Path:
    """A tidy CSV export of a result table (dates ISO, no index)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    frame.to_csv(path, index=False, lineterminator="\n", date_format="%Y-%m-%d", float_format="%.6g")
    return path


def column_description(table: str, column: str, lang: str) -> str:
    """What a column of a result table holds: the table's own description of it, else the shared one."""
    own = words(lang)["results"].get(table, {}).get("columns", {})
    if column in own:
        return own[column]
    shared = words(lang)["result_columns"]
    if column in shared:
        return shared[column]
    raise KeyError(
        f"column {column!r} of result {table!r} is described neither under results.{table}.columns nor "
        f"under result_columns in present/text/{lang}.yml"
    )


def field(declaration: Declaration, column: str, kind: str) -> dict:
    """A Frictionless field: name, type and its description in both languages."""
    return {
        "name": column,
        "type": kind,
        "description": column_description(declaration.name, column, "en"),
        "description_es": column_description(declaration.name, column, "es"),
    }


def resource(declaration: Declaration, folder: Path) -> dict:
    """The Frictionless resource of one published table (`folder/tables/<name>.csv`)."""
    path = folder / "tables" / f"{declaration.name}.csv"
    return {
        "name": declaration.name,
        "path": path.relative_to(folder).as_posix(),
        "title": text(f"results.{declaration.name}.title", "en"),
        "title_es": text(f"results.{declaration.name}.title", "es"),
        "description": text(f"results.{declaration.name}.description", "en"),
        "description_es": text(f"results.{declaration.name}.description", "es"),
        "computed_by": declaration.function,
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "bytes": path.stat().st_size,
        "hash": f"sha256:{sha256_file(path)}",
        "schema": {
            "fields": [field(declaration, c.name, c.type) for c in declaration.columns],
            "missingValues": [""],
        },
    }


def package(declarations: list[Declaration], folder: Path, rel: Release) -> dict:
    """The data package of the tables a build wrote into `folder/tables/`, in declaration order."""
    release = {"release": rel.name}
    return {
        "name": NAME,
        "title": text("results_package.title", "en", **release),
        "title_es": text("results_package.title", "es", **release),
        "description": text("results_package.description", "en", **release),
        "description_es": text("results_package.description", "es", **release),
        "version": rel.name,
        "created": rel.descriptor["created"],
        "licenses": rel.descriptor.get("licenses", []),
        "sources": [{"title": f"Data release {rel.name}", "path": "../data/datapackage.json"}],
        "resources": [resource(d, folder) for d in declarations if d.is_table],
    }


def write(declarations: list[Declaration], folder: Path, rel: Release) -> Path:
    """Write `folder/datapackage.json` describing the tables already written into `folder/tables/`."""
    path = folder / "datapackage.json"
    described = package(declarations, folder, rel)
    path.write_text(json.dumps(described, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return path

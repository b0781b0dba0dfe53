"""Declarations of a release's results, and the runner that computes them in order.

Each result is declared once, beside the function that computes it, by one of two decorators:

- `table(name, columns)`: a tidy table the build publishes as `results/tables/<name>.csv` and describes in
  `results/datapackage.json`, with its columns in order and each column's Frictionless type;
- `result(name)`: a result the report reads but does not publish as a table (a dict of statistics, a number,
  a list it prints); `published=True` writes it into `results/models.json`.

A declared function takes the release's validated tables (`rel`, by table name) and the results declared
before it in the same job (`r`, by result name), and returns the result. The caption of a table and the
description of each of its columns are text, in both languages: `results.<name>` in
`analysis/present/text/<lang>.yml`.

`job` says where a build computes the result: in its main process (`MAIN`), or in the worker process of
one of `WORKER_JOBS` (the statistical models, whose modules the main process does not import). A result
reads only results of its own job.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from types import ModuleType

import pandas as pd

from ..release.schema import CATEGORIES

Tables = Mapping[str, pd.DataFrame]  # a release's validated tables, by name

MAIN = "main"
CLUSTERED = "clustered"  # the incident-level and clustered results, with the department models
REGIONAL = "regional"  # the regional sensitivity table's profile-likelihood intervals
WORKER_JOBS = (CLUSTERED, REGIONAL)  # the longest first: the build submits them in this order
TYPES = ("string", "integer", "number", "date", "boolean")  # Frictionless field types of table columns


@dataclass(frozen=True)
class Column:
    """A column of a result table: its name and its Frictionless type (one of `TYPES`)."""

    name: str
    type: str


@dataclass(frozen=True)
class Declaration:
    """What a result is: its name, the function that computes it ("module.function"), the job that runs it,
    and, for a table, its columns. Plain data, so a worker can hand it back to the main process."""

    name: str
    function: str
    job: str = MAIN
    columns: tuple[Column, ...] = ()
    published: bool = False  # a table: always (CSV); another result: in models.json

    @property
    def is_table(self) -> bool:
        """A tidy table (declared with its columns), published as CSV."""
        return bool(self.columns)


def categories(prefix: str = "", kind: str = "integer") -> dict[str, str]:
    """One column per category of death (schema order), e.g. `clash_civilian`, ..., `other`."""
    return {f"{prefix}{category}": kind for category in CATEGORIES}


def _declare(declaration: Declaration) -> Callable[[Callable], Callable]:
    def attach(function: Callable) -> Callable:
        function.declaration = Declaration(
            declaration.name,
            f"{function.__module__}.{function.__name__}",
            declaration.job,
            declaration.columns,
            declaration.published,
        )
        return function

    return attach


def table(name: str, columns: Mapping[str, str], job: str = MAIN) -> Callable[[Callable], Callable]:
    """Declare the decorated function as the computation of the tidy table `name` with `columns` (name: type)."""
    unknown = {kind for kind in columns.values() if kind not in TYPES}
    if unknown:
        raise ValueError(f"result {name!r}: unknown column types {sorted(unknown)}")
    return _declare(Declaration(name, "", job, tuple(Column(c, t) for c, t in columns.items()), True))


def result(name: str, job: str = MAIN, published: bool = False) -> Callable[[Callable], Callable]:
    """Declare the decorated function as the computation of the result `name` (not published as a table)."""
    return _declare(Declaration(name, "", job, (), published))


def declared(*modules: ModuleType) -> list[Callable]:
    """The declared functions of `modules`, module by module, each module's in the order they are defined (a
    declared function another module imports counts in its own module only)."""
    return [
        f
        for module in modules
        for f in vars(module).values()
        if hasattr(f, "declaration") and getattr(f, "__module__", None) == module.__name__
    ]


class Results(dict):
    """The results computed so far, by name; reading one not (yet) computed says why it may be missing."""

    def __missing__(self, name: str):
        raise KeyError(
            f"result {name!r} is read before it is computed: declare it earlier, in the same job, "
            "or read it in presentation, after every job"
        )


def check_columns(declaration: Declaration, frame: object) -> None:
    """A table result must be a DataFrame with exactly its declared columns, in order."""
    if not isinstance(frame, pd.DataFrame):
        raise TypeError(f"result {declaration.name!r} is declared a table but is a {type(frame).__name__}")
    declared_names = [c.name for c in declaration.columns]
    if list(frame.columns) != declared_names:
        raise ValueError(
            f"result {declaration.name!r} ({declaration.function}): columns {list(frame.columns)} "
            f"differ from the declared {declared_names}"
        )


def compute(
    functions: Iterable[Callable], tables: Mapping[str, pd.DataFrame], job: str
) -> list[tuple[Declaration, object]]:
    """Compute, in order, the declared results of `job` from a release's tables: (declaration, result) pairs."""
    computed = Results()
    out = []
    for function in functions:
        declaration = function.declaration
        if declaration.job != job:
            continue
        if declaration.name in computed:
            raise KeyError(f"result {declaration.name!r} declared twice")
        value = function(tables, computed)
        if declaration.is_table:
            check_columns(declaration, value)
        computed[declaration.name] = value
        out.append((declaration, value))
    return out

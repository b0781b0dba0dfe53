"""Cross-table rules of the accountability tables: the incidents and people a proceeding names exist, and an
amount of money says its currency and what it is."""

from __future__ import annotations

import pandas as pd

from .problems import Problem


def check_named_records(frame: pd.DataFrame, file: str, column: str, known: set[str], what: str) -> list[Problem]:
    """Every id of a semicolon-separated `column` is one of `known`."""
    problems = []
    for idx, cell in frame[column].dropna().astype(str).items():
        unknown = [i for i in cell.split(";") if i not in known]
        if unknown:
            problems.append(Problem(file, int(idx) + 2, column, "unknown-id", f"{', '.join(unknown)} not in {what}"))
    return problems


def check_amounts(reparations: pd.DataFrame, file: str) -> list[Problem]:
    """An amount gives its currency and its unit (per person, per family, total)."""
    given = reparations["amount"].notna()
    return [
        Problem(file, int(idx) + 2, column, "amount", f"an amount needs its {column}")
        for column in ("currency", "amount_unit")
        for idx in reparations.index[given & reparations[column].isna()]
    ]


def check_all(tables: dict[str, pd.DataFrame], files: dict[str, str]) -> list[Problem]:
    """The rules of the accountability tables (a release made before them has them empty)."""
    proceedings, reparations = tables["proceedings"], tables["reparations"]
    problems = []
    if len(proceedings):
        file = files["proceedings"]
        problems += check_named_records(proceedings, file, "event_ids", set(tables["events"]["event_id"]), "events")
        problems += check_named_records(proceedings, file, "victim_ids", set(tables["victims"]["victim_id"]), "victims")
    if len(reparations):
        problems += check_amounts(reparations, files["reparations"])
    return problems

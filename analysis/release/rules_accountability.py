"""Cross-table rules of the tables added in 2026-12-06: the incidents and people a proceeding names exist, an
amount of money says its currency and what it is, a value that a source states for a person names its source
and gives a minor's name only as initials."""

from __future__ import annotations

import re

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


def check_titles(proceedings: pd.DataFrame, file: str) -> list[Problem]:
    """All the steps of one proceeding give it the same name in each language."""
    problems = []
    for column in ("title_en", "title_es"):
        named = proceedings.groupby("proceeding")[column].transform("nunique")
        for idx in proceedings.index[named > 1]:
            problems.append(
                Problem(
                    file, int(idx) + 2, column, "proceeding-title", "the steps of a proceeding give it different names"
                )
            )
    return problems


def check_amounts(reparations: pd.DataFrame, file: str) -> list[Problem]:
    """An amount gives its currency (what it is paid for, per person, per family or in total, where published)."""
    given = reparations["amount"].notna()
    return [
        Problem(file, int(idx) + 2, "currency", "amount", "an amount needs its currency")
        for idx in reparations.index[given & reparations["currency"].isna()]
    ]


INITIALS = re.compile(r"(?:[A-ZÁÉÍÓÚÑÜ]\. ?)+[A-ZÁÉÍÓÚÑÜ]\.")  # "D.A.Q.", "R. P. M. L."
NOT_REPRODUCED = "full name published (not reproduced)"


def check_variants(variants: pd.DataFrame, victims: pd.DataFrame, file: str) -> list[Problem]:
    """A value the record does not keep names its source; a minor's name appears only as initials."""
    problems = [
        Problem(file, int(idx) + 2, "source_id", "variant-source", "a value the record does not keep needs its source")
        for idx in variants.index[(variants["in_record"] == "no") & variants["source_id"].isna()]
    ]
    minors = set(victims.loc[victims["age"] < 18, "victim_id"])
    names = variants[(variants["field"] == "name") & variants["victim_id"].isin(minors)]
    for idx, value in names["value"].items():
        if not (INITIALS.fullmatch(str(value)) or value == NOT_REPRODUCED):
            problems.append(
                Problem(
                    file,
                    int(idx) + 2,
                    "value",
                    "minor-name",
                    f"a minor's name is given only as initials or as '{NOT_REPRODUCED}'",
                )
            )
    return problems


def check_all(tables: dict[str, pd.DataFrame], files: dict[str, str]) -> list[Problem]:
    """The rules of the accountability tables (a release made before them has them empty)."""
    proceedings, reparations = tables["proceedings"], tables["reparations"]
    problems = []
    if len(proceedings):
        file = files["proceedings"]
        problems += check_named_records(proceedings, file, "event_ids", set(tables["events"]["event_id"]), "events")
        problems += check_named_records(proceedings, file, "victim_ids", set(tables["victims"]["victim_id"]), "victims")
        problems += check_titles(proceedings, file)
    if len(reparations):
        problems += check_amounts(reparations, files["reparations"])
    if len(tables["variants"]):
        problems += check_variants(tables["variants"], tables["victims"], files["variants"])
    return problems

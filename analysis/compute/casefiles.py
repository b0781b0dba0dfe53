"""What the record knows about each person, for the case files: the values on which sources differ, side by
side, the steps of the proceedings that concern the person, and one row per case file.

A proceeding concerns a person when one of its steps names the person (`victim_ids`) or the person's incident
(`event_ids`); the steps that name neither are not listed for the person. A release made before the tables of
variants and proceedings existed reads them empty: its case files then have none.
"""

from __future__ import annotations

import pandas as pd

from ..release.schema_deaths import VARIANT_FIELDS
from .accountability import proceeding_summary, step_dates
from .registry import Results, Tables, table

VARIANT_COLUMNS = {
    "victim_id": "string",
    "field": "string",
    "value": "string",
    "in_record": "string",
    "source_ids": "string",
    "n_sources": "integer",
}


def stated_values(variants: pd.DataFrame, order: pd.Series) -> pd.DataFrame:
    """One row per person, field and value a source states, with the sources that state it (`;`-separated,
    in the order of the variants table; empty for the record's own value where no source is named): the
    record's value first, then the others in the order they were entered. People follow `order` (victim id ->
    position of the case file), fields the order of the person's record (`VARIANT_FIELDS`)."""
    if variants.empty:
        return pd.DataFrame(
            {c: pd.Series(dtype="Int64" if k == "integer" else object) for c, k in VARIANT_COLUMNS.items()}
        )
    v = variants.assign(
        _person=variants["victim_id"].map(order),
        _field=variants["field"].map({f: i for i, f in enumerate(VARIANT_FIELDS)}),
        _kept=(variants["in_record"] != "yes").astype(int),
        _entered=range(len(variants)),
    )
    keys = ["victim_id", "field", "value", "in_record"]
    grouped = v.groupby(keys, sort=False, dropna=False).agg(
        source_ids=("source_id", lambda s: ";".join(s.dropna())),
        n_sources=("source_id", "count"),
        _person=("_person", "first"),
        _field=("_field", "first"),
        _kept=("_kept", "first"),
        _entered=("_entered", "min"),
    )
    out = grouped.reset_index().sort_values(["_person", "victim_id", "_field", "_kept", "_entered"], kind="stable")
    out["source_ids"] = out["source_ids"].mask(out["source_ids"] == "")
    out["n_sources"] = out["n_sources"].astype("Int64")
    return out[list(VARIANT_COLUMNS)].reset_index(drop=True)


def case_order(victims: pd.DataFrame) -> pd.Series:
    """Each person's position among the case files (the order of the per-person table), by victim id."""
    return pd.Series(range(len(victims)), index=victims["victim_id"])


def in_case_order(victims: pd.DataFrame, listed: pd.DataFrame) -> pd.DataFrame:
    """The victims table's rows, every column, in the order of the per-person table `listed` (`people.victims`)."""
    return victims.set_index("victim_id").loc[listed["victim_id"]].reset_index()


@table("case_variants", VARIANT_COLUMNS)
def case_variants_result(rel: Tables, r: Results) -> pd.DataFrame:
    """The values on which sources differ, by person and field, each with the sources that state it."""
    return stated_values(rel["variants"], case_order(r["victims"]))


PROCEEDING_COLUMNS = {
    "victim_id": "string",
    "proceeding": "string",
    "step_id": "string",
    "date": "string",
    "stage": "string",
    "names": "string",
    "source_id": "string",
    "proceeding_stage": "string",
    "proceeding_latest": "string",
}


def empty(columns: dict[str, str]) -> pd.DataFrame:
    """A result table with no rows and its declared columns."""
    kinds = {"date": "datetime64[ns]", "integer": "Int64"}
    return pd.DataFrame({c: pd.Series(dtype=kinds.get(k, object)) for c, k in columns.items()})


def person_steps(proceedings: pd.DataFrame, victims: pd.DataFrame) -> pd.DataFrame:
    """One row per person and step that names the person or the person's incident: the step's date (as given),
    stage and source, what it names (`person`, `incident` or `person;incident`), and the proceeding's current
    stage and latest dated step (`accountability.proceeding_summary`). People follow the order of `victims`;
    a person's proceedings the order of their first step in the table, their steps by date (undated last)."""
    steps = proceedings.reset_index(drop=True).rename_axis("_step").reset_index()
    by_person = steps.assign(victim_id=steps["victim_ids"].str.split(";"), _names="person").explode("victim_id")
    by_incident = steps.assign(event_id=steps["event_ids"].str.split(";"), _names="incident").explode("event_id")
    by_incident = by_incident.dropna(subset=["event_id"]).merge(victims[["victim_id", "event_id"]], on="event_id")
    position = case_order(victims)
    found = pd.concat([by_person.dropna(subset=["victim_id"]), by_incident], ignore_index=True)
    found = found[found["victim_id"].isin(position.index)]
    if found.empty:
        return empty(PROCEEDING_COLUMNS)
    names = found.groupby(["victim_id", "_step"])["_names"].agg(lambda n: ";".join(sorted(set(n), reverse=True)))
    found = found.drop_duplicates(["victim_id", "_step"]).join(names.rename("names"), on=["victim_id", "_step"])
    summary = proceeding_summary(proceedings).set_index("proceeding")
    found = found.assign(
        _person=found["victim_id"].map(position),
        _first=found.groupby(["victim_id", "proceeding"])["_step"].transform("min"),
        _day=step_dates(found),
        proceeding_stage=found["proceeding"].map(summary["stage"]),
        proceeding_latest=found["proceeding"].map(summary["latest_date"]),
    )
    found = found.sort_values(["_person", "_first", "_day", "step_id"], na_position="last")
    return found[list(PROCEEDING_COLUMNS)].reset_index(drop=True)


@table("case_proceedings", PROCEEDING_COLUMNS)
def case_proceedings_result(rel: Tables, r: Results) -> pd.DataFrame:
    """The steps of the proceedings that name each person or the person's incident."""
    return person_steps(rel["proceedings"], in_case_order(rel["victims"], r["victims"]))


INDEX_COLUMNS = {
    "victim_id": "string",
    "date_died": "date",
    "event_id": "string",
    "sources": "integer",
    "fields_disputed": "integer",
    "values_stated": "integer",
    "lists_including": "integer",
    "lists_excluding": "integer",
    "proceedings": "integer",
    "corrections": "integer",
}


def case_index(
    victims: pd.DataFrame, variants: pd.DataFrame, lists: pd.DataFrame, steps: pd.DataFrame, corrections: pd.DataFrame
) -> pd.DataFrame:
    """One row per case file, in their order (`victims`): what each holds. Sources are the person's own (the
    victims table's `source_ids`); corrections those of the person's record in the victims table."""
    ids = victims["victim_id"]

    def per_person(frame: pd.DataFrame) -> pd.Series:
        return ids.map(frame.groupby("victim_id").size()).fillna(0).astype("Int64")

    listed = lists[lists["listed"] == "yes"]
    not_listed = lists[lists["listed"] == "no"]
    own = corrections[corrections["table"] == "victims"].rename(columns={"record_id": "victim_id"})
    return pd.DataFrame(
        {
            "victim_id": ids,
            "date_died": victims["date_died"],
            "event_id": victims["event_id"],
            "sources": victims["source_ids"].str.split(";").str.len().astype("Int64"),
            "fields_disputed": per_person(variants.drop_duplicates(["victim_id", "field"])),
            "values_stated": per_person(variants),
            "lists_including": per_person(listed),
            "lists_excluding": per_person(not_listed),
            "proceedings": per_person(steps.drop_duplicates(["victim_id", "proceeding"])),
            "corrections": per_person(own),
        }
    ).reset_index(drop=True)


@table("case_files", INDEX_COLUMNS)
def case_files_result(rel: Tables, r: Results) -> pd.DataFrame:
    """One row per person's case file, in the order of the case files, with what it holds."""
    return case_index(
        in_case_order(rel["victims"], r["victims"]),
        rel["variants"],
        rel["lists"],
        r["case_proceedings"],
        rel["corrections"],
    )

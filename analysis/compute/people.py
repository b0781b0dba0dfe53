"""Who died: ages, sex, minors, mechanisms and alleged forces, and the list of victims."""

from __future__ import annotations

import pandas as pd

from ..release.schema import FORCES, MECHANISMS
from .registry import Results, Tables, result, table
from .trajectory import death_date

AGE_BINS = [0, 18, 25, 35, 45, 60, 200]
AGE_LABELS = ["0-17", "18-24", "25-34", "35-44", "45-59", "60+"]


def age_groups(victims: pd.DataFrame) -> pd.DataFrame:
    """Deaths per age group and sex (M, F, unknown); people of unknown age form their own group."""
    groups = pd.cut(victims["age"].astype("float"), bins=AGE_BINS, labels=AGE_LABELS, right=False)
    groups = groups.cat.add_categories(["unknown"]).fillna("unknown").rename("age_group")
    sex = victims["sex"].fillna("unknown").rename("sex")
    table = pd.crosstab(groups, sex).reindex(index=AGE_LABELS + ["unknown"], fill_value=0)
    table = table.reindex(columns=["M", "F", "unknown"], fill_value=0)
    table.columns.name = None
    table["total"] = table.sum(axis=1)
    return table.rename_axis("age_group").reset_index()


@table("ages", {"age_group": "string", "M": "integer", "F": "integer", "unknown": "integer", "total": "integer"})
def ages_result(rel: Tables, r: Results) -> pd.DataFrame:
    """Deaths by age group and sex (figure 6)."""
    return age_groups(rel["victims"])


def age_summary(victims: pd.DataFrame) -> dict:
    """Median, youngest and oldest age, number of minors (under 18) and of people of unknown age."""
    ages = victims["age"].dropna().astype(int)
    return {
        "known": len(ages),
        "unknown": int(victims["age"].isna().sum()),
        "median": float(ages.median()) if len(ages) else float("nan"),
        "youngest": int(ages.min()) if len(ages) else None,
        "oldest": int(ages.max()) if len(ages) else None,
        "minors": int((ages < 18).sum()),
        "women": int((victims["sex"] == "F").sum()),
        "men": int((victims["sex"] == "M").sum()),
    }


@result("age_summary")
def age_summary_result(rel: Tables, r: Results) -> dict:
    """Ages, minors and sex of the people who died."""
    return age_summary(rel["victims"])


def mechanism_by_force(victims: pd.DataFrame) -> pd.DataFrame:
    """Deaths by mechanism (rows, in schema order) and alleged force (columns), with totals."""
    table = pd.crosstab(victims["mechanism"], victims["alleged_force"]).reindex(
        index=MECHANISMS, columns=FORCES, fill_value=0
    )
    table = table[table.sum(axis=1) > 0]
    table.columns.name = None
    table["total"] = table.sum(axis=1)
    return table.rename_axis("mechanism").reset_index()


@table("mechanisms", {"mechanism": "string", **{force: "integer" for force in FORCES}, "total": "integer"})
def mechanisms_result(rel: Tables, r: Results) -> pd.DataFrame:
    """Deaths by cause and alleged force."""
    return mechanism_by_force(rel["victims"])


def victims_list(victims: pd.DataFrame, regions: pd.DataFrame) -> pd.DataFrame:
    """Every victim, by date of death then id, with the department's name for display.

    People whom no source gives a date of death are listed last, by the date their death was first
    reported (the date the counts by day use for them), then by id.
    """
    names = regions.set_index("ubigeo")["department"]
    columns = [
        "victim_id",
        "name",
        "age",
        "sex",
        "date_died",
        "date_first_reported",
        "department",
        "province",
        "district",
        "category",
        "mechanism",
        "alleged_force",
        "confidence",
        "source_ids",
    ]
    out = (
        victims[columns]
        .assign(_undated=victims["date_died"].isna(), _order=death_date(victims))
        .sort_values(["_undated", "_order", "victim_id"], kind="stable")
        .drop(columns=["_undated", "_order"])
        .reset_index(drop=True)
    )
    out["department_name"] = out["department"].map(names)
    return out


@result("victims")
def victims_result(rel: Tables, r: Results) -> pd.DataFrame:
    """The people who died, in the order the report lists them."""
    return victims_list(rel["victims"], rel["regions"])

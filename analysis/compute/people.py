"""Who died: ages, sex, minors, mechanisms and alleged forces, and the list of victims."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..release.schema import FORCES, MECHANISMS
from .trajectory import death_date

AGE_BINS = [0, 18, 25, 35, 45, 60, 200]
AGE_LABELS = ["0-17", "18-24", "25-34", "35-44", "45-59", "60+"]


def age_groups(victims: pd.DataFrame) -> pd.DataFrame:
    """Deaths per age group and sex; people of unknown age form their own group."""
    groups = pd.cut(victims["age"].astype("float"), bins=AGE_BINS, labels=AGE_LABELS, right=False)
    groups = groups.cat.add_categories(["unknown"]).fillna("unknown").rename("age_group")
    sex = victims["sex"].fillna("unknown").rename("sex")
    table = pd.crosstab(groups, sex).reindex(index=AGE_LABELS + ["unknown"], fill_value=0)
    table = table.reindex(
        columns=[c for c in ["M", "F", "unknown"] if c in table.columns or c != "unknown"], fill_value=0
    )
    table.columns.name = None
    table["total"] = table.sum(axis=1)
    return table.rename_axis("age_group").reset_index()


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


def mechanism_by_force(victims: pd.DataFrame) -> pd.DataFrame:
    """Deaths by mechanism (rows, in schema order) and alleged force (columns), with totals."""
    table = pd.crosstab(victims["mechanism"], victims["alleged_force"]).reindex(
        index=MECHANISMS, columns=FORCES, fill_value=0
    )
    table = table[table.sum(axis=1) > 0]
    table.columns.name = None
    table["total"] = table.sum(axis=1)
    return table.rename_axis("mechanism").reset_index()


def victims_list(victims: pd.DataFrame, regions: pd.DataFrame) -> pd.DataFrame:
    """Every victim, by date of death then id, with the department's name for display."""
    names = regions.set_index("ubigeo")["department"]
    columns = [
        "victim_id",
        "name",
        "age",
        "date_died",
        "date_first_reported",
        "department",
        "province",
        "district",
        "category",
        "source_ids",
    ]
    order = death_date(victims)
    if victims["victim_id"].is_monotonic_increasing:  # rows in id order: a stable sort by date is enough
        out = victims[columns].iloc[np.argsort(order.to_numpy(), kind="stable")]
    else:
        out = victims[columns].assign(_order=order).sort_values(["_order", "victim_id"]).drop(columns="_order")
    out = out.reset_index(drop=True)
    out["department_name"] = out["department"].map(names)
    return out

"""The regional results under three inclusion definitions, with and without the two largest incidents:
the Indigenous-majority claim (`regions.indigenous_majority`) and the Indigenous share's rate ratio in the
joint Poisson model with its dispersion-scaled profile-likelihood interval (`department_models`)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..release.schema import CATEGORIES
from . import department_models
from .regions import COVARIATE_STEP, indigenous_majority
from .registry import REGIONAL, Results, Tables, table

INCLUSION = {
    "clashes": ["clash_civilian"],
    "clashes_roadblocks": ["clash_civilian", "roadblock_related"],
    "all": CATEGORIES,
}


def largest_events(victims: pd.DataFrame, n: int = 2) -> list[str]:
    """The `n` events with most deaths in this record (ties broken by event id)."""
    counts = victims["event_id"].dropna().value_counts().rename_axis("event_id").reset_index(name="deaths")
    return counts.sort_values(["deaths", "event_id"], ascending=[False, True]).head(n)["event_id"].tolist()


def indigenous_profile(victims: pd.DataFrame, regions: pd.DataFrame) -> dict:
    """IRR of Indigenous share (per 10 points) in the joint Poisson model, with the profile-likelihood
    interval scaled by the Pearson dispersion if above 1 (`department_models.profile_interval`); nan without deaths."""
    counts = regions["ubigeo"].map(victims["department"].value_counts()).fillna(0)
    frame = pd.DataFrame({"y": counts.to_numpy(dtype=float)})
    for name, column in department_models.COVARIATES.items():
        frame[name] = regions[column].to_numpy(dtype=float) / COVARIATE_STEP
    frame["offset"] = np.log(regions["pop_2022"].to_numpy(dtype=float))
    terms, term = list(department_models.COVARIATES), "indigenous_10pt"
    if frame["y"].sum() == 0:
        return {"irr": float("nan"), "low": float("nan"), "high": float("nan")}
    fit = department_models.fit_poisson(frame, terms)
    # A dispersion below 1 (a near-perfect fit of a few deaths) would narrow the interval: scale by 1 then.
    scale = max(1.0, float(fit.pearson_chi2 / fit.df_resid))
    low, high = department_models.profile_interval(frame, terms, term, scale=scale)
    return {"irr": float(np.exp(fit.params[term])), "low": float(np.exp(low)), "high": float(np.exp(high))}


def sensitivity(victims: pd.DataFrame, regions: pd.DataFrame) -> pd.DataFrame:
    """Regional results under three inclusion definitions, with and without the two largest incidents."""
    victims = victims[["department", "category", "event_id"]]
    largest_incidents = largest_events(victims)
    rows = []
    for definition, categories in INCLUSION.items():
        for without in (False, True):
            subset = victims[victims["category"].isin(categories)]
            if without:
                subset = subset[~subset["event_id"].isin(largest_incidents)]
            claim = indigenous_majority(subset, regions)
            profile = indigenous_profile(subset, regions)
            rows.append(
                {
                    "definition": definition,
                    "largest_incidents": "excluded" if without else "included",
                    "deaths": len(subset),
                    "share_deaths_indigenous_majority": claim["share_deaths"],
                    "rr_indigenous_majority": claim["rate_ratio"],
                    "rr_low": claim["rate_ratio_low"],
                    "rr_high": claim["rate_ratio_high"],
                    "irr_indigenous_10pt_poisson": profile["irr"],
                    "irr_indigenous_10pt_qprofile_low": profile["low"],
                    "irr_indigenous_10pt_qprofile_high": profile["high"],
                }
            )
    table = pd.DataFrame(rows)
    table.attrs["largest_incidents"] = largest_incidents
    return table


@table(
    "sensitivity",
    {
        "definition": "string",
        "largest_incidents": "string",
        "deaths": "integer",
        "share_deaths_indigenous_majority": "number",
        "rr_indigenous_majority": "number",
        "rr_low": "number",
        "rr_high": "number",
        "irr_indigenous_10pt_poisson": "number",
        "irr_indigenous_10pt_qprofile_low": "number",
        "irr_indigenous_10pt_qprofile_high": "number",
    },
    job=REGIONAL,
)
def sensitivity_result(rel: Tables, r: Results) -> pd.DataFrame:
    """Regional results under three inclusion rules, with and without the two largest incidents."""
    return sensitivity(rel["victims"], rel["regions"])

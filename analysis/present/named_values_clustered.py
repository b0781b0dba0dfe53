"""Named values of the incident-level and clustered-uncertainty results (issue 17) for the prose.

Everything here reads the results of the worker job `registry.CLUSTERED` (fitted in a build's
worker). Each headline comparison gets one prefix (`GROUPS`): `top_rate` for the department with the
highest death rate, `indig` for the Indigenous-majority departments; their person-level ratios with the
exact interval are the existing `top_rate_rr_*` and `indig_rate_ratio*` values of `named_values`.
"""

from __future__ import annotations

import pandas as pd

from ..compute.regions import COVARIATE_STEP
from ..release.load import Release
from .i18n import LANGS, localized
from .values import Values

GROUPS = {"top_rate_department": "top_rate", "indigenous_majority": "indig"}
NONE = {"en": "none", "es": "ninguno"}


def names_list(names: list[str]) -> dict[str, str]:
    """Department names joined for prose in each edition ("none" / "ninguno" if there are none)."""
    return {lang: ", ".join(names) if names else NONE[lang] for lang in LANGS}


def incident_name(events: pd.DataFrame, incident_id: str) -> dict[str, str]:
    """An incident's event name in each edition (its id if it is a death linked to no event)."""
    return {lang: localized(events, lang).set_index("event_id")["name"].get(incident_id, incident_id) for lang in LANGS}


def clustering_values(val: Values, c: dict) -> None:
    """Fatal incidents, the variance inflation phi and the effective number of independent events."""
    k = c["clustering"]
    val.number("n_incidents", k["incidents"])
    val.count("phrase_incidents", k["incidents"], "fatal_incident")
    val.number("phi", k["phi"], 1)
    val.number("effective_n", k["effective_n"], 1, unit="incident")
    val.number("largest_incident_deaths", k["largest"], unit="death")
    val.number("largest_incident_share", 100 * k["largest_share"], 1)
    val.number("unlinked_deaths", c["incidents"].attrs.get("unlinked", 0))
    boot = c["bootstrap"]
    val.number("boot_replicates", boot["replicates"].iloc[0])
    val.number("boot_seed", boot["seed"].iloc[0])


def comparison_values(val: Values, c: dict, events: pd.DataFrame) -> None:
    """Per headline comparison: incident-level ratio, clustered intervals, jackknife range, 2017 census
    denominator and low/high counts."""
    ratios = c["incident_rate_ratios"].set_index(["group", "unit"])
    boot = c["bootstrap"].set_index(["group", "statistic"])
    quasi = c["quasi_poisson"].set_index(["group", "statistic"])
    jack = c["jackknife"].set_index("statistic")
    census = c["denominators"].set_index(["population", "group"])
    scenarios = c["scenarios"].set_index(["scenario", "group"])
    for group, p in GROUPS.items():
        incidents = ratios.loc[(group, "incidents")]
        val.number(f"{p}_incidents", incidents["count_group"])
        val.number(f"{p}_incidents_rest", incidents["count_rest"])
        val.count(f"{p}_incidents_phrase", int(incidents["count_group"]), "fatal_incident")
        for key, column in (("", "rate_ratio"), ("_low", "low"), ("_high", "high")):
            val.number(f"{p}_inc_rr{key}", incidents[column], 1)
        for statistic, key in (("rate_ratio", "rr"), ("share_deaths", "share")):
            val.number(f"{p}_boot_{key}_low", boot.at[(group, statistic), "low"], 1)
            val.number(f"{p}_boot_{key}_high", boot.at[(group, statistic), "high"], 1)
        val.number(f"{p}_quasi_rr_low", quasi.at[(group, "rate_ratio"), "quasi_low"], 1)
        val.number(f"{p}_quasi_rr_high", quasi.at[(group, "rate_ratio"), "quasi_high"], 1)
        row = jack.loc[f"{group}_rate_ratio"]
        val.number(f"{p}_jack_rr_min", row["min"], 1)
        val.number(f"{p}_jack_rr_max", row["max"], 1)
        val.text(f"{p}_jack_rr_min_incident", incident_name(events, row["incident_at_min"]))
        val.number(f"{p}_rr_census", census.at[("pop_2017_census", group), "rate_ratio"], 1)
        for scenario in ("low", "high", "civilians"):
            val.number(f"{p}_rr_{scenario}_count", scenarios.at[(scenario, group), "rate_ratio"], 1)


def scenario_values(val: Values, c: dict) -> None:
    """Deaths and fatal incidents counted under each scenario."""
    s = c["scenarios"].drop_duplicates("scenario").set_index("scenario")
    for scenario in ("low", "best", "high", "civilians"):
        val.count(f"scenario_{scenario}_deaths", int(s.at[scenario, "deaths"]), "death")
        val.number(f"scenario_{scenario}_incidents", s.at[scenario, "incidents"])


def lists_values(val: Values, lists: pd.DataFrame, crosswalk: pd.DataFrame) -> None:
    """People of the record known to be on two or more of the published lists (capture-recapture needs them),
    and the number of lists the crosswalk table shows."""
    listed = lists[lists["listed"] == "yes"].groupby("victim_id").size()
    val.number("people_on_two_lists", int((listed >= 2).sum()), unit="person")
    val.number("n_lists", len(crosswalk))


def model_values(val: Values, c: dict) -> None:
    """The department model: single-covariate and joint IRRs with profile-likelihood intervals
    (plain and scaled by the Pearson dispersion), the negative binomial's, permutation p-values, and
    the joint model of fatal incidents."""
    m = c["model_intervals"].set_index(["outcome", "model", "term", "method"])
    terms = {"indigenous_10pt": "indig", "castillo_10pt": "castillo"}
    for outcome, o in (("deaths", "glm"), ("incidents", "glm_inc")):
        for model, term in (("indigenous", "indigenous_10pt"), ("castillo", "castillo_10pt")):
            val.number(f"{o}_alone_{terms[term]}_irr", m.at[(outcome, model, term, "wald"), "irr"], 2)
        for term, t in terms.items():
            val.number(f"{o}_joint_{t}_irr", m.at[(outcome, "joint", term, "wald"), "irr"], 2)
            for method, key in (("profile", "profile"), ("profile_quasi", "qprofile"), ("negbin", "nb")):
                val.number(f"{o}_joint_{t}_{key}_low", m.at[(outcome, "joint", term, method), "low"], 2)
                val.number(f"{o}_joint_{t}_{key}_high", m.at[(outcome, "joint", term, method), "high"], 2)
            val.number(f"{o}_joint_{t}_qprofile_p", m.at[(outcome, "joint", term, "profile_quasi"), "p"], 3)
    val.number("glm_joint_dispersion", m.at[("deaths", "joint", "indigenous_10pt", "wald"), "pearson_dispersion"], 1)
    perm = c["permutations"].set_index(["outcome", "model", "term"])
    for outcome, o in (("deaths", "perm"), ("incidents", "perm_inc")):
        val.number(f"{o}_alone_indig_p", perm.at[(outcome, "indigenous", "indigenous_10pt"), "p"], 3)
        val.number(f"{o}_alone_castillo_p", perm.at[(outcome, "castillo", "castillo_10pt"), "p"], 3)
    val.number("covariate_step", COVARIATE_STEP)
    shuffles = int(c["permutations"]["permutations"].iloc[0])
    val.number("perm_shuffles", shuffles)
    val.number("perm_resolution", 1 / (1 + shuffles), 3)


def lag_values(val: Values, c: dict) -> None:
    """Late first reports with their denominator, overall and for the deaths linked to roadblocks."""
    lag = c["reporting_lag"].set_index("category")
    total = lag.loc["total"]
    val.number("lag_late", total["late"])
    val.number("lag_with_both_dates", total["with_both_dates"])
    val.number("lag_with_first_report", total["with_first_report"])
    val.number("lag_people", total["people"], unit="person")
    for category, key in (("roadblock_related", "roadblock"), ("clash_civilian", "clash")):
        row = lag.loc[category] if category in lag.index else None
        val.number(f"lag_{key}_late", row["late"] if row is not None else 0)
        val.number(f"lag_{key}_known", row["with_both_dates"] if row is not None else 0, unit=category)
        val.number(f"lag_{key}_max", row["max_lag"] if row is not None else None, unit="day")


def window_values(val: Values, c: dict) -> None:
    """How far the wave ratio moves across windows, in fatal incidents and in deaths."""
    w = c["windows"]
    val.number("windows_n", len(w) // 2)
    for unit, key in (("incidents", "inc"), ("deaths", "deaths")):
        ratios = w.loc[w["unit"] == unit, "ratio"]
        val.number(f"windows_{key}_min", ratios.min(), 2)
        val.number(f"windows_{key}_max", ratios.max(), 2)


def funnel_values(val: Values, c: dict) -> None:
    """Which departments fall outside the funnel's limits, Poisson and widened."""
    f = c["funnel"]
    val.number("funnel_level_high", 100 * max(f.attrs["levels"]), 1)
    val.number("funnel_zero_departments", int((f["deaths"] == 0).sum()))
    for flag, key in (
        ("flag998_od", "above_od998"),
        ("flag95_od", "above_od95"),
        ("flag998", "above_998"),
        ("flag95", "above_95"),
    ):
        val.text(f"funnel_{key}", names_list(f.loc[f[flag] == "above", "department"].tolist()))
    val.text("funnel_below_95", names_list(f.loc[f["flag95"] == "below", "department"].tolist()))
    val.text("funnel_below_od95", names_list(f.loc[f["flag95_od"] == "below", "department"].tolist()))


def clustered_values(val: Values, rel: Release, r: dict) -> None:
    """Every named value of the incident-level and clustered results."""
    c = r
    clustering_values(val, c)
    comparison_values(val, c, r["events"])
    scenario_values(val, c)
    lists_values(val, rel["lists"], r["crosswalk"])
    model_values(val, c)
    lag_values(val, c)
    window_values(val, c)
    funnel_values(val, c)

"""Regional comparisons counted in fatal incidents and with intervals that respect the clustering of deaths:
the headline comparisons four ways, the count scenarios and other sensitivity rows, and the department models.

Each headline comparison has a prefix (`GROUPS`): `top_rate` for the department with the highest death rate,
`indig` for the Indigenous-majority departments; their person-level ratios with the exact interval are the
`top_rate_rr_*` and `indig_rate_ratio*` values of `regions`.
"""

from __future__ import annotations

import pandas as pd

from ...compute.regions import COVARIATE_STEP
from ...release.load import Release
from .. import i18n
from ..i18n import LANGS, localized
from ..markdown import caption, ci, interval, markdown_table
from ..values import Values

# group -> (prefix of its named values, the definitions its comparison rests on)
GROUPS = {
    "top_rate_department": ("top_rate", ("rate_ratio", "exact", "incident")),
    "indigenous_majority": ("indig", ("indigenous", "rate_ratio", "exact", "share")),
}
MODEL_TERMS = {"indigenous_10pt": "indig", "castillo_10pt": "castillo"}


def t(table: str, key: str, lang: str, **fill: object) -> str:
    """A word of one of this section's tables (`tables.<table>.<key>` in the text files)."""
    return i18n.text(f"tables.{table}.{key}", lang, **fill)


def incident_name(events: pd.DataFrame, incident_id: str) -> dict[str, str]:
    """An incident's event name in each edition (its id if it is a death linked to no event)."""
    return {lang: localized(events, lang).set_index("event_id")["name"].get(incident_id, incident_id) for lang in LANGS}


def clustering_values(val: Values, r: dict) -> None:
    """Fatal incidents, the variance inflation phi and the effective number of independent events."""
    k = r["clustering"]
    incidents = val.resting_on("incident", "share")
    incidents.count("phrase_incidents", k["incidents"], "fatal_incident")
    val.number("phi", k["phi"], 1, rests_on=("phi",))
    val.number("effective_n", k["effective_n"], 1, unit="incident", rests_on=("phi",))
    incidents.number("largest_incident_deaths", k["largest"], unit="death")
    incidents.number("largest_incident_share", 100 * k["largest_share"], 1)
    boot = r["bootstrap"]
    val.number("boot_replicates", boot["replicates"].iloc[0], rests_on=("bootstrap",))
    val.number("boot_seed", boot["seed"].iloc[0], rests_on=("bootstrap",))


def comparison_values(val: Values, r: dict) -> None:
    """Per headline comparison: incident-level ratio, clustered intervals, jackknife range, 2017 census
    denominator and low/high counts."""
    ratios = r["incident_rate_ratios"].set_index(["group", "unit"])
    boot = r["bootstrap"].set_index(["group", "statistic"])
    quasi = r["quasi_poisson"].set_index(["group", "statistic"])
    jack = r["jackknife"].set_index("statistic")
    census = r["denominators"].set_index(["population", "group"])
    scenarios = r["scenarios"].set_index(["scenario", "group"])
    for group, (p, rests_on) in GROUPS.items():
        compared = val.resting_on(*rests_on)
        incidents = ratios.loc[(group, "incidents")]
        compared.number(f"{p}_incidents_rest", incidents["count_rest"])
        compared.count(f"{p}_incidents_phrase", int(incidents["count_group"]), "fatal_incident")
        for key, column in (("", "rate_ratio"), ("_low", "low"), ("_high", "high")):
            compared.number(f"{p}_inc_rr{key}", incidents[column], 1)
        val.number(f"{p}_boot_rr_low", boot.at[(group, "rate_ratio"), "low"], 1, rests_on=("bootstrap",))
        val.number(f"{p}_boot_rr_high", boot.at[(group, "rate_ratio"), "high"], 1, rests_on=("bootstrap",))
        left_out = val.resting_on("jackknife")
        row = jack.loc[f"{group}_rate_ratio"]
        left_out.number(f"{p}_jack_rr_min", row["min"], 1)
        left_out.number(f"{p}_jack_rr_max", row["max"], 1)
        counts = val.resting_on("scenarios", "rate_ratio")
        counts.number(f"{p}_rr_census", census.at[("pop_2017_census", group), "rate_ratio"], 1)
        for scenario in ("low", "high", "civilians"):
            counts.number(f"{p}_rr_{scenario}_count", scenarios.at[(scenario, group), "rate_ratio"], 1)
    top, indig = GROUPS  # what the prose says of one comparison only
    val.number("top_rate_quasi_rr_low", quasi.at[(top, "rate_ratio"), "quasi_low"], 1, rests_on=("phi",))
    val.number("top_rate_quasi_rr_high", quasi.at[(top, "rate_ratio"), "quasi_high"], 1, rests_on=("phi",))
    removed = jack.at[f"{top}_rate_ratio", "incident_at_min"]
    val.text("top_rate_jack_rr_min_incident", incident_name(r["events"], removed), rests_on=("jackknife",))
    val.number("indig_boot_share_low", boot.at[(indig, "share_deaths"), "low"], 1, rests_on=("bootstrap",))
    val.number("indig_boot_share_high", boot.at[(indig, "share_deaths"), "high"], 1, rests_on=("bootstrap",))


def scenario_values(val: Values, r: dict) -> None:
    """Deaths counted under each scenario."""
    val = val.resting_on("scenarios", "rate_ratio")
    s = r["scenarios"].drop_duplicates("scenario").set_index("scenario")
    for scenario in ("low", "best", "high", "civilians"):
        val.count(f"scenario_{scenario}_deaths", int(s.at[scenario, "deaths"]), "death")


def model_values(val: Values, r: dict) -> None:
    """The department models: each covariate's IRR alone and in the joint model, the joint model's Indigenous
    share with its profile-likelihood intervals (plain and scaled by the Pearson dispersion) and the negative
    binomial's, the joint model of fatal incidents, and the single-covariate models' permutation p-values."""
    model = val.resting_on("model")
    m = r["model_intervals"].set_index(["outcome", "model", "term", "method"])
    for name, term in (("indigenous", "indigenous_10pt"), ("castillo", "castillo_10pt")):
        model.number(f"glm_alone_{MODEL_TERMS[term]}_irr", m.at[("deaths", name, term, "wald"), "irr"], 2)
        model.number(f"glm_joint_{MODEL_TERMS[term]}_irr", m.at[("deaths", "joint", term, "wald"), "irr"], 2)
    for method, key in (("profile", "profile"), ("profile_quasi", "qprofile"), ("negbin", "nb")):
        model.number(f"glm_joint_indig_{key}_low", m.at[("deaths", "joint", "indigenous_10pt", method), "low"], 2)
        model.number(f"glm_joint_indig_{key}_high", m.at[("deaths", "joint", "indigenous_10pt", method), "high"], 2)
    dispersion = m.at[("deaths", "joint", "indigenous_10pt", "wald"), "pearson_dispersion"]
    model.number("glm_joint_dispersion", dispersion, 1)
    incidents = ("incidents", "joint", "indigenous_10pt")
    model.number("glm_inc_joint_indig_irr", m.at[(*incidents, "wald"), "irr"], 2)
    model.number("glm_inc_joint_indig_qprofile_low", m.at[(*incidents, "profile_quasi"), "low"], 2)
    model.number("glm_inc_joint_indig_qprofile_high", m.at[(*incidents, "profile_quasi"), "high"], 2)
    model.number("covariate_step", COVARIATE_STEP)
    shuffled = val.resting_on("permutation")
    perm = r["permutations"].set_index(["outcome", "model", "term"])
    for name, term in (("indigenous", "indigenous_10pt"), ("castillo", "castillo_10pt")):
        shuffled.number(f"perm_alone_{MODEL_TERMS[term]}_p", perm.at[("deaths", name, term), "p"], 3)
    shuffles = int(r["permutations"]["permutations"].iloc[0])
    shuffled.number("perm_shuffles", shuffles)
    shuffled.number("perm_resolution", 1 / (1 + shuffles), 3)


def values(val: Values, rel: Release, r: dict) -> None:
    """The named values of the incident-level and clustered results and of the department models."""
    clustering_values(val, r)
    comparison_values(val, r)
    scenario_values(val, r)
    model_values(val, r)


def top_department(r: dict) -> str:
    """Name of the department with the highest death rate (the headline comparison's group)."""
    code = r["groups"]["top_rate_department"][0]
    return r["departments"].set_index("ubigeo").at[code, "department"]


def table_comparisons(r: dict, lang: str) -> str:
    """Each headline comparison as a rate ratio counted in deaths and in incidents, with four intervals."""
    ratios = r["incident_rate_ratios"].set_index(["group", "unit"])
    boot = r["bootstrap"].set_index(["group", "statistic"])
    quasi = r["quasi_poisson"].set_index(["group", "statistic"])
    phi = i18n.number(r["clustering"]["phi"], lang, 1)
    n = i18n.number(int(boot["replicates"].iloc[0]), lang)

    def w(key: str, **fill: object) -> str:
        return t("comparisons", key, lang, **fill)

    rows = []
    for group in r["groups"]:
        name = w(f"group_{group}", dept=top_department(r))
        deaths, incidents = ratios.loc[(group, "deaths")], ratios.loc[(group, "incidents")]
        counts = {u: f"{int(x['count_group'])} / {int(x['count_rest'])}" for u, x in (("d", deaths), ("i", incidents))}
        b, q = boot.loc[(group, "rate_ratio")], quasi.loc[(group, "rate_ratio")]
        rows += [
            [name, w("deaths"), counts["d"], w("exact_deaths"), deaths["rate_ratio"], deaths["low"], deaths["high"]],
            ["", w("incidents"), counts["i"], w("exact_incidents"), *incidents[["rate_ratio", "low", "high"]]],
            ["", w("deaths"), counts["d"], w("bootstrap", n=n), b["estimate"], b["low"], b["high"]],
            ["", w("deaths"), counts["d"], w("quasi", phi=phi), q["estimate"], q["quasi_low"], q["quasi_high"]],
        ]
    frame = pd.DataFrame(rows, columns=["group", "unit", "counts", "kind", "ratio", "low", "high"])
    frame["ci"] = [interval(lo, hi, lang) for lo, hi in zip(frame["low"], frame["high"])]
    frame = frame.drop(columns=["low", "high"])
    headers = [w(k) for k in ("comparison", "counted", "counts", "interval_kind", "ratio", "ci95")]
    return markdown_table(
        frame,
        headers,
        caption("comparisons", lang),
        "tbl-comparisons",
        lang,
        decimals={"ratio": 1},
        align={"counts": "right", "ci": "right"},
    )


def table_glm(r: dict, lang: str) -> str:
    """The department models: each covariate alone and both together, deaths and incidents, by method."""
    m = r["model_intervals"].set_index(["outcome", "model", "term", "method"])
    perm = r["permutations"].set_index(["outcome", "model", "term"])
    rows = []
    for outcome in ("deaths", "incidents"):
        for model, term in (
            ("indigenous", "indigenous_10pt"),
            ("castillo", "castillo_10pt"),
            ("joint", "indigenous_10pt"),
            ("joint", "castillo_10pt"),
        ):
            key = (outcome, model, term)
            profile, scaled, nb = (m.loc[(*key, method)] for method in ("profile", "profile_quasi", "negbin"))
            rows.append(
                [
                    t("glm", outcome, lang).capitalize() if model == "indigenous" else "",
                    t("glm", f"{term}_{'joint' if model == 'joint' else 'alone'}", lang),
                    profile["irr"],
                    interval(profile["low"], profile["high"], lang, 2),
                    interval(scaled["low"], scaled["high"], lang, 2),
                    ci(nb["irr"], nb["low"], nb["high"], lang, 2),
                    perm.at[key, "p"] if key in perm.index else None,
                ]
            )
    frame = pd.DataFrame(rows, columns=["outcome", "term", "irr", "profile", "scaled", "nb", "p"])
    shuffles = int(r["permutations"]["permutations"].iloc[0])
    text = caption("glm", lang, n=i18n.number(shuffles, lang), res=i18n.number(1 / (1 + shuffles), lang, 3))
    headers = [t("glm", k, lang) for k in ("outcome", "term", "irr", "profile", "profile_quasi", "negbin", "perm_p")]
    return markdown_table(
        frame,
        headers,
        text,
        "tbl-glm",
        lang,
        decimals={"irr": 2, "p": 3},
        align={"profile": "right", "scaled": "right", "nb": "right", "p": "right"},
    )


def table_scenarios(r: dict, lang: str) -> str:
    """The headline comparisons under low/best/high counts, 2017 census populations, and leave-one-incident-out."""
    s = r["scenarios"].set_index(["scenario", "group"])
    census = r["denominators"].set_index(["population", "group"])

    def row(variant: str, deaths: str, incidents: str, top: pd.Series, ind: pd.Series) -> list[str]:
        return [
            variant,
            deaths,
            incidents,
            ci(top["rate_ratio"], top["rate_ratio_low"], top["rate_ratio_high"], lang),
            ci(ind["rate_ratio"], ind["rate_ratio_low"], ind["rate_ratio_high"], lang),
            i18n.number(ind["share_deaths"], lang, 1),
        ]

    rows = []
    for scenario in ("low", "best", "high", "civilians"):
        top, ind = s.loc[(scenario, "top_rate_department")], s.loc[(scenario, "indigenous_majority")]
        variant = t("scenarios", f"scenario_{scenario}", lang)
        rows.append(row(variant, str(int(top["deaths"])), str(int(top["incidents"])), top, ind))
    best = s.loc[("best", "top_rate_department")]
    top, ind = (census.loc[("pop_2017_census", g)] for g in ("top_rate_department", "indigenous_majority"))
    rows.append(row(t("scenarios", "census", lang), str(int(best["deaths"])), str(int(best["incidents"])), top, ind))
    jack = r["jackknife"].set_index("statistic")

    def span(statistic: str, decimals: int = 1) -> str:
        return interval(jack.at[statistic, "min"], jack.at[statistic, "max"], lang, decimals)

    rows.append(
        [
            t("scenarios", "jackknife", lang),
            span("deaths", 0),
            str(int(best["incidents"]) - 1),
            span("top_rate_department_rate_ratio"),
            span("indigenous_majority_rate_ratio"),
            span("indigenous_majority_share_deaths"),
        ]
    )
    frame = pd.DataFrame(rows, columns=["variant", "deaths", "incidents", "top", "indig", "share"])
    headers = [t("scenarios", k, lang) for k in ("variant", "n_deaths", "n_incidents")]
    headers += [t("scenarios", "rr_top", lang, dept=top_department(r))]
    headers += [t("scenarios", k, lang) for k in ("rr_indig", "share_indig")]
    right = {k: "right" for k in ("deaths", "incidents", "top", "indig", "share")}
    return markdown_table(frame, headers, caption("scenarios", lang), "tbl-scenarios", lang, align=right)


def tables(rel: Release, r: dict, lang: str) -> dict[str, str]:
    """The tables of the headline comparisons, the count scenarios and the department models."""
    return {"comparisons": table_comparisons(r, lang), "glm": table_glm(r, lang), "scenarios": table_scenarios(r, lang)}

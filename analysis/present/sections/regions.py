"""Regional comparisons: deaths and rates by department and macro-region, the Indigenous-majority departments,
Amnesty International's claim against this record, what the map and the funnel plot show, and the regional
results under other inclusion rules (the incident-level comparisons and the models: `regional_models`)."""

from __future__ import annotations

import pandas as pd

from ...compute.regions import SOUTH
from ...release.load import Release
from ...release.schema import CATEGORIES
from .. import i18n
from ..i18n import LANGS, header, localized
from ..markdown import caption, ci, interval, markdown_table
from ..values import Values

SHARE = i18n.DECIMALS["share"]
MAP_LEVELS = ("district", "province", "department")  # how the map places incidents (compute.incident_places)


def rate_values(val: Values, r: dict) -> None:
    """Departments with deaths, the department with the most deaths and the one with the highest rate, the
    national rate, and the Indigenous-majority departments against the others."""
    dep = r["departments"]
    counted = val.resting_on("counted", "share")
    counted.number("departments_with_deaths", int((dep["total"] > 0).sum()), unit="department")
    counted.count("n_departments", len(dep), "department")
    top = dep.sort_values(["total", "ubigeo"], ascending=[False, True]).iloc[0]
    counted.text("top_department", top["department"])
    counted.count("top_department_deaths", int(top["total"]), "death")
    counted.number("top_department_share_deaths", top["share_deaths"], SHARE)
    counted.number("top_department_share_population", top["share_population"], SHARE)
    hi = dep.sort_values(["rate", "ubigeo"], ascending=[False, True]).iloc[0]
    ratios = val.resting_on("rate_ratio", "exact", "incident")
    ratios.text("top_rate_department", hi["department"])
    val.number("top_rate_rate", hi["rate"], i18n.DECIMALS["rate"], rests_on=("rate",))
    for key in ("rr_rest", "rr_low", "rr_high"):
        ratios.number(f"top_rate_{key}", hi[key], i18n.DECIMALS["rate_ratio"])
    national = 100_000 * dep["total"].sum() / dep["pop_2022"].sum()
    val.number("national_rate", national, i18n.DECIMALS["rate"], rests_on=("rate",))
    ind = r["indigenous_majority"]
    indig = val.resting_on("indigenous", "rate_ratio", "exact", "share")
    indig.number("indig_threshold", ind["threshold"])
    indig.number("indig_n_departments", ind["n_departments"], unit="department")
    indig.text("indig_departments", ", ".join(ind["departments"]))
    indig.number("indig_deaths", ind["deaths"], unit="death")
    indig.number("indig_share_deaths", ind["share_deaths"], SHARE)
    indig.number("indig_share_population", ind["share_population"], SHARE)
    for key in ("rate_ratio", "rate_ratio_low", "rate_ratio_high"):
        indig.number(f"indig_{key}", ind[key], 1)
    val.number("glm_corr", r["covariate_correlation"], 2, rests_on=("model",))


def amnesty_values(val: Values, r: dict) -> None:
    """Amnesty International's claim of a share of deaths in Indigenous-majority regions, and this record's
    shares of all deaths and of clash deaths that had occurred by the claim's date (`claim_pairing`)."""
    val = val.resting_on("claim", "indigenous", "share")
    claims = r["claims"]
    amnesty = claims[(claims["claimant"] == "Amnesty International") & claims["metric"].str.startswith("indigenous_")]
    val.flag("has_amnesty_claim", amnesty["metric"].nunique() == 2)
    for metric in ("indigenous_population_share", "indigenous_death_share"):
        rows = amnesty[amnesty["metric"] == metric]
        if len(rows):
            val.number(f"amnesty_{metric.removeprefix('indigenous_')}", rows.iloc[0]["value"])
    amnesty = amnesty[amnesty["metric"] == "indigenous_death_share"]
    if amnesty.empty:
        return
    pairing = r["claim_pairing"]
    rows = pairing[pairing["claim_id"] == amnesty.iloc[0]["claim_id"]].set_index(["categories", "population"])
    val.date("amnesty_claim_date", amnesty.iloc[0]["claim_date"])
    for key, categories, unit in (("all", "all", "death"), ("clash", "clashes", "clash_civilian")):
        row = rows.loc[(categories, "pop_2017_census")]
        val.count(f"amnesty_pair_{key}_deaths", row["deaths_group"] + row["deaths_rest"], unit)
        val.number(f"amnesty_pair_{key}_indig", row["deaths_group"], unit="death")
        val.number(f"amnesty_pair_{key}_share", row["share_deaths"], SHARE)
    for population in ("pop_2017_census", "pop_2022"):
        val.number(f"amnesty_pair_{population}", rows.loc[("all", population), "share_population"], SHARE)


def sensitivity_values(val: Values, r: dict) -> None:
    """The two largest incidents the sensitivity table leaves out, and how far the Indigenous-majority
    departments' share of deaths moves across its rows."""
    largest_incidents = r["sensitivity"].attrs["largest_incidents"]
    names = r["events"].set_index("event_id")
    val.text(
        "largest_incidents",
        {lang: " / ".join(localized(names, lang).at[m, "name"] for m in largest_incidents) for lang in LANGS},
        rests_on=("incident", "share"),
    )
    shares = r["sensitivity"]["share_deaths_indigenous_majority"]
    val.number("sens_share_min", shares.min(), SHARE, rests_on=("scenarios", "rate_ratio"))
    val.number("sens_share_max", shares.max(), SHARE, rests_on=("scenarios", "rate_ratio"))


def map_values(val: Values, r: dict) -> None:
    """The map (figures.department_map): the south's shares, the incidents drawn and where, the incidents named."""
    south = r["macroregions"].set_index("macroregion").loc[SOUTH]
    in_south = val.resting_on("south", "share")
    in_south.number("south_share_deaths", south["share_deaths"], SHARE)
    in_south.number("south_share_population", south["share_population"], SHARE)
    in_south.text("south_departments", ", ".join(r["departments"].query("macroregion == @SOUTH")["department"]))
    val = val.resting_on("map", "incident")
    places = r["incident_places"]
    val.count("map_incidents", len(places), "fatal_incident")
    val.count("map_named", int(places["named"].sum()), "fatal_incident")
    levels = places["level"].value_counts()
    parts = {
        lang: [
            i18n.text(f"values.map_places.{level}", lang, n=i18n.count(int(levels[level]), "fatal_incident", lang))
            for level in MAP_LEVELS
            if levels.get(level, 0)
        ]
        for lang in LANGS
    }
    val.text("map_places", {lang: "; ".join(p) for lang, p in parts.items()})


def names_list(names: list[str]) -> dict[str, str]:
    """Department names joined for prose in each edition ("none" / "ninguno" if there are none)."""
    return {lang: ", ".join(names) if names else i18n.text("values.none", lang) for lang in LANGS}


def funnel_values(val: Values, r: dict) -> None:
    """Which departments fall outside the funnel's limits, Poisson and widened."""
    val = val.resting_on("funnel", "phi")
    f = r["funnel"]
    val.number("funnel_level_high", 100 * max(f.attrs["levels"]), 1)
    val.number("funnel_zero_departments", int((f["deaths"] == 0).sum()))
    for flag, key in (
        ("flag998_od", "above_od998"),
        ("flag95_od", "above_od95"),
        ("flag95", "above_95"),
    ):
        val.text(f"funnel_{key}", names_list(f.loc[f[flag] == "above", "department"].tolist()))
    val.text("funnel_below_95", names_list(f.loc[f["flag95"] == "below", "department"].tolist()))
    val.text("funnel_below_od95", names_list(f.loc[f["flag95_od"] == "below", "department"].tolist()))


def values(val: Values, rel: Release, r: dict) -> None:
    """The named values of the regional comparisons."""
    rate_values(val, r)
    amnesty_values(val, r)
    sensitivity_values(val, r)
    map_values(val, r)
    funnel_values(val, r)


def table_departments(r: dict, lang: str) -> str:
    """Deaths by department and category, with rates, their intervals and rate ratios."""
    d = r["departments"]
    d = d[d["total"] > 0].sort_values(["total", "department"], ascending=[False, True])
    frame = pd.DataFrame({"department": d["department"]})
    for category in CATEGORIES:
        frame[category] = d[category]
    frame["total"] = d["total"]
    frame["rate"] = d["rate"]
    frame["ci"] = [interval(lo, hi, lang, 2) for lo, hi in zip(d["rate_low"], d["rate_high"])]
    frame["rr"] = [ci(x, lo, hi, lang) for x, lo, hi in zip(d["rr_rest"], d["rr_low"], d["rr_high"])]
    headers = (
        [header("department", lang)]
        + [header(f"{c}_short", lang) for c in CATEGORIES]
        + [header(h, lang) for h in ("total", "rate", "ci", "rr")]
    )
    return markdown_table(
        frame,
        headers,
        caption("departments", lang),
        "tbl-departments",
        lang,
        decimals={"rate": 2},
        align={"ci": "right", "rr": "right"},
    )


def table_macroregions(r: dict, lang: str) -> str:
    """Deaths and rates by macro-region."""
    m = r["macroregions"]
    frame = pd.DataFrame(
        {
            "macroregion": m["macroregion"],
            "total": m["total"],
            "share_deaths": m["share_deaths"],
            "share_population": m["share_population"],
            "rate": m["rate"],
            "ci": [interval(lo, hi, lang, 2) for lo, hi in zip(m["rate_low"], m["rate_high"])],
        }
    )
    keys = ("macroregion", "deaths", "share_deaths", "share_population", "rate", "ci")
    return markdown_table(
        frame,
        [header(h, lang) for h in keys],
        caption("macroregions", lang),
        "tbl-macroregions",
        lang,
        decimals={"share_deaths": 1, "share_population": 1, "rate": 2},
        align={"ci": "right"},
    )


def table_sensitivity(r: dict, lang: str) -> str:
    """Regional results under each inclusion rule, with and without the two largest incidents."""
    s = r["sensitivity"]
    frame = pd.DataFrame(
        {
            "definition": s["definition"].map(lambda x: header(x, lang)),
            "largest_incidents": s["largest_incidents"].map(lambda x: header(x, lang)),
            "deaths": s["deaths"],
            "share": s["share_deaths_indigenous_majority"],
            "rr": [ci(x, lo, hi, lang) for x, lo, hi in zip(s["rr_indigenous_majority"], s["rr_low"], s["rr_high"])],
            "irr": [
                ci(x, lo, hi, lang, 2)
                for x, lo, hi in zip(
                    s["irr_indigenous_10pt_poisson"],
                    s["irr_indigenous_10pt_qprofile_low"],
                    s["irr_indigenous_10pt_qprofile_high"],
                )
            ],
        }
    )
    keys = ("definition", "largest_incidents", "deaths", "share_indig", "rr_indig", "irr_indig")
    return markdown_table(
        frame,
        [header(h, lang) for h in keys],
        caption("sensitivity", lang),
        "tbl-sensitivity",
        lang,
        decimals={"share": 1},
        align={"rr": "right", "irr": "right"},
    )


def tables(rel: Release, r: dict, lang: str) -> dict[str, str]:
    """The regional tables."""
    return {
        "departments": table_departments(r, lang),
        "macroregions": table_macroregions(r, lang),
        "sensitivity": table_sensitivity(r, lang),
    }

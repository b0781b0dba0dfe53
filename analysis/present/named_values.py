"""The named values the report's prose quotes (`{{< meta results.NAME >}}`), collected from the results."""

from __future__ import annotations

import pandas as pd

from .. import __version__
from ..compute import sources, trajectory
from ..release.load import Release
from ..release.problems import ReportError
from ..release.schema import CATEGORIES
from . import i18n
from .i18n import LANGS, label, localized
from .values import Values

JULIACA, AYACUCHO = "juliaca-2023-01-09", "ayacucho-2022-12-15"
DEFENSORIA = "Defensoría del Pueblo"


CITATION = {
    "en": "Peru Protest Deaths Project ({year}). Deaths in Peru's protests after the fall of Pedro Castillo: "
    "a sourced record and its analysis. Report version {version}, data release {release} "
    "(datapackage.json SHA-256 {sha}).",
    "es": "Proyecto Muertes en las Protestas del Perú ({year}). Muertes en las protestas del Perú tras la caída "
    "de Pedro Castillo: un registro con fuentes y su análisis. Versión del informe {version}, versión de datos "
    "{release} (SHA-256 de datapackage.json {sha}).",
}


def release_values(val: Values, rel: Release) -> None:
    """Report and release identity: version, citation, release name, checksum, date, table sizes."""
    val.text("package_version", __version__)
    val.text(
        "citation",
        {
            lang: text.format(year=rel.created.year, version=__version__, release=rel.name, sha=rel.sha256[:12])
            for lang, text in CITATION.items()
        },
    )
    val.text("release", rel.name)
    val.text("release_sha256", rel.sha256)
    val.text("release_sha256_short", rel.sha256[:12])
    val.date("release_created", rel.created)
    for table in ("victims", "events", "tallies", "sources"):
        val.number(f"n_{table}", len(rel[table]))
    val.number("n_reporters", rel["tallies"]["reporter"].nunique())
    val.number("n_tally_dates", rel["tallies"]["report_date"].nunique())


def timeline_values(val: Values, rel: Release) -> None:
    """The date of each key date of the political timeline, named `timeline_<key>`."""
    for row in rel["timeline"].itertuples(index=False):
        val.date(f"timeline_{row.key.replace('-', '_')}", row.date)


PHRASES = {  # (singular, plural) per edition: "1 police officer", "6 soldiers"
    "clash_civilian": {
        "en": ("civilian killed in clashes", "civilians killed in clashes"),
        "es": ("civil muerto en enfrentamientos", "civiles muertos en enfrentamientos"),
    },
    "roadblock_related": {
        "en": ("death linked to roadblocks", "deaths linked to roadblocks"),
        "es": ("muerte vinculada a bloqueos", "muertes vinculadas a bloqueos"),
    },
    "police": {"en": ("police officer", "police officers"), "es": ("policía", "policías")},
    "soldier": {"en": ("soldier", "soldiers"), "es": ("militar", "militares")},
}


def count_phrase(val: Values, name: str, category: str, n: int, phrases: dict | None = None) -> None:
    """A count with its noun in the right number, e.g. "1 police officer" / "1 policía" (nouns from
    `phrases`, by default `PHRASES`)."""
    val.text(
        name,
        {
            lang: f"{i18n.number(n, lang)} {forms[0] if n == 1 else forms[1]}"
            for lang, forms in (phrases or PHRASES)[category].items()
        },
    )


def total_values(val: Values, rel: Release, r: dict) -> None:
    """Deaths in the record, overall and by category, and the dates of the first and last death."""
    v = rel["victims"]
    val.number("deaths_total", len(v))
    for category in CATEGORIES:
        val.number(f"deaths_{category}", int((v["category"] == category).sum()))
        if category in PHRASES:
            count_phrase(val, f"phrase_{category}", category, int((v["category"] == category).sum()))
    val.number("deaths_security_forces", int(v["category"].isin(["police", "soldier"]).sum()))
    val.date("first_death", trajectory.death_date(v).min())
    val.date("last_death", trajectory.death_date(v).max())


def time_values(val: Values, r: dict) -> None:
    """Deaths over time: waves, deadliest days, injury-to-death delays."""
    waves = r["waves"].set_index("wave")
    for w in ("wave1", "wave2"):
        val.number(f"deaths_{w}", waves.at[w, "total"])
        val.number(f"share_{w}", waves.at[w, "share"], 1)
    top = r["deadliest_days"]
    val.date("deadliest_day", top.at[0, "date"])
    val.number("deadliest_day_deaths", top.at[0, "deaths"])
    val.number("deadliest_day_share", top.at[0, "share"], 1)
    val.number("top_days_n", len(top))
    val.number("top_days_share", top["share"].sum(), 1)
    delays = r["delays"]
    val.number("delayed_deaths", len(delays))
    val.number("delay_max_days", delays["days"].max() if len(delays) else 0)
    val.number("delay_median_days", delays["days"].median() if len(delays) else 0, 1)
    val.number("late_report_days", trajectory.LATE_REPORT_DAYS)  # the late reports: named_values_clustered


def tally_values(val: Values, rel: Release, r: dict) -> None:
    """The Defensoría's latest national toll, the span of national tolls, same-day disagreements."""
    gap = r["gap"]
    defensoria = gap[gap["reporter"] == DEFENSORIA]
    if defensoria.empty:
        raise ReportError("the release has no national toll from the Defensoría del Pueblo")
    last = defensoria.iloc[-1]
    val.date("defensoria_last_date", last["report_date"])
    val.number("defensoria_last_total", last["total_deaths"])
    for column in ("clash_civilians", "roadblock_related", "police", "soldiers"):
        val.number(f"defensoria_last_{column}", last[column])
    val.number("defensoria_last_reconstructed", last["reconstructed"])
    val.number("defensoria_last_gap", last["gap"])
    val.number("n_national_tolls", len(gap))
    val.date("first_toll_date", gap["report_date"].min())
    val.date("last_toll_date", gap["report_date"].max())
    same = r["same_day"]
    val.number("disagreement_days", len(same))
    val.number("disagreement_max_spread", same["spread"].max() if len(same) else 0)


def seed_values(val: Values, rel: Release, r: dict) -> None:
    """The seed article's three figures, and what other reporters and this record say."""
    t = rel["tallies"]
    seed = t[t["source_id"] == sources.SEED_SOURCE_ID]
    national = seed[seed["scope"] == "national"].iloc[0]
    val.number("seed_national", national["total_deaths"])
    val.date("seed_date", national["report_date"])
    counted = trajectory.reconstructed_as_of(rel["victims"], pd.Series([national["report_date"]])).iloc[0]
    val.number("record_at_seed_date", counted["total"])
    for category in CATEGORIES:
        val.number(f"record_at_seed_date_{category}", counted[category])
        if category in PHRASES:
            count_phrase(val, f"record_at_seed_phrase_{category}", category, int(counted[category]))
    comparisons = r["seed"]
    defensoria = comparisons[(comparisons["claim"] == national["tally_id"]) & (comparisons["reporter"] == DEFENSORIA)]
    if defensoria.empty:
        raise ReportError("no Defensoría national toll published on the seed article's date or the day before")
    tallies_by_id = t.set_index("tally_id")
    for key, row in (("first", defensoria.iloc[0]), ("last", defensoria.iloc[-1])):
        tally = tallies_by_id.loc[row["tally_id"]]
        val.date(f"defensoria_{key}_seed_date", row["report_date"])
        val.number(f"defensoria_{key}_seed", row["deaths"])
        for column in ("clash_civilians", "roadblock_related", "police", "soldiers"):
            val.number(f"defensoria_{key}_seed_{column}", tally[column])
    summary = r["events"].set_index("event_id")
    for key, event_id in (("juliaca", JULIACA), ("ayacucho", AYACUCHO)):
        claim = seed[seed["event_id"] == event_id]
        if claim.empty:
            raise ReportError(f"the seed article's figure for {event_id} is missing from tallies")
        val.number(f"seed_{key}_deaths", claim.iloc[0]["total_deaths"])
        val.number(f"seed_{key}_injured", claim.iloc[0]["injured"])
        val.number(f"record_{key}_deaths", summary.at[event_id, "deaths"])
        val.number(f"{key}_reported_deaths", summary.at[event_id, "deaths_reported"])
        val.number(f"{key}_reported_injured", summary.at[event_id, "injured_reported"])
        val.text(f"{key}_name", {"en": summary.at[event_id, "name"], "es": summary.at[event_id, "name_es"]})
        claims = r["event_claims"][r["event_claims"]["event_id"] == event_id]
        for column, name in (("total_deaths", "claims"), ("injured", "injured_claims")):
            values = claims[column].dropna()
            val.number(f"{key}_{name}_min", values.min())
            val.number(f"{key}_{name}_max", values.max())
            val.number(f"{key}_{name}_n", len(values))


def region_values(val: Values, r: dict) -> None:
    """Regional results: departments, Indigenous-majority departments, the GLM, published claims, sensitivity."""
    dep = r["departments"]
    val.number("departments_with_deaths", int((dep["total"] > 0).sum()))
    top = dep.sort_values(["total", "ubigeo"], ascending=[False, True]).iloc[0]
    val.text("top_department", top["department"])
    val.number("top_department_deaths", top["total"])
    val.number("top_department_share_deaths", top["share_deaths"], 1)
    val.number("top_department_share_population", top["share_population"], 1)
    hi = dep.sort_values(["rate", "ubigeo"], ascending=[False, True]).iloc[0]
    val.text("top_rate_department", hi["department"])
    for key in ("rate", "rate_low", "rate_high", "rr_rest", "rr_low", "rr_high"):
        val.number(f"top_rate_{key}", hi[key], 1)
    val.number("national_rate", 100_000 * dep["total"].sum() / dep["pop_2022"].sum(), 2)
    ind = r["indigenous"]
    val.number("indig_threshold", ind["threshold"])
    val.number("indig_n_departments", ind["n_departments"])
    val.text("indig_departments", ", ".join(ind["departments"]))
    val.number("indig_deaths", ind["deaths"])
    val.number("indig_share_deaths", ind["share_deaths"], 1)
    val.number("indig_share_population", ind["share_population"], 1)
    for key in ("rate_ratio", "rate_ratio_low", "rate_ratio_high"):
        val.number(f"indig_{key}", ind[key], 1)
    glm = r["glm"]
    val.text("glm_model", {lang: label(f"model_{glm['model']}", lang) for lang in LANGS})
    val.number("glm_dispersion", glm.get("pearson_dispersion"), 1)
    val.number("glm_corr", glm["corr_indigenous_castillo"], 2)
    for term in ("indigenous_10pt", "castillo_10pt"):
        for suffix in ("", "_low", "_high"):
            val.number(f"glm_irr_{term}{suffix}", glm.get(f"irr_{term}{suffix}"), 2)
    claims = r["claims"]
    amnesty = claims[(claims["claimant"] == "Amnesty International") & claims["metric"].str.startswith("indigenous_")]
    val.flag("has_amnesty_claim", amnesty["metric"].nunique() == 2)
    for metric in ("indigenous_population_share", "indigenous_death_share"):
        rows = amnesty[amnesty["metric"] == metric]
        if len(rows):
            val.number(f"amnesty_{metric.removeprefix('indigenous_')}", rows.iloc[0]["value"])
    massacres = r["sensitivity"].attrs["massacres"]
    names = r["events"].set_index("event_id")
    val.text("massacres", {lang: " / ".join(localized(names, lang).at[m, "name"] for m in massacres) for lang in LANGS})
    sens = r["sensitivity"]
    shares = sens["share_deaths_indigenous_majority"]
    val.number("sens_share_min", shares.min(), 1)
    val.number("sens_share_max", shares.max(), 1)


def event_values(val: Values, r: dict) -> None:
    """The two deadliest events, and how many events had deaths or disputed tolls."""
    ev = r["events"]
    val.number("n_events_with_deaths", int((ev["deaths"] > 0).sum()))
    for i, key in enumerate(("event1", "event2")):
        row = ev.iloc[i]
        val.text(f"{key}_name", {"en": row["name"], "es": row["name_es"]})
        val.date(f"{key}_date", row["date_start"])
        val.number(f"{key}_deaths", row["deaths"])
        val.number(f"{key}_share", row["share"], 1)
    val.number("two_events_share", ev["share"].head(2).sum(), 1)
    val.number("n_disputed_events", len(r["discrepancies"]))


def people_values(val: Values, rel: Release, r: dict) -> None:
    """Ages and sex of the people who died, firearm deaths, and the alleged forces."""
    s = r["age_summary"]
    for key in ("minors", "women", "men", "known", "unknown", "youngest", "oldest"):
        val.number(f"age_{key}", s[key])
    val.number("age_median", s["median"], 0 if float(s["median"]).is_integer() else 1)
    v = rel["victims"]
    val.number("firearm_deaths", int((v["mechanism"] == "firearm").sum()))
    val.number("firearm_share", 100 * (v["mechanism"] == "firearm").mean(), 1)
    for force in ("army", "police"):
        val.number(f"alleged_{force}", int((v["alleged_force"] == force).sum()))


def source_values(val: Values, rel: Release, r: dict) -> None:
    """How well sourced the record is: publishers and sources per person, confidence levels."""
    cov = r["coverage"]
    val.number("victims_two_publishers", int((cov["n_publishers"] >= 2).sum()))
    val.number("victims_two_publishers_share", 100 * (cov["n_publishers"] >= 2).mean(), 1)
    val.number("victims_one_source", int((cov["n_sources"] == 1).sum()))
    val.number("sources_median_per_victim", cov["n_sources"].median(), 0)
    conf = rel["victims"]["confidence"].value_counts()
    for level in ("high", "medium", "low"):
        val.number(f"confidence_{level}", int(conf.get(level, 0)))


def reconciliation_values(val: Values, rel: Release, r: dict) -> None:
    """The Defensoría's final count next to this record's, reported deaths not counted, the lists."""
    rec = r["reconciliation"].set_index("reporter")
    if DEFENSORIA in rec.index:
        row = rec.loc[DEFENSORIA]
        val.number("defensoria_final_total", row["reported_total"])
        val.date("defensoria_final_period", row["period_end"])
        val.number("defensoria_final_record", row["record_total"])
    excluded = rel["excluded"]["reason"]
    val.number("n_excluded", len(excluded))
    val.number("excluded_insufficient", int((excluded == "insufficient_data").sum()))
    val.number("excluded_withdrawn", int(excluded.isin(["not_in_civil_registry", "found_alive", "double_count"]).sum()))
    val.number("excluded_not_confirmed", int(excluded.isin(["not_confirmed", "unrelated"]).sum()))
    val.number("n_crosswalk_listed", int((rel["lists"]["listed"] == "yes").sum()))


def collect_values(rel: Release, r: dict) -> Values:
    """Every named value the prose quotes."""
    from .named_values_clustered import clustered_values  # it builds on count_phrase, defined here

    val = Values()
    release_values(val, rel)
    timeline_values(val, rel)
    total_values(val, rel, r)
    time_values(val, r)
    tally_values(val, rel, r)
    seed_values(val, rel, r)
    region_values(val, r)
    event_values(val, r)
    people_values(val, rel, r)
    source_values(val, rel, r)
    reconciliation_values(val, rel, r)
    clustered_values(val, rel, r)
    return val

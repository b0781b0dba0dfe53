"""The named values the report's prose quotes (`{{< meta results.NAME >}}`), collected from the results."""

from __future__ import annotations

import pandas as pd

from .. import __version__
from ..compute import sources, trajectory
from ..compute.tolls import last_of_day
from ..release import rules
from ..release.load import Release
from ..release.problems import ReportError
from ..release.schema import CATEGORIES
from . import i18n
from .i18n import LANGS, localized
from .named_values_clustered import clustered_values
from .named_values_regions import amnesty_pairing, map_values
from .values import Values

JULIACA, AYACUCHO = "juliaca-2023-01-09", "ayacucho-2022-12-15"
TOLL_COLUMNS = ("clash_civilians", "roadblock_related", "police", "soldiers")  # a toll's four categories
DEFENSORIA = "Defensoría del Pueblo"
SHARE = i18n.DECIMALS["share"]  # decimals of a percentage


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
    cutoff = rel.cutoff if rel.cutoff is not None else rel.created
    latest = rules.latest_dated_value(rel.tables)
    later = latest is not None and latest > cutoff  # only in a release made before the cut-off rule (load.py)
    val.date("release_cutoff", cutoff)
    val.date("latest_dated_value", latest if later else cutoff)
    val.flag("dated_within_cutoff", not later)
    val.flag("dated_after_cutoff", later)
    for table, unit in (("victims", "person"), ("events", "incident"), ("tallies", "toll"), ("sources", "source")):
        val.count(f"n_{table}", len(rel[table]), unit)


def timeline_values(val: Values, rel: Release) -> None:
    """The date of each key date of the political timeline, named `timeline_<key>`."""
    for row in rel["timeline"].itertuples(index=False):
        val.date(f"timeline_{row.key.replace('-', '_')}", row.date)


def count_phrase(val: Values, name: str, category: str, n: int | None) -> None:
    """A count of one category with its noun: "1 police officer", "1 policía"; "– police officers" if None."""
    val.count(name, n, category)


def total_values(val: Values, rel: Release, r: dict) -> None:
    """Deaths in the record, overall and by category, and the dates of the first and last death."""
    v = rel["victims"]
    val.count("deaths_total", len(v), "death")
    for category in CATEGORIES:
        val.count(f"deaths_{category}", int((v["category"] == category).sum()), "death")
        if category in i18n.NOUNS:
            count_phrase(val, f"phrase_{category}", category, int((v["category"] == category).sum()))
    val.count("deaths_security_forces", int(v["category"].isin(["police", "soldier"]).sum()), "death")
    val.date("first_death", trajectory.death_date(v).min())
    val.date("last_death", trajectory.death_date(v).max())


def time_values(val: Values, rel: Release, r: dict) -> None:
    """Deaths over time: waves, deadliest days, injury-to-death delays."""
    waves = r["waves"].set_index("wave")
    for w in ("wave1", "wave2"):
        val.count(f"deaths_{w}", waves.at[w, "total"], "death")
        val.number(f"share_{w}", waves.at[w, "share"], SHARE)
    top = r["deadliest_days"]
    val.date("deadliest_day", top.at[0, "date"])
    val.count("deadliest_day_deaths", top.at[0, "deaths"], "death")
    val.count("deadliest_day_incidents", top.at[0, "incidents"], "incident")
    v = rel["victims"]
    injured_that_day = trajectory.incident_date(v) == top.at[0, "date"]
    died_later = injured_that_day & (trajectory.death_date(v) > top.at[0, "date"])
    val.count("deadliest_day_died_later", int(died_later.sum()), "person")
    val.number("deadliest_day_share", top.at[0, "share"], SHARE)
    val.number("top_days_n", len(top), unit="day")
    val.number("top_days_share", top["share"].sum(), SHARE)
    delays = r["delays"]
    val.number("delayed_deaths", len(delays), unit="person")
    val.number("delay_max_days", delays["days"].max() if len(delays) else 0, unit="day")
    val.number("delay_median_days", delays["days"].median() if len(delays) else 0, 1, unit="day")
    val.date("wave2_start", trajectory.WAVE2_START)
    val.number("late_report_days", trajectory.LATE_REPORT_DAYS, unit="day")  # the late reports: named_values_clustered


def tally_values(val: Values, rel: Release, r: dict) -> None:
    """The Defensoría's latest national toll, the span of national tolls, same-day disagreements."""
    gap = r["gap"]
    defensoria = last_of_day(gap[(gap["reporter"] == DEFENSORIA) & gap["total_deaths"].notna()])
    if defensoria.empty:
        raise ReportError("the release has no national toll with a total from the Defensoría del Pueblo")
    latest_day = defensoria[defensoria["report_date"] == defensoria["report_date"].max()]
    last = latest_day.iloc[-1]
    val.date("defensoria_last_date", last["report_date"])
    if len(latest_day) == 1:
        val.count("defensoria_last_total", last["total_deaths"], "death")
    else:  # the release does not record which of the day's tolls came last
        val.text("defensoria_last_total", {lang: unordered_tolls(latest_day["total_deaths"], lang) for lang in LANGS})
    for column in ("clash_civilians", "roadblock_related", "police", "soldiers"):
        val.number(f"defensoria_last_{column}", last[column], unit="death")
    val.count("defensoria_last_reconstructed", last["reconstructed"], "death")
    val.count("defensoria_last_gap", last["gap"], "death")
    parts = dict(zip(("clash_civilian", "roadblock_related", "police", "soldier"), TOLL_COLUMNS))
    for category, column in parts.items():
        n = int(last[column]) if pd.notna(last[column]) else None  # not given: printed as "–"
        count_phrase(val, f"defensoria_last_phrase_{category}", category, n)
    by_category = [last[c] for c in TOLL_COLUMNS]
    val.flag(
        "defensoria_last_adds_categories",
        len(latest_day) == 1 and all(pd.notna(x) for x in by_category) and sum(by_category) == last["total_deaths"],
    )
    val.count("n_national_tolls", len(gap), "national_toll")
    val.count("n_national_reporters", gap["reporter"].nunique(), "reporter")
    val.date("first_toll_date", gap["report_date"].min())
    val.date("last_toll_date", gap["report_date"].max())
    same = r["same_day"]
    val.count("disagreement_days", len(same), "day")
    val.count("disagreement_max_spread", same["spread"].max() if len(same) else 0, "death")


UNORDERED = {
    "en": "{tolls} (the release does not record which was published last)",
    "es": "{tolls} (la versión no registra cuál se publicó al final)",
}
OR = {"en": " or ", "es": " o "}


def unordered_tolls(deaths: pd.Series, lang: str) -> str:
    """Tolls of one day whose order is not recorded: "41 deaths or 46 deaths (the release does not …)"."""
    tolls = OR[lang].join(i18n.count(int(n), "death", lang) for n in sorted(set(deaths)))
    return UNORDERED[lang].format(tolls=tolls)


def seed_values(val: Values, rel: Release, r: dict) -> None:
    """The seed article's three figures, and what other reporters and this record say."""
    t = rel["tallies"]
    seed = t[t["source_id"] == sources.SEED_SOURCE_ID]
    national = seed[seed["scope"] == "national"].iloc[0]
    val.count("seed_national", national["total_deaths"], "death")
    val.date("seed_date", national["report_date"])
    counted = trajectory.reconstructed_as_of(rel["victims"], pd.Series([national["report_date"]])).iloc[0]
    val.count("record_at_seed_date", counted["total"], "death")
    for category in CATEGORIES:
        val.count(f"record_at_seed_date_{category}", counted[category], "death")
        if category in i18n.NOUNS:
            count_phrase(val, f"record_at_seed_phrase_{category}", category, int(counted[category]))
    comparisons = r["seed"]
    defensoria = comparisons[(comparisons["claim"] == national["tally_id"]) & (comparisons["reporter"] == DEFENSORIA)]
    if defensoria.empty:
        raise ReportError("no Defensoría national toll published on the seed article's date or the day before")
    tallies_by_id = t.set_index("tally_id")
    for key, row in (("first", defensoria.iloc[0]), ("last", defensoria.iloc[-1])):
        tally = tallies_by_id.loc[row["tally_id"]]
        val.date(f"defensoria_{key}_seed_date", row["report_date"])
        day = defensoria[defensoria["report_date"] == row["report_date"]]
        if len(day) == 1:
            val.count(f"defensoria_{key}_seed", row["deaths"], "death")
        else:  # the release does not record which of the day's tolls came last (tolls.last_of_day)
            val.text(f"defensoria_{key}_seed", {lang: unordered_tolls(day["deaths"], lang) for lang in LANGS})
        for column in ("clash_civilians", "roadblock_related", "police", "soldiers"):
            val.number(f"defensoria_{key}_seed_{column}", tally[column], unit="death")
    summary = r["events"].set_index("event_id")
    for key, event_id in (("juliaca", JULIACA), ("ayacucho", AYACUCHO)):
        claim = seed[seed["event_id"] == event_id]
        if claim.empty:
            raise ReportError(f"the seed article's figure for {event_id} is missing from tallies")
        val.count(f"seed_{key}_deaths", claim.iloc[0]["total_deaths"], "death")
        val.count(f"seed_{key}_injured", claim.iloc[0]["injured"], "severely_injured")  # the article's words
        val.count(f"record_{key}_deaths", summary.at[event_id, "deaths"], "death")
        val.text(f"{key}_name", {"en": summary.at[event_id, "name"], "es": summary.at[event_id, "name_es"]})
        claims = r["event_claims"][r["event_claims"]["event_id"] == event_id]
        for column, name, unit in (("total_deaths", "claims", "death"), ("injured", "injured_claims", "injured")):
            values = claims[column].dropna()
            val.number(f"{key}_{name}_min", values.min(), unit=unit)
            if unit == "death":
                val.count(f"{key}_{name}_max", values.max(), unit)
            else:
                val.number(f"{key}_{name}_max", values.max(), unit=unit)
            val.count(f"{key}_{name}_n", len(values), "toll" if unit == "death" else "report")


def region_values(val: Values, r: dict) -> None:
    """Regional results: departments, Indigenous-majority departments, the GLM, published claims, sensitivity."""
    dep = r["departments"]
    val.number("departments_with_deaths", int((dep["total"] > 0).sum()), unit="department")
    val.count("n_departments", len(dep), "department")
    top = dep.sort_values(["total", "ubigeo"], ascending=[False, True]).iloc[0]
    val.text("top_department", top["department"])
    val.count("top_department_deaths", int(top["total"]), "death")
    val.number("top_department_share_deaths", top["share_deaths"], SHARE)
    val.number("top_department_share_population", top["share_population"], SHARE)
    hi = dep.sort_values(["rate", "ubigeo"], ascending=[False, True]).iloc[0]
    val.text("top_rate_department", hi["department"])
    for key in ("rate", "rate_low", "rate_high", "rr_rest", "rr_low", "rr_high"):
        val.number(f"top_rate_{key}", hi[key], i18n.DECIMALS["rate" if key.startswith("rate") else "rate_ratio"])
    val.number("national_rate", 100_000 * dep["total"].sum() / dep["pop_2022"].sum(), i18n.DECIMALS["rate"])
    ind = r["indigenous_majority"]
    val.number("indig_threshold", ind["threshold"])
    val.number("indig_n_departments", ind["n_departments"], unit="department")
    val.text("indig_departments", ", ".join(ind["departments"]))
    val.number("indig_deaths", ind["deaths"], unit="death")
    val.number("indig_share_deaths", ind["share_deaths"], SHARE)
    val.number("indig_share_population", ind["share_population"], SHARE)
    for key in ("rate_ratio", "rate_ratio_low", "rate_ratio_high"):
        val.number(f"indig_{key}", ind[key], 1)
    val.number("glm_corr", r["covariate_correlation"], 2)
    claims = r["claims"]
    amnesty = claims[(claims["claimant"] == "Amnesty International") & claims["metric"].str.startswith("indigenous_")]
    val.flag("has_amnesty_claim", amnesty["metric"].nunique() == 2)
    for metric in ("indigenous_population_share", "indigenous_death_share"):
        rows = amnesty[amnesty["metric"] == metric]
        if len(rows):
            val.number(f"amnesty_{metric.removeprefix('indigenous_')}", rows.iloc[0]["value"])
    amnesty_pairing(val, r)
    largest_incidents = r["sensitivity"].attrs["largest_incidents"]
    names = r["events"].set_index("event_id")
    val.text(
        "largest_incidents",
        {lang: " / ".join(localized(names, lang).at[m, "name"] for m in largest_incidents) for lang in LANGS},
    )
    sens = r["sensitivity"]
    shares = sens["share_deaths_indigenous_majority"]
    val.number("sens_share_min", shares.min(), SHARE)
    val.number("sens_share_max", shares.max(), SHARE)


def event_values(val: Values, r: dict) -> None:
    """The two deadliest events, and how many events had deaths or disputed tolls."""
    ev = r["events"]
    val.count("n_events_with_deaths", int((ev["deaths"] > 0).sum()), "incident")
    for i, key in enumerate(("event1", "event2")):
        row = ev.iloc[i]
        val.text(f"{key}_name", {"en": row["name"], "es": row["name_es"]})
        val.date(f"{key}_date", row["date_start"])
        val.count(f"{key}_deaths", row["deaths"], "death")
        val.number(f"{key}_share", row["share"], SHARE)
    val.number("two_events_share", ev["share"].head(2).sum(), SHARE)
    val.count("n_disputed_events", len(r["discrepancies"]), "incident")


def people_values(val: Values, rel: Release, r: dict) -> None:
    """Ages and sex of the people who died, firearm deaths, and the alleged forces."""
    s = r["age_summary"]
    for key in ("minors", "women", "men", "unknown"):
        val.number(f"age_{key}", s[key], unit="person")
    val.count("age_known", s["known"], "person")
    for key in ("youngest", "oldest"):
        val.number(f"age_{key}", s[key])
    val.number("age_median", s["median"], 0 if float(s["median"]).is_integer() else 1)
    v = rel["victims"]
    val.count("firearm_deaths", int((v["mechanism"] == "firearm").sum()), "death")
    val.number("firearm_share", 100 * (v["mechanism"] == "firearm").mean(), SHARE)
    for force in ("army", "police"):
        val.count(f"alleged_{force}", int((v["alleged_force"] == force).sum()), "death")


def source_values(val: Values, rel: Release, r: dict) -> None:
    """How well sourced the record is: publishers and sources per person, confidence levels."""
    cov = r["coverage"]
    val.number("victims_two_publishers", int((cov["n_publishers"] >= 2).sum()), unit="person")
    val.number("victims_two_publishers_share", 100 * (cov["n_publishers"] >= 2).mean(), SHARE)
    val.count("victims_one_source", int((cov["n_sources"] == 1).sum()), "person")
    val.count("sources_median_per_victim", cov["n_sources"].median(), "source")
    conf = rel["victims"]["confidence"].value_counts()
    for level in ("high", "medium", "low"):
        val.count(f"confidence_{level}", int(conf.get(level, 0)), "person")


def reconciliation_values(val: Values, rel: Release, r: dict) -> None:
    """The Defensoría's final count next to this record's, reported deaths not counted, the lists."""
    rec = r["reconciliation"].set_index("reporter")
    if DEFENSORIA in rec.index:
        row = rec.loc[DEFENSORIA]
        val.count("defensoria_final_total", row["reported_total"], "death")
        val.date("defensoria_final_period", row["period_end"])
        val.count("defensoria_final_record", row["record_total"], "death")
    excluded = rel["excluded"]["reason"]
    val.count("n_excluded", len(excluded), "report")
    val.count("excluded_insufficient", int((excluded == "insufficient_data").sum()), "report")
    withdrawn = excluded.isin(["not_in_civil_registry", "found_alive", "double_count"])
    val.count("excluded_withdrawn", int(withdrawn.sum()), "report")
    val.count("excluded_not_confirmed", int(excluded.isin(["not_confirmed", "unrelated"]).sum()), "report")
    val.count("excluded_outside_period", int((excluded == "outside_period").sum()), "report")
    val.flag("has_outside_period", bool((excluded == "outside_period").any()))
    val.count("n_crosswalk_listed", int((rel["lists"]["listed"] == "yes").sum()), "person")


CHANGE_UNITS = {"victims": "person", "events": "incident", "tallies": "toll", "sources": "source"}


def change_values(val: Values, r: dict) -> None:
    """What changed since the previous release, per table of `CHANGE_UNITS`: records added, removed, changed."""
    changes = r.get("changes")
    val.flag("first_release", changes is None)
    val.flag("has_changes", changes is not None and not changes.empty)
    val.flag("no_changes", changes is not None and changes.empty)
    val.text("previous_release", r.get("previous") or "")
    counts = changes.set_index("table") if changes is not None else pd.DataFrame()
    for table, unit in CHANGE_UNITS.items():
        for change in ("added", "removed", "changed"):
            n = int(counts.at[table, change]) if table in counts.index else 0
            val.count(f"changes_{table}_{change}", n, unit)


def collect_values(rel: Release, r: dict) -> Values:
    """Every named value the prose quotes."""

    val = Values()
    release_values(val, rel)
    timeline_values(val, rel)
    total_values(val, rel, r)
    time_values(val, rel, r)
    tally_values(val, rel, r)
    seed_values(val, rel, r)
    region_values(val, r)
    map_values(val, r)
    event_values(val, r)
    people_values(val, rel, r)
    source_values(val, rel, r)
    reconciliation_values(val, rel, r)
    change_values(val, r)
    clustered_values(val, rel, r)
    return val

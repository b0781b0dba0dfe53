"""Assemble everything the report shows from one validated release into `_build/<release>/results/`.

`build` reads like a table of contents: load and validate, analyse (pure functions of the
tables), then write named values (values.json, meta-<lang>.yml), tidy CSV tables, Markdown
tables and SVG figures for each edition, and the bibliography. Writing is atomic and
cached by a hash of the release and the code.
"""

from __future__ import annotations

import html
import json
import shutil
import sys
from contextlib import contextmanager, nullcontext
from pathlib import Path

import pandas as pd

from . import __version__, cache, diff, events, i18n, paths, people, regions, sources, trajectory
from .i18n import LANGS, label, localized
from .problems import ReportError
from .release import Release, load_release
from .schema import CATEGORIES
from .values import Values, markdown_table, write_table_csv
from .workers import Workers

JULIACA, AYACUCHO = "juliaca-2023-01-09", "ayacucho-2022-12-15"
DEFENSORIA = "Defensoría del Pueblo"


# ---------------------------------------------------------------- analysis (pure)


def describe(rel: Release) -> dict:
    """The descriptive results the figures are drawn from (computed first, so drawing can start)."""
    v, ev, ta, rg, so = rel["victims"], rel["events"], rel["tallies"], rel["regions"], rel["sources"]
    return {
        "daily_died": trajectory.daily_deaths(v, "death"),
        "daily_incident": trajectory.daily_deaths(v, "incident"),
        "deadliest_days": trajectory.deadliest_days(v, 3),
        "gap": trajectory.reporting_gap(ta, v, so),
        "departments": regions.department_rates(v, rg),
        "events": events.event_summary(v, ev),
        "event_claims": events.event_claims(ta, ev),
        "ages": people.age_groups(v),
        "age_summary": people.age_summary(v),
    }


def analyse(rel: Release, described: dict | None = None) -> dict:
    """Every result table and statistic of a release, computed from its validated tables.

    `described` is `describe(rel)` if the caller already has it.
    """
    from . import models  # statsmodels: not imported by a build's main process (see write_results)

    r = summarise(rel, described)
    r.update(models.fit(rel["victims"], rel["regions"], r["daily_incident"]))
    return r


def summarise(rel: Release, described: dict | None = None) -> dict:
    """Every result of `analyse` but the statistical models (`models.fit`), which need statsmodels."""
    v, ev, ta, rg, so = rel["victims"], rel["events"], rel["tallies"], rel["regions"], rel["sources"]
    r = dict(described) if described is not None else describe(rel)
    indigenous = regions.indigenous_majority(v, rg)
    r.update(
        {
            "departments": regions.with_rate_ratios(r["departments"]),
            "waves": trajectory.wave_summary(v),
            "delays": trajectory.injury_to_death(v),
            "late_reports": trajectory.late_reports(v),
            "same_day": trajectory.same_day_disagreements(ta),
            "macroregions": regions.macroregion_rates(v, rg),
            "indigenous": indigenous,
            "mechanisms": people.mechanism_by_force(v),
            "victims": people.victims_list(v, rg),
            "coverage": sources.source_coverage(v, so),
            "source_kinds": sources.sources_by_kind(so),
            "seed": sources.seed_claims(ta),
            "discrepancies": sources.discrepancies(ta),
            "claims": sources.claims_check(rel["claims"], v, ev, indigenous),
            "reconciliation": sources.reconciliation(ta, v),
            "crosswalk": sources.crosswalk_summary(rel["lists"], v),
        }
    )
    return r


# ---------------------------------------------------------------- named values for prose


CITATION = {
    "en": "Peru Protest Deaths Project ({year}). Deaths in Peru's protests after the fall of Pedro Castillo: "
    "a sourced record and its analysis. Report version {version}, data release {release} "
    "(datapackage.json SHA-256 {sha}).",
    "es": "Proyecto Muertes en las Protestas del Perú ({year}). Muertes en las protestas del Perú tras la caída "
    "de Pedro Castillo: un registro con fuentes y su análisis. Versión del informe {version}, versión de datos "
    "{release} (SHA-256 de datapackage.json {sha}).",
}


def release_values(val: Values, rel: Release) -> None:
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


def count_phrase(val: Values, name: str, category: str, n: int) -> None:
    """A count with its noun in the right number, e.g. "1 police officer" / "1 policía"."""
    val.text(
        name,
        {
            lang: f"{i18n.number(n, lang)} {forms[0] if n == 1 else forms[1]}"
            for lang, forms in PHRASES[category].items()
        },
    )


def total_values(val: Values, rel: Release, r: dict) -> None:
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
    val.number("late_reports", len(r["late_reports"]))
    val.number("late_report_days", trajectory.LATE_REPORT_DAYS)
    model = r["count_model"]
    val.text("count_model", {lang: label(f"model_{model['model']}", lang) for lang in LANGS})
    for key in (
        "irr_wave2",
        "irr_wave2_low",
        "irr_wave2_high",
        "mean_daily_wave1",
        "mean_daily_wave2",
        "pearson_dispersion",
    ):
        val.number(f"cm_{key}", model.get(key), 2)
    val.number("cm_days", model["days"])
    val.number("cm_days_with_deaths", model["days_with_deaths"])


def tally_values(val: Values, rel: Release, r: dict) -> None:
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
    cov = r["coverage"]
    val.number("victims_two_publishers", int((cov["n_publishers"] >= 2).sum()))
    val.number("victims_two_publishers_share", 100 * (cov["n_publishers"] >= 2).mean(), 1)
    val.number("victims_one_source", int((cov["n_sources"] == 1).sum()))
    val.number("sources_median_per_victim", cov["n_sources"].median(), 0)
    conf = rel["victims"]["confidence"].value_counts()
    for level in ("high", "medium", "low"):
        val.number(f"confidence_{level}", int(conf.get(level, 0)))


def reconciliation_values(val: Values, rel: Release, r: dict) -> None:
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
    return val


# ---------------------------------------------------------------- tables

CAPTIONS = {
    "tolls": {
        "en": "National death tolls as published, next to the deaths in this record that had occurred by each report date.",
        "es": "Balances nacionales de muertes tal como se publicaron, junto a las muertes de este registro ocurridas hasta la fecha de cada informe.",
    },
    "seed": {
        "en": "The seed article's figures next to other reporters' figures published by the same date, and this record's count.",
        "es": "Las cifras del artículo de origen junto a las de otras fuentes publicadas hasta la misma fecha, y el recuento de este registro.",
    },
    "waves": {
        "en": "Deaths by wave (date of the fatal incident) and category.",
        "es": "Muertes por ola (fecha del hecho fatal) y categoría.",
    },
    "departments": {
        "en": "Deaths by department and category, with rates per 100,000 (exact Poisson 95% intervals) and the rate ratio against the rest of Peru.",
        "es": "Muertes por departamento y categoría, con tasas por 100.000 habitantes (intervalos de Poisson exactos al 95%) y la razón de tasas frente al resto del Perú.",
    },
    "macroregions": {"en": "Deaths and rates by macro-region.", "es": "Muertes y tasas por macrorregión."},
    "events": {
        "en": "Lethal events: deaths in this record and deaths and injured as reported.",
        "es": "Hechos letales: muertes en este registro y muertos y heridos según las fuentes.",
    },
    "event_claims": {
        "en": "Every published death toll of an event on which sources disagree.",
        "es": "Todos los balances publicados de los hechos sobre los que las fuentes discrepan.",
    },
    "victims": {
        "en": "The people who died, by date of death. Minors are identified by their initials.",
        "es": "Las personas fallecidas, por fecha de muerte. Los menores de edad se identifican por sus iniciales.",
    },
    "mechanisms": {
        "en": "Deaths by cause (as the sources state it) and alleged responsible force.",
        "es": "Muertes por causa (según las fuentes) y fuerza presuntamente responsable.",
    },
    "glm": {
        "en": "Department-level model of deaths: incidence rate ratios per 10 percentage points (robust 95% intervals). Ecological associations only.",
        "es": "Modelo de muertes por departamento: razones de tasas de incidencia por 10 puntos porcentuales (intervalos robustos al 95%). Solo asociaciones ecológicas.",
    },
    "sensitivity": {
        "en": "Regional results under three inclusion rules, with and without the two largest massacres.",
        "es": "Resultados regionales con tres reglas de inclusión, con y sin las dos mayores masacres.",
    },
    "delays": {
        "en": "People who died on a later day than the one on which they were injured.",
        "es": "Personas que murieron un día posterior al de la lesión.",
    },
    "timeline": {
        "en": "Key dates of the political crisis documented in this release.",
        "es": "Fechas clave de la crisis política documentadas en esta versión.",
    },
    "claims": {
        "en": "Claims published in the seed article and elsewhere, next to the value this record gives for the same quantity.",
        "es": "Afirmaciones publicadas en el artículo de origen y en otros medios, junto al valor que da este registro para la misma magnitud.",
    },
    "reconciliation": {
        "en": "The largest national count of each major reporter (reported / this record for the same period; – where the reporter gave no figure).",
        "es": "El mayor conteo nacional de cada fuente principal (informado / este registro para el mismo período; – cuando la fuente no dio cifra).",
    },
    "crosswalk": {
        "en": "People of this record known to be on each major list, as far as the lists could be read.",
        "es": "Personas de este registro que se sabe que figuran en cada lista principal, en la medida en que las listas pudieron leerse.",
    },
    "excluded": {
        "en": "Reported deaths this record does not count, with the reason.",
        "es": "Muertes informadas que este registro no cuenta, con el motivo.",
    },
    "dictionary": {
        "en": "Data dictionary of the release, generated from its schema.",
        "es": "Diccionario de datos de la versión, generado a partir de su esquema.",
    },
}
HEADERS = {
    "rr": {"en": "Rate ratio vs rest (95%)", "es": "Razón de tasas vs. resto (95%)"},
    "figure": {"en": "Figure", "es": "Cifra"},
    "seed_article": {"en": "Seed article", "es": "Artículo de origen"},
    "this_record": {"en": "This record", "es": "Este registro"},
    "national_toll": {"en": "National toll", "es": "Balance nacional"},
    "term": {"en": "Term", "es": "Término"},
    "irr": {"en": "IRR", "es": "RTI"},
    "p": {"en": "p", "es": "p"},
    "indigenous_10pt": {"en": "Indigenous share (+10 points)", "es": "Población indígena (+10 puntos)"},
    "castillo_10pt": {"en": "Castillo 2021 vote (+10 points)", "es": "Voto por Castillo 2021 (+10 puntos)"},
    "definition": {"en": "Deaths included", "es": "Muertes incluidas"},
    "massacres": {"en": "Two largest massacres", "es": "Dos mayores masacres"},
    "share_indig": {"en": "Share in Indigenous-majority depts. (%)", "es": "En dptos. de mayoría indígena (%)"},
    "rr_indig": {"en": "Rate ratio (95%)", "es": "Razón de tasas (95%)"},
    "irr_indig": {"en": "IRR Indigenous +10 pts (95%)", "es": "RTI indígena +10 pts (95%)"},
    "clashes": {"en": "Clashes only", "es": "Solo enfrentamientos"},
    "clashes_roadblocks": {"en": "Clashes and roadblocks", "es": "Enfrentamientos y bloqueos"},
    "all": {"en": "All, incl. security forces", "es": "Todas, incl. fuerzas del orden"},
    "included": {"en": "included", "es": "incluidas"},
    "excluded": {"en": "excluded", "es": "excluidas"},
    "mechanism": {"en": "Cause", "es": "Causa"},
    "macroregion": {"en": "Macro-region", "es": "Macrorregión"},
    "wave": {"en": "Wave", "es": "Ola"},
    "share": {"en": "Share (%)", "es": "Porcentaje"},
    "what": {"en": "What happened", "es": "Qué ocurrió"},
    "period_end": {"en": "Period to", "es": "Período hasta"},
    "added": {"en": "Added", "es": "Añadidos"},
    "records": {"en": "Records", "es": "Registros"},
    "days": {"en": "Days", "es": "Días"},
    "removed": {"en": "Removed", "es": "Retirados"},
    "changed": {"en": "Changed", "es": "Modificados"},
    "list": {"en": "List", "es": "Lista"},
    "listed": {"en": "On the list", "es": "En la lista"},
    "not_listed": {"en": "Not on the list", "es": "Fuera de la lista"},
    "not_established": {"en": "Not established", "es": "Sin determinar"},
    "reason": {"en": "Reason not counted", "es": "Motivo por el que no se cuenta"},
    "claimant": {"en": "Claimed by", "es": "Afirmado por"},
    "claim_text": {"en": "Claim", "es": "Afirmación"},
    "claimed": {"en": "Claimed", "es": "Cifra afirmada"},
    "at_least": {"en": "at least", "es": "al menos"},
    "about": {"en": "about", "es": "alrededor de"},
    "close_to": {"en": "close to", "es": "cerca de"},
    "exact": {"en": "", "es": ""},
}


def h(key: str, lang: str) -> str:
    """A table header in the edition's language (table-specific first, then shared labels)."""
    return HEADERS[key][lang] if key in HEADERS else label(key, lang)


def interval(low: float, high: float, lang: str, decimals: int = 1) -> str:
    """'1.2–3.4' with the edition's decimal mark."""
    return f"{i18n.number(low, lang, decimals)}–{i18n.number(high, lang, decimals)}"


def cite(ids: str) -> str:
    """Pandoc citation of `;`-separated source ids."""
    return "[" + "; ".join(f"@{s}" for s in str(ids).split(";")) + "]"


def place(row: pd.Series) -> str:
    """'District, Department' (or the province where no district is known)."""
    parts = [row.get("district"), row.get("province"), row.get("department_name")]
    named = [p for p in parts if isinstance(p, str) and p]
    return ", ".join(dict.fromkeys([named[0], named[-1]])) if named else "–"


def table_tolls(r: dict, lang: str) -> str:
    g = r["gap"]
    frame = pd.DataFrame(
        {
            "date": g["report_date"],
            "reporter": g["reporter"],
            "total": g["total_deaths"],
            "c": g["clash_civilians"],
            "rb": g["roadblock_related"],
            "p": g["police"],
            "s": g["soldiers"],
            "injured": g["injured"],
            "reconstructed": g["reconstructed"],
            "source": g["source_id"].map(cite),
        }
    )
    headers = [
        h("report_date", lang),
        h("reporter", lang),
        h("total", lang),
        h("clash_civilian_short", lang),
        h("roadblock_related_short", lang),
        h("police_short", lang),
        h("soldier_short", lang),
        h("injured", lang),
        h("reconstructed", lang),
        h("source", lang),
    ]
    return markdown_table(frame, headers, CAPTIONS["tolls"][lang], "tbl-tolls", lang)


def table_seed(rel: Release, r: dict, lang: str) -> str:
    t = rel["tallies"]
    seed = t[t["source_id"] == sources.SEED_SOURCE_ID]
    names = localized(rel["events"], lang).set_index("event_id")["name"]
    counts = r["events"].set_index("event_id")["deaths"]
    rows = []
    for _, claim in seed.iterrows():
        what = h("national_toll", lang) if claim["scope"] == "national" else names[claim["event_id"]]
        rows.append(
            [
                what,
                h("seed_article", lang) + f" ({claim['reporter']})",
                claim["report_date"],
                claim["total_deaths"],
                claim["injured"],
                cite(claim["source_id"]),
            ]
        )
        for _, other in r["seed"][r["seed"]["claim"] == claim["tally_id"]].iterrows():
            rows.append(
                [
                    what,
                    other["reporter"],
                    other["report_date"],
                    other["deaths"],
                    other["injured"],
                    cite(other["source_id"]),
                ]
            )
        if claim["scope"] == "national":
            record = int(trajectory.reconstructed_as_of(rel["victims"], pd.Series([claim["report_date"]]))["total"][0])
        else:
            record = int(counts[claim["event_id"]])
        rows.append([what, h("this_record", lang), claim["report_date"], record, None, "–"])
    frame = pd.DataFrame(rows, columns=["what", "who", "date", "deaths", "injured", "source"])
    frame[["deaths", "injured"]] = frame[["deaths", "injured"]].astype("Float64")
    headers = [
        h("figure", lang),
        h("reporter", lang),
        h("date", lang),
        h("deaths", lang),
        h("injured", lang),
        h("source", lang),
    ]
    return markdown_table(frame, headers, CAPTIONS["seed"][lang], "tbl-seed", lang)


def table_waves(r: dict, lang: str) -> str:
    w = r["waves"].copy()
    day = pd.Timedelta(days=1)
    bounds = {
        "wave1": (trajectory.PROTESTS_START, trajectory.WAVE2_START - day),
        "wave2": (trajectory.WAVE2_START, None),
    }
    w["wave"] = [
        label(x, lang).format(
            start=i18n.date_short(bounds[x][0], lang),
            end=i18n.date_short(bounds[x][1], lang) if bounds[x][1] is not None else "",
        )
        for x in w["wave"]
    ]
    headers = [h("wave", lang)] + [h(f"{c}_short", lang) for c in CATEGORIES] + [h("total", lang), h("share", lang)]
    return markdown_table(w, headers, CAPTIONS["waves"][lang], "tbl-waves", lang, decimals={"share": 1})


def table_departments(r: dict, lang: str) -> str:
    d = r["departments"]
    d = d[d["total"] > 0].sort_values(["total", "department"], ascending=[False, True])
    frame = pd.DataFrame({"department": d["department"]})
    for category in CATEGORIES:
        frame[category] = d[category]
    frame["total"] = d["total"]
    frame["rate"] = d["rate"]
    frame["ci"] = [interval(lo, hi, lang, 2) for lo, hi in zip(d["rate_low"], d["rate_high"])]
    frame["rr"] = [
        f"{i18n.number(x, lang, 1)} ({interval(lo, hi, lang)})"
        for x, lo, hi in zip(d["rr_rest"], d["rr_low"], d["rr_high"])
    ]
    headers = (
        [h("department", lang)]
        + [h(f"{c}_short", lang) for c in CATEGORIES]
        + [h("total", lang), h("rate", lang), h("ci", lang), h("rr", lang)]
    )
    return markdown_table(
        frame,
        headers,
        CAPTIONS["departments"][lang],
        "tbl-departments",
        lang,
        decimals={"rate": 2},
        align={"ci": "right", "rr": "right"},
    )


def table_macroregions(r: dict, lang: str) -> str:
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
    headers = [
        h("macroregion", lang),
        h("deaths", lang),
        h("share_deaths", lang),
        h("share_population", lang),
        h("rate", lang),
        h("ci", lang),
    ]
    return markdown_table(
        frame,
        headers,
        CAPTIONS["macroregions"][lang],
        "tbl-macroregions",
        lang,
        decimals={"share_deaths": 1, "share_population": 1, "rate": 2},
        align={"ci": "right"},
    )


def table_events(rel: Release, r: dict, lang: str) -> str:
    e = r["events"]
    e = e[e["deaths"] > 0]
    names = rel["regions"].set_index("ubigeo")["department"]
    frame = pd.DataFrame(
        {
            "name": localized(e, lang)["name"],
            "date": e["date_start"],
            "department": e["department"].map(names),
            "deaths": e["deaths"],
            "reported": e["deaths_reported"],
            "injured": e["injured_reported"],
            "source": e["figures_source_id"].map(lambda s: cite(s) if isinstance(s, str) else "–"),
        }
    )
    headers = [
        h("event_name", lang),
        h("date", lang),
        h("department", lang),
        h("reconstructed", lang),
        h("deaths", lang) + " (" + h("reported", lang).lower() + ")",
        h("injured", lang),
        h("source", lang),
    ]
    return markdown_table(frame, headers, CAPTIONS["events"][lang], "tbl-events", lang)


def table_event_claims(r: dict, lang: str) -> str:
    disputed = set(r["discrepancies"]["event_id"])
    c = r["event_claims"][r["event_claims"]["event_id"].isin(disputed)]
    frame = pd.DataFrame(
        {
            "name": localized(c, lang)["name"],
            "date": c["report_date"],
            "reporter": c["reporter"],
            "deaths": c["total_deaths"],
            "injured": c["injured"],
            "source": c["source_id"].map(cite),
        }
    )
    headers = [
        h("event_name", lang),
        h("report_date", lang),
        h("reporter", lang),
        h("deaths", lang),
        h("injured", lang),
        h("source", lang),
    ]
    return markdown_table(frame, headers, CAPTIONS["event_claims"][lang], "tbl-event-claims", lang)


def table_delays(r: dict, lang: str) -> str:
    d = r["delays"]
    frame = pd.DataFrame(
        {
            "id": d["victim_id"],
            "name": d["name"].fillna("–"),
            "injured": d["date_injured"],
            "died": d["date_died"],
            "days": d["days"],
            "category": d["category"].map(lambda c: label(f"{c}_short", lang)),
        }
    )
    headers = [
        h("victim_id", lang),
        h("name", lang),
        h("date_injured", lang),
        h("date_died", lang),
        h("days", lang),
        h("category", lang),
    ]
    return markdown_table(frame, headers, CAPTIONS["delays"][lang], "tbl-delays", lang)


def table_victims(r: dict, lang: str) -> str:
    v = r["victims"]
    frame = pd.DataFrame(
        {
            "id": v["victim_id"],
            "name": v["name"],
            "age": v["age"],
            "died": v["date_died"],
            "place": v.apply(place, axis=1),
            "category": v["category"].map(lambda c: label(f"{c}_short", lang)),
            "sources": v["source_ids"].map(cite),
        }
    )
    headers = [
        h("victim_id", lang),
        h("name", lang),
        h("age", lang),
        h("date_died", lang),
        h("place", lang),
        h("category", lang),
        h("sources", lang),
    ]
    return markdown_table(frame, headers, CAPTIONS["victims"][lang], "tbl-victims", lang)


def table_mechanisms(r: dict, lang: str) -> str:
    m = r["mechanisms"].copy()
    m["mechanism"] = m["mechanism"].map(lambda x: label(x, lang))
    headers = [h("mechanism", lang)] + [label(f"force_{c}", lang) for c in m.columns[1:-1]] + [h("total", lang)]
    return markdown_table(m, headers, CAPTIONS["mechanisms"][lang], "tbl-mechanisms", lang)


def table_glm(r: dict, lang: str) -> str:
    g = r["glm"]
    rows = [
        [
            h(term, lang),
            g.get(f"irr_{term}"),
            interval(g.get(f"irr_{term}_low"), g.get(f"irr_{term}_high"), lang, 2),
            g.get(f"p_{term}"),
        ]
        for term in ("indigenous_10pt", "castillo_10pt")
    ]
    frame = pd.DataFrame(rows, columns=["term", "irr", "ci", "p"])
    headers = [h("term", lang), h("irr", lang), h("ci", lang), h("p", lang)]
    return markdown_table(
        frame, headers, CAPTIONS["glm"][lang], "tbl-glm", lang, decimals={"irr": 2, "p": 3}, align={"ci": "right"}
    )


def table_sensitivity(r: dict, lang: str) -> str:
    s = r["sensitivity"]
    frame = pd.DataFrame(
        {
            "definition": s["definition"].map(lambda x: h(x, lang)),
            "massacres": s["massacres"].map(lambda x: h(x, lang)),
            "deaths": s["deaths"],
            "share": s["share_deaths_indigenous_majority"],
            "rr": [
                f"{i18n.number(x, lang, 1)} ({interval(lo, hi, lang)})"
                for x, lo, hi in zip(s["rr_indigenous_majority"], s["rr_low"], s["rr_high"])
            ],
            "irr": [
                f"{i18n.number(x, lang, 2)} ({interval(lo, hi, lang, 2)})"
                for x, lo, hi in zip(
                    s["irr_indigenous_10pt"], s["irr_indigenous_10pt_low"], s["irr_indigenous_10pt_high"]
                )
            ],
        }
    )
    headers = [
        h("definition", lang),
        h("massacres", lang),
        h("deaths", lang),
        h("share_indig", lang),
        h("rr_indig", lang),
        h("irr_indig", lang),
    ]
    return markdown_table(
        frame,
        headers,
        CAPTIONS["sensitivity"][lang],
        "tbl-sensitivity",
        lang,
        decimals={"share": 1},
        align={"rr": "right", "irr": "right"},
    )


def table_dictionary(rel: Release, lang: str) -> str:
    rows = []
    for resource in rel.descriptor["resources"]:
        for f in resource["schema"]["fields"]:
            text = f.get("description_es" if lang == "es" else "description", f.get("description", ""))
            cons = f.get("constraints", {})
            if "enum" in cons:
                text += " (" + ", ".join(f"`{x}`" for x in cons["enum"]) + ")"
            rows.append(
                [
                    f"`{resource['name']}`",
                    f"`{f['name']}`",
                    f"`{f['type']}`" + (" \\*" if cons.get("required") else ""),
                    text,
                ]
            )
    frame = pd.DataFrame(rows, columns=["table", "field", "type", "description"])
    headers = [h("table", lang), h("field", lang), h("type", lang), h("description", lang)]
    return markdown_table(frame, headers, CAPTIONS["dictionary"][lang], "tbl-dictionary", lang)


def table_timeline(rel: Release, lang: str) -> str:
    t = rel["timeline"].sort_values(["date", "key"])
    frame = pd.DataFrame({"date": t["date"], "what": t[f"description_{lang}"], "source": t["source_ids"].map(cite)})
    headers = [h("date", lang), h("what", lang), h("source", lang)]
    return markdown_table(frame, headers, CAPTIONS["timeline"][lang], "tbl-timeline", lang)


def table_claims(r: dict, lang: str) -> str:
    c = r["claims"]
    percent = c["metric"].str.contains("share")
    claimed = [
        (h(q, lang) + " " if h(q, lang) else "") + i18n.number(v, lang, 1 if p and v % 1 else 0) + ("%" if p else "")
        for q, v, p in zip(c["qualifier"], c["value"], percent)
    ]
    record = [
        "–" if pd.isna(v) else i18n.number(v, lang, 1 if p else 0) + ("%" if p else "")
        for v, p in zip(c["record_value"], percent)
    ]
    frame = pd.DataFrame(
        {
            "date": c["claim_date"],
            "claimant": c["claimant"],
            "claim": c[f"description_{lang}"],
            "claimed": claimed,
            "record": record,
            "source": c["source_id"].map(cite),
        }
    )
    headers = [
        h("date", lang),
        h("claimant", lang),
        h("claim_text", lang),
        h("claimed", lang),
        h("reconstructed", lang),
        h("source", lang),
    ]
    return markdown_table(
        frame, headers, CAPTIONS["claims"][lang], "tbl-claims", lang, align={"claimed": "right", "record": "right"}
    )


def pair(reported: object, record: object, lang: str) -> str:
    """'reported / this record' for the reconciliation table."""
    left = "–" if pd.isna(reported) else i18n.number(reported, lang)
    return f"{left} / {i18n.number(record, lang)}"


def table_reconciliation(r: dict, lang: str) -> str:
    rec = r["reconciliation"]
    frame = pd.DataFrame(
        {
            "reporter": rec["reporter"],
            "date": rec["report_date"],
            "period": rec["period_end"],
            **{
                c: [pair(a, b, lang) for a, b in zip(rec[f"reported_{c}"], rec[f"record_{c}"])]
                for c in ("total", "clash_civilians", "roadblock_related", "police", "soldiers")
            },
            "source": rec["source_id"].map(cite),
        }
    )
    headers = [
        h("reporter", lang),
        h("report_date", lang),
        h("period_end", lang),
        h("total", lang),
        h("clash_civilian_short", lang),
        h("roadblock_related_short", lang),
        h("police_short", lang),
        h("soldier_short", lang),
        h("source", lang),
    ]
    right = {c: "right" for c in ("total", "clash_civilians", "roadblock_related", "police", "soldiers")}
    return markdown_table(frame, headers, CAPTIONS["reconciliation"][lang], "tbl-reconciliation", lang, align=right)


def table_crosswalk(r: dict, lang: str) -> str:
    c = r["crosswalk"]
    frame = pd.DataFrame(
        {
            "list": c["list_id"].map(lambda x: label(f"list_{x}", lang)),
            "listed": c["listed"],
            "not_listed": c["not_listed"],
            "unknown": c["unknown"],
        }
    )
    headers = [h("list", lang), h("listed", lang), h("not_listed", lang), h("not_established", lang)]
    return markdown_table(frame, headers, CAPTIONS["crosswalk"][lang], "tbl-crosswalk", lang)


def table_excluded(rel: Release, lang: str) -> str:
    x = rel["excluded"]
    names = rel["regions"].set_index("ubigeo")["department"]
    frame = pd.DataFrame(
        {
            "id": x["excluded_id"],
            "name": x["name"].fillna("–"),
            "date": x["reported_date"],
            "department": x["department"].map(names),
            "reason": x["reason"].map(lambda v: label(v, lang)),
            "source": x["source_ids"].map(cite),
        }
    )
    headers = [
        h("victim_id", lang),
        h("name", lang),
        h("reported", lang),
        h("department", lang),
        h("reason", lang),
        h("sources", lang),
    ]
    return markdown_table(frame, headers, CAPTIONS["excluded"][lang], "tbl-excluded", lang)


CHANGES = {
    "first": {"en": "This is the first release.", "es": "Esta es la primera versión."},
    "contents": {
        "en": "Records in each table of release {release}.",
        "es": "Registros de cada tabla de la versión {release}.",
    },
    "none": {
        "en": "No record changed since the previous release.",
        "es": "Ningún registro cambió desde la versión anterior.",
    },
    "caption": {
        "en": "Records added, removed and changed since release {old}.",
        "es": "Registros añadidos, retirados y modificados desde la versión {old}.",
    },
}


def previous_name(name: str) -> str | None:
    """The published release that precedes release `name` by name, if any."""
    earlier = [n for n in paths.release_names(paths.RELEASES) if n < name]
    return earlier[-1] if earlier else None


def changes_markdown(rel: Release, changes: pd.DataFrame | None, old_name: str | None, lang: str) -> str:
    """The changelog's tables: records per table in this release, then the changes since the previous one."""
    counts = pd.DataFrame({"table": [f"`{t}`" for t in rel.tables], "records": [len(t) for t in rel.tables.values()]})
    contents = markdown_table(
        counts,
        [h("table", lang), h("records", lang)],
        CHANGES["contents"][lang].format(release=rel.name),
        "tbl-contents",
        lang,
    )
    return contents + "\n" + changes_section(changes, old_name, lang)


def changes_section(changes: pd.DataFrame | None, old_name: str | None, lang: str) -> str:
    if changes is None:
        return CHANGES["first"][lang] + "\n"
    if changes.empty:
        return CHANGES["none"][lang] + "\n"
    frame = changes.assign(table=changes["table"].map(lambda t: f"`{t}`"))
    headers = [h("table", lang), h("added", lang), h("removed", lang), h("changed", lang)]
    return markdown_table(frame, headers, CHANGES["caption"][lang].format(old=old_name), "tbl-changes", lang)


def markdown_tables(rel: Release, r: dict, lang: str) -> dict[str, str]:
    """All Markdown tables of one edition, by file stem."""
    return {
        "tolls": table_tolls(r, lang),
        "seed": table_seed(rel, r, lang),
        "waves": table_waves(r, lang),
        "delays": table_delays(r, lang),
        "departments": table_departments(r, lang),
        "macroregions": table_macroregions(r, lang),
        "events": table_events(rel, r, lang),
        "event_claims": table_event_claims(r, lang),
        "victims": table_victims(r, lang),
        "mechanisms": table_mechanisms(r, lang),
        "glm": table_glm(r, lang),
        "sensitivity": table_sensitivity(r, lang),
        "dictionary": table_dictionary(rel, lang),
        "timeline": table_timeline(rel, lang),
        "claims": table_claims(r, lang),
        "reconciliation": table_reconciliation(r, lang),
        "crosswalk": table_crosswalk(r, lang),
        "excluded": table_excluded(rel, lang),
        "changes": changes_markdown(rel, r["changes"], r["previous"], lang),
    }


TIDY_TABLES = (
    "claims",
    "daily_died",
    "daily_incident",
    "waves",
    "deadliest_days",
    "delays",
    "late_reports",
    "gap",
    "same_day",
    "departments",
    "macroregions",
    "sensitivity",
    "events",
    "event_claims",
    "ages",
    "mechanisms",
    "coverage",
    "source_kinds",
    "seed",
    "discrepancies",
)


# ---------------------------------------------------------------- figures, bibliography


def csl_references(sources_table: pd.DataFrame) -> list[dict]:
    """The sources table as CSL-JSON items (one per source, id = source_id)."""
    items = []
    for s in sources_table.itertuples(index=False):
        item = {
            "id": s.source_id,
            "type": "webpage" if s.kind == "media" else "report",
            "title": s.title,
            "publisher": s.publisher,
            "container-title": s.publisher,
            "language": s.language,
        }
        if isinstance(s.url, str):
            item["URL"] = s.url
        elif isinstance(getattr(s, "copy_url", None), str):  # no original found: the copy, marked as such
            item["URL"] = s.copy_url
            item["note"] = "copy only / solo copia"
        if isinstance(s.date_published, str):
            item["issued"] = {"date-parts": [[int(p) for p in s.date_published.split("-")]]}
        item["author"] = [{"literal": s.author if isinstance(s.author, str) and s.author else s.publisher}]
        items.append(item)
    return items


# ---------------------------------------------------------------- build (I/O)


@contextmanager
def atomic_folder(target: Path):
    """Yield a temporary folder that replaces `target` only if the block succeeds."""
    tmp = target.with_name(f".{target.name}.partial")
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    try:
        yield tmp
        old = target.with_name(f".{target.name}.old")
        shutil.rmtree(old, ignore_errors=True)
        if target.exists():
            target.rename(old)
        tmp.rename(target)
        shutil.rmtree(old, ignore_errors=True)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


TITLE_BLOCK = {
    "en": ("Report version", "Data release", "Release date", "SHA-256 of datapackage.json", "How to cite"),
    "es": (
        "Versión del informe",
        "Versión de datos",
        "Fecha de la versión",
        "SHA-256 de datapackage.json",
        "Cómo citar",
    ),
}


def title_block(values: dict[str, str], lang: str) -> str:
    """The HTML edition's release and citation box (the PDF has the same on its title page)."""
    version, release, date, checksum, how = (html.escape(x) for x in TITLE_BLOCK[lang])
    v = {k: html.escape(x) for k, x in values.items()}
    return (
        f'<div class="title-block"><p><strong>{version}</strong>: {v["package_version"]} · '
        f"<strong>{release}</strong>: {v['release']} · <strong>{date}</strong>: {v['release_created']}<br>"
        f"<strong>{checksum}</strong>: <code>{v['release_sha256']}</code></p></div>\n"
        f'<div class="cite-block"><p><strong>{how}</strong></p><p>{v["citation"]}</p></div>\n'
    )


def write_results(rel: Release, folder: Path, workers: Workers, earlier: str | None) -> None:
    """Compute and write every result of a release into `folder`.

    The worker processes fit the statistical models (statsmodels takes over a second to import)
    and draw the figures of the two editions (matplotlib is CPU-bound) while this process loads
    the release before this one (`earlier`, for the changelog) and computes and writes the values
    and tables.
    """
    described = describe(rel)
    fitting = workers.submit("analysis.models", "fit", rel["victims"], rel["regions"], described["daily_incident"])
    data = {**described, "regions": rel["regions"]}
    drawing = [  # one job per figure, so that the two workers finish together
        workers.submit("analysis.figures", "draw", name, data, rel.name, lang, folder / lang / "figures")
        for name in paths.FIGURES
        for lang in LANGS
    ]
    previous = load_release(paths.RELEASES / earlier) if earlier else None
    r = summarise(rel, described)
    r["previous"] = previous.name if previous else None
    r["changes"] = diff.summary(diff.diff_releases(previous, rel)) if previous else None
    (folder / "references.json").write_text(
        json.dumps(csl_references(rel["sources"]), indent=1, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    for lang in LANGS:
        source = paths.changelog(lang)
        text = source.read_text(encoding="utf-8") if source.is_file() else ""
        (folder / lang).mkdir(parents=True, exist_ok=True)
        (folder / lang / "changelog.md").write_text(demote_headings(text), encoding="utf-8")
    r.update(fitting.result())  # everything below needs the models
    values = collect_values(rel, r)
    values.write(folder)
    for name in TIDY_TABLES:
        write_table_csv(r[name], folder / "tables" / f"{name}.csv")
    (folder / "models.json").write_text(
        json.dumps(
            {"count_model": r["count_model"], "glm": r["glm"], "indigenous_majority": r["indigenous"]},
            indent=1,
            sort_keys=True,
            default=str,
        )
        + "\n",
        encoding="utf-8",
    )
    for lang in LANGS:
        for stem, text in markdown_tables(rel, r, lang).items():
            path = folder / lang / "tables" / f"{stem}.md"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
    for lang in LANGS:
        (folder / lang / "title-block.html").write_text(title_block(values.formatted(lang), lang), encoding="utf-8")
    for job in drawing:
        job.result()


def demote_headings(markdown: str, levels: int = 0) -> str:
    """Push Markdown ATX headings down so an included file nests under the report's section; drop the title."""
    lines = []
    for line in markdown.splitlines():
        if line.startswith("# "):
            continue
        lines.append("#" * levels + line if line.startswith("#") else line)
    return "\n".join(lines).strip() + "\n"


def build(
    release: str | Path | None = None,
    force: bool = False,
    workers: Workers | None = None,
    fingerprint: tuple[str, str] | None = None,
) -> Path:
    """Validate a release and write its results to `_build/<release>/results/` (cached by content hash).

    `workers` fit the models and draw the figures; a caller that starts them before importing this
    module lets their imports run while this module's do.
    `fingerprint` is the release's `cache.release_fingerprint` if the caller has just computed it.
    """
    folder = paths.resolve_release(release)
    fingerprint = fingerprint or cache.release_fingerprint(folder)
    if not force and (out := cache.up_to_date_build(fingerprint)):
        return out
    with nullcontext(workers) if workers else Workers() as pool:
        print(f"validating {folder.name} ...", file=sys.stderr)
        rel = load_release(folder)
        print(f"computing results, tables and figures of {rel.name} ...", file=sys.stderr)
        out = paths.build_dir(rel.name) / "results"
        out.parent.mkdir(parents=True, exist_ok=True)
        with atomic_folder(out) as tmp:
            write_results(rel, tmp, pool, previous_name(rel.name))
            (tmp / ".key").write_text(cache.build_key(rel.sha256))
    return out

"""Markdown tables of the incident-level and clustered-uncertainty results (issue 17): the headline
comparisons counted four ways, the department model by method, the count scenarios and other
sensitivity rows, the wave ratio by window, and the reporting lag with its denominator."""

from __future__ import annotations

import pandas as pd

from . import i18n
from .i18n import label
from .tables_common import interval
from .values import markdown_table

TEXT = {
    "group_top_rate_department": {"en": "{dept} vs rest of Peru", "es": "{dept} vs. resto del Perú"},
    "group_indigenous_majority": {
        "en": "Indigenous-majority depts. vs the others",
        "es": "Dptos. de mayoría indígena vs. los demás",
    },
    "comparison": {"en": "Comparison", "es": "Comparación"},
    "counted": {"en": "Counted in", "es": "Se cuentan"},
    "counts": {"en": "Counts (group / rest)", "es": "Conteos (grupo / resto)"},
    "interval_kind": {"en": "Interval: what it assumes", "es": "Intervalo: qué supone"},
    "ratio": {"en": "Rate ratio", "es": "Razón de tasas"},
    "ci95": {"en": "95% interval", "es": "Intervalo 95%"},
    "deaths": {"en": "deaths", "es": "muertes"},
    "incidents": {"en": "fatal incidents", "es": "hechos fatales"},
    "exact_deaths": {
        "en": "exact Poisson; deaths independent",
        "es": "Poisson exacto; muertes independientes",
    },
    "exact_incidents": {
        "en": "exact Poisson; incidents independent",
        "es": "Poisson exacto; hechos independientes",
    },
    "bootstrap": {
        "en": "bootstrap of whole incidents ({n} replicates)",
        "es": "bootstrap de hechos enteros ({n} réplicas)",
    },
    "quasi": {"en": "quasi-Poisson, φ = {phi}", "es": "cuasi-Poisson, φ = {phi}"},
    "outcome": {"en": "Counted", "es": "Se cuentan"},
    "term": {"en": "Covariate (model)", "es": "Covariable (modelo)"},
    "indigenous_10pt_alone": {"en": "Indigenous share (alone)", "es": "Población indígena (sola)"},
    "castillo_10pt_alone": {"en": "Castillo 2021 vote (alone)", "es": "Voto por Castillo 2021 (solo)"},
    "indigenous_10pt_joint": {"en": "Indigenous share (joint)", "es": "Población indígena (conjunto)"},
    "castillo_10pt_joint": {"en": "Castillo 2021 vote (joint)", "es": "Voto por Castillo 2021 (conjunto)"},
    "irr": {"en": "IRR", "es": "RTI"},
    "profile": {"en": "Profile likelihood 95%", "es": "Verosimilitud perfil 95%"},
    "profile_quasi": {"en": "Profile, scaled by dispersion 95%", "es": "Perfil escalado por dispersión 95%"},
    "negbin": {"en": "Negative binomial: IRR (95%)", "es": "Binomial negativa: RTI (95%)"},
    "perm_p": {"en": "Permutation p", "es": "p por permutación"},
    "variant": {"en": "Variant", "es": "Variante"},
    "n_deaths": {"en": "Deaths", "es": "Muertes"},
    "n_incidents": {"en": "Fatal incidents", "es": "Hechos fatales"},
    "rr_top": {"en": "{dept}: rate ratio", "es": "{dept}: razón de tasas"},
    "rr_indig": {"en": "Indig.-majority: rate ratio", "es": "Mayoría indígena: razón de tasas"},
    "share_indig": {"en": "Indig.-majority: share of deaths (%)", "es": "Mayoría indígena: % de muertes"},
    "scenario_low": {"en": "Low: high-confidence deaths only", "es": "Baja: solo muertes de confianza alta"},
    "scenario_best": {"en": "Best: this release", "es": "Central: esta versión"},
    "scenario_civilians": {
        "en": "Civilians only: this release without police officers and soldiers",
        "es": "Solo civiles: esta versión sin policías ni militares",
    },
    "scenario_high": {
        "en": "High: plus excluded reports never withdrawn",
        "es": "Alta: más informes excluidos nunca retirados",
    },
    "census": {"en": "2017 census populations", "es": "Población del censo de 2017"},
    "jackknife": {"en": "One incident left out (range)", "es": "Un hecho excluido (rango)"},
    "start": {"en": "Start", "es": "Inicio"},
    "end": {"en": "End", "es": "Fin"},
    "truce": {"en": "Truce days", "es": "Días de tregua"},
    "days": {"en": "Days (wave 1 / 2)", "es": "Días (ola 1 / 2)"},
    "wave_incidents": {"en": "Incidents (1 / 2)", "es": "Hechos (1 / 2)"},
    "ratio_incidents": {"en": "Incidents: ratio (95%)", "es": "Hechos: razón (95%)"},
    "wave_deaths": {"en": "Deaths (1 / 2)", "es": "Muertes (1 / 2)"},
    "ratio_deaths": {"en": "Deaths: ratio (95%)", "es": "Muertes: razón (95%)"},
    "in_wave1": {"en": "in wave 1", "es": "en ola 1"},
    "left_out": {"en": "left out", "es": "excluidos"},
    "category": {"en": "Category", "es": "Categoría"},
    "people": {"en": "People", "es": "Personas"},
    "with_first_report": {"en": "With first-report date", "es": "Con fecha del primer informe"},
    "with_both_dates": {"en": "With both dates", "es": "Con ambas fechas"},
    "late": {"en": "Reported > {days} days later", "es": "Informadas > {days} días después"},
    "median_lag": {"en": "Median lag (days)", "es": "Demora mediana (días)"},
    "max_lag": {"en": "Longest lag (days)", "es": "Demora máxima (días)"},
}
CAPTIONS = {
    "comparisons": {
        "en": (
            "The headline comparisons counted in deaths and in fatal incidents, with four 95% intervals. "
            "The first assumes every death independent, which the clustering of deaths in incidents "
            "contradicts; the others take the incident as the independent unit."
        ),
        "es": (
            "Las comparaciones principales contadas en muertes y en hechos fatales, con cuatro intervalos "
            "del 95%. El primero supone que cada muerte es independiente, lo que contradice la agrupación "
            "de las muertes en hechos; los demás toman el hecho como unidad independiente."
        ),
    },
    "glm": {
        "en": (
            "Poisson models of deaths and of fatal incidents by department (offset: log population), each "
            "covariate alone and both together: incidence rate ratios per 10 percentage points, "
            "profile-likelihood intervals (plain, and scaled by the Pearson dispersion), the negative "
            "binomial's own estimate and interval, and permutation p-values of the single-covariate models ({n} "
            "shuffles; p resolved to {res}). Ecological associations only."
        ),
        "es": (
            "Modelos de Poisson de las muertes y de los hechos fatales por departamento (offset: logaritmo "
            "de la población), cada covariable sola y ambas juntas: razones de tasas de incidencia por 10 "
            "puntos porcentuales, intervalos de verosimilitud perfil (sin escalar y escalados por la "
            "dispersión de Pearson), la estimación y el intervalo propios de la binomial negativa, y "
            "valores p por permutación de los modelos de una sola covariable ({n} permutaciones; resolución de "
            "p: {res}). Solo asociaciones ecológicas."
        ),
    },
    "scenarios": {
        "en": (
            "Which deaths count: the headline comparisons under low, best and high counts, without the police "
            "officers and soldiers, with 2017 census populations, and with each fatal incident left out in turn "
            "(lowest–highest). Rate ratios "
            "against the rest of Peru; 2022 projection unless stated."
        ),
        "es": (
            "Qué muertes se cuentan: las comparaciones principales con conteos bajo, central y alto, sin los "
            "policías ni los militares, con la población del censo de 2017 y excluyendo por turno cada hecho "
            "fatal (mínimo–máximo). Razones "
            "de tasas frente al resto del Perú; proyección de 2022 salvo indicación."
        ),
    },
    "windows": {
        "en": (
            "Rate per day of wave 2 over wave 1 under each choice of window, in fatal incidents and in "
            "deaths (exact conditional 95% intervals, which assume independent incidents or deaths). A window "
            "starts when the protests began or on the day of the first fatal incident, ends on the day of the "
            "last fatal incident or when wave 2 has lasted as long as wave 1, and counts the days of the "
            "year-end truce in wave 1 or leaves them out."
        ),
        "es": (
            "Tasa diaria de la ola 2 sobre la de la ola 1 con cada elección de ventana, en hechos fatales y "
            "en muertes (intervalos condicionales exactos del 95%, que suponen hechos o muertes "
            "independientes). Una ventana empieza con el inicio de las protestas o el día del primer hecho "
            "fatal, termina el día del último hecho fatal o cuando la ola 2 ha durado tanto como la ola 1, y "
            "cuenta los días de la tregua de fin de año en la ola 1 o los excluye."
        ),
    },
    "lag": {
        "en": ("Days from death to first report, by category. Only people with both dates count in the denominator."),
        "es": (
            "Días entre la muerte y el primer informe, por categoría. Solo las personas con ambas fechas "
            "cuentan en el denominador."
        ),
    },
}


def t(key: str, lang: str, **values) -> str:
    """A label of this module in the edition's language."""
    return TEXT[key][lang].format(**values)


def ci(estimate: float, low: float, high: float, lang: str, decimals: int = 1) -> str:
    """'7.2 (2.4–18.2)'."""
    return f"{i18n.number(estimate, lang, decimals)} ({interval(low, high, lang, decimals)})"


def top_department(r: dict) -> str:
    """Name of the department with the highest death rate (the headline comparison's group)."""
    code = r["groups"]["top_rate_department"][0]
    return r["departments"].set_index("ubigeo").at[code, "department"]


def table_comparisons(r: dict, lang: str) -> str:
    """Each headline comparison as a rate ratio counted in deaths and in incidents, with four intervals."""
    c = r
    ratios = c["incident_rate_ratios"].set_index(["group", "unit"])
    boot = c["bootstrap"].set_index(["group", "statistic"])
    quasi = c["quasi_poisson"].set_index(["group", "statistic"])
    phi = i18n.number(c["clustering"]["phi"], lang, 1)
    n = i18n.number(int(boot["replicates"].iloc[0]), lang)
    rows = []
    for group in c["groups"]:
        name = t(f"group_{group}", lang, dept=top_department(r))
        deaths, incidents = ratios.loc[(group, "deaths")], ratios.loc[(group, "incidents")]
        counts = {u: f"{int(x['count_group'])} / {int(x['count_rest'])}" for u, x in (("d", deaths), ("i", incidents))}
        b, q = boot.loc[(group, "rate_ratio")], quasi.loc[(group, "rate_ratio")]
        rows += [
            [
                name,
                t("deaths", lang),
                counts["d"],
                t("exact_deaths", lang),
                deaths["rate_ratio"],
                deaths["low"],
                deaths["high"],
            ],
            [
                "",
                t("incidents", lang),
                counts["i"],
                t("exact_incidents", lang),
                *incidents[["rate_ratio", "low", "high"]],
            ],
            ["", t("deaths", lang), counts["d"], t("bootstrap", lang, n=n), b["estimate"], b["low"], b["high"]],
            [
                "",
                t("deaths", lang),
                counts["d"],
                t("quasi", lang, phi=phi),
                q["estimate"],
                q["quasi_low"],
                q["quasi_high"],
            ],
        ]
    frame = pd.DataFrame(rows, columns=["group", "unit", "counts", "kind", "ratio", "low", "high"])
    frame["ci"] = [interval(lo, hi, lang) for lo, hi in zip(frame["low"], frame["high"])]
    frame = frame.drop(columns=["low", "high"])
    headers = [t(k, lang) for k in ("comparison", "counted", "counts", "interval_kind", "ratio", "ci95")]
    return markdown_table(
        frame,
        headers,
        CAPTIONS["comparisons"][lang],
        "tbl-comparisons",
        lang,
        decimals={"ratio": 1},
        align={"counts": "right", "ci": "right"},
    )


def table_models(r: dict, lang: str) -> str:
    """The department models: each covariate alone and both together, deaths and incidents, by method."""
    c = r
    m = c["model_intervals"].set_index(["outcome", "model", "term", "method"])
    perm = c["permutations"].set_index(["outcome", "model", "term"])
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
                    t(outcome, lang).capitalize() if model == "indigenous" else "",
                    t(f"{term}_{'joint' if model == 'joint' else 'alone'}", lang),
                    profile["irr"],
                    interval(profile["low"], profile["high"], lang, 2),
                    interval(scaled["low"], scaled["high"], lang, 2),
                    ci(nb["irr"], nb["low"], nb["high"], lang, 2),
                    perm.at[key, "p"] if key in perm.index else None,
                ]
            )
    frame = pd.DataFrame(rows, columns=["outcome", "term", "irr", "profile", "scaled", "nb", "p"])
    shuffles = int(c["permutations"]["permutations"].iloc[0])
    caption = CAPTIONS["glm"][lang].format(n=i18n.number(shuffles, lang), res=i18n.number(1 / (1 + shuffles), lang, 3))
    headers = [t(k, lang) for k in ("outcome", "term", "irr", "profile", "profile_quasi", "negbin", "perm_p")]
    return markdown_table(
        frame,
        headers,
        caption,
        "tbl-glm",
        lang,
        decimals={"irr": 2, "p": 3},
        align={"profile": "right", "scaled": "right", "nb": "right", "p": "right"},
    )


def table_scenarios(r: dict, lang: str) -> str:
    """The headline comparisons under low/best/high counts, 2017 census populations, and leave-one-incident-out."""
    c = r
    s = c["scenarios"].set_index(["scenario", "group"])
    census = c["denominators"].set_index(["population", "group"])
    rows = []
    for scenario in ("low", "best", "high", "civilians"):
        top, ind = s.loc[(scenario, "top_rate_department")], s.loc[(scenario, "indigenous_majority")]
        rows.append(
            [
                t(f"scenario_{scenario}", lang),
                str(int(top["deaths"])),
                str(int(top["incidents"])),
                ci(top["rate_ratio"], top["rate_ratio_low"], top["rate_ratio_high"], lang),
                ci(ind["rate_ratio"], ind["rate_ratio_low"], ind["rate_ratio_high"], lang),
                i18n.number(ind["share_deaths"], lang, 1),
            ]
        )
    top, ind = (
        census.loc[("pop_2017_census", "top_rate_department")],
        census.loc[("pop_2017_census", "indigenous_majority")],
    )
    best = s.loc[("best", "top_rate_department")]
    rows.append(
        [
            t("census", lang),
            str(int(best["deaths"])),
            str(int(best["incidents"])),
            ci(top["rate_ratio"], top["rate_ratio_low"], top["rate_ratio_high"], lang),
            ci(ind["rate_ratio"], ind["rate_ratio_low"], ind["rate_ratio_high"], lang),
            i18n.number(ind["share_deaths"], lang, 1),
        ]
    )
    jack = c["jackknife"].set_index("statistic")

    def span(statistic: str, decimals: int = 1) -> str:
        return interval(jack.at[statistic, "min"], jack.at[statistic, "max"], lang, decimals)

    incidents = int(best["incidents"])
    rows.append(
        [
            t("jackknife", lang),
            span("deaths", 0),
            str(incidents - 1),
            span("top_rate_department_rate_ratio"),
            span("indigenous_majority_rate_ratio"),
            span("indigenous_majority_share_deaths"),
        ]
    )
    frame = pd.DataFrame(rows, columns=["variant", "deaths", "incidents", "top", "indig", "share"])
    headers = [
        t("variant", lang),
        t("n_deaths", lang),
        t("n_incidents", lang),
        t("rr_top", lang, dept=top_department(r)),
        t("rr_indig", lang),
        t("share_indig", lang),
    ]
    right = {k: "right" for k in ("deaths", "incidents", "top", "indig", "share")}
    return markdown_table(frame, headers, CAPTIONS["scenarios"][lang], "tbl-scenarios", lang, align=right)


def table_windows(r: dict, lang: str) -> str:
    """The ratio of the waves' rates per day under every window, in incidents and in deaths."""
    w = r["windows"]
    rows = []
    for _, group in w.groupby(["start", "end", "truce"], sort=False):
        u = group.set_index("unit")
        i, d = u.loc["incidents"], u.loc["deaths"]
        rows.append(
            [
                i18n.date_short(i["first_day"], lang),
                i18n.date_short(i["last_day"], lang),
                t(i["truce"], lang),
                f"{int(i['days_wave1'])} / {int(i['days_wave2'])}",
                f"{int(i['wave1'])} / {int(i['wave2'])}",
                ci(i["ratio"], i["low"], i["high"], lang, 2),
                f"{int(d['wave1'])} / {int(d['wave2'])}",
                ci(d["ratio"], d["low"], d["high"], lang, 2),
            ]
        )
    columns = ["start", "end", "truce", "days", "wave_incidents", "ratio_incidents", "wave_deaths", "ratio_deaths"]
    frame = pd.DataFrame(rows, columns=columns)
    right = {k: "right" for k in columns[3:]}
    return markdown_table(
        frame, [t(k, lang) for k in columns], CAPTIONS["windows"][lang], "tbl-windows", lang, align=right
    )


def table_lag(r: dict, lang: str, days: int) -> str:
    """Days from death to first report by category, with the denominators."""
    lag = r["reporting_lag"]
    frame = pd.DataFrame(
        {
            "category": lag["category"].map(lambda x: label(x, lang)),
            "people": lag["people"],
            "with_first_report": lag["with_first_report"],
            "with_both_dates": lag["with_both_dates"],
            "late": lag["late"],
            "median_lag": lag["median_lag"],
            "max_lag": lag["max_lag"],
        }
    )
    headers = [t(k, lang, days=days) for k in frame.columns]
    return markdown_table(
        frame, headers, CAPTIONS["lag"][lang], "tbl-lag", lang, decimals={"median_lag": 1, "max_lag": 0}
    )

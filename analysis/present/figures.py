"""The report's figures, drawn from analysis results in the edition's language."""

from __future__ import annotations

import textwrap
from pathlib import Path

import matplotlib.dates as mdates
import numpy as np
import pandas as pd
from matplotlib import ticker
from matplotlib.patches import Rectangle

from .. import paths
from ..release.schema import CATEGORIES
from . import i18n
from .i18n import label
from .style import CATEGORY_COLOURS, MARKERS, OKABE_ITO, REPORTER_COLOURS, figure, save, source_line

TEXT = {
    "source": {
        "en": "Data: release {release} of the Peru protest deaths record; {extra}",
        "es": "Datos: versión {release} del registro de muertes en las protestas de Perú; {extra}",
    },
    "source_victims": {"en": "one row per person, with sources.", "es": "una fila por persona, con fuentes."},
    "source_tallies": {"en": "reported tolls as published.", "es": "balances tal como se publicaron."},
    "source_pop": {"en": "population: INEI projection 2022.", "es": "población: proyección INEI 2022."},
    "cum_title": {
        "en": "{total} deaths recorded by {date}",
        "es": "{total} muertes registradas hasta el {date}",
    },
    "cum_y": {"en": "Deaths (cumulative)", "es": "Muertes (acumuladas)"},
    "cum_line": {"en": "This record, by date of death", "es": "Este registro, por fecha de muerte"},
    "daily_title": {
        "en": "{share}% of deaths happened on the {n} deadliest days",
        "es": "El {share}% de las muertes ocurrió en los {n} días más letales",
    },
    "daily_y": {"en": "Deaths per day (by date of incident)", "es": "Muertes por día (fecha del hecho)"},
    "rates_title": {
        "en": "{dept}: {rate} deaths per 100,000 people, the highest rate",
        "es": "{dept}: {rate} muertes por cada 100.000 habitantes, la tasa más alta",
    },
    "rates_x": {
        "en": "Deaths per 100,000 people (exact Poisson 95% interval)",
        "es": "Muertes por cada 100.000 habitantes (intervalo de Poisson exacto al 95%)",
    },
    "map_title": {
        "en": "Deaths by department: {n} of 25 departments recorded deaths",
        "es": "Muertes por departamento: {n} de 25 departamentos registraron muertes",
    },
    "map_legend": {
        "en": "number = deaths; shade = deaths per 100,000",
        "es": "número = muertes; tono = muertes por 100.000",
    },
    "age_title": {
        "en": "{minors} of the people who died were minors; median age {median}",
        "es": "{minors} de las personas fallecidas eran menores de edad; mediana de edad {median}",
    },
    "age_x": {"en": "Age group (years)", "es": "Grupo de edad (años)"},
    "age_y": {"en": "Deaths", "es": "Muertes"},
    "unknown_age": {"en": "unknown", "es": "desconocida"},
    "disc_title": {
        "en": "Sources disagree on the death toll of {n} events",
        "es": "Las fuentes discrepan sobre el número de muertes en {n} hechos",
    },
    "disc_x": {"en": "Deaths reported for the event", "es": "Muertes informadas para el hecho"},
    "disc_record": {"en": "This record", "es": "Este registro"},
    "disc_published": {
        "en": "Published tolls (area: number of reports)",
        "es": "Balances publicados (área: número de informes)",
    },
    "cum_others": {"en": "Other reporters", "es": "Otras fuentes"},
}


def numbers(axis, lang: str, decimals: int = 0) -> None:
    """Tick labels with the edition's decimal mark (0,5 in Spanish)."""
    axis.set_major_formatter(ticker.FuncFormatter(lambda x, _: i18n.number(x, lang, decimals)))


def set_title(ax, text: str, width: int = 64) -> None:
    """A figure title stating the finding, wrapped so that it never runs off the figure."""
    ax.set_title(textwrap.fill(text, width))


def inside_axes(artist):
    """Leave an artist placed inside the axes out of `tight_layout`'s measurements.

    It cannot change the margins, and measuring text is most of the layout's cost (the figures
    come out the same without it).
    """
    artist.set_in_layout(False)
    return artist


def t(key: str, lang: str, **values) -> str:
    """A figure string in the edition's language with values filled in."""
    return TEXT[key][lang].format(**values)


def _date_axis(ax, lang: str) -> None:
    ax.xaxis.set_major_locator(mdates.MonthLocator())
    ax.xaxis.set_minor_locator(mdates.WeekdayLocator(byweekday=mdates.MO))
    ax.xaxis.set_major_formatter(
        ticker.FuncFormatter(lambda x, _: i18n.date_short(mdates.num2date(x).date(), lang).split(" ", 1)[1])
    )


def cumulative_vs_reported(
    daily: pd.DataFrame, gap: pd.DataFrame, events: pd.DataFrame, release: str, lang: str, path: Path
) -> Path:
    """Cumulative deaths in this record (step line) against national tolls by reporter (markers).

    The axis ends shortly after the last death; reporters with fewer than three tolls in that
    window share one grey marker so that the legend stays readable.
    """
    fig, ax = figure(3.9)
    last = daily.loc[daily["total"] > 0, "date"].max()
    end = last + pd.Timedelta(days=12)
    ax.step(
        daily["date"], daily["cumulative"], where="post", color=OKABE_ITO["black"], lw=1.8, label=t("cum_line", lang)
    )
    shown = gap[(gap["report_date"] <= end) & gap["total_deaths"].notna()]
    counts = shown["reporter"].value_counts()
    frequent = [r for r in counts.index if counts[r] >= 3][: len(REPORTER_COLOURS) - 1]
    for i, reporter in enumerate(frequent):
        rows = shown[shown["reporter"] == reporter]
        ax.scatter(
            rows["report_date"],
            rows["total_deaths"],
            s=20,
            marker=MARKERS[i % len(MARKERS)],
            color=REPORTER_COLOURS[i],
            zorder=3,
            label=reporter,
            alpha=0.9,
        )
    others = shown[~shown["reporter"].isin(frequent)]
    if len(others):
        ax.scatter(
            others["report_date"],
            others["total_deaths"],
            s=14,
            marker="o",
            color=OKABE_ITO["grey"],
            zorder=2,
            label=t("cum_others", lang),
            alpha=0.7,
        )
    start = daily["date"].min() - pd.Timedelta(days=2)
    for _, event in events.head(2).iterrows():
        y = daily.loc[daily["date"] <= event["date_start"], "cumulative"].max()
        # Below the step, where no toll is plotted, on the side of the event with more room.
        right = (event["date_start"] - start) / (end - start) < 0.6
        ax.annotate(
            event["name"],
            xy=(event["date_start"], y),
            xytext=(14 if right else -14, -40),
            textcoords="offset points",
            fontsize=7,
            ha="left" if right else "right",
            va="center",
            bbox={"boxstyle": "round,pad=0.2", "fc": "white", "ec": "none", "alpha": 0.9},
            arrowprops={"arrowstyle": "-", "color": "#777777", "lw": 0.6},
        )
    ax.set_xlim(start, end)
    _date_axis(ax, lang)
    ax.set_ylabel(t("cum_y", lang))
    ax.set_ylim(bottom=0)
    numbers(ax.yaxis, lang)
    total = int(daily["cumulative"].iloc[-1])
    set_title(ax, t("cum_title", lang, total=i18n.number(total, lang), date=i18n.date(last.date(), lang)))
    inside_axes(ax.legend(loc="lower right", ncol=2, fontsize=6.5))
    source_line(fig, t("source", lang, release=release, extra=t("source_tallies", lang)))
    fig.tight_layout(rect=(0, 0.04, 1, 1))
    return save(fig, path)


def daily_by_category(daily: pd.DataFrame, deadliest: pd.DataFrame, release: str, lang: str, path: Path) -> Path:
    """Stacked daily deaths per category (by incident date)."""
    fig, ax = figure(3.4)
    bottom = np.zeros(len(daily))
    for category in CATEGORIES:
        values = daily[category].to_numpy()
        drawn = values > 0  # days without deaths in this category add no bar (and no SVG element)
        if not drawn.any():
            continue
        ax.bar(
            daily["date"][drawn],
            values[drawn],
            bottom=bottom[drawn],
            width=0.9,
            color=CATEGORY_COLOURS[category],
            label=label(category, lang),
        )
        bottom += values
    # The axis spans every day of the table, with or without deaths (as bars of every day would).
    half_day = pd.Timedelta(hours=12)
    span = mdates.date2num([daily["date"].min() - half_day, daily["date"].max() + half_day])
    ax.update_datalim([(span[0], 0), (span[1], 0)], updatey=False)
    ax.autoscale_view()
    _date_axis(ax, lang)
    ax.set_ylabel(t("daily_y", lang))
    numbers(ax.yaxis, lang)
    ax.yaxis.set_major_locator(ticker.MaxNLocator(integer=True))
    share = i18n.number(deaths_share(deadliest), lang, i18n.DECIMALS["share"])
    set_title(ax, t("daily_title", lang, share=share, n=len(deadliest)))
    inside_axes(ax.legend(loc="upper right"))
    source_line(fig, t("source", lang, release=release, extra=t("source_victims", lang)))
    fig.tight_layout(rect=(0, 0.04, 1, 1))
    return save(fig, path)


def deaths_share(deadliest: pd.DataFrame) -> float:
    """Share of all deaths on the listed days."""
    return float(deadliest["share"].sum())


def department_rates(rates: pd.DataFrame, release: str, lang: str, path: Path) -> Path:
    """Dot-and-interval plot of death rates for departments with at least one death."""
    data = rates[rates["total"] > 0].sort_values("rate")
    fig, ax = figure(0.9 + 0.28 * max(len(data), 3))
    y = np.arange(len(data))
    ax.errorbar(
        data["rate"],
        y,
        xerr=[data["rate"] - data["rate_low"], data["rate_high"] - data["rate"]],
        fmt="o",
        color=OKABE_ITO["blue"],
        ecolor="#8fb8d8",
        elinewidth=2,
        capsize=0,
        ms=4,
    )
    ax.set_yticks(y, [f"{d} ({k})" for d, k in zip(data["department"], data["total"])])
    ax.set_xlabel(t("rates_x", lang))
    ax.set_xlim(left=0)
    numbers(ax.xaxis, lang, 1)
    ax.grid(axis="y", visible=False)
    top = data.iloc[-1]
    set_title(
        ax, t("rates_title", lang, dept=top["department"], rate=i18n.number(top["rate"], lang, i18n.DECIMALS["rate"]))
    )
    source_line(fig, t("source", lang, release=release, extra=t("source_pop", lang)))
    fig.tight_layout(rect=(0, 0.05, 1, 1))
    return save(fig, path)


def tile_map(rates: pd.DataFrame, regions: pd.DataFrame, release: str, lang: str, path: Path) -> Path:
    """Tile-grid map: one square per department at its grid position, shaded by rate, labelled with deaths."""
    data = rates.merge(regions[["ubigeo", "tile_row", "tile_col"]], on="ubigeo")
    fig, ax = figure(5.2)
    cmap = __import__("matplotlib").colormaps["YlOrRd"]
    top = max(float(data["rate"].max()), 1e-9)
    for _, row in data.iterrows():
        x, y = int(row["tile_col"]), -int(row["tile_row"])
        colour = cmap(0.08 + 0.92 * (row["rate"] / top) ** 0.5) if row["total"] > 0 else "#f2f2f2"
        ax.add_patch(Rectangle((x, y), 0.95, 0.95, facecolor=colour, edgecolor="white", lw=1))
        dark = row["total"] > 0 and row["rate"] / top > 0.35
        ax.text(
            x + 0.475,
            y + 0.62,
            row["department"],
            ha="center",
            va="center",
            fontsize=5.6,
            color="white" if dark else "#222222",
            in_layout=False,  # inside its tile: see inside_axes
        )
        ax.text(
            x + 0.475,
            y + 0.3,
            f"{int(row['total'])}",
            ha="center",
            va="center",
            fontsize=9,
            fontweight="bold",
            color="white" if dark else "#222222",
            in_layout=False,
        )
    ax.set_xlim(-0.1, data["tile_col"].max() + 1.05)
    ax.set_ylim(-data["tile_row"].max() - 0.1, 1.05)
    ax.set_aspect("equal")
    ax.axis("off")
    set_title(ax, t("map_title", lang, n=int((data["total"] > 0).sum())), width=44)
    fig.text(0.99, 0.01, t("map_legend", lang), fontsize=6.5, color="#555555", ha="right", va="bottom")
    source_line(fig, t("source", lang, release=release, extra=""))
    fig.tight_layout(rect=(0, 0.04, 1, 1))
    return save(fig, path)


def age_distribution(groups: pd.DataFrame, summary: dict, release: str, lang: str, path: Path) -> Path:
    """Deaths by age group, stacked by sex."""
    fig, ax = figure(3.0)
    names = [g if g != "unknown" else t("unknown_age", lang) for g in groups["age_group"]]
    bottom = np.zeros(len(groups))
    for sex, colour in (("M", OKABE_ITO["blue"]), ("F", OKABE_ITO["orange"]), ("unknown", OKABE_ITO["grey"])):
        if sex not in groups.columns or groups[sex].sum() == 0:
            continue
        ax.bar(
            names,
            groups[sex],
            bottom=bottom,
            color=colour,
            label=label(sex if sex != "unknown" else "sex_unknown", lang),
        )
        bottom += groups[sex].to_numpy()
    ax.set_xlabel(t("age_x", lang))
    ax.set_ylabel(t("age_y", lang))
    numbers(ax.yaxis, lang)
    ax.yaxis.set_major_locator(ticker.MaxNLocator(integer=True))
    inside_axes(ax.legend())
    median = i18n.number(summary["median"], lang, 0 if float(summary["median"]).is_integer() else 1)
    set_title(ax, t("age_title", lang, minors=i18n.number(summary["minors"], lang), median=median))
    source_line(fig, t("source", lang, release=release, extra=t("source_victims", lang)))
    fig.tight_layout(rect=(0, 0.05, 1, 1))
    return save(fig, path)


def source_discrepancies(claims: pd.DataFrame, summary: pd.DataFrame, release: str, lang: str, path: Path) -> Path:
    """For each event with conflicting tolls: every distinct published value (dot area = number of reports)
    and this record's count (bar)."""
    disputed = claims.groupby("event_id")["total_deaths"].nunique()
    disputed = disputed[disputed > 1].index
    order = summary[summary["event_id"].isin(disputed)].sort_values(["deaths", "event_id"]).reset_index(drop=True)
    fig, ax = figure(1.6 + 0.38 * max(len(order), 2))
    position = {e: i for i, e in enumerate(order["event_id"])}
    values = (
        claims[claims["event_id"].isin(disputed)]
        .dropna(subset=["total_deaths"])
        .groupby(["event_id", "total_deaths"])
        .size()
        .rename("reports")
        .reset_index()
    )
    ax.scatter(
        values["total_deaths"],
        values["event_id"].map(position),
        s=18 + 14 * values["reports"],
        color=OKABE_ITO["sky"],
        edgecolor=OKABE_ITO["blue"],
        lw=0.6,
        label=t("disc_published", lang),
        zorder=3,
    )
    ax.scatter(
        order["deaths"],
        np.arange(len(order)),
        marker="|",
        s=260,
        color=OKABE_ITO["black"],
        lw=2,
        label=t("disc_record", lang),
        zorder=4,
    )
    ax.set_yticks(np.arange(len(order)), [n for n in order["name"]])
    ax.set_xlabel(t("disc_x", lang))
    ax.set_xlim(left=0)
    numbers(ax.xaxis, lang)
    ax.xaxis.set_major_locator(ticker.MaxNLocator(integer=True))
    ax.grid(axis="y", visible=False)
    set_title(ax, t("disc_title", lang, n=len(order)))
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.28 - 0.3 / max(len(order), 1)), ncol=2, fontsize=7)
    source_line(fig, t("source", lang, release=release, extra=t("source_tallies", lang)))
    fig.tight_layout(rect=(0, 0.05, 1, 1))
    return save(fig, path)


DRAWERS = {  # figure name (paths.FIGURES) -> how it is drawn from `results.describe` and the regions
    "cumulative": lambda d, release, lang, path: cumulative_vs_reported(
        d["daily_died"], d["gap"], i18n.localized(d["events"], lang), release, lang, path
    ),
    "daily": lambda d, release, lang, path: daily_by_category(
        d["daily_incident"], d["deadliest_days"], release, lang, path
    ),
    "rates": lambda d, release, lang, path: department_rates(d["departments"], release, lang, path),
    "map": lambda d, release, lang, path: tile_map(d["departments"], d["regions"], release, lang, path),
    "ages": lambda d, release, lang, path: age_distribution(d["ages"], d["age_summary"], release, lang, path),
    "discrepancies": lambda d, release, lang, path: source_discrepancies(
        d["event_claims"], i18n.localized(d["events"], lang), release, lang, path
    ),
}


def draw(name: str, data: dict[str, pd.DataFrame], release: str, lang: str, folder: Path) -> Path:
    """One figure of one edition as `folder/<name>.svg`, from `results.describe` and the regions table."""
    return DRAWERS[name](data, release, lang, folder / f"{name}.svg")


def draw_all(data: dict[str, pd.DataFrame], release: str, lang: str, folder: Path) -> list[Path]:
    """Every figure of one edition (`paths.FIGURES`) as SVG in `folder`."""
    return [draw(name, data, release, lang, folder) for name in paths.FIGURES]

"""The report's figures, drawn from analysis results in the edition's language."""

from __future__ import annotations

import textwrap
from pathlib import Path

import matplotlib.dates as mdates
import numpy as np
import pandas as pd
from matplotlib import ticker

from .. import paths
from ..release.schema import CATEGORIES
from . import i18n
from .figure_funnel import funnel_plot
from .figure_kit import _date_axis, inside_axes, numbers, set_title, source_text, t
from .figure_map import department_map
from .figure_tolls import cumulative_vs_reported
from .i18n import label
from .style import CATEGORY_COLOURS, OKABE_ITO, figure, save, source_line


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
    source_line(fig, source_text(release, lang, "source_victims"))
    fig.tight_layout(rect=(0, 0.04, 1, 1))
    return save(fig, path)


def deaths_share(deadliest: pd.DataFrame) -> float:
    """Share of all deaths on the listed days."""
    return float(deadliest["share"].sum())


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
    source_line(fig, source_text(release, lang, "source_victims"))
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
    # over the whole figure: the event names push the axes far to the right
    fig.suptitle(
        textwrap.fill(t("disc_title", lang, n=len(order)), 70), x=0.01, ha="left", fontsize=10, fontweight="bold"
    )
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.28 - 0.3 / max(len(order), 1)), ncol=2, fontsize=7)
    source_line(fig, source_text(release, lang, "source_tallies"))
    fig.tight_layout(rect=(0, 0.05, 1, 1))
    return save(fig, path)


DRAWERS = {  # figure name (paths.FIGURES) -> how it is drawn from `results.describe` and the regions
    "cumulative": lambda d, release, lang, path: cumulative_vs_reported(
        d["daily_died"], d["gap"], i18n.localized(d["events"], lang), release, lang, path
    ),
    "daily": lambda d, release, lang, path: daily_by_category(
        d["daily_incident"], d["deadliest_days"], release, lang, path
    ),
    "funnel": lambda d, release, lang, path: funnel_plot(d["victims"], d["regions"], release, lang, path),
    "map": lambda d, release, lang, path: department_map(
        d["departments"], d["incident_places"], d["events"], d["macroregions"], release, lang, path
    ),
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

"""Figure 5: the events whose published death tolls disagree, each published value against this record's count."""

from __future__ import annotations

import textwrap
from pathlib import Path

import numpy as np
import pandas as pd
from matplotlib import ticker

from .kit import numbers, source_text, t
from .style import OKABE_ITO, figure, save, source_line


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

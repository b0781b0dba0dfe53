"""Figure 2: deaths per day by the date of the fatal incident, stacked by category."""

from __future__ import annotations

from pathlib import Path

import matplotlib.dates as mdates
import numpy as np
import pandas as pd
from matplotlib import ticker

from ...release.schema import CATEGORIES
from .. import i18n
from ..i18n import label
from .kit import _date_axis, inside_axes, numbers, set_title, source_text, t
from .style import CATEGORY_COLOURS, figure, save, source_line


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

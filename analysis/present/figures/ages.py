"""Figure 6: the people who died by age group, stacked by sex."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
from matplotlib import ticker

from .. import i18n
from ..i18n import label
from .kit import inside_axes, numbers, set_title, source_text, t
from .style import OKABE_ITO, figure, save, source_line


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

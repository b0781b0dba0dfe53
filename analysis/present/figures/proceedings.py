"""The proceedings over time: one lane per proceeding with a dated step, each step a marker shaped and coloured
by its stage, from the build's table of dated steps (`compute.accountability.proceeding_steps`)."""

from __future__ import annotations

import textwrap
from pathlib import Path

import matplotlib.dates as mdates
import pandas as pd
from matplotlib import ticker
from matplotlib.lines import Line2D

from .. import i18n
from ..i18n import label
from .kit import set_title, source_text, t
from .style import OKABE_ITO, figure, save, source_line

# Each stage's marker: (shape, fill, edge); stages the release does not use are not in the key.
STAGE_STYLE = {
    "request": ("o", "white", OKABE_ITO["grey"]),
    "complaint": ("o", "white", OKABE_ITO["black"]),
    "preliminary_investigation": ("o", OKABE_ITO["sky"], OKABE_ITO["black"]),
    "formal_investigation": ("s", OKABE_ITO["blue"], OKABE_ITO["black"]),
    "indictment": ("s", OKABE_ITO["purple"], OKABE_ITO["black"]),
    "trial": ("s", OKABE_ITO["yellow"], OKABE_ITO["black"]),
    "verdict": ("D", OKABE_ITO["vermillion"], OKABE_ITO["black"]),
    "appeal": ("D", OKABE_ITO["orange"], OKABE_ITO["black"]),
    "closed": ("X", OKABE_ITO["black"], OKABE_ITO["black"]),
    "archived": ("X", OKABE_ITO["grey"], OKABE_ITO["black"]),
    "transfer": ("^", OKABE_ITO["green"], OKABE_ITO["black"]),
    "report": ("v", "white", OKABE_ITO["black"]),
    "other": ("o", OKABE_ITO["grey"], OKABE_ITO["grey"]),
}
LANE_IN = 0.2  # height of one proceeding's lane (inches)
LABEL_CHARS = 46  # a proceeding's name is wrapped at this width


def proceedings_over_time(steps: pd.DataFrame, release: str, lang: str, path: Path) -> Path:
    """The dated steps of every proceeding as SVG at `path`, one lane per proceeding in the order of their first
    steps; an empty figure with a note where the release has no dated step."""
    names = list(dict.fromkeys(steps[f"title_{lang}"]))
    fig, ax = figure(1.6 + LANE_IN * max(len(names), 3))
    lane = {name: i for i, name in enumerate(names)}
    y = steps[f"title_{lang}"].map(lane)
    for name, rows in steps.groupby(f"title_{lang}", sort=False):
        ax.plot([rows["day"].min(), rows["day"].max()], [lane[name]] * 2, color="#bbbbbb", lw=0.8, zorder=1)
    for stage, (shape, fill, edge) in STAGE_STYLE.items():
        at = steps["stage"] == stage
        if at.any():
            ax.scatter(
                steps.loc[at, "day"], y[at], marker=shape, s=22, facecolor=fill, edgecolor=edge, lw=0.6, zorder=3
            )
    ax.set_yticks(range(len(names)), [textwrap.fill(n, LABEL_CHARS) for n in names], fontsize=6)
    ax.set_ylim(max(len(names), 1) - 0.5, -0.5)
    ax.grid(axis="y", visible=False)
    ax.xaxis.set_major_locator(mdates.MonthLocator(bymonth=(1, 7)))
    month_year = ticker.FuncFormatter(lambda x, _: i18n.date_short(mdates.num2date(x).date(), lang).split(" ", 1)[1])
    ax.xaxis.set_major_formatter(month_year)
    if not names:
        ax.text(0.5, 0.5, t("proceedings_none", lang), ha="center", va="center", transform=ax.transAxes)
    used = [s for s in STAGE_STYLE if (steps["stage"] == s).any()]
    key = [
        Line2D(
            [],
            [],
            ls="",
            marker=STAGE_STYLE[s][0],
            markerfacecolor=STAGE_STYLE[s][1],
            markeredgecolor=STAGE_STYLE[s][2],
            markersize=5,
            label=label(f"stage_{s}", lang),
        )
        for s in used
    ]
    last = steps["day"].max()
    when = "–" if pd.isna(last) else i18n.date(last.date(), lang)
    title = t("proceedings_title", lang, n=i18n.count(len(names), "proceeding", lang), date=when)
    set_title(ax, title, width=40)  # the axes leave the left part of the figure to the proceedings' names
    source_line(fig, source_text(release, lang, "source_proceedings"))
    rows_of_key = (len(key) + 3) // 4
    bottom = (0.35 + 0.16 * rows_of_key) / fig.get_figheight()
    fig.tight_layout(rect=(0, bottom, 1, 1))
    if key:
        fig.legend(handles=key, loc="lower left", bbox_to_anchor=(0.01, 0.03), ncol=4, fontsize=7)
    return save(fig, path)

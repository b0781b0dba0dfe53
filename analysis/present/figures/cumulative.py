"""Figure 1: the record's cumulative deaths beside every national toll published, as published."""

from __future__ import annotations

import textwrap
from pathlib import Path

import numpy as np
import pandas as pd

from ...compute import trajectory
from .. import i18n
from ..source_names import reporter_name
from .kit import _date_axis, numbers, set_title, source_text, t
from .style import MARKERS, OKABE_ITO, REPORTER_COLOURS, figure, save, source_line

STYLED_COLOURS = 6  # the palette's yellow (faint on white) and black (this record's line) are left out
TOLL_GID = "national-tolls"  # SVG id prefix of every group of toll markers (tests count the markers in them)


def reporter_styles(tolls: pd.DataFrame) -> dict[str, tuple[str, str]]:
    """Colour and marker of each reporter with at least three tolls (most tolls first, then by name), every
    pair different (colours cycle, and each cycle moves the markers on); the others share one grey marker."""
    counts = tolls["reporter"].value_counts()
    frequent = sorted((r for r in counts.index if counts[r] >= 3), key=lambda r: (-counts[r], r))
    if len(frequent) > STYLED_COLOURS * len(MARKERS):
        raise ValueError(f"figure 1 has symbols for {STYLED_COLOURS * len(MARKERS)} reporters, not {len(frequent)}")
    return {
        r: (REPORTER_COLOURS[i % STYLED_COLOURS], MARKERS[(i + i // STYLED_COLOURS) % len(MARKERS)])
        for i, r in enumerate(frequent)
    }


def draw_tolls(ax, x, tolls: pd.DataFrame, styles: dict, lang: str, gid: str) -> int:
    """Markers for national tolls at positions `x`: a reporter's symbol at the published total, or, for a
    toll that gives only counts by category, a tick on the horizontal axis. Returns the number drawn."""
    x = pd.Series(list(x), index=tolls.index)
    has_total = tolls["total_deaths"].notna()
    drawn = 0
    groups = [(r, tolls["reporter"] == r) for r in styles] + [(None, ~tolls["reporter"].isin(list(styles)))]
    for number, (reporter, chosen) in enumerate(groups, start=1):
        rows = tolls[chosen & has_total]
        if rows.empty:
            continue
        colour, marker = styles[reporter] if reporter else (OKABE_ITO["grey"], "o")
        points = ax.scatter(
            x[rows.index],
            rows["total_deaths"].astype(float),
            s=20 if reporter else 14,
            marker=marker,
            color=colour,
            zorder=3 if reporter else 2,
            label=reporter_name(reporter, lang) if reporter else t("cum_others", lang),
            alpha=0.9 if reporter else 0.75,
        )
        points.set_gid(f"{gid}-{number if reporter else 'others'}")
        drawn += len(rows)
    without = tolls[~has_total]
    if len(without):
        ticks = ax.scatter(
            x[without.index],
            np.zeros(len(without)),
            marker="|",
            s=90,
            lw=1.4,
            color="#444444",
            clip_on=False,
            zorder=4,
            label=t("cum_no_total", lang),
        )
        ticks.set_gid(f"{gid}-without-total")
        drawn += len(without)
    return drawn


def cumulative_vs_reported(
    daily: pd.DataFrame, gap: pd.DataFrame, events: pd.DataFrame, release: str, lang: str, path: Path
) -> Path:
    """Cumulative deaths in this record (step line) against every national toll of the release (markers).

    The time axis ends shortly after the last death. Tolls published later (the official and
    human-rights reports of the following months and years) stand in a second panel, one slot per
    toll in date order, next to this record's final count. A toll that gives only counts by category
    is a tick on the horizontal axis. Each group of markers has an SVG id starting with `TOLL_GID`.
    """
    last = daily.loc[daily["total"] > 0, "date"].max()
    end = trajectory.later_cutoff(daily)
    tolls = gap.sort_values(["report_date", "reporter"], kind="stable")
    early, late = tolls[tolls["report_date"] <= end], tolls[tolls["report_date"] > end]
    if len(late):
        fig, (ax, ax_late) = figure(
            4.6, ncols=2, sharey=True, gridspec_kw={"width_ratios": [4.2, 0.42 + 0.22 * len(late)]}
        )
    else:
        fig, ax = figure(4.2)
    styles = reporter_styles(tolls[tolls["total_deaths"].notna()])
    ax.step(
        daily["date"], daily["cumulative"], where="post", color=OKABE_ITO["black"], lw=1.8, label=t("cum_line", lang)
    )
    drawn = draw_tolls(ax, early["report_date"], early, styles, lang, TOLL_GID)
    start = daily["date"].min() - pd.Timedelta(days=2)
    top = max(float(daily["cumulative"].max()), float(tolls["total_deaths"].max()))
    for _, event in events.head(2).iterrows():
        y = daily.loc[daily["date"] <= event["date_start"], "cumulative"].max()
        # Below the step, where no toll is plotted, on the side of the event with more room.
        right = (event["date_start"] - start) / (end - start) < 0.6
        ax.annotate(
            event["name"],
            xy=(event["date_start"], y),
            xytext=(event["date_start"] + pd.Timedelta(days=5 if right else -5), max(0.5 * y, 0.14 * top)),
            fontsize=7,
            ha="left" if right else "right",
            va="center",
            bbox={"boxstyle": "round,pad=0.2", "fc": "white", "ec": "none", "alpha": 0.9},
            arrowprops={"arrowstyle": "-", "color": "#777777", "lw": 0.6},
        )
    ax.set_xlim(start, end)
    _date_axis(ax, lang)
    ax.set_ylabel(t("cum_y", lang))
    ax.set_ylim(0, top * 1.06)
    numbers(ax.yaxis, lang)
    total = int(daily["cumulative"].iloc[-1])
    title = t("cum_title", lang, total=i18n.number(total, lang), date=i18n.date(last.date(), lang))
    if len(late):  # over both panels
        fig.suptitle(textwrap.fill(title, 70), x=0.01, ha="left", fontsize=10, fontweight="bold")
    else:
        set_title(ax, title)
    if len(late):
        ax_late.axhline(total, color=OKABE_ITO["black"], lw=1.2, ls=(0, (3, 2)), zorder=1)
        ax_late.text(-0.5, total + 0.01 * top, t("cum_record_total", lang), fontsize=6.3, va="bottom", in_layout=False)
        drawn += draw_tolls(ax_late, range(len(late)), late, styles, lang, TOLL_GID + "-later")
        ax_late.set_xlim(-0.6, len(late) - 0.4)
        ax_late.set_xticks(
            range(len(late)),
            [
                f"{reporter_name(r.reporter, lang)}, {i18n.date_short(r.report_date.date(), lang)}"
                for r in late.itertuples()
            ],
            rotation=90,
            fontsize=6.3,
        )
        ax_late.tick_params(axis="y", left=False)
        ax_late.grid(axis="x", visible=False)
        ax_late.spines["left"].set_visible(False)
        ax_late.set_title(t("cum_later", lang), fontsize=7.5, fontweight="normal", loc="left")
    if drawn != len(gap):
        raise ValueError(f"figure 1 draws {drawn} of {len(gap)} national tolls")
    handles, labels = ax.get_legend_handles_labels()
    if len(late):  # reporters seen only in the later panel belong in the legend too
        for handle, name in zip(*ax_late.get_legend_handles_labels()):
            if name not in labels:
                handles.append(handle)
                labels.append(name)
    source_line(fig, source_text(release, lang, "source_tallies"))
    if len(late):  # the legend goes under the first panel, beside the second panel's long labels
        fig.tight_layout(rect=(0, 0.04, 1, 1), w_pad=0.6)
        box = ax.get_position()
        anchor = (box.x0 - 0.07, box.y0 - 0.075, box.x1 - box.x0 + 0.07, 0.0)
        fig.legend(handles, labels, loc="upper left", bbox_to_anchor=anchor, ncol=2, fontsize=6.3)
    else:
        fig.tight_layout(rect=(0, 0.2, 1, 1))
        fig.legend(handles, labels, loc="lower left", bbox_to_anchor=(0.0, 0.045), ncol=3, fontsize=6.5)
    return save(fig, path)

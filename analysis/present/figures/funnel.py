"""The funnel plot: each department's death rate against its population, with the national rate and
control limits (exact Poisson, and widened for the clustering of deaths in incidents).

It shows which departments stand out without a wall of unadjusted per-department intervals. The departments,
the national rate and phi come from the build's funnel table; the limits are drawn along a grid of populations
by `compute.funnel.funnel_curve` (exact Poisson quantiles at 95% and 99.8%; widened by phi, the incident-size
variance inflation). Every department is drawn, those without deaths on the zero line; departments
outside the Poisson 95% limits are labelled, with a filled marker if they are also outside the widened
95% limits.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import numpy as np
import pandas as pd
from matplotlib import ticker

from ...compute import funnel
from .. import i18n
from . import kit
from .kit import source_text
from .style import OKABE_ITO, figure, save, source_line

LIMIT_STYLE = {  # (colour, line style) of each set of limits
    "poisson": (OKABE_ITO["black"], {"95": (0, (4, 2)), "998": "-"}),
    "widened": (OKABE_ITO["vermillion"], {"95": (0, (4, 2)), "998": "-"}),
}


def t(key: str, lang: str, **values) -> str:
    """A text of this figure in the edition's language (`figures.funnel_<key>` in the text files)."""
    return kit.t(f"funnel_{key}", lang, **values)


def population_ticks(axis, lang: str) -> None:
    """Log-scale population ticks written out in full with the edition's thousands separator."""
    axis.set_major_locator(ticker.LogLocator(base=10, subs=(1.0, 2.0, 5.0)))
    axis.set_minor_locator(ticker.NullLocator())
    axis.set_major_formatter(ticker.FuncFormatter(lambda x, _: i18n.number(x, lang)))


def funnel_plot(table: pd.DataFrame, release: str, lang: str, path: Path) -> Path:
    """The funnel plot of one edition as SVG at `path`, from the build's funnel table (`compute.funnel.funnel_table`,
    whose `attrs` hold the national rate and phi); the limits are drawn along a grid of populations."""
    national, phi = table.attrs["national_rate"], table.attrs["phi"]
    pop = table["population"]
    grid = np.geomspace(pop.min() * 0.8, pop.max() * 1.25, 250)
    fig, ax = figure(5.0)
    ax.set_xscale("log")
    ax.axhline(national, color=OKABE_ITO["blue"], lw=1.2, label=t("national", lang))
    phi_text = i18n.number(phi, lang, 1)
    for kind, scale in (("poisson", 1.0), ("widened", phi)):
        colour, styles = LIMIT_STYLE[kind]
        curve = funnel.funnel_curve(national, grid, phi=scale)
        for tag in ("95", "998"):
            name = f"{kind}{tag}"
            ax.plot(grid, curve[f"high{tag}"], color=colour, ls=styles[tag], lw=0.9, label=t(name, lang, phi=phi_text))
            ax.plot(grid, curve[f"low{tag}"], color=colour, ls=styles[tag], lw=0.9)
    outside = table["flag95"] != ""
    widened = table["flag95_od"] != ""
    ax.scatter(
        pop[~widened], table.loc[~widened, "rate"], s=22, facecolor="white", edgecolor="#333333", lw=0.9, zorder=3
    )
    ax.scatter(
        pop[widened],
        table.loc[widened, "rate"],
        s=26,
        color=OKABE_ITO["vermillion"],
        edgecolor="#333333",
        lw=0.6,
        zorder=4,
        label=t("outside_widened", lang),
    )
    for row in table[outside].itertuples(index=False):
        ax.annotate(
            row.department,
            (row.population, row.rate),
            xytext=(5, 4 if row.flag95 == "above" else -9),
            textcoords="offset points",
            fontsize=7.5,
        )
    top = max(float(table["rate"].max()) * 1.25, national * 4)
    ax.set_ylim(-0.08 * top, top)  # room under the zero line for the names of departments below the limits
    ax.set_xlim(grid[0], grid[-1])
    population_ticks(ax.xaxis, lang)
    ax.yaxis.set_major_formatter(ticker.FuncFormatter(lambda x, _: i18n.number(x, lang, 1)))
    ax.set_xlabel(t("x", lang))
    ax.set_ylabel(t("y", lang))
    ax.set_title(textwrap.fill(t("title", lang, rate=i18n.number(national, lang, 2)), 70))
    source_line(fig, source_text(release, lang, "source_pop"))
    fig.tight_layout(rect=(0, 0.17, 1, 1))  # the legend goes under the axes, clear of the limits
    fig.legend(*ax.get_legend_handles_labels(), loc="lower left", bbox_to_anchor=(0.01, 0.035), ncol=2, fontsize=7)
    return save(fig, path)

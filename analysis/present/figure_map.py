"""Figure 3: deaths and rates by department on a tile grid that keeps Peru's rough shape."""

from __future__ import annotations

import textwrap
from pathlib import Path

import numpy as np
import pandas as pd
from matplotlib.patches import Rectangle

from . import i18n
from .figure_kit import source_text, t
from .style import figure, save, source_line

NO_DEATHS = "#f2f2f2"  # the tile of a department without deaths
NICE_BREAKS = (0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 20, 50, 100)


def rate_breaks(rates: pd.Series) -> list[float]:
    """Class limits of the map's colour scale: 0, then round numbers up to the first one at or above the
    highest rate (at most six classes: the lowest limits are dropped first)."""
    top = float(rates.max())
    upper = [b for b in NICE_BREAKS if b < top] + [next((b for b in NICE_BREAKS if b >= top), top)]
    return [0.0] + upper[-6:]


def short_number(value: float, lang: str) -> str:
    """A class limit with as many decimals as it needs (0.25, 0.5, 1) and the edition's decimal mark."""
    decimals = next(d for d in (0, 1, 2, 3) if round(value, d) == round(value, 3))
    return i18n.number(value, lang, decimals)


def empty_block(occupied: set[tuple[int, int]], rows: range, cols: range) -> bool:
    """True if no department's tile lies in the block of grid cells."""
    return not any((r, c) in occupied for r in rows for c in cols)


def tile_map(rates: pd.DataFrame, regions: pd.DataFrame, release: str, lang: str, path: Path) -> Path:
    """Tile-grid map: one square per department at its grid position, shaded by rate class, labelled with
    deaths; a colour scale with labelled class limits.

    The scale and the key go into the grid's empty corners (Peru's shape leaves the bottom left and the top
    right free); if a corner is taken, below the map.
    """
    import matplotlib as mpl
    from matplotlib.colors import BoundaryNorm, ListedColormap

    data = rates.merge(regions[["ubigeo", "tile_row", "tile_col"]], on="ubigeo")
    n_rows, n_cols = int(data["tile_row"].max()) + 1, int(data["tile_col"].max()) + 1
    occupied = {(int(r), int(c)) for r, c in zip(data["tile_row"], data["tile_col"])}
    scale_free = n_cols >= 4 and empty_block(occupied, range(n_rows - 2, n_rows), range(0, 3))
    key_free = n_cols >= 5 and empty_block(occupied, range(0, 2), range(n_cols - 2, n_cols))
    extra_rows = 0 if scale_free and key_free else 2
    tile_in = 0.56  # wide enough for the longest department name at 5.6 pt
    fig, ax = figure(0.9 + tile_in * (n_rows + extra_rows))
    fig.set_figwidth(0.3 + tile_in * n_cols)
    breaks = rate_breaks(data.loc[data["total"] > 0, "rate"])
    cmap = ListedColormap(mpl.colormaps["YlOrRd"](np.linspace(0.12, 1.0, len(breaks) - 1)))
    norm = BoundaryNorm(breaks, cmap.N)
    for _, row in data.iterrows():
        x, y = int(row["tile_col"]), -int(row["tile_row"])
        has_deaths = row["total"] > 0
        colour = cmap(norm(row["rate"])) if has_deaths else NO_DEATHS
        ax.add_patch(Rectangle((x, y), 0.95, 0.95, facecolor=colour, edgecolor="white", lw=1))
        dark = has_deaths and norm(row["rate"]) >= cmap.N / 2
        for dy, text, size, weight in (
            (0.62, row["department"], 5.6, "normal"),
            (0.3, f"{int(row['total'])}", 9, "bold"),
        ):
            ax.text(
                x + 0.475,
                y + dy,
                text,
                ha="center",
                va="center",
                fontsize=size,
                fontweight=weight,
                color="white" if dark else "#222222",
                in_layout=False,  # inside its tile: see inside_axes
            )
    bottom = -(n_rows - 1) - extra_rows
    ax.set_xlim(-0.1, n_cols + 0.05)
    ax.set_ylim(bottom - 0.1, 1.05)
    ax.set_aspect("equal")
    ax.axis("off")
    # The colour scale: a horizontal bar with one labelled limit per class boundary.
    scale_x, scale_y = 0.1, (-(n_rows - 1) + 0.35 if scale_free else bottom + 0.9)
    cax = ax.inset_axes((scale_x, scale_y, 2.7, 0.22), transform=ax.transData)
    bar = fig.colorbar(mpl.cm.ScalarMappable(norm=norm, cmap=cmap), cax=cax, orientation="horizontal")
    bar.set_ticks(breaks, labels=[short_number(b, lang) for b in breaks])
    bar.ax.tick_params(labelsize=6.3, length=2)
    bar.outline.set_linewidth(0.5)
    cax.set_title(t("map_scale", lang), fontsize=6.8, loc="left", fontweight="normal")
    # The key: what the number says, and the colour of departments without deaths.
    key_x, key_y = (n_cols - 2 + 0.05, 0.6) if key_free else (3.2, bottom + 1.0)
    ax.add_patch(Rectangle((key_x, key_y - 0.75), 0.3, 0.3, facecolor=NO_DEATHS, edgecolor="#bbbbbb", lw=0.5))
    ax.text(key_x + 0.4, key_y - 0.6, t("map_none", lang), fontsize=6.5, va="center", in_layout=False)
    ax.text(key_x, key_y, textwrap.fill(t("map_number", lang), 17), fontsize=6.5, va="center", in_layout=False)
    fig.suptitle(
        textwrap.fill(t("map_title", lang, n=int((data["total"] > 0).sum())), 44),
        x=0.02,
        ha="left",
        fontsize=10,
        fontweight="bold",
    )
    source_line(fig, textwrap.fill(source_text(release, lang, "source_pop"), 64))
    fig.tight_layout(rect=(0, 0.045, 1, 1))
    return save(fig, path)

"""Figure 3: Peru's departments drawn from their boundaries and shaded by deaths per 100,000 residents, with
a circle for each fatal incident, sized by its deaths, at the capital of its district (or of its province, or
of its department: `compute.incident_places`).

The boundaries are Natural Earth's (data/reference/boundaries); `map_geometry` projects them and places
the symbols: the incidents of one place are set side by side, and where circles of different places still
touch at the map's scale, an inset in the empty band east of the map repeats them larger. The departments
with deaths are named, the incidents with the most deaths carry their event's name, and the south (the
regions table's macro-region "Sur", of which the title speaks) is outlined. The keys go in the Pacific.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import numpy as np
import pandas as pd
import shapely

from ... import reference
from ...compute.regions import SOUTH
from .. import i18n
from .kit import source_text, t
from .map_geometry import Projection, crowded, free_spot, path_of, spread
from .style import OKABE_ITO, RC, WIDTH_IN, save, source_line

NO_DEATHS = "#e6e6e6"  # a department without deaths: a grey that still shows the country on white paper
NICE_BREAKS = (0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 20, 50, 100)
SIZE_PER_DEATH = 24.0  # a circle's area in points² per death (its diameter is the square root)
MAGNIFY = 2.5  # the inset's scale against the map's (less if the crowd does not fit)
SYMBOL = {"facecolor": OKABE_ITO["blue"], "alpha": 0.8, "edgecolor": "#0b2a4a", "linewidth": 0.6}
INCIDENTS_GID = "incidents"  # SVG group of the main map's incident circles (the inset's: "incidents-inset")
DEPARTMENT_GID = "department-"  # + INEI code: SVG group of a department's shape on the main map
BAND = 0.34  # width of the band east of the map that holds the inset, as a share of the map's width
PAD = 0.15  # map units around the country
FONT = 6.3  # points: names on the map
SOUTH_LINE = (0, (3, 1.5))  # dashes of the south's outline
LABEL_BOX = {"boxstyle": "square,pad=0.12", "facecolor": "white", "edgecolor": "none", "alpha": 0.8}


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


def size_steps(largest: int) -> list[int]:
    """The deaths shown in the size key: 1 and the two largest round numbers up to the largest incident."""
    return [1] + [s for s in (2, 5, 10, 20, 50, 100, 200, 500) if s <= largest][-2:]


def south_share(macroregions: pd.DataFrame) -> tuple[float, float]:
    """The south's share of the deaths and of the population, in per cent (`regions.macroregion_rates`)."""
    row = macroregions.set_index("macroregion").loc[SOUTH]
    return float(row["share_deaths"]), float(row["share_population"])


def colour_scale(rates: pd.DataFrame):
    """(class limits, colour map, norm) for the rates of the departments with deaths: YlOrRd (ColorBrewer's
    sequential, colour-blind safe) without its palest tint, which is too close to the grey of no deaths."""
    import matplotlib as mpl
    from matplotlib.colors import BoundaryNorm, ListedColormap

    breaks = rate_breaks(rates.loc[rates["total"] > 0, "rate"])
    cmap = ListedColormap(mpl.colormaps["YlOrRd"](np.linspace(0.12, 1.0, len(breaks) - 1)))
    return breaks, cmap, BoundaryNorm(breaks, cmap.N)


def box(x: float, y: float, w: float, h: float):
    """A rectangle (shapely) from its lower left corner and size."""
    return shapely.box(x, y, x + w, y + h)


class MapFigure:
    """The figure in the making: shapes and incidents in map units, the main axes sized so that a map unit
    has the same length across and up, and, per axes, the boxes already taken by circles and names."""

    def __init__(self, rates: pd.DataFrame, incidents: pd.DataFrame):
        import matplotlib.pyplot as plt

        plt.rcParams.update(RC)
        boundaries = reference.boundaries()
        self.proj = Projection.centred_on(boundaries.values())
        self.shapes = {code: self.proj.shapes(g) for code, g in boundaries.items()}
        self.rates, self.incidents = rates, incidents
        self.breaks, self.cmap, self.norm = colour_scale(rates)
        self.xy = self.proj.points(incidents["lon"], incidents["lat"])
        self.deaths = incidents["deaths"].to_numpy(dtype=float)
        self.named = set(np.flatnonzero(incidents["named"].to_numpy(dtype=bool)).tolist())  # their places are named
        x0, y0, x1, y1 = shapely.total_bounds(list(self.shapes.values()))
        self.map = (x0 - PAD, y0 - PAD, x1 + PAD, y1 + PAD)
        self.band = BAND  # kept without a crowd too: the map has the same scale and size in every release
        self.unit = (x1 - x0 + 2 * PAD) * (1 + BAND) / (WIDTH_IN * 72)  # map units per point on the main map
        self.crowd = crowded(self.xy, self.radius(self.unit), self.deaths, margin=self.unit)
        self.taken: dict = {}

    def radius(self, units_per_point: float) -> np.ndarray:
        """The incidents' circle radii in map units."""
        return np.sqrt(SIZE_PER_DEATH * self.deaths) / 2 * units_per_point

    def figure(self, title_in: float, source_in: float):
        """The figure and its main axes: the map across the width, with the band east of it."""
        import matplotlib.pyplot as plt

        x0, y0, x1, y1 = self.map
        width = (x1 - x0) * (1 + self.band)
        height_in = WIDTH_IN * (y1 - y0) / width
        total = height_in + title_in + source_in
        fig = plt.figure(figsize=(WIDTH_IN, total))
        ax = fig.add_axes((0, source_in / total, 1, height_in / total))
        ax.set_xlim(x0, x0 + width)
        ax.set_ylim(y0, y1)
        ax.set_aspect("equal")
        ax.apply_aspect()  # the final box now, so that texts can be measured in map units
        ax.axis("off")
        return fig, ax

    def departments(self, ax, gid: bool) -> None:
        """Each department's shape, filled by its rate class (grey without deaths), with white borders; and
        the outline of the south."""
        from matplotlib.patches import PathPatch

        for row in self.rates.itertuples(index=False):
            colour = self.cmap(self.norm(row.rate)) if row.total > 0 else NO_DEATHS
            patch = PathPatch(path_of(self.shapes[row.ubigeo]), facecolor=colour, edgecolor="white", lw=0.5)
            patch.set_gid(f"{DEPARTMENT_GID}{row.ubigeo}" if gid else None)
            ax.add_artist(patch)  # not add_patch: the limits are set, and measuring 3,000 points is slow
        country = shapely.union_all(list(self.shapes.values()))
        ax.add_artist(PathPatch(path_of(country), fill=False, edgecolor="#8c8c8c", lw=0.6))
        codes = self.rates.loc[self.rates["macroregion"] == SOUTH, "ubigeo"]
        outline = shapely.union_all([self.shapes[c] for c in codes])
        ax.add_artist(PathPatch(path_of(outline), fill=False, edgecolor="#222222", lw=1.0, ls=SOUTH_LINE))

    def circles(self, ax, members, unit: float, gid: str) -> tuple[np.ndarray, np.ndarray]:
        """The circles of some incidents (area proportional to deaths), those of one place side by side,
        small ones over large ones; their centres and radii in map units (`unit` map units per point)."""
        radius = self.radius(unit)[members]
        at = spread(self.xy[members], radius)
        deaths = self.deaths[members]
        order = np.argsort(-deaths, kind="stable")
        ax.scatter(at[order, 0], at[order, 1], s=SIZE_PER_DEATH * deaths[order], zorder=4, gid=gid, **SYMBOL)
        self.taken.setdefault(ax, []).extend(shapely.Point(p).buffer(r) for p, r in zip(at, radius))
        return at, radius

    def place(self, ax, text, spots: list, size: tuple[float, float]) -> None:
        """Move a text to the first of `spots` (lower left corners) where it stays inside the axes and meets
        nothing already taken (the least crowded spot if there is none)."""
        w, h = size
        (left, right), (bottom, top) = ax.get_xlim(), ax.get_ylim()
        fits = [p for p in spots if left <= p[0] and p[0] + w <= right and bottom <= p[1] and p[1] + h <= top]
        spots = fits or spots
        taken = self.taken.setdefault(ax, [])
        pick = spots[free_spot(spots, lambda p: box(p[0], p[1], w, h), taken)]
        text.set_position(pick)
        taken.append(box(pick[0], pick[1], w, h))

    def department_names(self, ax, measure) -> None:
        """The name of each department with deaths, inside it and off the circles where it can be."""
        for row in self.rates[self.rates["total"] > 0].itertuples(index=False):
            part = max(shapely.get_parts(self.shapes[row.ubigeo]), key=lambda p: p.area)
            x, y = shapely.get_coordinates(part.point_on_surface())[0]
            dark = self.norm(row.rate) >= self.cmap.N / 2
            text = ax.text(x, y, row.department, fontsize=FONT, fontweight="bold", zorder=5)
            text.set_color("white" if dark else "#222222")
            w, h = measure(text)
            steps = [(dx * 0.4 * w, dy * 1.1 * h) for dy in range(-5, 6) for dx in range(-3, 4)]
            steps.sort(key=lambda d: d[0] ** 2 + d[1] ** 2)  # nearest the point inside the department first
            spots = [(x - w / 2 + dx, y - h / 2 + dy) for dx, dy in steps]
            inside = [p for p in spots if part.contains(box(p[0], p[1], w, h).centroid)] or spots[:1]
            self.place(ax, text, inside, (w, h))

    def place_names(self, ax, shown: np.ndarray, at: np.ndarray, radius: np.ndarray, named: set, measure) -> set:
        """Name the places of the `named` incidents among those `shown` (drawn at `at` with `radius`): the
        place and the deaths of each of its incidents, "Ilave (6, 1)", beside its circles where the name
        meets no other name or circle. Returns every incident of the places named."""
        keys = [tuple(np.round(self.xy[i], 9)) for i in shown]
        done: set = set()
        for key in dict.fromkeys(k for k, i in zip(keys, shown) if i in named):
            group = [g for g, k in enumerate(keys) if k == key]
            x, y = at[group].mean(axis=0)
            r = max(np.hypot(*(at[g] - (x, y))) + radius[g] for g in group)
            deaths = ", ".join(str(int(self.deaths[shown[g]])) for g in group)
            name = f"{self.incidents['place'].iloc[shown[group[0]]]} ({deaths})"
            text = ax.text(x, y, name, fontsize=FONT, color="#0b2a4a", zorder=6, bbox=LABEL_BOX)
            w, h = measure(text)
            g, d = r + 0.25 * h, (r + 0.25 * h) * 0.75
            spots = [(x + g, y - h / 2), (x - g - w, y - h / 2), (x - w / 2, y + g), (x - w / 2, y - g - h)]
            spots += [(x + d, y + d), (x + d, y - d - h), (x - d - w, y + d), (x - d - w, y - d - h)]
            self.place(ax, text, spots, (w, h))
            done |= {int(shown[g]) for g in group}
        return done

    def inset(self, ax, lang: str, measure) -> set:
        """The crowded incidents again, larger, in the band east of the map, with a frame on the map where
        they are. Names the places of the crowd and of the other labelled incidents in the frame; returns
        the incidents named there."""
        x0, y0, x1, y1 = self.map
        xy, r = self.xy[self.crowd], self.radius(self.unit)[self.crowd]
        (cx0, cy0), (cx1, cy1) = (xy - r[:, None]).min(axis=0), (xy + r[:, None]).max(axis=0)
        width = (x1 - x0) * self.band * 0.92
        side = max(cx1 - cx0, cy1 - cy0, width / MAGNIFY)
        mid_x, mid_y = (cx0 + cx1) / 2, (cy0 + cy1) / 2
        frame = (mid_x - side / 2, mid_y - side / 2, mid_x + side / 2, mid_y + side / 2)
        corner = (x1 + (x1 - x0) * self.band * 0.04, y0 + 0.04 * (y1 - y0))
        fig = ax.get_figure()
        (fx0, fy0), (fx1, fy1) = fig.transFigure.inverted().transform(
            ax.transData.transform([corner, (corner[0] + width, corner[1] + width)])
        )
        iax = fig.add_axes((fx0, fy0, fx1 - fx0, fy1 - fy0))  # placed now, so that names can be measured in it
        iax.set_xlim(frame[0], frame[2])
        iax.set_ylim(frame[1], frame[3])
        iax.set_aspect("equal")
        iax.apply_aspect()
        iax.set_xticks([])
        iax.set_yticks([])
        for spine in iax.spines.values():
            spine.set_linewidth(0.6)
            spine.set_edgecolor("#444444")
        self.departments(iax, gid=False)
        shown = np.flatnonzero(shapely.intersects(shapely.box(*frame), shapely.points(self.xy)))
        unit = (frame[2] - frame[0]) / (width / self.unit)
        at, radius = self.circles(iax, shown, unit, INCIDENTS_GID + "-inset")
        named = self.place_names(iax, shown, at, radius, set(self.crowd) | self.named, measure)
        ax.indicate_inset(frame[:2] + (side, side), iax, edgecolor="#444444", lw=0.6, alpha=1)
        region = self.rates.set_index("ubigeo").at[self.incidents["department"].iloc[self.crowd[0]], "department"]
        iax.set_title(t("map_inset", lang, department=region), fontsize=6.8, loc="left", pad=2)
        return named


def department_map(
    rates: pd.DataFrame,
    incidents: pd.DataFrame,
    events: pd.DataFrame,
    macroregions: pd.DataFrame,
    release: str,
    lang: str,
    path: Path,
) -> Path:
    """The map of one edition as SVG at `path`: rates by department, incidents, names, keys and inset."""
    m = MapFigure(rates, incidents)
    share, population = (i18n.number(v, lang, i18n.DECIMALS["share"]) for v in south_share(macroregions))
    fig, ax = m.figure(0.48, 0.42)  # title, and a source line clear of the southern tip
    renderer = fig.canvas.get_renderer()

    def measure(text) -> tuple[float, float]:
        extent = text.get_window_extent(renderer).transformed(text.axes.transData.inverted())
        return extent.width, extent.height

    m.departments(ax, gid=True)
    everyone = np.arange(len(incidents))
    at, radius = m.circles(ax, everyone, m.unit, INCIDENTS_GID)
    m.department_names(ax, measure)
    in_inset = m.inset(ax, lang, measure) if len(m.crowd) else set()
    m.place_names(ax, everyone, at, radius, m.named - in_inset, measure)
    keys(m, fig, ax, lang)
    title = t("map_title", lang, share=share, population=population)
    fig.suptitle(textwrap.fill(title, 80), x=0.01, y=0.995, ha="left", va="top", fontsize=10, fontweight="bold")
    source_line(fig, textwrap.fill(f"{source_text(release, lang, 'source_pop')} {t('source_map', lang)}", 118))
    return save(fig, path)


def keys(m: MapFigure, fig, ax, lang: str) -> None:
    """The colour scale, the no-deaths swatch, the south's outline and the circle sizes, in the Pacific."""
    import matplotlib as mpl
    from matplotlib.patches import Rectangle

    x0, y0, x1, _ = m.map
    unit = m.unit
    left, width = x0 + 4 * unit, 0.30 * (x1 - x0)
    cax = ax.inset_axes((left, y0 + 0.33 * (x1 - x0), width, 9 * unit), transform=ax.transData)
    bar = fig.colorbar(mpl.cm.ScalarMappable(norm=m.norm, cmap=m.cmap), cax=cax, orientation="horizontal")
    bar.set_ticks(m.breaks, labels=[short_number(b, lang) for b in m.breaks])
    bar.ax.tick_params(labelsize=6.3, length=2)
    bar.outline.set_linewidth(0.5)
    cax.set_title(t("map_scale", lang), fontsize=6.8, loc="left", fontweight="normal")
    y = y0 + 0.33 * (x1 - x0) - 30 * unit
    ax.add_patch(Rectangle((left, y), 9 * unit, 9 * unit, facecolor=NO_DEATHS, edgecolor="#bbbbbb", lw=0.5))
    ax.text(left + 13 * unit, y + 4.5 * unit, t("map_none", lang), fontsize=6.5, va="center")
    y -= 16 * unit
    ax.plot([left, left + 9 * unit], [y + 4.5 * unit] * 2, color="#222222", lw=1.1, ls=SOUTH_LINE)
    ax.text(left + 13 * unit, y + 4.5 * unit, t("map_south", lang), fontsize=6.5, va="center")
    y -= 22 * unit
    ax.text(left, y, t("map_sizes", lang), fontsize=6.8, va="bottom")
    steps = size_steps(int(m.deaths.max())) if len(m.deaths) else [1]
    diameters = np.sqrt(SIZE_PER_DEATH * np.array(steps)) * unit
    xs = left + np.cumsum(np.r_[0, diameters[:-1] / 2 + diameters[1:] / 2 + 16 * unit]) + diameters[0] / 2
    ys = y - 6 * unit - diameters.max() / 2
    ax.scatter(xs, [ys] * len(steps), s=SIZE_PER_DEATH * np.array(steps), zorder=4, **SYMBOL)
    for x, d, n in zip(xs, diameters, steps):
        ax.text(x + d / 2 + 2 * unit, ys, i18n.number(n, lang), fontsize=6.5, va="center")

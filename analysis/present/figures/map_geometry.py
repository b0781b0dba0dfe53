"""The geometry of the map figure, done with shapely: projection, shapes as matplotlib paths, symbols that
share a place, the group of symbols that crowd, and labels placed clear of each other.

Coordinates are projected with a plain equirectangular projection scaled by the cosine of the map's middle
latitude (`Projection`), which keeps Peru's shapes and distances true to within a few per cent. Symbol sizes
are in points (they keep their size in the inset); `points_per_unit` converts them to map units.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import shapely
from matplotlib.path import Path


@dataclass(frozen=True)
class Projection:
    """x = longitude * cos(middle latitude), y = latitude (degrees)."""

    xfact: float

    @classmethod
    def centred_on(cls, shapes) -> Projection:
        """The projection for a set of shapes: the cosine of the middle of their latitudes."""
        _, south, _, north = shapely.total_bounds(list(shapes))
        return cls(math.cos(math.radians((south + north) / 2)))

    def shapes(self, geometries):
        """Geometries (longitude, latitude) in map units."""
        return shapely.transform(geometries, lambda xy: xy * (self.xfact, 1.0))

    def points(self, lon, lat) -> np.ndarray:
        """An (n, 2) array of map coordinates of longitudes and latitudes."""
        points = shapely.points(np.asarray(lon, dtype=float), np.asarray(lat, dtype=float))
        return shapely.get_coordinates(self.shapes(points)).reshape(-1, 2)


def path_of(geometry) -> Path:
    """A (multi)polygon as one matplotlib path: every exterior and interior ring, closed."""
    parts = shapely.get_parts(shapely.orient_polygons(geometry))  # holes wind against their exterior: unfilled
    rings = shapely.get_rings(parts)  # each polygon's exterior, then its interiors
    return Path.make_compound_path(*(Path(shapely.get_coordinates(r), closed=True) for r in rings))


def spread(xy: np.ndarray, radius: np.ndarray) -> np.ndarray:
    """Positions for symbols, with the symbols that share a place set side by side around it.

    `radius` is in map units. The symbols of one place keep their order (largest first) and are set on a
    circle around the place, wide enough that the largest two do not overlap, starting at the top and going
    clockwise; a place with one symbol keeps it where it is.
    """
    out = xy.astype(float).copy()
    keys = [tuple(np.round(p, 9)) for p in xy]
    for key in dict.fromkeys(keys):
        members = [i for i, k in enumerate(keys) if k == key]
        if len(members) < 2:
            continue
        sizes = np.sort(radius[members])[::-1]
        ring = (sizes[0] + sizes[1]) / 2 / math.sin(math.pi / len(members))
        angles = math.pi / 2 - 2 * math.pi * np.arange(len(members)) / len(members)
        out[members] = np.asarray(key) + ring * np.column_stack([np.cos(angles), np.sin(angles)])
    return out


def crowded(xy: np.ndarray, radius: np.ndarray, weight: np.ndarray, margin: float = 0.0) -> np.ndarray:
    """Indices of the symbols of the heaviest group (by `weight`, e.g. deaths) whose circles (`radius` plus
    `margin`, map units) touch one another across at least two places; empty if no such group exists."""
    if len(xy) < 2:
        return np.array([], dtype=int)
    points = shapely.points(xy)
    groups = shapely.get_parts(shapely.union_all(shapely.buffer(points, radius + margin)))
    members = [np.flatnonzero(shapely.intersects(g, points)) for g in groups]
    members = [m for m in members if len({tuple(np.round(xy[i], 9)) for i in m}) >= 2]
    if not members:
        return np.array([], dtype=int)
    return max(members, key=lambda m: (weight[m].sum(), len(m)))


def free_spot(candidates: list, box_of, taken: list) -> int:
    """The first candidate whose box (`box_of(candidate)`, a shapely polygon) meets none of `taken`;
    the one that overlaps least if all do."""
    overlap = []
    for i, candidate in enumerate(candidates):
        box = box_of(candidate)
        area = sum(box.intersection(t).area for t in taken)
        if area == 0:
            return i
        overlap.append(area)
    return int(np.argmin(overlap))

"""The map's geometry steps, checked by hand on tiny shapes: projection, paths with holes, symbols set side
by side, the crowded group, and the first free spot for a name."""

from __future__ import annotations

import math

import numpy as np
import pytest
import shapely
from matplotlib.path import Path

from analysis.present.figures.map_geometry import Projection, crowded, free_spot, path_of, spread


def test_projection_scales_longitude_by_the_cosine_of_the_middle_latitude():
    proj = Projection.centred_on([shapely.box(-80, -10, -70, 10)])  # middle latitude 0: no scaling
    assert proj.xfact == pytest.approx(1.0)
    proj = Projection.centred_on([shapely.box(-80, -70, -70, -50)])  # middle latitude -60: cos = 0.5
    assert proj.points([-70], [-15])[0].tolist() == pytest.approx([-35.0, -15.0])
    assert proj.shapes(shapely.box(-80, -70, -70, -50)).bounds == pytest.approx((-40, -70, -35, -50))


def test_path_of_a_polygon_with_a_hole_and_a_second_part_has_three_closed_rings_the_hole_wound_backwards():
    square = shapely.box(0, 0, 4, 4, ccw=False).difference(shapely.box(1, 1, 2, 2, ccw=False))
    path = path_of(shapely.MultiPolygon([square, shapely.box(10, 10, 11, 11, ccw=False)]))
    assert (path.codes == Path.CLOSEPOLY).sum() == 3
    rings = [shapely.LinearRing(r) for r in path.to_polygons()]
    # SVG and PDF fill by the non-zero rule: a hole is left empty only if it winds against its exterior
    assert [r.is_ccw for r in rings] == [True, False, True]
    assert [r.bounds for r in rings] == [(0, 0, 4, 4), (1, 1, 2, 2), (10, 10, 11, 11)]


def test_spread_sets_the_symbols_of_one_place_around_it_and_leaves_a_lone_one():
    xy = np.array([[0.0, 0.0], [0.0, 0.0], [5.0, 5.0]])
    out = spread(xy, np.array([2.0, 1.0, 1.0]))
    # two symbols: on a circle of radius (2 + 1) / 2 / sin(pi / 2) = 1.5, the first at the top, the second below
    assert out[0] == pytest.approx([0, 1.5]) and out[1] == pytest.approx([0, -1.5], abs=1e-12)
    assert math.dist(out[0], out[1]) == pytest.approx(3.0)  # = 2 + 1: they touch, no overlap
    assert out[2].tolist() == [5.0, 5.0]


def test_crowded_finds_the_heaviest_group_of_touching_circles_of_different_places():
    xy = np.array([[0, 0], [1.5, 0], [10, 0], [11, 0], [20, 0], [20, 0]], dtype=float)
    radius = np.ones(6)
    deaths = np.array([1, 1, 5, 1, 9, 9])
    # (0, 1) and (2, 3) touch; (4, 5) share one place, which is not a crowd; (2, 3) weighs 6 deaths
    assert crowded(xy, radius, deaths).tolist() == [2, 3]
    assert crowded(xy[[0, 2, 4]], radius[:3], deaths[:3]).size == 0  # nothing touches across places


def test_free_spot_takes_the_first_clear_spot_or_the_least_crowded():
    taken = [shapely.box(0, 0, 1, 1)]

    def box_of(p):
        return shapely.box(p[0], p[1], p[0] + 1, p[1] + 1)

    assert free_spot([(0.5, 0.5), (2, 2), (3, 3)], box_of, taken) == 1
    assert free_spot([(0.5, 0.5), (0.9, 0.9)], box_of, taken) == 1  # overlaps 0.01 rather than 0.25

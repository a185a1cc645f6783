"""Tile selections checked tile by tile against shapely, and timed."""
import functools
import math
import random
import time

import numpy as np
import pytest
import shapely
import shapely.affinity
from shapely.geometry import MultiPolygon, Polygon, box

from tile_package_tools.tilecache.errors import ParameterError, TileCacheError
from tile_package_tools.tilecache.model import BUNDLE_SIZE, LOD, BundleKey, Coverage, Extent, TileKey
from tile_package_tools.tilecache.scheme.spatial_reference import SpatialReference
from tile_package_tools.tilecache.scheme.tiling_scheme import TilingScheme
from tile_package_tools.tilecache.params.selection import Selection
from tile_package_tools.testkit import schemes
from tile_package_tools.testkit.schemes import WORLD

GRID = 24  # the small scheme's test area: GRID x GRID unit tiles


#: The scheme selections are checked in: 24 levels over the whole square.
web_mercator = functools.partial(schemes.web_mercator, lod_count=24,
                                 full_extent=schemes.WORLD_EXTENT)


def unit_grid():
    """Tiles one map unit square, origin (0, GRID): tile (r, c) = box(c, GRID-r-1, c+1, GRID-r)."""
    return TilingScheme(SpatialReference(wkid=3857), 0.0, float(GRID), 256, 256, 96,
                        (LOD(0, 1 / 256, 1000.0),))


def selected(selection, scheme, lod, bounds=None):
    tiles = set()
    for row, first, last in selection.row_spans(scheme, lod, bounds):
        tiles.update((row, col) for col in range(first, last + 1))
    return tiles


def truth(geometry, scheme, lod, rows, cols):
    """Tiles whose footprint shares area with ``geometry``, one shapely call a tile."""
    keys = [(r, c) for r in rows for c in cols]
    footprints = []
    span = scheme.tile_width * lod.resolution
    for r, c in keys:
        x = scheme.origin_x + c * span
        y = scheme.origin_y - r * span
        footprints.append(box(x, y - span, x + span, y))
    areas = shapely.area(shapely.intersection(geometry, np.array(footprints)))
    return {key for key, area in zip(keys, areas) if area > 0}


def random_polygon(rng):
    """Star-shaped blobs, unioned or cut into holes and multipolygons."""
    def blob():
        cx, cy = rng.uniform(0, GRID), rng.uniform(0, GRID)
        radius = rng.uniform(0.3, 8)
        count = rng.randint(3, 12)
        angles = sorted(rng.uniform(0, 2 * math.pi) for _ in range(count))
        points = [(cx + radius * rng.uniform(0.2, 1) * math.cos(a),
                   cy + radius * rng.uniform(0.2, 1) * math.sin(a)) for a in angles]
        return Polygon(points).buffer(0)
    shape = blob()
    for _ in range(rng.randint(0, 3)):
        other = blob()
        shape = shape.difference(other) if rng.random() < 0.5 else shape.union(other)
    return shape


# ---- polygons against brute force -----------------------------------------

@pytest.mark.parametrize("seed", range(150))
def test_random_polygons_match_brute_force(seed):
    rng = random.Random(seed)
    scheme = unit_grid()
    lod = scheme.lods[0]
    geometry = random_polygon(rng)
    if geometry.is_empty:
        pytest.skip("empty shape")
    # Shapes reach 8 units past the test area; nothing exists at negative rows/cols.
    expected = truth(geometry, scheme, lod, range(GRID + 9), range(GRID + 9))
    selection = Selection.from_geometry(geometry)
    assert selected(selection, scheme, lod) == expected
    assert selection.count(scheme, [lod]) == len(expected)


def test_holes_and_multipolygons_hand_checked():
    scheme, lod = unit_grid(), unit_grid().lods[0]
    # Ring of tiles (2..6 x 2..6 with the middle tile a hole), plus a far tile.
    ring = Polygon(box(2, GRID - 7, 7, GRID - 2).exterior,
                   [box(4, GRID - 5, 5, GRID - 4).exterior.coords])
    area = MultiPolygon([ring, box(10, GRID - 1, 11, GRID)])
    expected = {(r, c) for r in range(2, 7) for c in range(2, 7)} - {(4, 4)} | {(0, 10)}
    assert selected(Selection.from_geometry(area), scheme, lod) == expected


def test_tile_aligned_polygons_take_no_neighbours():
    scheme = web_mercator()
    lod = scheme.lod(9)
    tiles = {(100, 200), (100, 201), (101, 200), (102, 200), (102, 201), (102, 202)}
    footprints = [box(*scheme.tile_footprint(_key(lod, r, c))) for r, c in tiles]
    l_shape = shapely.union_all(footprints)
    assert selected(Selection.from_geometry(l_shape), scheme, lod) == tiles
    # Per-tile polygons touching at corners only: still just these tiles.
    diagonal = MultiPolygon([box(*scheme.tile_footprint(_key(lod, 50 + i, 60 + i)))
                             for i in range(3)])
    assert selected(Selection.from_geometry(diagonal), scheme, lod) == \
        {(50, 60), (51, 61), (52, 62)}
    # A tile's own footprint as an extent: that tile only, at every level.
    for level in range(0, 24, 3):
        lod = scheme.lod(level)
        key = _key(lod, 2 ** level // 3, 2 ** level // 5)
        extent = scheme.tile_footprint(key)
        assert selected(Selection.from_extent(extent), scheme, lod) == {(key.row, key.col)}


def test_triangle_touching_a_corner_does_not_take_that_tile():
    scheme, lod = unit_grid(), unit_grid().lods[0]
    # Vertex exactly on the corner shared by tiles (3,3), (3,4), (4,3), (4,4).
    triangle = Polygon([(4, GRID - 4), (6, GRID - 4), (6, GRID - 2)])
    assert selected(Selection.from_geometry(triangle), scheme, lod) == \
        truth(triangle, scheme, lod, range(GRID), range(GRID)) == {(2, 5), (3, 4), (3, 5)}


def test_spans_are_sorted_and_merged():
    scheme, lod = unit_grid(), unit_grid().lods[0]
    # Two parts that abut and one apart, in the same two rows.
    area = MultiPolygon([box(0.5, GRID - 1.5, 2.5, GRID - 0.5),
                         box(2.5, GRID - 1.5, 3.5, GRID - 0.5),
                         box(6.2, GRID - 1.5, 7.5, GRID - 0.5)])
    assert list(Selection.from_geometry(area).row_spans(scheme, lod)) == \
        [(0, 0, 3), (0, 6, 7), (1, 0, 3), (1, 6, 7)]


def test_nothing_exists_above_or_left_of_the_origin():
    scheme, lod = unit_grid(), unit_grid().lods[0]
    outside = Selection.from_geometry(box(-5, GRID + 1, -1, GRID + 5))
    assert list(outside.row_spans(scheme, lod)) == []
    straddling = Selection.from_extent(Extent(-5, GRID - 1.5, 1.5, GRID + 5))
    assert selected(straddling, scheme, lod) == {(0, 0), (0, 1), (1, 0), (1, 1)}


def test_bounds_limit_the_search():
    scheme, lod = unit_grid(), unit_grid().lods[0]
    area = Selection.from_geometry(box(0.5, 0.5, 10.5, GRID - 0.5))
    bounds = Extent(3, GRID - 5, 5, GRID - 2)
    assert selected(area, scheme, lod, bounds) == {(r, c) for r in (2, 3, 4) for c in (3, 4)}
    assert area.count(scheme, [lod], bounds) == 6
    everything = Selection.everything()
    assert selected(everything, scheme, lod, bounds) == {(r, c) for r in (2, 3, 4) for c in (3, 4)}


# ---- extents -----------------------------------------------------------------

def test_rest_example_two_extent_hand_computed():
    scheme = web_mercator()
    extent = Selection.from_extent(Extent(-13051380, 4030276, -13037288, 4041136))
    # Tile ranges worked out with exact fractions: rows 3269-3272, cols 1428-1430 at 13;
    # rows 209275-209417, cols 91397-91581 at 19.
    assert list(extent.row_spans(scheme, scheme.lod(13))) == \
        [(row, 1428, 1430) for row in range(3269, 3273)]
    assert extent.count(scheme, [13]) == 12
    assert extent.count(scheme, [scheme.lod(19)]) == 143 * 185
    assert extent.count(scheme, [13, 19]) == 12 + 143 * 185


def test_everything_needs_bounds_or_a_full_extent():
    assert Selection.everything().count(web_mercator(), range(3)) == 1 + 4 + 16
    with pytest.raises(TileCacheError, match="no full extent"):
        Selection.everything().count(web_mercator(full_extent=None), [0])


def test_bad_selections():
    with pytest.raises(ParameterError):
        Selection.from_extent(Extent(1, 1, 1, 2))
    with pytest.raises(ParameterError):
        Selection.from_extent(Extent(0, 0, math.inf, 1))
    with pytest.raises(ParameterError, match="areaOfInterest: the polygon has no area"):
        Selection.from_geometry(shapely.LineString([(0, 0), (1, 1)]))


# ---- bundles ---------------------------------------------------------------

def test_bundle_coverage_and_membership_against_brute_force():
    scheme = web_mercator()
    lod = scheme.lod(9)  # 512 x 512 tiles, 4 x 4 bundles
    span = 256 * lod.resolution
    # A disc centred on bundle (128, 128)'s middle, radius 100 tiles: covers that
    # bundle's centre, cuts into its neighbours, misses the far ones.
    cx, cy = -WORLD + 192 * span, WORLD - 192 * span
    disc = Polygon([(cx + 100 * span * math.cos(a), cy + 100 * span * math.sin(a))
                    for a in np.linspace(0, 2 * math.pi, 97)[:-1] + 0.05])
    selection = Selection.from_geometry(disc)
    for bundle_row, bundle_col in ((128, 128), (0, 0), (256, 256), (384, 384)):
        key = BundleKey(9, bundle_row, bundle_col)
        rows = range(bundle_row, bundle_row + BUNDLE_SIZE)
        cols = range(bundle_col, bundle_col + BUNDLE_SIZE)
        expected = truth(disc, scheme, lod, rows, cols)
        member = selection.contains_fn(scheme, lod, key)
        assert {(r, c) for r in rows for c in cols if member(r, c)} == expected
        # select() filters in-bundle records (row, col, ...) the same way, in order.
        records = [(r - bundle_row, c - bundle_col, 0, 1) for r in rows for c in cols]
        assert [(bundle_row + r, bundle_col + c) for r, c, _, _ in
                member.select(records, key)] == sorted(expected)
        assert all(((9, r, c) in member) == ((r, c) in expected) for r, c in
                   [(bundle_row, bundle_col), (bundle_row + 64, bundle_col + 64)])
        coverage = selection.bundle_coverage(scheme, key)
        assert coverage is (Coverage.NONE if not expected else
                            Coverage.ALL if len(expected) == BUNDLE_SIZE ** 2 else Coverage.SOME)
    assert selection.bundle_coverage(scheme, BundleKey(9, 0, 0)) is Coverage.SOME
    assert selection.bundle_coverage(scheme, BundleKey(9, 384, 384)) is Coverage.NONE


def test_bundle_exactly_selected_is_all_and_neighbours_none():
    scheme = web_mercator()
    key = BundleKey(10, 256, 384)
    footprint = scheme.bundle_footprint(key)
    for selection in (Selection.from_extent(footprint), Selection.from_geometry(box(*footprint))):
        assert selection.bundle_coverage(scheme, key) is Coverage.ALL
        for row, col in ((128, 384), (384, 384), (256, 256), (256, 512), (384, 512)):
            assert selection.bundle_coverage(scheme, BundleKey(10, row, col)) is Coverage.NONE
        assert selection.contains_fn(scheme, None, key)(256 + 127, 384 + 127)
        assert not selection.contains_fn(scheme, None, key)(255, 384)
    assert Selection.everything().bundle_coverage(scheme, key) is Coverage.ALL
    assert Selection.everything().contains_fn(scheme, None, key)(1, 2)


# ---- scale ------------------------------------------------------------------

@pytest.mark.slow  # a wall-clock bound that a second worker can break
def test_ten_million_tiles_counted_fast_and_right():
    scheme = web_mercator()
    lod = scheme.lod(14)
    span = 256 * lod.resolution
    # A 3200 x 3200-tile square turned 30 degrees, so no row is a plain box.
    square = box(-1600 * span, -1600 * span, 1600 * span, 1600 * span)
    turned = shapely.affinity.rotate(square, 30, origin=(0, 0))
    selection = Selection.from_geometry(turned)
    started = time.perf_counter()
    tilted = selection.count(scheme, [lod])
    world = Selection.everything().count(scheme, range(12))
    elapsed = time.perf_counter() - started
    assert world == sum(4 ** z for z in range(12)) == 5592405
    # Area in tiles plus the tiles the outline cuts: each boundary crossing of a
    # tile row or column adds at most one partly covered tile.
    side = 3200
    edge_tiles = 4 * side * (math.cos(math.radians(30)) + math.sin(math.radians(30)))
    assert side * side < tilted < side * side + edge_tiles + 8
    assert tilted + world > 15_000_000
    assert elapsed < 2.0, f"counting {tilted + world} tiles took {elapsed:.2f} s"
    # Spot-check random tiles of the window against shapely, tile by tile.
    rng = random.Random(7)
    centre = 2 ** 13
    rows = [centre + rng.randint(-2300, 2300) for _ in range(4000)]
    cols = [centre + rng.randint(-2300, 2300) for _ in range(4000)]
    spans = {}
    for row, first, last in selection.row_spans(scheme, lod):
        spans.setdefault(row, []).append((first, last))
    footprints = np.array([box(*scheme.tile_footprint(_key(lod, r, c)))
                           for r, c in zip(rows, cols)])
    shares = shapely.area(shapely.intersection(turned, footprints)) > 0
    for r, c, share in zip(rows, cols, shares):
        assert any(a <= c <= b for a, b in spans.get(r, ())) == share


def _key(lod, row, col):
    return TileKey(lod.level, row, col)

"""Which tiles an export or import takes: everything, an extent or a polygon.

A tile is selected when its footprint shares area with the selection; touching
along an edge or at a corner does not count. Work is done a tile row at a time
(spans of columns), never a tile at a time, so counting millions of tiles is
cheap.
"""

import numpy as np
import shapely

from ..errors import ParameterError, TileCacheError
from .geometry_input import polygonal_part
from ..model import BUNDLE_SIZE, LOD, Coverage, Extent
from ..scheme.tiling_scheme import EDGE_EPSILON, tile_window

#: Overlaps thinner than this fraction of a tile are floating-point noise from
#: coordinates that sit exactly on a tile edge, not area shared with the tile.
#: Rows clipped from a polygon in one vectorised call; larger bands are halved
#: first so each clip works on a polygon already cut down to its band.
_LEAF_ROWS = 32

_EVERYTHING, _EXTENT, _GEOMETRY = "everything", "extent", "geometry"


class Selection:
    """An immutable tile selection in the tiling scheme's own coordinates."""

    __slots__ = ("kind", "extent", "geometry")

    def __init__(self, kind, extent=None, geometry=None):
        self.kind = kind
        self.extent = extent
        self.geometry = geometry

    @classmethod
    def everything(cls):
        return cls(_EVERYTHING)

    @classmethod
    def from_extent(cls, extent):
        box = Extent.checked(extent, lambda reason: ParameterError(
            f"extent: {tuple(extent)} is not a box with area ({reason})"))
        return cls(_EXTENT, extent=box)

    @classmethod
    def from_geometry(cls, geometry):
        area = polygonal_part(geometry)
        if area.is_empty or not area.area > 0 \
                or not np.isfinite(shapely.get_coordinates(area)).all():
            raise ParameterError("areaOfInterest: the polygon has no area")
        shapely.prepare(area)
        return cls(_GEOMETRY, extent=Extent(*area.bounds), geometry=area)

    @property
    def envelope(self):
        """The box holding the selection, or None for everything."""
        return self.extent

    def __repr__(self):
        return f"Selection({self.kind}, {self.extent})"

    # ---- enumeration -----------------------------------------------------
    def row_spans(self, scheme, lod, bounds=None):
        """``(row, col_min, col_max)`` inclusive, row by row, inside ``bounds``.

        ``bounds`` limits the search (e.g. a bundle footprint); for everything()
        without bounds the scheme's full extent is the limit.
        """
        for rows, first, last in self._span_arrays(scheme, _as_lod(scheme, lod), bounds):
            yield from zip(rows.tolist(), first.tolist(), last.tolist())

    def count(self, scheme, lods, bounds=None):
        """Number of selected tiles over ``lods`` (LODs or level ids)."""
        if isinstance(lods, (LOD, int)):
            lods = [lods]
        total = 0
        for lod in lods:
            lod = _as_lod(scheme, lod)
            if self.kind == _GEOMETRY:
                for _, first, last in self._span_arrays(scheme, lod, bounds):
                    total += int((last - first + 1).sum())
            else:
                box = self._box(scheme, bounds)
                window = None if box is None else scheme.tile_window(lod, box)
                if window is not None:
                    row_min, row_max, col_min, col_max = window
                    total += (row_max - row_min + 1) * (col_max - col_min + 1)
        return total

    def bundle_coverage(self, scheme, bundle_key):
        """The Coverage of the bundle's 128 x 128 tile slots by the selection."""
        if self.kind == _EVERYTHING:
            return Coverage.ALL
        lod = _as_lod(scheme, bundle_key.level)
        selected = self.count(scheme, [lod], scheme.bundle_footprint(bundle_key, lod))
        if selected == 0:
            return Coverage.NONE
        return Coverage.ALL if selected == BUNDLE_SIZE * BUNDLE_SIZE else Coverage.SOME

    def contains_fn(self, scheme, lod, bundle_key):
        """Fast membership test ``f(row, col)`` for the tiles of one bundle."""
        if self.kind == _EVERYTHING:
            return BundleMembership(None)
        lod = _as_lod(scheme, lod if lod is not None else bundle_key.level)
        ranges = {}
        for row, first, last in self.row_spans(scheme, lod,
                                               scheme.bundle_footprint(bundle_key, lod)):
            ranges.setdefault(row, []).append((first, last))
        return BundleMembership(ranges)

    # ---- internals -------------------------------------------------------
    def _box(self, scheme, bounds):
        """The selection's box limited by ``bounds`` (None when they miss)."""
        if self.kind == _EVERYTHING:
            if bounds is None:
                if scheme.full_extent is None:
                    raise TileCacheError("cannot list every tile: the cache has no full "
                                         "extent and no bounds were given")
                return scheme.full_extent
            return bounds
        return self.extent if bounds is None else self.extent.intersection(bounds)

    def _span_arrays(self, scheme, lod, bounds):
        """Chunks ``(rows, col_min, col_max)`` of int arrays, in row order."""
        box = self._box(scheme, bounds)
        window = None if box is None else scheme.tile_window(lod, box)
        if window is None:
            return
        row_min, row_max, col_min, col_max = window
        if self.kind != _GEOMETRY:
            rows = np.arange(row_min, row_max + 1, dtype=np.int64)
            yield rows, np.full_like(rows, col_min), np.full_like(rows, col_max)
            return
        geometry = self.geometry
        if bounds is not None:
            geometry = polygonal_part(shapely.clip_by_rect(geometry, *bounds))
            if geometry.is_empty:
                return
        yield from _Banding(scheme, lod, window).spans(geometry, row_min, row_max)


class BundleMembership:
    """Selected tiles of one bundle: call with (row, col) or test ``in``."""

    __slots__ = ("_ranges",)

    def __init__(self, ranges):
        # None stands for every tile; otherwise row -> [(col_min, col_max), ...].
        self._ranges = ranges

    def __call__(self, row, col):
        if self._ranges is None:
            return True
        return any(first <= col <= last for first, last in self._ranges.get(row, ()))

    def __contains__(self, key):
        return self(key[-2], key[-1])

    def select(self, records, bundle_key):
        """The records (in-bundle row/col) whose tiles are selected, in order.

        One pass with the spans at hand: this runs for every tile of every
        bundle the selection cuts through, where a call per tile would cost
        more than the reading.
        """
        if self._ranges is None:
            return list(records)
        ranges, row0, col0 = self._ranges, bundle_key.row, bundle_key.col
        chosen = []
        for record in records:
            spans = ranges.get(row0 + record[0])
            if spans:
                col = col0 + record[1]
                for first, last in spans:
                    if first <= col <= last:
                        chosen.append(record)
                        break
        return chosen


class _Banding:
    """Spans of a polygon, found by halving row bands down to small leaves."""

    def __init__(self, scheme, lod, window):
        self.span_x, self.span_y = scheme.tile_span(lod)
        self.origin_x, self.origin_y = scheme.origin_x, scheme.origin_y
        self.col_min, self.col_max = window[2], window[3]

    def spans(self, geometry, row_min, row_max):
        if geometry.is_empty:
            return
        if _is_rectangle(geometry):
            # A band the polygon fills as a box: every row has the same span.
            window = tile_window(Extent(*geometry.bounds), self.origin_x, self.origin_y,
                             self.span_x, self.span_y)
            if window is not None:
                first_row = max(window[0], row_min)
                rows = np.arange(first_row, min(window[1], row_max) + 1, dtype=np.int64)
                first = max(window[2], self.col_min)
                last = min(window[3], self.col_max)
                if len(rows) and first <= last:
                    yield rows, np.full_like(rows, first), np.full_like(rows, last)
            return
        if row_max - row_min < _LEAF_ROWS:
            yield self._leaf(geometry, row_min, row_max)
            return
        middle = (row_min + row_max) // 2
        for low, high in ((row_min, middle), (middle + 1, row_max)):
            y_low, y_high = self._band_y(low, high)
            x_low, _, x_high, _ = geometry.bounds
            band = polygonal_part(shapely.clip_by_rect(geometry, x_low, y_low, x_high, y_high))
            yield from self.spans(band, low, high)

    def _band_y(self, row_low, row_high):
        """The band's y range, shrunk by the edge epsilon so neighbours stay out."""
        margin = EDGE_EPSILON * self.span_y
        return (self.origin_y - (row_high + 1) * self.span_y + margin,
                self.origin_y - row_low * self.span_y - margin)

    def _leaf(self, geometry, row_min, row_max):
        rows = np.arange(row_min, row_max + 1, dtype=np.int64)
        y_low, y_high = self._band_y(rows, rows)
        x_low, _, x_high, _ = geometry.bounds
        pieces = shapely.intersection(geometry, shapely.box(x_low, y_low, x_high, y_high))
        parts, index = shapely.get_parts(pieces, return_index=True)
        keep = (shapely.get_type_id(parts) == 3) & (shapely.area(parts) > 0)
        parts, index = parts[keep], index[keep]
        # Within one row strip, a polygon part's interior is connected (a valid
        # polygon's always is), so its projection on x is one open interval and
        # every column whose open x-interval overlaps it holds interior points of
        # the part, hence shares area; columns outside it meet the part at most
        # along a vertical line. So a part's x-extent gives its columns exactly.
        box = shapely.bounds(parts)
        first = np.floor((box[:, 0] - self.origin_x) / self.span_x + EDGE_EPSILON)
        last = np.ceil((box[:, 2] - self.origin_x) / self.span_x - EDGE_EPSILON) - 1
        first = np.maximum(first, self.col_min).astype(np.int64)
        last = np.minimum(last, self.col_max).astype(np.int64)
        ok = first <= last
        return _merge(rows[index[ok]], first[ok], last[ok])


def _merge(rows, first, last):
    """Sort spans by row and column and join the ones that overlap or abut."""
    order = np.lexsort((first, rows))
    rows, first, last = rows[order], first[order], last[order]
    if len(rows) < 2 or (rows[1:] != rows[:-1]).all():
        return rows, first, last
    # Spread rows apart on one number line so a running maximum never carries
    # a span's end from one row into the next.
    base = first.min()
    stride = int(last.max() - base) + 2
    ends = np.maximum.accumulate(rows * stride + (last - base))
    starts = rows * stride + (first - base)
    new = np.ones(len(rows), dtype=bool)
    new[1:] = starts[1:] > ends[:-1] + 1
    heads = np.flatnonzero(new)
    return rows[heads], first[heads], np.maximum.reduceat(last, heads)


def _is_rectangle(geometry):
    """True when ``geometry`` is exactly its bounding box."""
    if geometry.geom_type != "Polygon" or len(geometry.interiors):
        return False
    xmin, ymin, xmax, ymax = geometry.bounds
    corners = shapely.get_coordinates(shapely.simplify(geometry, 0))
    on_corner = np.isin(corners[:, 0], (xmin, xmax)) & np.isin(corners[:, 1], (ymin, ymax))
    # Only corner vertices leaves the box itself or a triangle of half its area.
    return bool(on_corner.all()) and geometry.area > 0.75 * (xmax - xmin) * (ymax - ymin)


def _as_lod(scheme, lod):
    if isinstance(lod, LOD):
        return lod
    found = scheme.lod(int(lod))
    if found is None:
        raise ParameterError(f"levels: level {lod} is not in the cache")
    return found

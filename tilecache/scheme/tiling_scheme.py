"""Tiling schemes and the tile arithmetic that follows from them.

Tiles are located from the scheme's origin and each LOD's resolution only:
level ids are labels that differ between caches, never zoom numbers.
"""
import math
from dataclasses import dataclass, field, replace
from typing import Optional, Tuple

from ..errors import SchemeError
from .spatial_reference import SpatialReference
from ..model import LOD, BUNDLE_SIZE, BundleKey, Extent, TileKey
from ..formats.storage_format import StorageFormat

#: Relative tolerance when matching resolutions or scales typed by people or
#: rounded by other software (conf.xml carries 17 digits, root.json fewer).
RELATIVE_TOLERANCE = 1e-6

#: Share of a tile below which an overlap counts as touching only.
EDGE_EPSILON = 1e-6


def relative_difference(a, b):
    """|a - b| relative to the larger of the two: how LOD values are compared."""
    largest = max(abs(a), abs(b))
    return abs(a - b) / largest if largest else 0.0


def tile_window(extent, origin_x, origin_y, span_x, span_y):
    """``(row_min, row_max, col_min, col_max)`` of the tiles sharing area with ``extent``.

    Open intervals: column c spans (c, c + 1) in tile units and shares area
    with (a, b) when c < b and c + 1 > a; EDGE_EPSILON drops overlaps that are
    only rounding noise of coordinates placed on a tile edge, so a tile that
    merely touches the box is not in it. None when no tile is.
    """
    col_min = math.floor((extent.xmin - origin_x) / span_x + EDGE_EPSILON)
    col_max = math.ceil((extent.xmax - origin_x) / span_x - EDGE_EPSILON) - 1
    row_min = math.floor((origin_y - extent.ymax) / span_y + EDGE_EPSILON)
    row_max = math.ceil((origin_y - extent.ymin) / span_y - EDGE_EPSILON) - 1
    # Tiles above or left of the origin do not exist.
    col_min, row_min = max(col_min, 0), max(row_min, 0)
    if col_max < col_min or row_max < row_min:
        return None
    return row_min, row_max, col_min, col_max


@dataclass(frozen=True)
class TilingScheme:
    spatial_reference: SpatialReference
    origin_x: float
    origin_y: float
    tile_width: int
    tile_height: int
    dpi: float
    lods: Tuple[LOD, ...]
    tile_format: str = "JPEG"
    compression_quality: int = 75
    storage_format: StorageFormat = StorageFormat.COMPACT_V2
    packet_size: int = BUNDLE_SIZE
    full_extent: Optional[Extent] = None
    antialiasing: bool = False
    band_count: Optional[int] = None
    lerc_error: Optional[float] = None
    extra: dict = field(default_factory=dict, compare=False, hash=False)

    def __post_init__(self):
        self.validate()

    def validate(self, path=None):
        for name in ("origin_x", "origin_y", "dpi"):
            if not math.isfinite(getattr(self, name)):
                raise SchemeError(f"{name} is not a finite number", path)
        if self.dpi <= 0:
            raise SchemeError(f"DPI {self.dpi} must be positive", path)
        for name in ("tile_width", "tile_height"):
            value = getattr(self, name)
            if not isinstance(value, int) or not 1 <= value <= 8192:
                raise SchemeError(f"tile size {value!r} must be 1 to 8192 pixels", path)
        if self.packet_size != BUNDLE_SIZE:
            raise SchemeError(f"packet size {self.packet_size} is not supported (only 128)", path)
        if not self.lods:
            raise SchemeError("the tiling scheme has no LODs", path)
        seen = set()
        for lod in self.lods:
            if not (0 <= lod.level <= 99):
                raise SchemeError(f"level id {lod.level} is outside 0-99", path)
            if lod.level in seen:
                raise SchemeError(f"level id {lod.level} appears twice", path)
            seen.add(lod.level)
            if not (math.isfinite(lod.resolution) and lod.resolution > 0):
                raise SchemeError(f"level {lod.level} has resolution {lod.resolution}; "
                                  "it must be a positive number", path)
            if not (math.isfinite(lod.scale) and lod.scale >= 0):
                raise SchemeError(f"level {lod.level} has scale {lod.scale}", path)

    # ---- LOD lookup -------------------------------------------------------
    def lod(self, level):
        for lod in self.lods:
            if lod.level == level:
                return lod
        return None

    @property
    def level_ids(self):
        return [lod.level for lod in self.lods]

    def nearest_lod(self, attribute, value, rel_tol=RELATIVE_TOLERANCE):
        """The LOD whose ``attribute`` ("resolution" or "scale") is nearest ``value``.

        Nearest by relative difference; None unless within ``rel_tol`` (None:
        any distance). LODs of one scheme differ far more than any tolerance
        used, so a value never fits two.
        """
        best = min(self.lods, key=lambda lod: relative_difference(getattr(lod, attribute), value))
        if rel_tol is not None and relative_difference(getattr(best, attribute), value) > rel_tol:
            return None
        return best

    # ---- tile arithmetic -------------------------------------------------
    def tile_span(self, lod):
        """Width and height of one tile of ``lod`` in map units."""
        return self.tile_width * lod.resolution, self.tile_height * lod.resolution

    def tile_footprint(self, key: TileKey, lod=None):
        lod = lod or self.lod(key.level)
        span_x, span_y = self.tile_span(lod)
        xmin = self.origin_x + key.col * span_x
        ymax = self.origin_y - key.row * span_y
        return Extent(xmin, ymax - span_y, xmin + span_x, ymax)

    def tiles_footprint(self, level, row_min, row_max, col_min, col_max):
        """The box covered by a block of tiles, rows and columns inclusive."""
        lod = self.lod(level)
        top_left = self.tile_footprint(TileKey(level, row_min, col_min), lod)
        bottom_right = self.tile_footprint(TileKey(level, row_max, col_max), lod)
        return Extent(top_left.xmin, bottom_right.ymin, bottom_right.xmax, top_left.ymax)

    def bundle_footprint(self, key: BundleKey, lod=None):
        lod = lod or self.lod(key.level)
        span_x, span_y = self.tile_span(lod)
        xmin = self.origin_x + key.col * span_x
        ymax = self.origin_y - key.row * span_y
        return Extent(xmin, ymax - BUNDLE_SIZE * span_y, xmin + BUNDLE_SIZE * span_x, ymax)

    def tile_window(self, lod, extent: Extent):
        """Rows and columns of ``lod`` whose footprints share area with ``extent``.

        ``(row_min, row_max, col_min, col_max)`` inclusive, or None; see tile_window().
        """
        span_x, span_y = self.tile_span(lod)
        return tile_window(extent, self.origin_x, self.origin_y, span_x, span_y)

    def with_changes(self, **changes):
        return replace(self, **changes)

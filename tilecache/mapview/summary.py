"""What a map layer says about its source: where its tiles are, and a description.

Where the tiles are: per level the footprint of its tiles, exact (from the
bundle indexes) for levels of at most EXACT_BUNDLES bundles, else of its
bundles; their union, cut to the package's full extent when it has one that
meets them. So *Zoom to layer* goes to the data, not to the tiling grid (a
UTM package's grid spans a continent around a park).
"""
from typing import NamedTuple, Optional, Tuple

from ..model import BUNDLE_SIZE, Extent

#: Levels with more bundles are bounded by their bundles, not their tiles.
EXACT_BUNDLES = 16


class SourceSummary(NamedTuple):
    """The facts a layer's properties show."""
    kind: str
    levels: Tuple[int, ...]
    tile_count: int
    crs: str
    tile_size: Tuple[int, int]
    tile_format: str
    storage: str
    origin: Tuple[float, float]
    extent: Optional[Extent]


def data_extent(reader):
    """The extent of ``reader``'s tiles (see the module text), or None when it has none."""
    box = None
    for level in reader.levels():
        level_box = _level_extent(reader, level)
        box = level_box.union(box) if level_box is not None else box
    full = reader.full_extent
    if box is None:
        return full
    inside = full.intersection(box) if full is not None else None
    return inside or box


def _level_extent(reader, level):
    scheme, keys = reader.scheme, reader.bundles(level)
    if len(keys) > EXACT_BUNDLES:
        cells = [(k.row, k.col) for k in keys] + \
            [(k.row + BUNDLE_SIZE - 1, k.col + BUNDLE_SIZE - 1) for k in keys]
    else:
        cells = []
        for key in keys:
            with reader.open_bundle(key) as bundle:
                cells += [(key.row + r.row, key.col + r.col) for r in bundle.records()]
    if not cells:
        return None
    rows, cols = [row for row, _ in cells], [col for _, col in cells]
    return scheme.tiles_footprint(level, min(rows), max(rows), min(cols), max(cols))


def summarise(reader):
    """A SourceSummary of an open cache (reads every bundle index, for the tile count)."""
    scheme = reader.scheme
    return SourceSummary(reader.kind, tuple(reader.levels()), reader.tile_count(),
                         scheme.spatial_reference.describe(),
                         (scheme.tile_width, scheme.tile_height), scheme.tile_format,
                         scheme.storage_format.value, (scheme.origin_x, scheme.origin_y),
                         data_extent(reader))

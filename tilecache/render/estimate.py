"""What a render would hold, before anything is drawn: tile slots, an upper bound on size.

Slots are counted as the plan counts them (pipeline/export_plan.py count_slots:
the selection's slots inside the data's extent, a level at a time). A slot
holds at most one tile, and a tile at most its raw pixels plus the format's
overhead: PNG's deflate stores incompressible data in blocks of 64 KiB with 5
bytes each, plus a filter byte per row and the chunk headers; JPEG of the
worst noise at quality 100 stays below 4 bytes a pixel. Blank tiles are never
stored, so a real package is far smaller; the bound is what a disk must hold.
"""
from dataclasses import dataclass

from ..model import BUNDLE_SIZE
from ..params import levels as levels_mod
from ..pipeline.export_plan import build_selection, count_slots
from ..pipeline.windows import selected_window

#: Bytes a tile may take beyond 4 bytes a pixel: headers, a filter byte per row
#: (counted per row below), deflate's stored-block headers (counted below).
TILE_OVERHEAD = 1024
#: A Compact V2 bundle's header and index (64 + 128 x 128 x 8 bytes).
BUNDLE_INDEX_BYTES = 64 + BUNDLE_SIZE * BUNDLE_SIZE * 8


@dataclass(frozen=True)
class RenderEstimate:
    tile_slots: int
    bundles: int
    max_bytes: int
    levels: tuple


def estimate_render(source, options):
    """The RenderEstimate of rendering ``source`` (a RenderSource) with ``options``."""
    scheme = source.scheme
    lods = levels_mod.resolve_levels(options.levels, scheme, options.export_by,
                                     available=source.levels())
    selection = build_selection(source, options)
    slots = count_slots(source, selection, lods, options.max_tiles)
    bundles = sum(_bundles(scheme, selection, level) for level, count in slots.items() if count)
    width, height = scheme.tile_width, scheme.tile_height
    raw = width * height * 4
    per_tile = raw + height + 5 * (raw // 65535 + 1) + TILE_OVERHEAD
    total = sum(slots.values())
    return RenderEstimate(total, bundles, total * per_tile + bundles * BUNDLE_INDEX_BYTES,
                          tuple(level for level, count in sorted(slots.items()) if count))


def _bundles(scheme, selection, level):
    """Bundles meeting the level's window: counted from the window, never listed."""
    window = selected_window(scheme, selection, level)
    if window is None:
        return 0
    row_min, row_max, col_min, col_max = window
    rows = row_max // BUNDLE_SIZE - row_min // BUNDLE_SIZE + 1
    cols = col_max // BUNDLE_SIZE - col_min // BUNDLE_SIZE + 1
    return rows * cols

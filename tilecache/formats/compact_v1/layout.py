"""Compact Cache V1 layout: a .bundle of size-prefixed tiles and a .bundlx index.

The .bundlx holds 16384 five-byte offsets in COLUMN-major order; each offset
points at a tile's 4-byte size field inside the .bundle.
"""
import struct

from ...model import BUNDLE_SIZE
from ..records import SIZE_PREFIX

RECORD_COUNT = BUNDLE_SIZE * BUNDLE_SIZE

#: .bundlx: fixed 16-byte header, offsets, fixed 16-byte footer.
BUNDLX_HEADER = bytes.fromhex("03000000100000000040000005000000")
BUNDLX_FOOTER = bytes.fromhex("00000000100000001000000000000000")
BUNDLX_OFFSET_SIZE = 5
BUNDLX_SIZE = len(BUNDLX_HEADER) + RECORD_COUNT * BUNDLX_OFFSET_SIZE + len(BUNDLX_FOOTER)
#: GeoTools writes the .bundlx without its footer, which carries nothing:
#: read that too (docs/formats.md#v1-in-real-files); the writers write the full form.
BUNDLX_SIZE_WITHOUT_FOOTER = BUNDLX_SIZE - len(BUNDLX_FOOTER)

BUNDLE_HEADER = struct.Struct(
    "<"
    "I"  # 0  version: 3
    "I"  # 4  record count: 16384
    "I"  # 8  largest tile size in bytes
    "I"  # 12 offset byte count: 5
    "Q"  # 16 4 x tile count (as ArcGIS writes it)
    "Q"  # 24 file size
    "Q"  # 32 40
    "I"  # 40 16
    "I"  # 44 first row: 0
    "I"  # 48 last row: 127
    "I"  # 52 first col: 0
    "I"  # 56 last col: 127
)

#: ArcGIS fills a fresh bundle with one zero size per slot right after the
#: header; empty index slots point at their own zero, so "size 0" = no tile.
EMPTY_AREA_OFFSET = BUNDLE_HEADER.size
EMPTY_AREA_SIZE = RECORD_COUNT * SIZE_PREFIX.size
DATA_OFFSET = EMPTY_AREA_OFFSET + EMPTY_AREA_SIZE

MAX_OFFSET = (1 << 40) - 1


def slot(row, col):
    """Index slot of a tile: column-major within the bundle."""
    return BUNDLE_SIZE * (col % BUNDLE_SIZE) + row % BUNDLE_SIZE


def slot_row_col(index):
    return index % BUNDLE_SIZE, index // BUNDLE_SIZE


def empty_slot_offset(index):
    return EMPTY_AREA_OFFSET + SIZE_PREFIX.size * index


def pack_bundle_header(max_tile_size, tile_count, file_size):
    return BUNDLE_HEADER.pack(3, RECORD_COUNT, max_tile_size, 5, 4 * tile_count,
                              file_size, 40, 16, 0, BUNDLE_SIZE - 1, 0, BUNDLE_SIZE - 1)


#: A .bundlx whose every slot points at its own zero in a fresh bundle's
#: empty area: what a bundle with no tiles is indexed by.
EMPTY_BUNDLX = BUNDLX_HEADER + b"".join(
    empty_slot_offset(i).to_bytes(BUNDLX_OFFSET_SIZE, "little")
    for i in range(RECORD_COUNT)) + BUNDLX_FOOTER

"""Compact Cache V2 bundle layout (.bundle with the index inside).

64-byte little-endian header, then 128 x 128 index records of 8 bytes in
row-major order, then tiles each preceded by a 4-byte copy of their size.
"""
import struct

from ...model import BUNDLE_SIZE

HEADER = struct.Struct(
    "<"
    "I"  # 0  version: always 3
    "I"  # 4  record count: 16384 (ArcGIS's own Usa.tpkx writes 0)
    "I"  # 8  largest tile size in bytes (advisory; real files hold other values)
    "I"  # 12 offset byte count: 5
    "Q"  # 16 slack space, unused bytes: 0 is acceptable
    "Q"  # 24 file size
    "Q"  # 32 user header offset: 40
    "I"  # 40 user header size: 20 + index size
    "I"  # 44 legacy: 3
    "I"  # 48 legacy: 16 (0 in some ArcGIS files)
    "I"  # 52 legacy: 16384
    "I"  # 56 legacy: 5
    "I"  # 60 index size in bytes: 131072
)

VERSION = 3
RECORD_COUNT = BUNDLE_SIZE * BUNDLE_SIZE
OFFSET_BYTE_COUNT = 5
USER_HEADER_OFFSET = 40
RECORD_SIZE = 8
INDEX_SIZE = RECORD_COUNT * RECORD_SIZE
USER_HEADER_SIZE = 20 + INDEX_SIZE
LEGACY = (3, 16, RECORD_COUNT, 5)

INDEX_OFFSET = HEADER.size
DATA_OFFSET = INDEX_OFFSET + INDEX_SIZE

RECORD = struct.Struct("<Q")
INDEX = struct.Struct(f"<{RECORD_COUNT}Q")

#: Low 40 bits of a record: absolute offset of the tile's first byte.
OFFSET_MASK = (1 << 40) - 1
#: High 24 bits: tile size, so no tile can exceed MAX_TILE_SIZE (16 MiB - 1).


def slot(row, col):
    """Index slot of a tile: row-major within the 128 x 128 bundle."""
    return BUNDLE_SIZE * (row % BUNDLE_SIZE) + col % BUNDLE_SIZE


def pack_header(file_size, max_tile_size):
    return HEADER.pack(VERSION, RECORD_COUNT, max_tile_size, OFFSET_BYTE_COUNT, 0,
                       file_size, USER_HEADER_OFFSET, USER_HEADER_SIZE, *LEGACY, INDEX_SIZE)


def pack_record(offset, size):
    return (size << 40) | offset

"""Writers for Compact V2 and V1 bundles.

Tiles arrive as :class:`TileData` entries whose sizes are known before any
byte is written, so the header and index go out first and tile bytes are
streamed behind them: a bundle never has to sit in memory or be patched, and
the same code writes to a file or straight into a zip entry.
"""
from typing import Callable, NamedTuple

from . import compact_v1_layout as v1
from . import compact_v2_layout as v2
from ..io.byte_sources import COPY_CHUNK, copy_range
from ..errors import FormatError


class TileData(NamedTuple):
    """One tile to write: position in the bundle, size, and how to get bytes."""
    row: int
    col: int
    size: int
    fetch: Callable[[], bytes]


def from_bytes(row, col, data):
    return TileData(row, col, len(data), lambda: data)


def stream_tiles(out, entries, name):
    """Write size-prefixed tiles, gathered into writes of about COPY_CHUNK bytes.

    Two writes per tile cost more than the bytes themselves when ``out`` is a
    zip entry (a CRC update and a file write each); one joined write per
    megabyte keeps memory bounded and the per-tile cost to a list append.
    """
    written = pending = 0
    pieces = []
    pack = v2.SIZE_PREFIX.pack
    for entry in entries:
        data = entry.fetch()
        if len(data) != entry.size:
            raise FormatError(f"tile at row {entry.row} col {entry.col} changed size while "
                              f"copying ({entry.size} -> {len(data)})", name)
        pieces.append(pack(entry.size))
        pieces.append(data)
        pending += 4 + entry.size
        if pending >= COPY_CHUNK:
            out.write(b"".join(pieces))
            written += pending
            pieces.clear()
            pending = 0
    if pieces:
        out.write(b"".join(pieces))
        written += pending
    return written


def _check_unique(entries, name):
    seen = set()
    for entry in entries:
        key = (entry.row % 128, entry.col % 128)
        if key in seen:
            raise ValueError(f"{name}: tile row {entry.row} col {entry.col} given twice")
        if not 0 < entry.size <= v2.MAX_TILE_SIZE:
            raise FormatError(f"tile at row {entry.row} col {entry.col} has size {entry.size}; "
                              f"a bundle holds tiles of 1 to {v2.MAX_TILE_SIZE} bytes", name)
        seen.add(key)


def v2_bundle_size(entries):
    return v2.DATA_OFFSET + sum(4 + entry.size for entry in entries)


def write_v2_bundle(out, entries, name="bundle"):
    """Write a complete V2 bundle holding ``entries`` (in the order given)."""
    entries = list(entries)
    _check_unique(entries, name)
    index = [v2.pack_record(4, 0)] * v2.RECORD_COUNT
    offset = v2.DATA_OFFSET
    for entry in entries:
        index[v2.slot(entry.row, entry.col)] = v2.pack_record(offset + 4, entry.size)
        offset += 4 + entry.size
    largest = max((entry.size for entry in entries), default=0)
    out.write(v2.pack_header(offset, largest))
    out.write(v2.INDEX.pack(*index))
    stream_tiles(out, entries, name)
    return offset


def copy_v2_bundle(reader, out):
    """Carry a whole V2 bundle over as a block, with a header of documented values.

    Offsets in the index are absolute and the header keeps its size, so
    everything after the header is copied byte for byte.
    """
    largest = max((record.size for record in reader.records()), default=0)
    out.write(v2.pack_header(reader.source.size, largest))
    copy_range(reader.source, v2.HEADER.size, reader.source.size - v2.HEADER.size, out)
    return reader.source.size


def v1_bundle_size(entries):
    return v1.DATA_OFFSET + sum(4 + entry.size for entry in entries)


def write_v1_bundle(bundle_out, entries, name="bundle"):
    """Write a V1 .bundle as ArcGIS lays out a fresh one; return its .bundlx bytes.

    The index is returned rather than written so a caller streaming into a
    zip (one open entry at a time) can add it as the next entry.
    """
    entries = list(entries)
    _check_unique(entries, name)
    offsets = [v1.empty_slot_offset(index) for index in range(v1.RECORD_COUNT)]
    position = v1.DATA_OFFSET
    for entry in entries:
        offsets[v1.slot(entry.row, entry.col)] = position
        position += 4 + entry.size
    if position > v1.MAX_OFFSET:
        raise FormatError("bundle would exceed the 1 TiB a V1 index can address", name)
    largest = max((entry.size for entry in entries), default=0)
    bundle_out.write(v1.pack_bundle_header(largest, len(entries), position))
    bundle_out.write(bytes(v1.EMPTY_AREA_SIZE))
    stream_tiles(bundle_out, entries, name)
    return b"".join([v1.BUNDLX_HEADER,
                     b"".join(value.to_bytes(v1.BUNDLX_OFFSET_SIZE, "little") for value in offsets),
                     v1.BUNDLX_FOOTER])


def copy_raw(source, out):
    copy_range(source, 0, source.size, out)
    return source.size

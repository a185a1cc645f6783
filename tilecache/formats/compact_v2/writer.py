"""Writing Compact V2 bundles as a stream: header and index first, then the tiles.

Tile sizes are known before any byte is written, so nothing is patched
afterwards and the same code writes to a file or straight into a zip entry.
"""
from ...io.byte_sources import copy_range
from ..records import check_unique, stream_tiles
from . import layout as v2


def v2_bundle_size(entries):
    return v2.DATA_OFFSET + sum(4 + entry.size for entry in entries)


def write_v2_bundle(out, entries, name="bundle"):
    """Write a complete V2 bundle holding ``entries`` (in the order given)."""
    entries = list(entries)
    check_unique(entries, name)
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

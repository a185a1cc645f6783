"""Writing Compact V1 bundles as ArcGIS lays out a fresh one (docs/formats.md#compact-v1-bundle)."""
from ...errors import FormatError
from ..records import check_unique, stream_tiles
from . import layout as v1


def v1_bundle_size(entries):
    return v1.DATA_OFFSET + sum(4 + entry.size for entry in entries)


def write_v1_bundle(bundle_out, entries, name="bundle"):
    """Write a V1 .bundle as ArcGIS lays out a fresh one; return its .bundlx bytes.

    The index is returned rather than written so a caller streaming into a
    zip (one open entry at a time) can add it as the next entry.
    """
    entries = list(entries)
    check_unique(entries, name)
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

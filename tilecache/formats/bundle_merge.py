"""Prepare a merged bundle beside its target, ready to be renamed into place.

Existing bundles are extended by appending: the new file starts with the old
file's bytes, new tiles go after them, and only the index changes.  For V1
that keeps the old .bundlx valid against the new .bundle, so renaming the
.bundle first and the .bundlx second never exposes a torn pair, even if the
process dies between the two renames.
"""
import os
import shutil
from typing import NamedTuple, Optional

from . import compact_v1_layout as v1
from . import compact_v2_layout as v2
from .bundle_reader import V1BundleReader, V2BundleReader
from .bundle_writer import TileData, stream_tiles, write_v1_bundle, write_v2_bundle
from ..io.byte_sources import COPY_CHUNK, FileSource
from ..errors import FormatError

#: A V2 bundle whose dead bytes would exceed its live ones is rewritten
#: compactly instead of appended to (one rename keeps V2 atomic either way).
COMPACT_RATIO = 1.0


#: A .bundlx whose every slot points at its own zero in a fresh bundle's
#: empty area; merged indexes start from a copy of it.
_EMPTY_BUNDLX = v1.BUNDLX_HEADER + b"".join(
    v1.empty_slot_offset(i).to_bytes(v1.BUNDLX_OFFSET_SIZE, "little")
    for i in range(v1.RECORD_COUNT)) + v1.BUNDLX_FOOTER


def _set_offset(index, slot, offset):
    start = len(v1.BUNDLX_HEADER) + v1.BUNDLX_OFFSET_SIZE * slot
    index[start:start + v1.BUNDLX_OFFSET_SIZE] = offset.to_bytes(v1.BUNDLX_OFFSET_SIZE, "little")


class PreparedBundle(NamedTuple):
    """Temporary files and where they go, in the order they must be renamed."""
    renames: tuple          # ((temp, target), ...)
    tiles_written: int
    tiles_skipped: int


def _choose(existing_slots, entries, replace):
    """Entries that go in, honouring replaceTiles=false (fill gaps only)."""
    if replace:
        return list(entries), 0
    chosen = [e for e in entries if (e.row % 128, e.col % 128) not in existing_slots]
    return chosen, len(entries) - len(chosen)


def _copy(source, target):
    """Copy a whole bundle; 1 MiB read/write measured faster than sendfile here."""
    with open(source, "rb", buffering=0) as inp, open(target, "wb", buffering=0) as out:
        shutil.copyfileobj(inp, out, COPY_CHUNK)


def _append(out, entries, start, name):
    """Append size-prefixed tiles at ``start``; returns ({(row, col): data offset}, end)."""
    placed = {}
    position = start
    for entry in entries:
        placed[(entry.row % 128, entry.col % 128)] = position + 4
        position += 4 + entry.size
    stream_tiles(out, entries, name)
    return placed, position


def prepare_v2(target, temp, entries, replace=True, keep_existing=True) -> Optional[PreparedBundle]:
    """Merge ``entries`` into the V2 bundle ``target`` (may not exist) into ``temp``."""
    if not (keep_existing and os.path.exists(target)):
        with open(temp, "wb") as out:
            write_v2_bundle(out, entries, temp)
        return PreparedBundle(((temp, target),), len(entries), 0)
    with V2BundleReader(FileSource(target)) as reader:
        records = {(r.row, r.col): r for r in reader.records()}
        chosen, skipped = _choose(records.keys(), entries, replace)
        if not chosen:
            return PreparedBundle((), 0, skipped)
        size = reader.source.size
        replaced = {(e.row % 128, e.col % 128) for e in chosen}
        live = sum(4 + r.size for key, r in records.items() if key not in replaced)
        dead = size - v2.DATA_OFFSET - live
        if dead > COMPACT_RATIO * max(live, 1):
            kept = [TileData(r.row, r.col, r.size, (lambda rec=r: reader.read(rec)))
                    for key, r in sorted(records.items(), key=lambda kv: kv[1].offset)
                    if key not in replaced]
            with open(temp, "wb") as out:
                write_v2_bundle(out, kept + chosen, temp)
            return PreparedBundle(((temp, target),), len(chosen), skipped)
        index = [v2.pack_record(4, 0)] * v2.RECORD_COUNT
        for (row, col), record in records.items():
            index[v2.slot(row, col)] = v2.pack_record(record.offset, record.size)
    _copy(target, temp)
    with open(temp, "r+b") as out:
        out.seek(size)
        placed, end = _append(out, chosen, size, temp)
        sizes = {(e.row % 128, e.col % 128): e.size for e in chosen}
        for (row, col), offset in placed.items():
            index[v2.slot(row, col)] = v2.pack_record(offset, sizes[(row, col)])
        largest = max(value >> 40 for value in index)
        out.seek(0)
        out.write(v2.pack_header(end, largest))
        out.write(v2.INDEX.pack(*index))
    return PreparedBundle(((temp, target),), len(chosen), skipped)


def prepare_v1(target, temp, entries, replace=True, keep_existing=True) -> Optional[PreparedBundle]:
    """Merge into the V1 pair ``target`` (.bundle) + .bundlx, always by appending.

    ``keep_existing=False`` (mergeBundle=false) still appends, but the new
    index names only the incoming tiles: the pair stays consistent at every
    instant, at the cost of dead bytes in the .bundle.
    """
    target_x = target[:-len(".bundle")] + ".bundlx"
    temp_x = temp + "x"
    if not os.path.exists(target):
        with open(temp, "wb") as out:
            bundlx = write_v1_bundle(out, entries, temp)
        with open(temp_x, "wb") as out:
            out.write(bundlx)
        # A fresh pair: the index goes first, since a lone .bundlx is invisible.
        return PreparedBundle(((temp_x, target_x), (temp, target)), len(entries), 0)
    with V1BundleReader(FileSource(target), FileSource(target_x)) as reader:
        records = {(r.row, r.col): r for r in reader.records()} if keep_existing else {}
        chosen, skipped = _choose(records.keys(), entries, replace)
        if not chosen and keep_existing:
            return PreparedBundle((), 0, skipped)
        size = reader.source.size
    index = bytearray(_EMPTY_BUNDLX)
    sizes = {}
    for (row, col), record in records.items():
        _set_offset(index, v1.slot(row, col), record.offset - 4)
        sizes[(row, col)] = record.size
    _copy(target, temp)
    with open(temp, "r+b") as out:
        out.seek(size)
        placed, end = _append(out, chosen, size, temp)
        for (row, col), offset in placed.items():
            _set_offset(index, v1.slot(row, col), offset - 4)
        sizes.update({(e.row % 128, e.col % 128): e.size for e in chosen})
        if end > v1.MAX_OFFSET:
            raise FormatError("bundle would exceed the 1 TiB a V1 index can address", target)
        out.seek(0)
        out.write(v1.pack_bundle_header(max(sizes.values(), default=0), len(sizes), end))
    with open(temp_x, "wb") as out:
        out.write(index)
    # The new .bundle keeps every old byte past its header, so the old index
    # still reads it correctly: rename the .bundle first, then the index.
    return PreparedBundle(((temp, target), (temp_x, target_x)), len(chosen), skipped)

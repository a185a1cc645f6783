"""Merging tiles into a Compact V2 bundle for importTiles (see compact_common)."""
import os

from ...io.byte_sources import FileSource
from ...model import BUNDLE_SIZE
from ..compact_common import MergeCount, append_tiles, choose_entries, copy_file
from ..records import TileData
from . import layout as v2
from .reader import V2BundleReader
from .writer import write_v2_bundle

#: A V2 bundle whose dead bytes would exceed its live ones is rewritten
#: compactly instead of appended to (one rename keeps V2 atomic either way).
COMPACT_RATIO = 1.0


def _slot_key(entry):
    return entry.row % BUNDLE_SIZE, entry.col % BUNDLE_SIZE


def prepare_v2(txn, target, entries, rules):
    """Stage in ``txn`` the V2 bundle ``target`` (may not exist) with ``entries`` merged in."""
    temp = txn.temp_for(target)
    if not (rules.keep_existing and os.path.exists(target)):
        with open(temp, "wb") as out:
            write_v2_bundle(out, entries, temp)
        txn.replace(temp, target)
        return MergeCount(len(entries), 0)
    with V2BundleReader(FileSource(target)) as reader:
        records = {(r.row, r.col): r for r in reader.records()}
        chosen, skipped = choose_entries(records.keys(), entries, rules.replace)
        if not chosen:
            return MergeCount(0, skipped)
        size = reader.source.size
        replaced = {_slot_key(e) for e in chosen}
        live = sum(4 + r.size for key, r in records.items() if key not in replaced)
        if size - v2.DATA_OFFSET - live > COMPACT_RATIO * max(live, 1):
            kept = [TileData(r.row, r.col, r.size, (lambda rec=r: reader.read(rec)))
                    for key, r in sorted(records.items(), key=lambda kv: kv[1].offset)
                    if key not in replaced]
            with open(temp, "wb") as out:
                write_v2_bundle(out, kept + chosen, temp)
            txn.replace(temp, target)
            return MergeCount(len(chosen), skipped)
    index = [v2.pack_record(4, 0)] * v2.RECORD_COUNT
    for (row, col), record in records.items():
        index[v2.slot(row, col)] = v2.pack_record(record.offset, record.size)
    _append_and_reindex(target, temp, chosen, index)
    txn.replace(temp, target)
    return MergeCount(len(chosen), skipped)


def _append_and_reindex(target, temp, chosen, index):
    """``temp`` = ``target`` + ``chosen`` appended, with header and index rewritten."""
    copy_file(target, temp)
    with open(temp, "r+b") as out:
        placed, end = append_tiles(out, chosen, out.seek(0, os.SEEK_END), temp)
        sizes = {_slot_key(e): e.size for e in chosen}
        for (row, col), offset in placed.items():
            index[v2.slot(row, col)] = v2.pack_record(offset, sizes[(row, col)])
        largest = max(value >> 40 for value in index)
        out.seek(0)
        out.write(v2.pack_header(end, largest))
        out.write(v2.INDEX.pack(*index))

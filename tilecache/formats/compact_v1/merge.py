"""Merging tiles into a Compact V1 .bundle/.bundlx pair for importTiles (see compact_common)."""
import os

from ...errors import FormatError
from ...io.byte_sources import FileSource
from ...model import BUNDLE_SIZE
from ..compact_common import MergeCount, append_tiles, choose_entries, copy_file
from . import layout as v1
from .reader import V1BundleReader
from .writer import write_v1_bundle


def index_path(bundle_path):
    """The .bundlx beside a .bundle."""
    return bundle_path[:-len(".bundle")] + ".bundlx"


def _set_offset(index, slot, offset):
    start = len(v1.BUNDLX_HEADER) + v1.BUNDLX_OFFSET_SIZE * slot
    index[start:start + v1.BUNDLX_OFFSET_SIZE] = offset.to_bytes(v1.BUNDLX_OFFSET_SIZE, "little")


def prepare_v1(txn, target, entries, rules):
    """Stage in ``txn`` the V1 pair ``target`` (.bundle) + .bundlx, always by appending.

    mergeBundle=false (``rules.keep_existing`` false) still appends, but the
    new index names only the incoming tiles: the pair stays consistent at
    every instant, at the cost of dead bytes in the .bundle.
    """
    target_x = index_path(target)
    temp, temp_x = txn.temp_for(target), txn.temp_for(target_x)
    if not os.path.exists(target):
        with open(temp, "wb") as out:
            bundlx = write_v1_bundle(out, entries, temp)
        with open(temp_x, "wb") as out:
            out.write(bundlx)
        # A fresh pair: the index goes first, since a lone .bundlx is invisible.
        txn.replace(temp_x, target_x)
        txn.replace(temp, target)
        return MergeCount(len(entries), 0)
    with V1BundleReader(FileSource(target), FileSource(target_x)) as reader:
        records = {(r.row, r.col): r for r in reader.records()} if rules.keep_existing else {}
    chosen, skipped = choose_entries(records.keys(), entries, rules.replace)
    if not chosen and rules.keep_existing:
        return MergeCount(0, skipped)
    index = bytearray(v1.EMPTY_BUNDLX)
    sizes = {}
    for (row, col), record in records.items():
        _set_offset(index, v1.slot(row, col), record.offset - 4)
        sizes[(row, col)] = record.size
    copy_file(target, temp)
    with open(temp, "r+b") as out:
        placed, end = append_tiles(out, chosen, out.seek(0, os.SEEK_END), temp)
        for (row, col), offset in placed.items():
            _set_offset(index, v1.slot(row, col), offset - 4)
        sizes.update({(e.row % BUNDLE_SIZE, e.col % BUNDLE_SIZE): e.size for e in chosen})
        if end > v1.MAX_OFFSET:
            raise FormatError("bundle would exceed the 1 TiB a V1 index can address", target)
        out.seek(0)
        out.write(v1.pack_bundle_header(max(sizes.values(), default=0), len(sizes), end))
    with open(temp_x, "wb") as out:
        out.write(index)
    # The new .bundle keeps every old byte past its header, so the old index
    # still reads it correctly: rename the .bundle first, then the index.
    txn.replace(temp, target)
    txn.replace(temp_x, target_x)
    return MergeCount(len(chosen), skipped)

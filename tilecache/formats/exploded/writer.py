"""Writing exploded tiles: into a sink's target, or staged into a cache by importTiles."""
import os

from ..compact_common import MergeCount
from .layout import EXTENSIONS, row_folder, tile_extension, tile_file


def tile_rel(level_rel, row, col, extension):
    return f"{level_rel}/{row_folder(row)}/{tile_file(col, extension)}"


def write_tiles(target, key, entries, tile_format):
    """Write one block's tiles as files through ``target``; returns bytes written."""
    written = 0
    for entry in entries:
        data = entry.fetch()
        rel = tile_rel(key.level_folder, key.row + entry.row, key.col + entry.col,
                       tile_extension(data, tile_format))
        with target.open(rel, len(data)) as out:
            out.write(data)
        written += len(data)
    return written


def prepare_tiles(txn, level_dir, key, entries, rules):
    """Stage each tile as its own file; there are no bundles to overwrite.

    mergeBundle has no meaning here; replaceTiles still decides about
    existing tiles. A twin with another extension would shadow the new
    tile, so it is removed after the new one is in place.
    """
    written = skipped = 0
    for entry in entries:
        row_dir = os.path.join(level_dir, row_folder(key.row + entry.row))
        existing = [path for path in (os.path.join(row_dir, tile_file(key.col + entry.col, ext))
                                      for ext in EXTENSIONS) if os.path.exists(path)]
        if existing and not rules.replace:
            skipped += 1
            continue
        data = entry.fetch()
        target = os.path.join(row_dir, tile_file(key.col + entry.col,
                                                 tile_extension(data, rules.tile_format)))
        os.makedirs(row_dir, exist_ok=True)
        temp = txn.temp_for(target)
        with open(temp, "wb") as out:
            out.write(data)
        txn.replace(temp, target)
        for old in existing:
            if old != target:
                txn.remove(old)
        written += 1
    return MergeCount(written, skipped)

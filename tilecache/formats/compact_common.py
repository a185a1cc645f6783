"""What Compact V1 and V2 share: bundle files named RrrrrCcccc.bundle, and merging by appending.

Merging (importTiles) extends an existing bundle by appending: the new file
starts with the old file's bytes, new tiles go after them, and only the index
changes. For V1 that keeps the old .bundlx valid against the new .bundle, so
renaming the .bundle first and the .bundlx second never exposes a torn pair.
"""
import os
import re
import shutil
from typing import NamedTuple

from ..errors import FormatError
from ..io.byte_sources import COPY_CHUNK
from ..model import BUNDLE_SIZE, BundleKey
from .records import stream_tiles

#: ArcGIS (and GDAL's ESRIC, "R%04xC%04x") write an upper-case R and C around
#: lower-case hex; a lower-case "c" is a hex digit, so that C is the separator.
BUNDLE_NAME_ARCGIS = re.compile(r"^R([0-9a-f]+)C([0-9a-f]+)\.bundle$")
#: Any other spelling; the first C after the row's digits separates them.
BUNDLE_NAME = re.compile(r"^R(.+?)C(.*)\.bundle$", re.IGNORECASE)
HEX = re.compile(r"^[0-9a-fA-F]{4,10}$")
BUNDLE_SUFFIX = ".bundle"


class MergeRules(NamedTuple):
    """importTiles' choices: replaceTiles, and mergeBundle (keep the bundle's other tiles).

    ``tile_format`` is the cache's, for formats that name files by it.
    """
    replace: bool = True
    keep_existing: bool = True
    tile_format: str = "PNG"


class MergeCount(NamedTuple):
    written: int
    skipped: int


class CompactLevel:
    """The bundle files of one level folder, listed once."""

    def __init__(self, store, level, level_rel, open_reader, merge):
        self.store = store
        self.level_rel = level_rel
        self._open_reader = open_reader
        self._merge = merge
        self._names = {}
        for name, is_dir in store.listdir(level_rel):
            match = BUNDLE_NAME_ARCGIS.match(name) or BUNDLE_NAME.match(name)
            if is_dir or not match:
                continue
            where = store.display_name(f"{level_rel}/{name}")
            if not (HEX.match(match.group(1)) and HEX.match(match.group(2))):
                raise FormatError("bundle name is not R<hex row>C<hex col>.bundle", where)
            row, col = int(match.group(1), 16), int(match.group(2), 16)
            if row % BUNDLE_SIZE or col % BUNDLE_SIZE:
                raise FormatError(f"bundle row {row} / col {col} is not a multiple of "
                                  f"{BUNDLE_SIZE}", where)
            self._names[BundleKey(level, row, col)] = name

    def bundle_keys(self):
        return sorted(self._names)

    def bundle_rel(self, key):
        """The bundle's file in the store, spelled as it is on disk; None if absent."""
        name = self._names.get(key)
        return None if name is None else f"{self.level_rel}/{name}"

    def open_bundle(self, key):
        rel = self.bundle_rel(key)
        return None if rel is None else self._open_reader(self.store, rel)

    def prepare_import(self, txn, key, entries, rules):
        """Stage the merged bundle, keeping the existing file's own spelling of its name."""
        rel = self.bundle_rel(key) or default_bundle_rel(self.level_rel, key)
        target = self.store.local_path(rel)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        return self._merge(txn, target, entries, rules)


class CompactFormat:
    """What the compact formats share: bundle files listed per level, merged by appending.

    A subclass names its ``storage`` and gives
    ``open_reader(store, rel)`` and ``merge(txn, target, entries, rules)``.
    """
    #: Tiles live in 128 x 128 bundles (the conf.xml PacketSize).
    has_bundles = True

    def open_level(self, store, level, level_rel):
        return CompactLevel(store, level, level_rel, self.open_reader, self.merge)


def default_bundle_rel(level_rel, key):
    return f"{level_rel}/{key.file_stem}{BUNDLE_SUFFIX}"


def choose_entries(existing_slots, entries, replace):
    """Entries that go in, honouring replaceTiles=false (fill gaps only)."""
    if replace:
        return list(entries), 0
    chosen = [e for e in entries
              if (e.row % BUNDLE_SIZE, e.col % BUNDLE_SIZE) not in existing_slots]
    return chosen, len(entries) - len(chosen)


def copy_file(source, target):
    """Copy a whole bundle; 1 MiB read/write measured faster than sendfile here."""
    with open(source, "rb", buffering=0) as inp, open(target, "wb", buffering=0) as out:
        shutil.copyfileobj(inp, out, COPY_CHUNK)


def append_tiles(out, entries, start, name):
    """Append size-prefixed tiles at ``start``; returns ({(row, col): data offset}, end)."""
    placed = {}
    position = start
    for entry in entries:
        placed[(entry.row % BUNDLE_SIZE, entry.col % BUNDLE_SIZE)] = position + 4
        position += 4 + entry.size
    stream_tiles(out, entries, name)
    return placed, position

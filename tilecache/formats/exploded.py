"""Exploded caches: one file per tile, ``Lnn/Rrrrrrrrr/Ccccccccc.ext`` in hex.

Bundles do not exist on disk here, but the rest of the core thinks in
128 x 128 blocks, so tiles are grouped into virtual bundles by address.
"""
import os
import re

from .bundle_reader import TileRecord
from ..errors import FormatError
from ..model import BUNDLE_SIZE, BundleKey

ROW_FOLDER = re.compile(r"^R([0-9a-fA-F]{8})$")
TILE_FILE = re.compile(r"^C([0-9a-fA-F]{8})\.([A-Za-z0-9]+)$")

#: Extensions ArcGIS uses for exploded tiles, by the tile's own signature.
EXTENSIONS = ("png", "jpg", "jpeg", "lerc", "pbf", "tif")


def tile_extension(data, tile_format="PNG"):
    """The extension a tile's bytes call for: MIXED caches hold both kinds."""
    if data[:3] == b"\xff\xd8\xff":
        return "jpg"
    if data[:8] == b"\x89PNG\r\n\x1a\n":
        return "png"
    fmt = tile_format.upper()
    if fmt.startswith("LERC"):
        return "lerc"
    return "jpg" if fmt in ("JPEG", "JPG") else "png"


def row_folder(row):
    return f"R{row:08x}"


def tile_file(col, extension):
    return f"C{col:08x}.{extension}"


def _hex(name, pattern, where):
    match = pattern.match(name)
    if not match:
        return None
    if match.group(0) != name:
        raise FormatError(f"{name!r} is not a hex tile name", where)
    return match


class ExplodedBundleReader:
    """The tiles of one 128 x 128 block of an exploded cache level."""

    def __init__(self, store, level_rel, key: BundleKey, rows=None):
        """``rows``: the level's row numbers when the caller has listed them already."""
        self.store = store
        self.name = store.display_name(f"{level_rel}/{row_folder(key.row)}")
        self.key = key
        self._level_rel = level_rel
        self._files = {}
        for row in (rows_in_level(store, level_rel) if rows is None else rows):
            if not key.row <= row < key.row + BUNDLE_SIZE:
                continue
            for col, name in cols_in_row(store, level_rel, row):
                if key.col <= col < key.col + BUNDLE_SIZE:
                    self._files[(row % BUNDLE_SIZE, col % BUNDLE_SIZE)] = \
                        f"{level_rel}/{row_folder(row)}/{name}"
        self._records = None

    def records(self):
        if self._records is None:
            self._records = [TileRecord(row, col, 0, self.store.size(rel))
                             for (row, col), rel in sorted(self._files.items())]
            self._records = [record for record in self._records if record.size]
        return self._records

    def record(self, row, col):
        rel = self._files.get((row % BUNDLE_SIZE, col % BUNDLE_SIZE))
        if rel is None:
            return None
        size = self.store.size(rel)
        return TileRecord(row % BUNDLE_SIZE, col % BUNDLE_SIZE, 0, size) if size else None

    def read(self, record):
        rel = self._files[(record.row, record.col)]
        return self.store.read(rel, max_size=1 << 26)

    def tile(self, row, col):
        record = self.record(row, col)
        return None if record is None else self.read(record)

    def tiles(self):
        for record in self.records():
            yield record.row, record.col, self.read(record)

    @property
    def tile_count(self):
        return len(self.records())

    def close(self):
        """Files are opened per read."""


def rows_in_level(store, level_rel):
    for name, is_dir in store.listdir(level_rel):
        if is_dir and (match := _hex(name, ROW_FOLDER, store.display_name(level_rel))):
            yield int(match.group(1), 16)


def cols_in_row(store, level_rel, row):
    rel = f"{level_rel}/{row_folder(row)}"
    for name, is_dir in store.listdir(rel):
        if not is_dir and (match := _hex(name, TILE_FILE, store.display_name(rel))):
            if match.group(2).lower() in EXTENSIONS:
                yield int(match.group(1), 16), name


def bundles_in_level(store, level, level_rel, rows=None):
    keys = set()
    for row in (rows_in_level(store, level_rel) if rows is None else rows):
        for col, _ in cols_in_row(store, level_rel, row):
            keys.add(BundleKey(level, row - row % BUNDLE_SIZE, col - col % BUNDLE_SIZE))
    return sorted(keys)


def write_tiles(level_dir, key, entries, tile_format):
    """Write one block's tiles as files under ``level_dir``; returns bytes written."""
    written = 0
    for entry in entries:
        data = entry.fetch()
        row_dir = os.path.join(level_dir, row_folder(key.row + entry.row))
        os.makedirs(row_dir, exist_ok=True)
        name = tile_file(key.col + entry.col, tile_extension(data, tile_format))
        with open(os.path.join(row_dir, name), "wb") as out:
            out.write(data)
        written += len(data)
    return written

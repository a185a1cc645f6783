"""A TileSource that shows another source's tiles the way an old GDAL reads them.

Each source tile goes through ``tile_fixes.fix_tile``: repaired where the
defect is known, palette expanded, cut into 256 px tiles. A 512 px tile at
(row, col) becomes the four tiles (2 row + i, 2 col + j) of a 256 px grid of
the same origin and resolutions, so a view bundle (128 x 128 tiles) comes
from one quarter of one source bundle. Tiles are produced when a bundle is
read (``counts_exactly = False``) and spooled to a temporary file, so memory
holds one bundle's index, never its tiles.
"""
import tempfile
from typing import List

from ..formats.records import BundleReaderBase, TileRecord
from ..formats.storage_format import StorageFormat
from ..model import BUNDLE_SIZE, BundleKey, TileKey
from .tile_fixes import TileDamage, fix_tile


class ViewSource:
    """``source`` (an open TileSource) with tiles fixed by ``fix_tile``."""

    counts_exactly = False

    def __init__(self, source, factor, expand_palette):
        self.source = source
        self.factor = factor
        self.expand_palette = expand_palette
        self.path = source.path
        self.item_info = source.item_info
        self.scheme = _view_scheme(source.scheme, factor, expand_palette)
        #: (level, row, col) of source tiles that do not decode.
        self.damaged: List[tuple] = []
        self.repaired = 0

    @property
    def full_extent(self):
        return self.source.full_extent

    def levels(self):
        return self.source.levels()

    def bundles(self, level):
        keys = []
        for key in self.source.bundles(level):
            for row in range(0, BUNDLE_SIZE * self.factor, BUNDLE_SIZE):
                for col in range(0, BUNDLE_SIZE * self.factor, BUNDLE_SIZE):
                    keys.append(BundleKey(level, key.row * self.factor + row,
                                          key.col * self.factor + col))
        return sorted(keys, key=lambda key: (key.row, key.col))

    def open_bundle(self, key):
        first_row, first_col = key.row // self.factor, key.col // self.factor
        source_key = TileKey(key.level, first_row, first_col).bundle
        reader = self.source.open_bundle(source_key)
        if reader is None:
            return None
        span = BUNDLE_SIZE // self.factor
        view = _SpooledBundle()
        with reader:
            for record in reader.records():
                row, col = source_key.row + record.row, source_key.col + record.col
                if first_row <= row < first_row + span and first_col <= col < first_col + span:
                    self._add(view, key, (row, col), reader.read(record))
        return view

    def _add(self, view, key, address, data):
        row, col = address
        try:
            fixed = fix_tile(data, self.factor, self.expand_palette)
        except TileDamage:
            self.damaged.append((key.level, row, col))
            return
        self.repaired += fixed.repaired
        for part_row, part_col, part in fixed.parts:
            view.add(row * self.factor + part_row - key.row,
                     col * self.factor + part_col - key.col, part)

    def close(self):
        self.source.close()


def _view_scheme(scheme, factor, expand_palette):
    tile_format = scheme.tile_format
    if expand_palette and tile_format.upper() == "PNG8":
        tile_format = "PNG32"
    return scheme.with_changes(tile_width=scheme.tile_width // factor,
                               tile_height=scheme.tile_height // factor,
                               tile_format=tile_format,
                               storage_format=StorageFormat.COMPACT_V2) \
        if factor > 1 or tile_format != scheme.tile_format else scheme


class _SpooledBundle(BundleReaderBase):
    """A bundle's tiles in a temporary file: the BundleReader members export reads."""

    def __init__(self):
        self._file = tempfile.TemporaryFile()
        self._records = {}

    def add(self, row, col, data):
        offset = self._file.seek(0, 2)
        self._file.write(data)
        self._records[(row, col)] = TileRecord(row, col, offset, len(data))

    def records(self):
        return sorted(self._records.values(), key=lambda record: record.offset)

    def record(self, row, col):
        return self._records.get((row, col))

    def read(self, record):
        self._file.seek(record.offset)
        return self._file.read(record.size)

    def close(self):
        self._file.close()



"""Reading an exploded cache: the tiles of one 128 x 128 block of a level."""
from ...model import BUNDLE_SIZE, BundleKey
from ..records import BundleReaderBase, TileRecord
from .layout import cols_in_row, row_folder, rows_in_level

#: An exploded tile is read whole; nothing honest is near this size.
MAX_TILE_FILE = 1 << 26


class ExplodedBundleReader(BundleReaderBase):
    """The tiles of one 128 x 128 block of an exploded cache level."""

    def __init__(self, store, level_rel, key: BundleKey, rows=None):
        """``rows``: the level's row numbers when the caller has listed them already."""
        self.store = store
        self.name = store.display_name(f"{level_rel}/{row_folder(key.row)}")
        self.key = key
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
        return self.store.read(rel, max_size=MAX_TILE_FILE)

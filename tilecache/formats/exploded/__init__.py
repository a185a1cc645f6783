"""Exploded caches: one file per tile (docs/formats.md#exploded-cache)."""
from ...model import BUNDLE_SIZE, BundleKey
from ..storage_format import StorageFormat
from .layout import cols_in_row, rows_in_level
from .reader import ExplodedBundleReader
from .writer import prepare_tiles, write_tiles


class ExplodedLevel:
    """A level folder whose row folders are listed once, then grouped into virtual bundles."""

    def __init__(self, store, level, level_rel):
        self.store = store
        self.level_rel = level_rel
        self._rows = sorted(rows_in_level(store, level_rel))
        self._keys = None
        self._level = level

    def bundle_keys(self):
        if self._keys is None:
            keys = set()
            for row in self._rows:
                for col, _name in cols_in_row(self.store, self.level_rel, row):
                    keys.add(BundleKey(self._level, row - row % BUNDLE_SIZE,
                                       col - col % BUNDLE_SIZE))
            self._keys = sorted(keys)
        return self._keys

    def open_bundle(self, key):
        return ExplodedBundleReader(self.store, self.level_rel, key, self._rows)

    def prepare_import(self, txn, key, entries, rules):
        return prepare_tiles(txn, self.store.local_path(self.level_rel), key, entries, rules)


class ExplodedFormat:
    storage = StorageFormat.EXPLODED
    #: Tile packages hold bundles only.
    #: One file a tile: no bundles, whatever conf.xml's PacketSize says.
    has_bundles = False

    def open_level(self, store, level, level_rel):
        return ExplodedLevel(store, level, level_rel)

    def write_bundle(self, target, key, entries, tile_format):
        return write_tiles(target, key, entries, tile_format)

    def can_copy(self, reader):
        # Tiles are separate files: there is no block to copy.
        return False

    def copy_bundle(self, target, key, reader):
        raise TypeError("exploded tiles are never copied as a block")


FORMAT = ExplodedFormat()

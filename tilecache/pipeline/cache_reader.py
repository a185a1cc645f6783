"""Read access to one Esri cache or package, whatever its storage format.

A :class:`CacheReader` is the tile source for caches on disk and packages
read in place: tiling scheme, levels, bundles per level, tiles. Where the
files live is the store's business (``io.stores``); how they are laid out is
the storage format's (``formats``).
"""
import posixpath
import re

from ..errors import FormatError
from ..formats import format_for
from ..model import BundleKey, TileKey

LEVEL_FOLDER = re.compile(r"^L(\d+)$", re.IGNORECASE)


#: ``CacheReader.kind`` of a cache folder; a package read in place has its package
#: kind's name there (tilecache/packages).
FOLDER_KIND = "folder"


class CacheReader:
    """A cache's tiles through its store; implements the TileSource protocol."""

    #: Bundle indexes say exactly which tiles exist, so plans count them.
    counts_exactly = True

    def __init__(self, store, scheme, tiles_rel, path, kind):
        self.store = store
        self.scheme = scheme
        self.tiles_rel = tiles_rel
        self.path = str(path)
        self.kind = kind
        self.item_info = None
        self.format = format_for(scheme.storage_format)
        self._level_folders = None
        self._levels = {}

    @property
    def storage(self):
        return self.scheme.storage_format

    @property
    def full_extent(self):
        return self.scheme.full_extent

    @property
    def folder(self):
        """The cache's folder on disk, or None for a package read in place."""
        return self.store.local_path("")

    def _rel(self, name):
        return posixpath.join(self.tiles_rel, name) if self.tiles_rel else name

    def _folders(self):
        if self._level_folders is None:
            folders = {}
            for name, is_dir in self.store.listdir(self.tiles_rel):
                match = LEVEL_FOLDER.match(name)
                if not (is_dir and match):
                    continue
                level = int(match.group(1))
                if self.scheme.lod(level) is None:
                    raise FormatError(f"level folder {name} is not a level of the tiling scheme "
                                      f"(levels {min(self.scheme.level_ids)}-"
                                      f"{max(self.scheme.level_ids)})",
                                      self.store.display_name(self._rel(name)))
                folders[level] = name
            self._level_folders = folders
        return self._level_folders

    def level_files(self, level):
        """The level's files, listed once; an empty listing when the folder is missing."""
        if level not in self._levels:
            folder = self._folders().get(level, BundleKey(level, 0, 0).level_folder)
            self._levels[level] = self.format.open_level(self.store, level, self._rel(folder))
        return self._levels[level]

    def levels(self):
        """Level ids whose folders hold at least one bundle (or tile)."""
        return [level for level in sorted(self._folders()) if self.bundles(level)]

    def bundles(self, level):
        """The level's bundles, as BundleKeys sorted by row then column."""
        if level not in self._folders():
            return []
        return self.level_files(level).bundle_keys()

    def open_bundle(self, key):
        """A reader for one bundle; None when the cache has no such bundle."""
        if key.level not in self._folders():
            return None
        return self.level_files(key.level).open_bundle(key)

    def tile(self, key: TileKey):
        reader = self.open_bundle(key.bundle)
        if reader is None:
            return None
        with reader:
            return reader.tile(key.row, key.col)

    def iter_tiles(self, levels=None):
        """Every tile as (TileKey, bytes), bundle by bundle, in file order."""
        for level in (self.levels() if levels is None else levels):
            for key in self.bundles(level):
                with self.open_bundle(key) as reader:
                    yield from reader.keyed_tiles(key)

    def tile_count(self, levels=None):
        total = 0
        for level in (self.levels() if levels is None else levels):
            for key in self.bundles(level):
                with self.open_bundle(key) as reader:
                    total += reader.tile_count
        return total

    def close(self):
        self.store.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

"""A cache or package opened for drawing maps: ``shared_source(path)``.

One :class:`MapSource` per source file and state, shared by every layer and
every render thread showing it (QGIS clones a layer's provider for each
render): the cache is opened once, read in place through the core's readers
(``pipeline/opening.py``), and decoded tiles are shared in ``TILE_MEMORY``. A
source whose files change (a package rewritten, tiles imported into a cache
folder) is a new state and gets a new MapSource at the next draw.
"""
import os
import threading
import weakref
from collections import OrderedDict

from ..model import BUNDLE_SIZE
from ..pipeline.opening import open_cache
from .compose import MapGrid, compose
from .levels import level_order
from .source_state import source_state
from .tile_images import TileDamage, decode_tile
from .tile_memory import TILE_MEMORY

#: Bundle readers kept open per source (each holds its index or a file).
OPEN_BUNDLES = 32
#: Sources kept open between draws although no draw is using them (a provider
#: asks for its source at each draw): the most recently used ones.
KEPT_SOURCES = 8

_SOURCES = weakref.WeakValueDictionary()
_RECENT = OrderedDict()
_SOURCES_LOCK = threading.Lock()


def shared_source(path):
    """The MapSource of ``path`` as its files are now (opened on first use)."""
    real = os.path.realpath(path)
    key = (real, source_state(real))
    with _SOURCES_LOCK:
        source = _SOURCES.get(key)
        if source is None:
            source = _SOURCES[key] = MapSource(path, key)
        _RECENT[key] = source
        _RECENT.move_to_end(key)
        while len(_RECENT) > KEPT_SOURCES:
            _RECENT.popitem(last=False)
        return source


class MapSource:
    """Tiles of one opened cache, decoded on demand; draws map images."""

    def __init__(self, path, key=None):
        self.key = key or (os.path.realpath(path),)
        self.reader = open_cache(path)
        self.scheme = self.reader.scheme
        self._lock = threading.RLock()
        self._bundles = OrderedDict()
        self._bounds = {}
        self.levels = self.reader.levels()
        self.lods = [self.scheme.lod(level) for level in self.levels]
        #: (level, row, col) of tiles that do not decode, and of tiles repaired.
        self.damaged, self.repaired = set(), set()

    def render(self, grid: MapGrid):
        """The map image of ``grid`` (see compose.compose)."""
        return compose(self, level_order(self.lods, grid.resolution), grid)

    def tile_bounds(self, level):
        """Rows and columns of the level's bundles (row_min, row_max, col_min, col_max)."""
        if level not in self._bounds:
            with self._lock:
                keys = self.reader.bundles(level)
            self._bounds[level] = (min(k.row for k in keys), max(k.row for k in keys)
                                   + BUNDLE_SIZE - 1, min(k.col for k in keys),
                                   max(k.col for k in keys) + BUNDLE_SIZE - 1) if keys else None
        return self._bounds[level]

    def tile_pixels(self, key):
        """The decoded tile at ``key`` or None (no tile, or it does not decode)."""
        return TILE_MEMORY.get((self.key, key), lambda: self._load(key))

    def _load(self, key):
        with self._lock:
            bundle = self._bundle(key.bundle)
            data = bundle.tile(key.row - key.bundle.row, key.col - key.bundle.col) \
                if bundle is not None else None
        if not data:
            return None
        try:
            pixels, repaired = decode_tile(data, self.scheme.tile_width, self.scheme.tile_height)
        except TileDamage:
            self.damaged.add(tuple(key))
            return None
        if repaired:
            self.repaired.add(tuple(key))
        return pixels

    def _bundle(self, key):
        if key in self._bundles:
            self._bundles.move_to_end(key)
            return self._bundles[key]
        reader = self._bundles[key] = self.reader.open_bundle(key)
        if len(self._bundles) > OPEN_BUNDLES:
            _, old = self._bundles.popitem(last=False)
            if old is not None:
                old.close()
        return reader

    def with_reader(self, work):
        """``work(reader)`` under this source's lock (readers are not thread-safe)."""
        with self._lock:
            return work(self.reader)

    def close(self):
        with self._lock:
            for reader in self._bundles.values():
                if reader is not None:
                    reader.close()
            self._bundles.clear()
            self.reader.close()
        TILE_MEMORY.forget(self.key)

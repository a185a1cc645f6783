"""Decoded tiles kept for redraws: one least-recently-used store for every map source.

Bounded by bytes, so a session with many layers holds at most ``budget`` of
pixels whatever their tile sizes. Misses (no tile, damaged tile) are kept as
well: they cost nothing to hold and a redraw must not look for them again.
"""
import threading
from collections import OrderedDict

#: Pixels kept at most: 192 MiB, 768 tiles of 256 x 256, several canvases' worth.
DEFAULT_BUDGET = 192 * 1024 * 1024
#: What a kept miss counts for.
MISS_COST = 64


class TileMemory:
    """``get(key, load)``: the value kept for ``key``, else ``load()``'s (kept)."""

    def __init__(self, budget=DEFAULT_BUDGET):
        self.budget = budget
        self._items = OrderedDict()
        self._used = 0
        self._lock = threading.Lock()

    def get(self, key, load):
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                return self._items[key]
        value = load()
        with self._lock:
            if key not in self._items:
                self._items[key] = value
                self._used += _cost(value)
                self._trim()
        return value

    def forget(self, owner):
        """Drop every value whose key starts with ``owner``."""
        with self._lock:
            for key in [key for key in self._items if key[0] == owner]:
                self._used -= _cost(self._items.pop(key))

    @property
    def used(self):
        return self._used

    def _trim(self):
        while self._used > self.budget and self._items:
            _, value = self._items.popitem(last=False)
            self._used -= _cost(value)


def _cost(value):
    return MISS_COST if value is None else value.nbytes


#: The store every map source shares.
TILE_MEMORY = TileMemory()

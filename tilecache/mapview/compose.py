"""Tiles of several levels composed into one map image.

The map image is a grid of ``width`` x ``height`` pixels over ``extent`` (in the
cache's CRS). Each map pixel takes the tile pixel under its centre (nearest
neighbour: tiles are shown as they are, with no blur), from the first level of
``level_order`` that has a tile there; pixels no tile covers stay 0
(transparent). A map pixel belongs to the tile whose footprint holds its
centre, located from the scheme's origin and the LOD's resolution.
"""
from typing import NamedTuple

import numpy as np

from ..model import Extent, TileKey


class MapGrid(NamedTuple):
    """The pixels of a map image: ``extent`` cut into ``width`` x ``height`` cells."""
    extent: Extent
    width: int
    height: int

    @property
    def resolution(self):
        """Map units per pixel (the larger of the two axes')."""
        return max(self.extent.width / self.width, self.extent.height / self.height)

    def centres(self):
        """x of each column's centre and y of each row's centre (top row first)."""
        box = self.extent
        xs = box.xmin + (np.arange(self.width) + 0.5) * (box.width / self.width)
        ys = box.ymax - (np.arange(self.height) + 0.5) * (box.height / self.height)
        return xs, ys


class _Axis(NamedTuple):
    """One axis of a level: the tile pixel under each map pixel centre, and where each
    tile's run of map pixels starts and ends (pixels are monotonic along the axis)."""
    pixels: np.ndarray
    tiles: np.ndarray
    starts: np.ndarray
    stops: np.ndarray

    @classmethod
    def of(cls, offsets, resolution, tile_size):
        pixels = np.floor(offsets / resolution).astype(np.int64)
        tiles = np.floor_divide(pixels, tile_size)
        first = np.flatnonzero(np.r_[True, tiles[1:] != tiles[:-1]])
        return cls(pixels, tiles, first, np.r_[first[1:], len(tiles)])

    def runs(self, low, high):
        """(tile, start, stop) of the tiles ``low``..``high`` this axis crosses."""
        for start, stop in zip(self.starts, self.stops):
            tile = int(self.tiles[start])
            if low <= tile <= high:
                yield tile, start, stop


def compose(source, lods, grid):
    """The map image of ``grid``: ``(height, width)`` uint32 ARGB32 premultiplied.

    ``source`` gives ``scheme``, ``tile_pixels(TileKey)`` (an array or None) and
    ``tile_bounds(level)`` (row_min, row_max, col_min, col_max of its tiles, or None).
    """
    image = np.zeros((grid.height, grid.width), np.uint32)
    filled = np.zeros((grid.height, grid.width), bool)
    xs, ys = grid.centres()
    for lod in lods:
        bounds = source.tile_bounds(lod.level)
        if bounds is not None:
            _draw_level(source, lod, (xs, ys, bounds), image, filled)
        if filled.all():
            break
    return image


def _draw_level(source, lod, where, image, filled):
    xs, ys, (row_min, row_max, col_min, col_max) = where
    scheme = source.scheme
    cols = _Axis.of(xs - scheme.origin_x, lod.resolution, scheme.tile_width)
    rows = _Axis.of(scheme.origin_y - ys, lod.resolution, scheme.tile_height)
    col_runs = list(cols.runs(col_min, col_max))
    for row, top, bottom in rows.runs(row_min, row_max):
        for col, left, right in col_runs:
            block = (slice(top, bottom), slice(left, right))
            if filled[block].all():
                continue
            pixels = source.tile_pixels(TileKey(lod.level, row, col))
            if pixels is None:
                continue
            tile = pixels[rows.pixels[top:bottom, None] - row * scheme.tile_height,
                          cols.pixels[None, left:right] - col * scheme.tile_width]
            empty = ~filled[block]
            image[block][empty] = tile[empty]
            filled[block] = True

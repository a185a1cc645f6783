"""Metatiles: blocks of tiles rendered as one image with a margin, then cut.

Rendering a block of tiles at once, with a margin of pixels around it that is
rendered and thrown away, keeps symbols and labels that cross a tile edge
whole and in one place: each tile is cut from an image in which its
neighbourhood was drawn too. Blocks are aligned on multiples of their size
in the level's whole tile grid, so neighbouring bundles cut the same blocks.
"""
from dataclasses import dataclass
from typing import Tuple

from ..model import Extent

#: Tiles per metatile side: 8 x 8 tiles of 256 px is a 2048 px image, large
#: enough that few labels meet an edge, small enough to render in parallel.
DEFAULT_METATILE = 8
#: Pixels rendered around a metatile and dropped: labels and symbols of
#: features just outside still reach into the metatile's edge tiles.
DEFAULT_MARGIN = 128


@dataclass(frozen=True)
class BundleTask:
    """What rendering one bundle needs, in plain values (picklable, for a worker)."""
    level: int
    row: int
    col: int
    origin_x: float
    origin_y: float
    resolution: float
    tile_width: int
    tile_height: int
    #: Blocks of tiles to render, ``(row_min, row_max, col_min, col_max)`` inclusive,
    #: absolute tile addresses.
    blocks: Tuple[Tuple[int, int, int, int], ...]
    margin: int
    tile_format: str
    quality: int
    background: Tuple[int, int, int, int]


def plan_blocks(window, size, wanted=None):
    """The metatile blocks covering ``window`` (rows/cols inclusive), aligned on ``size``.

    ``wanted(row, col)`` (absolute) says whether a tile is selected; blocks
    holding no wanted tile are left out, so they are never rendered.
    """
    row_min, row_max, col_min, col_max = window
    blocks = []
    for top in range(row_min - row_min % size, row_max + 1, size):
        for left in range(col_min - col_min % size, col_max + 1, size):
            block = (max(top, row_min), min(top + size - 1, row_max),
                     max(left, col_min), min(left + size - 1, col_max))
            if wanted is None or _any_wanted(block, wanted):
                blocks.append(block)
    return tuple(blocks)


def _any_wanted(block, wanted):
    rows = range(block[0], block[1] + 1)
    return any(wanted(row, col) for row in rows for col in range(block[2], block[3] + 1))


def block_request(task, block):
    """``(extent, width, height)`` to render for a block: its tiles plus the margin."""
    row_min, row_max, col_min, col_max = block
    span_x, span_y = task.tile_width * task.resolution, task.tile_height * task.resolution
    pad = task.margin * task.resolution
    xmin = task.origin_x + col_min * span_x - pad
    xmax = task.origin_x + (col_max + 1) * span_x + pad
    ymax = task.origin_y - row_min * span_y + pad
    ymin = task.origin_y - (row_max + 1) * span_y - pad
    width = (col_max - col_min + 1) * task.tile_width + 2 * task.margin
    height = (row_max - row_min + 1) * task.tile_height + 2 * task.margin
    return Extent(xmin, ymin, xmax, ymax), width, height


def cut_block(task, block, image):
    """``(row, col, rgba)`` of each tile in a rendered block image (absolute row/col)."""
    row_min, row_max, col_min, col_max = block
    tw, th, margin = task.tile_width, task.tile_height, task.margin
    for row in range(row_min, row_max + 1):
        top = margin + (row - row_min) * th
        for col in range(col_min, col_max + 1):
            left = margin + (col - col_min) * tw
            yield row, col, image[top:top + th, left:left + tw]

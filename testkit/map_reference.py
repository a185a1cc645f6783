"""The map a cache should show, decoded straight from its tiles (for drawing tests).

Written from the rule, not from tilecache/mapview: each map pixel takes the
tile pixel under its centre at the chosen level, else at the next coarser
level holding a tile there; no tile leaves the background.
"""
import io
import math

import numpy as np
from PIL import Image

from tile_package_tools.tilecache.model import TileKey


def decode_all(tiles):
    """{TileKey: RGBA array} of {TileKey: bytes}."""
    return {key: np.asarray(Image.open(io.BytesIO(data)).convert("RGBA"))
            for key, data in tiles.items()}


def reference(scheme, decoded, levels, grid, background=(255, 255, 255)):
    """RGB (height, width, 3): ``levels`` (best first) drawn over ``background`` on ``grid``
    (extent xmin, ymin, xmax, ymax; width; height)."""
    (xmin, ymin, xmax, ymax), width, height = grid
    out = np.empty((height, width, 3), np.uint8)
    out[:] = background
    for i in range(height):
        y = ymax - (i + 0.5) * (ymax - ymin) / height
        for j in range(width):
            x = xmin + (j + 0.5) * (xmax - xmin) / width
            pixel = _pixel_at(scheme, decoded, levels, (x, y))
            if pixel is not None:
                alpha = pixel[3] / 255.0
                out[i, j] = np.round(pixel[:3] * alpha + out[i, j] * (1 - alpha))
    return out


def _pixel_at(scheme, decoded, levels, point):
    x, y = point
    for level in levels:
        res = scheme.lod(level).resolution
        px = math.floor((x - scheme.origin_x) / res)
        py = math.floor((scheme.origin_y - y) / res)
        tile = decoded.get(TileKey(level, py // scheme.tile_height, px // scheme.tile_width))
        if tile is not None:
            return tile[py % scheme.tile_height, px % scheme.tile_width].astype(float)
    return None


def matched_within_a_pixel(drawn, expected, tolerance=2):
    """Share of pixels of ``drawn`` equal (within ``tolerance``) to ``expected`` at the same
    place or one pixel away: QGIS asks a provider for one pixel more than the map when
    its float pixel count lands just above a whole number, and draws it unscaled."""
    drawn, expected = drawn.astype(int), expected.astype(int)
    height, width = drawn.shape[:2]
    padded = np.pad(expected, ((1, 1), (1, 1), (0, 0)), mode="edge")
    matched = np.zeros((height, width), bool)
    for dy in (0, 1, 2):
        for dx in (0, 1, 2):
            near = padded[dy:dy + height, dx:dx + width]
            matched |= np.all(np.abs(drawn - near) <= tolerance, axis=-1)
    return matched.mean()

"""A map drawn without QGIS, for the render core's tests: pixels depend on map
coordinates only, so any extent of it is the same picture at any cut.

Discs of fixed centres and radii in Web Mercator metres, coloured by index,
with a dark ring whose width is in pixels (a symbol crossing tile edges), on a
transparent background. ``FakeMap.render`` counts its calls.
"""
import numpy as np

from tile_package_tools.tilecache.model import Extent

#: (x, y, radius) in metres; colours cycle through PALETTE.
DISCS = ((0.0, 0.0, 4.0e6), (-9.0e6, 5.0e6, 2.5e6), (8.0e6, -6.0e6, 3.0e6),
         (1.2e7, 7.0e6, 1.5e6))
PALETTE = ((200, 40, 40), (40, 160, 60), (50, 80, 200), (230, 200, 30))
RING_PX = 6


class FakeMap:
    def __init__(self, discs=DISCS, fail_after=None, noise=False):
        self.discs = discs
        self.calls = 0
        self.fail_after = fail_after
        self.noise = noise

    def render(self, extent, width, height):
        self.calls += 1
        if self.fail_after is not None and self.calls > self.fail_after:
            raise RuntimeError("the fake map stops here")
        res_x, res_y = extent.width / width, extent.height / height
        xs = extent.xmin + (np.arange(width) + 0.5) * res_x
        ys = extent.ymax - (np.arange(height) + 0.5) * res_y
        x, y = np.meshgrid(xs, ys)
        image = np.zeros((height, width, 4), np.uint8)
        for index, (cx, cy, radius) in enumerate(self.discs):
            distance = np.hypot(x - cx, y - cy)
            image[distance < radius] = PALETTE[index % len(PALETTE)] + (255,)
            ring = (distance >= radius) & (distance < radius + RING_PX * res_x)
            image[ring] = (20, 20, 20, 255)
        if self.noise:
            # Many colours (a photo-like tile): deterministic in map coordinates.
            inside = image[..., 3] == 255
            image[..., 0][inside] = (np.sin(x / 9e4) * 120 + 125).astype(np.uint8)[inside]
        return image


def mosaic(tiles, level, window, tile_size=256):
    """One RGBA array of the tiles of ``level`` in ``window`` (rows/cols inclusive);
    ``tiles``: (TileKey, bytes); missing tiles are transparent."""
    import io

    from PIL import Image
    row_min, row_max, col_min, col_max = window
    out = np.zeros(((row_max - row_min + 1) * tile_size, (col_max - col_min + 1) * tile_size, 4),
                   np.uint8)
    for key, data in tiles:
        if key.level != level:
            continue
        top, left = (key.row - row_min) * tile_size, (key.col - col_min) * tile_size
        out[top:top + tile_size, left:left + tile_size] = np.asarray(
            Image.open(io.BytesIO(data)).convert("RGBA"))
    return out


def window_extent(scheme, level, window):
    """The map extent of a window of tiles."""
    return scheme.tiles_footprint(level, *window)




class FakeMapRecipe:
    """What a Dask worker opens to draw the fake map (a render recipe: hashable, picklable)."""

    batch = 1

    def __eq__(self, other):
        return isinstance(other, FakeMapRecipe)

    def __hash__(self):
        return hash(FakeMapRecipe)

    def open(self):
        return self

    def render_many(self, requests):
        fake = FakeMap()
        return [fake.render(*request) for request in requests]

    def close(self):
        """Nothing is held between jobs."""


__all__ = ["DISCS", "Extent", "FakeMap", "FakeMapRecipe", "mosaic", "window_extent"]

"""tilecache/mapview without QGIS: level choice, maps composed from tiles exactly as
the rule says (checked against testkit/map_reference.py), gaps, transparency, damaged
and repaired tiles, the bounded tile memory, where the tiles are."""
import io

import numpy as np
import pytest
from PIL import Image

from tile_package_tools.testkit.caches import read_tiles, write_cache, write_package, write_raw_package
from tile_package_tools.testkit.map_reference import decode_all, reference
from tile_package_tools.testkit.schemes import V1, V2, web_mercator
from tile_package_tools.testkit.tiles import QUADRANT_COLOURS, quadrant_tile
from tile_package_tools.tilecache.mapview.compose import MapGrid
from tile_package_tools.tilecache.mapview.levels import level_order
from tile_package_tools.tilecache.mapview.map_source import MapSource, shared_source
from tile_package_tools.tilecache.mapview.summary import data_extent, summarise
from tile_package_tools.tilecache.mapview.tile_images import decode_tile
from tile_package_tools.tilecache.mapview.tile_memory import TileMemory
from tile_package_tools.tilecache.model import LOD, Extent, TileKey

#: Tiles in the north-west only; level 2 has a gap at (1, 1); no level 0.
BLOCKS = {1: [(0, 0)], 2: [(0, 0), (0, 1), (1, 0)],
          3: [(r, c) for r in (1, 2) for c in (1, 2, 3)],
          4: [(r, c) for r in (3, 4) for c in (3, 4, 5)]}


def noise_png(seed, size=256, mode="RGB"):
    rng = np.random.default_rng(seed)
    pixels = rng.integers(0, 256, (size // 8, size // 8, len(mode)), np.uint8)
    image = Image.fromarray(pixels, mode).resize((size, size), Image.NEAREST)
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def block_tiles(mode="RGB"):
    return {TileKey(level, r, c): noise_png(level * 100 + r * 10 + c, mode=mode)
            for level, cells in BLOCKS.items() for r, c in cells}


def as_rgb(argb, background=255):
    """RGB over a white background from the core's ARGB32 premultiplied pixels."""
    height, width = argb.shape
    channels = argb.view(np.uint8).reshape(height, width, 4)
    alpha = channels[..., 3:4].astype(float) / 255
    return np.round(channels[..., [2, 1, 0]] + background * (1 - alpha)).astype(np.uint8)


def test_level_nearest_the_map_resolution_then_every_coarser_one():
    lods = [LOD(level, 1000.0 / 2 ** level, 0) for level in (1, 2, 3, 5)]
    def order(resolution):
        return [lod.level for lod in level_order(lods, resolution)]
    assert order(10_000) == [1]                  # coarser than any level: the coarsest
    assert order(250) == [2, 1]
    assert order(130) == [3, 2, 1]               # between: nearest by ratio
    assert order(90) == [3, 2, 1]
    assert order(1) == [5, 3, 2, 1]              # past the finest: the finest, upsampled
    assert level_order([], 1) == []


@pytest.mark.parametrize("mode", ["RGB", "RGBA"])
def test_maps_at_five_scales_are_the_tiles_exactly(tmp_path, mode):
    scheme = web_mercator(V2, "PNG32", lod_count=6)
    cache = write_cache(str(tmp_path / "cache"), scheme, block_tiles(mode))
    source = MapSource(cache)
    decoded = decode_all(read_tiles(cache))
    span = scheme.tile_span(scheme.lod(4))[0]
    centre = (scheme.origin_x + 4.37 * span, scheme.origin_y - 3.61 * span)
    width, height = 160, 100
    # Coarser than level 0, mid, mid, the finest, two steps past it.
    for resolution, chosen in [(scheme.lod(0).resolution * 2, 1), (scheme.lod(2).resolution, 2),
                               (scheme.lod(3).resolution * 1.2, 3),
                               (scheme.lod(4).resolution, 4), (scheme.lod(4).resolution / 4, 4)]:
        extent = Extent(centre[0] - width / 2 * resolution, centre[1] - height / 2 * resolution,
                        centre[0] + width / 2 * resolution, centre[1] + height / 2 * resolution)
        drawn = as_rgb(source.render(MapGrid(extent, width, height)))
        levels = [level for level in sorted(BLOCKS) if level <= chosen][::-1]
        expected = reference(scheme, decoded, levels, (extent, width, height))
        assert np.abs(drawn.astype(int) - expected).max() <= 1, (resolution, chosen)
    source.close()


def test_gaps_use_coarser_tiles_and_no_tile_is_transparent(tmp_path):
    scheme = web_mercator(V2, "PNG32", lod_count=3)
    cache = write_cache(str(tmp_path / "c"), scheme,
                        {TileKey(0, 0, 0): quadrant_tile(256),
                         TileKey(1, 0, 0): Image_png((10, 20, 30))})
    source = MapSource(cache)
    half = -scheme.origin_x
    # Level 1 drawn over the world at 512 px: its one tile top-left, level 0's
    # upsampled quarters in its gaps.
    image = source.render(MapGrid(Extent(-half, -half, half, half), 512, 512))
    rgb = as_rgb(image)
    assert tuple(rgb[100, 100]) == (10, 20, 30)
    assert tuple(rgb[100, 400]) == QUADRANT_COLOURS[1]
    assert tuple(rgb[400, 400]) == QUADRANT_COLOURS[3]
    # Outside the tiling grid (west of the origin): transparent.
    outside = source.render(MapGrid(Extent(-3 * half, -half, -half, half), 64, 64))
    assert not outside.any()


def Image_png(colour, size=256):  # noqa: N802 - reads as the image it makes
    buffer = io.BytesIO()
    Image.new("RGB", (size, size), colour).save(buffer, "PNG")
    return buffer.getvalue()


def test_palette_truncated_and_damaged_tiles(tmp_path):
    whole = quadrant_tile(256, palette=True)
    scheme = web_mercator(V1, "PNG8", lod_count=3)
    # Written byte for byte: an export would repair and drop them on the way.
    package = write_raw_package(tmp_path / "p8.tpk", scheme,
                                {TileKey(0, 0, 0): whole, TileKey(1, 0, 0): whole[4:],
                                 TileKey(1, 0, 1): b"junk"})
    source = MapSource(package)
    half = -scheme.origin_x
    rgb = as_rgb(source.render(MapGrid(Extent(-half, -half, half, half), 512, 512)))
    # Level 1 (0, 0): the repaired PNG8 in its true colours.
    assert tuple(rgb[32, 32]) == QUADRANT_COLOURS[0]
    # Level 1 (0, 1) does not decode: level 0's top-right quarter shows instead.
    assert tuple(rgb[64, 300]) == QUADRANT_COLOURS[1]
    assert source.repaired == {(1, 0, 0)} and source.damaged == {(1, 0, 1)}


def test_decode_premultiplies_transparent_pixels():
    buffer = io.BytesIO()
    Image.new("RGBA", (4, 4), (200, 100, 50, 128)).save(buffer, "PNG")
    pixels, repaired = decode_tile(buffer.getvalue(), 4, 4)
    value = int(pixels[0, 0])
    assert not repaired
    assert (value >> 24, (value >> 16) & 255, (value >> 8) & 255, value & 255) == \
        (128, 100, 50, 25)


def test_tile_memory_stays_within_its_budget():
    memory = TileMemory(budget=10_000)
    loads = []
    for index in range(10):
        memory.get(("s", index), lambda: loads.append(1) or np.zeros(1000, np.uint32))
    assert memory.used <= 10_000 and len(loads) == 10
    memory.get(("s", 9), lambda: loads.append(1))
    assert len(loads) == 10  # the newest is still held
    memory.forget("s")
    assert memory.used == 0


def test_where_the_tiles_are_not_the_grid(tmp_path):
    scheme = web_mercator(V2, "PNG32", lod_count=4)
    cache = write_cache(str(tmp_path / "c"), scheme,
                        {TileKey(3, 2, 5): quadrant_tile(), TileKey(3, 3, 6): quadrant_tile()})
    source = shared_source(cache)
    assert source.with_reader(data_extent) == scheme.tiles_footprint(3, 2, 3, 5, 6)
    facts = source.with_reader(summarise)
    assert (facts.levels, facts.tile_count, facts.tile_size) == ((3,), 2, (256, 256))
    assert shared_source(cache) is source  # one source per file state

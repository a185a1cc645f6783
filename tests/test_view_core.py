"""tilecache/view: packages turned into cache folders QGIS's GDAL 3.6 reads."""
import io

import pytest
from PIL import Image

from tile_package_tools.testkit.caches import read_tiles, write_cache, write_package
from tile_package_tools.testkit.schemes import web_mercator
from tile_package_tools.testkit.tiles import QUADRANT_COLOURS, quadrant_tile
from tile_package_tools.tilecache.model import TileKey
from tile_package_tools.tilecache.view.build import build_view, view_needs
from tile_package_tools.tilecache.view.tile_fixes import fix_tile, repair

COLOURS = [colour + (255,) for colour in QUADRANT_COLOURS]


def colour_of(data):
    image = Image.open(io.BytesIO(data)).convert("RGBA")
    return image.getpixel((image.width // 2, image.height // 2)), image.size, image.mode


def test_512_px_package_split_into_256_px_tiles(tmp_path):
    tiles = {TileKey(0, 0, 0): quadrant_tile(512), TileKey(1, 1, 0): quadrant_tile(512)}
    package = write_package(tmp_path / "big.tpkx",
                            web_mercator(tile_format="PNG32", lod_count=4, tile_size=512), tiles)
    needs = view_needs(package, "3.6.2")
    assert (needs.factor, needs.direct) == (2, False)
    assert view_needs(package, "3.10.3").factor == 1
    report = build_view(package, str(tmp_path / "view"), needs)
    assert report.conf_xml == str(tmp_path / "view" / "conf.xml")
    assert "<TileCols>256</TileCols>" in open(report.conf_xml, encoding="utf-8").read()
    view = read_tiles(str(tmp_path / "view"))
    assert set(view) == {TileKey(0, r, c) for r in (0, 1) for c in (0, 1)} | \
        {TileKey(1, r, c) for r in (2, 3) for c in (0, 1)}
    for key, data in view.items():
        colour, size, _ = colour_of(data)
        assert size == (256, 256)
        assert colour == COLOURS[(key.row % 2) * 2 + key.col % 2]


def test_png8_expanded_and_truncated_png_repaired(tmp_path):
    whole = quadrant_tile(256, palette=True)
    tiles = {TileKey(0, 0, 0): whole, TileKey(1, 0, 0): whole[4:], TileKey(1, 0, 1): b"junk"}
    # A cache folder: an export would repair and leave out these tiles itself.
    package = write_cache(str(tmp_path / "p8"), web_mercator(tile_format="PNG8", lod_count=3),
                          tiles)
    needs = view_needs(package, "3.6.2")
    assert (needs.factor, needs.expand_palette) == (1, True)
    report = build_view(package, str(tmp_path / "view"), needs)
    assert report.repaired == 1 and report.damaged == [(1, 0, 1)]
    assert report.damage_text() == "1 tiles do not decode and are left out: level 1 row 0 col 1"
    view = read_tiles(str(tmp_path / "view"))
    assert set(view) == {TileKey(0, 0, 0), TileKey(1, 0, 0)}
    for data in view.values():
        colour, _, mode = colour_of(data)
        assert mode == "RGBA" and colour == COLOURS[3]


def test_a_256_px_cache_folder_opens_as_it_is(tmp_path, repo_root):
    needs = view_needs(str(repo_root / "sample_data" / "esri-sample-cache-v2"), "3.6.2")
    assert needs.direct and needs.factor == 1


def test_repair_only_the_known_defect():
    png = quadrant_tile(256)
    assert repair(png) == (png, False)
    assert repair(png[4:]) == (png, True)
    assert repair(png[5:])[1] is False
    assert fix_tile(png[4:], 1, False).repaired


@pytest.mark.parametrize("fmt", ["JPEG", "PNG"])
def test_split_keeps_the_format(fmt):
    data = quadrant_tile(512, fmt=fmt)
    parts = fix_tile(data, 2, False).parts
    assert [(r, c) for r, c, _ in parts] == [(0, 0), (0, 1), (1, 0), (1, 1)]
    assert all(Image.open(io.BytesIO(part)).format == fmt for _, _, part in parts)


def test_packages_always_get_a_view_in_gdal_3_6(tmp_path):
    package = write_package(tmp_path / "a.tpkx", web_mercator(tile_format="PNG32", lod_count=2),
                            {TileKey(0, 0, 0): quadrant_tile(256)})
    needs = view_needs(package, "3.6.2")
    assert not needs.direct
    report = build_view(package, str(tmp_path / "v"), needs)
    # A Compact V2 folder (what GDAL 3.6 reads) holding the package's tile as it was.
    assert report.conf_xml == str(tmp_path / "v" / "conf.xml") and report.tiles == 1
    assert "esriMapCacheStorageModeCompactV2" in open(report.conf_xml, encoding="utf-8").read()
    assert read_tiles(str(tmp_path / "v")) == {TileKey(0, 0, 0): quadrant_tile(256)}

"""createmaptilepackage rendering QGIS layers: the world map QGIS ships, with its styles and labels.

Tile counts per level against one QGIS render of the whole level, the seams
(tiles side by side against one render, labels included), tile formats,
a UTM scheme taken from a cache's conf.xml, GDAL reading the output, and
qgis_process headless on a project (--PROJECT_PATH).
"""
import io
import os

import numpy as np
import pytest
from PIL import Image

from tile_package_tools.testkit.caches import read_tiles, write_cache
from tile_package_tools.testkit.fake_map import mosaic
from tile_package_tools.testkit.schemes import web_mercator
from tile_package_tools.testkit.tiles import marked_tile
from tile_package_tools.testkit import world_map
from tile_package_tools.tilecache import Extent, TileKey, open_cache

pytestmark = pytest.mark.skipif(not world_map.available(),
                                reason=f"{world_map.WORLD_MAP} is not installed")
HALF = 20037508.342787
#: A pixel differs when a channel differs by more than this (antialiasing noise).
CHANNEL_TOLERANCE = 32


def qgis_render(layers, extent, width, height, crs="EPSG:3857"):
    """QGIS's own render of ``extent`` (one map job), RGBA."""
    from qgis.core import QgsCoordinateReferenceSystem, QgsProcessingContext, QgsProject

    from tile_package_tools.processing_provider.rendering import QgisRenderer, map_settings
    context = QgsProcessingContext()
    context.setProject(QgsProject.instance())
    settings = map_settings(layers, QgsCoordinateReferenceSystem(crs), 96, True, (0, 0, 0, 0),
                            context)
    return QgisRenderer(settings, jobs=1, margin=0).render_many([(extent, width, height)])[0]


def render(run, layers, levels, out, **extra):
    """createmaptilepackage of ``layers`` at ``levels`` ("3" or "0-3") into ``out``."""
    low, _, high = str(levels).partition("-")
    return run("createmaptilepackage", {"in_map": layers, "min_level_of_detail": int(low),
                                        "level_of_detail": int(high or low),
                                        "output_file": str(out), **extra})


def differing(a, b):
    """Share of pixels that differ by more than CHANNEL_TOLERANCE in any channel."""
    return float((np.abs(a.astype(int) - b.astype(int)).max(axis=2) > CHANNEL_TOLERANCE).mean())


def whole_level(tiles, level):
    side = 2 ** level
    return mosaic(tiles.items(), level, (0, side - 1, 0, side - 1))


def test_tiles_per_level_are_those_holding_something(run, tmp_path, qgis_app):
    layers = world_map.world_layers(labels=False)
    out = tmp_path / "world.tpkx"
    result = render(run, layers, "0-3", out, format_type="PNG32")
    tiles = read_tiles(out)
    assert result["TILE_COUNT"] == len(tiles)
    for level in range(4):
        side = 2 ** level
        reference = qgis_render(layers, Extent(-HALF, -HALF, HALF, HALF), side * 256, side * 256)
        holding = {(row, col) for row in range(side) for col in range(side)
                   if reference[row * 256:(row + 1) * 256, col * 256:(col + 1) * 256, 3].any()}
        stored = {(key.row, key.col) for key in tiles if key.level == level}
        assert stored == holding, level
        assert differing(whole_level(tiles, level), reference) < 0.001, level


def test_seams_tiles_side_by_side_equal_one_render_labels_included(run, tmp_path, qgis_app):
    layers = world_map.world_layers(("countries",))
    out = tmp_path / "labels.tpkx"
    render(run, layers, "4", out, format_type="PNG32")
    # Level 4 is 16 x 16 tiles: 2 x 2 metatiles, so labels meet metatile edges.
    reference = qgis_render(layers, Extent(-HALF, -HALF, HALF, HALF), 4096, 4096)
    tiles = read_tiles(out)
    assert differing(whole_level(tiles, 4), reference) < 0.005


def label_mask(run, tmp_path, level):
    """Pixels of ``level`` where the countries' labels change the map (labels on vs off)."""
    levels = []
    for labels in (True, False):
        out = tmp_path / f"labels-{labels}.tpkx"
        render(run, world_map.world_layers(("countries",), labels=labels), level, out,
               format_type="PNG32")
        levels.append(whole_level(read_tiles(out), level))
    return np.abs(levels[0].astype(int) - levels[1].astype(int)).max(axis=2) > CHANNEL_TOLERANCE


def one_sided_rows(mask, x, band=3):
    """Rows where a label touches the line x from one side only: a label cut there."""
    left, right = mask[:, x - band:x].any(axis=1), mask[:, x:x + band].any(axis=1)
    return np.nonzero(left != right)[0]


def test_no_label_is_cut_at_a_metatile_edge_or_corner(run, tmp_path, qgis_app):
    # Level 4 is 2 x 2 metatiles of 2048 px meeting at one corner, where QGIS puts
    # "São Tomé and Príncipe" (and "France", "Jersey", "Luxembourg" on the edges).
    # Each metatile placed its labels on its own: a label crossing the edge was
    # drawn on one side and elsewhere or not at all on the other (32 and 75 rows
    # cut). A glyph ending right at the line may touch one side: a few rows.
    mask = label_mask(run, tmp_path, 4)
    assert mask[1800:2300, 1800:2300].any()  # labels near the corner
    for lines in (mask, mask.T):
        cut = one_sided_rows(lines, 2048)
        assert len(cut) <= 8, cut
        near_corner = cut[(cut > 2048 - 128) & (cut < 2048 + 128)]
        assert not len(near_corner), near_corner


@pytest.mark.parametrize("fmt, modes", [("PNG8", {"P"}), ("PNG24", {"RGB"}),
                                        ("PNG32", {"RGBA"}), ("JPEG", {"RGB"})])
def test_every_tile_format_decodes_as_claimed(run, tmp_path, qgis_app, fmt, modes):
    out = tmp_path / "f.tpkx"
    render(run, world_map.world_layers(labels=False), "2", out, format_type=fmt)
    images = [Image.open(io.BytesIO(data)) for data in read_tiles(out).values()]
    assert {image.mode for image in images} == modes
    assert {image.format for image in images} == {"JPEG" if fmt == "JPEG" else "PNG"}
    with open_cache(out) as reader:
        assert reader.scheme.tile_format == fmt


def test_mixed_is_jpeg_where_opaque_png_elsewhere(run, tmp_path, qgis_app):
    # Opaque or not is read from the same tiles rendered losslessly (PNG32): a
    # JPEG tile cannot show that it had transparent pixels.
    # Level 5 over central Africa and the Gulf of Guinea: tiles all land, and
    # coast tiles. The default style's fill is translucent, and antialiased
    # borders leave seams, so the countries are drawn opaque and aliased.
    (countries,) = world_map.world_layers(("countries",), labels=False)
    for symbol_layer in countries.renderer().symbol().symbolLayers():
        for get, put in (("color", "setColor"), ("strokeColor", "setStrokeColor")):
            colour = getattr(symbol_layer, get)()
            colour.setAlpha(255)
            getattr(symbol_layer, put)(colour)
    tiles = {}
    for fmt in ("MIXED", "PNG32"):
        render(run, [countries], "5", tmp_path / f"{fmt}.tpkx", antialiasing=False,
               extent="0,30,-10,10 [EPSG:4326]", format_type=fmt)
        tiles[fmt] = read_tiles(tmp_path / f"{fmt}.tpkx")
    assert set(tiles["MIXED"]) == set(tiles["PNG32"])
    kinds = {}
    for key, data in tiles["PNG32"].items():
        opaque = bool((np.asarray(Image.open(io.BytesIO(data)))[..., 3] == 255).all())
        mixed = Image.open(io.BytesIO(tiles["MIXED"][key]))
        kinds[key] = mixed.format
        assert mixed.format == ("JPEG" if opaque else "PNG"), key
    # Both kinds: inland tiles, and tiles with sea (transparent).
    assert set(kinds.values()) == {"JPEG", "PNG"}


def test_a_utm_scheme_from_a_conf_xml_lines_up_with_that_cache(run, tmp_path, qgis_app):
    utm = web_mercator(tile_format="PNG", lod_count=3, origin=(-5120900.0, 9998100.0),
                       wkid=32633, tile_size=512)
    utm = utm.with_changes(lods=tuple(lod._replace(resolution=lod.resolution * 4)
                                      for lod in utm.lods))
    cache = write_cache(str(tmp_path / "utm"), utm, {TileKey(1, 0, 0): marked_tile(1, 0, 0)})
    out = tmp_path / "rendered.tpkx"
    render(run, world_map.world_layers(("countries",), labels=False), "2", out,
           service_type="EXISTING", service_file=os.path.join(cache, "conf.xml"),
           extent="0,30,30,60 [EPSG:4326]")
    with open_cache(out) as reader:
        scheme = reader.scheme
    assert (scheme.origin_x, scheme.origin_y, scheme.tile_width) == (-5120900.0, 9998100.0, 512)
    assert scheme.lods == utm.lods[:3] and scheme.spatial_reference.epsg == 32633
    tiles = read_tiles(out)
    key = max(tiles, key=lambda k: len(tiles[k]))
    footprint = scheme.tile_footprint(key)
    pad = 128 * scheme.lod(2).resolution
    bigger = Extent(footprint.xmin - pad, footprint.ymin - pad, footprint.xmax + pad,
                    footprint.ymax + pad)
    reference = qgis_render(world_map.world_layers(("countries",), labels=False), bigger,
                            768, 768, "EPSG:32633")[128:640, 128:640]
    tile = np.asarray(Image.open(io.BytesIO(tiles[key])).convert("RGBA"))
    assert differing(tile, reference) < 0.001


def _gdal_agrees(dataset, tiles, scheme, system_gdal):
    """GDAL reads ``tiles`` of ``dataset`` as Pillow decodes them (finest level)."""
    from tile_package_tools.testkit.other_readers import decoded, gdal_read, pixel_difference
    finest = max(key.level for key in tiles)
    keys = sorted(key for key in tiles if key.level == finest)[:12]
    report, pixels = gdal_read(str(dataset), scheme, keys, system_gdal)
    assert report["driver"] == "ESRIC" and pixels, report
    for key, data in pixels.items():
        # GDAL reads only the part of a tile inside the package's full extent.
        expected = decoded(tiles[key], report["bands"], report["tiles"][key])
        largest, _mean, _share = pixel_difference(expected, data)
        assert largest <= 1, key


def test_rendered_tiles_in_a_cache_folder_open_in_qgis_gdal(run, tmp_path, qgis_app):
    # PNG32: GDAL before 3.8 shows PNG8 tiles as palette indices (gdal_limits.py).
    # QGIS's GDAL 3.6 reads cache folders: the package is exported to one.
    package, out = tmp_path / "gdal.tpkx", tmp_path / "gdal"
    render(run, world_map.world_layers(labels=False), "0-2", package, format_type="PNG32")
    run("exporttiles", {"INPUT": str(package), "OUTPUT": str(out)})
    with open_cache(out) as reader:
        scheme = reader.scheme
    _gdal_agrees(out / "conf.xml", read_tiles(out), scheme, system_gdal=True)


@pytest.mark.slow  # GDAL 3.10, another reader, in a child process
def test_tpkx_opens_through_gdal_3_10(run, tmp_path, qgis_app):
    out = tmp_path / "world.tpkx"
    render(run, world_map.world_layers(labels=False), "0-3", out)
    with open_cache(out) as reader:
        scheme = reader.scheme
    _gdal_agrees(out, read_tiles(out), scheme, system_gdal=False)


def test_rendered_tiles_merge_into_an_existing_cache(run, tmp_path, qgis_app):
    scheme = web_mercator(tile_format="PNG", lod_count=4)
    kept = {TileKey(3, 0, 0): marked_tile(3, 0, 0), TileKey(3, 2, 4): marked_tile(3, 2, 4)}
    cache = write_cache(str(tmp_path / "cache"), scheme, kept)
    result = render(run, world_map.world_layers(labels=False), "3", cache,
                    extent="0,30,30,60 [EPSG:4326]")
    tiles = read_tiles(cache)
    assert tiles[TileKey(3, 0, 0)] == kept[TileKey(3, 0, 0)]
    assert tiles[TileKey(3, 2, 4)] != kept[TileKey(3, 2, 4)]  # Europe, rendered over it
    assert result["TILE_COUNT"] == len(tiles) - 1


@pytest.mark.slow  # a world-map render through qgis_process
def test_qgis_process_renders_a_project_headless(qgis_process, tmp_path, qgis_app):
    project = world_map.write_project(tmp_path / "world.qgz")
    out = tmp_path / "world.tpkx"
    # The command of the help's example: only the levels and the output are given.
    done = qgis_process("run", "tilepackage:createmaptilepackage", f"--PROJECT_PATH={project}",
                        "--", "level_of_detail=2", "title=World", f"output_file={out}")
    assert done.returncode == 0, done.stderr[-2000:]
    with open_cache(out) as reader:
        assert reader.levels() == [0, 1, 2]
        assert reader.item_info.title == "World"
    assert not os.path.exists(str(out) + ".render-journal")

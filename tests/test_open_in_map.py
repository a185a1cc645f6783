"""Caches and packages opened in the map through the plugin's GUI classes (drop handler,
Browser items, menu, Processing outputs, GDAL layers taken over): each a ``tilepackage``
layer reading its file in place, rendered and compared with the tiles."""
import os
import pytest

from tile_package_tools.testkit.caches import write_package, write_raw_package
from tile_package_tools.testkit.schemes import web_mercator
from tile_package_tools.testkit.tiles import QUADRANT_COLOURS as COLOURS, quadrant_tile
from tile_package_tools.tilecache.model import TileKey

HALF_WORLD = 20037508.342789244


@pytest.fixture
def project(qgis_app):
    from qgis.core import QgsProject
    from tile_package_tools.qgis_support.maplayer.registration import register_provider
    register_provider()
    yield QgsProject.instance()
    QgsProject.instance().removeAllMapLayers()


def render(layer, size=256):
    """The whole world of ``layer`` rendered into a size x size image."""
    from qgis.core import QgsMapRendererSequentialJob, QgsMapSettings, QgsRectangle
    from qgis.PyQt.QtCore import QSize
    settings = QgsMapSettings()
    settings.setLayers([layer])
    settings.setDestinationCrs(layer.crs())
    settings.setOutputSize(QSize(size, size))
    settings.setExtent(QgsRectangle(-HALF_WORLD, -HALF_WORLD, HALF_WORLD, HALF_WORLD))
    job = QgsMapRendererSequentialJob(settings)
    job.start()
    job.waitForFinished()
    return job.renderedImage()


def pixel(image, x, y):
    colour = image.pixelColor(x, y)
    return colour.red(), colour.green(), colour.blue()


def assert_close(actual, expected):
    assert all(abs(a - e) <= 6 for a, e in zip(actual, expected)), (actual, expected)


def quarters(image, size=256):
    step = size // 4
    return [pixel(image, x * step, y * step) for x, y in [(1, 1), (3, 1), (1, 3), (3, 3)]]


def assert_quadrants(image, size=256, colours=COLOURS):
    for actual, expected in zip(quarters(image, size), colours):
        assert_close(actual, expected)


def only_layer(project):
    layers = list(project.mapLayers().values())
    assert len(layers) == 1 and layers[0].isValid(), layers
    return layers[0]


@pytest.mark.parametrize("tile_size, palette, name", [
    (512, False, "big.tpkx"), (256, True, "png8.tpk"), (256, False, "plain.tpkx")])
def test_dropped_package_shows_its_tiles_read_in_place(project, tmp_path, tile_size, palette,
                                                       name):
    from tile_package_tools.plugin.drop_handler import PackageDropHandler
    from tile_package_tools.testkit.trees import tree_digest
    # first=1 for 512 px: level 0's one tile covers the world, as a 256 px one does.
    scheme = web_mercator(tile_format="PNG8" if palette else "PNG32", lod_count=3,
                          tile_size=tile_size, first=1 if tile_size == 512 else 0)
    package = write_package(tmp_path / name, scheme,
                            {TileKey(0, 0, 0): quadrant_tile(tile_size, palette=palette)})
    before = tree_digest(tmp_path)
    handler = PackageDropHandler()
    assert not handler.handleFileDrop(str(tmp_path / "other.tif"))
    assert handler.handleFileDrop(package)
    layer = only_layer(project)
    assert (layer.providerType(), layer.source(), layer.name()) == \
        ("tilepackage", package, os.path.splitext(name)[0])
    # Rendered at level 0's resolution (one tile over the world): its quarters
    # are the four colours.
    assert_quadrants(render(layer, tile_size), tile_size)
    assert tree_digest(tmp_path) == before  # nothing written beside the package


def test_damaged_tiles_leave_the_coarser_level_showing(project, tmp_path):
    from tile_package_tools.qgis_support.maplayer.layers import open_in_map
    good = quadrant_tile(256)
    # Written byte for byte: an export would repair and drop them on the way.
    package = write_raw_package(tmp_path / "d.tpkx",
                                web_mercator(tile_format="PNG32", lod_count=2),
                                {TileKey(0, 0, 0): good[4:], TileKey(1, 0, 0): b"not a png"})
    layer = open_in_map(package)
    # At level 1 (512 px over the world) the damaged top-left tile is replaced by
    # level 0's repaired one, upsampled: still the top-left colour.
    image = render(layer, 512)
    assert_close(pixel(image, 64, 64), COLOURS[0])
    assert_close(pixel(image, 3 * 128, 128), COLOURS[1])
    # The layer's Information tab names both.
    html = layer.dataProvider().htmlMetadata()
    assert "Tiles repaired so far (PNG signature)</td><td>1: level 0 row 0 col 0" in html
    assert "Tiles that do not decode (coarser tiles shown)</td><td>1: level 1 row 0 col 0" \
        in html


def test_a_cache_folder_and_its_conf_xml_open_by_the_same_route(project, repo_root):
    from tile_package_tools.qgis_support.maplayer.layers import open_in_map
    from qgis.core import QgsRasterLayer
    folder = str(repo_root / "sample_data" / "esri-sample-cache-v2")
    by_folder = open_in_map(folder)
    by_conf = open_in_map(os.path.join(folder, "conf.xml"))
    assert by_folder.name() == by_conf.name() == "esri-sample-cache-v2"
    assert by_folder.providerType() == by_conf.providerType() == "tilepackage"
    # What GDAL (safe on this 256 px JPEG cache) shows, the layer shows.
    gdal_layer = QgsRasterLayer(os.path.join(folder, "conf.xml"), "gdal", "gdal")
    ours, theirs = render(by_folder), render(gdal_layer)
    differing = sum(1 for x in range(0, 256, 8) for y in range(0, 256, 8)
                    if max(abs(a - b) for a, b in zip(pixel(ours, x, y), pixel(theirs, x, y))) > 40)
    assert differing < 0.05 * 32 * 32


def test_browser_lists_caches_and_packages_by_file_name(project, tmp_path):
    from tile_package_tools.plugin.browser_items import PackageItemProvider
    from tile_package_tools.testkit.caches import write_cache
    scheme = web_mercator(tile_format="PNG32", lod_count=3)
    tiles = {TileKey(0, 0, 0): quadrant_tile(256)}
    package = write_package(tmp_path / "b.tpkx", scheme, tiles)
    cache = write_cache(str(tmp_path / "cache"), scheme, tiles)
    provider = PackageItemProvider()
    assert provider.createDataItem(str(tmp_path / "x.tif"), None) is None
    assert provider.createDataItem(str(tmp_path), None) is None  # not a cache folder
    for path, name in [(package, "b"), (cache, "cache"), (cache + "/conf.xml", "cache")]:
        item = provider.createDataItem(path, None)
        assert (item.name(), item.providerKey(), item.uri()) == (name, "tilepackage",
                                                                  os.path.abspath(path))
        uri = item.mimeUris()[0]
        assert (uri.layerType, uri.providerKey) == ("raster", "tilepackage")


def test_a_rewritten_package_shows_its_new_tiles_in_the_same_layer(project, tmp_path):
    import io
    import time
    from PIL import Image
    from tile_package_tools.qgis_support.maplayer.layers import open_in_map
    scheme = web_mercator(tile_format="PNG32", lod_count=2)
    package = write_package(tmp_path / "a.tpkx", scheme, {TileKey(0, 0, 0): quadrant_tile()})
    layer = open_in_map(package)
    assert_quadrants(render(layer))
    buffer = io.BytesIO()
    Image.open(io.BytesIO(quadrant_tile())).rotate(180).save(buffer, "PNG")
    os.remove(package)
    write_package(package, scheme, {TileKey(0, 0, 0): buffer.getvalue()})
    os.utime(package, (time.time() + 5, time.time() + 5))
    # Other bytes, other time: the next draw reads the new package.
    assert_quadrants(render(layer), colours=COLOURS[::-1])
    assert list(project.mapLayers().values()) == [layer]


def test_browser_item_added_as_qgis_adds_it_draws_the_tiles(project, tmp_path):
    from qgis.core import QgsRasterLayer
    from tile_package_tools.plugin.browser_items import PackageItemProvider
    package = write_package(tmp_path / "b.tpkx", web_mercator(tile_format="PNG32", lod_count=2),
                            {TileKey(0, 0, 0): quadrant_tile(256)})
    uri = PackageItemProvider().createDataItem(package, None).mimeUris()[0]
    # What QGIS does with a dropped or double-clicked layer item.
    layer = QgsRasterLayer(uri.uri, uri.name, uri.providerKey)
    assert layer.isValid() and layer.name() == "b"
    assert_quadrants(render(layer))


def test_gdal_layer_of_a_palette_cache_is_taken_over_before_drawing(project, tmp_path):
    # GDAL 3.6 shows PNG8 tiles as palette indices; the layer switched to the
    # plugin's provider shows their colours. (512 px caches kill QGIS as the GDAL
    # layer is made: the desktop test checks the guard that prevents it.)
    from qgis.core import QgsRasterLayer
    from tile_package_tools.qgis_support.maplayer.layers import take_over
    from tile_package_tools.testkit.caches import write_cache
    folder = write_cache(str(tmp_path / "p8"), web_mercator(tile_format="PNG8", lod_count=2),
                         {TileKey(0, 0, 0): quadrant_tile(palette=True)})
    layer = QgsRasterLayer(folder + "/conf.xml", "p8", "gdal")
    assert take_over(layer)
    assert (layer.providerType(), layer.isValid()) == ("tilepackage", True)
    assert layer.renderer().type() == "singlebandcolordata"
    assert_quadrants(render(layer))
    assert not take_over(QgsRasterLayer(folder + "/conf.xml", "again", "tilepackage"))


def test_metadata_and_information_of_a_package(project, tmp_path):
    from tile_package_tools.qgis_support.maplayer.layers import open_in_map
    from tile_package_tools.testkit.samples import SAMPLE_USA
    layer = open_in_map(str(SAMPLE_USA))
    assert layer.name() == "Usa"
    assert layer.metadata().title() == "Usa"  # iteminfo.json's title
    html = layer.dataProvider().htmlMetadata()
    for words in ("Levels", "Tile count", "Tiling scheme", "Tile format", "Storage format",
                  "WKID 102100"):
        assert words in html, html


class MessageBar:
    """Stands in for iface.messageBar(): records what was pushed."""

    def __init__(self):
        self.messages = []

    def pushMessage(self, title, text, level=0, duration=0):  # noqa: N802 - QGIS API name
        self.messages.append(text)


def test_a_file_that_is_no_cache_says_so_in_one_line(project, tmp_path):
    from tile_package_tools.qgis_support.maplayer.layers import open_in_map
    bad = tmp_path / "bad.tpkx"
    bad.write_bytes(b"not a zip")
    bar = MessageBar()
    assert open_in_map(str(bad), bar) is None
    (message,) = bar.messages
    assert "bad.tpkx" in message and "\n" not in message and "Traceback" not in message
    assert not project.mapLayers()


def run_and_load(name, parameters):
    """``processing.run`` with the project in its context, then what the toolbox does
    with the results (processing.gui.Postprocessing.handleAlgorithmResults)."""
    from qgis.core import (QgsApplication, QgsProcessingContext, QgsProcessingFeedback,
                           QgsProject)
    from processing.gui.Postprocessing import handleAlgorithmResults
    import processing
    context = QgsProcessingContext()
    context.setProject(QgsProject.instance())
    feedback = QgsProcessingFeedback()
    before = set(QgsProject.instance().mapLayers())
    results = processing.run(f"tilepackage:{name}", parameters, context=context,
                             feedback=feedback)
    assert set(QgsProject.instance().mapLayers()) == before  # a script run adds nothing
    algorithm = QgsApplication.processingRegistry().algorithmById(f"tilepackage:{name}")
    assert handleAlgorithmResults(algorithm, context, feedback, False, results)
    return results


@pytest.mark.parametrize("extension", ["tpkx", "tpk", ""])
def test_toolbox_export_is_opened_in_the_map_in_place(tilepackage_provider, project, tmp_path,
                                                      extension):
    from qgis.core import QgsRasterLayer
    from tile_package_tools.testkit.samples import SAMPLE_V2
    output = str(tmp_path / (f"exported.{extension}" if extension else "exported"))
    storage = "esriMapCacheStorageModeCompact" if extension == "tpk" else \
        "esriMapCacheStorageModeCompactV2"
    run_and_load("exporttiles", {"INPUT": str(SAMPLE_V2), "levels": "0-2",
                                 "tilePackage": bool(extension),
                                 "storageFormatType": storage, "OUTPUT": output})
    layer = only_layer(project)
    assert (layer.providerType(), layer.source()) == ("tilepackage", output)
    # The package shows what the cache it came from shows.
    original = QgsRasterLayer(str(SAMPLE_V2), "original", "tilepackage")
    assert render(layer).convertToFormat(4) == render(original).convertToFormat(4)


def test_import_refreshes_open_layers_of_the_cache(tilepackage_provider, project, tmp_path):
    from tile_package_tools.qgis_support.maplayer.layers import open_in_map
    from tile_package_tools.testkit.caches import write_cache
    from tile_package_tools.testkit.tiles import solid_tile
    scheme = web_mercator(tile_format="PNG8", lod_count=2)
    cache = write_cache(str(tmp_path / "cache"), scheme,
                        {TileKey(0, 0, 0): solid_tile((0, 0, 0))})
    layer = open_in_map(cache)
    assert_close(pixel(render(layer), 64, 64), (0, 0, 0))
    package = write_package(tmp_path / "new.tpk", scheme,
                            {TileKey(0, 0, 0): quadrant_tile(palette=True)})
    run_and_load("importtiles", {"INPUT": cache, "sourceItemId": package})
    # The open layer shows the imported tiles, without being re-added.
    assert list(project.mapLayers().values()) == [layer]
    assert_quadrants(render(layer))


def test_plugin_adds_its_map_entries_and_removes_them(qgis_iface, project, monkeypatch):
    from qgis.core import QgsApplication
    from qgis.PyQt.QtWidgets import QMenu
    from tile_package_tools.plugin.map_menu import MapIntegration
    menu = QMenu()
    handlers = []
    stubs = {"addLayerMenu": lambda: menu, "registerCustomDropHandler": handlers.append,
             "unregisterCustomDropHandler": handlers.remove}
    for name, stub in stubs.items():
        monkeypatch.setattr(qgis_iface, name, stub, raising=False)
    from osgeo import gdal
    registry = QgsApplication.dataItemProviderRegistry()
    integration = MapIntegration(qgis_iface)
    try:
        # GDAL 3.6's Esri cache driver is off while the plugin is loaded, back after.
        assert (gdal.GetDriverByName("ESRIC") is None) is integration.skipped_gdal_driver
        assert [action.text() for action in menu.actions()] == ["Add Tile Package Layer…"]
        assert len(handlers) == 1 and handlers[0].customUriProviderKey() == "tile_package_tools"
        assert registry.provider("tile_package_tools") is not None
    finally:
        integration.unload()
    assert not menu.actions() and not handlers
    assert registry.provider("tile_package_tools") is None
    # Unloaded, the plugin gives QGIS's GDAL its Esri cache driver back.
    assert "ESRIC" not in QgsApplication.skippedGdalDrivers()

"""Packages opened in the map through the plugin's GUI classes: drop handler,
Browser items, the view task; the layer rendered and compared with the tiles."""
import os
import time

import pytest

from tile_package_tools.testkit.caches import write_package, write_raw_package
from tile_package_tools.testkit.schemes import web_mercator
from tile_package_tools.testkit.tiles import QUADRANT_COLOURS as COLOURS, quadrant_tile
from tile_package_tools.tilecache.model import TileKey

HALF_WORLD = 20037508.342789244


@pytest.fixture
def views(tmp_path, monkeypatch, qgis_app):
    """Views go under tmp_path, never into a QGIS profile."""
    from tile_package_tools.qgis_support import package_views
    monkeypatch.setattr(package_views, "views_root", lambda: str(tmp_path / "views"))
    from qgis.core import QgsProject
    yield tmp_path / "views"
    QgsProject.instance().removeAllMapLayers()


def wait_for(task, seconds=60):
    from qgis.core import QgsTask
    from qgis.PyQt.QtCore import QCoreApplication
    deadline = time.monotonic() + seconds
    while task.status() not in (QgsTask.Complete, QgsTask.Terminated):
        assert time.monotonic() < deadline, "the view task did not finish"
        QCoreApplication.processEvents()
        time.sleep(0.01)
    for _ in range(20):  # let finished() run on the main thread
        QCoreApplication.processEvents()
    return task


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


@pytest.mark.parametrize("tile_size, palette, name", [
    (512, False, "big.tpkx"), (256, True, "png8.tpk"), (256, False, "plain.tpkx")])
def test_dropped_package_shows_its_tiles(views, tmp_path, tile_size, palette, name):
    from tile_package_tools.plugin.drop_handler import PackageDropHandler
    from tile_package_tools.qgis_support.map_opener import _RUNNING
    from qgis.core import QgsProject
    # first=1 for 512 px: level 0's one tile covers the world, as a 256 px one does.
    scheme = web_mercator(tile_format="PNG8" if palette else "PNG32", lod_count=3,
                          tile_size=tile_size, first=1 if tile_size == 512 else 0)
    package = write_package(tmp_path / name, scheme,
                            {TileKey(0, 0, 0): quadrant_tile(tile_size, palette=palette)})
    handler = PackageDropHandler()
    assert not handler.handleFileDrop(str(tmp_path / "other.tif"))
    assert handler.handleFileDrop(package)
    for task in list(_RUNNING):
        wait_for(task)
    layers = list(QgsProject.instance().mapLayers().values())
    assert len(layers) == 1 and layers[0].isValid()
    assert layers[0].source().startswith(str(views))
    # Rendered at level 0's resolution (one tile over the world): its quarters
    # are the four colours.
    size = tile_size
    image = render(layers[0], size)
    quarter = size // 4
    for index, (x, y) in enumerate([(1, 1), (3, 1), (1, 3), (3, 3)]):
        assert_close(pixel(image, x * quarter, y * quarter), COLOURS[index])


def test_view_reused_while_package_unchanged(views, tmp_path):
    from qgis.core import QgsProject
    from tile_package_tools.qgis_support.map_opener import open_in_map
    from tile_package_tools.qgis_support.package_views import remove_views
    package = write_package(tmp_path / "a.tpkx", web_mercator(tile_format="PNG32", lod_count=2),
                            {TileKey(0, 0, 0): quadrant_tile(256)})
    task = open_in_map(package)
    assert task is not None
    wait_for(task)
    assert task.layer is not None and task.layer.isValid()
    assert open_in_map(package) is None  # the built view is reused at once
    layers = QgsProject.instance().mapLayers().values()
    assert {layer.source() for layer in layers} == {task.layer.source()} and len(layers) == 2
    # A changed package (other bytes, other time) gets a view of its new tiles.
    os.remove(package)
    write_package(package, web_mercator(tile_format="PNG32", lod_count=2),
                  {TileKey(0, 0, 0): _rotated_quadrants(palette=False)})
    os.utime(package, (time.time() + 5, time.time() + 5))
    rebuilt = wait_for(open_in_map(package))
    assert rebuilt.layer.source() != task.layer.source()
    assert_close(pixel(render(rebuilt.layer), 64, 64), COLOURS[3])
    assert remove_views() == 2 and not views.exists()


def test_damaged_and_repaired_tiles_are_reported(views, tmp_path):
    from tile_package_tools.qgis_support.map_opener import open_in_map
    good = quadrant_tile(256)
    package = write_raw_package(tmp_path / "d.tpkx",
                                web_mercator(tile_format="PNG32", lod_count=2),
                                {TileKey(0, 0, 0): good[4:], TileKey(1, 0, 0): b"not a png"})
    bar = MessageBar()
    task = wait_for(open_in_map(package, bar))
    assert task.report.repaired == 1
    texts = " | ".join(bar.messages)
    assert "1 tiles lacked the first 4 bytes of the PNG signature" in texts
    assert "level 1 row 0 col 0" in texts
    assert_close(pixel(render(task.layer), 64, 64), COLOURS[0])


def test_a_cache_folder_opens_directly(views, repo_root):
    from tile_package_tools.qgis_support.map_opener import open_in_map
    from qgis.core import QgsProject
    assert open_in_map(str(repo_root / "sample_data" / "esri-sample-cache-v2")) is None
    (layer,) = QgsProject.instance().mapLayers().values()
    assert layer.isValid() and not views.exists()


def test_browser_lists_packages_with_title_and_levels(views, tmp_path):
    from tile_package_tools.plugin.browser_items import PackageItemProvider
    from qgis.core import QgsProject
    package = write_package(tmp_path / "b.tpkx", web_mercator(tile_format="PNG32", lod_count=3),
                            {TileKey(0, 0, 0): quadrant_tile(256),
                             TileKey(2, 1, 1): quadrant_tile(256)})
    provider = PackageItemProvider()
    assert provider.createDataItem(str(tmp_path / "x.tif"), None) is None
    item = provider.createDataItem(package, None)
    assert item.name().endswith("(levels 0-2)")
    assert item.handleDoubleClick()
    from tile_package_tools.qgis_support.map_opener import _RUNNING
    for task in list(_RUNNING):
        wait_for(task)
    (layer,) = QgsProject.instance().mapLayers().values()
    # The package's level-0 tile on the map: its four coloured quarters.
    image = render(layer)
    for index, (x, y) in enumerate([(64, 64), (192, 64), (64, 192), (192, 192)]):
        assert_close(pixel(image, x, y), COLOURS[index])


class MessageBar:
    """Stands in for iface.messageBar(): records what was pushed."""

    def __init__(self):
        self.messages = []

    def pushMessage(self, title, text, level=0, duration=0):  # noqa: N802 - QGIS API name
        self.messages.append(text)


def test_toolbox_export_of_a_cache_folder_is_loaded_on_completion(tilepackage_provider, views,
                                                                   tmp_path, repo_root):
    from qgis.core import QgsProject
    output = str(tmp_path / "exported")
    results = run_and_load("exporttiles", {
        "INPUT": str(repo_root / "sample_data" / "esri-sample-cache-v2"), "OUTPUT": output})
    assert results["OUTPUT"] == output
    (layer,) = QgsProject.instance().mapLayers().values()
    assert layer.isValid() and layer.source() == output + "/conf.xml"


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


def settled_layers():
    """The project's layers once the view tasks ended and deferred calls ran."""
    from qgis.core import QgsProject
    from qgis.PyQt.QtCore import QCoreApplication
    from tile_package_tools.qgis_support.map_opener import _RUNNING
    QCoreApplication.processEvents()
    for task in list(_RUNNING):
        wait_for(task)
    QCoreApplication.processEvents()
    return list(QgsProject.instance().mapLayers().values())


@pytest.mark.parametrize("extension", ["tpkx", "tpk"])
def test_toolbox_export_of_a_package_is_opened_in_the_map(tilepackage_provider, views, tmp_path,
                                                         extension):
    from qgis.core import QgsRasterLayer
    from tile_package_tools.testkit.samples import SAMPLE_V2
    output = str(tmp_path / f"exported.{extension}")
    storage = "esriMapCacheStorageModeCompactV2" if extension == "tpkx" else \
        "esriMapCacheStorageModeCompact"
    run_and_load("exporttiles", {"INPUT": str(SAMPLE_V2), "levels": "0-2", "tilePackage": True,
                                 "storageFormatType": storage, "OUTPUT": output})
    (layer,) = settled_layers()  # the stand-in QGIS loaded is gone
    assert isinstance(layer, QgsRasterLayer) and layer.isValid()
    assert layer.source().startswith(str(views))  # the view the drop handler also uses
    # The package shows what the cache it came from shows.
    original = QgsRasterLayer(str(SAMPLE_V2 / "conf.xml"), "original", "gdal")
    assert render(layer).convertToFormat(4) == render(original).convertToFormat(4)


def test_a_script_run_leaves_no_stand_in_behind(tilepackage_provider, views, tmp_path):
    import gc
    from tile_package_tools.processing_provider.map_outputs import OutputOpener
    from tile_package_tools.testkit.samples import SAMPLE_V2
    import processing
    processing.run("tilepackage:exporttiles", {"INPUT": str(SAMPLE_V2), "levels": "0",
                                               "tilePackage": True,
                                               "OUTPUT": str(tmp_path / "s.tpkx")})
    gc.collect()
    assert not OutputOpener.LIVE and not settled_layers()


def test_import_refreshes_open_layers_of_the_cache(tilepackage_provider, views, tmp_path):
    from qgis.core import QgsProject, QgsRasterLayer
    from tile_package_tools.testkit.caches import write_cache
    from tile_package_tools.testkit.tiles import solid_tile
    scheme = web_mercator(tile_format="PNG32", lod_count=2)
    cache = write_cache(str(tmp_path / "cache"), scheme,
                        {TileKey(0, 0, 0): solid_tile((0, 0, 0))})
    layer = QgsRasterLayer(cache + "/conf.xml", "cache", "gdal")
    QgsProject.instance().addMapLayer(layer)
    assert_close(pixel(render(layer), 64, 64), (0, 0, 0))
    package = write_package(tmp_path / "new.tpkx", scheme, {TileKey(0, 0, 0): quadrant_tile()})
    run_and_load("importtiles", {"INPUT": cache, "sourceItemId": package})
    # The open layer shows the imported tiles, without being re-added.
    assert settled_layers() == [layer]
    image = render(layer)
    for index, (x, y) in enumerate([(64, 64), (192, 64), (64, 192), (192, 192)]):
        assert_close(pixel(image, x, y), COLOURS[index])


def test_import_gives_a_layer_showing_a_view_of_the_cache_a_new_view(tilepackage_provider,
                                                                     views, tmp_path):
    # PNG8 tiles: QGIS's GDAL shows their palette indices, so the layer shows a view.
    from tile_package_tools.qgis_support.map_opener import open_in_map
    from tile_package_tools.testkit.caches import write_cache
    scheme = web_mercator(tile_format="PNG8", lod_count=2)
    cache = write_cache(str(tmp_path / "cache"), scheme,
                        {TileKey(0, 0, 0): quadrant_tile(palette=True)})
    layer = wait_for(open_in_map(cache)).layer
    old_view = layer.source()
    assert old_view.startswith(str(views))
    assert_close(pixel(render(layer), 64, 64), COLOURS[0])
    package = write_package(tmp_path / "new.tpk", scheme, {TileKey(0, 0, 0): _rotated_quadrants()})
    run_and_load("importtiles", {"INPUT": cache, "sourceItemId": package})
    assert settled_layers() == [layer]
    assert layer.isValid() and layer.source().startswith(str(views))
    assert layer.source() != old_view
    assert not os.path.exists(old_view)  # the stale view is gone
    image = render(layer)
    for index, (x, y) in enumerate([(64, 64), (192, 64), (64, 192), (192, 192)]):
        assert_close(pixel(image, x, y), COLOURS[3 - index])


def _rotated_quadrants(palette=True):
    """A PNG8 (else PNG32) tile whose quarters have COLOURS in reverse order."""
    import io
    from PIL import Image
    image = Image.open(io.BytesIO(quadrant_tile())).convert("RGBA").rotate(180)
    buffer = io.BytesIO()
    (image.convert("RGB").quantize(4) if palette else image).save(buffer, "PNG")
    return buffer.getvalue()


def test_plugin_adds_its_map_entries_and_removes_them(qgis_iface, views, monkeypatch):
    from qgis.core import QgsApplication
    from qgis.PyQt.QtWidgets import QMenu
    from tile_package_tools.plugin.map_menu import MapIntegration
    menu = QMenu()
    handlers = []
    stubs = {"addLayerMenu": lambda: menu, "registerCustomDropHandler": handlers.append,
             "unregisterCustomDropHandler": handlers.remove,
             "addPluginToMenu": lambda name, action: None,
             "removePluginMenu": lambda name, action: None}
    for name, stub in stubs.items():
        monkeypatch.setattr(qgis_iface, name, stub, raising=False)
    registry = QgsApplication.dataItemProviderRegistry()
    integration = MapIntegration(qgis_iface)
    try:
        assert [action.text() for action in menu.actions()] == ["Add Tile Package Layer…"]
        assert len(handlers) == 1 and handlers[0].customUriProviderKey() == "tile_package_tools"
        assert registry.provider("tile_package_tools") is not None
    finally:
        integration.unload()
    assert not menu.actions() and not handlers
    assert registry.provider("tile_package_tools") is None


def test_a_512_px_cache_folder_is_never_handed_to_gdal_3_6(tilepackage_provider, views, tmp_path):
    from osgeo import gdal
    from qgis.core import QgsProcessingContext, QgsProject
    from tile_package_tools.processing_provider.map_outputs import load_output_on_completion
    from tile_package_tools.testkit.caches import write_cache
    from tile_package_tools.tilecache.scheme.gdal_limits import TILE_SIZE_FIX, gdal_version_tuple
    folder = write_cache(str(tmp_path / "big"), web_mercator(tile_format="PNG32", lod_count=2,
                                                             tile_size=512, first=1),
                         {TileKey(0, 0, 0): quadrant_tile(512)})
    context = QgsProcessingContext()
    context.setProject(QgsProject.instance())
    old_gdal = gdal_version_tuple(gdal.VersionInfo()) < TILE_SIZE_FIX
    assert load_output_on_completion(context, folder)
    assert context.willLoadLayerOnCompletion(folder + "/conf.xml") is not old_gdal
    # On that GDAL, the folder is opened through a view instead.
    from qgis.core import QgsApplication
    from processing.gui.Postprocessing import handleAlgorithmResults
    algorithm = QgsApplication.processingRegistry().algorithmById("tilepackage:exporttiles")
    assert handleAlgorithmResults(algorithm, context, None, False, {})
    (layer,) = settled_layers()
    assert layer.isValid() and layer.source().startswith(str(views)) is old_gdal

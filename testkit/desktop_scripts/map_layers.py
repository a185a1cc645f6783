"""Run inside the QGIS desktop (qgis --code, after PLAN = path of a JSON plan):
caches and packages opened by every route a user has, drawn, zoomed to, saved and
reloaded; what happened is written to the plan's "out" JSON file.

Routes: a file drop on the main window (QgisApp's own drop handling), a Browser
item dragged onto the map (its mime URIs dropped), the plugin's menu entry (the
file dialog answered), the plugin's page of the Data Source Manager (its Add
button), and QGIS's "Add Raster Layer" (iface.addRasterLayer, GDAL).
"""
import json
import os
import time
import traceback

from qgis.core import (QgsApplication, QgsMapRendererSequentialJob, QgsMimeDataUtils,
                       QgsProject, QgsRectangle)
from qgis.PyQt.QtCore import QMimeData, QPoint, QSize, Qt, QTimer, QUrl
from qgis.PyQt.QtGui import QDragEnterEvent, QDropEvent
from qgis.PyQt.QtWidgets import QAction, QApplication
from qgis.utils import iface, plugins

PLAN_DATA = json.load(open(PLAN))  # noqa: F821 - PLAN is set by the test before this text


def trace(text):
    """A line in work/trace.txt: what the run was doing if QGIS dies."""
    with open(os.path.join(PLAN_DATA["work"], "trace.txt"), "a") as out:
        out.write(text + "\n")


def settle(seconds=0.5):
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        QApplication.processEvents()
        time.sleep(0.01)


def drop_mime(mime):
    """What a drag and drop onto the main window delivers (QGIS handles drops 50 ms later)."""
    window = iface.mainWindow()
    where, action = QPoint(200, 200), Qt.CopyAction
    QApplication.sendEvent(window, QDragEnterEvent(where, action, mime, Qt.LeftButton,
                                                   Qt.NoModifier))
    QApplication.sendEvent(window, QDropEvent(where, action, mime, Qt.LeftButton, Qt.NoModifier))
    first_layer(5)


def by_drop(path):
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(path)])
    drop_mime(mime)


def by_browser(path):
    provider = QgsApplication.dataItemProviderRegistry().provider("tile_package_tools")
    item = provider.createDataItem(path, None)
    drop_mime(QgsMimeDataUtils.encodeUriList(item.mimeUris()))


def by_menu(path):
    from tile_package_tools.plugin import map_menu
    original = map_menu.QFileDialog.getOpenFileName
    map_menu.QFileDialog.getOpenFileName = staticmethod(lambda *args, **kw: (path, ""))
    try:
        plugins["tile_package_tools"].map_integration.add_action.trigger()
    finally:
        map_menu.QFileDialog.getOpenFileName = original
    settle(0.3)


def by_add_raster_layer(path):
    if os.path.isdir(path):
        path = os.path.join(path, "conf.xml")
    iface.addRasterLayer(path, "added")
    settle(0.3)


def by_data_source_manager(path):
    """Layer > Data Source Manager (a modal dialog: the page is filled from a timer
    inside its event loop, then the dialog is closed)."""
    from tile_package_tools.plugin.source_select import PackageSourceSelect
    if os.path.isdir(path):
        path = os.path.join(path, "conf.xml")

    def fill_and_add():
        page = next(widget for widget in QApplication.allWidgets()
                    if isinstance(widget, PackageSourceSelect))
        page.files.setFilePath(path)
        page.addButtonClicked()
        first_layer(5)
        page.window().close()

    QTimer.singleShot(500, fill_and_add)
    iface.mainWindow().findChild(QAction, "mActionDataSourceManager").trigger()
    settle(0.3)


ROUTES = {"drop": by_drop, "browser": by_browser, "menu": by_menu,
          "data_source_manager": by_data_source_manager, "add_raster_layer": by_add_raster_layer}


def quiet(seconds=30):
    """Wait until the canvas has finished drawing, so a project change never waits on a
    draw that waits on this thread."""
    canvas = iface.mapCanvas()
    end = time.monotonic() + seconds
    while canvas.isDrawing() and time.monotonic() < end:
        settle(0.05)


def first_layer(seconds=20):
    """The project's first layer, waited for."""
    end = time.monotonic() + seconds
    while not QgsProject.instance().mapLayers() and time.monotonic() < end:
        settle(0.05)
    return next(iter(QgsProject.instance().mapLayers().values()), None)


def layers_facts():
    return [{"provider": layer.providerType(), "name": layer.name(), "valid": layer.isValid(),
             "source": layer.source()} for layer in QgsProject.instance().mapLayers().values()]


def open_every_way(out):
    out["routes"] = []
    for kind, path in PLAN_DATA["kinds"].items():
        for route, opener in ROUTES.items():
            quiet()
            QgsProject.instance().removeAllMapLayers()
            trace(f"{route} {kind}")
            opener(path)
            layers = layers_facts()
            for layer in QgsProject.instance().mapLayers().values():
                iface.mapCanvas().setExtent(layer.extent())
            iface.mapCanvas().refreshAllLayers()
            settle(0.5)  # drawn: a crash would end QGIS here
            out["routes"].append({"kind": kind, "route": route, "layers": layers})


def render(layer, extent, size):
    settings = iface.mapCanvas().mapSettings()
    settings.setLayers([layer])
    settings.setDestinationCrs(layer.crs())
    settings.setOutputDpi(96)
    settings.setDevicePixelRatio(1)
    settings.setOutputSize(QSize(*size))
    settings.setExtent(QgsRectangle(*extent))
    job = QgsMapRendererSequentialJob(settings)
    job.start()
    job.waitForFinished()
    return job.renderedImage(), settings.visibleExtent()


def scales(out):
    QgsProject.instance().removeAllMapLayers()
    layer = iface.addRasterLayer(PLAN_DATA["scales"]["path"], "scales", "tilepackage")
    out["scales"] = []
    for index, extent in enumerate(PLAN_DATA["scales"]["extents"]):
        image, visible = render(layer, extent, PLAN_DATA["scales"]["size"])
        name = os.path.join(PLAN_DATA["work"], f"scale{index}.png")
        image.save(name)
        out["scales"].append({"image": name, "extent": [visible.xMinimum(), visible.yMinimum(),
                                                        visible.xMaximum(), visible.yMaximum()]})


def zoom_to_layer(out):
    QgsProject.instance().removeAllMapLayers()
    by_drop(PLAN_DATA["utm"])
    layer = first_layer()
    iface.setActiveLayer(layer)
    iface.zoomToActiveLayer()
    settle(2)
    canvas = iface.mapCanvas().extent()
    out["zoom"] = {"canvas": [canvas.xMinimum(), canvas.yMinimum(), canvas.xMaximum(),
                              canvas.yMaximum()], "crs": iface.mapCanvas().mapSettings()
                   .destinationCrs().authid()}


def save_and_reload(out):
    QgsProject.instance().removeAllMapLayers()
    by_drop(PLAN_DATA["scales"]["path"])
    layer = first_layer()
    extent = PLAN_DATA["scales"]["extents"][1]
    before, _ = render(layer, extent, PLAN_DATA["scales"]["size"])
    project_file = os.path.join(PLAN_DATA["work"], "project.qgz")
    QgsProject.instance().write(project_file)
    # No canvas draw during clear() and read(): this script holds Python's GIL
    # through them, and a draw of a tilepackage layer needs it on its thread.
    canvas = iface.mapCanvas()
    canvas.freeze(True)
    quiet()
    QgsProject.instance().clear()
    QgsProject.instance().read(project_file)
    canvas.freeze(False)
    layers = layers_facts()
    layer = first_layer()
    after, _ = render(layer, extent, PLAN_DATA["scales"]["size"])
    out["reload"] = {"layers": layers, "same_image": before == after}


def open_big(out):
    QgsProject.instance().removeAllMapLayers()
    canvas = iface.mapCanvas()
    done = []
    canvas.mapCanvasRefreshed.connect(lambda: done.append(time.perf_counter()))
    profile_before = folder_bytes(QgsApplication.qgisSettingsDirPath())
    start = time.perf_counter()
    by_drop(PLAN_DATA["big"])
    added = time.perf_counter()
    layer = first_layer()
    done.clear()
    canvas.setExtent(layer.extent())
    canvas.refresh()
    while not done and time.perf_counter() - start < 60:
        QApplication.processEvents()
        time.sleep(0.005)
    # added: from the drop (QGIS handles it after a 50 ms timer) to the layer in the project
    out["big"] = {"added_seconds": added - start, "profile_bytes_added":
                  folder_bytes(QgsApplication.qgisSettingsDirPath()) - profile_before,
                  "drawn_seconds": (done[0] - added) if done else None}


def folder_bytes(folder):
    return sum(os.path.getsize(os.path.join(root, name))
               for root, _, names in os.walk(folder) for name in names
               if os.path.exists(os.path.join(root, name)))


def run():
    out = {}
    try:
        iface.mainWindow().resize(1280, 800)
        settle(1)
        for step in (open_every_way, scales, zoom_to_layer, save_and_reload, open_big):
            trace(step.__name__)
            quiet()
            step(out)
    except Exception:  # noqa: BLE001 - the test reads the traceback
        out["error"] = traceback.format_exc()
    with open(PLAN_DATA["out"], "w") as fh:
        json.dump(out, fh)
    QgsApplication.instance().exit(0)


QTimer.singleShot(2000, run)

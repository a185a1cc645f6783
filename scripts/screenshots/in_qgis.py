"""Run inside the QGIS desktop (qgis --code): photographs the plugin's windows.

scripts/screenshots/take.sh sets OUT (the PNG folder), SAMPLE (a cache
folder), WORK (a scratch folder) and LANGUAGE_SHOT ("en", "fr", "de", ...)
in the environment; a language other than English gets only the export
dialog. Each step waits for QGIS to paint before grabbing the window.
"""
import os
import time

import processing
from qgis.core import QgsApplication, QgsPointXY, QgsProject
from qgis.PyQt.QtCore import QTimer
from qgis.PyQt.QtWidgets import QApplication, QDockWidget
from qgis.utils import iface

from tile_package_tools.qgis_support.maplayer.layers import open_in_map
from tile_package_tools.testkit import world_map
from tile_package_tools.testkit.samples import SAMPLE_USA
from tile_package_tools.testkit.utm_package import write_utm_package

OUT, SAMPLE, WORK = os.environ["OUT"], os.environ["SAMPLE"], os.environ["WORK"]
LANGUAGE = os.environ.get("LANGUAGE_SHOT", "en")


def settle(seconds=1.0):
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        QApplication.processEvents()
        time.sleep(0.02)


def save(widget, name, seconds=1.0):
    settle(seconds)
    widget.grab().save(os.path.join(OUT, name))


def dialog_shot(algorithm, parameters, name):
    dialog = processing.createAlgorithmDialog(algorithm, parameters)
    dialog.resize(1000, 760)
    dialog.show()
    save(dialog, name)
    dialog.close()


def toolbox_shot():
    dock = next(d for d in iface.mainWindow().findChildren(QDockWidget)
                if d.objectName() == "ProcessingToolbox")
    dock.show()
    dock.setFloating(True)
    dock.resize(420, 360)
    from qgis.gui import QgsFilterLineEdit
    for edit in dock.findChildren(QgsFilterLineEdit):
        edit.setText("tpkx")
    save(dock, "toolbox.png")
    dock.setFloating(False)


def map_shot():
    package = os.path.join(WORK, "sample.tpkx")
    processing.run("tilepackage:exporttiles", {"INPUT": SAMPLE, "tilePackage": True,
                                               "OUTPUT": package})
    layer = open_in_map(package, iface.messageBar())
    iface.mapCanvas().setExtent(layer.extent())
    iface.mapCanvas().refresh()
    save(iface.mainWindow(), "package_in_map.png", 3)
    QgsProject.instance().removeAllMapLayers()


def usa_shots():
    """ArcGIS's Usa.tpkx at 1:60M and 1:20M (palette and repaired tiles in colour)."""
    layer = open_in_map(str(SAMPLE_USA), iface.messageBar())
    canvas = iface.mapCanvas()
    canvas.setExtent(layer.extent())
    canvas.zoomScale(60e6)
    save(iface.mainWindow(), "usa_tpkx_1_60M.png", 3)
    canvas.setCenter(QgsPointXY(-11500000, 4900000))  # the West and the Plains
    canvas.zoomScale(20e6)
    save(iface.mainWindow(), "usa_tpkx_1_20M.png", 3)
    QgsProject.instance().removeAllMapLayers()


def utm_shot():
    """A UTM JPEG package (JoshuaTree.tpk's equivalent) after Zoom to layer."""
    package = write_utm_package(os.path.join(WORK, "JoshuaTreeLike.tpk"))
    layer = open_in_map(package, iface.messageBar())
    QgsProject.instance().setCrs(layer.crs())  # as a fresh project shows its first layer
    iface.setActiveLayer(layer)
    iface.zoomToActiveLayer()
    save(iface.mainWindow(), "utm_package_zoom_to_layer.png", 3)
    QgsProject.instance().removeAllMapLayers()


def cancelled_render_shot():
    """Create map tile package on the world map, levels 0-7, Run clicked and Cancel 15 s
    later: the log says what was kept, where, and how to discard it."""
    QgsProject.instance().addMapLayers(world_map.world_layers())
    output = os.path.join(WORK, "world.tpkx")
    dialog = processing.createAlgorithmDialog("tilepackage:createmaptilepackage",
                                              {"level_of_detail": 7, "output_file": output})
    dialog.resize(1000, 760)
    dialog.show()
    settle(1)
    finished = []
    dialog.algorithmFinished.connect(lambda *_: finished.append(True))
    dialog.runAlgorithm()  # the Run button: the render runs as a background task
    settle(15)
    dialog.cancelButton().click()
    end = time.monotonic() + 120
    while not finished and time.monotonic() < end:
        settle(0.5)
    save(dialog, "create_map_tile_package_cancelled.png")
    dialog.close()
    QgsProject.instance().removeAllMapLayers()


def shoot():
    try:
        take_all()
    except Exception:  # noqa: BLE001 - a failed shot must still end QGIS
        import traceback
        with open(os.path.join(WORK, "error.txt"), "w") as out:
            out.write(traceback.format_exc())
    QgsApplication.instance().exit(0)


def take_all():
    iface.mainWindow().resize(1280, 800)
    iface.mainWindow().showMaximized()
    settle(2)
    if LANGUAGE != "en":
        dialog_shot("tilepackage:exporttiles", {"INPUT": SAMPLE},
                    f"export_dialog_{LANGUAGE}.png")
    else:
        toolbox_shot()
        dialog_shot("tilepackage:exporttiles", {"INPUT": SAMPLE}, "export_dialog.png")
        dialog_shot("tilepackage:importtiles", {}, "import_dialog.png")
        dialog_shot("tilepackage:estimateexporttilessize", {"INPUT": SAMPLE},
                    "estimate_dialog.png")
        dialog_shot("tilepackage:createmaptilepackage", {},
                    "create_map_tile_package_dialog.png")
        map_shot()
        usa_shots()
        utm_shot()
        cancelled_render_shot()


QTimer.singleShot(3000, shoot)

"""Run inside the QGIS desktop (qgis --code): photographs the plugin's windows.

scripts/screenshots/take.sh sets OUT (the PNG folder), SAMPLE (a cache
folder), WORK (a scratch folder) and LANGUAGE_SHOT ("en", "fr", "de", ...)
in the environment; a language other than English gets only the export
dialog. Each step waits for QGIS to paint before grabbing the window.
"""
import os
import time

import processing
from qgis.core import QgsApplication, QgsProject
from qgis.PyQt.QtCore import QTimer
from qgis.PyQt.QtWidgets import QApplication, QDockWidget
from qgis.utils import iface

OUT, SAMPLE, WORK = os.environ["OUT"], os.environ["SAMPLE"], os.environ["WORK"]
LANGUAGE = os.environ.get("LANGUAGE_SHOT", "en")


def settle(seconds=1.0):
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        QApplication.processEvents()
        time.sleep(0.02)


def save(widget, name):
    settle()
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
    from tile_package_tools.qgis_support.map_opener import open_in_map
    open_in_map(package, iface.messageBar())
    # The task manager deletes a finished task: wait for its layer instead.
    deadline = time.monotonic() + 60
    while not QgsProject.instance().mapLayers():
        assert time.monotonic() < deadline, "the package did not reach the map"
        settle(0.2)
    layer = next(iter(QgsProject.instance().mapLayers().values()))
    iface.mapCanvas().setExtent(layer.extent())
    iface.mapCanvas().refresh()
    settle(3)
    save(iface.mainWindow(), "package_in_map.png")


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
        map_shot()


QTimer.singleShot(3000, shoot)

"""What the plugin adds to the QGIS window for tile caches and packages: the drop
handler, the Browser items, "Layer > Add Layer > Add Tile Package Layer…", a
"Tile Package" page in the Data Source Manager, and the guard on QGIS's own GDAL
route (Add Raster Layer): see qgis_support/maplayer/gdal_guard.py."""
from qgis.core import QgsApplication, QgsProject
from qgis.gui import QgsGui
from qgis.PyQt.QtWidgets import QAction, QFileDialog

from ..qgis_support.maplayer.gdal_guard import guard_gdal, release_gdal
from ..qgis_support.maplayer.layers import FILE_FILTER_PATTERNS, open_in_map, take_over
from ..qgis_support.icons import icon
from ..qgis_support.tr import tr
from .browser_items import PackageItemProvider
from .drop_handler import PackageDropHandler
from .source_select import PackageSourceSelectProvider


class MapIntegration:
    def __init__(self, iface):
        self.iface = iface
        self.drop_handler = PackageDropHandler(iface.messageBar())
        iface.registerCustomDropHandler(self.drop_handler)
        self.items = PackageItemProvider()
        QgsApplication.dataItemProviderRegistry().addProvider(self.items)
        self.add_action = QAction(icon("package"),
                                  tr("Add Tile Package Layer…"), iface.mainWindow())
        self.add_action.triggered.connect(self.choose_package)
        iface.addLayerMenu().addAction(self.add_action)
        self.source_select = PackageSourceSelectProvider()
        QgsGui.sourceSelectProviderRegistry().addProvider(self.source_select)
        QgsProject.instance().layersAdded.connect(self.take_over)
        self.skipped_gdal_driver = guard_gdal()

    def choose_package(self):
        path, _ = QFileDialog.getOpenFileName(
            self.iface.mainWindow(), tr("Add Tile Package Layer"), "",
            tr("Tile packages and caches ({patterns})").format(patterns=FILE_FILTER_PATTERNS))
        if path:
            self.open(path)

    def open(self, path):
        return open_in_map(path, self.iface.messageBar())

    @staticmethod
    def take_over(layers):
        # Runs inside addMapLayers, before anything is drawn: the layer keeps its
        # place in the layer tree and only changes provider.
        for layer in layers:
            take_over(layer)

    def unload(self):
        QgsGui.sourceSelectProviderRegistry().removeProvider(self.source_select)
        QgsProject.instance().layersAdded.disconnect(self.take_over)
        self.iface.unregisterCustomDropHandler(self.drop_handler)
        QgsApplication.dataItemProviderRegistry().removeProvider(self.items)
        self.iface.addLayerMenu().removeAction(self.add_action)
        if self.skipped_gdal_driver:
            release_gdal()

"""What the plugin adds to the QGIS window for tile packages: the drop
handler, the Browser items, "Layer > Add Layer > Add Tile Package Layer…" and
"Plugins > Tile Package Tools > Remove Tile Package Views"."""
from qgis.core import Qgis, QgsApplication
from qgis.PyQt.QtWidgets import QAction, QFileDialog

from ..qgis_support.icons import icon
from ..qgis_support.map_opener import open_in_map
from ..qgis_support.package_views import remove_views
from ..qgis_support.tr import tr
from .browser_items import PackageItemProvider
from .drop_handler import PackageDropHandler


class MapIntegration:
    def __init__(self, iface):
        self.iface = iface
        bar = iface.messageBar()
        self.drop_handler = PackageDropHandler(bar)
        iface.registerCustomDropHandler(self.drop_handler)
        self.items = PackageItemProvider(bar)
        QgsApplication.dataItemProviderRegistry().addProvider(self.items)
        self.add_action = QAction(icon("package"),
                                  tr("Add Tile Package Layer…"), iface.mainWindow())
        self.add_action.triggered.connect(self.choose_package)
        iface.addLayerMenu().addAction(self.add_action)
        self.remove_action = QAction(tr("Remove Tile Package Views"), iface.mainWindow())
        self.remove_action.triggered.connect(self.remove_views)
        iface.addPluginToMenu(tr("Tile Package Tools"), self.remove_action)

    def choose_package(self):
        path, _ = QFileDialog.getOpenFileName(
            self.iface.mainWindow(), tr("Add Tile Package Layer"), "",
            tr("Tile packages and caches (*.tpkx *.tpk conf.xml)"))
        if path:
            self.open(path)

    def open(self, path):
        open_in_map(path, self.iface.messageBar())

    def remove_views(self):
        count = remove_views()
        self.iface.messageBar().pushMessage(
            tr("Tile Package Tools"), tr("{count} tile package views removed").format(
                count=count), Qgis.Info, 5)

    def unload(self):
        self.iface.unregisterCustomDropHandler(self.drop_handler)
        QgsApplication.dataItemProviderRegistry().removeProvider(self.items)
        self.iface.addLayerMenu().removeAction(self.add_action)
        self.iface.removePluginMenu(tr("Tile Package Tools"), self.remove_action)

"""Tile caches and packages in the Browser panel: a layer item per .tpk/.tpkx, cache
folder or cache conf.xml, named by its file (or folder). Double click, drag to the
map and "Add Layer to Project" all make a ``tilepackage`` layer reading it in place."""
import os

from qgis.core import QgsDataItemProvider, QgsDataProvider, QgsLayerItem

from ..qgis_support.maplayer.describe import layer_name
from ..qgis_support.maplayer.layers import is_cache_path
from ..qgis_support.maplayer.provider import PROVIDER_KEY
from ..qgis_support.icons import icon


class PackageItem(QgsLayerItem):
    """One cache or package in the Browser: a raster layer of the ``tilepackage`` provider."""

    def __init__(self, parent, path):
        path = os.path.abspath(path)
        super().__init__(parent, layer_name(path), path, path, QgsLayerItem.Raster, PROVIDER_KEY)
        self.setState(QgsLayerItem.Populated)  # no children
        self.setToolTip(path)

    def icon(self):
        return icon("package")


class PackageItemProvider(QgsDataItemProvider):
    def name(self):
        return "tile_package_tools"

    def capabilities(self):
        return QgsDataProvider.File | QgsDataProvider.Dir

    def createDataItem(self, path, parent):  # noqa: N802 - QGIS API name
        return PackageItem(parent, path) if is_cache_path(path) else None

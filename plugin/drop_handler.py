"""Tile packages, cache folders and cache conf.xml files dropped on the QGIS window
open as layers of the plugin's provider; QGIS's own handler would refuse packages
and hand a cache's conf.xml to a GDAL that may crash on it."""
from qgis.gui import QgsCustomDropHandler

from ..qgis_support.maplayer.layers import is_cache_path, open_in_map


class PackageDropHandler(QgsCustomDropHandler):
    def __init__(self, message_bar=None):
        super().__init__()
        self.message_bar = message_bar

    def customUriProviderKey(self):  # noqa: N802 - QGIS API name
        return "tile_package_tools"

    def handleFileDrop(self, file):  # noqa: N802 - QGIS API name
        if not is_cache_path(file):
            return False
        open_in_map(file, self.message_bar)
        return True

"""Tile packages dropped on the QGIS window open in the map (QGIS's own
handler says "Invalid Data Source" for .tpk/.tpkx)."""
from qgis.gui import QgsCustomDropHandler

from ..qgis_support.map_opener import open_in_map
from ..tilecache.packages import is_package_name


class PackageDropHandler(QgsCustomDropHandler):
    def __init__(self, message_bar=None):
        super().__init__()
        self.message_bar = message_bar

    def customUriProviderKey(self):  # noqa: N802 - QGIS API name
        return "tile_package_tools"

    def handleFileDrop(self, file):  # noqa: N802 - QGIS API name
        if not is_package_name(file):
            return False
        open_in_map(file, self.message_bar)
        return True

"""Tile packages dropped on the QGIS window open in the map (QGIS's own
handler says "Invalid Data Source" for .tpk/.tpkx)."""
from qgis.gui import QgsCustomDropHandler

from ..qgis_support.map_opener import is_tile_package, open_in_map


class PackageDropHandler(QgsCustomDropHandler):
    def __init__(self, message_bar=None):
        super().__init__()
        self.message_bar = message_bar

    def customUriProviderKey(self):  # noqa: N802 - QGIS API name
        return "tile_package_tools"

    def handleFileDrop(self, file):  # noqa: N802 - QGIS API name
        if not is_tile_package(file):
            return False
        open_in_map(file, self.message_bar)
        return True

"""Tile packages in the Browser panel: listed with their title and levels,
opened in the map by a double click or "Add Layer to Project"."""
import os

from qgis.core import QgsDataItem, QgsDataItemProvider, QgsDataProvider

from ..qgis_support.icons import icon
from ..qgis_support.map_opener import open_in_map
from ..qgis_support.tr import tr
from ..tilecache.errors import TileCacheError
from ..tilecache.packages import is_package_name
from ..tilecache.pipeline.opening import open_cache


def item_name(path):
    """"Title (levels 0-7)" from the package itself; the file name if it cannot be read."""
    name = os.path.basename(path)
    try:
        with open_cache(path) as reader:
            title = reader.item_info.title if reader.item_info else None
            levels = reader.levels()
    except TileCacheError:
        return name
    shown = f"{min(levels)}-{max(levels)}" if levels else "-"
    return tr("{title} (levels {levels})").format(title=title or name, levels=shown)


class PackageItem(QgsDataItem):
    """One .tpk/.tpkx file in the Browser."""

    def __init__(self, parent, path, message_bar=None):
        super().__init__(QgsDataItem.Custom, parent, item_name(path), path)
        self.package_path = path
        self.message_bar = message_bar
        self.setState(QgsDataItem.Populated)  # no children
        self.setToolTip(path)

    def icon(self):
        return icon("package")

    def hasDragEnabled(self):  # noqa: N802 - QGIS API name
        return False

    def handleDoubleClick(self):  # noqa: N802 - QGIS API name
        open_in_map(self.package_path, self.message_bar)
        return True


class PackageItemProvider(QgsDataItemProvider):
    def __init__(self, message_bar=None):
        super().__init__()
        self.message_bar = message_bar

    def name(self):
        return "tile_package_tools"

    def capabilities(self):
        return QgsDataProvider.File

    def createDataItem(self, path, parent):  # noqa: N802 - QGIS API name
        if not is_package_name(path) or not os.path.isfile(path):
            return None
        return PackageItem(parent, path, self.message_bar)

"""Processing provider exposing the tile cache / tile package algorithms."""
import os

from qgis.core import Qgis, QgsMessageLog, QgsProcessingProvider
from qgis.PyQt.QtGui import QIcon

from .registry import algorithm_classes
from .tr import tr

ICON_PATH = os.path.join(
    os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "icon.svg"
)


class TilePackageProvider(QgsProcessingProvider):
    """Provider id ``tilepackage``: algorithms are ``tilepackage:<name>``."""

    def id(self):
        return "tilepackage"

    def name(self):
        return tr("Tile Package Tools")

    def longName(self):  # noqa: N802 - QGIS API name
        return self.name()

    def icon(self):
        return QIcon(ICON_PATH)

    def svgIconPath(self):  # noqa: N802 - QGIS API name
        return ICON_PATH

    def loadAlgorithms(self):  # noqa: N802 - QGIS API name
        from ..plugin.dependencies import install_hint, missing_dependencies
        missing = missing_dependencies()
        if missing:
            # Without its packages no algorithm could run: say what to install
            # instead of failing with an import traceback.
            QgsMessageLog.logMessage(install_hint(missing), self.name(), Qgis.Critical)
            return
        for cls in algorithm_classes():
            self.addAlgorithm(cls())

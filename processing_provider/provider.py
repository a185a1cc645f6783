"""Processing provider exposing the tile cache / tile package algorithms."""
from qgis.core import Qgis, QgsMessageLog, QgsProcessingProvider
from qgis.PyQt.QtGui import QIcon

from ..qgis_support.dependencies import install_hint, missing_dependencies
from ..qgis_support.icons import PLUGIN_ICON
from ..qgis_support.tr import tr
from .registry import algorithm_classes


class TilePackageProvider(QgsProcessingProvider):
    """Provider id ``tilepackage``: algorithms are ``tilepackage:<name>``."""

    def id(self):
        return "tilepackage"

    def name(self):
        return tr("Tile Package Tools")

    def longName(self):  # noqa: N802 - QGIS API name
        return self.name()

    def icon(self):
        return QIcon(PLUGIN_ICON)

    def svgIconPath(self):  # noqa: N802 - QGIS API name
        return PLUGIN_ICON

    def loadAlgorithms(self):  # noqa: N802 - QGIS API name
        missing = missing_dependencies()
        if missing:
            # Without its packages no algorithm could run: say what to install
            # instead of failing with an import traceback.
            QgsMessageLog.logMessage(install_hint(missing), self.name(), Qgis.Critical)
            return
        for cls in algorithm_classes():
            self.addAlgorithm(cls())

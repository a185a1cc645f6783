"""Plugin lifecycle: registers the Processing provider, the tile layer provider and
translations."""
import os

from qgis.core import QgsApplication
from qgis.PyQt.QtCore import QCoreApplication, QLocale, QSettings, QTranslator

from ..qgis_support.icons import PLUGIN_DIR


def _user_locale():
    # The language QGIS itself shows (its --lang option or the override in
    # its settings, else the system's): the plugin follows the application.
    app = QgsApplication.instance()
    name = app.translation() if isinstance(app, QgsApplication) else ""
    if not name or name == "C":
        settings = QSettings()
        if settings.value("locale/overrideFlag", False, type=bool):
            name = settings.value("locale/userLocale", "", type=str) or ""
        else:
            name = QLocale.system().name()
    return name[:2] if name and name != "C" else ""


class TilePackagePlugin:
    """Plugin object returned by ``classFactory``."""

    def __init__(self, iface):
        self.iface = iface
        self.provider = None
        self.translator = None
        self._load_translation()

    def _load_translation(self):
        locale = _user_locale()
        if not locale:
            return
        qm = os.path.join(PLUGIN_DIR, "i18n", "tile_package_tools_{}.qm".format(locale))
        if os.path.exists(qm):
            translator = QTranslator()
            if translator.load(qm):
                QCoreApplication.installTranslator(translator)
                # Keep a reference: a garbage-collected QTranslator is silently
                # removed from the application.
                self.translator = translator

    def initProcessing(self):  # noqa: N802 - QGIS API name
        # Imported here so the provider module (and algorithms it pulls in)
        # is only loaded once QGIS actually starts the plugin.
        from ..processing_provider import console_errors
        from ..processing_provider.provider import TilePackageProvider
        from ..qgis_support.dependencies import missing_dependencies

        console_errors.install()
        if not missing_dependencies():
            # Projects, Processing outputs and qgis_process all need the layer
            # provider; it reads through the core, which needs those packages.
            from ..qgis_support.maplayer.registration import register_provider
            register_provider()
        if self.provider is None:
            self.provider = TilePackageProvider()
            QgsApplication.processingRegistry().addProvider(self.provider)

    def initGui(self):  # noqa: N802 - QGIS API name
        # qgis_process never calls initGui, only initProcessing; the GUI calls
        # both, so guard against double registration in initProcessing.
        self.initProcessing()
        from ..qgis_support.dependencies import install_hint, missing_dependencies
        missing = missing_dependencies()
        if missing and self.iface is not None:
            from qgis.core import Qgis
            self.iface.messageBar().pushMessage("Tile Package Tools", install_hint(missing),
                                                Qgis.Warning, 0)
            return
        if self.iface is not None:
            from .map_menu import MapIntegration
            self.map_integration = MapIntegration(self.iface)

    def unload(self):
        if getattr(self, "map_integration", None) is not None:
            self.map_integration.unload()
            self.map_integration = None
        if self.provider is not None:
            QgsApplication.processingRegistry().removeProvider(self.provider)
            self.provider = None
        if self.translator is not None:
            QCoreApplication.removeTranslator(self.translator)
            self.translator = None

"""A "Tile Package" page in QGIS's Data Source Manager (Layer > Data Source Manager,
Layer > Add Layer): packages, cache folders (their conf.xml) and caches added as
``tilepackage`` layers, as QGIS adds any provider's layers from that dialog."""
from qgis.core import QgsProviderRegistry
from qgis.gui import QgsAbstractDataSourceWidget, QgsFileWidget, QgsSourceSelectProvider
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtWidgets import QDialogButtonBox, QLabel, QVBoxLayout

from ..qgis_support.icons import icon
from ..qgis_support.maplayer.describe import layer_name
from ..qgis_support.maplayer.layers import FILE_FILTER_PATTERNS, is_cache_path
from ..qgis_support.maplayer.provider import PROVIDER_KEY
from ..qgis_support.tr import tr


class PackageSourceSelect(QgsAbstractDataSourceWidget):
    """The page: one file field (several files allowed) and QGIS's Add / Close buttons."""

    def __init__(self, parent=None, flags=Qt.Widget,
                 mode=QgsProviderRegistry.WidgetMode.None_):
        super().__init__(parent, flags, mode)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(tr("Tile packages (.tpkx, .tpk) or the conf.xml of cache "
                                   "folders, read where they are")))
        self.files = QgsFileWidget()
        self.files.setStorageMode(QgsFileWidget.GetMultipleFiles)
        self.files.setFilter(tr("Tile packages and caches ({patterns})").format(
            patterns=FILE_FILTER_PATTERNS))
        self.files.fileChanged.connect(lambda text: self.enableButtons.emit(bool(text)))
        layout.addWidget(self.files)
        layout.addStretch()
        buttons = QDialogButtonBox()
        layout.addWidget(buttons)
        self.setupButtons(buttons)
        self.enableButtons.emit(False)

    def addButtonClicked(self):  # noqa: N802 - QGIS API name
        for path in QgsFileWidget.splitFilePaths(self.files.filePath()):
            if is_cache_path(path):
                self.addRasterLayer.emit(path, layer_name(path), PROVIDER_KEY)


class PackageSourceSelectProvider(QgsSourceSelectProvider):
    def providerKey(self):  # noqa: N802 - QGIS API name
        return PROVIDER_KEY

    def text(self):
        return tr("Tile Package")

    def icon(self):
        return icon("package")

    def ordering(self):
        return QgsSourceSelectProvider.OrderLocalProvider + 50

    def createDataSourceWidget(self, parent=None, fl=Qt.Widget,  # noqa: N802 - QGIS API
                               widgetMode=QgsProviderRegistry.WidgetMode.Embedded):  # noqa: N803
        return PackageSourceSelect(parent, fl, widgetMode)

"""Layers of tile caches and packages: ``open_in_map(path)``.

Every way a user opens one ends here (drop, Browser, the plugin's menu,
Processing outputs) and so does a layer QGIS's own GDAL provider was given
(``take_over``): GDAL 3.6 crashes on 512 px tiles and shows palette tiles in
the wrong colours, so it never draws an Esri cache here.
"""
import os

from qgis.core import Qgis, QgsDataProvider, QgsMessageLog, QgsProject, QgsRasterLayer

from ...tilecache.packages import is_package_name
from ..tr import tr
from .describe import layer_name
from .provider import PROVIDER_KEY
from .registration import register_provider

#: What file dialogs offer: packages and the conf.xml of cache folders.
FILE_FILTER_PATTERNS = "*.tpkx *.tpk conf.xml"


def is_cache_path(path):
    """A .tpk/.tpkx, a cache folder (it holds conf.xml) or a cache's conf.xml."""
    path = str(path)
    if os.path.isdir(path):
        return os.path.isfile(os.path.join(path, "conf.xml"))
    return is_package_name(path) or (
        os.path.basename(path).lower() == "conf.xml" and
        os.path.isdir(os.path.join(os.path.dirname(path), "_alllayers")))


def tile_layer(path):
    """A layer reading ``path`` in place (maybe invalid: see its error())."""
    register_provider()
    return QgsRasterLayer(os.path.abspath(path), layer_name(path), PROVIDER_KEY)


def open_in_map(path, message_bar=None, project=None):
    """Add ``path`` to the project as a layer; the layer, or None when it cannot be read
    (said in the message bar)."""
    layer = tile_layer(path)
    if not layer.isValid():
        tell(message_bar, layer.dataProvider().error().message() if layer.dataProvider()
             else tr("{path}: not a tile cache or package").format(path=path), Qgis.Critical)
        return None
    (project or QgsProject.instance()).addMapLayer(layer)
    return layer


def take_over(layer):
    """Switch a GDAL layer of an Esri cache (its conf.xml) to this provider before it
    is drawn; True if it was one."""
    if layer.providerType() != "gdal":
        return False
    path = layer.source().split("|", 1)[0]
    if not is_cache_path(path):
        return False
    register_provider()
    layer.setDataSource(path, layer.name(), PROVIDER_KEY, QgsDataProvider.ProviderOptions())
    return True


def tell(message_bar, text, level=Qgis.Info):
    QgsMessageLog.logMessage(text, tr("Tile Package Tools"), level)
    if message_bar is not None:
        message_bar.pushMessage(tr("Tile Package Tools"), text, level, 10)

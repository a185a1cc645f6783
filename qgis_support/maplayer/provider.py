"""The raster data provider of tile caches and packages (key ``tilepackage``).

The layer's source is the path of a cache folder, its conf.xml, a .tpk or a
.tpkx; nothing is copied or written. QGIS asks ``block(band, extent, width,
height)`` for each map it draws (in the cache's CRS; QGIS reprojects); the
answer is one ARGB32 premultiplied band made by ``MapSource.render`` (level
chosen for the map's resolution, coarser levels in the gaps, transparent
where there is no tile). The provider reports no raster size, so QGIS asks
for the map at the map's own resolution and never resamples.

QGIS clones the provider for every render job and deletes the clone from
C++; a Python-made clone needs a Python owner meanwhile (else sip frees the
Python half at once and QGIS calls a pure virtual method, killing the
process), hence ``_keep``: each clone is kept until its ``destroyed`` signal.
"""
from typing import NamedTuple, Optional

from qgis.core import (Qgis, QgsDataProvider, QgsError, QgsLayerMetadata, QgsMessageLog,
                       QgsRasterBlock, QgsRasterDataProvider, QgsRasterInterface, QgsRectangle)
from qgis.PyQt.QtCore import QByteArray

from ..crs import scheme_crs
from ..tr import tr
from ...tilecache.errors import TileCacheError
from ...tilecache.mapview.compose import MapGrid
from ...tilecache.mapview.map_source import shared_source
from ...tilecache.mapview.summary import data_extent
from ...tilecache.model import Extent
from . import describe

PROVIDER_KEY = "tilepackage"
PIXEL_TYPE = Qgis.ARGB32_Premultiplied
DESCRIPTION = "Tile package or cache (Tile Package Tools)"
_LIVE = {}


class Facts(NamedTuple):
    """What a provider learns when it opens its source, handed to its clones."""
    crs: object
    extent: QgsRectangle
    item_info: object
    error: Optional[str]


def learn(path):
    """The Facts of ``path``: opened once, the extent of its tiles found."""
    try:
        source = shared_source(path)
        extent = source.with_reader(data_extent)
    except (TileCacheError, OSError) as exc:
        return Facts(None, QgsRectangle(), None, str(exc))
    box = QgsRectangle(*extent) if extent is not None else QgsRectangle()
    return Facts(scheme_crs(source.scheme.spatial_reference), box,
                 source.reader.item_info, None)


class TilePackageProvider(QgsRasterDataProvider):
    def __init__(self, uri, options=QgsDataProvider.ProviderOptions(),
                 flags=QgsDataProvider.ReadFlags(), facts=None):
        super().__init__(uri, options, flags)
        self.path = uri
        self.facts = facts or learn(uri)

    @classmethod
    def create(cls, uri, options, flags=QgsDataProvider.ReadFlags()):
        """QgsProviderMetadata's factory."""
        return _keep(cls(uri, options, flags))

    # ---- identity --------------------------------------------------------
    def name(self):
        return PROVIDER_KEY

    def description(self):
        return DESCRIPTION

    def isValid(self):  # noqa: N802 - QGIS API name
        return self.facts.error is None

    def error(self):
        return super().error() if self.facts.error is None else \
            _error(self.facts.error)

    def clone(self):
        copy = TilePackageProvider(self.path, facts=self.facts)
        return _keep(copy)

    # ---- raster shape ----------------------------------------------------
    def crs(self):
        return self.facts.crs

    def extent(self):
        return self.facts.extent

    def bandCount(self):  # noqa: N802 - QGIS API name
        return 1

    def dataType(self, band):  # noqa: N802 - QGIS API name
        return PIXEL_TYPE

    def sourceDataType(self, band):  # noqa: N802 - QGIS API name
        return PIXEL_TYPE

    def capabilities(self):
        return QgsRasterInterface.NoCapabilities

    def providerCapabilities(self):  # noqa: N802 - QGIS API name
        return QgsRasterDataProvider.ReadLayerMetadata

    def generateBandName(self, band):  # noqa: N802 - QGIS API name
        return tr("Tiles")

    # ---- description -----------------------------------------------------
    def htmlMetadata(self):  # noqa: N802 - QGIS API name
        return describe.html(self.path)

    def layerMetadata(self):  # noqa: N802 - QGIS API name
        return describe.layer_metadata(self.facts.item_info) if self.isValid() \
            else QgsLayerMetadata()

    # ---- pixels ----------------------------------------------------------
    def block(self, band, extent, width, height, feedback=None):
        out = QgsRasterBlock(PIXEL_TYPE, width, height)
        if width <= 0 or height <= 0 or extent.isEmpty():
            return out
        grid = MapGrid(Extent(extent.xMinimum(), extent.yMinimum(), extent.xMaximum(),
                              extent.yMaximum()), width, height)
        try:
            pixels = shared_source(self.path).render(grid)
        except (TileCacheError, OSError) as exc:
            QgsMessageLog.logMessage(str(exc), tr("Tile Package Tools"), Qgis.Warning)
            pixels = None
        if pixels is not None:
            out.setData(QByteArray(pixels.tobytes()))
        else:
            out.setData(QByteArray(bytes(width * height * 4)))
        return out

    def reloadData(self):  # noqa: N802 - QGIS API name
        pass  # every block already draws the source as its files are now


def _keep(provider):
    """``provider`` kept alive until C++ deletes it (see the module text)."""
    key = id(provider)
    _LIVE[key] = provider
    provider.destroyed.connect(lambda *_: _LIVE.pop(key, None))
    return provider


def _error(text):
    return QgsError(text, PROVIDER_KEY)

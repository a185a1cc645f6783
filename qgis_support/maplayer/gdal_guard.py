"""QGIS's own GDAL route kept away from Esri caches it cannot read safely.

GDAL's ESRIC driver before 3.9.1 overflows the heap on tiles over 256 px as
soon as QGIS opens a layer of such a cache (measured here: QGIS 3.22 with
GDAL 3.6.2 aborts with "malloc(): invalid size" while constructing the layer,
before anything is drawn), and before 3.8.0 shows palette tiles as indices
(scheme/gdal_limits.py). In the desktop the plugin therefore puts that driver
on QGIS's GDAL skip list on such a GDAL (until it is unloaded, not saved): "Add
Raster Layer" on a conf.xml then gets QGIS's "not a supported raster data
source" instead of a crash, and every cache opens through the plugin's routes
(drop, Browser, menu, Data Source Manager page). On a newer GDAL the driver
stays, and a layer QGIS makes with it is switched to the plugin's provider as
it is added (layers.take_over).
"""
from osgeo import gdal
from qgis.core import QgsApplication

from ...tilecache.scheme.gdal_limits import TILE_SIZE_FIX, gdal_version_tuple

DRIVER = "ESRIC"


def guard_gdal(version=None):
    """Skip GDAL's ESRIC driver when this GDAL cannot read every cache safely; True if
    it was skipped now."""
    if gdal_version_tuple(version or gdal.VersionInfo()) >= TILE_SIZE_FIX:
        return False
    if DRIVER in QgsApplication.skippedGdalDrivers():
        return False
    # QGIS registers every GDAL driver again whenever it makes a GDAL provider; its
    # skip list (GDAL_SKIP) is what keeps one out (as Settings > Options > GDAL does).
    QgsApplication.skipGdalDriver(DRIVER)
    return True


def release_gdal():
    """Give QGIS back the driver ``guard_gdal`` skipped (the plugin unloaded)."""
    QgsApplication.restoreGdalDriver(DRIVER)

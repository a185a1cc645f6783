"""The parameters of exporttiles and estimateexporttilessize: their definitions.

Keys are the REST names, so REST calls paste into qgis_process. What is
read from them, once per run, is export_request.py's ExportRequest.
"""
from qgis.core import (QgsProcessing, QgsProcessingParameterAuthConfig,
                       QgsProcessingParameterBoolean, QgsProcessingParameterFeatureSource,
                       QgsProcessingParameterNumber, QgsProcessingParameterString)

from ..qgis_support.tr import tr
from ..tilecache.formats.storage_format import StorageFormat
from ..tilecache.pipeline.export import DEFAULT_MAX_TILES
from ..tilecache.remote.source import DEFAULT_CONCURRENCY, MAX_CONCURRENCY
from .extent_widget import extent_with_crs
from .parameters import (OutputPathParameter, advanced, choice_parameter, explained,
                         path_parameter, rest_values)

STORAGE_CHOICES = [(StorageFormat.COMPACT_V2.value, tr("Compact V2 bundles")),
                   (StorageFormat.COMPACT_V1.value, tr("Compact V1 bundles")),
                   (StorageFormat.EXPLODED.value, tr("Exploded, one file per tile"))]
STORAGE_FORMATS = rest_values(STORAGE_CHOICES)
EXPORT_BY_CHOICES = [("LevelID", tr("Level ids")), ("Resolution", tr("Resolutions")),
                     ("Scale", tr("Scales"))]
EXPORT_BY = rest_values(EXPORT_BY_CHOICES)
#: How the tiles of a service are taken offline; "auto": the server's job when the
#: output is a package, tiles fetched here otherwise.
METHOD_CHOICES = [("auto", tr("Automatic")),
                  ("server", tr("Server job (exportTiles)")),
                  ("client", tr("Fetch the tiles here"))]
METHODS = rest_values(METHOD_CHOICES)

#: Parameters read by our own code because QGIS's checks would refuse REST
#: spellings (a folder for a File input, a JSON envelope, "levelId", ...).
EXPORT_LENIENT = frozenset({"INPUT", "storageFormatType", "exportExtent", "compressionQuality",
                            "exportBy", "areaOfInterest", "maxExportTilesCount", "f", "OUTPUT"})
#: QGIS would refuse the REST-style value of exportMethod.
REMOTE_LENIENT = frozenset({"exportMethod"})


#: The open formats, in exporttiles' help.
OPEN_FORMATS_HELP = tr(
    "MBTiles, GeoPackage and XYZ folders: an OUTPUT ending in .mbtiles or .gpkg, or an XYZ "
    "folder template such as /data/tiles/{z}/{x}/{y}.png, writes that kind (tilePackage and "
    "storageFormatType are then not used). MBTiles and XYZ folders hold Web Mercator tiles on "
    "the standard zoom levels; a GeoPackage holds any tiling scheme in the cache's own "
    "coordinate system. Tiles are copied, never re-encoded. INPUT may be any of the three.")


def add_input_parameter(algorithm):
    """INPUT: the cache, package or service exported from."""
    algorithm.addParameter(explained(path_parameter(
        "INPUT", tr("Cache, package or service URL"),
        tr("Tile caches, packages, MBTiles and GeoPackages (conf.xml *.tpk *.tpkx *.mbtiles "
           "*.gpkg *.TPK *.TPKX)")),
        tr("A cache folder or its conf.xml, a .tpk or .tpkx, or the URL of an ArcGIS "
           "MapServer or ImageServer with cached tiles.")))


def add_selection_parameters(algorithm):
    """The REST parameters that decide what is exported."""
    algorithm.addParameter(choice_parameter(
        "storageFormatType", tr("Storage format (storageFormatType)"), STORAGE_CHOICES))
    algorithm.addParameter(explained(QgsProcessingParameterBoolean(
        "tilePackage", tr("Write a tile package (tilePackage)"), defaultValue=False),
        tr("Checked (true): a .tpkx (Compact V2) or .tpk (Compact V1) file. Unchecked "
           "(false): a cache folder (conf.xml, conf.cdi, _alllayers).")))
    algorithm.addParameter(extent_with_crs(
        "exportExtent", tr("Extent to export (exportExtent)")))
    algorithm.addParameter(advanced(explained(QgsProcessingParameterBoolean(
        "optimizeTilesForSize", tr("Recompress JPEG tiles"),
        defaultValue=False),
        tr("JPEG tiles are re-encoded at the JPEG quality; a tile is kept as it is when that "
           "is not smaller."))))
    algorithm.addParameter(advanced(explained(QgsProcessingParameterNumber(
        "compressionQuality", tr("JPEG quality, 0-100"),
        type=QgsProcessingParameterNumber.Integer, optional=True, minValue=0, maxValue=100),
        tr("0-100, default 75; used when JPEG tiles are recompressed or rendered."))))
    algorithm.addParameter(advanced(choice_parameter(
        "exportBy", tr("Levels are given as (exportBy)"), EXPORT_BY_CHOICES)))
    algorithm.addParameter(explained(QgsProcessingParameterString(
        "levels", tr("Levels, e.g. 1,2,3 or 0-7 (levels)"), optional=True),
        tr("Level ids, scales or resolutions as 'Levels are given as' says, in lists and "
           "ranges; empty: every level holding tiles.")))
    algorithm.addParameter(explained(QgsProcessingParameterFeatureSource(
        "areaOfInterest", tr("Area of interest (areaOfInterest)"),
        types=[QgsProcessing.TypeVectorPolygon], optional=True),
        tr("A polygon layer, or an Esri JSON FeatureSet typed in; it supersedes the extent.")))


def add_access_parameters(algorithm):
    """token and authcfg: what exporttiles and estimateexporttilessize need for a
    secured service."""
    algorithm.addParameter(advanced(explained(QgsProcessingParameterString(
        "token", tr("Service token (token)"), optional=True),
        tr("The token of a secured ArcGIS service."))))
    algorithm.addParameter(advanced(explained(QgsProcessingParameterAuthConfig(
        "authcfg", tr("Service authentication"), optional=True),
        tr("A QGIS authentication configuration for a secured service; a username and "
           "password are turned into a token."))))


def add_remote_parameters(algorithm):
    """The parameters of an export from a service."""
    add_access_parameters(algorithm)
    algorithm.addParameter(advanced(QgsProcessingParameterNumber(
        "maxConcurrentRequests", tr("Requests to the service at a time"),
        type=QgsProcessingParameterNumber.Integer, minValue=1, maxValue=MAX_CONCURRENCY,
        defaultValue=DEFAULT_CONCURRENCY)))
    algorithm.addParameter(advanced(explained(choice_parameter(
        "exportMethod", tr("Service export method"), METHOD_CHOICES),
        tr("How the tiles of a service are taken offline. Automatic: the service's own "
           "exportTiles job when a package is written and the service allows it, else the "
           "tiles are fetched here, tile by tile."))))


def add_limit_parameter(algorithm):
    """maxExportTilesCount, checked before anything is written."""
    algorithm.addParameter(advanced(explained(QgsProcessingParameterNumber(
        "maxExportTilesCount", tr("Tile limit (maxExportTilesCount)"),
        type=QgsProcessingParameterNumber.Integer, minValue=0,
        defaultValue=DEFAULT_MAX_TILES),
        tr("The most tiles the export may hold, checked before anything is written; "
           "0: no limit."))))


def add_cluster_parameter(algorithm):
    """CLUSTER: empty runs the export here; local:N or a scheduler's address, on Dask."""
    algorithm.addParameter(advanced(explained(QgsProcessingParameterString(
        "CLUSTER", tr("Dask cluster (CLUSTER)"), defaultValue="", optional=True),
        tr("Empty: this machine; local:N: N worker processes here; tcp://host:8786: a "
           "running scheduler."))))


def add_output_parameter(algorithm):
    """OUTPUT: a cache folder first, since the default tilePackage=false writes one, and a
    "(*)" filter adds no extension to the name typed."""
    algorithm.addParameter(explained(OutputPathParameter(
        "OUTPUT", tr("Output cache folder or package"),
        fileFilter=tr("Cache folder, no extension (*);;Compact V2 tile package (*.tpkx);;"
                      "Compact V1 tile package (*.tpk);;MBTiles (*.mbtiles);;"
                      "GeoPackage (*.gpkg)")),
        tr("A new cache folder, or an existing cache folder to merge the tiles into "
           "(its other tiles are kept); with 'Write a tile package' checked, a .tpkx or "
           ".tpk file, named with that extension.")))

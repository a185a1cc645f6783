"""tilepackage:importtiles, the ArcGIS REST importTiles operation on a cache on disk.

The "service" is a cache folder (INPUT); sourceItemId is the package whose
tiles are merged into it. Parameter keys are the REST names.
"""
import os

from qgis.core import (QgsProcessing, QgsProcessingOutputFile, QgsProcessingOutputFolder,
                       QgsProcessingOutputNumber, QgsProcessingOutputString,
                       QgsProcessingParameterBoolean,
                       QgsProcessingParameterFeatureSource, QgsProcessingParameterString)

from ..qgis_support.tr import tr
from ..tilecache.errors import ParameterError, TileCacheError
from ..tilecache.packages import input_kind
from ..tilecache.params.levels import level_ranges_text
from ..tilecache.pipeline.importer import ImportOptions, import_tiles
from ..tilecache.pipeline.rest_bodies import error_body, import_success_body, new_job_id
from .algorithm import TileAlgorithm
from .extent_widget import extent_with_crs
from .map_outputs import refresh_layers_of
from .parameters import advanced, explained, path_parameter
from .processing_feedback import QgisFeedback
from .remote_import import fetched_package, remote_package
from .responses import add_format_parameter, format_response, response_format, response_outputs
from .values import ParameterValues

#: json, as for exportTiles: RESPONSE is read by scripts and models. (REST's
#: importTiles defaults to html because browsers call it; f=html still works.)
DEFAULT_FORMAT = "json"
#: Read by our own code: QGIS would refuse a folder for a File parameter, the
#: REST extent forms, Esri JSON for a layer, and REST enum spellings.
IMPORT_LENIENT = frozenset({"INPUT", "sourceItemId", "extent", "areaOfInterest", "f"})


def _existing_path(values, name):
    path = values.file(name)
    if not path:
        raise ParameterError(tr("{name}: no path given").format(name=name))
    if not os.path.exists(path) and input_kind(path) is None:
        raise ParameterError(tr("{path}: no such file or folder").format(path=path))
    return os.path.abspath(path)


def _cache_folder(path):
    """The cache's folder, whether INPUT names it or its conf.xml."""
    return os.path.dirname(path) if os.path.isfile(path) else path


#: Files that stand for the cache folder they sit in.
_CACHE_FILES = {"conf.xml", "root.json"}


def _cache_location(path):
    """The folder a cache path means; a package file is itself, not its folder."""
    if os.path.isfile(path) and os.path.basename(path).lower() in _CACHE_FILES:
        path = os.path.dirname(path)
    return os.path.realpath(path)


def _paths(values):
    cache = _existing_path(values, "INPUT")
    package = remote_package(values) or _existing_path(values, "sourceItemId")
    # A package kept inside the cache's folder, or beside another package, is
    # not the cache: only the same folder (or its conf.xml / root.json) is.
    if _cache_location(cache) == _cache_location(package):
        raise ParameterError(
            tr("sourceItemId: the package is the cache itself; nothing to import"))
    return cache, package


def _options(values, with_area=True):
    extent = values.extent("extent")
    area = values.area("areaOfInterest") if with_area else None
    return ImportOptions(
        extent=extent[0] if extent else None,
        extent_sr=extent[1] if extent else None,
        levels=values.text("levels") or None,
        merge_bundle=values.boolean("mergeBundle"),
        replace_tiles=values.boolean("replaceTiles"),
        area_of_interest=area[0] if area else None,
        area_sr=area[1] if area else None)


def _log_error_body(exc, f, feedback):
    """The REST failure body in the log, for scripts that read it like a response."""
    feedback.pushInfo(format_response(error_body(exc), "pjson" if f == "pjson" else "json"))


def _import(cache, package, options, f, feedback):
    """Run the import; a core failure also logs its REST error body before it propagates."""
    try:
        return import_tiles(cache, package, options, QgisFeedback(feedback))
    except TileCacheError as exc:
        _log_error_body(exc, f, feedback)
        raise


def _log_result(result, feedback):
    for warning in result.warnings:
        feedback.pushWarning(warning)
    if result.tiles_imported:
        feedback.pushInfo(tr("Imported {imported} tiles into {bundles} bundles at levels "
                             "{levels}.").format(imported=result.tiles_imported,
                                                 bundles=result.bundles_written,
                                                 levels=level_ranges_text(result.levels)))
    else:
        feedback.pushInfo(tr("No tile was imported."))
    if result.tiles_skipped:
        # Only these are counted: the cache's tiles the package does not touch
        # stay too, and saying "N kept" of these alone misled.
        feedback.pushInfo(tr("{skipped} tiles of the package were not imported: the cache "
                             "has tiles there and replaceTiles is false.").format(
            skipped=result.tiles_skipped))


class ImportTilesAlgorithm(TileAlgorithm):
    """importTiles: merge a tile package's tiles into an existing cache."""

    LENIENT = IMPORT_LENIENT
    HELP_ANCHOR = "import-tiles"
    TAGS = ("importTiles", "import", "merge", "update", "sourceItemId")

    def name(self):
        return "importtiles"

    def displayName(self):  # noqa: N802 - QGIS API name
        return tr("Import tiles")

    def shortHelpString(self):  # noqa: N802 - QGIS API name
        return tr(
            "Merges the tiles of a tile package into an existing Esri tile cache, like the "
            "ArcGIS REST importTiles operation; parameter names and values are the REST ones.\n\n"
            "INPUT: the cache that receives the tiles: its folder or its conf.xml "
            "(Compact V2, Compact V1 or exploded storage).\n"
            "sourceItemId: the .tpkx or .tpk (a cache folder works too). Its tiling scheme must "
            "match the cache's: spatial reference, tile origin, tile size, and each level's "
            "resolution must be one of the cache's LODs. Level ids may differ: tiles land in "
            "the cache level of the same resolution.\n"
            "extent: picks the package's bundles that intersect it, as REST does (whole "
            "bundles of 128 x 128 tiles); forms: 'minx,miny,maxx,maxy' in the cache's spatial "
            "reference, the REST JSON Extent with spatialReference, or the QGIS form "
            "'xmin,xmax,ymin,ymax [EPSG:n]'. For tile-exact clipping use areaOfInterest.\n"
            "levels: the cache's level ids to import, as lists and ranges ('1,2,3', '0-7'); "
            "empty = every level of the package. A level beyond the cache's LODs fails with "
            "'Specified level id \"N\" is not within the min and max scale range.'; with "
            "levels given, package levels outside them are simply left out.\n"
            "mergeBundle (default true): tiles are merged into the cache's bundles, keeping "
            "the tiles the package does not have; false: each bundle the package holds "
            "replaces the cache's bundle of the same name. Exploded caches have no bundle "
            "files: their tiles are always written one by one.\n"
            "replaceTiles (default true): when merging, package tiles replace tiles the cache "
            "already has; false only fills gaps.\n"
            "areaOfInterest (as ArcGIS Pro's Import Tile Cache): a polygon layer or an Esri "
            "JSON FeatureSet; only tiles sharing area with it are imported.\n"
            "f: json (default), pjson or html (a report) form of RESPONSE.\n\n"
            "Nothing is half-written: new bundles are prepared beside the old ones and "
            "renamed into place only when all are ready; a failure or cancel leaves the cache "
            "unchanged, and after a crash the same import run again completes it. Imports "
            "into one cache wait for each other. A package of another image format (PNG into "
            "JPEG) is imported with a warning and the cache is recorded as MIXED.") + "\n\n" + tr(
            "Examples (qgis_process run tilepackage:importtiles -- ...):\n"
            "Fill the gaps of a cache from a package: INPUT=/data/cache "
            "sourceItemId=/tmp/redlands.tpkx replaceTiles=false\n"
            "Levels 3-5 of the bundles around Redlands (REST example): INPUT=/data/cache "
            "sourceItemId=/tmp/redlands.tpkx levels=3-5 'extent={\"xmin\":-13051380,"
            "\"ymin\":4030276,\"xmax\":-13037288,\"ymax\":4041136,\"spatialReference\":"
            "{\"wkid\":102100}}'\n"
            "Each package bundle replaces the cache's: mergeBundle=false") + "\n\n" + tr(
            "sourceItemId may also be an MBTiles file, a GeoPackage or an XYZ folder "
            "(/data/tiles or /data/tiles/{z}/{x}/{y}.png); its tiles go in through the same "
            "import, all or nothing, under the cache's lock.")

    def initAlgorithm(self, config=None):  # noqa: N802 - QGIS API name
        self.addParameter(explained(path_parameter(
            "INPUT", tr("Tile cache to import into"), tr("Tile cache configuration (conf.xml)")),
            tr("The cache folder or its conf.xml; Compact V2, Compact V1 or exploded.")))
        self.addParameter(explained(path_parameter(
            "sourceItemId", tr("Package to import (sourceItemId)"),
            tr("Tile packages, MBTiles and GeoPackages (*.tpkx *.tpk *.mbtiles *.gpkg *.TPKX "
               "*.TPK)")),
            tr("A .tpkx or .tpk (a cache folder works too) with the cache's tiling scheme.")))
        self.addParameter(explained(extent_with_crs(
            "extent", tr("Bundles intersecting (extent)")),
            tr("Only the package's bundles that intersect this extent are imported.")))
        self.addParameter(explained(QgsProcessingParameterString(
            "levels", tr("Cache levels, e.g. 0-7 (levels)"), optional=True),
            tr("The cache's level ids to import, as lists and ranges ('1,2,3', '0-7'); empty: "
               "every level of the package.")))
        self.addParameter(advanced(explained(QgsProcessingParameterBoolean(
            "mergeBundle", tr("Merge bundles (mergeBundle)"), defaultValue=True),
            tr("Tiles are merged into the cache's bundles; unchecked (false): each package "
               "bundle replaces the cache's bundle of the same name."))))
        self.addParameter(advanced(explained(QgsProcessingParameterBoolean(
            "replaceTiles", tr("Replace existing tiles (replaceTiles)"), defaultValue=True),
            tr("Package tiles replace tiles the cache already has; unchecked (false): only "
               "gaps are filled."))))
        self.addParameter(explained(QgsProcessingParameterFeatureSource(
            "areaOfInterest", tr("Area of interest (areaOfInterest)"),
            types=[QgsProcessing.TypeVectorPolygon], optional=True),
            tr("A polygon layer, or an Esri JSON FeatureSet typed in: only tiles sharing "
               "area with it are imported.")))
        add_format_parameter(self, DEFAULT_FORMAT)
        self.addOutput(QgsProcessingOutputFolder("OUTPUT", tr("Tile cache")))
        self.addOutput(QgsProcessingOutputString("RESPONSE", tr("Response (REST importTiles)")))
        self.addOutput(QgsProcessingOutputNumber("TILES_IMPORTED", tr("Tiles imported")))
        self.addOutput(QgsProcessingOutputNumber(
            "TILES_SKIPPED", tr("Tiles kept because replaceTiles is false")))
        self.addOutput(QgsProcessingOutputFile(
            "REPORT", tr("Import report (HTML, with f=html)")))

    def check_values(self, parameters, context):
        values = ParameterValues(self, parameters, context)
        response_format(values, DEFAULT_FORMAT)
        _paths(values)
        _options(values, with_area=False)

    def process(self, parameters, context, feedback):
        values = ParameterValues(self, parameters, context, feedback)
        f = response_format(values, DEFAULT_FORMAT)
        cache, package = _paths(values)
        package = fetched_package(package, feedback)
        result = _import(cache, package, _options(values), f, feedback)
        _log_result(result, feedback)
        folder = _cache_folder(cache)
        self.imported_into = folder
        body = import_success_body(result, new_job_id(), folder)
        return {"OUTPUT": folder, "TILES_IMPORTED": result.tiles_imported,
                "TILES_SKIPPED": result.tiles_skipped,
                **response_outputs(body, f, "RESPONSE", "importtiles")}

    def postProcessAlgorithm(self, context, feedback):  # noqa: N802 - QGIS API name
        # On the main thread, after the run: open layers of the cache show the new tiles.
        refresh_layers_of(context.project(), getattr(self, "imported_into", None) or "")
        return {}

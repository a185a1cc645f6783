"""tilepackage:importtiles, the ArcGIS REST importTiles operation on a cache on disk.

The "service" is a cache folder (INPUT); sourceItemId is the package whose
tiles are merged into it. Parameter keys are the REST names.
"""
import hashlib
import os

from qgis.core import (QgsProcessing, QgsProcessingException,
                       QgsProcessingOutputFolder,
                       QgsProcessingOutputHtml, QgsProcessingOutputNumber,
                       QgsProcessingOutputString, QgsProcessingParameterBoolean,
                       QgsProcessingParameterEnum, QgsProcessingParameterExtent,
                       QgsProcessingParameterFeatureSource, QgsProcessingParameterFile,
                       QgsProcessingParameterString)

from ..tilecache.errors import TileCacheError
from ..tilecache.pipeline.importer import ImportOptions, import_tiles
from .common import (RESPONSE_FORMATS, QgisFeedback, TileAlgorithm, area_parameter,
                     check_parameters, enum_text, extent_parameter, format_response, new_job_id,
                     run_core, write_html_file)
from .tr import tr

#: json, as for exportTiles: RESPONSE is read by scripts and models. (REST's
#: importTiles defaults to html because browsers call it; f=html still works.)
DEFAULT_FORMAT = "json"
#: Read by our own code: QGIS would refuse a folder for a File parameter, the
#: REST extent forms, Esri JSON for a layer, and REST enum spellings.
LENIENT = {"INPUT", "sourceItemId", "extent", "areaOfInterest", "f"}
PACKAGE_FILTER = "Tile packages (*.tpkx *.tpk *.TPKX *.TPK);;All files (*.*)"


def _existing_path(algorithm, parameters, name, context):
    path = algorithm.parameterAsFile(parameters, name, context)
    if not path:
        raise QgsProcessingException(tr("{name}: no path given").format(name=name))
    if not os.path.exists(path):
        raise QgsProcessingException(tr("{path}: no such file or folder").format(path=path))
    return os.path.abspath(path)


def _cache_folder(path):
    """The cache's folder, whether INPUT names it or its conf.xml."""
    return os.path.dirname(path) if os.path.isfile(path) else path


def _paths(algorithm, parameters, context):
    cache = _existing_path(algorithm, parameters, "INPUT", context)
    package = _existing_path(algorithm, parameters, "sourceItemId", context)
    if os.path.realpath(_cache_folder(cache)) == os.path.realpath(_cache_folder(package)):
        raise QgsProcessingException(
            tr("sourceItemId: the package is the cache itself; nothing to import"))
    return cache, package


def _options(algorithm, parameters, context, feedback=None, with_area=True):
    extent = extent_parameter(algorithm, parameters, "extent", context)
    area = area_parameter(algorithm, parameters, "areaOfInterest", context, feedback) \
        if with_area else None
    levels = algorithm.parameterAsString(parameters, "levels", context).strip() or None
    return ImportOptions(
        extent=extent[0] if extent else None,
        extent_sr=extent[1] if extent else None,
        levels=levels,
        merge_bundle=algorithm.parameterAsBool(parameters, "mergeBundle", context),
        replace_tiles=algorithm.parameterAsBool(parameters, "replaceTiles", context),
        area_of_interest=area[0] if area else None,
        area_sr=area[1] if area else None)


def success_response(cache, result, job_id):
    """The REST importTiles success answer, for a cache folder as the service."""
    folder = _cache_folder(os.path.abspath(cache))
    return {
        # A stable id per cache, as a service keeps its id between calls.
        "id": hashlib.sha1(os.path.realpath(folder).encode("utf-8")).hexdigest()[:16],
        "name": os.path.basename(os.path.normpath(folder)),
        "itemId": result.item_id,
        "status": "Success",
        "type": "Map Service",
        "jobId": job_id,
        "message": "success",
    }


def _push_error_response(exc, response_format, feedback):
    """The REST failure body in the log, for scripts that read it like a response."""
    body = {"error": {"code": exc.code, "message": str(exc), "details": None}}
    feedback.pushInfo(format_response(body, "pjson" if response_format == "pjson" else "json"))


class ImportTilesAlgorithm(TileAlgorithm):
    """importTiles: merge a tile package's tiles into an existing cache."""

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
            "JPEG) is imported with a warning and the cache is recorded as MIXED.")

    def initAlgorithm(self, config=None):  # noqa: N802 - QGIS API name
        self.addParameter(QgsProcessingParameterFile(
            "INPUT", tr("Tile cache to import into (folder or conf.xml)"),
            behavior=QgsProcessingParameterFile.Folder))
        self.addParameter(QgsProcessingParameterFile(
            "sourceItemId", tr("Tile package to import (sourceItemId)"),
            behavior=QgsProcessingParameterFile.File, fileFilter=PACKAGE_FILTER))
        self.addParameter(QgsProcessingParameterExtent(
            "extent", tr("Import the package's bundles intersecting (extent)"), optional=True))
        self.addParameter(QgsProcessingParameterString(
            "levels", tr("Cache levels to import, e.g. 1,2,3 or 0-7 (levels)"), optional=True))
        self.addParameter(QgsProcessingParameterBoolean(
            "mergeBundle", tr("Merge into existing bundles (mergeBundle)"), defaultValue=True))
        self.addParameter(QgsProcessingParameterBoolean(
            "replaceTiles", tr("Package tiles replace existing tiles (replaceTiles)"),
            defaultValue=True))
        self.addParameter(QgsProcessingParameterFeatureSource(
            "areaOfInterest", tr("Area of interest: polygon layer or Esri JSON (areaOfInterest)"),
            types=[QgsProcessing.TypeVectorPolygon], optional=True))
        self.addParameter(QgsProcessingParameterEnum(
            "f", tr("Response format (f)"), options=RESPONSE_FORMATS,
            defaultValue=DEFAULT_FORMAT, usesStaticStrings=True))
        self.addOutput(QgsProcessingOutputFolder("OUTPUT", tr("Tile cache")))
        self.addOutput(QgsProcessingOutputString("RESPONSE", tr("Response (REST importTiles)")))
        self.addOutput(QgsProcessingOutputNumber("TILES_IMPORTED", tr("Tiles imported")))
        self.addOutput(QgsProcessingOutputNumber(
            "TILES_SKIPPED", tr("Tiles kept because replaceTiles is false")))
        self.addOutput(QgsProcessingOutputHtml("REPORT", tr("Import report")))

    def checkParameterValues(self, parameters, context):  # noqa: N802 - QGIS API name
        ok, message = check_parameters(self, parameters, context, LENIENT)
        if not ok:
            return ok, message
        try:
            enum_text(parameters, "f", RESPONSE_FORMATS, DEFAULT_FORMAT)
            _paths(self, parameters, context)
            _options(self, parameters, context, with_area=False)
        except QgsProcessingException as exc:
            return False, str(exc)
        return True, ""

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802 - QGIS API name
        response_format = enum_text(parameters, "f", RESPONSE_FORMATS, DEFAULT_FORMAT)
        cache, package = _paths(self, parameters, context)
        options = _options(self, parameters, context, feedback)

        def run():
            try:
                return import_tiles(cache, package, options, QgisFeedback(feedback))
            except TileCacheError as exc:
                _push_error_response(exc, response_format, feedback)
                raise

        result = run_core(feedback, run)
        for warning in result.warnings:
            feedback.pushWarning(warning)
        feedback.pushInfo(tr("Imported {imported} tiles into {bundles} bundles of levels "
                             "{levels}; {skipped} existing tiles kept").format(
            imported=result.tiles_imported, bundles=result.bundles_written,
            levels=",".join(str(level) for level in result.levels) or "-",
            skipped=result.tiles_skipped))
        text = format_response(success_response(cache, result, new_job_id()), response_format)
        outputs = {"OUTPUT": _cache_folder(cache), "RESPONSE": text,
                   "TILES_IMPORTED": result.tiles_imported,
                   "TILES_SKIPPED": result.tiles_skipped}
        if response_format == "html":
            outputs["REPORT"] = write_html_file(text, "importtiles")
        return outputs

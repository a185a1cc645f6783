"""The parameters exporttiles and estimateexporttilessize share: their definitions
and their reading into the core's ExportOptions, the INPUT path and OUTPUT.

Below export_algorithm.py and the modules of each input mode (render_export,
remote_export), which all read them; it imports none of those.
"""
import os

from qgis.core import (QgsProcessing, QgsProcessingException, QgsProcessingParameterBoolean,
                       QgsProcessingParameterExtent, QgsProcessingParameterFeatureSource,
                       QgsProcessingParameterNumber, QgsProcessingParameterString,
                       QgsProcessingUtils)

from ..qgis_support.tr import tr
from ..tilecache.formats import format_for
from ..tilecache.formats.storage_format import StorageFormat
from ..tilecache.pipeline.export import DEFAULT_MAX_TILES, ExportOptions
from ..tilecache.pipeline.sinks import check_output_name
from .common import (area_parameter, bool_value, enum_text, extent_parameter, raw_value,
                     response_format, run_core, temporary_output)
from .parameters import advanced, choice_parameter, explained, path_parameter, rest_values

STORAGE_CHOICES = [(StorageFormat.COMPACT_V2.value, tr("Compact V2 bundles")),
                   (StorageFormat.COMPACT_V1.value, tr("Compact V1 bundles")),
                   (StorageFormat.EXPLODED.value, tr("Exploded, one file per tile"))]
STORAGE_FORMATS = rest_values(STORAGE_CHOICES)
EXPORT_BY_CHOICES = [("LevelID", tr("Level ids")), ("Resolution", tr("Resolutions")),
                     ("Scale", tr("Scales"))]
EXPORT_BY = rest_values(EXPORT_BY_CHOICES)
#: Parameters read by our own code because QGIS's checks would refuse REST
#: spellings (a folder for a File input, a JSON envelope, "levelId", ...).
EXPORT_LENIENT = frozenset({"INPUT", "storageFormatType", "exportExtent", "compressionQuality",
                            "exportBy", "areaOfInterest", "maxExportTilesCount", "f", "OUTPUT"})


def add_input_parameter(algorithm, optional=False):
    """INPUT: the cache, package or service exported from (empty when layers are rendered)."""
    help_text = tr("A cache folder or its conf.xml, a .tpk or .tpkx, or the URL of an ArcGIS "
                   "MapServer or ImageServer with cached tiles.")
    if optional:
        help_text += " " + tr("Leave it empty to render map layers instead: the layers "
                              "chosen in 'Or: layers to render', else the project's visible "
                              "layers.")
    algorithm.addParameter(explained(path_parameter(
        "INPUT", tr("Cache, package or service URL"),
        tr("Tile caches and packages (conf.xml *.tpk *.tpkx *.TPK *.TPKX)"), optional=optional),
        help_text))


def add_selection_parameters(algorithm):
    """The REST parameters that decide what is exported."""
    algorithm.addParameter(choice_parameter(
        "storageFormatType", tr("Storage format (storageFormatType)"), STORAGE_CHOICES))
    algorithm.addParameter(explained(QgsProcessingParameterBoolean(
        "tilePackage", tr("Write a tile package (tilePackage)"), defaultValue=False),
        tr("Checked (true): a .tpkx (Compact V2) or .tpk (Compact V1) file. Unchecked "
           "(false): a cache folder (conf.xml, conf.cdi, _alllayers).")))
    algorithm.addParameter(QgsProcessingParameterExtent(
        "exportExtent", tr("Extent to export (exportExtent)"), optional=True))
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


def read_options(algorithm, parameters, context, feedback=None, with_area=True):
    """ExportOptions from the parameters; QgsProcessingException on bad values.

    ``with_area=False`` skips reading a polygon layer, for the cheap checks
    made before the run.
    """
    storage = enum_text(parameters, "storageFormatType", STORAGE_FORMATS, STORAGE_FORMATS[0])
    tile_package = bool_value(algorithm, parameters, "tilePackage", context)
    if tile_package and format_for(storage).package_extension is None:
        raise QgsProcessingException(tr(
            "storageFormatType: a tile package holds Compact V2 (.tpkx) or Compact V1 (.tpk) "
            "bundles; esriMapCacheStorageModeExploded needs tilePackage=false"))
    extent = extent_parameter(algorithm, parameters, "exportExtent", context)
    area = None
    if with_area:
        area = area_parameter(algorithm, parameters, "areaOfInterest", context, feedback)
    levels = algorithm.parameterAsString(parameters, "levels", context).strip() or None
    return run_core(feedback, ExportOptions,
                    storage_format=storage,
                    tile_package=tile_package,
                    levels=levels,
                    export_by=enum_text(parameters, "exportBy", EXPORT_BY, EXPORT_BY[0]),
                    extent=extent[0] if extent else None,
                    extent_sr=extent[1] if extent else None,
                    area_of_interest=area[0] if area else None,
                    area_sr=area[1] if area else None,
                    optimize_tiles_for_size=bool_value(
                        algorithm, parameters, "optimizeTilesForSize", context),
                    compression_quality=_whole_number(parameters, "compressionQuality", None),
                    max_tiles=_whole_number(parameters, "maxExportTilesCount",
                                            DEFAULT_MAX_TILES))


def _whole_number(parameters, name, default):
    value = raw_value(parameters, name)
    if value is None:
        return default
    try:
        number = float(value)
    except (TypeError, ValueError):
        number = float("nan")
    if number != number or number != int(number):
        raise QgsProcessingException(
            tr("{name}: \"{value}\" is not a whole number").format(name=name, value=value))
    return int(number)


def input_path(algorithm, parameters, context):
    """The INPUT path; a folder is fine although the GUI picker offers files."""
    path = algorithm.parameterAsFile(parameters, "INPUT", context)
    if not path:
        raise QgsProcessingException(tr("INPUT: no tile cache or tile package given"))
    if not os.path.exists(path):
        raise QgsProcessingException(
            tr("{path}: no such file or folder").format(path=path))
    return path


def output_path(algorithm, parameters, context, options):
    """OUTPUT: the package file or the cache folder, checked against the options."""
    if temporary_output(parameters, "OUTPUT"):
        # QGIS would name a temporary output after the first filter (.tpkx);
        # name it after what will really be written instead.
        extension = format_for(options.storage_format).package_extension \
            if options.tile_package else ""
        return QgsProcessingUtils.generateTempFilename("exported_tiles" + extension)
    path = algorithm.parameterAsFileOutput(parameters, "OUTPUT", context)
    if not path:
        raise QgsProcessingException(tr("OUTPUT: no output path given"))
    run_core(None, check_output_name, path, options.storage_format, options.tile_package)
    return path


def check_selection(algorithm, parameters, context):
    """exportTiles' and estimateExportTilesSize's cheap checks; the ExportOptions."""
    options = read_options(algorithm, parameters, context, with_area=False)
    response_format(parameters)
    input_path(algorithm, parameters, context)
    return options

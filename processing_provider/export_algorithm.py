"""tilepackage:exporttiles, the ArcGIS REST exportTiles operation on a cache on disk.

Parameter keys are the REST names so REST calls paste into qgis_process.
The parameter definitions and their reading are shared with
estimateexporttilessize, which takes the same parameters.
"""
import os
import time
from datetime import datetime

from qgis.core import (QgsProcessing, QgsProcessingException,
                       QgsProcessingOutputFile,
                       QgsProcessingOutputNumber, QgsProcessingOutputString,
                       QgsProcessingParameterBoolean,
                       QgsProcessingParameterFeatureSource,
                       QgsProcessingParameterNumber, QgsProcessingParameterString)

from ..tilecache.pipeline.export import DEFAULT_MAX_TILES, ExportOptions
from ..tilecache.pipeline.rest_bodies import (export_job_body, export_summary, new_job_id,
                                              output_size)
from ..tilecache.pipeline.sinks import check_output_name
from ..tilecache.formats import format_for
from ..tilecache.formats.storage_format import StorageFormat
from .common import (QgisFeedback, TileAlgorithm, add_format_parameter, area_parameter,
                     bool_value, enum_text, extent_parameter, raw_value, response_format,
                     response_outputs, run_core, temporary_output)
from .extent_widget import extent_with_crs
from .map_outputs import load_output_on_completion
from .cluster_parameter import add_cluster_parameter, exporter
from .cluster_render import render_here_or_on_cluster
from .parameters import (OutputPathParameter, advanced, choice_parameter, explained,
                         path_parameter, rest_values)
from .render_export import (RENDER_LENIENT, add_layers_parameter, add_render_parameters,
                            check_render, chosen_layers, prepare_layers)
from .remote_export import (REMOTE_LENIENT, add_remote_parameters, check_remote, remote_input,
                            run_remote)
from .tr import tr

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
        extension = options.storage_format.package_extension if options.tile_package else ""
        from qgis.core import QgsProcessingUtils
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


class ExportTilesAlgorithm(TileAlgorithm):
    """exportTiles: a new cache folder or tile package from part of a cache."""

    LENIENT = EXPORT_LENIENT | RENDER_LENIENT | REMOTE_LENIENT
    HELP_ANCHOR = "export-tiles"
    TAGS = ("exportTiles", "export", "extract", "clip", "package", "conf.xml")

    def name(self):
        return "exporttiles"

    def displayName(self):  # noqa: N802 - QGIS API name
        return tr("Export tiles")

    def shortHelpString(self):  # noqa: N802 - QGIS API name
        return tr(
            "Exports tiles of an Esri tile cache or tile package, like the ArcGIS REST "
            "exportTiles operation; parameter names and values are the REST ones.\n\n"
            "INPUT: a cache folder, its conf.xml, a .tpk or a .tpkx.\n"
            "tilePackage=false writes a cache folder (conf.xml, conf.cdi, _alllayers) in the "
            "chosen storageFormatType; true writes a .tpkx (CompactV2) or .tpk (Compact). "
            "OUTPUT must carry the matching extension; it is never renamed. An OUTPUT that "
            "is an existing cache folder gets the tiles merged in (as importtiles does); its "
            "other tiles stay.\n"
            "exportExtent: the QGIS form 'xmin,xmax,ymin,ymax [EPSG:n]', the REST JSON "
            "envelope (with spatialReference, or in the cache's spatial reference without), or "
            "four bare numbers, always REST order 'xmin,ymin,xmax,ymax' as the REST pages "
            "define them (the dialog adds its CRS to what it sends).\n"
            "areaOfInterest: a polygon layer or an Esri JSON FeatureSet; it supersedes "
            "exportExtent. A tile is exported when it shares area with the extent or polygons.\n"
            "exportBy/levels: level ids, scales or resolutions, as lists and ranges "
            "('1,2,3', '1-4,7-9'); empty = every level holding tiles.\n"
            "optimizeTilesForSize re-encodes JPEG tiles at compressionQuality (default 75), "
            "keeping a tile when that is not smaller.\n"
            "maxExportTilesCount (0 = no limit) is checked before anything is written.\n"
            "f: json, pjson or html form of the JOB output.") + "\n\n" + tr(
            "Other sources: INPUT may also be the URL of an ArcGIS MapServer or ImageServer "
            "with cached tiles (token or authcfg for a secured one; exportMethod chooses the "
            "service's own job or fetching the tiles here). Left empty, INPUT gives way to "
            "rendering: the layers of LAYERS ('Or: layers to render'), else the project's "
            "visible layers, are drawn into tiles of tilingScheme (empty: ArcGIS Online Web "
            "Mercator) in tileFormat; the advanced dpi, antialiasing, background and package "
            "title, summary, tags, description and credits refine the result.\n"
            "In the dialog, a label's tooltip gives the parameter's REST name and details.") + \
            "\n\n" + tr(
            "Examples (qgis_process run tilepackage:exporttiles -- ...):\n"
            "A .tpkx of levels 0-7 around Redlands, JPEG re-encoded at quality 60: "
            "INPUT=/data/World_Imagery/conf.xml tilePackage=true exportBy=LevelID levels=0-7 "
            "'exportExtent={\"xmin\":-13051380,\"ymin\":4030276,\"xmax\":-13037288,"
            "\"ymax\":4041136,\"spatialReference\":{\"wkid\":102100}}' "
            "optimizeTilesForSize=true compressionQuality=60 OUTPUT=/tmp/redlands.tpkx\n"
            "A Compact V1 cache folder of a polygon (REST example three): INPUT=cache.tpk "
            "storageFormatType=esriMapCacheStorageModeCompact 'areaOfInterest={\"features\":"
            "[{\"geometry\":{\"rings\":[[[-100,35],[-100,45],[-90,45],[-90,35],[-100,35]]],"
            "\"spatialReference\":{\"wkid\":4326}}}]}' OUTPUT=/tmp/aoi_cache\n"
            "Levels by scale: exportBy=Scale levels=73957190.948944,36978595.474472")

    def initAlgorithm(self, config=None):  # noqa: N802 - QGIS API name
        add_input_parameter(self, optional=True)
        add_layers_parameter(self)
        add_selection_parameters(self)
        add_render_parameters(self)
        add_remote_parameters(self)
        self.addParameter(advanced(explained(QgsProcessingParameterNumber(
            "maxExportTilesCount", tr("Tile limit (maxExportTilesCount)"),
            type=QgsProcessingParameterNumber.Integer, minValue=0,
            defaultValue=DEFAULT_MAX_TILES),
            tr("The most tiles the export may hold, checked before anything is written; "
               "0: no limit."))))
        add_cluster_parameter(self)
        add_format_parameter(self)
        # A cache folder first: it is what the default tilePackage=false writes,
        # and a "(*)" filter adds no extension to the name typed.
        self.addParameter(explained(OutputPathParameter(
            "OUTPUT", tr("Output cache folder or package"),
            fileFilter=tr("Cache folder, no extension (*);;Compact V2 tile package (*.tpkx);;"
                          "Compact V1 tile package (*.tpk)")),
            tr("A new cache folder, or an existing cache folder to merge the tiles into "
               "(its other tiles are kept); with 'Write a tile package' checked, a .tpkx or "
               ".tpk file, named with that extension.")))
        self.addOutput(QgsProcessingOutputString("JOB", tr("Job (REST response)")))
        self.addOutput(QgsProcessingOutputNumber("TILE_COUNT", tr("Tiles exported")))
        self.addOutput(QgsProcessingOutputFile(
            "REPORT", tr("Export report (HTML, with f=html)")))

    def check_values(self, parameters, context):
        if chosen_layers(self, parameters, context):
            check_render(self, parameters, context)
            return
        if run_core(None, remote_input, parameters, context):
            check_remote(self, parameters, context)
            return
        options = check_selection(self, parameters, context)
        output_path(self, parameters, context, options)

    def prepareAlgorithm(self, parameters, context, feedback):  # noqa: N802 - QGIS API name
        # On the main thread: layers to render are cloned here, not in the run.
        self.render_layers = prepare_layers(self, parameters, context)
        return True

    def process(self, parameters, context, feedback):
        started = time.monotonic()
        f = response_format(parameters)
        if getattr(self, "render_layers", None):
            layers, self.render_layers = self.render_layers, None  # the clones die with the run
            result = render_here_or_on_cluster(self, layers, parameters, context, feedback)
        elif (url := run_core(feedback, remote_input, parameters, context)):
            result = run_remote(self, url, parameters, context, feedback)
        else:
            result = self._export(parameters, context, feedback)
        size = output_size(result.output)
        job = export_job_body(result, new_job_id(), size, datetime.now(),
                              time.monotonic() - started)
        feedback.pushInfo(export_summary(result, size))
        self.exported = result.output
        return {"OUTPUT": result.output, "TILE_COUNT": result.tile_count,
                **response_outputs(job, f, "JOB", "exporttiles")}

    def postProcessAlgorithm(self, context, feedback):  # noqa: N802 - QGIS API name
        # On the main thread, after the run: the output goes on the map where QGIS
        # loads results (the toolbox), through map_outputs.
        if getattr(self, "exported", None):
            load_output_on_completion(context, self.exported)
        return {}

    def _export(self, parameters, context, feedback):
        options = read_options(self, parameters, context, feedback)
        source = input_path(self, parameters, context)
        output = output_path(self, parameters, context, options)
        if options.compression_quality is not None and not options.optimize_tiles_for_size:
            feedback.pushWarning(tr("compressionQuality is used only with "
                                    "optimizeTilesForSize=true; tiles are copied unchanged"))
        return run_core(feedback, exporter(self, parameters, context), source, output, options,
                        QgisFeedback(feedback))

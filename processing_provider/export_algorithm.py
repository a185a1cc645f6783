"""tilepackage:exporttiles, the ArcGIS REST exportTiles operation on a cache on disk.

Parameter keys are the REST names so REST calls paste into qgis_process.
The parameter definitions and their reading are shared with
estimateexporttilessize, which takes the same parameters.
"""
import time
from datetime import datetime

from qgis.core import (QgsProcessingOutputFile, QgsProcessingOutputNumber,
                       QgsProcessingOutputString, QgsProcessingParameterNumber)

from ..qgis_support.tr import tr
from ..tilecache.pipeline.export import DEFAULT_MAX_TILES
from ..tilecache.pipeline.rest_bodies import (export_job_body, export_summary, new_job_id,
                                              output_size)
from .cluster_parameter import add_cluster_parameter, exporter
from .cluster_render import render_here_or_on_cluster
from .common import (QgisFeedback, TileAlgorithm, add_format_parameter, response_format,
                     response_outputs, run_core)
from .export_parameters import (EXPORT_LENIENT, add_input_parameter, add_selection_parameters,
                                check_selection, input_path, output_path, read_options)
from .map_outputs import load_output_on_completion
from .parameters import OutputPathParameter, advanced, explained
from .remote_export import (REMOTE_LENIENT, add_remote_parameters, check_remote, remote_input,
                            run_remote)
from .render_export import (RENDER_LENIENT, add_layers_parameter, add_render_parameters,
                            check_render, chosen_layers, prepare_layers)


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
            "four bare numbers; bare numbers are read in the one order, REST "
            "'xmin,ymin,xmax,ymax' or QGIS 'xmin,xmax,ymin,ymax', that gives a box, and refused "
            "with both readings shown when both do.\n"
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

"""tilepackage:exporttiles, the ArcGIS REST exportTiles operation.

Parameter keys are the REST names so REST calls paste into qgis_process
(export_parameters.py). A run reads them once into an ExportRequest
(export_request.py) and hands it to the run of its input mode: a cache or
package, or a tiled service. Map layers are drawn into tiles by
createmaptilepackage (map_tile_package_algorithm.py).
"""
import time
from datetime import datetime

from qgis.core import QgsProcessingOutputFile, QgsProcessingOutputNumber, QgsProcessingOutputString

from ..qgis_support.tr import tr
from ..tilecache.pipeline.rest_bodies import (export_job_body, export_summary, new_job_id,
                                              output_size)
from .algorithm import TileAlgorithm
from .export_from_cache import export_from_cache
from .export_from_service import export_from_service
from .export_parameters import (EXPORT_LENIENT, OPEN_FORMATS_HELP, REMOTE_LENIENT,
                                add_cluster_parameter, add_input_parameter,
                                add_limit_parameter, add_output_parameter,
                                add_remote_parameters, add_selection_parameters)
from .export_request import CacheInput, read_export_request
from .map_outputs import load_output_on_completion
from .processing_feedback import QgisFeedback
from .responses import add_format_parameter, response_outputs
from .service_input import ServiceInput
from .values import ParameterValues

#: The run of each input mode: ``run(request, feedback) -> ExportResult``.
EXPORTS = {CacheInput: export_from_cache, ServiceInput: export_from_service}


class ExportTilesAlgorithm(TileAlgorithm):
    """exportTiles: a new cache folder or tile package from part of a cache."""

    LENIENT = EXPORT_LENIENT | REMOTE_LENIENT
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
            "service's own job or fetching the tiles here). To draw map layers into tiles, "
            "use Create map tile package (tilepackage:createmaptilepackage).\n"
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
            "Levels by scale: exportBy=Scale levels=73957190.948944,36978595.474472") + \
            "\n\n" + OPEN_FORMATS_HELP

    def initAlgorithm(self, config=None):  # noqa: N802 - QGIS API name
        add_input_parameter(self)
        add_selection_parameters(self)
        add_remote_parameters(self)
        add_limit_parameter(self)
        add_cluster_parameter(self)
        add_format_parameter(self)
        add_output_parameter(self)
        self.addOutput(QgsProcessingOutputString("JOB", tr("Job (REST response)")))
        self.addOutput(QgsProcessingOutputNumber("TILE_COUNT", tr("Tiles exported")))
        self.addOutput(QgsProcessingOutputFile(
            "REPORT", tr("Export report (HTML, with f=html)")))

    def check_values(self, parameters, context):
        values = ParameterValues(self, parameters, context)
        read_export_request(values, checking=True)

    def process(self, parameters, context, feedback):
        started = time.monotonic()
        request = read_export_request(ParameterValues(self, parameters, context, feedback))
        result = EXPORTS[type(request.source)](request, QgisFeedback(feedback))
        size = output_size(result.output)
        job = export_job_body(result, new_job_id(), size, datetime.now(),
                              time.monotonic() - started)
        feedback.pushInfo(export_summary(result, size))
        self.exported = result.output
        self.raw_output = ParameterValues(self, parameters, context).raw("OUTPUT")
        return {"OUTPUT": result.output, "TILE_COUNT": result.tile_count,
                **response_outputs(job, request.response_format, "JOB", "exporttiles")}

    def postProcessAlgorithm(self, context, feedback):  # noqa: N802 - QGIS API name
        # On the main thread, after the run: the output goes on the map where QGIS
        # loads results (the toolbox), through map_outputs.
        if getattr(self, "exported", None):
            load_output_on_completion(context, self.exported, self.id(),
                                      getattr(self, "raw_output", None))
        return {}

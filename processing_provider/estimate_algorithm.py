"""tilepackage:estimateexporttilessize, REST estimateExportTilesSize on a cache on disk.

Takes exportTiles' parameters and answers how many tiles, and how many bytes
of tiles, that export would hold, without writing anything.
"""
from qgis.core import QgsProcessingOutputFile, QgsProcessingOutputNumber, QgsProcessingOutputString

from ..qgis_support.tr import tr
from .algorithm import TileAlgorithm
from .export_from_cache import estimate_from_cache
from .export_from_service import estimate_from_service
from .export_parameters import (EXPORT_LENIENT, add_access_parameters, add_input_parameter,
                                add_selection_parameters)
from .export_request import CacheInput, read_export_request
from .processing_feedback import QgisFeedback
from .responses import add_format_parameter, response_outputs
from .service_input import ServiceInput
from .values import ParameterValues

#: The estimate of each input mode: ``estimate(request, feedback) -> REST body``.
ESTIMATES = {CacheInput: estimate_from_cache, ServiceInput: estimate_from_service}


class EstimateExportTilesSizeAlgorithm(TileAlgorithm):
    """estimateExportTilesSize: tile count and size of an export, nothing written."""

    LENIENT = EXPORT_LENIENT
    HELP_ANCHOR = "estimate-export-tiles-size"
    TAGS = ("estimateExportTilesSize", "estimate", "size", "count")

    def name(self):
        return "estimateexporttilessize"

    def displayName(self):  # noqa: N802 - QGIS API name
        return tr("Estimate export tiles size")

    def shortHelpString(self):  # noqa: N802 - QGIS API name
        return tr(
            "Counts the tiles an 'Export tiles' run with the same parameters would write and "
            "sums their sizes as stored in the source (before any JPEG re-encoding), like the "
            "ArcGIS REST estimateExportTilesSize operation. Nothing is written.\n\n"
            "Parameters are exportTiles' REST parameters; see 'Export tiles' for their forms. "
            "JOB holds {\"totalTilesToExport\": n, \"totalSize\": bytes} in the form f asks.") + "\n\n" + tr(
            "Examples (qgis_process run tilepackage:estimateexporttilessize -- ...):\n"
            "The whole package: INPUT=/data/Usa.tpkx\n"
            "Levels 0-5 inside a box in degrees: INPUT=/data/cache/conf.xml levels=0-5 "
            "'exportExtent=-100,-90,35,45 [EPSG:4326]'")

    def initAlgorithm(self, config=None):  # noqa: N802 - QGIS API name
        add_input_parameter(self)
        add_selection_parameters(self)
        add_access_parameters(self)
        add_format_parameter(self)
        self.addOutput(QgsProcessingOutputNumber("TILE_COUNT", tr("Tiles to export")))
        self.addOutput(QgsProcessingOutputNumber("TOTAL_SIZE", tr("Size of those tiles (bytes)")))
        self.addOutput(QgsProcessingOutputString("JOB", tr("Estimate (REST response)")))
        self.addOutput(QgsProcessingOutputFile(
            "REPORT", tr("Estimate report (HTML, with f=html)")))

    def check_values(self, parameters, context):
        read_export_request(ParameterValues(self, parameters, context), checking=True)

    def process(self, parameters, context, feedback):
        request = read_export_request(ParameterValues(self, parameters, context, feedback))
        answer = ESTIMATES[type(request.source)](request, QgisFeedback(feedback))
        count, size = answer["totalTilesToExport"], answer["totalSize"]
        feedback.pushInfo(tr("{count} tiles, {size} bytes").format(count=count, size=size))
        return {"TILE_COUNT": count, "TOTAL_SIZE": size,
                **response_outputs(answer, request.response_format, "JOB",
                                   "estimateexporttilessize")}

"""tilepackage:estimateexporttilessize, REST estimateExportTilesSize on a cache on disk.

Takes exportTiles' parameters and answers how many tiles, and how many bytes
of tiles, that export would hold, without writing anything.
"""
from qgis.core import QgsProcessingOutputFile, QgsProcessingOutputNumber, QgsProcessingOutputString

from ..qgis_support.tr import tr
from ..tilecache.pipeline.export import estimate_export
from .common import (QgisFeedback, TileAlgorithm, add_format_parameter, response_format,
                     response_outputs, run_core)
from .export_parameters import (EXPORT_LENIENT, add_input_parameter, add_selection_parameters,
                                check_selection, input_path, read_options)
from .remote_export import add_access_parameters, check_remote_estimate, estimate_remote, \
    remote_input


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
        if run_core(None, remote_input, parameters, context):
            check_remote_estimate(self, parameters, context)
            return
        check_selection(self, parameters, context)

    def process(self, parameters, context, feedback):
        f = response_format(parameters)
        url = run_core(feedback, remote_input, parameters, context)
        if url:
            answer = estimate_remote(self, url, parameters, context, feedback)
        else:
            options = read_options(self, parameters, context, feedback)
            source = input_path(self, parameters, context)
            answer = run_core(feedback, estimate_export, source, options, QgisFeedback(feedback))
        count, size = answer["totalTilesToExport"], answer["totalSize"]
        feedback.pushInfo(tr("{count} tiles, {size} bytes").format(count=count, size=size))
        return {"TILE_COUNT": count, "TOTAL_SIZE": size,
                **response_outputs(answer, f, "JOB", "estimateexporttilessize")}

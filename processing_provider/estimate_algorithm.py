"""tilepackage:estimateexporttilessize, REST estimateExportTilesSize on a cache on disk.

Takes exportTiles' parameters and answers how many tiles, and how many bytes
of tiles, that export would hold, without writing anything.
"""
from qgis.core import (QgsProcessingException,
                       QgsProcessingOutputHtml, QgsProcessingOutputNumber,
                       QgsProcessingOutputString)

from ..tilecache.pipeline.export import plan_export
from ..tilecache.pipeline.opening import open_cache
from .common import (RESPONSE_FORMATS, TileAlgorithm, QgisFeedback,
                     check_parameters, enum_text, format_response, run_core, write_html_file)
from .export_algorithm import (LENIENT, add_format_parameter, add_selection_parameters,
                               input_path, read_options)
from .tr import tr


class EstimateExportTilesSizeAlgorithm(TileAlgorithm):
    """estimateExportTilesSize: tile count and size of an export, nothing written."""

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
            "JOB holds {\"totalTilesToExport\": n, \"totalSize\": bytes} in the form f asks.")

    def initAlgorithm(self, config=None):  # noqa: N802 - QGIS API name
        add_selection_parameters(self)
        add_format_parameter(self)
        self.addOutput(QgsProcessingOutputNumber("TILE_COUNT", tr("Tiles to export")))
        self.addOutput(QgsProcessingOutputNumber("TOTAL_SIZE", tr("Size of those tiles (bytes)")))
        self.addOutput(QgsProcessingOutputString("JOB", tr("Estimate (REST response)")))
        self.addOutput(QgsProcessingOutputHtml("REPORT", tr("Estimate report")))

    def checkParameterValues(self, parameters, context):  # noqa: N802 - QGIS API name
        ok, message = check_parameters(self, parameters, context, LENIENT)
        if not ok:
            return ok, message
        try:
            read_options(self, parameters, context, with_area=False)
            enum_text(parameters, "f", RESPONSE_FORMATS, RESPONSE_FORMATS[0])
            input_path(self, parameters, context)
        except QgsProcessingException as exc:
            return False, str(exc)
        return True, ""

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802 - QGIS API name
        response_format = enum_text(parameters, "f", RESPONSE_FORMATS, RESPONSE_FORMATS[0])
        options = read_options(self, parameters, context, feedback)
        source = input_path(self, parameters, context)

        def estimate():
            with open_cache(source) as reader:
                return plan_export(reader, options, QgisFeedback(feedback))

        plan = run_core(feedback, estimate)
        answer = {"totalTilesToExport": plan.tile_count, "totalSize": plan.tile_bytes}
        feedback.pushInfo(tr("{count} tiles, {size} bytes").format(
            count=plan.tile_count, size=plan.tile_bytes))
        text = format_response(answer, response_format)
        outputs = {"TILE_COUNT": plan.tile_count, "TOTAL_SIZE": plan.tile_bytes, "JOB": text}
        if response_format == "html":
            outputs["REPORT"] = write_html_file(text, "estimateexporttilessize")
        return outputs

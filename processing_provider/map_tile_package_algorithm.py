"""tilepackage:createmaptilepackage, ArcGIS Pro's Create Map Tile Package for QGIS.

A map (layers, or the project's visible layers) drawn into a .tpkx or .tpk in
a tiling scheme, or merged into an existing cache folder. Parameters are read
once into a MapTileRequest (render_export.py); the run is the core's
render export (tilecache/render), here or on a Dask cluster.
"""
from qgis.core import QgsProcessingOutputNumber, QgsProcessingOutputString

from ..qgis_support.tr import tr
from ..tilecache.errors import ParameterError
from ..tilecache.pipeline.rest_bodies import export_summary, output_size
from ..tilecache.render.estimate import estimate_render
from ..tilecache.render.export_render import rendered_source
from .algorithm import TileAlgorithm
from .export_from_layers import export_from_layers
from .export_parameters import add_cluster_parameter
from .map_outputs import load_output_on_completion
from .map_tile_input import (RENDER_LENIENT, add_map_tile_parameters, prepare_layers,
                             read_map_tile_request)
from .processing_feedback import QgisFeedback
from .rendering import QgisRenderer
from .values import ParameterValues


class CreateMapTilePackageAlgorithm(TileAlgorithm):
    """Create Map Tile Package: a map rendered into a tile package."""

    LENIENT = RENDER_LENIENT
    HELP_ANCHOR = "create-map-tile-package"
    TAGS = ("CreateMapTilePackage", "render", "map", "basemap", "xyz", "offline")

    def name(self):
        return "createmaptilepackage"

    def displayName(self):  # noqa: N802 - QGIS API name
        return tr("Create map tile package")

    def shortHelpString(self):  # noqa: N802 - QGIS API name
        return tr(
            "Draws a map into tiles and packs them into a tile package (.tpkx or .tpk) "
            "that ArcGIS, QGIS (this plugin) and GDAL read, like ArcGIS Pro's Create Map "
            "Tile Package; parameter names are Pro's.\n\n"
            "Map: the layers to draw, the first on top, with their styles and labels; "
            "empty: the project's visible layers. A layer given by a file path gets the "
            "style stored with it (its default, else its first), never a random colour.\n"
            "Tiling scheme: ONLINE is the Web Mercator grid of ArcGIS Online, Google and "
            "OpenStreetMap; EXISTING takes the grid of a cache, package or tiling-scheme "
            "XML (service_file), so the tiles line up with it.\n"
            "Levels: from min_level_of_detail to level_of_detail (0-23). Each level has four "
            "times the tiles of the one before: the tile limit (advanced, default 100,000 "
            "tile slots) refuses a run that would hold more, before anything is drawn. "
            "'Only estimate' reports the slots and an upper bound of the size.\n"
            "Extent or area of interest: only tiles there are drawn; empty: the layers' "
            "extent.\n"
            "Output: a .tpkx or .tpk file, or an existing cache folder the tiles are merged "
            "into.\n\n"
            "A stopped run (Cancel, a crash, a power cut) keeps the finished bundles beside "
            "the output, in a folder ending in .render-journal: the same command run again "
            "draws only the rest. Delete that folder to start afresh.\n\n"
            "Examples: qgis_process run tilepackage:createmaptilepackage "
            "--PROJECT_PATH=world.qgz -- level_of_detail=7 output_file=world.tpkx")

    def initAlgorithm(self, config=None):  # noqa: N802 - QGIS API name
        add_map_tile_parameters(self)
        add_cluster_parameter(self)
        self.addOutput(QgsProcessingOutputNumber("TILE_COUNT", tr("Tiles written")))
        self.addOutput(QgsProcessingOutputNumber("TILE_SLOTS", tr("Tile slots")))
        self.addOutput(QgsProcessingOutputNumber("MAX_BYTES",
                                                 tr("Upper bound of the size, in bytes")))
        self.addOutput(QgsProcessingOutputString("SUMMARY", tr("Summary")))

    def check_values(self, parameters, context):
        values = ParameterValues(self, parameters, context)
        read_map_tile_request(values, (), checking=True)

    def prepareAlgorithm(self, parameters, context, feedback):  # noqa: N802 - QGIS API name
        # On the main thread: layers to render are cloned here, not in the run.
        self.render_layers = prepare_layers(ParameterValues(self, parameters, context))
        return True

    def process(self, parameters, context, feedback):
        layers, self.render_layers = getattr(self, "render_layers", None), None
        if not layers:
            raise ParameterError(tr("in_map: no layers to render: choose layers, or open a "
                                    "project with visible layers"))
        values = ParameterValues(self, parameters, context, feedback)
        request = read_map_tile_request(values, layers)
        estimate = _estimate(request)
        text = tr("{slots} tile slots in {bundles} bundles of levels {levels}; at most "
                  "{mib:.0f} MiB").format(slots=estimate.tile_slots, bundles=estimate.bundles,
                                          levels=",".join(map(str, estimate.levels)),
                                          mib=estimate.max_bytes / 2 ** 20)
        feedback.pushInfo(text)
        outputs = {"TILE_SLOTS": estimate.tile_slots, "MAX_BYTES": estimate.max_bytes}
        if request.estimate_only:
            return {**outputs, "SUMMARY": text, "TILE_COUNT": 0}
        result = export_from_layers(request, QgisFeedback(feedback))
        size = output_size(result.output)
        summary = export_summary(result, size)
        feedback.pushInfo(summary)
        self.exported, self.raw_output = result.output, values.raw("output_file")
        return {**outputs, "output_file": result.output, "TILE_COUNT": result.tile_count,
                "SUMMARY": summary}

    def postProcessAlgorithm(self, context, feedback):  # noqa: N802 - QGIS API name
        # On the main thread, after the run: the package goes on the map where QGIS
        # loads results (the toolbox), through map_outputs.
        if getattr(self, "exported", None):
            load_output_on_completion(context, self.exported, self.id(), self.raw_output)
        return {}


def _estimate(request):
    """The RenderEstimate of ``request``: its slots counted (against the tile limit) and
    an upper bound of the size, before anything is drawn."""
    layers = request.source
    source = rendered_source(layers.scheme, layers.settings, QgisRenderer(layers.map_settings),
                             request.output, layers.item_info)
    try:
        return estimate_render(source, request.options)
    finally:
        source.close()
        if not source.journal.finished_count():
            source.journal.remove()  # nothing to resume: leave no folder behind

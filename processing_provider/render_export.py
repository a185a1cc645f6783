"""createmaptilepackage's parameters, read once into a MapTileRequest, and its run.

Parameter names are those of ArcGIS Pro's Create Map Tile Package (``in_map``,
``service_type``, ``level_of_detail``, ...; docs/create-map-tile-package.md),
plus what QGIS users need to draw a map (dpi, antialiasing, background) and
CLUSTER. Layers are cloned in ``prepare_layers`` on the main thread (QGIS
calls prepareAlgorithm there), so the run, on a worker thread, never touches
the project's own layer objects.
"""
import os
from dataclasses import dataclass
from typing import Optional, Tuple

from qgis.core import (QgsProcessing, QgsProcessingException, QgsProcessingParameterBoolean,
                       QgsProcessingParameterColor, QgsProcessingParameterEnum,
                       QgsProcessingParameterExtent, QgsProcessingParameterFeatureSource,
                       QgsProcessingParameterMultipleLayers, QgsProcessingParameterNumber,
                       QgsProcessingParameterString, QgsProcessingUtils)
from qgis.PyQt.QtGui import QColor

from ..qgis_support.tr import tr
from ..tilecache.formats.storage_format import StorageFormat
from ..tilecache.metadata.iteminfo import ItemInfo
from ..tilecache.pipeline.export import DEFAULT_MAX_TILES, ExportOptions
from ..tilecache.render.encoding import TILE_FORMATS, TRANSPARENT
from ..tilecache.render.export_render import export_rendered, rendered_source
from ..tilecache.render.render_merge import merge_rendered, merge_target
from ..tilecache.render.schemes import arcgis_online_scheme, scheme_from_file
from ..tilecache.render.source import RenderSettings
from .common import (QgisFeedback, area_parameter, enum_text, extent_parameter, raw_value,
                     run_core, temporary_output)
from .layer_styles import apply_stored_style, given_by_path
from .parameters import OutputPathParameter, advanced, explained, path_parameter
from .rendering import (QgisRenderer, drawing_fingerprint, layers_extent, map_settings,
                        scheme_crs)

SERVICE_TYPES = ("ONLINE", "EXISTING")
PACKAGE_TYPES = ("tpkx", "tpk")
#: Parameters read by this module rather than checked by QGIS: service_file may be
#: a cache folder, which a File parameter refuses; output_file may be one too.
RENDER_LENIENT = frozenset({"service_file", "format_type", "service_type", "package_type",
                            "output_file", "area_of_interest"})
METADATA = ("summary", "tags", "title", "description", "credits")


@dataclass(frozen=True)
class MapTileRequest:
    """Every parameter of a render, read once: what the run and the estimate use."""
    service_file: str            # "" for ArcGIS Online Web Mercator
    tile_format: str
    options: ExportOptions       # levels, extent, area, package kind, tile limit
    output: str
    dpi: Optional[float]         # None: the tiling scheme's
    antialiasing: bool
    background: Tuple[int, int, int, int]
    quality: int
    metadata: Tuple[Tuple[str, str], ...]
    estimate_only: bool


def add_render_parameters(algorithm):
    """The dialog: map, scheme, levels, extent, format, output; the rest advanced."""
    _add_main_parameters(algorithm)
    _add_advanced_parameters(algorithm)


def _add_main_parameters(algorithm):
    algorithm.addParameter(explained(QgsProcessingParameterMultipleLayers(
        "in_map", tr("Map: layers to render (in_map)"), QgsProcessing.TypeMapLayer,
        optional=True),
        tr("Drawn with their styles and labels, the first on top. Empty: the project's "
           "visible layers. A layer given by path gets the style stored with it.")))
    algorithm.addParameter(explained(QgsProcessingParameterEnum(
        "service_type", tr("Tiling scheme (service_type)"), options=list(SERVICE_TYPES),
        defaultValue=SERVICE_TYPES[0], usesStaticStrings=True),
        tr("ONLINE: ArcGIS Online / Bing Maps / Google Maps Web Mercator. EXISTING: the "
           "scheme of the cache, package or tiling-scheme XML given as service_file.")))
    algorithm.addParameter(explained(path_parameter(
        "service_file", tr("Tiling scheme from (service_file)"),
        tr("Tiling schemes (conf.xml root.json *.tpk *.tpkx *.xml);;All files (*)"),
        optional=True), tr("Used with service_type EXISTING.")))
    for name, label, default in (("min_level_of_detail", tr("From level (min_level_of_detail)"), 0),
                                 ("level_of_detail", tr("To level (level_of_detail)"), 1)):
        algorithm.addParameter(QgsProcessingParameterNumber(
            name, label, type=QgsProcessingParameterNumber.Integer, minValue=0, maxValue=23,
            defaultValue=default))
    algorithm.addParameter(explained(QgsProcessingParameterExtent(
        "extent", tr("Extent (extent)"), optional=True),
        tr("Empty: the layers' extent.")))
    algorithm.addParameter(explained(QgsProcessingParameterEnum(
        "format_type", tr("Tile format (format_type)"), options=list(TILE_FORMATS),
        defaultValue=TILE_FORMATS[0], usesStaticStrings=True),
        tr("PNG: 8, 24 or 32 bits, whichever holds the tile's colours; MIXED: JPEG where a "
           "tile is opaque, PNG elsewhere.")))
    algorithm.addParameter(explained(OutputPathParameter(
        "output_file", tr("Output tile package (output_file)"),
        fileFilter=tr("Tile package (*.tpkx);;Tile package, ArcGIS 10 (*.tpk);;"
                      "Existing cache folder to merge into (*)")),
        tr("A .tpkx or .tpk file; a name without extension gets package_type's. An existing "
           "cache folder (with a conf.xml) gets the tiles merged in, its other tiles kept.")))


def _add_advanced_parameters(algorithm):
    algorithm.addParameter(advanced(QgsProcessingParameterEnum(
        "package_type", tr("Package type (package_type)"), options=list(PACKAGE_TYPES),
        defaultValue=PACKAGE_TYPES[0], usesStaticStrings=True)))
    algorithm.addParameter(advanced(explained(QgsProcessingParameterNumber(
        "compression_quality", tr("JPEG quality (compression_quality)"),
        type=QgsProcessingParameterNumber.Integer, minValue=1, maxValue=100, defaultValue=75),
        tr("1-100, for JPEG and MIXED tiles."))))
    algorithm.addParameter(advanced(explained(QgsProcessingParameterFeatureSource(
        "area_of_interest", tr("Area of interest (area_of_interest)"),
        types=[QgsProcessing.TypeVectorPolygon], optional=True),
        tr("Polygons: only tiles sharing area with them are drawn; supersedes the extent."))))
    for name in METADATA:
        algorithm.addParameter(advanced(explained(QgsProcessingParameterString(
            name, tr("Package {name}").format(name=name), optional=True),
            tr("Empty: from the project's metadata."))))
    algorithm.addParameter(advanced(explained(QgsProcessingParameterNumber(
        "dpi", tr("DPI"), type=QgsProcessingParameterNumber.Double, optional=True,
        minValue=1), tr("Empty: the tiling scheme's DPI."))))
    algorithm.addParameter(advanced(QgsProcessingParameterBoolean(
        "antialiasing", tr("Antialiasing"), defaultValue=True)))
    algorithm.addParameter(advanced(explained(QgsProcessingParameterColor(
        "background", tr("Background colour"), optional=True, opacityEnabled=True),
        tr("Empty: transparent, and white for JPEG tiles."))))
    algorithm.addParameter(advanced(explained(QgsProcessingParameterNumber(
        "max_tile_slots", tr("Tile limit"), type=QgsProcessingParameterNumber.Integer,
        minValue=0, defaultValue=DEFAULT_MAX_TILES),
        tr("The most tile slots the chosen levels and extent may hold, checked before "
           "anything is drawn; 0: no limit."))))
    algorithm.addParameter(advanced(explained(QgsProcessingParameterBoolean(
        "estimate_only", tr("Only estimate (draw nothing)"), defaultValue=False),
        tr("Report the tile slots and an upper bound of the package size, and stop."))))


def project_layers(context):
    """The project's visible layers in drawing order, first on top."""
    project = context.project()
    if project is None:
        return []
    root = project.layerTreeRoot()
    return [layer for layer in root.layerOrder()
            if root.findLayer(layer.id()) is not None and root.findLayer(layer.id()).isVisible()]


def chosen_layers(algorithm, parameters, context):
    """in_map, else the project's visible layers."""
    return algorithm.parameterAsLayerList(parameters, "in_map", context) or \
        project_layers(context)


def prepare_layers(algorithm, parameters, context):
    """Clones of the layers to render (made on the main thread). A layer given by path
    gets the style its file stores (layer_styles.py)."""
    clones = []
    for layer in chosen_layers(algorithm, parameters, context):
        clone = layer.clone()
        if given_by_path(layer, context):
            apply_stored_style(clone)
        clones.append(clone)
    return clones


def read_request(algorithm, parameters, context, feedback=None, with_area=True):
    """The MapTileRequest of ``parameters``; one line naming the parameter on bad values."""
    tile_format = enum_text(parameters, "format_type", list(TILE_FORMATS), TILE_FORMATS[0],
                            aliases={"JPG": "JPEG"})
    package = enum_text(parameters, "package_type", list(PACKAGE_TYPES), PACKAGE_TYPES[0])
    output = _output(algorithm, parameters, context, package)
    storage = StorageFormat.COMPACT_V1 if output.lower().endswith(".tpk") \
        else StorageFormat.COMPACT_V2
    options = run_core(feedback, ExportOptions, storage_format=storage,
                       tile_package=not os.path.isdir(output),
                       levels=_levels(algorithm, parameters, context),
                       **_selection(algorithm, parameters, context, feedback, with_area),
                       max_tiles=algorithm.parameterAsInt(parameters, "max_tile_slots",
                                                          context))
    quality = algorithm.parameterAsInt(parameters, "compression_quality", context)
    return MapTileRequest(
        service_file=_service_file(algorithm, parameters, context),
        tile_format=tile_format, options=options, output=output,
        dpi=algorithm.parameterAsDouble(parameters, "dpi", context)
        if raw_value(parameters, "dpi") is not None else None,
        antialiasing=algorithm.parameterAsBool(parameters, "antialiasing", context),
        background=_background(algorithm, parameters, context, tile_format),
        quality=quality or 75,
        metadata=tuple((name, algorithm.parameterAsString(parameters, name, context).strip())
                       for name in METADATA),
        estimate_only=algorithm.parameterAsBool(parameters, "estimate_only", context))


def _levels(algorithm, parameters, context):
    low = algorithm.parameterAsInt(parameters, "min_level_of_detail", context)
    high = algorithm.parameterAsInt(parameters, "level_of_detail", context)
    if low > high:
        raise QgsProcessingException(tr(
            "level_of_detail {high} must not be below min_level_of_detail {low}").format(
                high=high, low=low))
    return f"{low}-{high}"


def _selection(algorithm, parameters, context, feedback, with_area):
    extent = extent_parameter(algorithm, parameters, "extent", context)
    area = area_parameter(algorithm, parameters, "area_of_interest", context, feedback) \
        if with_area else None
    return {"extent": extent[0] if extent else None,
            "extent_sr": extent[1] if extent else None,
            "area_of_interest": area[0] if area else None,
            "area_sr": area[1] if area else None}


def _service_file(algorithm, parameters, context):
    kind = enum_text(parameters, "service_type", list(SERVICE_TYPES), SERVICE_TYPES[0])
    path = algorithm.parameterAsFile(parameters, "service_file", context)
    if kind == "ONLINE":
        return ""
    if not path:
        raise QgsProcessingException(tr("service_file: service_type EXISTING needs the "
                                        "cache, package or XML whose tiling scheme to use"))
    if not os.path.exists(path):
        raise QgsProcessingException(tr("service_file: {path}: no such file or folder").format(
            path=path))
    return path


def _output(algorithm, parameters, context, package):
    """output_file; a name without extension gets package_type's."""
    if temporary_output(parameters, "output_file"):
        return QgsProcessingUtils.generateTempFilename(f"map_tiles.{package}")
    path = algorithm.parameterAsFileOutput(parameters, "output_file", context)
    if not path:
        raise QgsProcessingException(tr("output_file: no output path given"))
    if os.path.isdir(path) or os.path.splitext(path)[1].lower() in (".tpkx", ".tpk"):
        return path
    return f"{path}.{package}"


def _background(algorithm, parameters, context, tile_format_name):
    colour = algorithm.parameterAsColor(parameters, "background", context) \
        if raw_value(parameters, "background") is not None else QColor()
    if not colour.isValid():
        return (255, 255, 255, 255) if tile_format_name == "JPEG" else TRANSPARENT
    return colour.red(), colour.green(), colour.blue(), colour.alpha()


def request_scheme(request):
    """The tiling scheme to render in, with the chosen tile format."""
    if not request.service_file:
        return arcgis_online_scheme(request.tile_format)
    scheme = run_core(None, scheme_from_file, request.service_file)
    return scheme.with_changes(tile_format=request.tile_format)


def item_info(request, context, output):
    """Package metadata: parameters, else the project's metadata, else the output name."""
    given = dict(request.metadata)
    project = context.project()
    meta = project.metadata() if project is not None else None
    name = os.path.splitext(os.path.basename(os.path.normpath(output)))[0]
    summary = given["summary"] or (meta.abstract()[:250] if meta else "")
    tags = [tag.strip() for tag in given["tags"].replace(";", ",").split(",") if tag.strip()] \
        or ([word for words in meta.keywords().values() for word in words] if meta else [])
    return ItemInfo(name=name, title=given["title"] or (meta.title() if meta else "") or name,
                    summary=summary, snippet=summary,
                    description=given["description"] or (meta.abstract() if meta else ""),
                    tags=tuple(tags) or ("tiles", "tile package"),
                    access_information=given["credits"] or (meta.author() if meta else ""))


def build_source(layers, request, context):
    """The core's RenderSource of ``layers`` for ``request``, and the merge target (or None)."""
    merge = run_core(None, merge_target, request.output)
    scheme = merge.scheme if merge else request_scheme(request)
    crs = scheme_crs(scheme.spatial_reference)
    if not crs.isValid():
        raise QgsProcessingException(tr("service_file: QGIS does not know the tiling "
                                        "scheme's coordinate reference system"))
    dpi = request.dpi or scheme.dpi
    settings = RenderSettings(
        tile_format=request.tile_format, quality=request.quality,
        background=request.background,
        drawing=drawing_fingerprint(layers, dpi, request.antialiasing))
    extent = layers_extent(layers, crs, context)
    if extent is None:
        raise QgsProcessingException(tr("in_map: the layers have no extent in the tiling "
                                        "scheme's coordinate reference system"))
    renderer = QgisRenderer(map_settings(layers, crs, dpi, request.antialiasing,
                                         request.background, context))
    source = rendered_source(scheme.with_changes(full_extent=extent), settings, renderer,
                             request.output, item_info(request, context, request.output))
    return source, merge


def run_render(layers, request, context, feedback, render=None):
    """Render ``layers`` into the request's output; the core's ExportResult. ``render``
    replaces the core's render_planned (CLUSTER: processing_provider/cluster_render.py)."""
    source, merge = build_source(layers, request, context)
    core_feedback = QgisFeedback(feedback)
    if merge:
        return run_core(feedback, merge_rendered, source, merge, request.options,
                        core_feedback, render)
    return run_core(feedback, export_rendered, source, request.output, request.options,
                    core_feedback, render)

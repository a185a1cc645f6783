"""exporttiles from the map: the LAYERS / tilingScheme / tileFormat ... parameters and
the run, called from export_algorithm.py.

With LAYERS given (or, without INPUT, the project's visible layers) the
algorithm renders those layers with their styles and labels into tiles of
the chosen tiling scheme, instead of reading INPUT. Layers are cloned in
``prepare_layers`` on the main thread (QGIS calls prepareAlgorithm there), so
the run, on a worker thread, never touches the project's own layer objects.
"""
import os

from qgis.core import (QgsProcessing, QgsProcessingException, QgsProcessingParameterBoolean,
                       QgsProcessingParameterColor, QgsProcessingParameterEnum,
                       QgsProcessingParameterFile, QgsProcessingParameterMultipleLayers,
                       QgsProcessingParameterNumber, QgsProcessingParameterString)
from qgis.PyQt.QtGui import QColor

from ..qgis_support.crs import scheme_crs
from ..qgis_support.tr import tr
from ..tilecache.metadata.iteminfo import ItemInfo
from ..tilecache.render.encoding import TILE_FORMATS, TRANSPARENT, check_tile_format
from ..tilecache.render.export_render import export_rendered, rendered_source
from ..tilecache.render.render_merge import merge_target, merge_rendered
from ..tilecache.render.schemes import arcgis_online_scheme, scheme_from_file
from ..tilecache.render.source import RenderSettings
from .common import QgisFeedback, bool_value, enum_text, raw_value, run_core
from .export_parameters import output_path, read_options
from .parameters import advanced, explained
from .rendering import QgisRenderer, drawing_fingerprint, layers_extent, map_settings

#: Parameters read by this module rather than checked by QGIS: tilingScheme
#: may be a cache folder, which a File parameter refuses.
RENDER_LENIENT = frozenset({"tilingScheme", "tileFormat"})
METADATA = ("title", "summary", "tags", "description", "credits")


def add_layers_parameter(algorithm):
    """LAYERS, the alternative to INPUT, placed right after it in the dialog."""
    algorithm.addParameter(explained(QgsProcessingParameterMultipleLayers(
        "LAYERS", tr("Or: layers to render"), QgsProcessing.TypeMapLayer, optional=True),
        tr("Used when the cache, package or service is left empty: these layers, the first "
           "on top, are drawn with their styles and labels into new tiles. Neither given: "
           "the project's visible layers.")))


def add_render_parameters(algorithm):
    """The parameters of an export that renders layers; the less common are advanced."""
    algorithm.addParameter(explained(QgsProcessingParameterFile(
        "tilingScheme", tr("Tiling scheme (tilingScheme)"),
        behavior=QgsProcessingParameterFile.File, optional=True,
        fileFilter=tr("Tiling schemes (conf.xml root.json *.tpk *.tpkx *.xml);;All files (*)")),
        tr("Rendered tiles follow the tiling scheme of this cache, package or tiling-scheme "
           "XML; empty: ArcGIS Online Web Mercator.")))
    algorithm.addParameter(QgsProcessingParameterEnum(
        "tileFormat", tr("Tile format of rendered tiles"), options=list(TILE_FORMATS),
        defaultValue=TILE_FORMATS[0], usesStaticStrings=True))
    algorithm.addParameter(advanced(explained(QgsProcessingParameterNumber(
        "dpi", tr("DPI of rendered tiles"),
        type=QgsProcessingParameterNumber.Double, optional=True, minValue=1),
        tr("Empty: the tiling scheme's DPI."))))
    algorithm.addParameter(advanced(QgsProcessingParameterBoolean(
        "antialiasing", tr("Antialiasing"), defaultValue=True)))
    algorithm.addParameter(advanced(explained(QgsProcessingParameterColor(
        "background", tr("Background colour"), optional=True, opacityEnabled=True),
        tr("Empty: transparent, and white for JPEG tiles."))))
    for name in METADATA:
        algorithm.addParameter(advanced(explained(QgsProcessingParameterString(
            name, tr("Package {name}").format(name=name), optional=True),
            tr("Empty: from the project's metadata."))))


def project_layers(context):
    """The project's visible layers in drawing order, first on top."""
    project = context.project()
    if project is None:
        return []
    root = project.layerTreeRoot()
    return [layer for layer in root.layerOrder()
            if root.findLayer(layer.id()) is not None and root.findLayer(layer.id()).isVisible()]


def chosen_layers(algorithm, parameters, context):
    """LAYERS, or without INPUT the project's visible layers; [] means: export INPUT."""
    layers = algorithm.parameterAsLayerList(parameters, "LAYERS", context)
    if layers:
        return layers
    return [] if raw_value(parameters, "INPUT") is not None else project_layers(context)


def prepare_layers(algorithm, parameters, context):
    """Clones of the layers to render (made on the main thread); [] when not rendering."""
    return [layer.clone() for layer in chosen_layers(algorithm, parameters, context)]


def check_render(algorithm, parameters, context):
    """The cheap checks of a render run, before it starts."""
    tile_format(parameters)
    scheme_parameter(algorithm, parameters, context)


def tile_format(parameters):
    text = enum_text(parameters, "tileFormat", list(TILE_FORMATS), TILE_FORMATS[0],
                     aliases={"JPG": "JPEG"})
    return run_core(None, check_tile_format, text)


def scheme_parameter(algorithm, parameters, context):
    """The tiling scheme to render in, with the chosen tile format."""
    path = algorithm.parameterAsFile(parameters, "tilingScheme", context)
    if not path:
        return arcgis_online_scheme(tile_format(parameters))
    if not os.path.exists(path):
        raise QgsProcessingException(tr("tilingScheme: {path}: no such file or folder").format(
            path=path))
    return run_core(None, scheme_from_file, path).with_changes(tile_format=tile_format(parameters))


def _background(algorithm, parameters, context, tile_format_name):
    colour = algorithm.parameterAsColor(parameters, "background", context) \
        if raw_value(parameters, "background") is not None else QColor()
    if not colour.isValid():
        return (255, 255, 255, 255) if tile_format_name == "JPEG" else TRANSPARENT
    return colour.red(), colour.green(), colour.blue(), colour.alpha()


def _item_info(algorithm, parameters, context, output):
    """Package metadata: parameters, else the project's metadata, else the output name."""
    given = {name: algorithm.parameterAsString(parameters, name, context).strip()
             for name in METADATA}
    project = context.project()
    meta = project.metadata() if project is not None else None
    name = os.path.splitext(os.path.basename(os.path.normpath(output)))[0]
    title = given["title"] or (meta.title() if meta else "") or name
    summary = given["summary"] or (meta.abstract()[:250] if meta else "")
    tags = [tag.strip() for tag in given["tags"].split(",") if tag.strip()] or \
        ([word for words in meta.keywords().values() for word in words] if meta else [])
    return ItemInfo(name=name, title=title, summary=summary, snippet=summary,
                    description=given["description"] or (meta.abstract() if meta else ""),
                    tags=tuple(tags) or ("tiles", "tile package"),
                    access_information=given["credits"] or (meta.author() if meta else ""))


def run_render(algorithm, layers, parameters, context, feedback, render=None):
    """Render ``layers`` into OUTPUT; the core's ExportResult. ``render`` replaces the
    core's render_planned (CLUSTER: processing_provider/cluster_render.py)."""
    options = read_options(algorithm, parameters, context, feedback)
    merge = run_core(feedback, merge_target, algorithm.parameterAsFileOutput(
        parameters, "OUTPUT", context))
    output = merge.path if merge else output_path(algorithm, parameters, context, options)
    scheme = merge.scheme if merge else scheme_parameter(algorithm, parameters, context)
    source = _source(algorithm, layers, parameters, context, scheme, output)
    core_feedback = QgisFeedback(feedback)
    if merge:
        return run_core(feedback, merge_rendered, source, merge, options, core_feedback, render)
    return run_core(feedback, export_rendered, source, output, options, core_feedback, render)


def _source(algorithm, layers, parameters, context, scheme, output):
    crs = scheme_crs(scheme.spatial_reference)
    if not crs.isValid():
        raise QgsProcessingException(tr("tilingScheme: QGIS does not know its coordinate "
                                        "reference system"))
    fmt = tile_format(parameters)
    dpi = algorithm.parameterAsDouble(parameters, "dpi", context) \
        if raw_value(parameters, "dpi") is not None else scheme.dpi
    antialiasing = bool_value(algorithm, parameters, "antialiasing", context)
    background = _background(algorithm, parameters, context, fmt)
    quality = raw_value(parameters, "compressionQuality")
    settings = RenderSettings(tile_format=fmt, quality=75 if quality is None else int(quality),
                              background=background,
                              drawing=drawing_fingerprint(layers, dpi, antialiasing))
    extent = layers_extent(layers, crs, context)
    if extent is None:
        raise QgsProcessingException(tr("LAYERS: the layers have no extent in the tiling "
                                        "scheme's coordinate reference system"))
    renderer = QgisRenderer(map_settings(layers, crs, dpi, antialiasing, background, context))
    return rendered_source(scheme.with_changes(full_extent=extent), settings, renderer, output,
                           _item_info(algorithm, parameters, context, output))

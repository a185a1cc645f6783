"""createmaptilepackage's parameters (ArcGIS Pro's Create Map Tile Package names, see
docs/create-map-tile-package.md) read once into a MapTileRequest.

The source is a LayersInput (layers_input.py), so the run is exporttiles' run of
map layers (export_from_layers.py), here or on a Dask cluster.
"""
import os
from dataclasses import dataclass
from typing import Optional

from qgis.core import (QgsProcessing, QgsProcessingParameterBoolean,
                       QgsProcessingParameterColor, QgsProcessingParameterEnum,
                       QgsProcessingParameterExtent, QgsProcessingParameterFeatureSource,
                       QgsProcessingParameterMultipleLayers, QgsProcessingParameterNumber,
                       QgsProcessingParameterString, QgsProcessingUtils)

from ..qgis_support.crs import scheme_crs
from ..qgis_support.tr import tr
from ..tilecache.distributed.cluster import ClusterSpec
from ..tilecache.errors import ParameterError
from ..tilecache.packages import is_package_name, kind_named, package_kinds
from ..tilecache.pipeline.export import DEFAULT_MAX_TILES, ExportOptions
from ..tilecache.pipeline.output_target import existing_cache
from ..tilecache.render.encoding import TILE_FORMATS, TRANSPARENT
from ..tilecache.render.schemes import arcgis_online_scheme, scheme_from_file
from ..tilecache.render.source import RenderSettings
from .layer_styles import apply_stored_style, given_by_path
from .layers_input import (METADATA, LayersInput, item_info, project_layers,
                           saved_project_layers)
from .parameters import OutputPathParameter, advanced, explained, path_parameter
from .rendering import drawing_fingerprint, layers_extent, map_settings

SERVICE_TYPES = ("ONLINE", "EXISTING")
#: package_type's values: the package kinds' names, tpkx first (Pro 3's default).
PACKAGE_TYPES = tuple(kind.name for kind in package_kinds())
#: Parameters read by this module rather than checked by QGIS: service_file may be
#: a cache folder, which a File parameter refuses; output_file may be one too.
RENDER_LENIENT = frozenset({"service_file", "format_type", "service_type", "package_type",
                            "output_file", "area_of_interest"})


@dataclass(frozen=True)
class MapTileRequest:
    """Every parameter of a render, read once; ``source`` is what exporttiles renders."""
    source: LayersInput
    options: ExportOptions       # levels, extent, area, package kind, tile limit
    output: str
    cluster: Optional[ClusterSpec]
    estimate_only: bool


def add_map_tile_parameters(algorithm):
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


def map_layers(values):
    """in_map, else the project's visible layers."""
    return values.layers("in_map") or project_layers(values.context)


def prepare_layers(values):
    """Clones of the layers to render (made on the main thread). A layer given by path
    gets the style its file stores (layer_styles.py)."""
    clones = []
    for layer in map_layers(values):
        clone = layer.clone()
        if given_by_path(layer, values.context):
            apply_stored_style(clone)
        clones.append(clone)
    return clones


def read_map_tile_request(values, layers, checking=False):
    """The MapTileRequest of ``values`` rendering ``layers``; one line naming the
    parameter on a bad value. ``checking``: the cheap checks before a run."""
    tile_format = values.enum("format_type", list(TILE_FORMATS), TILE_FORMATS[0],
                              aliases={"JPG": "JPEG"})
    output = _output(values)
    storage = kind_named(os.path.splitext(output)[1]).storage if is_package_name(output) \
        else kind_named(PACKAGE_TYPES[0]).storage
    extent = values.extent("extent")
    area = None if checking else values.area("area_of_interest")
    options = ExportOptions(storage_format=storage, tile_package=not os.path.isdir(output),
                            levels=_levels(values), extent=extent[0] if extent else None,
                            extent_sr=extent[1] if extent else None,
                            area_of_interest=area[0] if area else None,
                            area_sr=area[1] if area else None,
                            max_tiles=values.count("max_tile_slots"))
    merge = existing_cache(output, options.tile_package)
    scheme = merge.scheme if merge else _scheme(values, tile_format)
    cluster = None if checking else ClusterSpec.parse(values.text("CLUSTER"))
    source = LayersInput(tuple(layers), scheme, merge) if checking else \
        _layers_input(values, layers, scheme, merge, output, tile_format, cluster)
    return MapTileRequest(source, options, output, cluster, values.boolean("estimate_only"))


def _layers_input(values, layers, scheme, merge, output, tile_format, cluster):
    crs = scheme_crs(scheme.spatial_reference)
    if not crs.isValid():
        raise ParameterError(tr("service_file: QGIS does not know the tiling "
                                "scheme's coordinate reference system"))
    dpi = values.number("dpi", scheme.dpi)
    antialiasing = values.boolean("antialiasing")
    colour = values.colour("background")
    background = (colour.red(), colour.green(), colour.blue(), colour.alpha()) if colour \
        else (255, 255, 255, 255) if tile_format == "JPEG" else TRANSPARENT
    settings = RenderSettings(tile_format=tile_format,
                              quality=values.count("compression_quality") or 75,
                              background=background,
                              drawing=drawing_fingerprint(layers, dpi, antialiasing))
    extent = layers_extent(layers, crs, values.context)
    if extent is None:
        raise ParameterError(tr("in_map: the layers have no extent in the tiling "
                                "scheme's coordinate reference system"))
    return LayersInput(tuple(layers), scheme.with_changes(full_extent=extent), merge, settings,
                       map_settings(layers, crs, dpi, antialiasing, background, values.context),
                       item_info(values, output),
                       saved_project_layers(values, map_layers(values))
                       if cluster is not None else None)


def _levels(values):
    low, high = values.count("min_level_of_detail"), values.count("level_of_detail")
    if low > high:
        raise ParameterError(tr(
            "level_of_detail {high} must not be below min_level_of_detail {low}").format(
                high=high, low=low))
    return f"{low}-{high}"


def _scheme(values, tile_format):
    """The tiling scheme service_type and service_file name, with the tile format."""
    kind = values.enum("service_type", list(SERVICE_TYPES), SERVICE_TYPES[0])
    if kind == "ONLINE":
        return arcgis_online_scheme(tile_format)
    path = values.file("service_file")
    if not path:
        raise ParameterError(tr("service_file: service_type EXISTING needs the "
                                "cache, package or XML whose tiling scheme to use"))
    if not os.path.exists(path):
        raise ParameterError(tr("service_file: {path}: no such file or folder").format(
            path=path))
    return scheme_from_file(path).with_changes(tile_format=tile_format)


def _output(values):
    """output_file; a name without extension gets package_type's."""
    package = kind_named(values.enum("package_type", list(PACKAGE_TYPES), PACKAGE_TYPES[0]))
    if values.is_temporary("output_file"):
        return QgsProcessingUtils.generateTempFilename("map_tiles" + package.extension)
    path = values.file_output("output_file")
    if not path:
        raise ParameterError(tr("output_file: no output path given"))
    if os.path.isdir(path) or is_package_name(path):
        return path
    return path + package.extension

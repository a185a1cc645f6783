"""Map layers as the input of exporttiles: LAYERS (or, without INPUT, the project's
visible layers) with tilingScheme, tileFormat, dpi, antialiasing, background and
the package metadata, read into a LayersInput.

Layers are cloned on the main thread before the run (QGIS calls
prepareAlgorithm there), so the run, on a worker thread, never touches the
project's own layer objects; ``chosen_layers`` is what is cloned.
"""
import os
from dataclasses import dataclass
from typing import Optional, Tuple

from ..qgis_support.crs import scheme_crs
from ..qgis_support.tr import tr
from ..tilecache.errors import ParameterError
from ..tilecache.metadata.iteminfo import ItemInfo
from ..tilecache.pipeline.output_target import ExistingCache
from ..tilecache.render.encoding import TILE_FORMATS, TRANSPARENT, check_tile_format
from ..tilecache.render.schemes import arcgis_online_scheme, scheme_from_file
from ..tilecache.render.source import RenderSettings
from ..tilecache.scheme.tiling_scheme import TilingScheme
from .export_parameters import METADATA
from .rendering import drawing_fingerprint, layers_extent, map_settings


@dataclass(frozen=True)
class LayersInput:
    """Layers to draw into tiles, and how. In the checks before a run only ``layers``,
    ``scheme`` and ``merge`` are read; the rest is None."""
    layers: Tuple
    #: The scheme drawn in (the existing cache's when merging), with the tile
    #: format, and as full extent the layers' extent in its CRS.
    scheme: TilingScheme
    #: The existing cache folder OUTPUT names, which the tiles are merged into.
    merge: Optional[ExistingCache]
    settings: Optional[RenderSettings] = None
    #: The QgsMapSettings every metatile starts from.
    map_settings: object = None
    item_info: Optional[ItemInfo] = None
    #: With CLUSTER: (saved project path, layer ids) the workers draw from.
    project: Optional[Tuple[str, Tuple[str, ...]]] = None


def project_layers(context):
    """The project's visible layers in drawing order, first on top."""
    project = context.project()
    if project is None:
        return []
    root = project.layerTreeRoot()
    return [layer for layer in root.layerOrder()
            if root.findLayer(layer.id()) is not None and root.findLayer(layer.id()).isVisible()]


def chosen_layers(values):
    """LAYERS, or without INPUT the project's visible layers; [] means: export INPUT."""
    layers = values.layers("LAYERS")
    if layers:
        return layers
    return [] if values.raw("INPUT") is not None else project_layers(values.context)


def read_layers_input(values, layers, output, merge, checking=False):
    """The LayersInput of ``layers`` rendered into ``output``, which is the ExistingCache
    ``merge`` when the tiles are merged into one."""
    fmt = tile_format(values)
    scheme = merge.scheme if merge else scheme_parameter(values, fmt)
    if checking:
        return LayersInput(tuple(layers), scheme, merge)
    crs = scheme_crs(scheme.spatial_reference)
    if not crs.isValid():
        raise ParameterError(tr("tilingScheme: QGIS does not know its coordinate "
                                "reference system"))
    dpi = values.number("dpi", scheme.dpi)
    antialiasing = values.boolean("antialiasing")
    background = _background(values, fmt)
    quality = values.raw("compressionQuality")
    settings = RenderSettings(tile_format=fmt, quality=75 if quality is None else int(quality),
                              background=background,
                              drawing=drawing_fingerprint(layers, dpi, antialiasing))
    extent = layers_extent(layers, crs, values.context)
    if extent is None:
        raise ParameterError(tr("LAYERS: the layers have no extent in the tiling "
                                "scheme's coordinate reference system"))
    return LayersInput(tuple(layers), scheme.with_changes(full_extent=extent), merge, settings,
                       map_settings(layers, crs, dpi, antialiasing, background, values.context),
                       item_info(values, output))


def saved_project_layers(values, layers):
    """(project path, layer ids) of a render of ``layers`` the workers can redo; else a
    ParameterError."""
    project = values.context.project()
    if project is None or not project.fileName():
        raise ParameterError("CLUSTER renders the layers of a saved project: save it (.qgz) "
                             "where every worker reads it at the same path")
    if project.isDirty():
        raise ParameterError("CLUSTER: the project has unsaved changes; the workers draw it "
                             "as saved, so save it first", project.fileName())
    strangers = [layer.name() for layer in layers if project.mapLayer(layer.id()) is not layer]
    if strangers:
        raise ParameterError(f"CLUSTER renders layers of the saved project; not in it: "
                             f"{', '.join(strangers)}", project.fileName())
    return project.fileName(), tuple(layer.id() for layer in layers)


def tile_format(values):
    text = values.enum("tileFormat", list(TILE_FORMATS), TILE_FORMATS[0],
                       aliases={"JPG": "JPEG"})
    return check_tile_format(text)


def scheme_parameter(values, fmt):
    """The tiling scheme to render in, with the tile format ``fmt``."""
    path = values.file("tilingScheme")
    if not path:
        return arcgis_online_scheme(fmt)
    if not os.path.exists(path):
        raise ParameterError(tr("tilingScheme: {path}: no such file or folder").format(
            path=path))
    return scheme_from_file(path).with_changes(tile_format=fmt)


def _background(values, tile_format_name):
    colour = values.colour("background")
    if colour is None:
        return (255, 255, 255, 255) if tile_format_name == "JPEG" else TRANSPARENT
    return colour.red(), colour.green(), colour.blue(), colour.alpha()


def item_info(values, output):
    """Package metadata: parameters, else the project's metadata, else the output name."""
    given = {name: values.text(name) for name in METADATA}
    project = values.context.project()
    meta = project.metadata() if project is not None else None
    name = os.path.splitext(os.path.basename(os.path.normpath(output)))[0]
    title = given["title"] or (meta.title() if meta else "") or name
    summary = given["summary"] or (meta.abstract()[:250] if meta else "")
    tags = [tag.strip() for tag in given["tags"].replace(";", ",").split(",")
            if tag.strip()] or \
        ([word for words in meta.keywords().values() for word in words] if meta else [])
    return ItemInfo(name=name, title=title, summary=summary, snippet=summary,
                    description=given["description"] or (meta.abstract() if meta else ""),
                    tags=tuple(tags) or ("tiles", "tile package"),
                    access_information=given["credits"] or (meta.author() if meta else ""))

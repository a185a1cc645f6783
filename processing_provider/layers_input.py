"""Map layers to draw into tiles, as createmaptilepackage reads them (map_tile_input.py):
the LayersInput its run (export_from_layers.py) takes, and the pieces of it
that depend on the project (its visible layers, its metadata, the saved
project a cluster's workers redraw).

Layers are cloned on the main thread before the run (QGIS calls
prepareAlgorithm there), so the run, on a worker thread, never touches the
project's own layer objects.
"""
import os
from dataclasses import dataclass
from typing import Optional, Tuple

from ..tilecache.errors import ParameterError
from ..tilecache.metadata.iteminfo import ItemInfo
from ..tilecache.pipeline.output_target import ExistingCache
from ..tilecache.render.source import RenderSettings
from ..tilecache.scheme.tiling_scheme import TilingScheme

#: Package metadata parameters of a render.
METADATA = ("title", "summary", "tags", "description", "credits")


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

"""createmaptilepackage's run (a LayersInput): map layers drawn by QGIS into tiles of
the chosen scheme.

rendering.py's QgisRenderer draws the metatiles the core asks for
(tilecache/render/export_render.py plans, renders into the journal and
writes, or merges into the existing cache folder OUTPUT names). With CLUSTER
the planned bundles are drawn by QGIS in Dask workers (render_workers.py), and
written here.
"""
from ..tilecache.distributed.cluster_render import ClusterRender
from ..tilecache.render.export_render import export_rendered, rendered_source
from .rendering import QgisRenderer
from .render_workers import qgis_cluster, recipe_maker


def export_from_layers(request, feedback):
    """Render ``request``'s layers into its output; the core's ExportResult."""
    if request.cluster is None:
        return _render(request, feedback)
    with qgis_cluster(request.cluster, feedback) as client:
        return _render(request, feedback, ClusterRender(client, recipe_maker(
            *request.source.project)))


def _render(request, feedback, render=None):
    """``render`` replaces the core's render_planned (a ClusterRender)."""
    layers = request.source
    source = rendered_source(layers.scheme, layers.settings, QgisRenderer(layers.map_settings),
                             request.output, layers.item_info)
    return export_rendered(source, request.output, request.options, feedback, render)

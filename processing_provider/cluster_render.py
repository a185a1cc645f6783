"""Rendering layers with CLUSTER: QGIS started once per worker, the project read by path.

The client plans and writes as for a render on this machine
(render_export.run_render); only drawing the planned bundles moves to the
workers (tilecache/distributed/cluster_render.py). A worker draws what the
client would: the same saved project (.qgz/.qgs, on storage every worker
reads at the same path), the same layers by id, and the CRS, dpi,
antialiasing and background of the client's map settings.
"""
import functools
import os
from dataclasses import dataclass
from typing import Tuple

from ..tilecache.distributed.cluster import connected
from ..tilecache.distributed.cluster_render import ClusterRender
from ..tilecache.errors import ParameterError, TileCacheError
from .cluster_parameter import cluster_spec
from .common import QgisFeedback, run_core
from .render_export import chosen_layers, run_render

#: The QgsApplication of this worker process, once started.
_QGIS = []


def start_qgis():
    """Start QGIS in this process unless it runs already (a worker's first job)."""
    from qgis.core import QgsApplication
    if QgsApplication.instance() is None and not _QGIS:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        app = QgsApplication([], False)
        app.initQgis()
        _QGIS.append(app)


def qgis_worker_plugin():
    """A dask WorkerPlugin starting QGIS in every worker, also ones that join later."""
    import distributed

    class StartQgis(distributed.WorkerPlugin):
        name = "tile-package-tools-qgis"

        def setup(self, worker):
            del worker  # QGIS is per process, whichever worker runs in it
            start_qgis()

    return StartQgis()


@dataclass(frozen=True)
class ProjectRecipe:
    """What a worker needs to draw as the client does, in plain values."""
    project: str
    layer_ids: Tuple[str, ...]
    crs: str               # authid, or WKT when the CRS has none
    dpi: float
    antialiasing: bool
    background: Tuple[int, int, int, int]

    def open(self):
        start_qgis()
        from qgis.core import QgsCoordinateReferenceSystem, QgsProcessingContext, QgsProject

        from .rendering import QgisRenderer, map_settings
        project = QgsProject()
        if not project.read(self.project):
            raise TileCacheError("a worker cannot read the project; it must be on storage "
                                 "every worker reads at the same path", self.project)
        layers = [project.mapLayer(layer_id) for layer_id in self.layer_ids]
        if any(layer is None for layer in layers):
            raise TileCacheError("a worker read the project without every layer to render; "
                                 "save the project", self.project)
        context = QgsProcessingContext()
        context.setProject(project)
        crs = QgsCoordinateReferenceSystem(self.crs) if ":" in self.crs[:12] else \
            QgsCoordinateReferenceSystem.fromWkt(self.crs)
        settings = map_settings(layers, crs, self.dpi, self.antialiasing, self.background,
                                context)
        return _ProjectRenderer(project, QgisRenderer(settings))


class _ProjectRenderer:
    """A QgisRenderer that keeps its project alive, and lets go of it on close()."""

    def __init__(self, project, renderer):
        self.project = project
        self.renderer = renderer
        self.batch = renderer.batch

    def render_many(self, requests):
        return self.renderer.render_many(requests)

    def close(self):
        self.project.clear()


def saved_project_layers(algorithm, parameters, context):
    """(project path, layer ids) of a render the workers can redo; else a ParameterError."""
    project = context.project()
    if project is None or not project.fileName():
        raise ParameterError("CLUSTER renders the layers of a saved project: save it (.qgz) "
                             "where every worker reads it at the same path")
    if project.isDirty():
        raise ParameterError("CLUSTER: the project has unsaved changes; the workers draw it "
                             "as saved, so save it first", project.fileName())
    layers = chosen_layers(algorithm, parameters, context)
    strangers = [layer.name() for layer in layers if project.mapLayer(layer.id()) is not layer]
    if strangers:
        raise ParameterError(f"CLUSTER renders layers of the saved project; not in it: "
                             f"{', '.join(strangers)}", project.fileName())
    return project.fileName(), tuple(layer.id() for layer in layers)


def render_here_or_on_cluster(algorithm, layers, request, parameters, context, feedback):
    """run_render of ``request``, with the bundles drawn on the cluster CLUSTER names,
    if any."""
    spec = cluster_spec(algorithm, parameters, context)
    if spec is None:
        return run_render(layers, request, context, feedback)
    path, layer_ids = run_core(None, saved_project_layers, algorithm, parameters, context)
    recipe_of = functools.partial(_recipe, path, layer_ids)
    render_with = functools.partial(run_render, layers, request, context, feedback)
    return run_core(feedback, _on_cluster, spec, render_with, recipe_of, QgisFeedback(feedback))


def _on_cluster(spec, render_with, recipe_of, feedback):
    # The workers unpickle the QGIS worker plugin and the recipe from this module.
    with connected(spec, feedback, needs=(__name__,)) as client:
        client.register_plugin(qgis_worker_plugin())
        return render_with(render=ClusterRender(client, recipe_of))


def _recipe(path, layer_ids, source):
    """The recipe of ``source``: its renderer's map settings, as plain values."""
    settings = source.renderer.template
    crs = settings.destinationCrs()
    background = settings.backgroundColor()
    return ProjectRecipe(path, layer_ids, crs.authid() or crs.toWkt(), settings.outputDpi(),
                         bool(settings.testFlag(settings.Antialiasing)),
                         (background.red(), background.green(), background.blue(),
                          background.alpha()))

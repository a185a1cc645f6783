"""QGIS in Dask workers, for exporttiles rendering layers with CLUSTER: QGIS started
once per worker, the project read by path.

The client plans and writes as for a render on this machine
(export_from_layers.py); only drawing the planned bundles moves to the
workers (tilecache/distributed/cluster_render.py ClusterRender). A worker draws what the
client would: the same saved project (.qgz/.qgs, on storage every worker
reads at the same path), the same layers by id, and the CRS, dpi,
antialiasing and background of the client's map settings.
"""
import contextlib
import functools
import os
from dataclasses import dataclass
from typing import Tuple

from ..tilecache.distributed.cluster import connected
from ..tilecache.errors import TileCacheError

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


@contextlib.contextmanager
def qgis_cluster(spec, feedback):
    """A Dask client for ``spec`` whose workers start QGIS (also workers that join later)."""
    # The workers unpickle the QGIS worker plugin and the recipes from this module.
    with connected(spec, feedback, needs=(__name__,)) as client:
        client.register_plugin(qgis_worker_plugin())
        yield client


def recipe_maker(path, layer_ids):
    """``recipe_of(source)`` for ClusterRender: the layers ``layer_ids`` of the saved
    project ``path``, drawn with the map settings of the source's renderer."""
    return functools.partial(_recipe, path, layer_ids)


def _recipe(path, layer_ids, source):
    """The recipe of ``source``: its renderer's map settings, as plain values."""
    settings = source.renderer.template
    crs = settings.destinationCrs()
    background = settings.backgroundColor()
    return ProjectRecipe(path, layer_ids, crs.authid() or crs.toWkt(), settings.outputDpi(),
                         bool(settings.testFlag(settings.Antialiasing)),
                         (background.red(), background.green(), background.blue(),
                          background.alpha()))

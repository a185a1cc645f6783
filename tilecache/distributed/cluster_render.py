"""Rendering planned bundles on a Dask cluster into the render journal.

The render export (tilecache/render/export_render.py) plans, then renders each
planned bundle into its journal, then exports the journal like a cache. Here
the middle step runs on the workers: each job is one bundle's BundleTask (plain
values), drawn by ``render_bundle`` with a renderer the worker opens once per
run from a recipe (processing_provider/cluster_render.py: a saved QGIS
project, QGIS started once per worker); the tiles come back and the client
spools them into the journal in the plan's order. The journal, and so the
output written from it, holds the same bytes as a render on one machine.
"""
import uuid
from dataclasses import dataclass

from ..render.bundle_render import render_bundle
from ..render.metatiles import BundleTask
from .bundle_jobs import opened, shared_pool
from .ordered import OrderedWork

#: Bundles in flight per worker thread (see cluster_export.IN_FLIGHT_PER_THREAD).
IN_FLIGHT_PER_THREAD = 2


@dataclass(frozen=True)
class RenderJob:
    run: str
    #: Hashable, picklable, ``open()`` -> a Renderer with ``close()``.
    recipe: object
    task: BundleTask


class _TileList:
    """The spool render_bundle writes to, in memory: one bundle's tiles to send back."""

    def __init__(self):
        self.tiles = []

    def add(self, row, col, data):
        self.tiles.append((row, col, data))

    @property
    def tile_count(self):
        return len(self.tiles)


def render_job(job):
    """Run on a worker: the bundle's non-blank tiles, (row, col, bytes) in the bundle."""
    spool = _TileList()
    render_bundle(job.task, opened(job.run, job.recipe), spool, shared_pool())
    return spool.tiles


class ClusterRender:
    """``render(source, plan, feedback)`` for export_render: the bundles drawn by workers.

    ``recipe_of(source)`` gives the recipe from which workers draw what
    ``source.renderer`` draws here.
    """

    def __init__(self, client, recipe_of):
        self.client = client
        self.recipe_of = recipe_of

    def __call__(self, source, plan, feedback):
        recipe, run = self.recipe_of(source), uuid.uuid4().hex
        tasks = [(planned.key, source.task(planned.key)) for planned in plan.bundles]
        tasks = [(key, task) for key, task in tasks if not source.journal.finished(key, task)]
        threads = sum(self.client.nthreads().values()) or 1
        work = OrderedWork(self.client, render_job, IN_FLIGHT_PER_THREAD * threads, feedback)
        jobs = (((key, task), RenderJob(run, recipe, task)) for key, task in tasks)
        for done, ((key, task), tiles) in enumerate(work.results(jobs, _describe)):
            feedback.progress((done + 1) / len(tasks), f"Rendered level {key.level} bundle "
                                                       f"{key.file_stem} (cluster)")
            spool = source.journal.writer(key, task)
            try:
                for row, col, data in tiles:
                    spool.add(row, col, data)
                spool.commit()
            except BaseException:
                spool.abort()
                raise


def _describe(job):
    return f"rendering level {job.task.level} bundle R{job.task.row:04x}C{job.task.col:04x}"

"""Rendering planned bundles on a Dask cluster into the render journal.

The render export (tilecache/render/export_render.py) plans, then renders each
planned bundle into its journal, then exports the journal like a cache. Here
the middle step runs on the workers: each job is a group of at most
``METATILES_PER_JOB`` metatiles of one bundle's BundleTask (plain values), drawn
by ``render_bundle`` with a renderer the worker opens once per run from a
recipe (processing_provider/render_workers.py: a saved QGIS project, QGIS
started once per worker); the tiles come back and the client spools them into
the journal in the plan's order.

Why groups and not whole bundles: one bundle of a deep level (up to 256
metatiles of 8 x 8 tiles) is most of a small job's work, and levels 0-7 of the
world are one bundle each; whole-bundle jobs would leave every worker but one
idle on it. A group is a run of consecutive blocks in the task's order, and
``render_bundle`` stores a block's tiles in that order, so spooling the groups
one after another writes the journal a one-machine render writes, byte for
byte. The client spools each group as it comes and commits the bundle after its
last group: the journal's resume rule (a bundle is finished once its index is
in place) is the one-machine rule, and the client holds one group's tiles.
"""
import uuid
from dataclasses import dataclass, replace

from ..model import BundleKey
from ..params.levels import level_ranges_text
from ..render.bundle_render import render_bundle
from ..render.metatiles import BundleTask
from ..render.planned_render import planned_metatiles
from .bundle_jobs import opened, shared_pool
from .ordered import OrderedWork

#: Jobs in flight per worker thread (see cluster_export.IN_FLIGHT_PER_THREAD).
IN_FLIGHT_PER_THREAD = 2
#: Metatiles one job draws at most: 32 of 8 x 8 tiles are two metatile rows of a
#: full bundle, seconds to tens of seconds of drawing, 2,048 tiles sent back; a
#: full bundle becomes 8 jobs, while the cost per job stays milliseconds.
METATILES_PER_JOB = 32


@dataclass(frozen=True)
class RenderJob:
    run: str
    #: Hashable, picklable, ``open()`` -> a Renderer with ``close()``.
    recipe: object
    #: The bundle's task with only this job's blocks.
    task: BundleTask


@dataclass(frozen=True)
class BundlePart:
    """Where a job's tiles go: bundle ``key`` drawn for ``task``, group ``index`` of ``count``."""
    key: BundleKey
    task: BundleTask
    index: int
    count: int
    #: The bundle's metatiles up to and including this group's.
    blocks_done: int


def bundle_parts(key, task, size=METATILES_PER_JOB):
    """``(part, blocks)`` for each group of at most ``size`` consecutive blocks of ``task``."""
    blocks = task.blocks
    starts = range(0, max(1, len(blocks)), size)
    return [(BundlePart(key, task, index, len(starts), min(start + size, len(blocks))),
             blocks[start:start + size]) for index, start in enumerate(starts)]


class _TileList:
    """The spool render_bundle writes to, in memory: one job's tiles to send back."""

    def __init__(self):
        self.tiles = []

    def add(self, row, col, data):
        self.tiles.append((row, col, data))

    @property
    def tile_count(self):
        return len(self.tiles)


def render_job(job):
    """Run on a worker: the job's non-blank tiles, (row, col, bytes) in the bundle."""
    spool = _TileList()
    render_bundle(job.task, opened(job.run, job.recipe), spool, shared_pool())
    return spool.tiles


class _Spooling:
    """The bundle being written into the journal, one group after the other."""

    def __init__(self, journal):
        self.journal = journal
        self.spool = None

    def add(self, part, tiles):
        if part.index == 0:
            self.spool = self.journal.writer(part.key, part.task)
        for row, col, data in tiles:
            self.spool.add(row, col, data)
        if part.index == part.count - 1:
            spool, self.spool = self.spool, None
            spool.commit()

    def abort(self):
        if self.spool is not None:
            self.spool.abort()
            self.spool = None


class ClusterRender:
    """``render(source, plan, feedback)`` for export_render: the bundles drawn by workers.

    ``recipe_of(source)`` gives the recipe from which workers draw what
    ``source.renderer`` draws here.
    """

    def __init__(self, client, recipe_of, metatiles_per_job=METATILES_PER_JOB):
        self.client = client
        self.recipe_of = recipe_of
        self.metatiles_per_job = metatiles_per_job

    def __call__(self, source, plan, feedback):
        size = self.metatiles_per_job
        # What the plan knows without listing its bundles; the jobs are counted as made.
        total = planned_metatiles(source, plan)
        feedback.info(f"Dask render: {plan.tile_count} tile slots of levels "
                      f"{level_ranges_text(plan.level_ids)}, at most {total} metatiles, "
                      f"in jobs of at most {size} metatiles")
        jobs = _Jobs(source, plan, self.recipe_of(source), size)
        self._spool(source.journal, jobs, total, feedback)
        feedback.info(f"Dask jobs: {jobs.count} for {jobs.drawn} bundles drawn (at most "
                      f"{size} metatiles a job); {jobs.kept} bundles came from the journal "
                      "of an earlier run")

    def _spool(self, journal, jobs, total, feedback):
        threads = sum(self.client.nthreads().values()) or 1
        work = OrderedWork(self.client, render_job, IN_FLIGHT_PER_THREAD * threads, feedback)
        spooling = _Spooling(journal)
        bundles_done = 0  # metatiles of the bundles committed or found finished so far
        try:
            for part, tiles in work.results(jobs, _describe):
                key = part.key
                if isinstance(part, _Kept):
                    bundles_done += part.blocks
                    feedback.progress(bundles_done / (total or 1),
                                      f"Level {key.level} bundle {key.file_stem} is in the "
                                      "journal of an earlier run (cluster)")
                    continue
                spooling.add(part, tiles)
                feedback.progress(
                    (bundles_done + part.blocks_done) / (total or 1),
                    f"Rendered level {key.level} bundle {key.file_stem} metatiles "
                    f"{part.blocks_done} of {len(part.task.blocks)} (cluster)")
                if part.index == part.count - 1:
                    bundles_done += len(part.task.blocks)
        except BaseException:
            spooling.abort()
            raise


@dataclass(frozen=True)
class _Kept:
    """A planned bundle the journal holds finished: no job, its metatiles count as done."""
    key: BundleKey
    blocks: int


class _Jobs:
    """``(part, RenderJob)`` for each group of each planned bundle not finished yet,
    ``(_Kept, None)`` for a finished one: made as OrderedWork takes them (it bounds
    how many wait), so a plan of millions of slots never has its tasks listed.
    ``count``, ``drawn`` and ``kept`` say how many were made so far."""

    def __init__(self, source, plan, recipe, size):
        self.source, self.plan, self.recipe, self.size = source, plan, recipe, size
        self.run = uuid.uuid4().hex
        self.count = self.drawn = self.kept = 0

    def __iter__(self):
        journal, selection = self.source.journal, self.plan.selection
        for planned in self.plan.bundles:
            task = self.source.task(planned.key, selection)
            if journal.finished(planned.key, task):
                self.kept += 1
                yield _Kept(planned.key, len(task.blocks)), None
                continue
            self.drawn += 1
            for part, blocks in bundle_parts(planned.key, task, self.size):
                self.count += 1
                yield part, RenderJob(self.run, self.recipe, replace(task, blocks=blocks))


def _describe(job):
    task = job.task
    first = task.blocks[0] if task.blocks else (task.row, 0, task.col, 0)
    return (f"rendering level {task.level} bundle R{task.row:04x}C{task.col:04x} "
            f"({len(task.blocks)} metatiles from tile row {first[0]}, column {first[2]})")

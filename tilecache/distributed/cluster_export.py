"""exportTiles with the bundles produced on a Dask cluster.

    client: open the source (recipe.open()) -> plan_export (the one planner)
            -> write_planned (the one write path: sink, metadata, rename, abort)
               with a ClusterWriter: per planned bundle, in the plan's order,
                 a block copy            -> done here (a file copy needs no worker)
                 anything else           -> produce_bundle on a worker, bounded in flight
                                            -> sink.write_bundle here
    workers: recipe.open() once per process, read the bundle's records from the
             shared storage, re-encode them if asked, return the finished tiles

The sink sees the same calls with the same bytes in the same order as a run on
one machine, so the output's bundles are byte-identical to that run's.
"""
import uuid

from ..feedback import SILENT
from ..formats.records import from_bytes
from ..pipeline.tile_check import TileCheck
from ..pipeline.export import PLAN_SHARE, BundleWriter, copied_whole, write_planned
from ..pipeline.export_plan import plan_export
from .bundle_jobs import BundleJob, produce_bundle
from .cluster import connected
from .ordered import OrderedWork

#: Jobs in flight per worker thread: enough that a worker never waits for the
#: client, few enough that finished bundles waiting in memory stay bounded.
IN_FLIGHT_PER_THREAD = 2


class ClusterWriter(BundleWriter):
    """A BundleWriter whose bundles (other than block copies) come from the workers."""

    def __init__(self, reader, options, recipe, client):
        super().__init__(reader, options)
        self.recipe = recipe
        self.client = client
        self.run = uuid.uuid4().hex

    def write(self, plan, sink, feedback):
        threads = sum(self.client.nthreads().values()) or 1
        work = OrderedWork(self.client, produce_bundle, IN_FLIGHT_PER_THREAD * threads,
                           feedback)
        items = ((planned, self._job(planned, plan, sink)) for planned in plan.bundles)
        blocks = smaller = 0
        scheme = self.reader.scheme
        # Produced tiles are checked here as they are written (pipeline/tile_check.py).
        check = TileCheck(scheme.tile_format)
        for done, (planned, produced) in enumerate(work.results(items, _describe)):
            feedback.check_cancelled()
            feedback.progress(done / len(plan.bundles), f"Level {planned.key.level} bundle "
                                                        f"{planned.key.file_stem} (cluster)")
            if produced is None:
                with self.reader.open_bundle(planned.key) as bundle:
                    if copied_whole(planned.key, bundle, sink, check):
                        blocks += 1
                        continue
                    checked = check.entries(planned.key, bundle, bundle.records())
                    if checked:
                        sink.write_bundle(planned.key, checked, scheme.tile_format)
                continue
            checked = ((row, col, check.checked(planned.key, row, col, data))
                       for row, col, data in produced.tiles)
            entries = [from_bytes(row, col, data) for row, col, data in checked
                       if data is not None]
            if entries:
                sink.write_bundle(planned.key, entries, scheme.tile_format)
            smaller += produced.smaller
        check.report(feedback)
        return blocks, smaller, tuple(check.messages())

    def _job(self, planned, plan, sink):
        """The worker's job for a planned bundle; None when it passes here as a block.

        Only sources that know their tiles without producing them are opened
        here to ask; a bundle of a source that renders is always a job.
        """
        if self.may_copy(planned) and self.reader.counts_exactly:
            with self.reader.open_bundle(planned.key) as bundle:
                if sink.can_copy(bundle):
                    return None
        return BundleJob(self.run, self.recipe, planned, plan.selection, self.quality)


def _describe(job):
    key = job.planned.key
    return f"level {key.level} bundle {key.file_stem}"


def export_on_cluster(recipe, output, options, spec, feedback=SILENT):
    """exportTiles of ``recipe.open()`` to ``output`` with bundles produced on the
    cluster ``spec`` (a ClusterSpec); an ExportResult as export_source gives."""
    with connected(spec, feedback, needs=(produce_bundle.__module__,)) as client, \
            recipe.open() as reader:
        plan = plan_export(reader, options, feedback.phase(0.0, PLAN_SHARE))
        writer = ClusterWriter(reader, options, recipe, client)
        return write_planned(writer, plan, output, feedback.phase(PLAN_SHARE, 1.0))

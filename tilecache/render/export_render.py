"""exportTiles from a map: plan, render the planned bundles into the journal, write.

    plan (RenderSource: slots inside the data, limit check)
      -> render each planned bundle into the journal (resumable, per metatile progress)
      -> export_source(JournalSource) exactly as a cache export (temporary name, rename)
      -> remove the journal

A run stopped anywhere (cancel, kill, power loss) leaves the output as it was
and the journal beside it; the same run started again skips the bundles the
journal holds. OUTPUT may be an existing cache folder of the same tiling
scheme: the tiles are then imported into it (render_merge.py).
"""
import time
from dataclasses import replace

from ..errors import CancelledError, ParameterError
from ..feedback import SILENT
from ..pipeline.export import export_source
from ..pipeline.export_plan import check_limit, plan_export
from .journal import Journal, journal_path
from .schemes import grid_extent
from .source import JournalSource, RenderSource

#: Shares of the progress bar: planning counts slots (quick), writing copies
#: the journal's bundles (quick next to drawing them).
PLAN_END, RENDER_END = 0.02, 0.9


def rendered_source(scheme, settings, renderer, output, item_info=None):
    """The RenderSource of a run whose output is ``output``, its journal opened.

    ``scheme.full_extent`` is the data's extent, in the scheme's CRS.
    """
    journal = Journal(journal_path(output), settings.fingerprint(scheme))
    grid = grid_extent(scheme)
    if grid is not None:
        scheme = scheme.with_changes(
            full_extent=scheme.full_extent.intersection(grid) or scheme.full_extent)
    return RenderSource(scheme, settings, renderer, journal, item_info)


def render_into_journal(source, options, feedback=SILENT, render=None):
    """Plan ``source`` (a RenderSource) for ``options`` and render what is not in its
    journal yet; the plan. ``render(source, plan, feedback)`` does the rendering:
    render_planned here, or a cluster's (tilecache/distributed/cluster_render.py)."""
    plan = plan_export(source, options, feedback.phase(0.0, PLAN_END / RENDER_END))
    check_limit(plan, options)
    if not plan.tile_count:
        raise ParameterError("nothing to render: the layers do not reach into the chosen "
                             "levels and extent")
    source.selection = plan.selection
    try:
        (render or render_planned)(source, plan, feedback.phase(PLAN_END / RENDER_END, 1.0))
    except CancelledError:
        raise CancelledError(kept_message(source.journal)) from None
    finally:
        source.close()
    return plan


def kept_message(journal):
    """What a cancelled render leaves: where its finished bundles are, how to use them."""
    kept = journal.finished_count()
    if not kept:
        return "Cancelled by the user; nothing was written."
    return (f"Cancelled by the user; the output was not written. The {kept} bundles "
            f"rendered so far are kept in {journal.folder}: the same command run again "
            "renders only the rest; delete that folder to discard them.")


def export_rendered(source, output, options, feedback=SILENT, render=None):
    """Render and write ``source`` (a RenderSource) to ``output``; an ExportResult."""
    plan = render_into_journal(source, options, feedback.phase(0.0, RENDER_END), render)
    finished, levels = finished_levels(source, plan)
    # The journal holds only rendered, non-blank tiles of the selection: export
    # all of its levels as they are.
    exact = replace(options, levels=",".join(map(str, levels)), export_by="LevelID",
                    optimize_tiles_for_size=False)
    result = export_source(finished, output, exact, feedback.phase(RENDER_END, 1.0))
    source.journal.remove()
    return result


def finished_levels(source, plan):
    """The JournalSource of a finished render and its levels holding tiles."""
    finished = JournalSource(source)
    levels = [level for level in plan.level_ids if finished.bundles(level)]
    if not levels:
        source.journal.remove()
        raise ParameterError("nothing to write: every tile of the chosen levels and extent "
                             "is blank")
    return finished, levels


def render_planned(source, plan, feedback=SILENT):
    """Render every planned bundle not in the journal yet, with a time estimate.

    Bundles come one at a time from the plan (never listed: a plan may hold
    millions); progress counts metatiles, each level's counted from its window
    (a level-0 metatile of one tile costs a level-7 one of 64).
    """
    clock = _Estimate(sum(source.metatile_count(level) for level in plan.level_ids) or 1)
    for planned in plan.bundles:
        task = source.task(planned.key)
        blocks = len(task.blocks)
        if not source.journal.finished(planned.key, task):
            step = _BundleProgress(feedback, clock, planned.key, clock.done / clock.total,
                                   blocks / clock.total)
            source.render(planned.key, task, step)
            clock.metatiles += blocks
        else:
            clock.skipped += blocks
            clock.kept += 1
        clock.advance(blocks)
    feedback.info(f"Drew {clock.metatiles} metatiles; {clock.kept} bundles came from the "
                  "journal of an earlier run")


class _Estimate:
    """Metatiles done (and skipped, as the journal held them) and the time left at the
    rate so far."""

    def __init__(self, total):
        self.total = total
        self.done = 0
        self.skipped = 0
        self.kept = 0       # bundles found finished in the journal
        self.metatiles = 0  # metatiles drawn by this run
        self.started = time.monotonic()

    def advance(self, count):
        self.done += count

    def left(self, done):
        elapsed = time.monotonic() - self.started
        drawn = done - self.skipped
        if drawn <= 0 or elapsed < 1:
            return ""
        seconds = elapsed / drawn * (self.total - done)
        return f", about {_duration(seconds)} left"


def _duration(seconds):
    if seconds < 90:
        return f"{seconds:.0f} s"
    if seconds < 5400:
        return f"{seconds / 60:.0f} min"
    return f"{seconds / 3600:.1f} h"


class _BundleProgress:
    """The Feedback render_bundle reports to: one bundle's share of the bar, with text."""

    def __init__(self, feedback, clock, key, start, weight):
        self.feedback, self.clock, self.key = feedback, clock, key
        self.start, self.weight = start, weight

    def check_cancelled(self):
        self.feedback.check_cancelled()

    def progress(self, fraction, message=None):
        del message  # the text is made here: where, how far, how long
        done = self.clock.done + fraction * self.weight * self.clock.total
        self.feedback.progress(
            self.start + fraction * self.weight,
            f"Rendering level {self.key.level} bundle {self.key.file_stem}: "
            f"{done:.0f} of {self.clock.total} metatiles{self.clock.left(done)}")

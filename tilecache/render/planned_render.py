"""Rendering a plan's bundles into the journal on this machine, with a time estimate.

``render_planned(source, plan, feedback)`` is RenderSource.produce; a cluster
renders the same bundles elsewhere (tilecache/distributed/cluster_render.py).
"""
import time

from ..feedback import SILENT


def render_planned(source, plan, feedback=SILENT):
    """Render every planned bundle not in the journal yet, with a time estimate.

    Bundles come one at a time from the plan (never listed: a plan may hold
    millions); progress counts metatiles, each level's counted from its window
    (a level-0 metatile of one tile costs a level-7 one of 64).
    """
    clock = _Estimate(planned_metatiles(source, plan) or 1)
    for planned in plan.bundles:
        task = source.task(planned.key, plan.selection)
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


def planned_metatiles(source, plan):
    """The metatiles of the plan's levels inside the data and selection, from each
    level's window (nothing listed): the total a render's progress counts in."""
    return sum(source.metatile_count(level, plan.selection) for level in plan.level_ids)


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

"""Rendering a plan's bundles into the journal on this machine, with a time estimate.

``render_planned(source, plan, feedback)`` is RenderSource.produce; a cluster
renders the same bundles elsewhere (tilecache/distributed/cluster_render.py).
"""
import time

from ..feedback import SILENT


def render_planned(source, plan, feedback=SILENT):
    """Render every bundle of ``plan`` not in ``source``'s journal yet, for the plan's
    selection, with a time estimate."""
    tasks = [(planned.key, source.task(planned.key, plan.selection)) for planned in plan.bundles]
    tasks = [(key, task) for key, task in tasks if not source.journal.finished(key, task)]
    total = sum(len(task.blocks) for _, task in tasks) or 1
    clock = _Estimate(total)
    for key, task in tasks:
        weight = len(task.blocks) / total
        start = clock.done / total
        step = _BundleProgress(feedback, clock, key, start, weight)
        source.render(key, task, step)
        clock.advance(len(task.blocks))


class _Estimate:
    """Metatiles done and the time left at the rate so far."""

    def __init__(self, total):
        self.total = total
        self.done = 0
        self.started = time.monotonic()

    def advance(self, count):
        self.done += count

    def left(self, done):
        elapsed = time.monotonic() - self.started
        if done <= 0 or elapsed < 1:
            return ""
        seconds = elapsed / done * (self.total - done)
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

"""Planning and fetching the tiles of a service: ServiceSource.plan and .produce.

Planning makes no request: it counts the selection's slots inside the
service's extent and refuses, before any tile is asked for, an export the
service does not allow or one past the lower of the parameter's and the
service's maxExportTilesCount. Fetching asks for each planned bundle's
selected slots the journal does not hold yet.
"""
import time
from dataclasses import replace

from ..errors import TileLimitError
from ..feedback import SILENT
from ..model import BUNDLE_SIZE
from ..pipeline.export_plan import build_selection, check_limit, plan_export, resolved_levels


def plan_service_export(source, options, feedback=SILENT):
    """The plan of an export from ``source`` (a ServiceSource), refused before any
    tile is asked for when export is not allowed or the selected slots pass the
    lower of the parameter's and the service's maxExportTilesCount."""
    source.info.check_export_allowed()
    options = source.info.with_default_levels(options, feedback)
    options = replace(options, max_tiles=source.info.tile_limit(options.max_tiles))
    _check_slots(source, options)
    plan = plan_export(source, options, feedback)
    check_limit(plan, options)
    return plan


def _check_slots(source, options):
    """Refuse before planning when the slots of the chosen levels in the extent's
    envelope pass the limit: a service lists every LOD down to the finest, whose
    bundles are too many to enumerate one by one."""
    if not options.max_tiles:
        return
    lods = resolved_levels(source, options)
    selection = build_selection(source, options)
    windows = [source.window(lod.level, selection) for lod in lods]
    slots = sum((w[1] - w[0] + 1) * (w[3] - w[2] + 1) for w in windows if w is not None)
    if slots > options.max_tiles * BUNDLE_SIZE:
        raise TileLimitError(slots, options.max_tiles)


def fetch_planned(source, plan, feedback=SILENT):
    """Fetch every planned bundle the journal does not hold yet, for the plan's selection,
    and say what was fetched.

    Bundles come one at a time from the plan and their slots are listed one bundle
    at a time (a plan may hold millions of slots); progress counts against the
    plan's slot count, known without listing them.
    """
    clock = _Clock(plan.tile_count)
    for planned in plan.bundles:
        slots = source.slots(planned.key, plan.selection)
        if slots and not source.journal.finished(planned.key, source.task(slots)):
            source.fetch(planned.key, slots, _Progress(feedback, planned.key, clock, len(slots)))
        else:
            clock.skipped += len(slots)
        clock.done += len(slots)
    _report(source, feedback)


def _report(source, feedback):
    client = source.client
    feedback.info(f"{source.fetched} tiles fetched with {client.requests} requests "
                  f"({client.retried} retried); {source.missing} tiles the service did not "
                  f"have, {source.skipped} slots skipped by its tilemap")


class _Clock:
    """Slots of the plan passed so far (``done``; ``skipped`` of them found in the
    journal) against its total, and the time left at this run's rate."""

    def __init__(self, total):
        self.total = total or 1
        self.done = self.skipped = 0
        self.started = time.monotonic()

    def left(self, done):
        elapsed = time.monotonic() - self.started
        fetched = done - self.skipped
        if fetched <= 0 or elapsed < 1:
            return ""
        return f", about {elapsed / fetched * (self.total - done):.0f} s left"


class _Progress:
    """One bundle's share of the bar, with the tile count and the time left."""

    def __init__(self, feedback, key, clock, count):
        self.feedback, self.key, self.clock, self.count = feedback, key, clock, count

    def check_cancelled(self):
        self.feedback.check_cancelled()

    def progress(self, fraction, message=None):
        del message  # the text is made here
        clock = self.clock
        done = clock.done + fraction * self.count
        self.feedback.progress(done / clock.total,
                               f"Fetching level {self.key.level} bundle {self.key.file_stem}: "
                               f"{done:.0f} of {clock.total} tiles{clock.left(done)}")

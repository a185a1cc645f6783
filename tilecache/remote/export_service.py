"""exportTiles from a tiled service, the tiles fetched here (client side).

    read the service (scheme, exportTilesAllowed, maxExportTilesCount)
      -> plan (slots of the selection inside the service's extent, limit check)
      -> fetch each planned bundle into the journal (resumable, bounded concurrency)
      -> export_source(JournalSource) exactly as a cache export (temporary name, rename)
      -> remove the journal

A run stopped anywhere leaves the output as it was and the journal beside
it; started again with the same parameters, it asks only for the bundles the
journal does not hold.
"""
import os
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from typing import Callable, Optional, Tuple

from ..errors import ParameterError, TileLimitError
from ..feedback import SILENT
from ..metadata.iteminfo import ItemInfo
from ..pipeline.export import export_source
from ..model import BUNDLE_SIZE
from ..params.selection import Selection
from ..pipeline.export_plan import (build_selection, check_limit, plan_export, resolved_levels,
                                   where_tiles_are)
from ..render.journal import Journal
from ..render.source import JournalSource
from .client import RetryPolicy, ServiceClient
from .service import read_service, service_url
from .source import DEFAULT_CONCURRENCY, ServiceSource
from .tokens import generate_token

JOURNAL_SUFFIX = ".fetch-journal"
#: Shares of the progress bar: planning makes no request; writing copies the
#: journal's bundles, quick next to downloading them.
PLAN_END, FETCH_END = 0.02, 0.9


@dataclass
class Connection:
    """How to reach a service: the fetch function and everything around it."""
    fetch: Callable
    token: Optional[str] = None
    #: (username, password) turned into a token through generateToken.
    credentials: Optional[Tuple[str, str]] = None
    concurrency: int = DEFAULT_CONCURRENCY
    policy: RetryPolicy = RetryPolicy()
    #: The executor class running the requests (QGIS needs Qt threads).
    pool_factory: Callable = ThreadPoolExecutor

    def client(self, url):
        client = ServiceClient(self.fetch, service_url(url), self.token, self.policy)
        if self.credentials and not self.token:
            client.token = generate_token(client, *self.credentials)
        return client


def open_service(connection, url, output):
    """The ServiceSource of ``url`` for a run writing ``output``, its journal opened."""
    client = connection.client(url)
    info = read_service(client)
    folder = os.path.abspath(os.path.normpath(output)) + JOURNAL_SUFFIX
    journal = Journal(folder, repr((info.url, info.scheme)))
    source = ServiceSource(info, client, journal, connection.concurrency,
                           connection.pool_factory)
    source.item_info = ItemInfo(name=info.name, title=info.name,
                                summary=f"Tiles of {info.url}", snippet=f"Tiles of {info.url}",
                                description=f"Tiles taken offline from {info.url} by "
                                            "Tile Package Tools.",
                                tags=("tiles", "tile package", info.name))
    return source


def plan_service_export(source, options, feedback=SILENT):
    """The plan of an export from ``source`` (a ServiceSource), refused before any
    tile is asked for when export is not allowed or the selected slots pass the
    lower of the parameter's and the service's maxExportTilesCount."""
    source.info.check_export_allowed()
    options = replace(options, max_tiles=source.info.tile_limit(options.max_tiles))
    _check_slots(source, options)
    plan = plan_export(source, options, feedback)
    check_limit(plan, options)
    return plan


def export_service(source, output, options, feedback=SILENT):
    """Fetch and write ``source`` (a ServiceSource) to ``output``; an ExportResult."""
    options = source.info.with_default_levels(options, feedback)
    plan = plan_service_export(source, options, feedback.phase(0.0, PLAN_END))
    if not plan.bundles:
        raise ParameterError("nothing to export: the chosen levels and extent hold no tile "
                             f"slot of the service; {where_tiles_are(source)}", source.path)
    source.selection = plan.selection
    try:
        fetch_planned(source, plan, feedback.phase(PLAN_END, FETCH_END))
    finally:
        source.close()
    _report(source, feedback)
    finished = JournalSource(source)
    levels = [level for level in plan.level_ids if finished.bundles(level)]
    if not levels:
        source.journal.remove()
        raise ParameterError("nothing to write: the service has no tile in the chosen "
                             "levels and extent", source.path)
    exact = replace(options, levels=",".join(map(str, levels)), export_by="LevelID")
    result = export_source(finished, output, exact, feedback.phase(FETCH_END, 1.0))
    source.journal.remove()
    return result


def _check_slots(source, options):
    """Refuse before planning when the slots of the chosen levels in the extent's
    envelope pass the limit: a service lists every LOD down to the finest, whose
    bundles are too many to enumerate one by one."""
    if not options.max_tiles:
        return
    lods = resolved_levels(source, options)
    source.selection = build_selection(source, options)
    windows = [source.window(lod.level) for lod in lods]
    slots = sum((w[1] - w[0] + 1) * (w[3] - w[2] + 1) for w in windows if w is not None)
    source.selection = Selection.everything()
    if slots > options.max_tiles * BUNDLE_SIZE:
        raise TileLimitError(slots, options.max_tiles)


def fetch_planned(source, plan, feedback=SILENT):
    """Fetch every planned bundle the journal does not hold yet."""
    work = [(planned.key, source.slots(planned.key)) for planned in plan.bundles]
    work = [(key, slots) for key, slots in work
            if slots and not source.journal.finished(key, source.task(slots))]
    total = sum(len(slots) for _, slots in work) or 1
    done, started = 0, time.monotonic()
    for key, slots in work:
        step = _Progress(feedback, key, (done, len(slots), total), started)
        source.fetch(key, slots, step)
        done += len(slots)


def _report(source, feedback):
    client = source.client
    feedback.info(f"{source.fetched} tiles fetched with {client.requests} requests "
                  f"({client.retried} retried); {source.missing} tiles the service did not "
                  f"have, {source.skipped} slots skipped by its tilemap")


class _Progress:
    """One bundle's share of the bar, with the tile count and the time left."""

    def __init__(self, feedback, key, counts, started):
        self.feedback, self.key = feedback, key
        self.done, self.count, self.total = counts  # before this bundle, in it, in all
        self.started = started

    def check_cancelled(self):
        self.feedback.check_cancelled()

    def progress(self, fraction, message=None):
        del message  # the text is made here
        done = self.done + fraction * self.count
        elapsed = time.monotonic() - self.started
        left = "" if done <= 0 or elapsed < 1 else \
            f", about {elapsed / done * (self.total - done):.0f} s left"
        self.feedback.progress(done / self.total,
                               f"Fetching level {self.key.level} bundle {self.key.file_stem}: "
                               f"{done:.0f} of {self.total} tiles{left}")

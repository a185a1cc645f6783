"""A tiled service as a TileProducer: bundles filled by fetching tiles into a journal.

:class:`ServiceSource` is what is planned (``counts_exactly = False``: the
selection's slots, no request made; fetching.py). ``fetch(key, slots)`` downloads
a bundle's selected tiles with a bounded number of requests in flight into the journal
(render/journal.py), so a stopped run resumes bundle by bundle, and logs
each tile as it arrives (partial.py), so the tiles a bundle cut short already
had are not asked for again, whatever the instant it was cut at (the
invariant is stated in partial.py). The export
then writes from the journal's finished bundles (render/source.JournalSource).
"""
import hashlib
from collections import deque
from concurrent.futures import ThreadPoolExecutor

from ..errors import ParameterError
from ..feedback import SILENT
from ..params.selection import Selection
from ..pipeline.export_plan import where_tiles_are
from ..pipeline.windows import bundles_covering, selected_window
from .fetching import fetch_planned, plan_service_export
from .partial import PartialLog
from .tilemap import present_slots

#: Every slot of a bundle: what is asked for when no selection is given.
EVERYTHING = Selection.everything()

DEFAULT_CONCURRENCY = 4
MAX_CONCURRENCY = 64


class ServiceSource:
    """The tiles of a service, inside its full extent, fetched into the journal for a
    plan's selection. A TileProducer."""

    counts_exactly = False
    #: Fetched tiles are the service's bytes: optimizeTilesForSize may re-encode them.
    encodes_tiles = False

    def __init__(self, info, client, journal, concurrency=DEFAULT_CONCURRENCY,
                 pool_factory=ThreadPoolExecutor):
        self.info, self.client, self.journal = info, client, journal
        self.scheme = info.scheme
        self.path = info.url
        self.item_info = None
        self.concurrency = max(1, min(MAX_CONCURRENCY, int(concurrency)))
        self._pool_factory = pool_factory
        self._pool = None
        #: Tiles asked for that the service did not have; slots the tilemap skipped.
        self.missing = 0
        self.skipped = 0
        self.fetched = 0

    @property
    def full_extent(self):
        return self.scheme.full_extent

    def levels(self):
        """The levels holding tiles (minLOD..maxLOD and so on; service.data_levels)."""
        return list(self.info.data_levels or self.scheme.level_ids)

    def window(self, level, selection=EVERYTHING, key=None):
        """Tile rows and columns of the level (or bundle) inside the data and ``selection``."""
        return selected_window(self.scheme, selection, level, key)

    def bundles(self, level):
        """The level's bundles inside the service's extent (planning keeps the selected)."""
        return bundles_covering(level, self.window(level))

    def plan(self, options, feedback=SILENT):
        """The export plan for ``options``; no tile asked for (fetching.py)."""
        return plan_service_export(self, options, feedback)

    def produce(self, plan, feedback=SILENT):
        """Fetch every planned bundle the journal does not hold yet, for the plan's
        selection only."""
        fetch_planned(self, plan, feedback)

    def cancelled(self):
        """The error for a cancel while fetching: what was kept, where, how to discard it."""
        return self.journal.cancelled("fetched", "fetches")

    def nothing_planned(self):
        return ParameterError("nothing to export: the chosen levels and extent hold no tile "
                              f"slot of the service; {where_tiles_are(self)}", self.path)

    def nothing_produced(self):
        return ParameterError("nothing to write: the service has no tile in the chosen "
                              "levels and extent", self.path)

    def slots(self, key, selection=EVERYTHING):
        """The bundle's (row, col) slots of ``selection``, absolute, row by row."""
        window = self.window(key.level, selection, key)
        if window is None:
            return []
        wanted = selection.contains_fn(self.scheme, self.scheme.lod(key.level), key)
        row_min, row_max, col_min, col_max = window
        return [(row, col) for row in range(row_min, row_max + 1)
                for col in range(col_min, col_max + 1) if wanted(row, col)]

    @staticmethod
    def task(slots):
        """What a journal entry holds: a digest of the slots asked for."""
        return hashlib.sha1(repr(slots).encode("ascii")).hexdigest()

    def fetch(self, key, slots, feedback=SILENT):
        """Fetch the bundle's ``slots`` into the journal unless it is there already; the
        tiles stored."""
        task = self.task(slots)
        if self.journal.finished(key, task):
            return 0
        slots = self._present(key, slots)
        log = PartialLog(self.journal.folder, key, task)
        spool = self.journal.writer(key, task)
        try:
            for row, col, data in log.arrived:
                self._store(spool, key, (row, col), data)
            arrived = {(row, col) for row, col, _ in log.arrived}
            todo = [slot for slot in slots if slot not in arrived]
            for done, (row, col, data) in enumerate(self._tiles(key.level, todo, feedback)):
                log.add(row, col, data)
                self._store(spool, key, (row, col), data)
                if done % 64 == 0:
                    feedback.progress((done + len(arrived)) / max(1, len(slots)))
            spool.commit()
        except BaseException:
            spool.abort()
            log.close()
            raise
        # Only now: until the commit point the log is the only copy of these tiles
        # (the invariant in partial.py).
        log.remove()
        self.fetched += spool.tile_count
        return spool.tile_count

    def _store(self, spool, key, slot, data):
        if data is None:
            self.missing += 1
        else:
            spool.add(slot[0] - key.row, slot[1] - key.col, data)

    def _present(self, key, slots):
        """The slots the service's tilemap says hold tiles (all when it has none)."""
        if not self.info.has_tilemap or not slots:
            return slots
        rows = [row for row, _ in slots]
        cols = [col for _, col in slots]
        present = present_slots(self.client, key.level,
                                (min(rows), max(rows), min(cols), max(cols)))
        if present is None:
            return slots
        kept = [slot for slot in slots if slot in present]
        self.skipped += len(slots) - len(kept)
        return kept

    def _tiles(self, level, slots, feedback):
        """(row, col, bytes or None) in slot order, at most ``concurrency`` requests in
        flight and a few answers waiting, so memory stays flat."""
        if self._pool is None:
            self._pool = self._pool_factory(self.concurrency)
        ahead = 4 * self.concurrency
        pending = deque()
        for row, col in slots:
            pending.append((row, col, self._pool.submit(self.client.tile, level, row, col)))
            if len(pending) >= ahead:
                feedback.check_cancelled()
                row0, col0, future = pending.popleft()
                yield row0, col0, future.result()
        for row0, col0, future in pending:
            yield row0, col0, future.result()

    def close(self):
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

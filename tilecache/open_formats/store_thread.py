"""A sink's stores run on one thread of their own while the caller reads on.

Copying a cache into MBTiles or GeoPackage is two halves of about the same
cost: reading and cutting tiles out of bundles (Python), and SQLite putting
them into pages (C, run with the GIL released). One after the other they add
up; with the stores on this thread they overlap on a second core. The queue
is short, so at most ``IN_FLIGHT`` batches (a few MB each) wait in memory, and
the database is only ever touched by one thread at a time: this one until
``drain``, the caller's after it.
"""
import queue
import threading

#: Batches handed over but not yet stored: enough to keep both sides busy.
IN_FLIGHT = 2


class StoreThread:
    """Calls ``store(batch)`` for each submitted batch, in order, on its own thread."""

    def __init__(self, store, name):
        self._store = store
        self._queue = queue.Queue(maxsize=IN_FLIGHT)
        self._error = None
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)
        self._thread.start()

    def _run(self):
        while True:
            batch = self._queue.get()
            if batch is None:
                return
            if self._error is None:
                try:
                    self._store(batch)
                except BaseException as exc:  # noqa: BLE001 - raised again on the caller's thread
                    self._error = exc

    def submit(self, batch):
        """Queue ``batch``; raises what an earlier store raised, so a full disk stops
        the reading at once."""
        self._raise()
        self._queue.put(batch)

    def drain(self):
        """Wait until every batch is stored and the thread has ended; raises what a
        store raised (again, when called again)."""
        if self._thread.is_alive():
            self._queue.put(None)
            self._thread.join()
        self._raise()

    def _raise(self):
        # The error stays: batches still queued are skipped, not stored after it.
        if self._error is not None:
            raise self._error

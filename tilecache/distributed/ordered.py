"""Jobs on a Dask cluster, results handed back in the order the jobs came.

The output is written in the plan's fixed order, so results are taken in that
order too: at most ``in_flight`` jobs are submitted ahead of the one being
written, which bounds both the workers' memory (finished results wait there
until taken) and the client's (one result at a time); items are taken from
their iterator only as they are submitted, at most ``2 * in_flight`` ahead.

Failures, as the caller sees them:

- a worker dies: Dask moves its jobs to the other workers by itself; a job
  whose workers died ``allowed-failures`` times (a bundle that kills whoever
  runs it) is submitted once more, then named in the error;
- the scheduler is lost: one TileCacheError line naming it;
- a job raises: a TileCacheError passes as it is (it names its file already),
  anything else becomes one line naming the job;
- cancel (the Feedback) is looked at every ``POLL`` seconds while waiting;
  pending jobs are cancelled on the way out, whatever the way.
"""
import collections
import concurrent.futures

from ..errors import TileCacheError

#: Seconds between two looks at cancel and the scheduler while waiting.
POLL = 0.2
#: Submissions of a job after Dask gave up on it because its workers died.
RESUBMITS = 1


class OrderedWork:
    """``function(job)`` on the cluster for each job, results in the jobs' order."""

    def __init__(self, client, function, in_flight, feedback):
        import distributed
        self._distributed = distributed
        self.client = client
        self.function = function
        self.in_flight = max(1, int(in_flight))
        self.feedback = feedback
        self._pending = collections.deque()

    def results(self, items, describe=str):
        """``(item, result)`` for each ``(item, job)``; a job None yields ``(item, None)``
        without using the cluster. ``describe(job)`` names a job in messages."""
        source = iter(items)
        remote = 0
        try:
            while True:
                # Items without a job wait in the queue too, so it is bounded as well:
                # a long run of them (a resume over finished bundles) is not listed.
                while remote < self.in_flight and len(self._pending) < 2 * self.in_flight:
                    following = next(source, None)
                    if following is None:
                        break
                    item, job = following
                    future = None if job is None else self._submit(job)
                    remote += future is not None
                    self._pending.append((item, job, future))
                if not self._pending:
                    return
                item, job, future = self._pending.popleft()
                if future is None:
                    yield item, None
                    continue
                remote -= 1
                yield item, self._result(job, future, describe)
        finally:
            self._cancel_pending()

    def _submit(self, job):
        return self.client.submit(self.function, job, pure=False)

    def _result(self, job, future, describe):
        for attempt in range(RESUBMITS + 1):
            try:
                return self._wait(future, describe(job))
            except self._distributed.KilledWorker:
                if attempt == RESUBMITS:
                    raise TileCacheError(
                        f"{describe(job)}: every worker that ran it died "
                        f"({RESUBMITS + 1} rounds); nothing was written") from None
                future = self._submit(job)
        raise AssertionError("unreachable")  # pragma: no cover

    def _wait(self, future, name):
        while True:
            self.feedback.check_cancelled()
            try:
                self._distributed.wait(future, timeout=POLL)
            except TimeoutError:
                if self.client.status in ("closing", "closed"):
                    raise self._lost() from None
                continue
            except concurrent.futures.CancelledError:
                # Dask cancels every future when the scheduler's connection goes.
                raise self._lost() from None
            if future.status == "finished":
                return future.result()
            if future.status == "error":
                raise self._failure(future.exception(), name)
            raise self._lost()

    def _failure(self, exc, name):
        if isinstance(exc, (TileCacheError, self._distributed.KilledWorker)):
            return exc
        text = " ".join(str(exc).split()) or type(exc).__name__
        if isinstance(exc, ImportError):
            # A worker without QGIS, the plugin or a package the job needs: the
            # job (or its unpickling) fails the same way on every worker.
            return TileCacheError(f"{name}: a worker cannot import "
                                  f"{exc.name or text}; every worker needs QGIS, this "
                                  "plugin and its packages (docs/scale-out.md)")
        return TileCacheError(f"{name} failed on a worker: {text}")

    def _lost(self):
        return TileCacheError(f"lost the Dask scheduler at {self.client.scheduler.address} "
                              "(stopped, or the network went); nothing was written")

    def _cancel_pending(self):
        futures = [future for _, _, future in self._pending if future is not None]
        self._pending.clear()
        if futures and self.client.status == "running":
            self.client.cancel(futures)

"""An exclusive lock per cache, held while the cache changes.

The operating system releases it when the process dies (even kill -9), so a
crashed import never leaves a cache locked; a second import waits its turn.
"""
import os
import time

from ..errors import CacheLockedError, CancelledError
from ..feedback import SILENT

LOCK_NAME = ".tilepackagetools.lock"
POLL_SECONDS = 0.1

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None
    import msvcrt


class CacheLock:
    def __init__(self, cache_root, timeout=None, feedback=SILENT):
        self.path = os.path.join(cache_root, LOCK_NAME)
        self.timeout = timeout
        self.feedback = feedback
        self._fd = None

    def _try(self):
        try:
            if fcntl is not None:
                fcntl.flock(self._fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            else:
                msvcrt.locking(self._fd, msvcrt.LK_NBLCK, 1)
            return True
        except OSError:
            return False

    def acquire(self):
        try:
            self._fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as exc:
            raise CacheLockedError(f"cannot create the cache lock: {exc.strerror}",
                                   self.path) from None
        started = time.monotonic()
        if not self._try():
            # Said only when someone else really holds the lock.
            self.feedback.info("Waiting for another import into this cache to finish")
        while not self._try():
            if self.feedback.is_cancelled():
                self.release()
                raise CancelledError()
            if self.timeout is not None and time.monotonic() - started > self.timeout:
                self.release()
                raise CacheLockedError("another process is changing this cache", self.path)
            time.sleep(POLL_SECONDS)
        return self

    def release(self):
        if self._fd is not None:
            os.close(self._fd)  # closing drops the lock on every platform
            self._fd = None

    def __enter__(self):
        return self.acquire()

    def __exit__(self, *exc):
        self.release()

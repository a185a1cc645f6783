"""Flushing a file to disk while it is still being written.

An output is fsynced before it is renamed into place (io/atomic.py). Left to
the end, that fsync waits for the whole file to reach the disk (0.5 s for a
1 GB MBTiles here) while the CPU idles; the kernel alone starts writing back
only once dirty pages pass a share of memory. Here a thread fsyncs the file
every ``every`` bytes handed over, so the disk works while tiles are still
being copied and the final fsync finds little left.

After each flush the pages already on disk are dropped from the page cache
(``posix_fadvise(DONTNEED)``, what ``dd oflag=nocache`` does): a 1 GB output
written once should not push the user's other files out of memory, and the
kernel then reuses those same pages for the rest of the file. On this project's
virtual machine fresh pages cost about 3.6 s a GB the first time they are
touched; reusing them cut a conversion's system time from 2-4.7 s to about 1 s
(docs/benchmarks.md). A reader of the output right afterwards reads it from disk.
"""
import os
import threading

from .atomic import fsync_path

#: Bytes written between two background flushes.
FLUSH_EVERY = 64 << 20


class EarlyFlush:
    """Call ``wrote(n)`` as bytes go to ``path``; ``close()`` when done writing."""

    def __init__(self, path, every=FLUSH_EVERY):
        self.path = path
        self.every = every
        self._pending = 0
        self._wake = threading.Event()
        self._done = False
        self._thread = threading.Thread(target=self._run, name="early flush", daemon=True)
        self._thread.start()

    def _run(self):
        while True:
            self._wake.wait()
            self._wake.clear()
            if self._done:
                return
            fsync_path(self.path)
            drop_cached(self.path)

    def wrote(self, count):
        self._pending += count
        if self._pending >= self.every:
            self._pending = 0
            self._wake.set()

    def close(self):
        self._done = True
        self._wake.set()
        self._thread.join()


def drop_cached(path):
    """Let the kernel drop the file's pages already on disk from its cache."""
    if not hasattr(os, "posix_fadvise"):
        return
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
    except OSError:
        pass
    finally:
        os.close(fd)

"""Random-access byte sources: a file on disk, or a member inside a zip.

Bundle readers take one of these so a bundle on disk and one inside a
package go through one code path.  Sources are opened read-only: the
user's caches and packages are never touched through them.
"""
import os
import threading

from .errors import FormatError

#: Chunk used when streaming a source somewhere else (block copies).
COPY_CHUNK = 1 << 20


class FileSource:
    """A whole file, read with pread so concurrent readers need no seek lock."""

    def __init__(self, path):
        self.name = str(path)
        try:
            self._fd = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
        except OSError as exc:
            raise FormatError(f"cannot open: {exc.strerror}", path) from None
        self.size = os.fstat(self._fd).st_size

    def read_at(self, offset, length):
        if offset < 0 or length < 0:
            raise FormatError(f"negative read at {offset}", self.name)
        try:
            return os.pread(self._fd, length, offset)
        except OSError as exc:
            raise FormatError(f"read failed: {exc.strerror}", self.name) from None

    def close(self):
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


class SliceSource:
    """A window of another source: how a STORED zip member is read in place."""

    def __init__(self, parent, start, length, name):
        self.name = name
        self._parent = parent
        self._start = start
        self.size = length

    def read_at(self, offset, length):
        if offset < 0 or length < 0:
            raise FormatError(f"negative read at {offset}", self.name)
        length = max(0, min(length, self.size - offset))
        return self._parent.read_at(self._start + offset, length)

    def close(self):
        """The parent owns the file descriptor."""

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


class InflatingSource:
    """A DEFLATED zip member: correct but slow, since seeking back re-inflates.

    Packages are written STORED precisely so this is rare; it only ever holds
    what the caller asked for, so a bomb never lands in memory whole.
    """

    def __init__(self, opener, size, name):
        self.name = name
        self.size = size
        self._opener = opener
        self._stream = None
        self._lock = threading.Lock()

    def read_at(self, offset, length):
        if offset < 0 or length < 0:
            raise FormatError(f"negative read at {offset}", self.name)
        length = max(0, min(length, self.size - offset))
        with self._lock:
            try:
                if self._stream is None:
                    self._stream = self._opener()
                self._stream.seek(offset)
                return self._stream.read(length)
            except (OSError, EOFError, ValueError, RuntimeError) as exc:
                raise FormatError(f"cannot inflate member: {exc}", self.name) from None
            except Exception as exc:  # zlib.error and zipfile.BadZipFile
                raise FormatError(f"corrupt compressed member: {exc}", self.name) from None

    def close(self):
        if self._stream is not None:
            self._stream.close()
            self._stream = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def read_exact(source, offset, length, what):
    """Read exactly ``length`` bytes or explain which structure is truncated."""
    data = source.read_at(offset, length)
    if len(data) != length:
        raise FormatError(
            f"truncated: {what} needs {length} bytes at offset {offset}, "
            f"the file has {source.size}", source.name)
    return data


def copy_range(source, offset, length, out, chunk=COPY_CHUNK):
    """Stream ``length`` bytes of ``source`` from ``offset`` into ``out``."""
    end = offset + length
    while offset < end:
        piece = read_exact(source, offset, min(chunk, end - offset), "block copy")
        out.write(piece)
        offset += len(piece)

"""Random-access byte sources: a file on disk, or a member inside a zip.

Bundle readers take one of these so a bundle on disk and one inside a
package go through one code path.  Sources are opened read-only: the
user's caches and packages are never touched through them.
"""
import os
import threading

from ..errors import FormatError

#: Chunk used when streaming a source somewhere else (block copies).
COPY_CHUNK = 1 << 20
#: Positioned reads without a shared file offset (not on Windows).
_HAS_PREAD = hasattr(os, "pread") and hasattr(os, "preadv")


class FileSource:
    """A whole file, read at explicit offsets.

    pread/preadv where the OS has them (no shared file position, so readers
    in several threads need no lock); elsewhere (Windows) seek + read under a
    lock.
    """

    def __init__(self, path):
        self.name = str(path)
        try:
            self._file = open(path, "rb", buffering=0)
        except OSError as exc:
            raise FormatError(f"cannot open: {exc.strerror}", path) from None
        self._fd = self._file.fileno()
        self.size = os.fstat(self._fd).st_size
        self._lock = None if _HAS_PREAD else threading.Lock()

    def read_at(self, offset, length):
        if offset < 0 or length < 0:
            raise FormatError(f"negative read at {offset}", self.name)
        try:
            if self._lock is None:
                return os.pread(self._fd, length, offset)
            with self._lock:
                self._file.seek(offset)
                return self._file.read(length) or b""
        except (OSError, ValueError) as exc:
            raise FormatError(f"read failed: {getattr(exc, 'strerror', None) or exc}",
                              self.name) from None

    def read_into(self, offset, view):
        """Fill ``view`` from ``offset``; returns the bytes read (fewer only at the end).

        Bulk readers reuse one buffer with this: a fresh large bytes object
        per read costs page faults that dwarf the copy itself.
        """
        if offset < 0:
            raise FormatError(f"negative read at {offset}", self.name)
        done = 0
        try:
            while done < len(view):
                if self._lock is None:
                    got = os.preadv(self._fd, [view[done:]], offset + done)
                else:
                    with self._lock:
                        self._file.seek(offset + done)
                        got = self._file.readinto(view[done:])
                if not got:
                    break
                done += got
        except (OSError, ValueError) as exc:
            raise FormatError(f"read failed: {getattr(exc, 'strerror', None) or exc}",
                              self.name) from None
        return done

    def close(self):
        if self._file is not None:
            self._file.close()
            self._file = None
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

    def read_into(self, offset, view):
        if offset < 0:
            raise FormatError(f"negative read at {offset}", self.name)
        length = max(0, min(len(view), self.size - offset))
        if hasattr(self._parent, "read_into"):
            return self._parent.read_into(self._start + offset, view[:length])
        data = self._parent.read_at(self._start + offset, length)
        view[:len(data)] = data
        return len(data)

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


def open_all_or_close(build, *sources):
    """``build(*sources)``; if it refuses them (a bad header), close them rather than leak."""
    try:
        return build(*sources)
    except BaseException:
        for source in sources:
            source.close()
        raise


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

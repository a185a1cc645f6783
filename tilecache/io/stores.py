"""Where a cache's files live: a folder on disk, or a folder inside a zip.

Cache readers only list folders, open byte sources and read small files, so
one reader serves a cache folder, an unpacked package and a package in place.
"""
import os
import posixpath

from .byte_sources import FileSource, read_exact
from .names import find_name
from ..errors import FormatError
from .safe_zip import MAX_METADATA_SIZE, SafeZip


class _Store:
    def find_file(self, rel, wanted):
        """The stored spelling of file ``wanted`` in folder ``rel`` (any case), or None."""
        return find_name((name for name, is_dir in self.listdir(rel) if not is_dir), wanted)


class FolderStore(_Store):
    def __init__(self, root):
        self.root = os.path.abspath(root)

    def local_path(self, rel):
        """The path on disk of ``rel``: only folder stores have one, and only they are written."""
        return os.path.join(self.root, *rel.split("/")) if rel else self.root

    def display_name(self, rel):
        return self.local_path(rel)

    def listdir(self, rel=""):
        """Children of a folder as (name, is_dir), or [] when it is missing."""
        try:
            with os.scandir(self.local_path(rel)) as entries:
                return [(entry.name, entry.is_dir()) for entry in entries]
        except (FileNotFoundError, NotADirectoryError):
            return []
        except OSError as exc:
            raise FormatError(f"cannot list folder: {exc.strerror}", self.local_path(rel)) from None

    def exists(self, rel):
        return os.path.isfile(self.local_path(rel))

    def size(self, rel):
        try:
            return os.stat(self.local_path(rel)).st_size
        except OSError as exc:
            raise FormatError(f"cannot read: {exc.strerror}", self.local_path(rel)) from None

    def source(self, rel):
        return FileSource(self.local_path(rel))

    def read(self, rel, max_size=MAX_METADATA_SIZE):
        with self.source(rel) as source:
            if source.size > max_size:
                raise FormatError(f"{source.size} bytes is too large for a metadata file",
                                  source.name)
            return read_exact(source, 0, source.size, "file")

    def close(self):
        """Nothing held open."""


class ZipStore(_Store):
    """A view of one folder (``prefix``) of a SafeZip; the zip is shared."""

    def __init__(self, archive: SafeZip, prefix="", owns_archive=True):
        self.archive = archive
        self.prefix = prefix.strip("/")
        self._owns = owns_archive
        self._tree = {}
        for name in archive.names():
            parent, _, child = name.rpartition("/")
            self._tree.setdefault(parent, {})[child] = False
            while parent:
                grand, _, folder = parent.rpartition("/")
                self._tree.setdefault(grand, {})[folder] = True
                parent = grand

    def _name(self, rel):
        return posixpath.join(self.prefix, rel) if self.prefix else rel

    def local_path(self, rel):
        """Members of a zip have no path on disk: packages are only read."""
        return None

    def display_name(self, rel):
        return self.archive.display_name(self._name(rel))

    def listdir(self, rel=""):
        folder = self._name(rel).strip("/")
        return list(self._tree.get(folder, {}).items())

    def exists(self, rel):
        return self._name(rel) in self.archive.members

    def size(self, rel):
        return self.archive.members[self._name(rel)].file_size

    def source(self, rel):
        return self.archive.source(self._name(rel))

    def read(self, rel, max_size=MAX_METADATA_SIZE):
        return self.archive.read(self._name(rel), max_size)

    def close(self):
        if self._owns:
            self.archive.close()

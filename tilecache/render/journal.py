"""The render journal: finished bundles' tiles on disk, so a stopped render resumes.

    <output>.render-journal/
        fingerprint.txt       what was being rendered (scheme, format, layers...)
        L03/R0000C0080.tiles  the bundle's tile bytes, one after another
        L03/R0000C0080.npy    its index: row, col, offset, size per tile
        L03/R0000C0080.task   what was drawn (its BundleTask), checked on resume

A bundle is finished when its index is in place: the index is renamed in
last, so a bundle cut short by a kill has no index and is rendered again.
Another fingerprint (other layers, format, scheme...) empties the journal.
Rendering streams tiles into these files, so memory stays flat however big
the job; the export then reads them like any cache's bundles.
"""
import os

import numpy as np

from ..errors import CancelledError
from ..formats.records import SourceBundleReader, TileRecord
from ..io.atomic import TEMP_MARKER, remove_path, temp_sibling
from ..io.byte_sources import FileSource
from ..model import BundleKey

FINGERPRINT = "fingerprint.txt"
JOURNAL_SUFFIX = ".render-journal"


def journal_path(output):
    return os.path.abspath(os.path.normpath(output)) + JOURNAL_SUFFIX


class Journal:
    """Finished bundles of one render, kept until the output is complete."""

    def __init__(self, folder, fingerprint):
        self.folder = folder
        mark = os.path.join(folder, FINGERPRINT)
        if os.path.isdir(folder) and _text(mark) != fingerprint:
            remove_path(folder)
        os.makedirs(folder, exist_ok=True)
        if _text(mark) != fingerprint:
            with open(mark, "w", encoding="utf-8") as stream:
                stream.write(fingerprint)
        self._remove_partial()

    def _remove_partial(self):
        """Temporary files of bundles that were in flight when a run stopped."""
        for root, _dirs, files in os.walk(self.folder):
            for name in files:
                if TEMP_MARKER in name:
                    remove_path(os.path.join(root, name))

    def _paths(self, key):
        stem = os.path.join(self.folder, key.level_folder, key.file_stem)
        return stem + ".tiles", stem + ".npy"

    def finished(self, key, task=None):
        """True when the bundle is in the journal (drawn for ``task``, when given: a run
        with another extent draws other metatiles of the same bundle)."""
        index = self._paths(key)[1]
        if not os.path.exists(index):
            return False
        return task is None or _text(index[:-len(".npy")] + ".task") == repr(task)

    def writer(self, key, task):
        tiles, index = self._paths(key)
        os.makedirs(os.path.dirname(tiles), exist_ok=True)
        remove_path(index)  # a bundle drawn for another task is no longer finished
        with open(index[:-len(".npy")] + ".task", "w", encoding="utf-8") as stream:
            stream.write(repr(task))
        return SpoolWriter(tiles, index)

    def reader(self, key):
        """The finished bundle's tiles, or None when it was not finished or holds none."""
        tiles, index = self._paths(key)
        if not os.path.exists(index):
            return None
        table = np.load(index)
        if not len(table):
            return None
        return SpoolBundleReader(tiles, table)

    def levels(self):
        """Levels with at least one finished bundle holding tiles."""
        names = os.listdir(self.folder)
        found = [int(name[1:]) for name in names if name[:1] == "L" and name[1:].isdigit()]
        return sorted(level for level in found if self.bundles(level))

    def bundles(self, level):
        """Finished bundles of ``level`` holding tiles, sorted by row then column."""
        folder = os.path.join(self.folder, BundleKey(level, 0, 0).level_folder)
        if not os.path.isdir(folder):
            return []
        keys = []
        for name in os.listdir(folder):
            if name.endswith(".tiles") and TEMP_MARKER not in name:
                key = _key_of(level, name)
                index = self._paths(key)[1]
                if os.path.exists(index) and len(np.load(index)):
                    keys.append(key)
        return sorted(keys)

    def finished_count(self):
        """Bundles finished so far, blank ones included."""
        return sum(name.endswith(".npy") for _root, _dirs, names in os.walk(self.folder)
                   for name in names)

    def remove(self):
        remove_path(self.folder)

    def cancelled(self, made="rendered", makes="renders"):
        """The CancelledError of a run stopped while producing into this journal: what
        it keeps for a resume, where, and how to discard it (``made``/``makes``: what
        the run does to a bundle, "rendered"/"renders")."""
        kept = self.finished_count()
        if not kept:
            return CancelledError()
        return CancelledError(
            f"Cancelled by the user; the output was not written. The {kept} bundles "
            f"{made} so far are kept in {self.folder}: the same command run again "
            f"{makes} only the rest; delete that folder to discard them.")


def _key_of(level, name):
    stem = name[:-len(".tiles")]
    row, col = stem[1:].split("C")
    return BundleKey(level, int(row, 16), int(col, 16))


def _text(path):
    try:
        with open(path, encoding="utf-8") as stream:
            return stream.read()
    except OSError:
        return None


class SpoolWriter:
    """Tiles of one bundle appended to a temporary file, put in place by commit()."""

    def __init__(self, tiles_path, index_path):
        self.tiles_path, self.index_path = tiles_path, index_path
        self._temp = temp_sibling(tiles_path)
        self._stream = open(self._temp, "wb")
        self._rows = []
        self._offset = 0

    def add(self, row, col, data):
        """One tile; ``row``/``col`` within the bundle."""
        self._stream.write(data)
        self._rows.append((row, col, self._offset, len(data)))
        self._offset += len(data)

    @property
    def tile_count(self):
        return len(self._rows)

    def commit(self):
        """Put the bundle in place; renaming the index in is the commit point.

        Both files reach the disk before their rename, so a committed bundle is
        whole even after a power cut (a torn index would fail np.load on resume).
        The index's temporary name does not end in ``.npy``: nothing looking at
        the folder can take a bundle half-way through its commit for a finished one.
        """
        _sync(self._stream)
        self._stream.close()
        os.replace(self._temp, self.tiles_path)
        temp = temp_sibling(self.index_path)
        with open(temp, "wb") as stream:
            np.save(stream, np.asarray(self._rows, dtype=np.int64).reshape(-1, 4))
            _sync(stream)
        os.replace(temp, self.index_path)

    def abort(self):
        self._stream.close()
        remove_path(self._temp)


def _sync(stream):
    stream.flush()
    os.fsync(stream.fileno())


class SpoolBundleReader(SourceBundleReader):
    """A finished bundle of the journal, read like any cache bundle."""

    def __init__(self, tiles_path, table):
        self.source = FileSource(tiles_path)
        self._records = sorted((TileRecord(*map(int, row)) for row in table),
                               key=lambda record: record.offset)
        self._by_slot = {(r.row, r.col): r for r in self._records}

    def records(self):
        return self._records

    def record(self, row, col):
        return self._by_slot.get((row, col))

    def close(self):
        self.source.close()

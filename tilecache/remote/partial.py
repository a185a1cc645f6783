"""Tiles of a bundle being fetched, logged as they arrive, so a run killed in the
middle of a bundle asks again only for the tiles it did not get.

    <journal>/L09/R0000C0080.partial-tiles   tile bytes, appended
    <journal>/L09/R0000C0080.partial-index   (row, col, offset, size) per tile, 32 bytes
                                             each; size -1: the service had no tile
    <journal>/L09/R0000C0080.partial-task    the slots' digest the log is for

Invariant: whatever the instant a run is killed at, every tile it logged is
either in the journal's committed bundle or in this log, and the next run
asks for none of them. It holds because
- a tile's bytes are written before its record, and a record is read back only
  when it is whole, follows the one before, points at bytes that are there and
  names a slot of the bundle not named before: a kill mid-write costs at most
  the tile being written;
- the log is read back whenever the bundle is not finished, whatever it holds
  (some tiles, all of them, a commit cut half-way): there is no state in which
  a log of the right task is thrown away;
- it is removed only after the commit point (the bundle's index renamed in,
  render/journal.py), so between the two both hold the tiles; a log left
  beside a finished bundle (a kill between commit and cleanup) is never read,
  and goes with the journal.
"Logged" means handed to the operating system (flushed): that survives the
process being killed. A power cut may lose the log's tail, which is then asked
for again; a committed bundle reaches the disk before its commit point.
tests/test_remote_resume.py kills a fetch at each of these instants.
"""
import os
import struct

from ..io.atomic import remove_path
from ..model import BUNDLE_SIZE

RECORD = struct.Struct("<qqqq")
SUFFIXES = (".partial-tiles", ".partial-index", ".partial-task")


class PartialLog:
    """The arrived tiles of one bundle fetched for ``task``."""

    def __init__(self, folder, key, task):
        stem = os.path.join(folder, key.level_folder, key.file_stem)
        self.paths = [stem + suffix for suffix in SUFFIXES]
        os.makedirs(os.path.dirname(stem), exist_ok=True)
        self.arrived = self._read(key, task)
        tiles, index, _ = self.paths
        self._tiles = open(tiles, "ab")
        self._index = open(index, "ab")
        self._offset = self._tiles.tell()

    def _read(self, key, task):
        """[(row, col, bytes or None)] logged for ``task``; the log of another task is
        dropped, and the log is cut after its last valid record."""
        tiles, index, task_path = self.paths
        if _text(task_path) != task:
            for path in self.paths:
                remove_path(path)
            with open(task_path, "w", encoding="ascii") as stream:
                stream.write(task)
            return []
        size = os.path.getsize(tiles) if os.path.exists(tiles) else 0
        with open(index, "rb") if os.path.exists(index) else _empty() as records, \
                open(tiles, "rb") if os.path.exists(tiles) else _empty() as data:
            arrived, end = _valid_prefix(records, data, size, _BundleSlots(key))
        _truncate(tiles, end)
        _truncate(index, len(arrived) * RECORD.size)
        return arrived

    def add(self, row, col, data):
        """Log one tile (None: the service had none), bytes first."""
        if data is not None:
            self._tiles.write(data)
            self._tiles.flush()
        self._index.write(RECORD.pack(row, col, self._offset, -1 if data is None else len(data)))
        self._index.flush()
        self._offset += 0 if data is None else len(data)

    def close(self):
        self._tiles.close()
        self._index.close()

    def remove(self):
        self.close()
        for path in self.paths:
            remove_path(path)


def _valid_prefix(records, data, size, slots):
    """The records up to the first that is torn, does not follow the one before,
    points past the tiles' end or names a slot it should not; and the end of
    their bytes."""
    arrived, end = [], 0
    while True:
        raw = records.read(RECORD.size)
        if len(raw) < RECORD.size:
            break
        row, col, offset, length = RECORD.unpack(raw)
        if offset != end or offset + max(length, 0) > size or not slots.take(row, col):
            break
        data.seek(offset)
        arrived.append((row, col, data.read(length) if length >= 0 else None))
        end = offset + max(length, 0)
    return arrived, end


class _BundleSlots:
    """The bundle's slots, each to be named once."""

    def __init__(self, key):
        self.key, self.seen = key, set()

    def take(self, row, col):
        inside = 0 <= row - self.key.row < BUNDLE_SIZE and 0 <= col - self.key.col < BUNDLE_SIZE
        if not inside or (row, col) in self.seen:
            return False
        self.seen.add((row, col))
        return True


class _empty:
    """An empty stream for a log file that does not exist yet."""

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    @staticmethod
    def read(_size):
        return b""

    def seek(self, _offset):
        """Nothing to seek in."""


def _truncate(path, size):
    if os.path.exists(path) and os.path.getsize(path) > size:
        with open(path, "r+b") as stream:
            stream.truncate(size)


def _text(path):
    try:
        with open(path, encoding="ascii") as stream:
            return stream.read()
    except (OSError, UnicodeDecodeError):
        return None

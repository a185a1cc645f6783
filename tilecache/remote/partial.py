"""Tiles of a bundle being fetched, logged as they arrive, so a run killed in the
middle of a bundle asks again only for the tiles it did not get.

    <journal>/L09/R0000C0080.partial-tiles   tile bytes, appended
    <journal>/L09/R0000C0080.partial-index   (row, col, offset, size) per tile, 32 bytes
                                             each; size -1: the service had no tile
    <journal>/L09/R0000C0080.partial-task    the slots' digest the log is for

A tile's bytes are written before its index record, so a record that is
there describes bytes that are there; a record cut short by a kill, or one
pointing past the end of the tiles, ends the log. The log is removed once
the bundle is in the journal.
"""
import os
import struct

from ..io.atomic import remove_path

RECORD = struct.Struct("<qqqq")
SUFFIXES = (".partial-tiles", ".partial-index", ".partial-task")


class PartialLog:
    """The arrived tiles of one bundle fetched for ``task``."""

    def __init__(self, folder, key, task):
        stem = os.path.join(folder, key.level_folder, key.file_stem)
        self.paths = [stem + suffix for suffix in SUFFIXES]
        os.makedirs(os.path.dirname(stem), exist_ok=True)
        self.arrived = self._read(task)
        tiles, index, _ = self.paths
        self._tiles = open(tiles, "ab")
        self._index = open(index, "ab")
        self._offset = self._tiles.tell()

    def _read(self, task):
        """[(row, col, bytes or None)] logged for ``task``; anything else is dropped."""
        tiles, index, task_path = self.paths
        if _text(task_path) != task:
            for path in self.paths:
                remove_path(path)
            with open(task_path, "w", encoding="ascii") as stream:
                stream.write(task)
            return []
        arrived, end = [], 0
        size = os.path.getsize(tiles) if os.path.exists(tiles) else 0
        with open(index, "rb") if os.path.exists(index) else _empty() as records, \
                open(tiles, "rb") if os.path.exists(tiles) else _empty() as data:
            while True:
                raw = records.read(RECORD.size)
                if len(raw) < RECORD.size:
                    break
                row, col, offset, length = RECORD.unpack(raw)
                if offset != end or offset + max(length, 0) > size:
                    break
                data.seek(offset)
                arrived.append((row, col, data.read(length) if length >= 0 else None))
                end = offset + max(length, 0)
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

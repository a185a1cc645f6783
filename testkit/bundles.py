"""Bundles made by the project's own writers, read whole, and a byte source over memory.

A bundle made here is only as right as the writers; tests that check the
writers themselves compare against ``bytes_layout`` (docs/formats.md, by hand).
"""
import io
from collections.abc import Mapping

from tile_package_tools.tilecache.formats.compact_v1 import V1BundleReader
from tile_package_tools.tilecache.formats.compact_v1.writer import write_v1_bundle
from tile_package_tools.tilecache.formats.compact_v2 import V2BundleReader
from tile_package_tools.tilecache.formats.compact_v2.writer import write_v2_bundle
from tile_package_tools.tilecache.formats.records import from_bytes


def entries_of(tiles, row0=0, col0=0):
    """Writer entries for ``{(row, col): bytes}``, in the mapping's order, moved by row0/col0."""
    return [from_bytes(row0 + row, col0 + col, data) for (row, col), data in tiles.items()]


def _entries(tiles):
    return entries_of(tiles) if isinstance(tiles, Mapping) else tiles


def v2_bundle(tiles):
    """The bytes of a V2 bundle holding ``tiles``.

    ``tiles``: ``{(row, col): bytes}`` or writer entries, written in the order given.
    """
    out = io.BytesIO()
    write_v2_bundle(out, _entries(tiles))
    return out.getvalue()


def v1_bundle(tiles):
    """A V1 pair ``(bundle bytes, bundlx bytes)`` holding ``tiles`` (as for v2_bundle)."""
    out = io.BytesIO()
    bundlx = write_v1_bundle(out, _entries(tiles))
    return out.getvalue(), bundlx


def read_v2_bundle(data, probe=(0, 0)):
    """Read every record, the tile at ``probe`` and every tile of V2 bundle bytes."""
    _read_whole(V2BundleReader(MemorySource(data, "x.bundle")), probe)


def read_v1_bundle(bundle, bundlx, probe=(0, 0)):
    """Read every record, the tile at ``probe`` and every tile of a V1 pair in memory."""
    _read_whole(V1BundleReader(MemorySource(bundle, "x.bundle"),
                               MemorySource(bundlx, "x.bundlx")), probe)


def _read_whole(reader, probe):
    with reader:
        for record in reader.records():
            reader.read(record)
        reader.tile(*probe)
        list(reader.tiles())


class MemorySource:
    """A byte source over bytes, shaped like the core's FileSource, that records its reads.

    ``reads``: ``(offset, length)`` of every read_at; ``calls``: every read as
    ``("read_at" | "read_into", offset, length)``. ``read_into=True`` offers
    ``read_into`` too, as FileSource does; readers use it when it is there.
    """

    def __init__(self, data, name="memory", read_into=False):
        self.data, self.name, self.size = bytes(data), name, len(data)
        self.reads, self.calls = [], []
        if read_into:
            self.read_into = self._read_into

    def read_at(self, offset, length):
        if offset < 0 or length < 0:
            raise AssertionError(f"reader asked for a negative range {offset},{length}")
        self.reads.append((offset, length))
        self.calls.append(("read_at", offset, length))
        return self.data[offset:offset + length]

    def _read_into(self, offset, view):
        self.calls.append(("read_into", offset, len(view)))
        piece = self.data[offset:offset + len(view)]
        view[:len(piece)] = piece
        return len(piece)

    def close(self):
        pass

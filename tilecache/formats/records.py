"""What every storage format shares: where a tile lies, tiles to write, bulk reads.

Every format's bundle reader has the same small interface (:class:`BundleReader`
in ``protocols``): ``records()`` (where each tile lies, sorted by offset),
``record(row, col)``, ``read(record)``, ``tile(row, col)`` and
``keyed_tiles(key)`` (a generator in file order, so a bundle is read front to
back in large reads, each cut into tiles).
"""
import struct
from functools import partial
from typing import Callable, NamedTuple

import numpy as np

from ..io.byte_sources import COPY_CHUNK, read_exact
from ..errors import FormatError
from ..model import BUNDLE_SIZE, TileKey


#: tiles() reads neighbouring tiles together up to this many bytes: one
#: system call for a run of small tiles, and memory bounded per bundle.
READ_CHUNK = 1 << 20
#: A hole between two tiles up to this size is read through, not skipped:
#: cheaper than another system call, and holes in real bundles are small.
MAX_GAP = 1 << 16
_new_tuple = tuple.__new__
#: Both compact formats put a 4-byte little-endian copy of its size before
#: every tile (docs/formats.md#compact-v2-bundle).
SIZE_PREFIX = struct.Struct("<I")
#: A V2 index record keeps a tile's size in 24 bits; V1 bundles keep to the
#: same limit so a cache converts between the two.
MAX_TILE_SIZE = (1 << 24) - 1


class TileRecord(NamedTuple):
    """Where one tile's bytes lie: row/col within the bundle (0-127)."""
    row: int
    col: int
    offset: int
    size: int


def read_tiles(source, records, key=None):
    """``(row, col, bytes)`` for ``records`` sorted by offset, in coalesced reads.

    With ``key`` (the bundle's BundleKey) it yields ``(TileKey, bytes)`` in
    absolute addresses instead, saving the caller a generator layer per tile.

    Per-tile reads cost a system call and a buffer each, which dominates for
    tiles of a few KB; slicing them out of one large read into a reused
    buffer does not. This is the hot loop of every full read, hence plain
    tuples and local names.
    """
    read_into = getattr(source, "read_into", None)
    view = memoryview(bytearray(READ_CHUNK)) if read_into and records else None
    count = len(records)
    index = 0
    while index < count:
        start = records[index][2]
        end = start + records[index][3]
        limit = start + READ_CHUNK
        stop = index + 1
        while stop < count:
            _, _, offset, size = records[stop]
            record_end = offset + size
            if offset > end + MAX_GAP or record_end > limit:
                break
            if record_end > end:
                end = record_end
            stop += 1
        length = end - start
        if view is not None and length <= READ_CHUNK:
            chunk = view[:length]
            if read_into(start, chunk) != length:
                raise FormatError(f"truncated: tiles from row {records[index][0]} col "
                                  f"{records[index][1]} on need {length} bytes at offset "
                                  f"{start}, the file has {source.size}", source.name)
        else:
            chunk = memoryview(read_exact(source, start, length, f"tiles from row "
                                          f"{records[index][0]} col {records[index][1]} on"))
        if key is None:
            for row, col, offset, size in records[index:stop]:
                local = offset - start
                yield row, col, chunk[local:local + size].tobytes()
        else:
            level, row0, col0 = key
            for row, col, offset, size in records[index:stop]:
                local = offset - start
                # tuple.__new__ skips the namedtuple's Python-level __new__.
                yield (_new_tuple(TileKey, (level, row0 + row, col0 + col)),
                       chunk[local:local + size].tobytes())
        index = stop


_new_record = partial(tuple.__new__, TileRecord)


def _offset(record):
    return record[2]


def records_from_arrays(slots, offsets, sizes):
    """TileRecords sorted by offset (slot order among equal offsets)."""
    order = np.argsort(offsets, kind="stable")
    slots, offsets, sizes = slots[order], offsets[order], sizes[order]
    return list(map(_new_record, zip((slots // BUNDLE_SIZE).tolist(),
                                          (slots % BUNDLE_SIZE).tolist(),
                                          offsets.tolist(), sizes.tolist())))


class BundleReaderBase:
    """What every format's bundle reader shares once ``records()``/``record()``/``read()`` exist."""

    def tile(self, row, col):
        record = self.record(row, col)
        return None if record is None else self.read(record)

    def tiles(self):
        """``(row, col, bytes)`` of every tile, row/col within the bundle."""
        for record in self.records():
            yield record.row, record.col, self.read(record)

    def keyed_tiles(self, key):
        """``(TileKey, bytes)`` of every tile, ``key`` being this bundle's BundleKey."""
        for record in self.records():
            yield TileKey(key.level, key.row + record.row, key.col + record.col), self.read(record)

    def records_read(self, records):
        """``(record, bytes)`` for each of ``records`` (in an order of the reader's choosing);
        a record may be a plain ``(row, col, offset, size)`` tuple, to read part of a tile."""
        for record in records:
            yield record, self.read(TileRecord(*record))

    @property
    def tile_count(self):
        return len(self.records())

    def close(self):
        """Nothing held open by default."""

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


class SourceBundleReader(BundleReaderBase):
    """A bundle whose tiles all lie in one byte source (``self.source``): the compact formats."""

    def read(self, record):
        return read_exact(self.source, record.offset, record.size,
                          f"tile at row {record.row} col {record.col}")

    def tiles(self):
        return read_tiles(self.source, self.records())

    def keyed_tiles(self, key):
        return read_tiles(self.source, self.records(), key)

    def records_read(self, records):
        # In file order, so neighbouring tiles come in one read.
        ordered = sorted(records, key=_offset)
        return zip(ordered, (data for _, _, data in read_tiles(self.source, ordered)))

    def close(self):
        self.source.close()


class TileData(NamedTuple):
    """One tile to write: position in the bundle, size, and how to get bytes."""
    row: int
    col: int
    size: int
    fetch: Callable[[], bytes]


def from_bytes(row, col, data):
    return TileData(row, col, len(data), lambda: data)


def stream_tiles(out, entries, name):
    """Write size-prefixed tiles, gathered into writes of about COPY_CHUNK bytes.

    Two writes per tile cost more than the bytes themselves when ``out`` is a
    zip entry (a CRC update and a file write each); one joined write per
    megabyte keeps memory bounded and the per-tile cost to a list append.
    """
    written = pending = 0
    pieces = []
    pack = SIZE_PREFIX.pack
    for entry in entries:
        data = entry.fetch()
        if len(data) != entry.size:
            raise FormatError(f"tile at row {entry.row} col {entry.col} changed size while "
                              f"copying ({entry.size} -> {len(data)})", name)
        pieces.append(pack(entry.size))
        pieces.append(data)
        pending += 4 + entry.size
        if pending >= COPY_CHUNK:
            out.write(b"".join(pieces))
            written += pending
            pieces.clear()
            pending = 0
    if pieces:
        out.write(b"".join(pieces))
        written += pending
    return written


def check_unique(entries, name):
    seen = set()
    for entry in entries:
        key = (entry.row % BUNDLE_SIZE, entry.col % BUNDLE_SIZE)
        if key in seen:
            raise ValueError(f"{name}: tile row {entry.row} col {entry.col} given twice")
        if not 0 < entry.size <= MAX_TILE_SIZE:
            raise FormatError(f"tile at row {entry.row} col {entry.col} has size {entry.size}; "
                              f"a bundle holds tiles of 1 to {MAX_TILE_SIZE} bytes", name)
        seen.add(key)

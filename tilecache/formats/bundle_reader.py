"""Readers for Compact V2 and V1 bundles over any byte source.

Both expose the same small interface: ``records()`` (where each tile lies),
``tile(row, col)`` (two small reads), ``read(record)`` and ``tiles()``
(a generator in file order, so a bundle is read front to back in large
reads, each cut into tiles).
"""
from functools import partial
from typing import NamedTuple

import numpy as np

from . import compact_v1_layout as v1
from . import compact_v2_layout as v2
from ..io.byte_sources import read_exact
from ..errors import FormatError
from ..model import BUNDLE_SIZE, TileKey


#: tiles() reads neighbouring tiles together up to this many bytes: one
#: system call for a run of small tiles, and memory bounded per bundle.
READ_CHUNK = 1 << 20
#: A hole between two tiles up to this size is read through, not skipped:
#: cheaper than another system call, and holes in real bundles are small.
MAX_GAP = 1 << 16
_new_tuple = tuple.__new__


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


def _records_from_arrays(slots, offsets, sizes):
    """TileRecords sorted by offset (slot order among equal offsets)."""
    order = np.argsort(offsets, kind="stable")
    slots, offsets, sizes = slots[order], offsets[order], sizes[order]
    return list(map(_new_record, zip((slots // BUNDLE_SIZE).tolist(),
                                          (slots % BUNDLE_SIZE).tolist(),
                                          offsets.tolist(), sizes.tolist())))


class _BundleReader:
    """What V1 and V2 readers share once ``records()``/``record()`` know the layout."""

    def tile(self, row, col):
        record = self.record(row, col)
        return None if record is None else self.read(record)

    def read(self, record):
        return read_exact(self.source, record.offset, record.size,
                          f"tile at row {record.row} col {record.col}")

    def tiles(self):
        return read_tiles(self.source, self.records())

    def keyed_tiles(self, key):
        """``(TileKey, bytes)`` of every tile, ``key`` being this bundle's BundleKey."""
        return read_tiles(self.source, self.records(), key)

    @property
    def tile_count(self):
        return len(self.records())

    def close(self):
        self.source.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


class V2BundleReader(_BundleReader):
    def __init__(self, source):
        self.source = source
        self.name = source.name
        if source.size < v2.DATA_OFFSET:
            raise FormatError(f"truncated bundle: {source.size} bytes, a V2 bundle needs at "
                              f"least {v2.DATA_OFFSET}", self.name)
        header = v2.HEADER.unpack(read_exact(source, 0, v2.HEADER.size, "bundle header"))
        # Real ArcGIS files vary every other field; version and index size are
        # the only ones the layout depends on.
        if header[0] != v2.VERSION:
            raise FormatError(f"not a Compact V2 bundle: version {header[0]}, expected 3",
                              self.name)
        if header[-1] != v2.INDEX_SIZE:
            raise FormatError(f"bundle index size {header[-1]}, expected {v2.INDEX_SIZE}",
                              self.name)
        self._records = None

    def _check(self, row, col, offset, size):
        if offset < v2.DATA_OFFSET:
            raise FormatError(f"tile index entry for row {row} col {col} points at offset "
                              f"{offset}, inside the header or index", self.name)
        if offset + size > self.source.size:
            raise FormatError(f"tile index entry for row {row} col {col} points past the end "
                              f"of the file ({offset}+{size} > {self.source.size})", self.name)
        return TileRecord(row, col, offset, size)

    def records(self):
        if self._records is None:
            # Vectorised: a bundle has 16384 slots and usually few tiles, so a
            # Python loop over slots would cost more than reading the tiles.
            index = np.frombuffer(read_exact(self.source, v2.INDEX_OFFSET, v2.INDEX_SIZE,
                                             "bundle index"), dtype="<u8")
            sizes = index >> np.uint64(40)
            slots = np.flatnonzero(sizes)
            offsets = (index[slots] & np.uint64(v2.OFFSET_MASK)).astype(np.int64)
            sizes = sizes[slots].astype(np.int64)
            bad = np.flatnonzero((offsets < v2.DATA_OFFSET) |
                                 (offsets + sizes > self.source.size))
            if bad.size:
                slot = int(slots[bad[0]])
                self._check(slot // BUNDLE_SIZE, slot % BUNDLE_SIZE, int(offsets[bad[0]]),
                            int(sizes[bad[0]]))
            self._records = _records_from_arrays(slots, offsets, sizes)
        return self._records

    def record(self, row, col):
        position = v2.INDEX_OFFSET + v2.RECORD_SIZE * v2.slot(row, col)
        (value,) = v2.RECORD.unpack(read_exact(self.source, position, v2.RECORD_SIZE,
                                               "bundle index record"))
        size = value >> 40
        if not size:
            return None
        return self._check(row % BUNDLE_SIZE, col % BUNDLE_SIZE, value & v2.OFFSET_MASK, size)


class V1BundleReader(_BundleReader):
    def __init__(self, bundle_source, index_source):
        self.source = bundle_source
        self.index_source = index_source
        self.name = bundle_source.name
        if index_source.size != v1.BUNDLX_SIZE:
            raise FormatError(f"bundlx is {index_source.size} bytes, a V1 index has "
                              f"{v1.BUNDLX_SIZE}", index_source.name)
        head = read_exact(bundle_source, 0, v1.BUNDLE_HEADER.size, "bundle header")
        if v1.BUNDLE_HEADER.unpack(head)[0] != 3:
            raise FormatError(f"not a Compact V1 bundle: version "
                              f"{v1.BUNDLE_HEADER.unpack(head)[0]}, expected 3", self.name)
        self._records = None
        self._empty_area = None

    def _size_at(self, offset, row, col):
        """Size field a bundlx offset points at; the fresh zero area is read once."""
        if offset < v1.BUNDLE_HEADER.size:
            raise FormatError(f"tile index entry for row {row} col {col} points at offset "
                              f"{offset}, inside the bundle header", self.name)
        if offset < v1.DATA_OFFSET:
            if self._empty_area is None:
                self._empty_area = self.source.read_at(v1.EMPTY_AREA_OFFSET, v1.EMPTY_AREA_SIZE)
            local = offset - v1.EMPTY_AREA_OFFSET
            chunk = self._empty_area[local:local + 4]
        else:
            chunk = self.source.read_at(offset, 4)
        if len(chunk) != 4:
            raise FormatError(f"tile index entry for row {row} col {col} points past the end "
                              f"of the file ({offset} >= {self.source.size})", self.name)
        (size,) = v1.SIZE_PREFIX.unpack(chunk)
        if size and offset + 4 + size > self.source.size:
            raise FormatError(f"tile at row {row} col {col} runs past the end of the file "
                              f"({offset + 4}+{size} > {self.source.size})", self.name)
        return size

    def _empty_area_sizes(self, offsets):
        """0 for offsets at a zero size inside the fresh empty area, else -1.

        Empty slots all point there, so this settles most of 16384 slots with
        one read and no Python loop.
        """
        if self._empty_area is None:
            self._empty_area = self.source.read_at(v1.EMPTY_AREA_OFFSET, v1.EMPTY_AREA_SIZE)
        area = np.frombuffer(self._empty_area, dtype=np.uint8)
        local = offsets - v1.EMPTY_AREA_OFFSET
        inside = (local >= 0) & (local + 4 <= area.size)
        sizes = np.full(offsets.shape, -1, dtype=np.int64)
        at = local[inside]
        if at.size:
            sizes[inside] = (area[at].astype(np.int64) | area[at + 1].astype(np.int64) << 8 |
                             area[at + 2].astype(np.int64) << 16 |
                             area[at + 3].astype(np.int64) << 24)
        # A tile size inside the zero area is odd; let the checked path judge it.
        sizes[sizes > 0] = -1
        return sizes

    def records(self):
        if self._records is None:
            raw = np.frombuffer(read_exact(self.index_source, 0, v1.BUNDLX_SIZE, "bundlx"),
                                dtype=np.uint8)
            start = len(v1.BUNDLX_HEADER)
            digits = raw[start:start + v1.RECORD_COUNT * v1.BUNDLX_OFFSET_SIZE].reshape(
                v1.RECORD_COUNT, v1.BUNDLX_OFFSET_SIZE).astype(np.int64)
            offsets = np.zeros(v1.RECORD_COUNT, dtype=np.int64)
            for byte in range(v1.BUNDLX_OFFSET_SIZE):
                offsets |= digits[:, byte] << (8 * byte)
            below = np.flatnonzero(offsets < v1.BUNDLE_HEADER.size)
            if below.size:
                row, col = v1.slot_row_col(int(below[0]))
                self._size_at(int(offsets[below[0]]), row, col)
            sizes = self._empty_area_sizes(offsets)
            # Real tiles (and anything odd) have their size field read one by one.
            for index in np.flatnonzero(sizes < 0).tolist():
                row, col = v1.slot_row_col(index)
                sizes[index] = self._size_at(int(offsets[index]), row, col)
            slots = np.flatnonzero(sizes)
            # Records carry (row, col); V1 slots are column-major, so swap to
            # row-major numbering before the shared conversion.
            row_major = (slots % BUNDLE_SIZE) * BUNDLE_SIZE + slots // BUNDLE_SIZE
            self._records = _records_from_arrays(row_major, offsets[slots] + 4, sizes[slots])
        return self._records

    def record(self, row, col):
        index = v1.slot(row, col)
        raw = read_exact(self.index_source, len(v1.BUNDLX_HEADER) + v1.BUNDLX_OFFSET_SIZE * index,
                         v1.BUNDLX_OFFSET_SIZE, "bundlx record")
        offset = int.from_bytes(raw, "little")
        size = self._size_at(offset, row % BUNDLE_SIZE, col % BUNDLE_SIZE)
        if not size:
            return None
        return TileRecord(row % BUNDLE_SIZE, col % BUNDLE_SIZE, offset + 4, size)

    def close(self):
        self.source.close()
        self.index_source.close()

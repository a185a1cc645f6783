"""Readers for Compact V2 and V1 bundles over any byte source.

Both expose the same small interface: ``records()`` (where each tile lies),
``tile(row, col)`` (two small reads), ``read(record)`` and ``tiles()``
(a generator in file order, so a bundle is read front to back).
"""
from typing import NamedTuple

from . import bundle_v1_format as v1
from . import bundle_v2_format as v2
from .bytesource import read_exact
from .errors import FormatError
from .model import BUNDLE_SIZE


class TileRecord(NamedTuple):
    """Where one tile's bytes lie: row/col within the bundle (0-127)."""
    row: int
    col: int
    offset: int
    size: int


class _Closing:
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


class V2BundleReader(_Closing):
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
            raw = v2.INDEX.unpack(read_exact(self.source, v2.INDEX_OFFSET, v2.INDEX_SIZE,
                                             "bundle index"))
            found = []
            for index, value in enumerate(raw):
                size = value >> 40
                if size:
                    found.append(self._check(index // BUNDLE_SIZE, index % BUNDLE_SIZE,
                                             value & v2.OFFSET_MASK, size))
            found.sort(key=lambda rec: rec.offset)
            self._records = found
        return self._records

    def record(self, row, col):
        position = v2.INDEX_OFFSET + v2.RECORD_SIZE * v2.slot(row, col)
        (value,) = v2.RECORD.unpack(read_exact(self.source, position, v2.RECORD_SIZE,
                                               "bundle index record"))
        size = value >> 40
        if not size:
            return None
        return self._check(row % BUNDLE_SIZE, col % BUNDLE_SIZE, value & v2.OFFSET_MASK, size)

    def tile(self, row, col):
        record = self.record(row, col)
        return None if record is None else self.read(record)

    def read(self, record):
        return read_exact(self.source, record.offset, record.size,
                          f"tile at row {record.row} col {record.col}")

    def tiles(self):
        for record in self.records():
            yield record.row, record.col, self.read(record)

    @property
    def tile_count(self):
        return len(self.records())

    def close(self):
        self.source.close()


class V1BundleReader(_Closing):
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

    def _offset(self, index, raw):
        start = len(v1.BUNDLX_HEADER) + v1.BUNDLX_OFFSET_SIZE * index
        return int.from_bytes(raw[start:start + v1.BUNDLX_OFFSET_SIZE], "little")

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

    def records(self):
        if self._records is None:
            raw = read_exact(self.index_source, 0, v1.BUNDLX_SIZE, "bundlx")
            found = []
            for index in range(v1.RECORD_COUNT):
                offset = self._offset(index, raw)
                row, col = v1.slot_row_col(index)
                size = self._size_at(offset, row, col)
                if size:
                    found.append(TileRecord(row, col, offset + 4, size))
            found.sort(key=lambda rec: rec.offset)
            self._records = found
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

    def tile(self, row, col):
        record = self.record(row, col)
        return None if record is None else self.read(record)

    def read(self, record):
        return read_exact(self.source, record.offset, record.size,
                          f"tile at row {record.row} col {record.col}")

    def tiles(self):
        for record in self.records():
            yield record.row, record.col, self.read(record)

    @property
    def tile_count(self):
        return len(self.records())

    def close(self):
        self.source.close()
        self.index_source.close()

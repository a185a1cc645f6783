"""Reading Compact V1 bundles: a .bundle and its .bundlx index (docs/formats.md#compact-v1-bundle)."""
import numpy as np

from ...errors import FormatError
from ...io.byte_sources import read_exact
from ...model import BUNDLE_SIZE
from ..records import SourceBundleReader, TileRecord, records_from_arrays
from . import layout as v1
from .sizes import size_fields, sizes_at
from .streamed import streamed_tiles


class V1BundleReader(SourceBundleReader):
    def __init__(self, bundle_source, index_source):
        self.source = bundle_source
        self.index_source = index_source
        self.name = bundle_source.name
        if index_source.size not in (v1.BUNDLX_SIZE, v1.BUNDLX_SIZE_WITHOUT_FOOTER):
            raise FormatError(f"bundlx is {index_source.size} bytes, a V1 index has "
                              f"{v1.BUNDLX_SIZE} ({v1.BUNDLX_SIZE_WITHOUT_FOOTER} without "
                              f"its footer)", index_source.name)
        head = read_exact(bundle_source, 0, v1.BUNDLE_HEADER.size, "bundle header")
        if v1.BUNDLE_HEADER.unpack(head)[0] != 3:
            raise FormatError(f"not a Compact V1 bundle: version "
                              f"{v1.BUNDLE_HEADER.unpack(head)[0]}, expected 3", self.name)
        self._records = None
        self._empty_area = None

    def size_at(self, offset, row, col):
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
            sizes[inside] = size_fields(area, at)
        # A tile size inside the zero area is odd; let the checked path judge it.
        sizes[sizes > 0] = -1
        return sizes

    def _index(self):
        """(offsets, sizes) of the 16384 slots, column-major: sizes 0 for slots at a zero
        of the fresh empty area, -1 where the size field is still to be read."""
        raw = np.frombuffer(read_exact(self.index_source, 0, v1.BUNDLX_SIZE_WITHOUT_FOOTER,
                                       "bundlx"), dtype=np.uint8)
        start = len(v1.BUNDLX_HEADER)
        digits = raw[start:start + v1.RECORD_COUNT * v1.BUNDLX_OFFSET_SIZE].reshape(
            v1.RECORD_COUNT, v1.BUNDLX_OFFSET_SIZE).astype(np.int64)
        offsets = np.zeros(v1.RECORD_COUNT, dtype=np.int64)
        for byte in range(v1.BUNDLX_OFFSET_SIZE):
            offsets |= digits[:, byte] << (8 * byte)
        below = np.flatnonzero(offsets < v1.BUNDLE_HEADER.size)
        if below.size:
            row, col = v1.slot_row_col(int(below[0]))
            self.size_at(int(offsets[below[0]]), row, col)
        return offsets, self._empty_area_sizes(offsets)

    def records(self):
        if self._records is None:
            offsets, sizes = self._index()
            self._read_sizes(offsets, sizes)
            slots = np.flatnonzero(sizes)
            # Records carry (row, col); V1 slots are column-major, so swap to
            # row-major numbering before the shared conversion.
            row_major = (slots % BUNDLE_SIZE) * BUNDLE_SIZE + slots // BUNDLE_SIZE
            self._records = records_from_arrays(row_major, offsets[slots] + 4, sizes[slots])
        return self._records

    def _read_sizes(self, offsets, sizes):
        """Fill the -1 entries of ``sizes``: the data area's fields in large reads
        (sizes.py), anything odd (past the end, inside the empty area, a tile running
        past the end) through size_at, which says what is wrong."""
        unread = np.flatnonzero(sizes < 0)
        in_data = unread[offsets[unread] >= v1.DATA_OFFSET]
        if in_data.size:
            sizes[in_data] = sizes_at(self.source, offsets[in_data])
            found = sizes[in_data]
            past_end = offsets[in_data] + 4 + found > self.source.size
            bad = in_data[(found < 0) | ((found > 0) & past_end)]
            if bad.size:
                row, col = v1.slot_row_col(int(bad[0]))
                self.size_at(int(offsets[bad[0]]), row, col)
        for index in np.flatnonzero(sizes < 0).tolist():
            row, col = v1.slot_row_col(index)
            sizes[index] = self.size_at(int(offsets[index]), row, col)

    def keyed_tiles(self, key):
        """Every tile in file order; without records() read yet, each size field is taken
        from the same coalesced read as its tile (streamed.py), not read on its own first."""
        # An inflating zip member has no read_into: it goes the records() way.
        if self._records is None and getattr(self.source, "read_into", None) is not None:
            offsets, sizes = self._index()
            slots = np.flatnonzero(sizes < 0)
            if not slots.size or offsets[slots].min() >= v1.DATA_OFFSET:
                order = slots[np.argsort(offsets[slots], kind="stable")]
                return streamed_tiles(self, key, order.tolist(), offsets[order].tolist())
        return super().keyed_tiles(key)

    def record(self, row, col):
        index = v1.slot(row, col)
        raw = read_exact(self.index_source, len(v1.BUNDLX_HEADER) + v1.BUNDLX_OFFSET_SIZE * index,
                         v1.BUNDLX_OFFSET_SIZE, "bundlx record")
        offset = int.from_bytes(raw, "little")
        size = self.size_at(offset, row % BUNDLE_SIZE, col % BUNDLE_SIZE)
        if not size:
            return None
        return TileRecord(row % BUNDLE_SIZE, col % BUNDLE_SIZE, offset + 4, size)

    def close(self):
        self.source.close()
        self.index_source.close()

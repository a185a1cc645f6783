"""Reading Compact V2 bundles: the index sits inside the .bundle (docs/formats.md#compact-v2-bundle)."""
import numpy as np

from ...errors import FormatError
from ...io.byte_sources import read_exact
from ...model import BUNDLE_SIZE
from ..records import SourceBundleReader, TileRecord, records_from_arrays
from . import layout as v2


class V2BundleReader(SourceBundleReader):
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
            self._records = records_from_arrays(slots, offsets, sizes)
        return self._records

    def record(self, row, col):
        position = v2.INDEX_OFFSET + v2.RECORD_SIZE * v2.slot(row, col)
        (value,) = v2.RECORD.unpack(read_exact(self.source, position, v2.RECORD_SIZE,
                                               "bundle index record"))
        size = value >> 40
        if not size:
            return None
        return self._check(row % BUNDLE_SIZE, col % BUNDLE_SIZE, value & v2.OFFSET_MASK, size)

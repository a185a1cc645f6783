"""A whole V1 bundle read front to back with each tile's size taken on the way.

The V1 index holds offsets only; every tile's size is the 4-byte field at its
offset (docs/formats.md#compact-v1-bundle). ``records()`` reads those fields
one by one before any tile, which for a whole-bundle copy means the file is
visited twice. Here the slots are sorted by offset, the bundle is read in
coalesced chunks into one reused buffer, and each size field is read out of the
chunk that also holds its tile. A size that points past the end of the file is
refused with records()' own message.
"""
from bisect import bisect_left, bisect_right

from ...errors import FormatError
from ...io.byte_sources import read_exact
from ...model import TileKey
from ..records import MAX_GAP, READ_CHUNK, SIZE_PREFIX
from . import layout as v1

_new_tuple = tuple.__new__


def _chunk_length(offsets, index, breaks):
    """Bytes to read from ``offsets[index]``: up to the last offset reachable without a
    hole over MAX_GAP, plus room for its tile, at most READ_CHUNK."""
    start = offsets[index]
    last = bisect_right(offsets, start + READ_CHUNK - SIZE_PREFIX.size) - 1
    gap = bisect_left(breaks, index)
    if gap < len(breaks):
        last = min(last, breaks[gap])
    return min(READ_CHUNK, offsets[last] - start + SIZE_PREFIX.size + MAX_GAP)


def streamed_tiles(reader, key, slots, offsets):
    """``(TileKey, bytes)`` of the tiles at ``offsets`` (sorted; ``slots`` their
    column-major index slots, all in the bundle's data area), in file order."""
    source = reader.source
    view = memoryview(bytearray(READ_CHUNK))
    # breaks[k] = i: a hole over MAX_GAP lies after offsets[i], so a chunk stops there.
    breaks = [i for i in range(len(offsets) - 1) if offsets[i + 1] - offsets[i] > MAX_GAP]
    level, row0, col0 = key
    start = end = 0
    unpack, prefix = SIZE_PREFIX.unpack_from, SIZE_PREFIX.size
    for index, (slot, offset) in enumerate(zip(slots, offsets)):
        if offset < start or offset + prefix > end:
            start = offset
            end = offset + source.read_into(offset, view[:_chunk_length(offsets, index, breaks)])
        local = offset - start
        (size,) = unpack(view, local) if offset + prefix <= end else (None,)
        if size is None or offset + prefix + size > source.size:
            _refuse(reader, slot, offset)
        if not size:
            continue
        row, col = v1.slot_row_col(slot)
        tile = _new_tuple(TileKey, (level, row0 + row, col0 + col))
        if offset + prefix + size > end:
            if prefix + size > READ_CHUNK:
                yield tile, read_exact(source, offset + prefix, size,
                                       f"tile at row {row} col {col}")
                continue
            start, local = offset, 0
            end = offset + source.read_into(offset, view[:prefix + size])
            if end < offset + prefix + size:
                _refuse(reader, slot, offset)
        yield tile, view[local + prefix:local + prefix + size].tobytes()


def _refuse(reader, slot, offset):
    """Raise records()' own error for the size field at ``offset``; a file that changed
    under the read gets one of its own."""
    row, col = v1.slot_row_col(slot)
    reader.size_at(offset, row, col)
    raise FormatError(f"tile at row {row} col {col} changed while it was read", reader.name)

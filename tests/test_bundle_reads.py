"""How full-bundle reads touch the file: few large reads, right bytes, bounded memory.

Bundles here are built by hand from docs/formats.md#compact-v2-bundle (V2: 64-byte header, row-major
8-byte records, size-prefixed tiles at any offset), including the gaps and
out-of-slot-order layouts ArcGIS leaves after appends.
"""
import random
import struct

import pytest

from tile_package_tools.tilecache.io import byte_sources as bytesource
from tile_package_tools.tilecache.formats.compact_v2 import V2BundleReader
from tile_package_tools.tilecache.formats.records import MAX_GAP, READ_CHUNK, read_tiles
from tile_package_tools.tilecache.io.byte_sources import FileSource
from tile_package_tools.tilecache.errors import FormatError
from tile_package_tools.tilecache.model import BundleKey, TileKey
from tile_package_tools.testkit.bundles import MemorySource


def hand_made_v2(tiles, gap_after=None, shuffle_seed=None):
    """A V2 bundle with ``tiles`` {(row, col): bytes}; optional holes and file order."""
    order = list(tiles)
    if shuffle_seed is not None:
        random.Random(shuffle_seed).shuffle(order)
    body = bytearray()
    index = [0] * 16384
    for position, (row, col) in enumerate(order):
        data = tiles[(row, col)]
        body += struct.pack("<I", len(data))
        index[128 * row + col] = (len(data) << 40) | (64 + 131072 + len(body))
        body += data
        if gap_after is not None and position in gap_after:
            body += b"\xee" * gap_after[position]
    size = 64 + 131072 + len(body)
    header = struct.pack("<4I3Q6I", 3, 16384, 0, 5, 0, size, 40, 131092, 3, 16, 16384, 5, 131072)
    return header + struct.pack("<16384Q", *index) + bytes(body)


def tiles_of(count, size=5000):
    return {(i // 128, i % 128): bytes([i % 251]) * size + i.to_bytes(4, "little")
            for i in range(count)}


def test_many_small_tiles_come_from_few_large_reads():
    tiles = tiles_of(1000)                      # ~5 MB of 5 KB tiles
    source = MemorySource(hand_made_v2(tiles), read_into=True)
    reader = V2BundleReader(source)
    reader.records()
    source.calls.clear()
    got = {(r, c): t for r, c, t in reader.tiles()}
    assert got == tiles
    assert all(kind == "read_into" for kind, _, _ in source.calls)
    assert all(length <= READ_CHUNK for _, _, length in source.calls)
    assert len(source.calls) <= 1 + sum(len(t) + 4 for t in tiles.values()) // (READ_CHUNK // 2)


def test_tiles_in_shuffled_file_order_with_holes_are_all_right():
    tiles = tiles_of(300, size=3000)
    gaps = {5: 10, 50: MAX_GAP + 1, 51: 3 * READ_CHUNK, 200: MAX_GAP}
    data = hand_made_v2(tiles, gap_after=gaps, shuffle_seed=7)
    source = MemorySource(data, read_into=True)
    reader = V2BundleReader(source)
    reader.records()
    source.calls.clear()
    assert {(r, c): t for r, c, t in reader.tiles()} == tiles
    # Holes wider than MAX_GAP are skipped, not read through.
    assert sum(length for _, _, length in source.calls) < len(data) - 3 * READ_CHUNK


def test_a_tile_larger_than_the_read_chunk_is_read_whole():
    tiles = {(0, 0): b"a" * 100, (0, 1): b"\x01" * (READ_CHUNK + 12345), (0, 2): b"c" * 7}
    source = MemorySource(hand_made_v2(tiles), read_into=True)
    assert {(r, c): t for r, c, t in V2BundleReader(source).tiles()} == tiles


def test_sources_without_read_into_still_work():
    tiles = tiles_of(50)
    source = MemorySource(hand_made_v2(tiles))
    assert {(r, c): t for r, c, t in V2BundleReader(source).tiles()} == tiles


def test_keyed_tiles_give_absolute_tile_keys():
    tiles = tiles_of(200, size=10)
    reader = V2BundleReader(MemorySource(hand_made_v2(tiles), read_into=True))
    keyed = dict(reader.keyed_tiles(BundleKey(9, 256, 384)))
    assert keyed == {TileKey(9, 256 + r, 384 + c): t for (r, c), t in tiles.items()}
    assert all(type(key) is TileKey for key in keyed)


def test_a_bundle_that_shrinks_while_read_is_reported():
    tiles = tiles_of(100)
    data = hand_made_v2(tiles)
    reader = V2BundleReader(MemorySource(data, read_into=True))
    records = reader.records()
    shrunk = MemorySource(data[:len(data) - 100], read_into=True)
    with pytest.raises(FormatError, match="truncated"):
        list(read_tiles(shrunk, records))


@pytest.mark.parametrize("positioned", [True, False])
def test_file_source_reads_with_and_without_pread(tmp_path, monkeypatch, positioned):
    """Windows has no os.pread: the seek + read fallback must give the same bytes."""
    monkeypatch.setattr(bytesource, "_HAS_PREAD", positioned)
    tiles = tiles_of(400)
    path = tmp_path / "R0000C0000.bundle"
    path.write_bytes(hand_made_v2(tiles, shuffle_seed=3))
    with FileSource(path) as source:
        assert (source._lock is None) == positioned
        assert source.read_at(0, 4) == struct.pack("<I", 3)
        assert source.read_at(source.size - 2, 10) == path.read_bytes()[-2:]
        view = memoryview(bytearray(100))
        assert source.read_into(source.size - 40, view) == 40
        assert {(r, c): t for r, c, t in V2BundleReader(source).tiles()} == tiles

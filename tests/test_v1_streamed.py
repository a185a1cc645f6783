"""A whole V1 bundle copied without reading its size fields first (compact_v1/streamed.py).

The streamed read must hand out exactly the tiles the records() path does, on
bundles shaped as ArcGIS leaves them after edits (an orphaned old tile, holes,
a tile over the read chunk, two slots at one tile, a zero size in the data
area), never read a size field on its own, and refuse a size that runs past the
end of the file with records()' own words. Offsets are spelled from
docs/formats.md (16-byte bundlx header, 5-byte column-major offsets).
"""
import pytest

from tile_package_tools.tilecache.errors import FormatError
from tile_package_tools.tilecache.formats.compact_v1 import V1BundleReader
from tile_package_tools.tilecache.model import BundleKey

from tile_package_tools.testkit.bundles import MemorySource, entries_of, v1_bundle

KEY = BundleKey(5, 128, 256)
TILES = {(row, col): bytes([row, col]) * (50 + 37 * ((row * 7 + col) % 300))
         for row in range(0, 128, 3) for col in range(0, 128, 5)}


def _slot(row, col):
    return 128 * col + row


def _point(bundlx, row, col, offset):
    """bundlx with slot (row, col) pointing at ``offset``."""
    at = 16 + 5 * _slot(row, col)
    return bundlx[:at] + offset.to_bytes(5, "little") + bundlx[at + 5:]


def _edited_bundle():
    """A bundle as edits leave it: tile (0, 0) replaced by a copy appended after a hole of
    200 KB (the old bytes stay orphaned), a 1.5 MB tile at (1, 1) after it, slot (2, 2)
    pointing at tile (3, 0)'s bytes, slot (4, 4) at a zero size in the data area."""
    bundle, bundlx = v1_bundle(entries_of(TILES))
    replaced, huge = b"new tile 0 0" * 100, bytes(range(256)) * 6000
    bundle += bytes(200_000)
    bundlx = _point(bundlx, 0, 0, len(bundle))
    bundle += len(replaced).to_bytes(4, "little") + replaced
    bundlx = _point(bundlx, 1, 1, len(bundle))
    bundle += len(huge).to_bytes(4, "little") + huge
    third = int.from_bytes(bundlx[16 + 5 * _slot(3, 0):21 + 5 * _slot(3, 0)], "little")
    bundlx = _point(bundlx, 2, 2, third)
    bundlx = _point(bundlx, 4, 4, len(bundle))
    bundle += bytes(4)
    expected = {**TILES, (0, 0): replaced, (1, 1): huge, (2, 2): TILES[(3, 0)]}
    return bundle, bundlx, expected


def _keyed(reader):
    return {(tile.row - KEY.row, tile.col - KEY.col): data for tile, data in reader.keyed_tiles(KEY)}


def test_streamed_tiles_equal_the_records_path_on_an_edited_bundle():
    bundle, bundlx, expected = _edited_bundle()
    streamed_source = MemorySource(bundle, read_into=True)
    streamed = _keyed(V1BundleReader(streamed_source, MemorySource(bundlx)))
    # Without read_into (an inflating zip member) the reader takes the records() way.
    by_records = _keyed(V1BundleReader(MemorySource(bundle), MemorySource(bundlx)))
    assert streamed == by_records == expected
    # No 4-byte read of a size field on its own: sizes came out of the tiles' chunks.
    assert [call for call in streamed_source.calls if call[2] == 4] == []


def test_a_large_hole_is_skipped_not_read_through():
    """Tiles of 10 KB, then 900 KB that no slot points into, then one more tile: the
    read before the hole stops within 64 KB of the last tile (docs: MAX_GAP)."""
    tiles = {(row, 0): bytes([row]) * 1000 for row in range(10)}
    bundle, bundlx = v1_bundle(entries_of(tiles))
    bundle += bytes(900_000)
    bundlx = _point(bundlx, 20, 0, len(bundle))
    bundle += (100).to_bytes(4, "little") + b"x" * 100
    source = MemorySource(bundle, read_into=True)
    assert _keyed(V1BundleReader(source, MemorySource(bundlx))) == {**tiles, (20, 0): b"x" * 100}
    assert sum(call[2] for call in source.calls if call[0] == "read_into") < 200_000


def test_streamed_read_refuses_a_size_past_the_end_as_records_does():
    bundle, bundlx, _ = _edited_bundle()
    # The last real tile (the 1.5 MB one) claims more bytes than the file holds.
    at = int.from_bytes(bundlx[16 + 5 * _slot(1, 1):21 + 5 * _slot(1, 1)], "little")
    broken = bundle[:at] + (len(bundle)).to_bytes(4, "little") + bundle[at + 4:]
    words = "tile at row 1 col 1 runs past the end of the file"
    with pytest.raises(FormatError, match=words):
        list(V1BundleReader(MemorySource(broken, read_into=True),
                            MemorySource(bundlx)).keyed_tiles(KEY))
    with pytest.raises(FormatError, match=words):
        V1BundleReader(MemorySource(broken), MemorySource(bundlx)).records()


@pytest.mark.parametrize("read_into", [True, False], ids=["file", "zip-member"])
def test_records_take_the_size_fields_in_a_few_large_reads(read_into):
    """records() (what a plan and a partial export read) gives the sizes of the edited
    bundle exactly, with no 4-byte read per tile: at most one read per 1 MB chunk, plus
    the fresh empty area (compact_v1/sizes.py)."""
    bundle, bundlx, expected = _edited_bundle()
    source = MemorySource(bundle, read_into=read_into)
    records = V1BundleReader(source, MemorySource(bundlx)).records()
    assert {(r.row, r.col): r.size for r in records} == \
        {place: len(data) for place, data in expected.items()}
    # Per tile it would be len(expected) reads (over 300); a hole may start a chunk.
    assert len(expected) > 300
    assert len(source.calls) <= 2 + len(bundle) // (1 << 20) + 3


def test_records_refuse_a_size_field_past_the_end_in_its_own_words():
    bundle, bundlx, _ = _edited_bundle()
    bundlx = _point(bundlx, 7, 7, len(bundle) + 10)
    with pytest.raises(FormatError, match="row 7 col 7 points past the end of the file"):
        V1BundleReader(MemorySource(bundle, read_into=True), MemorySource(bundlx)).records()

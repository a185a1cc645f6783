"""Bundle bytes checked against docs/formats.md and against ArcGIS-made bundles.

Expected values are spelled out here as literal numbers and struct formats
taken from docs/formats.md, never from the project's layout modules, so a wrong
constant there cannot make a test agree with itself.
"""
import io
import struct
import zipfile

import pytest

from tile_package_tools.tilecache.formats import records as bw
from tile_package_tools.tilecache.formats.compact_v1 import V1BundleReader
from tile_package_tools.tilecache.formats.compact_v2 import V2BundleReader, copy_v2_bundle
from tile_package_tools.tilecache.io.byte_sources import FileSource
from tile_package_tools.tilecache.errors import FormatError

from tile_package_tools.testkit.bundles import MemorySource, entries_of, v1_bundle, v2_bundle
from tile_package_tools.testkit.bytes_layout import (BUNDLX_FOOT, BUNDLX_HEAD, V1_HEADER,
                                                     V2_HEADER, parse_v1, parse_v2)
from tile_package_tools.testkit.samples import SAMPLE_TPK, SAMPLE_V2

V2_SAMPLE = SAMPLE_V2 / "_alllayers"
TPK_TILES = "v101/TPK Root Name/_alllayers"


SOME_TILES = {(0, 0): b"A" * 10, (2, 5): b"tile-2-5" * 3, (127, 127): b"\x00last",
              (5, 2): b"B" * 300}


# ---- Compact V2 written ---------------------------------------------------

def test_v2_header_fields_are_the_documented_values():
    data = v2_bundle(entries_of(SOME_TILES))
    header = V2_HEADER.unpack(data[:64])
    assert header == (3, 16384, 300, 5, 0, len(data), 40, 20 + 131072,
                      3, 16, 16384, 5, 131072)
    assert len(data) == 64 + 131072 + sum(4 + len(t) for t in SOME_TILES.values())


def test_v2_index_is_row_major_with_size_prefixed_tiles():
    data = v2_bundle(entries_of(SOME_TILES))
    for (row, col), tile in SOME_TILES.items():
        (record,) = struct.unpack_from("<Q", data, 64 + 8 * (128 * row + col))
        offset, size = record & (2 ** 40 - 1), record >> 40
        assert size == len(tile)
        assert offset >= 64 + 131072
        assert data[offset - 4:offset] == struct.pack("<I", size)
        assert data[offset:offset + size] == tile
    # (2, 5) and (5, 2) land in different slots: a transposed index would swap them.
    assert parse_v2(data) == SOME_TILES


def test_v2_empty_records_have_size_zero_and_data_follows_the_index():
    data = v2_bundle(entries_of({(3, 3): b"xyz"}))
    records = struct.unpack("<16384Q", data[64:64 + 131072])
    assert sum(1 for r in records if r >> 40) == 1
    assert data[64 + 131072:64 + 131072 + 4] == struct.pack("<I", 3)


def test_v2_absolute_rows_and_cols_are_taken_modulo_128():
    data = v2_bundle(entries_of(SOME_TILES, row0=256, col0=384))
    assert parse_v2(data) == SOME_TILES


@pytest.mark.parametrize("entries, message", [
    ([bw.from_bytes(1, 1, b"a"), bw.from_bytes(129, 1, b"b")], "given twice"),
    ([bw.from_bytes(1, 1, b"")], "has size 0"),
])
def test_v2_writer_refuses_bad_entries(entries, message):
    with pytest.raises((ValueError, FormatError), match=message):
        v2_bundle(entries)


def test_v2_writer_notices_a_tile_that_changed_size():
    entry = bw.TileData(0, 0, 5, lambda: b"longer than five")
    with pytest.raises(FormatError, match="changed size"):
        v2_bundle([entry])


def test_v2_reader_reads_one_tile_with_exactly_two_small_reads():
    data = v2_bundle(entries_of(SOME_TILES))
    source = MemorySource(data)
    reader = V2BundleReader(source)
    source.reads.clear()
    assert reader.tile(2, 5) == SOME_TILES[(2, 5)]
    assert len(source.reads) == 2
    (index_at, index_len), (tile_at, tile_len) = source.reads
    assert (index_at, index_len) == (64 + 8 * (128 * 2 + 5), 8)
    assert tile_len == len(SOME_TILES[(2, 5)])
    source.reads.clear()
    assert reader.tile(9, 9) is None
    assert len(source.reads) == 1


def test_v2_reader_accepts_arcgis_header_variants():
    """Usa.tpkx (docs/formats.md#v2-headers-in-real-files): record count 0, legacy 0, odd largest size."""
    data = bytearray(v2_bundle(entries_of(SOME_TILES)))
    struct.pack_into("<I", data, 4, 0)
    struct.pack_into("<I", data, 8, 7)
    struct.pack_into("<I", data, 48, 0)
    assert dict(((r, c), t) for r, c, t in V2BundleReader(MemorySource(bytes(data))).tiles()) \
        == SOME_TILES


@pytest.mark.parametrize("patch, message", [
    (lambda d: struct.pack_into("<I", d, 0, 2), "version 2"),
    (lambda d: struct.pack_into("<I", d, 60, 4096), "index size 4096"),
    (lambda d: struct.pack_into("<Q", d, 64, (10 << 40) | 100), "inside the header"),
    (lambda d: struct.pack_into("<Q", d, 64, (10 << 40) | len(d)), "past the end"),
])
def test_v2_reader_refuses_broken_bundles(patch, message):
    data = bytearray(v2_bundle(entries_of(SOME_TILES)))
    patch(data)
    with pytest.raises(FormatError, match=message):
        V2BundleReader(MemorySource(bytes(data))).records()


def test_v2_reader_refuses_a_truncated_bundle():
    with pytest.raises(FormatError, match="truncated"):
        V2BundleReader(MemorySource(v2_bundle(entries_of(SOME_TILES))[:1000]))


# ---- Compact V2: ArcGIS-made sample --------------------------------------

@pytest.mark.parametrize("level, count", [(0, 1), (1, 4), (2, 16)])
def test_v2_sample_bundles_read_to_independently_located_tiles(level, count):
    path = V2_SAMPLE / f"L{level:02d}" / "R0000C0000.bundle"
    expected = parse_v2(path.read_bytes())
    assert len(expected) == count
    assert all(tile[:3] == b"\xff\xd8\xff" for tile in expected.values())
    with V2BundleReader(FileSource(path)) as reader:
        got = {(row, col): data for row, col, data in reader.tiles()}
        assert got == expected
        for (row, col), tile in expected.items():
            assert reader.tile(row, col) == tile
        assert reader.tile(count, count) is None


def test_v2_writer_reproduces_arcgis_header_and_records():
    """Same tiles in the same order: header and non-empty records as ArcGIS wrote them.

    Level 1 of the sample holds its tiles back to back from the data start,
    so a fresh write must match it; only empty records differ (ArcGIS writes
    offset 0, this writer offset 4; both have size 0).
    """
    arcgis = (V2_SAMPLE / "L01" / "R0000C0000.bundle").read_bytes()
    tiles = parse_v2(arcgis)
    order = sorted(tiles, key=lambda rc: struct.unpack_from(
        "<Q", arcgis, 64 + 8 * (128 * rc[0] + rc[1]))[0] & (2 ** 40 - 1))
    ours = v2_bundle([bw.from_bytes(r, c, tiles[(r, c)]) for r, c in order])
    assert ours[:64] == arcgis[:64]
    assert len(ours) == len(arcgis)
    assert ours[64 + 131072:] == arcgis[64 + 131072:]
    for index in range(16384):
        ours_rec, theirs = (struct.unpack_from("<Q", b, 64 + 8 * index)[0] for b in (ours, arcgis))
        assert (ours_rec >> 40) == (theirs >> 40)
        if theirs >> 40:
            assert ours_rec == theirs


def test_copy_v2_bundle_keeps_everything_after_the_header():
    arcgis = (V2_SAMPLE / "L02" / "R0000C0000.bundle").read_bytes()
    out = io.BytesIO()
    assert copy_v2_bundle(V2BundleReader(MemorySource(arcgis)), out) == len(arcgis)
    copied = out.getvalue()
    assert copied[64:] == arcgis[64:]
    header = V2_HEADER.unpack(copied[:64])
    assert header[:2] == (3, 16384) and header[5] == len(arcgis) and header[-1] == 131072
    assert header[2] == max(len(t) for t in parse_v2(arcgis).values())


# ---- Compact V1 written ---------------------------------------------------

def test_bundlx_is_81952_bytes_with_the_fixed_header_and_footer():
    _, bundlx = v1_bundle(entries_of(SOME_TILES))
    assert len(bundlx) == 81952 == 16 + 5 * 16384 + 16
    assert bundlx[:16] == BUNDLX_HEAD
    assert bundlx[-16:] == BUNDLX_FOOT


def test_v1_bundle_header_is_laid_out_as_arcgis_writes_it():
    bundle, _ = v1_bundle(entries_of(SOME_TILES))
    assert V1_HEADER.unpack(bundle[:60]) == (3, 16384, 300, 5, 4 * len(SOME_TILES), len(bundle),
                                             40, 16, 0, 127, 0, 127)
    assert len(bundle) == 60 + 4 * 16384 + sum(4 + len(t) for t in SOME_TILES.values())


def test_bundlx_is_column_major_and_points_at_size_prefixes():
    bundle, bundlx = v1_bundle(entries_of(SOME_TILES))
    for (row, col), tile in SOME_TILES.items():
        start = 16 + 5 * (128 * col + row)
        offset = int.from_bytes(bundlx[start:start + 5], "little")
        assert offset >= 60 + 4 * 16384
        assert bundle[offset:offset + 4] == struct.pack("<I", len(tile))
        assert bundle[offset + 4:offset + 4 + len(tile)] == tile
    assert parse_v1(bundle, bundlx) == SOME_TILES


def test_empty_bundlx_slots_point_at_their_own_zero_size():
    bundle, bundlx = v1_bundle(entries_of(SOME_TILES))
    taken = {128 * col + row for row, col in SOME_TILES}
    assert bundle[60:60 + 4 * 16384] == bytes(4 * 16384)
    for index in range(16384):
        offset = int.from_bytes(bundlx[16 + 5 * index:21 + 5 * index], "little")
        if index not in taken:
            assert offset == 60 + 4 * index


def test_v1_reader_round_trip_and_two_read_tile_lookup():
    bundle, bundlx = v1_bundle(entries_of(SOME_TILES, row0=128, col0=0))
    data, index = MemorySource(bundle), MemorySource(bundlx)
    reader = V1BundleReader(data, index)
    assert {(r, c): t for r, c, t in reader.tiles()} == SOME_TILES
    data.reads.clear()
    index.reads.clear()
    assert reader.tile(130, 5) == SOME_TILES[(2, 5)]
    assert index.reads == [(16 + 5 * (128 * 5 + 2), 5)]
    assert len(data.reads) == 2
    assert reader.tile(3, 3) is None


def test_v1_reader_refuses_a_short_bundlx_and_a_wild_offset():
    bundle, bundlx = v1_bundle(entries_of(SOME_TILES))
    with pytest.raises(FormatError, match="81952"):
        V1BundleReader(MemorySource(bundle), MemorySource(bundlx[:-1]))
    broken = bytearray(bundlx)
    broken[16:21] = (len(bundle) + 10).to_bytes(5, "little")
    with pytest.raises(FormatError, match="past the end"):
        V1BundleReader(MemorySource(bundle), MemorySource(bytes(broken))).records()


def test_v1_reader_reads_a_bundlx_without_its_footer():
    """GeoTools writes 81,936 bytes: header and offsets, no 16-byte footer
    (docs/formats.md#v1-in-real-files)."""
    bundle, bundlx = v1_bundle(entries_of(SOME_TILES))
    short = bundlx[:-16]
    assert len(short) == 81936
    reader = V1BundleReader(MemorySource(bundle), MemorySource(short))
    assert {(r, c): t for r, c, t in reader.tiles()} == SOME_TILES
    assert reader.tile(2, 5) == SOME_TILES[(2, 5)] and reader.tile(3, 3) is None
    for size in (81935, 81937, 81951, 81953):
        with pytest.raises(FormatError, match="81936 without its footer"):
            V1BundleReader(MemorySource(bundle), MemorySource((bundlx * 2)[:size]))


def test_a_bundlx_without_footer_leaves_export_and_import_in_the_full_form(tmp_path):
    """Read leniently, written fully: the block copy of an export adds the footer back,
    and an import into such a cache rewrites its index whole."""
    from tile_package_tools.tilecache.pipeline.export import ExportOptions, export_tiles
    from tile_package_tools.tilecache.pipeline.importer import ImportOptions, import_tiles
    from tile_package_tools.tilecache.formats.storage_format import StorageFormat
    from tile_package_tools.testkit.caches import read_tiles, write_cache, write_package
    from tile_package_tools.testkit.schemes import V1, web_mercator
    from tile_package_tools.testkit.tiles import tiles_in
    tiles = tiles_in(3, range(2), range(2))
    cache = write_cache(str(tmp_path / "geotools"), web_mercator(V1, lod_count=6), tiles)
    index = tmp_path / "geotools" / "_alllayers" / "L03" / "R0000C0000.bundlx"
    index.write_bytes(index.read_bytes()[:-16])
    for package in (False, True):
        out = tmp_path / ("copy.tpk" if package else "copy")
        export_tiles(cache, str(out), ExportOptions(storage_format=StorageFormat.COMPACT_V1,
                                                    tile_package=package))
        if package:
            with zipfile.ZipFile(out) as archive:
                bundlx = archive.read("v101/Layers/_alllayers/L03/R0000C0000.bundlx")
        else:
            bundlx = (out / "_alllayers" / "L03" / "R0000C0000.bundlx").read_bytes()
        assert len(bundlx) == 81952 and bundlx[-16:] == BUNDLX_FOOT
        assert read_tiles(out) == tiles
    more = tiles_in(3, range(2, 4), range(2), "pkg")
    package = write_package(tmp_path / "more.tpk", web_mercator(V1, lod_count=6), more)
    import_tiles(cache, package, ImportOptions())
    assert len(index.read_bytes()) == 81952
    assert read_tiles(cache) == {**tiles, **more}


# ---- Compact V1: ArcGIS-made sample --------------------------------------

@pytest.mark.parametrize("level", [0, 1])
def test_v1_sample_bundle_reads_and_rewrites_byte_for_byte(level, tmp_path):
    """A fresh ArcGIS bundle with one tile: this writer must produce the same files."""
    with zipfile.ZipFile(SAMPLE_TPK) as archive:
        bundle = archive.read(f"{TPK_TILES}/L{level:02d}/R0000C0000.bundle")
        bundlx = archive.read(f"{TPK_TILES}/L{level:02d}/R0000C0000.bundlx")
    assert bundlx[:16] == BUNDLX_HEAD and bundlx[-16:] == BUNDLX_FOOT and len(bundlx) == 81952
    expected = parse_v1(bundle, bundlx)
    assert list(expected) == [(0, 0)]
    assert expected[(0, 0)][:8] == b"\x89PNG\r\n\x1a\n"
    (tmp_path / "b.bundle").write_bytes(bundle)
    (tmp_path / "b.bundlx").write_bytes(bundlx)
    with V1BundleReader(FileSource(tmp_path / "b.bundle"),
                        FileSource(tmp_path / "b.bundlx")) as reader:
        assert {(r, c): t for r, c, t in reader.tiles()} == expected
    ours_bundle, ours_bundlx = v1_bundle(entries_of(expected))
    assert ours_bundle == bundle
    assert ours_bundlx == bundlx


@pytest.mark.parametrize("name, key", [
    # ArcGIS's spelling: upper-case R and C, lower-case hex, which has a "c" too.
    ("R6600C2c80.bundle", (16, 0x6600, 0x2C80)),
    ("R0c00C0c80.bundle", (16, 0x0C00, 0x0C80)),
    ("R1c780C0080.bundle", (16, 0x1C780, 0x0080)),
    # Other spellings still read.
    ("r0080c0100.bundle", (16, 0x80, 0x100)),
    ("R0080C0A80.BUNDLE", (16, 0x80, 0xA80))])
def test_bundle_names_with_hex_c_are_split_at_the_separator(tmp_path, name, key):
    from tile_package_tools.tilecache.formats.compact_common import CompactLevel
    from tile_package_tools.tilecache.io.stores import FolderStore
    from tile_package_tools.tilecache.model import BundleKey
    (tmp_path / "L16").mkdir()
    (tmp_path / "L16" / name).write_bytes(b"")
    level = CompactLevel(FolderStore(str(tmp_path)), 16, "L16", None, None)
    assert level.bundle_keys() == [BundleKey(*key)]

"""The fast paths of the open kinds hold what they promise, and fail loudly (issue 22).

- Stores run on a thread of their own (open_formats/store_thread.py): an error
  there (a full disk) reaches the export as its one-line error, the partial
  output is removed, and the thread never outlives the export.
- A tile table is read in one query per block and pass (ordered_walk.py), not
  one per tile: MBTiles -> .tpkx counts its SQL statements.
- A V1 package's plan and copy into MBTiles read the bundles in large reads,
  never a size field per tile (compact_v1/sizes.py, tile_check.CheckedBundle).
"""
import errno
import os
import sqlite3
import threading
import time

import pytest

from tile_package_tools.testkit.caches import make_v2_cache, read_tiles
from tile_package_tools.testkit.trees import temporaries
from tile_package_tools.tilecache.errors import TileCacheError
from tile_package_tools.tilecache.io import byte_sources
from tile_package_tools.tilecache.open_formats import sqlite_file
from tile_package_tools.tilecache.open_formats.mbtiles.sink import MBTilesSink
from tile_package_tools.tilecache.open_formats.ordered_walk import OrderedWalk
from tile_package_tools.tilecache.pipeline.export import ExportOptions, export_tiles

#: Level -> inclusive (row0, row1, col0, col1): one bundle at level 8, four at level 9.
LEVELS = {8: (0, 40, 0, 40), 9: (100, 160, 120, 140)}
BUNDLES = 5


@pytest.fixture(scope="module")
def v1_package(tmp_path_factory):
    work = tmp_path_factory.mktemp("speed_paths")
    cache = work / "cache"
    make_v2_cache(str(cache), LEVELS, tile_format="PNG")
    package = str(work / "v1.tpk")
    export_tiles(str(cache), package, ExportOptions(
        storage_format="esriMapCacheStorageModeCompact", tile_package=True, max_tiles=0))
    return package


def test_a_store_that_fails_stops_the_export_with_one_line_and_leaves_nothing(
        v1_package, tmp_path, monkeypatch):
    stored = []

    def full_disk(self, tiles):
        stored.append(len(tiles))
        time.sleep(0.3)  # the reader fills the queue meanwhile
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(MBTilesSink, "put_bundle", full_disk)
    before = threading.active_count()
    with pytest.raises(TileCacheError, match="No space left on device; nothing was written"):
        export_tiles(v1_package, str(tmp_path / "full.mbtiles"), ExportOptions(max_tiles=0))
    assert len(stored) == 1, "batches queued after the failed store were stored too"
    assert list(tmp_path.iterdir()) == [] and not temporaries(tmp_path)
    assert threading.active_count() == before


def test_the_mbtiles_holds_every_tile_of_the_v1_package(v1_package, tmp_path):
    output = export_tiles(v1_package, str(tmp_path / "all.mbtiles"),
                          ExportOptions(max_tiles=0)).output
    source = read_tiles(v1_package)
    with sqlite3.connect(output) as db:
        stored = {(z, x, (1 << z) - 1 - y): data for z, x, y, data in
                  db.execute("SELECT zoom_level, tile_column, tile_row, tile_data FROM tiles")}
    db.close()
    assert stored == {(k.level, k.col, k.row): data for k, data in source.items()}


def test_a_v1_package_is_read_in_large_reads(v1_package, tmp_path, monkeypatch):
    """Plan and copy together: fewer reads than a tenth of the tiles (a read per tile
    for the sizes, then one per tile for the heads, was over two per tile)."""
    calls = []
    for name in ("read_at", "read_into"):
        for cls in (byte_sources.FileSource, byte_sources.SliceSource):
            original = getattr(cls, name)

            def counted(self, *args, _original=original):
                calls.append(1)
                return _original(self, *args)
            monkeypatch.setattr(cls, name, counted)
    result = export_tiles(v1_package, str(tmp_path / "reads.mbtiles"), ExportOptions(max_tiles=0))
    assert result.tile_count > 1000
    assert len(calls) < result.tile_count / 10


def test_a_tile_table_is_read_in_one_query_per_block_and_pass(v1_package, tmp_path,
                                                              monkeypatch):
    middle = export_tiles(v1_package, str(tmp_path / "middle.mbtiles"),
                          ExportOptions(max_tiles=0)).output
    statements = []
    original = sqlite_file.SqliteReader.__init__

    def traced(self, *args, **kwargs):
        original(self, *args, **kwargs)
        self.connection.set_trace_callback(statements.append)
    monkeypatch.setattr(sqlite_file.SqliteReader, "__init__", traced)
    back = export_tiles(middle, str(tmp_path / "back.tpkx"),
                        ExportOptions(tile_package=True, max_tiles=0))
    assert read_tiles(back.output) == read_tiles(v1_package)
    tile_reads = [s for s in statements if "tile_data" in s and "length(" not in s
                  and "LIMIT" not in s]
    assert back.tile_count > 1000
    # Two passes over each block (heads for the tile check, then bytes), and the
    # few tiles opening reads to learn the tile size; per tile it was 2 x 2962.
    assert len(tile_reads) <= 2 * BUNDLES + 2, tile_reads


def test_an_ordered_walk_reads_in_order_in_one_pass_and_restarts_when_asked_behind():
    table = [((0, 1), "a"), ((0, 3), "b"), ((2, 0), "c")]
    starts = []

    def rows(start):
        starts.append(start)
        return iter([row for row in table if row[0] >= start])

    walk = OrderedWalk(rows)
    assert [walk.take(order) for order in [(0, 1), (0, 2), (0, 3), (2, 0)]] == \
        ["a", None, "b", "c"]
    assert starts == [(0, 1)]
    assert walk.take((0, 3)) == "b" and starts[-1] == (0, 3)
    assert walk.take((9, 9)) is None and walk.take((0, 1)) == "a" and len(starts) == 3
    assert walk.take((2, 0), restart=True) == "c" and starts[-1] == (2, 0)


def test_tiles_read_out_of_order_cost_one_query_each_and_read_only_their_row(
        v1_package, tmp_path, monkeypatch):
    """The map layer asks for a few tiles of a block in any order (bundle.tile): each is
    one query starting at that tile, never a walk through the tiles before it."""
    from tile_package_tools.tilecache.pipeline.opening import open_cache
    middle = export_tiles(v1_package, str(tmp_path / "random.mbtiles"),
                          ExportOptions(max_tiles=0)).output
    expected = read_tiles(v1_package)
    statements, rows_read = [], []
    original = sqlite_file.SqliteReader.iterate

    def counted(self, sql, args=()):
        statements.append(sql)
        for row in original(self, sql, args):
            rows_read.append(1)
            yield row
    monkeypatch.setattr(sqlite_file.SqliteReader, "iterate", counted)
    keys = sorted(key for key in expected if key.level == 9)[::-97]  # last first, spread
    with open_cache(middle) as reader:
        for key in keys:
            bundle = reader.open_bundle(key.bundle)
            assert bundle.tile(key.row - key.bundle.row, key.col - key.bundle.col) == \
                expected[key]
            bundle.close()
    assert len(statements) == len(keys) and len(rows_read) <= 2 * len(keys)

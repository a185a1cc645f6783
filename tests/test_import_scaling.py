"""importTiles must scale linearly with the tiles merged into a full bundle.

Merging n tiles into a bundle of m tiles is O(n + m) work plus the copy; a
merge that does O(n * m) Python work is invisible on the samples and takes
minutes on real caches. The bound is ~10x what linear code needs on a slow
machine, so the test only fails for a real complexity problem.
"""
import time

from tile_package_tools.tilecache.pipeline.export import ExportOptions, export_tiles
from tile_package_tools.tilecache.pipeline.importer import ImportOptions, import_tiles

from tile_package_tools.testkit.caches import make_v2_cache
from tile_package_tools.testkit.tiles import jpeg_with_comment, solid_tile

TINY_JPEG = solid_tile((200, 10, 10), "JPEG", size=8)


def tile(level, row, col):
    return jpeg_with_comment(TINY_JPEG, f"{level}/{row}/{col}")


def new_tile(level, row, col):
    return jpeg_with_comment(TINY_JPEG, f"new {level}/{row}/{col}")


def test_merging_3000_tiles_into_a_full_bundle_is_fast(tmp_path):
    cache, source, package = tmp_path / "cache", tmp_path / "src", tmp_path / "p.tpkx"
    make_v2_cache(cache, {7: (0, 127, 0, 127)}, tile)       # 16384 tiles, full
    make_v2_cache(source, {7: (10, 69, 10, 59)}, new_tile)  # 3000 tiles
    export_tiles(str(source), str(package), ExportOptions(tile_package=True, max_tiles=0))
    start = time.perf_counter()
    result = import_tiles(str(cache), str(package), ImportOptions())
    seconds = time.perf_counter() - start
    assert result.tiles_imported == 3000
    assert seconds < 3.0, f"merging 3000 tiles into one full bundle took {seconds:.1f} s"

"""exportTiles into an existing cache folder merges the tiles into it (as ArcGIS's
Export Tile Cache does, and a render into a cache), instead of replacing it and
losing what the export does not carry."""
import os

import pytest

from tile_package_tools.testkit.caches import make_v2_cache, read_tiles, write_cache
from tile_package_tools.testkit.samples import SAMPLE_V2
from tile_package_tools.testkit.schemes import V1_TEXT as V1, V2_TEXT as V2, web_mercator
from tile_package_tools.testkit.tiles import marked_tile
from tile_package_tools.testkit.trees import content_digest, temporaries
from tile_package_tools.tilecache.errors import TileCacheError
from tile_package_tools.tilecache.feedback import CallbackFeedback
from tile_package_tools.tilecache.model import TileKey
from tile_package_tools.tilecache.pipeline import export as ex


def export(source, output, feedback=None, **options):
    return ex.export_tiles(str(source), str(output), ex.ExportOptions(**options),
                           feedback or CallbackFeedback())


def test_levels_exported_one_after_another_add_up(tmp_path):
    cache = tmp_path / "cache"
    export(SAMPLE_V2, cache, levels="0-1")
    result = export(SAMPLE_V2, cache, levels="2")
    assert result.output == str(cache) and result.tile_count == 16
    assert read_tiles(cache) == read_tiles(SAMPLE_V2)
    assert temporaries(tmp_path) == [] and sorted(os.listdir(tmp_path)) == ["cache"]


def test_tiles_at_the_same_address_are_replaced_and_others_kept(tmp_path):
    cache = tmp_path / "cache"
    make_v2_cache(str(cache), {1: (0, 1, 0, 1), 2: (0, 3, 0, 3)}, lod_count=3)
    before = read_tiles(cache)
    export(SAMPLE_V2, cache, levels="1")
    after, sample = read_tiles(cache), read_tiles(SAMPLE_V2)
    assert {key: after[key] for key in after if key.level == 1} == \
        {key: sample[key] for key in sample if key.level == 1}
    assert {key: after[key] for key in after if key.level == 2} == \
        {key: before[key] for key in before if key.level == 2}


def test_the_existing_storage_format_is_kept_and_said(tmp_path):
    cache = tmp_path / "cache"
    export(SAMPLE_V2, cache, levels="0-1", storage_format=V1)
    lines = []
    export(SAMPLE_V2, cache, CallbackFeedback(log=lines.append), levels="2",
           storage_format=V2)
    assert read_tiles(cache) == read_tiles(SAMPLE_V2)
    assert os.path.exists(cache / "_alllayers" / "L02" / "R0000C0000.bundlx")
    assert f"{cache} is an existing {V1} cache: the tiles are merged into it in its own " \
        f"storage format, not {V2}" in lines


def test_a_cache_of_another_tiling_scheme_is_left_as_it_was(tmp_path):
    cache = tmp_path / "cache"
    shifted = web_mercator(lod_count=3, origin=(-20000000.0, 20000000.0))
    write_cache(str(cache), shifted, {TileKey(1, 0, 0): marked_tile(1, 0, 0)})
    before = content_digest(cache)
    with pytest.raises(TileCacheError, match="[Tt]iling schemes do not match"):
        export(SAMPLE_V2, cache, levels="1")
    assert content_digest(cache) == before
    assert temporaries(tmp_path) == [] and sorted(os.listdir(tmp_path)) == ["cache"]

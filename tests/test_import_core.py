"""importTiles core: merges checked tile by tile against what went in.

Every cache here is written with hand-picked tiles and every package made by
the core's export, so the expected result of each import is known exactly:
the cache's tiles before, overlaid with the package's.
"""
import json
import os
import re

import pytest

from tile_package_tools.testkit.caches import read_tiles, write_cache, write_package
from tile_package_tools.testkit.samples import SAMPLE_TPK, copy_sample
from tile_package_tools.testkit.schemes import EXPLODED, V1, V2, web_mercator
from tile_package_tools.testkit.tiles import tiles_in
from tile_package_tools.testkit.trees import content_digest, temporaries, tree_digest
from tile_package_tools.tilecache.metadata.conf_reader import read_conf_cdi, read_conf_xml
from tile_package_tools.tilecache.errors import (CacheLockedError, CancelledError, FormatError,
                                                 LevelRangeError, SchemeMismatchError)
from tile_package_tools.tilecache.feedback import CallbackFeedback
from tile_package_tools.tilecache.pipeline.importer import ImportOptions, import_tiles
from tile_package_tools.tilecache.io.locking import CacheLock
from tile_package_tools.tilecache.model import Extent, TileKey

CACHE_TILES = {
    **tiles_in(3, range(0, 4), range(0, 4)),
    **tiles_in(3, range(200, 202), range(0, 1)),       # a bundle the package never touches
    **tiles_in(8, range(126, 130), range(126, 130)),   # four bundles around a corner
    **tiles_in(9, range(0, 2), range(0, 2)),
}
PACKAGE_TILES = {
    **tiles_in(3, range(2, 6), range(2, 4), "pkg"),     # half replaces, half fills
    **tiles_in(5, range(0, 2), range(0, 2), "pkg"),     # a level the cache lacks
    **tiles_in(8, range(127, 129), range(127, 129), "pkg"),
    **tiles_in(9, range(300, 302), range(400, 402), "pkg"),  # a bundle the cache lacks
}


@pytest.fixture(scope="module")
def packages(tmp_path_factory):
    folder = tmp_path_factory.mktemp("packages")
    scheme = web_mercator(lod_count=10)
    return {kind: write_package(folder / f"pkg.{kind}", scheme, PACKAGE_TILES)
            for kind in ("tpkx", "tpk")}


def make_cache(tmp_path, storage, tiles=CACHE_TILES, **scheme_args):
    return write_cache(str(tmp_path / f"cache-{storage.name}"),
                       web_mercator(storage, lod_count=10, **scheme_args), tiles)


def bundles_of(tiles):
    return {key.bundle for key in tiles}


@pytest.mark.parametrize("kind", ["tpkx", "tpk"])
@pytest.mark.parametrize("storage", [V2, V1, EXPLODED], ids=lambda s: s.name)
def test_merge_overlays_package_tiles_on_the_cache(tmp_path, packages, storage, kind):
    cache = make_cache(tmp_path, storage)
    result = import_tiles(cache, packages[kind], ImportOptions())
    assert read_tiles(cache) == {**CACHE_TILES, **PACKAGE_TILES}
    assert result.tiles_imported == len(PACKAGE_TILES)
    assert result.tiles_skipped == 0
    assert result.levels == [3, 5, 8, 9]
    assert result.warnings == []
    assert temporaries(cache) == []


@pytest.mark.parametrize("storage", [V2, V1, EXPLODED], ids=lambda s: s.name)
def test_replace_tiles_false_only_fills_gaps(tmp_path, packages, storage):
    cache = make_cache(tmp_path, storage)
    result = import_tiles(cache, packages["tpkx"], ImportOptions(replace_tiles=False))
    assert read_tiles(cache) == {**PACKAGE_TILES, **CACHE_TILES}
    overlap = set(PACKAGE_TILES) & set(CACHE_TILES)
    assert overlap and result.tiles_skipped == len(overlap)
    assert result.tiles_imported == len(PACKAGE_TILES) - len(overlap)


@pytest.mark.parametrize("storage", [V2, V1], ids=lambda s: s.name)
def test_merge_bundle_false_replaces_whole_bundles(tmp_path, packages, storage):
    cache = make_cache(tmp_path, storage)
    import_tiles(cache, packages["tpk"], ImportOptions(merge_bundle=False))
    replaced = bundles_of(PACKAGE_TILES)
    kept = {k: v for k, v in CACHE_TILES.items() if k.bundle not in replaced}
    assert kept, "the scenario needs bundles the package leaves alone"
    assert read_tiles(cache) == {**kept, **PACKAGE_TILES}


def test_merge_bundle_false_on_exploded_still_merges_tile_by_tile(tmp_path, packages):
    cache = make_cache(tmp_path, EXPLODED)
    import_tiles(cache, packages["tpkx"], ImportOptions(merge_bundle=False))
    assert read_tiles(cache) == {**CACHE_TILES, **PACKAGE_TILES}


def test_sample_tpk_into_sample_v2_cache(tmp_path, repo_root):
    cache = str(copy_sample(tmp_path / "cache"))
    before = read_tiles(cache)
    with open(os.path.join(cache, "conf.cdi"), "rb") as handle:
        cdi_before = read_conf_cdi(handle.read())
    package = read_tiles(SAMPLE_TPK)
    result = import_tiles(cache, str(SAMPLE_TPK), ImportOptions())
    after = read_tiles(cache)
    assert set(package) == {TileKey(0, 0, 0), TileKey(1, 0, 0)}
    assert after == {**before, **package} and len(after) == 21
    assert result.item_id == "3A6CACD0-C6E5-47DE-97F9-0B5D567D8288"
    assert result.tile_format == "MIXED" and "MIXED" in result.warnings[0]
    with open(os.path.join(cache, "conf.xml"), "rb") as handle:
        assert read_conf_xml(handle.read()).tile_format == "MIXED"
    with open(os.path.join(cache, "conf.cdi"), "rb") as handle:
        cdi_after = read_conf_cdi(handle.read())
    assert cdi_after == cdi_after.union(cdi_before)


def test_conf_cdi_grows_to_the_imported_tiles(tmp_path, packages):
    cache = make_cache(tmp_path, V2)
    import_tiles(cache, packages["tpkx"], ImportOptions())
    with open(os.path.join(cache, "conf.cdi"), "rb") as handle:
        extent = read_conf_cdi(handle.read())
    scheme = web_mercator(lod_count=10)
    for key in PACKAGE_TILES:
        footprint = scheme.tile_footprint(key)
        assert extent.union(footprint) == extent


def test_package_levels_land_on_the_cache_level_of_the_same_resolution(tmp_path):
    # The package's level 0 has the resolution of the cache's level 2.
    package_tiles = {**tiles_in(0, range(0, 4), range(0, 4), "pkg"),
                     **tiles_in(1, range(2, 4), range(0, 2), "pkg")}
    package = write_package(tmp_path / "shifted.tpkx", web_mercator(first=2, lod_count=3),
                            package_tiles)
    cache = make_cache(tmp_path, V1)
    result = import_tiles(cache, package, ImportOptions())
    remapped = {TileKey(k.level + 2, k.row, k.col): v for k, v in package_tiles.items()}
    assert read_tiles(cache) == {**CACHE_TILES, **remapped}
    assert result.levels == [2, 3]


def test_levels_parameter_uses_the_cache_numbering(tmp_path, packages):
    cache = make_cache(tmp_path, V2)
    result = import_tiles(cache, packages["tpkx"], ImportOptions(levels="4-5,8"))
    chosen = {k: v for k, v in PACKAGE_TILES.items() if k.level in (5, 8)}
    assert read_tiles(cache) == {**CACHE_TILES, **chosen}
    assert result.levels == [5, 8]


def test_extent_picks_whole_bundles_that_intersect_it(tmp_path, packages):
    cache = make_cache(tmp_path, V2)
    scheme = web_mercator(lod_count=10)
    # A point-sized box inside one tile of the L8 bundle R0000C0000 only.
    box = scheme.tile_footprint(TileKey(8, 127, 127))
    inner = Extent(box.xmin + 1, box.ymin + 1, box.xmin + 2, box.ymin + 2)
    import_tiles(cache, packages["tpkx"], ImportOptions(extent=inner))
    picked = {k: v for k, v in PACKAGE_TILES.items()
              if k.bundle.level in (3, 5) or (k.level == 8 and k.bundle.row == 0
                                              and k.bundle.col == 0)}
    # Coarser levels' bundles cover that point too; only L8's other bundles stay out.
    assert read_tiles(cache) == {**CACHE_TILES, **picked}


def test_extent_in_another_spatial_reference(tmp_path, packages):
    from tile_package_tools.tilecache.params.geometry_input import parse_extent
    cache = make_cache(tmp_path, V2)
    extent, sr = parse_extent('{"xmin":170,"ymin":-80,"xmax":179,"ymax":-70,'
                              '"spatialReference":{"wkid":4326}}', "extent")
    import_tiles(cache, packages["tpkx"], ImportOptions(extent=extent, extent_sr=sr))
    # Near the south-east corner of the world: the single L3 and L5 bundles,
    # L8's south-east bundle, and not L9's bundle (it ends at 66.5 S).
    picked = {k: v for k, v in PACKAGE_TILES.items()
              if k.level in (3, 5) or (k.level == 8 and k.bundle[1:] == (128, 128))}
    assert read_tiles(cache) == {**CACHE_TILES, **picked}


def test_area_of_interest_clips_tile_exactly(tmp_path, packages):
    import shapely.geometry
    cache = make_cache(tmp_path, EXPLODED)
    scheme = web_mercator(lod_count=10)
    a = scheme.tile_footprint(TileKey(3, 2, 2))
    b = scheme.tile_footprint(TileKey(3, 3, 2))
    # Tiles (3,2,2) and (3,3,2), shrunk a little so neighbours only touch.
    area = shapely.geometry.box(a.xmin + 10, b.ymin + 10, a.xmax - 10, a.ymax - 10)
    result = import_tiles(cache, packages["tpk"], ImportOptions(area_of_interest=area))
    expected = {TileKey(3, 2, 2), TileKey(3, 3, 2)}
    assert read_tiles(cache) == {**CACHE_TILES, **{k: PACKAGE_TILES[k] for k in expected}}
    assert result.tiles_imported == 2


def test_level_beyond_the_cache_is_the_rest_error_and_changes_nothing(tmp_path, packages):
    cache = write_cache(str(tmp_path / "small"), web_mercator(lod_count=6),
                        tiles_in(3, range(0, 2), range(0, 2)))
    before = tree_digest(cache, folders=False)
    with pytest.raises(LevelRangeError) as caught:
        import_tiles(cache, packages["tpkx"], ImportOptions())
    assert str(caught.value) == 'Specified level id "8" is not within the min and max scale range.'
    assert caught.value.code == 500
    assert tree_digest(cache, folders=False) == before
    with pytest.raises(LevelRangeError) as caught:
        import_tiles(cache, packages["tpkx"], ImportOptions(levels="3,19"))
    assert str(caught.value) == 'Specified level id "19" is not within the min and max scale range.'
    assert tree_digest(cache, folders=False) == before
    # Explicit levels within the cache leave the package's finer levels out.
    result = import_tiles(cache, packages["tpkx"], ImportOptions(levels="0-5"))
    assert result.levels == [3, 5]
    assert set(read_tiles(cache)) == {k for k in PACKAGE_TILES if k.level in (3, 5)} | \
        set(tiles_in(3, range(0, 2), range(0, 2)))


@pytest.mark.parametrize("change, prop, values", [
    ({"origin": (-20037500.0, 20037508.342787)}, "the tile origin X",
     ("-20037500.0", "-20037508.342787")),
    ({"tile_size": 512}, "the tile size", ("512x512", "256x256")),
    ({"wkid": 4326}, "the spatial reference", ("WKID 4326", "WKID 102100")),
])
def test_scheme_mismatch_names_property_and_values(tmp_path, change, prop, values):
    package = write_package(tmp_path / "other.tpkx", web_mercator(lod_count=10, **change),
                            tiles_in(2, range(0, 2), range(0, 2), "pkg"))
    cache = make_cache(tmp_path, V2)
    before = tree_digest(cache, folders=False)
    with pytest.raises(SchemeMismatchError) as caught:
        import_tiles(cache, package, ImportOptions())
    message = str(caught.value)
    assert message.startswith(f"Tiling schemes do not match: {prop} is {values[0]} in the "
                              f"package but {values[1]} in the cache")
    assert "\n" not in message
    assert tree_digest(cache, folders=False) == before


def test_resolution_between_lods_is_a_scheme_mismatch(tmp_path):
    scheme = web_mercator(lod_count=10)
    odd = scheme.with_changes(lods=tuple(lod._replace(resolution=lod.resolution * 0.7)
                                         for lod in scheme.lods))
    package = write_package(tmp_path / "odd.tpkx", odd, tiles_in(3, [0], [0], "pkg"))
    cache = make_cache(tmp_path, V2)
    with pytest.raises(SchemeMismatchError, match=r"resolution of package level 3 is .* but "
                                                  r"the nearest LOD resolution is "):
        import_tiles(cache, package, ImportOptions())


def test_wkid_3857_package_fits_a_102100_cache(tmp_path):
    package = write_package(tmp_path / "p.tpkx", web_mercator(lod_count=10, wkid=3857),
                            tiles_in(3, [0], [0], "pkg"))
    cache = make_cache(tmp_path, V2)
    import_tiles(cache, package, ImportOptions())
    assert read_tiles(cache)[TileKey(3, 0, 0)] == tiles_in(3, [0], [0], "pkg")[TileKey(3, 0, 0)]


def test_png_package_into_jpeg_cache_records_mixed(tmp_path):
    png = tiles_in(3, [0], [0, 1], "png", fmt="PNG")
    package = write_package(tmp_path / "png.tpk", web_mercator(lod_count=10, tile_format="PNG"),
                            png)
    cache = make_cache(tmp_path, EXPLODED)
    result = import_tiles(cache, package, ImportOptions())
    assert any("MIXED" in warning for warning in result.warnings)
    with open(os.path.join(cache, "conf.xml"), "rb") as handle:
        assert read_conf_xml(handle.read()).tile_format == "MIXED"
    # The old JPEG twin of a replaced tile is gone; the PNG one is read back.
    row_dir = os.path.join(cache, "_alllayers", "L03", "R00000000")
    assert sorted(os.listdir(row_dir)) == ["C00000000.png", "C00000001.png",
                                           "C00000002.jpg", "C00000003.jpg"]
    assert read_tiles(cache) == {**CACHE_TILES, **png}


def test_cancel_leaves_the_cache_unchanged(tmp_path, packages):
    cache = make_cache(tmp_path, V1)
    before = content_digest(cache)
    calls = []

    def cancel_on_third_bundle():
        calls.append(1)
        return len(calls) > 2

    with pytest.raises(CancelledError):
        import_tiles(cache, packages["tpk"], ImportOptions(),
                     CallbackFeedback(is_cancelled=cancel_on_third_bundle))
    assert content_digest(cache) == before
    assert temporaries(cache) == []


def test_failure_midway_leaves_the_cache_unchanged(tmp_path, packages):
    cache = make_cache(tmp_path, V2)
    broken = os.path.join(cache, "_alllayers", "L08", "R0080C0080.bundle")
    with open(broken, "r+b") as handle:
        handle.write(b"\x07")  # version 7: not a V2 bundle
    before = content_digest(cache)
    with pytest.raises(FormatError, match=r"R0080C0080\.bundle: not a Compact V2 bundle"):
        import_tiles(cache, packages["tpkx"], ImportOptions())
    assert content_digest(cache) == before
    assert temporaries(cache) == []


def test_a_held_lock_makes_the_import_wait(tmp_path, packages):
    cache = make_cache(tmp_path, V2)
    before = content_digest(cache)
    with CacheLock(cache):
        with pytest.raises(CacheLockedError, match="another process is changing this cache"):
            import_tiles(cache, packages["tpkx"], ImportOptions(lock_timeout=0.3))
    assert content_digest(cache) == before
    import_tiles(cache, packages["tpkx"], ImportOptions(lock_timeout=0.3))


def test_repeated_imports_stay_correct_and_compact(tmp_path, packages):
    cache = make_cache(tmp_path, V2)
    bundle = os.path.join(cache, "_alllayers", "L03", "R0000C0000.bundle")
    sizes = []
    for _ in range(6):
        import_tiles(cache, packages["tpkx"], ImportOptions())
        sizes.append(os.path.getsize(bundle))
        assert read_tiles(cache) == {**CACHE_TILES, **PACKAGE_TILES}
    # Appending would grow the bundle on every run; compaction bounds it.
    assert max(sizes) < 2 * min(sizes) + 1024


def test_rest_examples_forms_reach_the_core(tmp_path, packages):
    """The REST JSON extent of the seed page is accepted as is."""
    from tile_package_tools.tilecache.params.geometry_input import parse_extent
    text = json.dumps({"xmin": 6224324.092137296, "ymin": 487347.5253569535,
                       "xmax": 11473407.698535524, "ymax": 4239488.369818687,
                       "spatialReference": {"wkid": 102100}})
    extent, sr = parse_extent(text, "extent")
    cache = make_cache(tmp_path, V2)
    result = import_tiles(cache, packages["tpkx"], ImportOptions(extent=extent, extent_sr=sr))
    # North-east of the origin: L8's north-east bundle, not L9's southern one.
    picked = {k: v for k, v in PACKAGE_TILES.items()
              if k.level in (3, 5) or (k.level == 8 and k.bundle[1:] == (0, 128))}
    assert read_tiles(cache) == {**CACHE_TILES, **picked}
    assert result.levels == [3, 5, 8]
    assert re.fullmatch(r"[0-9A-Fa-f-]{36}", result.item_id)

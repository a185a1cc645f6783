"""Which LODs an export lists, and which schemes GDAL can read (scheme/gdal_limits).

Exports keep the source scheme's LODs, as ArcGIS does, so finer levels of the
source can be imported into the output later; a cache folder drops LODs at the
fine end only where GDAL would refuse to open it (README "LODs of exported
caches"). The GDAL facts are GDAL's own code (docs/formats.md#other-readers);
test_other_readers.py runs the real GDALs on such outputs.
"""
import json
import zipfile

import pytest

from tile_package_tools.tilecache import LOD, SpatialReference, TilingScheme, open_cache
from tile_package_tools.tilecache.feedback import CallbackFeedback
from tile_package_tools.tilecache.pipeline.export import ExportOptions, export_tiles
from tile_package_tools.tilecache.pipeline.importer import ImportOptions, import_tiles
from tile_package_tools.tilecache.scheme.gdal_limits import (gdal_read_problem,
                                                             gdal_version_tuple)

from tile_package_tools.testkit.caches import read_tiles, write_cache, write_package
from tile_package_tools.testkit.schemes import EXPLODED, V1, V2, WORLD, web_mercator
from tile_package_tools.testkit.tiles import tiles_in

#: A package's tiles at levels 0-5 of the standard scheme.
LEVELS_0_TO_5 = {key: data for level in range(6)
                 for key, data in tiles_in(level, range(2), range(2), "pkg").items()}


def conf_levels(folder):
    with open_cache(str(folder)) as reader:
        return reader.scheme.level_ids


def package_levels(path):
    with open_cache(str(path)) as reader:
        return reader.scheme.level_ids


# ---- export, then import the finer levels -------------------------------------------------

@pytest.mark.parametrize("kind", ["tpkx", "tpk"])
@pytest.mark.parametrize("storage", [V2, V1, EXPLODED], ids=lambda s: s.name)
def test_export_levels_0_3_then_import_levels_4_5_into_that_folder(tmp_path, kind, storage):
    """Issue 9: the folder used to list LODs 0-3 only, and the import failed with
    'Specified level id "4" is not within the min and max scale range.'"""
    package = write_package(tmp_path / f"p.{kind}", web_mercator(lod_count=24), LEVELS_0_TO_5)
    folder = tmp_path / "levels-0-3"
    export_tiles(package, str(folder), ExportOptions(storage_format=storage, levels="0-3"))
    assert sorted({key.level for key in read_tiles(folder)}) == [0, 1, 2, 3]
    result = import_tiles(str(folder), package, ImportOptions(levels="4-5"))
    assert result.tiles_imported == 8
    assert read_tiles(folder) == LEVELS_0_TO_5


# ---- the LODs each output lists -----------------------------------------------------------

@pytest.fixture(scope="module")
def wm24(tmp_path_factory):
    """A cache listing all 24 standard LODs (as ArcGIS writes them), tiles at levels 0-5."""
    folder = tmp_path_factory.mktemp("wm24")
    return write_cache(str(folder / "source"), web_mercator(lod_count=24), LEVELS_0_TO_5)


@pytest.mark.parametrize("storage", [V2, V1, EXPLODED], ids=lambda s: s.name)
def test_folders_keep_every_lod_gdal_can_open(tmp_path, wm24, storage):
    """Level 23 of 256 px Web Mercator makes GDAL's raster 2^31 px wide: left out."""
    out = tmp_path / "out"
    export_tiles(wm24, str(out), ExportOptions(storage_format=storage, levels="1-2"))
    assert conf_levels(out) == list(range(23))


@pytest.mark.parametrize("kind, storage", [("tpkx", V2), ("tpk", V1)])
def test_packages_keep_every_lod_and_root_json_names_the_levels_with_tiles(tmp_path, wm24,
                                                                          kind, storage):
    out = tmp_path / f"out.{kind}"
    export_tiles(wm24, str(out), ExportOptions(storage_format=storage, tile_package=True,
                                               levels="1-2"))
    assert package_levels(out) == list(range(24))
    if kind == "tpkx":
        with zipfile.ZipFile(out) as archive:
            root = json.loads(archive.read("root.json"))
        assert (root["minLOD"], root["maxLOD"]) == (1, 2)


def test_a_scheme_gdal_opens_whole_is_kept_whole(tmp_path):
    source = write_cache(str(tmp_path / "source"), web_mercator(lod_count=20), LEVELS_0_TO_5)
    export_tiles(source, str(tmp_path / "out"), ExportOptions(levels="0-1"))
    assert conf_levels(tmp_path / "out") == list(range(20))


def test_512_px_web_mercator_folders_stop_one_level_earlier(tmp_path):
    scheme = web_mercator(lod_count=23, first=1, tile_size=512)
    source = write_cache(str(tmp_path / "source"), scheme, tiles_in(0, [0], [0]))
    export_tiles(source, str(tmp_path / "out"), ExportOptions())
    assert conf_levels(tmp_path / "out") == list(range(22))


def test_gdal_gives_way_to_a_level_that_is_exported_and_says_what_cannot_be_imported(tmp_path):
    """The conflict: the source has tiles at level 23, beyond what GDAL opens. Exporting
    other levels, GDAL wins (with a warning); exporting level 23, it is listed."""
    tiles = {**LEVELS_0_TO_5, **tiles_in(23, [5], [7])}
    source = write_cache(str(tmp_path / "source"), web_mercator(lod_count=24), tiles)
    lines = []
    export_tiles(source, str(tmp_path / "coarse"), ExportOptions(levels="0-3"),
                 CallbackFeedback(log=lines.append))
    assert conf_levels(tmp_path / "coarse") == list(range(23))
    assert [line for line in lines if "23" in line and "imported" in line], lines
    export_tiles(source, str(tmp_path / "fine"), ExportOptions(levels="23"))
    assert conf_levels(tmp_path / "fine") == list(range(24))
    with open_cache(str(tmp_path / "fine")) as reader:
        assert "2147483648 px" in gdal_read_problem(reader.scheme, "3.10.3")


# ---- gdal_read_problem ----------------------------------------------------------------------

def custom(tile=256, lods=20, origin=(-WORLD, WORLD), fmt="JPEG", height=None):
    scheme = web_mercator(tile_format=fmt, lod_count=lods, tile_size=tile)
    return scheme.with_changes(origin_x=origin[0], origin_y=origin[1],
                               tile_height=height or tile)


@pytest.mark.parametrize("version, expected", [
    ("3.6.2", (3, 6, 2)), ("3.10.0dev", (3, 10, 0)), ("3.9", (3, 9, 0)),
    (3090100, (3, 9, 1)), ("3060200", (3, 6, 2))])
def test_gdal_versions_in_every_spelling(version, expected):
    assert gdal_version_tuple(version) == expected


def test_a_gdal_version_that_is_none_is_refused():
    with pytest.raises(ValueError, match="not a GDAL version"):
        gdal_version_tuple("GDAL")


@pytest.mark.parametrize("version", ["3.6.2", "3.8.4", "3.9.0", "3.9.1", "3.10.3"])
def test_256_px_web_mercator_reads_in_every_gdal(version):
    assert gdal_read_problem(custom(lods=23), version) is None
    assert gdal_read_problem(custom(fmt="PNG32", lods=23), version) is None


@pytest.mark.parametrize("version, readable", [("3.6.2", False), ("3.9.0", False),
                                               ("3.9.1", True), ("3.10.3", True)])
def test_512_px_tiles_need_gdal_3_9_1(version, readable):
    problem = gdal_read_problem(custom(tile=512, lods=20), version)
    assert (problem is None) == readable
    if not readable:
        assert "crashes reading 512 px tiles" in problem and "3.9.1" in problem


def test_128_px_tiles_come_out_wrong_before_gdal_3_9_1():
    assert "misreads 128 px" in gdal_read_problem(custom(tile=128), "3.6.2")
    assert gdal_read_problem(custom(tile=128), "3.9.1") is None


def test_the_raster_size_limit_holds_in_every_gdal():
    for version in ("3.6.2", "3.10.3"):
        assert "more than the 2147483647" in gdal_read_problem(custom(lods=24), version)


def test_non_square_tiles_and_an_origin_right_of_zero_are_refused():
    assert "square" in gdal_read_problem(custom(height=512), "3.10.3")
    assert "centred on (0, 0)" in gdal_read_problem(custom(origin=(0.0, 0.0)), "3.10.3")


@pytest.mark.parametrize("fmt", ["PNG8", "PNG", "MIXED"])
def test_palette_tiles_need_gdal_3_8(fmt):
    # ArcGIS's PNG (and MIXED where a tile is not opaque) writes PNG8 wherever
    # a tile has at most 256 colours, so those caches may hold palette tiles.
    assert "colour indices" in gdal_read_problem(custom(fmt=fmt), "3.6.2")
    assert gdal_read_problem(custom(fmt=fmt), "3.8.0") is None


def test_a_utm_scheme_in_feet_far_from_the_origin_reads():
    lods = tuple(LOD(i, scale / 1152, scale) for i, scale in enumerate([12500.0, 8000.0, 1200.0]))
    scheme = TilingScheme(SpatialReference(wkid=2230), -120039300.0, 136407000.0, 256, 256, 96,
                          lods, tile_format="JPEG", storage_format=V2)
    assert gdal_read_problem(scheme, "3.6.2") is None

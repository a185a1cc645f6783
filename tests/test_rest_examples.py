"""The REST pages' own examples (shared seeds: exportTiles of an image service,
importTiles), pasted verbatim into qgis_process with a local cache or package
standing in for the service.

Each example is the page's query string as it stands; only INPUT (the
service) and OUTPUT (where the job's result goes) are ours.
"""
import json
from urllib.parse import urlsplit

import pytest

from tile_package_tools.testkit.caches import read_tiles, write_cache, write_package
from tile_package_tools.testkit.schemes import web_mercator
from tile_package_tools.testkit.tiles import marked_tile
from tile_package_tools.tilecache.model import Extent, TileKey

# Slow: the REST examples, each through its own qgis_process; `make test-quick` leaves it out.
pytestmark = pytest.mark.slow

#: exportTiles (image service), "Example usage", verbatim.
EXPORT_EXAMPLES = {
    "one": "https://machine.domain.com/webadaptor/rest/services/World_Imagery/ImageServer/"
           "exportTiles?tilePackage=true&exportExtent=&optimizeTilesForSize=true"
           "&compressionQuality=90&exportBy=levelId&levels=0-7&areaOfInterest=&f=json",
    "two": "https://machine.domain.com/webadaptor/rest/services/World_Imagery/ImageServer/"
           "exportTiles?tilePackage=true&exportExtent=-13051380,4030276,-13037288,4041136"
           "&optimizeTilesForSize=true&compressionQuality=60&exportBy=levelId&levels=13-19"
           "&areaOfInterest=&f=json",
    "three": "https://machine.domain.com/webadaptor/rest/services/World_Imagery/ImageServer/"
             "exportTiles?tilePackage=true&exportExtent=&optimizeTilesForSize=true"
             "&compressionQuality=60&exportBy=levelId&levels=13-19&areaOfInterest="
             '{"features":[{"geometry":{"rings":[[[-100,35],[-100,45],[-90,45],[-90,35],'
             '[-100,35]]]}}]},"spatialReference":{"wkid":4326}}}]}&f=json',
}
#: importTiles, the two forms of "extent" the page gives, verbatim.
IMPORT_EXTENTS = {
    "numbers": "6224324.092137296,487347.5253569535,11473407.698535524,4239488.369818687",
    "json": '{"xmin":6224324.092137296,"ymin":487347.5253569535,"xmax":11473407.698535524,'
            '"ymax":4239488.369818687,"spatialReference":{"wkid":102100}}',
}
#: Example two's extent (around Redlands, Web Mercator metres).
REDLANDS = Extent(-13051380, 4030276, -13037288, 4041136)
#: The levels the stand-in World_Imagery holds: the world at 0-5, Redlands at 6-16.
WORLD_LEVELS, REDLANDS_LEVELS = range(0, 6), range(6, 17)


def query_arguments(url):
    """The query of ``url`` as qgis_process arguments, each ``name=value`` as written."""
    return urlsplit(url).query.split("&")


@pytest.fixture(scope="module")
def world_imagery(tmp_path_factory):
    """A cache standing in for World_Imagery: 20 LODs, tiles at 0-16 only."""
    scheme = web_mercator(tile_format="JPEG")
    tiles = {}
    for level in WORLD_LEVELS:
        for row in range(2 ** level):
            for col in range(2 ** level):
                tiles[TileKey(level, row, col)] = marked_tile(level, row, col)
    for level in REDLANDS_LEVELS:
        row0, row1, col0, col1 = scheme.tile_window(scheme.lod(level), REDLANDS)
        for row in range(row0, row1 + 1):
            for col in range(col0, col1 + 1):
                tiles[TileKey(level, row, col)] = marked_tile(level, row, col)
    return write_cache(tmp_path_factory.mktemp("service") / "World_Imagery", scheme, tiles), \
        scheme, tiles


def export_example(qgis_process, world_imagery, tmp_path, name):
    cache, _, _ = world_imagery
    output = tmp_path / "out.tpkx"
    done = qgis_process("--json", "run", "tilepackage:exporttiles", "--", f"INPUT={cache}",
                        *query_arguments(EXPORT_EXAMPLES[name]), f"OUTPUT={output}")
    return done, output


def test_example_one_exports_levels_0_to_7_of_the_whole_service(qgis_process, world_imagery,
                                                                 tmp_path):
    done, output = export_example(qgis_process, world_imagery, tmp_path, "one")
    assert done.returncode == 0, done.stderr
    _, _, tiles = world_imagery
    expected = {key for key in tiles if key.level <= 7}
    assert set(read_tiles(str(output))) == expected
    assert json.loads(done.stdout)["results"]["TILE_COUNT"] == len(expected)


def test_example_two_exports_the_bare_extent_in_rest_order(qgis_process, world_imagery,
                                                           tmp_path):
    done, output = export_example(qgis_process, world_imagery, tmp_path, "two")
    assert done.returncode == 0, done.stderr
    _, scheme, tiles = world_imagery
    expected = {key for key in tiles if 13 <= key.level <= 19}
    assert expected and set(read_tiles(str(output))) == expected


def test_example_three_as_printed_is_refused_naming_its_stray_text(qgis_process, world_imagery,
                                                                  tmp_path):
    # The page's JSON closes the FeatureSet early and repeats its closing
    # brackets: not JSON. Said in one line, where the JSON went wrong.
    done, output = export_example(qgis_process, world_imagery, tmp_path, "three")
    assert done.returncode != 0
    message = ("areaOfInterest: not valid Esri JSON: the JSON value ends at character 89 and "
               "is followed by ',\"spatialReference\":{\"wkid\":4326}}}]}'; a bracket "
               "closes too early")
    assert f"ERROR:\t{message}\n" in done.stderr or message in done.stderr, done.stderr
    assert done.stderr.count(message) == 1
    assert not output.exists()


def test_example_three_as_meant_exports_the_polygon(qgis_process, world_imagery, tmp_path):
    # The spatialReference moved into the geometry, where the page meant it:
    # levels 13-16 hold only Redlands tiles, which lie outside the polygon,
    # so nothing is exported; levels 0-5 hold the world, and the polygon's tiles go.
    meant = query_arguments(EXPORT_EXAMPLES["three"].replace(
        ']]]}}]},"spatialReference":{"wkid":4326}}}]}', ']]],"spatialReference":{"wkid":4326}}}]}'
    ).replace("levels=13-19", "levels=3"))
    cache, scheme, _ = world_imagery
    output = tmp_path / "out.tpkx"
    done = qgis_process("run", "tilepackage:exporttiles", "--", f"INPUT={cache}", *meant,
                        f"OUTPUT={output}")
    assert done.returncode == 0, done.stderr
    # -100..-90 E, 35..45 N at level 3: column 1, rows 2 and 3 (the 8 x 8 world).
    assert set(read_tiles(str(output))) == {TileKey(3, 2, 1), TileKey(3, 3, 1)}


@pytest.mark.parametrize("form", IMPORT_EXTENTS)
def test_import_example_extent_picks_the_bundles_it_touches(qgis_process, tmp_path, form):
    # Level 8 has 2 x 2 bundles; the page's extent (x 6.2e6..11.5e6 m,
    # y 0.5e6..4.2e6 m) lies in the north-east one only.
    scheme = web_mercator(tile_format="JPEG")
    package_tiles = {TileKey(8, row, col): marked_tile(8, row, col, tag="package")
                     for row in (100, 200) for col in (100, 200)}
    package = write_package(tmp_path / "p.tpkx", scheme, package_tiles)
    cache = write_cache(tmp_path / "cache", scheme, {TileKey(0, 0, 0): marked_tile(0, 0, 0)})
    done = qgis_process("run", "tilepackage:importtiles", "--", f"INPUT={cache}",
                        f"sourceItemId={package}", f"extent={IMPORT_EXTENTS[form]}", "f=json")
    assert done.returncode == 0, done.stderr
    assert set(read_tiles(str(cache))) == {TileKey(0, 0, 0), TileKey(8, 100, 200)}

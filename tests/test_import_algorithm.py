"""tilepackage:importtiles through processing.run and the real qgis_process."""
import json
import os
import re
import shutil

import pytest

from tile_package_tools.testkit.caches import read_tiles, write_cache, write_package
from tile_package_tools.testkit.samples import SAMPLE_TPK, SAMPLE_V2, copy_sample
from tile_package_tools.testkit.schemes import (EXPLODED_TEXT as EXPLODED_NAME, V1_TEXT as V1_NAME,
                                                V2, web_mercator)
from tile_package_tools.testkit.tiles import tiles_in
from tile_package_tools.testkit.trees import content_digest, temporaries, tree_digest
from tile_package_tools.tilecache.model import TileKey

AOI_JSON = ('{"features":[{"geometry":{"rings":[[[-100,35],[-100,45],[-90,45],[-90,35],'
            '[-100,35]]],"spatialReference":{"wkid":4326}}}]}')
RANGE_ERROR = 'Specified level id "25" is not within the min and max scale range.'
REST_KEYS = ["id", "name", "itemId", "status", "type", "jobId", "message"]


def failure(run, parameters, feedback=None):
    from qgis.core import QgsProcessingException
    with pytest.raises(QgsProcessingException) as caught:
        run("importtiles", parameters, feedback)
    message = str(caught.value)
    # processing.run puts this line before a failed parameter check.
    message = message.replace("Unable to execute algorithm\n", "", 1)
    assert "Traceback" not in message and "\n" not in message
    return message


@pytest.fixture
def sample_parts(run, tmp_path, repo_root):
    """The sample cache by the export tool: a cache lacking level 2, and level 2 as a package."""
    sample = str(SAMPLE_V2)

    def make(storage_name):
        cache = str(tmp_path / f"cache-{storage_name[-8:]}")
        # The cache keeps level 2 among its LODs (an export of levels 0-1
        # would drop it from the scheme); only its tiles go.
        run("exporttiles", {"INPUT": sample, "storageFormatType": storage_name,
                            "OUTPUT": cache})
        shutil.rmtree(os.path.join(cache, "_alllayers", "L02"))
        package = str(tmp_path / "level2.tpkx")
        if not os.path.exists(package):
            run("exporttiles", {"INPUT": sample, "levels": "2", "tilePackage": True,
                                "OUTPUT": package})
        return cache, package, read_tiles(sample)
    return make


def test_parameters_are_the_rest_names(run):
    from qgis.core import QgsApplication
    algorithm = QgsApplication.processingRegistry().algorithmById("tilepackage:importtiles")
    keys = [definition.name() for definition in algorithm.parameterDefinitions()]
    assert keys == ["INPUT", "sourceItemId", "extent", "levels", "mergeBundle", "replaceTiles",
                    "areaOfInterest", "f"]
    f = algorithm.parameterDefinition("f")
    assert f.defaultValue() == 0
    assert f.options() == ["JSON", "Indented JSON", "HTML report"]
    assert "REST values: json, pjson, html" in f.help()
    assert algorithm.parameterDefinition("mergeBundle").defaultValue() is True
    assert algorithm.parameterDefinition("replaceTiles").defaultValue() is True
    help_text = algorithm.shortHelpString()
    assert "areaOfInterest" in help_text and "intersect" in help_text


def test_sample_package_into_sample_cache(run, tmp_path, repo_root):
    from qgis.core import QgsProcessingFeedback

    class Recorder(QgsProcessingFeedback):
        def __init__(self):
            super().__init__()
            self.warnings = []

        def pushWarning(self, text):  # noqa: N802 - QGIS API name
            self.warnings.append(text)

    cache = str(copy_sample(tmp_path / "cache"))
    before = read_tiles(cache)
    feedback = Recorder()
    result = run("importtiles", {"INPUT": os.path.join(cache, "conf.xml"),
                                 "sourceItemId": str(SAMPLE_TPK), "f": "json"},
                 feedback)
    response = json.loads(result["RESPONSE"])
    assert list(response) == REST_KEYS
    assert response["status"] == "Success" and response["message"] == "success"
    assert response["itemId"] == "3A6CACD0-C6E5-47DE-97F9-0B5D567D8288"
    assert response["name"] == "cache" and re.fullmatch(r"[0-9a-f]{16}", response["id"])
    assert result["OUTPUT"] == cache and result["TILES_IMPORTED"] == 2
    assert read_tiles(cache) == {**before, **read_tiles(SAMPLE_TPK)}
    assert any("MIXED" in text for text in feedback.warnings)


@pytest.mark.parametrize("storage_name", [V1_NAME, EXPLODED_NAME])
def test_export_made_package_into_export_made_caches(run, sample_parts, storage_name):
    cache, package, everything = sample_parts(storage_name)
    assert {key.level for key in read_tiles(cache)} == {0, 1}
    result = run("importtiles", {"INPUT": cache, "sourceItemId": package, "f": "pjson"})
    assert read_tiles(cache) == everything
    assert "\n  " in result["RESPONSE"] and json.loads(result["RESPONSE"])["status"] == "Success"
    assert temporaries(cache) == []


def test_area_of_interest_json_is_tile_exact_and_extent_takes_bundles(run, sample_parts):
    cache, package, everything = sample_parts(V1_NAME)
    run("importtiles", {"INPUT": cache, "sourceItemId": package, "areaOfInterest": AOI_JSON})
    assert {key for key in read_tiles(cache) if key.level == 2} == {TileKey(2, 1, 0)}
    run("importtiles", {"INPUT": cache, "sourceItemId": package,
                        "extent": "-100,-90,35,45 [EPSG:4326]"})
    assert read_tiles(cache) == everything


def test_area_of_interest_polygon_layer(run, sample_parts):
    from qgis.core import QgsFeature, QgsGeometry, QgsVectorLayer
    cache, package, everything = sample_parts(EXPLODED_NAME)
    layer = QgsVectorLayer("Polygon?crs=EPSG:4326", "aoi", "memory")
    feature = QgsFeature()
    feature.setGeometry(QgsGeometry.fromWkt("POLYGON((10 10, 80 10, 80 60, 10 60, 10 10))"))
    layer.dataProvider().addFeatures([feature])
    result = run("importtiles", {"INPUT": cache, "sourceItemId": package,
                                 "areaOfInterest": layer})
    # 10..80 E, 10..60 N at level 2 (90 degree tiles): column 2, row 1 only.
    assert {key for key in read_tiles(cache) if key.level == 2} == {TileKey(2, 1, 2)}
    assert result["TILES_IMPORTED"] == 1


def test_rest_extent_forms(run, sample_parts):
    cache, package, everything = sample_parts(V1_NAME)
    far_away = '{"xmin":1,"ymin":1,"xmax":2,"ymax":2,"spatialReference":{"wkid":4326}}'
    # Level 2 is one bundle: any extent inside the world picks it whole.
    run("importtiles", {"INPUT": cache, "sourceItemId": package, "extent": far_away})
    assert read_tiles(cache) == everything
    cache, package, _ = sample_parts(EXPLODED_NAME)
    run("importtiles", {"INPUT": cache, "sourceItemId": package,
                        "extent": "6224324.09,487347.53,11473407.70,4239488.37"})
    assert read_tiles(cache) == everything


def test_level_range_error_is_the_rest_text_and_changes_nothing(run, tmp_path, repo_root):
    cache = str(copy_sample(tmp_path / "cache"))
    before = tree_digest(cache, folders=False)
    message = failure(run, {"INPUT": cache, "sourceItemId": str(SAMPLE_TPK),
                            "levels": "0,25"})
    assert message == RANGE_ERROR
    assert content_digest(cache) == before


def test_package_level_beyond_the_cache(run, tmp_path):
    cache = write_cache(str(tmp_path / "cache"), web_mercator(V2, lod_count=4),
                        tiles_in(1, [0], [0]))
    package = write_package(tmp_path / "deep.tpkx", web_mercator(lod_count=8),
                            tiles_in(6, [3], [3], "pkg"))
    before = tree_digest(cache, folders=False)
    message = failure(run, {"INPUT": cache, "sourceItemId": package})
    assert message == 'Specified level id "6" is not within the min and max scale range.'
    assert content_digest(cache) == before


def test_scheme_mismatch_is_one_line_and_changes_nothing(run, tmp_path):
    cache = write_cache(str(tmp_path / "cache"), web_mercator(V2, lod_count=6),
                        tiles_in(1, [0], [0]))
    package = write_package(tmp_path / "wide.tpkx", web_mercator(lod_count=6, tile_size=512),
                            tiles_in(1, [0], [0], "pkg"))
    before = tree_digest(cache, folders=False)
    message = failure(run, {"INPUT": cache, "sourceItemId": package})
    assert message == ("Tiling schemes do not match: the tile size is 512x512 in the package "
                       "but 256x256 in the cache.")
    assert content_digest(cache) == before


def test_cancelled_run_changes_nothing(run, tmp_path, repo_root):
    from qgis.core import QgsProcessingFeedback
    cache = str(copy_sample(tmp_path / "cache"))
    before = tree_digest(cache, folders=False)
    feedback = QgsProcessingFeedback()
    feedback.cancel()
    message = failure(run, {"INPUT": cache, "sourceItemId": str(SAMPLE_TPK)},
                      feedback)
    assert message == "Cancelled by the user; nothing was written."
    assert content_digest(cache) == before and temporaries(cache) == []


def test_parameter_checks(run, tmp_path, repo_root):
    cache = str(copy_sample(tmp_path / "cache"))
    missing = str(tmp_path / "nope.tpkx")
    assert failure(run, {"INPUT": cache, "sourceItemId": missing}).endswith(
        "nope.tpkx: no such file or folder")
    assert "the package is the cache itself" in failure(
        run, {"INPUT": cache, "sourceItemId": os.path.join(cache, "conf.xml")})
    assert failure(run, {"INPUT": cache, "sourceItemId": str(SAMPLE_TPK), "f": "xml"}) == \
        'f: "xml" is not one of json, pjson, html'
    assert "INPUT must be a tile cache folder" in failure(
        run, {"INPUT": str(SAMPLE_TPK), "sourceItemId": cache})


def test_json_is_the_default_response_and_html_a_report(run, tmp_path, repo_root):
    cache = str(copy_sample(tmp_path / "plain"))
    result = run("importtiles", {"INPUT": cache, "sourceItemId": str(SAMPLE_TPK)})
    assert list(json.loads(result["RESPONSE"])) == REST_KEYS
    cache = str(copy_sample(tmp_path / "cache<&>"))
    result = run("importtiles", {"INPUT": cache, "sourceItemId": str(SAMPLE_TPK),
                                 "f": "html"})
    assert result["RESPONSE"].lstrip().startswith("<!DOCTYPE html>")
    assert "Success" in result["RESPONSE"] and "cache&lt;&amp;&gt;" in result["RESPONSE"]
    with open(result["REPORT"], encoding="utf-8") as report:
        assert report.read() == result["RESPONSE"]


@pytest.mark.slow  # qgis_process
def test_qgis_process_success_and_failure(qgis_process, tmp_path, repo_root):
    cache = str(copy_sample(tmp_path / "cache"))
    package = str(SAMPLE_TPK)
    done = qgis_process("--json", "run", "tilepackage:importtiles", "--", f"INPUT={cache}",
                        f"sourceItemId={package}", "f=json", "replaceTiles=false")
    assert done.returncode == 0, done.stderr
    results = json.loads(done.stdout)["results"]
    assert json.loads(results["RESPONSE"])["status"] == "Success"
    assert results["TILES_SKIPPED"] == 2 and results["TILES_IMPORTED"] == 0
    before = tree_digest(cache, folders=False)
    failed = qgis_process("run", "tilepackage:importtiles", "--", f"INPUT={cache}",
                          f"sourceItemId={package}", "levels=25")
    assert failed.returncode != 0
    assert RANGE_ERROR in failed.stderr
    assert "Traceback" not in failed.stdout + failed.stderr
    assert tree_digest(cache, folders=False) == before


@pytest.mark.slow  # a qgis_process per word
@pytest.mark.parametrize("word, skipped", [("no", 2), ("OFF", 2), ("0", 2), ("yes", 0),
                                           ("True", 0)])
def test_replace_tiles_words_mean_what_they_say(qgis_process, tmp_path, word, skipped):
    # QGIS reads any other non-empty text as true: "no" replaced every tile.
    cache = str(copy_sample(tmp_path / "cache"))
    done = qgis_process("--json", "run", "tilepackage:importtiles", "--", f"INPUT={cache}",
                        f"sourceItemId={SAMPLE_TPK}", f"replaceTiles={word}")
    assert done.returncode == 0, done.stderr
    results = json.loads(done.stdout)["results"]
    assert (results["TILES_SKIPPED"], results["TILES_IMPORTED"]) == (skipped, 2 - skipped)


def test_a_word_that_is_not_a_boolean_is_refused(run, tmp_path):
    cache = str(copy_sample(tmp_path / "cache"))
    before = tree_digest(cache, folders=False)
    assert failure(run, {"INPUT": cache, "sourceItemId": str(SAMPLE_TPK),
                         "mergeBundle": "maybe"}) == (
        'mergeBundle: "maybe" is neither true nor false (true/false, yes/no, on/off, 1/0)')
    assert tree_digest(cache, folders=False) == before


def test_a_package_kept_inside_the_cache_folder_is_imported(run, tmp_path):
    cache = str(copy_sample(tmp_path / "cache"))
    inside = os.path.join(cache, "update.tpk")
    shutil.copyfile(SAMPLE_TPK, inside)
    before, package_before = read_tiles(cache), tree_digest(inside)
    result = run("importtiles", {"INPUT": cache, "sourceItemId": inside})
    assert result["TILES_IMPORTED"] == 2
    # The package's tiles are in the cache, byte for byte, and the package itself
    # (inside the cache folder, yet no part of the cache) is left as it was.
    assert read_tiles(cache) == {**before, **read_tiles(SAMPLE_TPK)} != before
    assert tree_digest(inside) == package_before


def test_a_package_as_input_beside_another_is_not_called_the_cache_itself(run, tmp_path):
    first, second = str(tmp_path / "a.tpk"), str(tmp_path / "b.tpk")
    shutil.copyfile(SAMPLE_TPK, first)
    shutil.copyfile(SAMPLE_TPK, second)
    assert "INPUT must be a tile cache folder" in failure(
        run, {"INPUT": first, "sourceItemId": second})


def test_gdal_reads_the_merged_v2_cache_like_the_original(run, sample_parts, repo_root):
    """GDAL's ESRIC driver, an independent reader of V2 bundles, sees the merged tiles."""
    from osgeo import gdal
    gdal.UseExceptions()
    cache, package, everything = sample_parts("esriMapCacheStorageModeCompactV2")
    run("importtiles", {"INPUT": cache, "sourceItemId": package})
    assert read_tiles(cache) == everything

    def level_2_pixels(folder):
        dataset = gdal.Open(os.path.join(folder, "conf.xml"))
        band = dataset.GetRasterBand(1)
        # Level 2 is 4 x 256 px wide: the full raster of the exported cache
        # (its finest LOD), an overview of the 20-LOD original.
        candidates = [band] + [band.GetOverview(i) for i in range(band.GetOverviewCount())]
        return [b for b in candidates if b.XSize == 1024][0].ReadAsArray()

    merged, original = level_2_pixels(cache), level_2_pixels(str(SAMPLE_V2))
    assert merged.std() > 0 and (merged == original).all()

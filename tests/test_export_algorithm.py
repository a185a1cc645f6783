"""tilepackage:exporttiles / estimateexporttilessize through processing.run and qgis_process."""
import json
import os
import re
import zipfile

import pytest

from tile_package_tools.testkit.caches import read_tiles
from tile_package_tools.testkit.samples import SAMPLE_TPK, SAMPLE_V2
from tile_package_tools.testkit.schemes import (EXPLODED_TEXT as EXPLODED, V1_TEXT as V1,
                                                V2_TEXT as V2)

V2_SAMPLE, TPK_SAMPLE = str(SAMPLE_V2), str(SAMPLE_TPK)
MIDDLE_OF_LEVEL_2 = {(2, 1, 1), (2, 1, 2), (2, 2, 1), (2, 2, 2)}
AOI_JSON = ('{"features":[{"geometry":{"rings":[[[-100,35],[-100,45],[-90,45],[-90,35],'
            '[-100,35]]],"spatialReference":{"wkid":4326}}}]}')


def processing_error(run, name, parameters):
    from qgis.core import QgsProcessingException
    with pytest.raises(QgsProcessingException) as caught:
        run(name, parameters)
    message = str(caught.value)
    assert "Traceback" not in message
    return message


def test_parameter_keys_are_the_rest_names(run):
    from qgis.core import QgsApplication
    registry = QgsApplication.processingRegistry()
    export = registry.algorithmById("tilepackage:exporttiles")
    keys = [definition.name() for definition in export.parameterDefinitions()]
    # Layers are rendered by createmaptilepackage, never here: no LAYERS, tilingScheme...
    assert keys == ["INPUT",
                    "storageFormatType", "tilePackage", "exportExtent",
                    "optimizeTilesForSize", "compressionQuality", "exportBy", "levels",
                    "areaOfInterest",
                    # reading an ArcGIS tiled service instead (service_input.py)
                    "token", "authcfg", "maxConcurrentRequests", "exportMethod",
                    "maxExportTilesCount",
                    # where bundles are produced (export_request.py)
                    "CLUSTER", "f", "OUTPUT"]
    # Readable option names; the help (tooltip) names the REST values, which stay accepted.
    for key, first in (("storageFormatType", "esriMapCacheStorageModeCompactV2"),
                       ("exportBy", "LevelID"), ("f", "json")):
        definition = export.parameterDefinition(key)
        assert not definition.usesStaticStrings() and definition.defaultValue() == 0
        assert first not in definition.options()[0]
        assert f"REST values: {first}," in definition.help()
    estimate = registry.algorithmById("tilepackage:estimateexporttilessize")
    assert "OUTPUT" not in [d.name() for d in estimate.parameterDefinitions()]
    assert {"TILE_COUNT", "TOTAL_SIZE", "JOB"} <= {o.name() for o in estimate.outputDefinitions()}


@pytest.mark.parametrize("storage,package,name", [
    (V2, False, "v2"), (V1, False, "v1"), (EXPLODED, False, "exploded"),
    (V2, True, "out.tpkx"), (V1, True, "out.tpk")])
@pytest.mark.parametrize("source", [V2_SAMPLE, os.path.join(V2_SAMPLE, "conf.xml"), TPK_SAMPLE],
                         ids=["folder", "conf.xml", "tpk"])
def test_every_input_and_output_kind(run, tmp_path, source, storage, package, name):
    output = str(tmp_path / name)
    result = run("exporttiles", {"INPUT": source, "storageFormatType": storage,
                                 "tilePackage": package, "OUTPUT": output})
    expected = read_tiles(source)
    assert result["OUTPUT"] == output and result["TILE_COUNT"] == len(expected)
    assert read_tiles(output) == expected
    job = json.loads(result["JOB"])
    assert re.fullmatch(r"j[0-9a-f]{32}", job["jobId"])
    assert job["jobStatus"] == "esriJobSucceeded"
    out = job["results"]["out_service_url"]
    assert out["paramUrl"] == "results/out_service_url" and out["value"] == output
    assert out["tileCount"] == len(expected) and out["totalSize"] > 0
    assert all(m["type"] == "esriJobMessageTypeInformative" for m in job["messages"])


def test_packages_made_by_the_tool_are_inputs_too(run, tmp_path):
    tpkx = str(tmp_path / "a.tpkx")
    run("exporttiles", {"INPUT": V2_SAMPLE, "tilePackage": True, "OUTPUT": tpkx})
    folder = str(tmp_path / "b")
    run("exporttiles", {"INPUT": tpkx, "storageFormatType": EXPLODED, "OUTPUT": folder})
    tpk = str(tmp_path / "c.tpk")
    run("exporttiles", {"INPUT": folder, "storageFormatType": 1, "tilePackage": True,
                        "OUTPUT": tpk})
    assert read_tiles(tpk) == read_tiles(V2_SAMPLE)


@pytest.mark.parametrize("storage,package,suffix", [(V2, False, ""), (EXPLODED, False, ""),
                                                    (V1, True, ".tpk"), (V2, True, ".tpkx")])
def test_temporary_output_is_named_after_the_output_kind(run, storage, package, suffix):
    from qgis.core import QgsProcessing
    result = run("exporttiles", {"INPUT": V2_SAMPLE, "storageFormatType": storage,
                                 "tilePackage": package, "levels": "0",
                                 "OUTPUT": QgsProcessing.TEMPORARY_OUTPUT})
    assert os.path.splitext(result["OUTPUT"])[1] == suffix
    assert read_tiles(result["OUTPUT"]) == {key: data for key, data
                                          in read_tiles(V2_SAMPLE).items() if key[0] == 0}


def test_response_forms(run, tmp_path):
    compact = run("exporttiles", {"INPUT": V2_SAMPLE, "OUTPUT": str(tmp_path / "a")})["JOB"]
    pretty = run("exporttiles", {"INPUT": V2_SAMPLE, "OUTPUT": str(tmp_path / "b"),
                                 "f": "pjson"})["JOB"]
    page = run("exporttiles", {"INPUT": V2_SAMPLE, "OUTPUT": str(tmp_path / "c<&>"),
                               "f": "html"})
    assert "\n" not in compact and json.loads(compact)["jobStatus"] == "esriJobSucceeded"
    assert "\n  " in pretty and json.loads(pretty)["jobStatus"] == "esriJobSucceeded"
    assert page["JOB"].lstrip().startswith("<!DOCTYPE html>")
    assert "esriJobSucceeded" in page["JOB"] and "c&lt;&amp;&gt;" in page["JOB"]
    with open(page["REPORT"], encoding="utf-8") as report:
        assert report.read() == page["JOB"]


def test_estimate(run):
    tiles = read_tiles(V2_SAMPLE)
    size = sum(len(data) for data in tiles.values())
    result = run("estimateexporttilessize", {"INPUT": V2_SAMPLE})
    assert (result["TILE_COUNT"], result["TOTAL_SIZE"]) == (21, size)
    assert json.loads(result["JOB"]) == {"totalTilesToExport": 21, "totalSize": size}
    html = run("estimateexporttilessize", {"INPUT": V2_SAMPLE, "f": "html"})["JOB"]
    assert "totalTilesToExport" in html and str(size) in html


@pytest.mark.parametrize("extent", [
    "-1113194.9,8905559.3,-1118890.0,8399737.9 [EPSG:3857]",
    "-10,80,-10,60 [EPSG:4326]",
    '{"xmin":-10,"ymin":-10,"xmax":80,"ymax":60,"spatialReference":{"wkid":4326}}',
    "-1113194.9,-1118890.0,8905559.3,8399737.9",
], ids=["qgis-3857", "qgis-4326", "rest-json", "rest-bare"])
def test_export_extent_forms(run, tmp_path, extent):
    output = str(tmp_path / "e")
    run("exporttiles", {"INPUT": V2_SAMPLE, "levels": "2", "exportExtent": extent,
                        "OUTPUT": output})
    assert set(read_tiles(output)) == MIDDLE_OF_LEVEL_2


def test_export_extent_as_referenced_rectangle(run, tmp_path):
    from qgis.core import QgsCoordinateReferenceSystem, QgsRectangle, QgsReferencedRectangle
    rect = QgsReferencedRectangle(QgsRectangle(-10, -10, 80, 60),
                                  QgsCoordinateReferenceSystem("EPSG:4326"))
    output = str(tmp_path / "r")
    run("exporttiles", {"INPUT": V2_SAMPLE, "levels": "2", "exportExtent": rect,
                        "OUTPUT": output})
    assert set(read_tiles(output)) == MIDDLE_OF_LEVEL_2


def test_area_of_interest_layer_and_json_agree(run, tmp_path):
    from qgis.core import QgsFeature, QgsGeometry, QgsVectorLayer
    layer = QgsVectorLayer("Polygon?crs=EPSG:4326", "aoi", "memory")
    feature = QgsFeature()
    feature.setGeometry(QgsGeometry.fromWkt(
        "POLYGON((-100 35,-100 45,-90 45,-90 35,-100 35))"))
    layer.dataProvider().addFeatures([feature])
    by_layer = run("exporttiles", {"INPUT": V2_SAMPLE, "areaOfInterest": layer,
                                   "exportExtent": "0,0,1,1", "OUTPUT": str(tmp_path / "l")})
    by_json = run("exporttiles", {"INPUT": V2_SAMPLE, "areaOfInterest": AOI_JSON,
                                  "OUTPUT": str(tmp_path / "j")})
    assert by_layer["TILE_COUNT"] == by_json["TILE_COUNT"] == 3
    assert set(read_tiles(by_layer["OUTPUT"])) == {(0, 0, 0), (1, 0, 0), (2, 1, 0)}


def test_area_of_interest_as_a_layer_file_path(run, tmp_path):
    path = tmp_path / "aoi.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": [{
        "type": "Feature", "properties": {}, "geometry": {"type": "Polygon", "coordinates": [
            [[-100, 35], [-90, 35], [-90, 45], [-100, 45], [-100, 35]]]}}]}))
    result = run("estimateexporttilessize", {"INPUT": V2_SAMPLE, "areaOfInterest": str(path)})
    # The three tiles the same polygon as Esri JSON selects (test above), by
    # their count and their bytes.
    tiles = read_tiles(V2_SAMPLE)
    assert result["TILE_COUNT"] == 3
    assert result["TOTAL_SIZE"] == sum(len(tiles[key]) for key in [(0, 0, 0), (1, 0, 0), (2, 1, 0)])


def test_optimize_and_export_by_rest_spelling(run, tmp_path):
    output = str(tmp_path / "q")
    run("exporttiles", {"INPUT": V2_SAMPLE, "optimizeTilesForSize": True,
                        "compressionQuality": 10, "exportBy": "levelId", "levels": "0-1",
                        "OUTPUT": output})
    source, result = read_tiles(V2_SAMPLE), read_tiles(output)
    assert set(result) == {key for key in source if key[0] <= 1}
    assert sum(map(len, result.values())) < sum(len(source[key]) for key in result)
    with open(os.path.join(output, "conf.xml"), encoding="utf-8") as conf:
        assert "<CompressionQuality>10</CompressionQuality>" in conf.read()


@pytest.mark.parametrize("parameters,expected", [
    ({"maxExportTilesCount": 20}, "21 tiles, more than maxExportTilesCount (20)"),
    ({"levels": "30"}, "level 30 is not in the cache; it has levels 0-19"),
    ({"exportBy": "Scale", "levels": "5"}, "scale 5 is not in the cache"),
    ({"tilePackage": True}, "must be named *.tpkx"),
    # "yes" is true: the folder-named OUTPUT is refused as for True.
    ({"tilePackage": "yes"}, "must be named *.tpkx"),
    ({"tilePackage": "maybe"}, 'tilePackage: "maybe" is neither true nor false'),
    ({"optimizeTilesForSize": "ja"}, 'optimizeTilesForSize: "ja" is neither true nor false'),
    ({"tilePackage": True, "storageFormatType": EXPLODED}, "esriMapCacheStorageModeExploded"),
    ({"compressionQuality": 150}, "compressionQuality"),
    ({"f": "xml"}, 'f: "xml" is not one of json, pjson, html'),
    ({"exportExtent": "1,2,3"}, "exportExtent"),
    # Read by QGIS as a layer name it cannot find; once "the extent is empty".
    ({"exportExtent": "garbage"}, 'exportExtent: "garbage" is not an extent (xmin,xmax,'),
    ({"areaOfInterest": '{"features": []}'}, "areaOfInterest"),
    ({"INPUT": "/nonexistent/cache"}, "/nonexistent/cache: no such file or folder"),
])
def test_failures_are_one_line_and_write_nothing(run, tmp_path, parameters, expected):
    values = {"INPUT": V2_SAMPLE, "OUTPUT": str(tmp_path / "out"), **parameters}
    message = processing_error(run, "exporttiles", values)
    assert expected in message
    assert os.listdir(tmp_path) == []


def test_tile_package_no_writes_a_cache_folder(run, tmp_path):
    # QGIS alone reads "no" as true, and wrote a package named like a folder.
    output = str(tmp_path / "folder")
    result = run("exporttiles", {"INPUT": V2_SAMPLE, "tilePackage": "no", "OUTPUT": output})
    # A cache folder holding the sample's tiles, not a zip; the result names it.
    assert result["OUTPUT"] == output and not zipfile.is_zipfile(output)
    assert sorted(os.listdir(output)) == ["_alllayers", "conf.cdi", "conf.properties",
                                          "conf.xml"]
    assert read_tiles(output) == read_tiles(V2_SAMPLE)


def test_cancel_after_first_bundle(run, tmp_path):
    from qgis.core import QgsProcessingFeedback

    class CancelAfterFirstBundle(QgsProcessingFeedback):
        written = 0

        def setProgressText(self, text):  # noqa: N802 - QGIS API name
            # The writer announces each bundle before writing it.
            if text.startswith("Level"):
                self.written += 1
                if self.written == 2:
                    self.cancel()
            super().setProgressText(text)

    from qgis.core import QgsProcessingException
    for name, package in (("c.tpkx", True), ("c", False)):
        with pytest.raises(QgsProcessingException, match="Cancelled"):
            run("exporttiles", {"INPUT": V2_SAMPLE, "tilePackage": package,
                                "OUTPUT": str(tmp_path / name)}, CancelAfterFirstBundle())
    assert os.listdir(tmp_path) == []


def _json_run(qgis_process, *arguments):
    done = qgis_process("--json", "run", *arguments)
    assert done.returncode == 0, done.stdout + done.stderr
    return json.loads(done.stdout)["results"]


@pytest.mark.slow  # qgis_process
def test_qgis_process_rest_example(qgis_process, tmp_path):
    output = str(tmp_path / "rest.tpkx")
    results = _json_run(qgis_process, "tilepackage:exporttiles", "--",
                        f"INPUT={V2_SAMPLE}", "tilePackage=true", "exportExtent=",
                        "optimizeTilesForSize=true", "compressionQuality=60",
                        "exportBy=levelId", "levels=0-7", f"areaOfInterest={AOI_JSON}",
                        "f=json", f"OUTPUT={output}")
    assert results["TILE_COUNT"] == 3 and results["OUTPUT"] == output
    assert json.loads(results["JOB"])["results"]["out_service_url"]["value"] == output
    assert set(read_tiles(output)) == {(0, 0, 0), (1, 0, 0), (2, 1, 0)}


@pytest.mark.slow  # qgis_process
def test_qgis_process_v1_package_and_folder_input(qgis_process, tmp_path):
    tpk = str(tmp_path / "again.tpk")
    results = _json_run(qgis_process, "tilepackage:exporttiles", "--", f"INPUT={TPK_SAMPLE}",
                        f"storageFormatType={V1}", "tilePackage=true", f"OUTPUT={tpk}")
    assert results["TILE_COUNT"] == 2 and read_tiles(tpk) == read_tiles(TPK_SAMPLE)
    estimate = _json_run(qgis_process, "tilepackage:estimateexporttilessize", "--",
                         f"INPUT={V2_SAMPLE}", "exportExtent=-10,80,-10,60 [EPSG:4326]",
                         "levels=2", "f=pjson")
    assert estimate["TILE_COUNT"] == 4
    assert json.loads(estimate["JOB"])["totalTilesToExport"] == 4


@pytest.mark.slow  # qgis_process
def test_qgis_process_failure_exits_non_zero_with_one_line(qgis_process, tmp_path):
    output = tmp_path / "x"
    done = qgis_process("run", "tilepackage:exporttiles", "--", f"INPUT={V2_SAMPLE}",
                        "maxExportTilesCount=5", f"OUTPUT={output}")
    assert done.returncode != 0
    assert "more than maxExportTilesCount (5)" in done.stdout + done.stderr
    assert "Traceback" not in done.stdout + done.stderr
    assert os.listdir(tmp_path) == []

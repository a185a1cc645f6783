"""The REST response bodies (tilecache.pipeline.rest_bodies), built from core results.

No QGIS here: the bodies are plain dicts, and the algorithms only format them.
"""
import json
import os
import re
from datetime import datetime

from tile_package_tools.tilecache.errors import (LevelRangeError, ParameterError,
                                                 SchemeMismatchError, TileLimitError)
from tile_package_tools.tilecache.pipeline import rest_bodies as rb
from tile_package_tools.tilecache.pipeline.export_plan import ExportPlan, PlannedBundle
from tile_package_tools.tilecache.pipeline.export import (ExportOptions, ExportResult,
                                                          estimate_export, export_tiles,
                                                          plan_export)
from tile_package_tools.tilecache.pipeline.importer import ImportResult
from tile_package_tools.tilecache.pipeline.opening import open_cache
from tile_package_tools.testkit.caches import read_tiles
from tile_package_tools.testkit.samples import SAMPLE_V2

V2_SAMPLE = str(SAMPLE_V2)
JOB_ID = "j" + "0123456789abcdef" * 2
FINISHED = datetime(2024, 5, 6, 7, 8, 9)
ITEM_ID = "3A6CACD0-C6E5-47DE-97F9-0B5D567D8288"
#: The contract's importTiles success keys, in order.
IMPORT_KEYS = ["id", "name", "itemId", "status", "type", "jobId", "message"]


def export_result(output="/out/roads.tpkx", tile_count=21, levels=(0, 1, 2)):
    return ExportResult(output=output, tile_count=tile_count, tile_bytes=1000,
                        levels=list(levels), full_extent=None, item=None)


def planned(tile_count, tile_bytes):
    return PlannedBundle(key=None, whole=True, tile_count=tile_count, tile_bytes=tile_bytes,
                         rows=(0, 0, 0, 0))


def test_export_job_body_is_the_rest_job_of_what_was_written(tmp_path):
    # A real export, and the body checked against the file on disk: the REST
    # job shape of docs (rest-contract: GP result with paramName, dataType,
    # value), the tile count and levels the package holds, its size in bytes.
    output = str(tmp_path / "roads.tpkx")
    result = export_tiles(V2_SAMPLE, output, ExportOptions(tile_package=True, levels="1-2"))
    size = rb.output_size(output)
    body = rb.export_job_body(result, JOB_ID, size, FINISHED, 1.2345)
    written = read_tiles(output)
    assert len(written) == 4 + 16 and size == os.path.getsize(output)
    assert list(body) == ["jobId", "jobStatus", "results", "messages"]
    assert (body["jobId"], body["jobStatus"]) == (JOB_ID, "esriJobSucceeded")
    assert body["results"] == {"out_service_url": {
        "paramUrl": "results/out_service_url", "paramName": "out_service_url",
        "dataType": "GPDataFile", "value": output,
        "tileCount": len(written),
        "totalSize": size,
        "levels": sorted({key.level for key in written}),
    }}
    assert [message["type"] for message in body["messages"]] == \
        ["esriJobMessageTypeInformative"] * 4
    assert [message["description"] for message in body["messages"]] == [
        "Submitted.", "Executing...",
        f"Exported 20 tiles of levels 1,2 ({size} bytes) to {output}",
        "Succeeded at 2024-05-06 07:08:09 (Elapsed Time: 1.23 seconds)"]


def test_export_job_body_is_deterministic_and_json():
    first = rb.export_job_body(export_result(), JOB_ID, 7, FINISHED, 0.0)
    again = rb.export_job_body(export_result(), JOB_ID, 7, FINISHED, 0.0)
    assert first == again
    assert json.loads(json.dumps(first)) == first
    assert first["messages"][3]["description"].endswith("(Elapsed Time: 0.00 seconds)")


def test_export_summary_is_the_third_message():
    result = export_result("C:/out/cache folder", 1, [5])
    body = rb.export_job_body(result, JOB_ID, 99, FINISHED, 3)
    assert rb.export_summary(result, 99) == body["messages"][2]["description"] == \
        "Exported 1 tiles of levels 5 (99 bytes) to C:/out/cache folder"


def test_estimate_body_sums_the_plan():
    plan = ExportPlan(lods=[], selection=None,
                      bundles=[planned(3, 300), planned(4, 1000)])
    body = rb.estimate_body(plan)
    assert body == {"totalTilesToExport": 7, "totalSize": 1300}
    assert list(body) == ["totalTilesToExport", "totalSize"]
    assert rb.estimate_body(ExportPlan(lods=[], selection=None)) == \
        {"totalTilesToExport": 0, "totalSize": 0}


def test_estimate_export_answers_the_rest_estimate_body():
    options = ExportOptions()
    with open_cache(V2_SAMPLE) as reader:
        expected = rb.estimate_body(plan_export(reader, options))
        size = sum(len(data) for _, data in reader.iter_tiles())
    assert estimate_export(V2_SAMPLE, options) == expected == \
        {"totalTilesToExport": 21, "totalSize": size}


def test_estimate_export_reports_progress_through_its_feedback():
    from tile_package_tools.tilecache.feedback import CallbackFeedback
    seen = []
    estimate_export(V2_SAMPLE, ExportOptions(levels="0"),
                    CallbackFeedback(progress=lambda fraction, message: seen.append(message)))
    assert seen and all(message.startswith("Reading the index") for message in seen)


def test_import_success_body_has_the_rest_keys_and_values():
    result = ImportResult(cache="/no/such/caches/roads/conf.xml", package="/p/a.tpkx",
                          item_id=ITEM_ID, tiles_imported=2)
    body = rb.import_success_body(result, JOB_ID, "/no/such/caches/roads/")
    assert body == {
        "id": "6425b4a6ff2b4a7e",
        "name": "roads",
        "itemId": ITEM_ID,
        "status": "Success",
        "type": "Map Service",
        "jobId": JOB_ID,
        "message": "success",
    }
    assert list(body) == IMPORT_KEYS


def test_service_id_is_stable_per_folder(tmp_path):
    folder = tmp_path / "cache"
    folder.mkdir()
    assert rb.service_id(str(folder)) == rb.service_id(str(folder) + os.sep)
    assert rb.service_id(str(folder)) != rb.service_id(str(tmp_path / "other"))
    assert re.fullmatch(r"[0-9a-f]{16}", rb.service_id(str(folder)))
    link = tmp_path / "link"
    link.symlink_to(folder)
    assert rb.service_id(str(link)) == rb.service_id(str(folder))


def test_level_range_error_body_is_rest_500():
    assert rb.error_body(LevelRangeError(19)) == {"error": {
        "code": 500,
        "message": "Specified level id \"19\" is not within the min and max scale range.",
        "details": None}}


def test_other_errors_are_400_with_their_one_line_text():
    assert rb.error_body(ParameterError("not a\n number", "levels")) == {"error": {
        "code": 400, "message": "levels: not a number", "details": None}}
    for exc in (TileLimitError(10, 5), SchemeMismatchError("tile size", 512, 256)):
        body = rb.error_body(exc)
        assert list(body) == ["error"] and list(body["error"]) == ["code", "message", "details"]
        assert body["error"]["code"] == 400 and body["error"]["message"] == str(exc)


def test_new_job_id_looks_like_rest_and_differs():
    ids = {rb.new_job_id() for _ in range(20)}
    assert len(ids) == 20 and all(re.fullmatch(r"j[0-9a-f]{32}", job) for job in ids)


def test_output_size_of_a_file_and_of_a_folder(tmp_path):
    package = tmp_path / "a.tpkx"
    package.write_bytes(b"x" * 10)
    folder = tmp_path / "cache"
    (folder / "_alllayers" / "L00").mkdir(parents=True)
    (folder / "conf.xml").write_bytes(b"y" * 3)
    (folder / "_alllayers" / "L00" / "R0000C0000.bundle").write_bytes(b"z" * 7)
    assert rb.output_size(str(package)) == 10
    assert rb.output_size(str(folder)) == 10

"""The client against a server answering in the documented shapes
(docs/arcgis-servers.md): the service lists LODs 0-23 while tiles exist at
0-5 (ArcGIS's own Usa.tpkx served), jobs end in an output directory, ArcGIS
Online's outputUrl, token-secured services, an ImageServer."""
import json
from dataclasses import replace

import pytest

from tile_package_tools.testkit.arcgis_server import ArcGisServer, ServiceOptions
from tile_package_tools.testkit.caches import read_tiles
from tile_package_tools.testkit.samples import SAMPLE_USA
from tile_package_tools.tilecache.feedback import CallbackFeedback
from tile_package_tools.tilecache.pipeline.export import ExportOptions
from tile_package_tools.tilecache.remote.client import RetryPolicy, ServiceClient, ServiceError
from tile_package_tools.tilecache.remote.export_service import (Connection, export_service,
                                                                open_service)
from tile_package_tools.tilecache.remote.http import urllib_fetch
from tile_package_tools.tilecache.remote.jobs import estimate_on_server, export_on_server
from tile_package_tools.tilecache.remote.service import read_service

NO_WAIT = RetryPolicy(sleep=lambda seconds: None)
PACKAGE = ExportOptions(tile_package=True)
USA_LEVELS = [0, 1, 2, 3, 4, 5]




@pytest.fixture(scope="module")
def usa_tiles():
    return read_tiles(str(SAMPLE_USA))


def client_of(server, token=None):
    return ServiceClient(urllib_fetch, server.url, token=token, policy=NO_WAIT)


def take_offline(server, method, options, output, token=None, link=None):
    """The service's tiles into ``output``: by its exportTiles job or fetched here."""
    if method == "server":
        client = client_of(server, token)
        return export_on_server(client, read_service(client), options, output)
    link = link or Connection(urllib_fetch, policy=NO_WAIT)
    return export_service(open_service(link, server.url, output), output, options)


def test_the_description_is_the_documented_example_adapted(tmp_path):
    with ArcGisServer(SAMPLE_USA) as server:
        doc = server.description
    # The reference's example, not our writer's output ...
    assert doc["cimVersion"] == "3.1.0" and doc["mapName"] == "Sample"
    assert doc["documentInfo"]["Title"] == "StreetMap USA.mxd"
    # ... describing the cache: every LOD of the scheme, tiles in a few.
    assert [lod["level"] for lod in doc["tileInfo"]["lods"]] == list(range(24))
    assert (doc["minLOD"], doc["maxLOD"]) == (0, 5)
    assert doc["minScale"] == doc["tileInfo"]["lods"][0]["scale"]
    assert doc["maxScale"] == doc["tileInfo"]["lods"][5]["scale"]


@pytest.mark.parametrize("fields, reason", [
    ("lod", "the service's minLOD 0 to maxLOD 5 (tileInfo lists 0-23)"),
    ("scale", "the LODs within the service's minScale 5.91658e+08 and maxScale "
              "1.84893e+07 (tileInfo lists 0-23)")])
def test_a_whole_service_export_takes_the_levels_holding_tiles(tmp_path, usa_tiles, fields,
                                                               reason):
    options = ServiceOptions(level_fields=fields)
    output = str(tmp_path / "usa.tpkx")
    lines = []
    log = CallbackFeedback(log=lines.append)
    with ArcGisServer(SAMPLE_USA, options=options) as server:
        source = open_service(Connection(urllib_fetch, policy=NO_WAIT), server.url, output)
        result = export_service(source, output, PACKAGE, log)
    assert sorted(result.levels) == USA_LEVELS
    assert read_tiles(output).keys() == usa_tiles.keys()
    assert f"levels 0-5: {reason}" in lines


def test_without_a_level_range_every_lod_is_named_as_the_reason():
    with ArcGisServer(SAMPLE_USA, options=ServiceOptions(level_fields="none")) as server:
        info = read_service(client_of(server))
    assert list(info.data_levels) == list(range(24))
    assert "neither minLOD/maxLOD nor minScale/maxScale" in info.levels_reason


def test_the_estimate_always_sends_levels(usa_tiles):
    lines = []
    log = CallbackFeedback(log=lines.append)
    with ArcGisServer(SAMPLE_USA) as server:
        answer = estimate_on_server(client_of(server), PACKAGE, log)
        sent = server.jobs.submitted[-1]
    assert sent["levels"] == "0-5" and sent["exportBy"] == "LevelID"
    assert answer["totalTilesToExport"] == len(usa_tiles)
    assert any(line.startswith("levels 0-5: ") for line in lines)


def test_a_server_refusing_a_request_without_levels_is_reported():
    # The server's own answer, an error body with HTTP 200, reaches the user.
    with ArcGisServer(SAMPLE_USA) as server:
        with pytest.raises(ServiceError, match="400 'levels' must be specified."):
            client_of(server).json("exportTiles", {"tilePackage": "true"}, method="POST")


@pytest.mark.parametrize("result", ["directory", "file", "outputUrl"])
def test_the_job_result_is_followed_as_servers_give_it(tmp_path, usa_tiles, result):
    output = str(tmp_path / "usa.tpkx")
    with ArcGisServer(SAMPLE_USA, options=ServiceOptions(result=result)) as server:
        client = client_of(server)
        export_on_server(client, read_service(client), PACKAGE, output)
        if result == "directory":
            assert server.counts["listing"] == 1
    assert read_tiles(output).keys() == usa_tiles.keys()


def test_a_job_output_without_a_package_names_the_directory(tmp_path):
    output = tmp_path / "usa.tpkx"
    with ArcGisServer(SAMPLE_USA, options=ServiceOptions(result="empty")) as server:
        client = client_of(server)
        with pytest.raises(ServiceError) as caught:
            export_on_server(client, read_service(client), PACKAGE, str(output))
        job_id = next(iter(server.jobs.jobs))
        directory = server.jobs.directory(job_id)
    assert str(caught.value) == (f"{directory}: the exportTiles job's output holds no .tpk "
                                 "or .tpkx (files: export.log)")
    assert not output.exists()


AREA = {"features": [{"geometry": {"rings": [[[-100, 35], [-100, 45], [-90, 45], [-90, 35],
                                              [-100, 35]]],
                                   "spatialReference": {"wkid": 4326}}}]}


@pytest.mark.parametrize("method", ["client", "server"])
def test_an_area_of_interest_limits_the_export(tmp_path, usa_tiles, method):
    from tile_package_tools.tilecache.params.geometry_input import parse_area_of_interest
    area, sr = parse_area_of_interest(json.dumps(AREA))
    options = replace(PACKAGE, levels="3", area_of_interest=area, area_sr=sr)
    output = str(tmp_path / "aoi.tpkx")
    with ArcGisServer(SAMPLE_USA) as server:
        take_offline(server, method, options, output)
    got = set(read_tiles(output))
    # -100..-90 E, 35..45 N at level 3 (8 x 8 world): column 1, rows 2 and 3.
    assert got == {key for key in usa_tiles if key.level == 3 and key.col == 1
                   and key.row in (2, 3)}
    assert got


@pytest.mark.parametrize("method", ["client", "server"])
def test_a_token_secured_service(tmp_path, usa_tiles, method):
    output = str(tmp_path / "usa.tpkx")
    with ArcGisServer(SAMPLE_USA, options=ServiceOptions(token="t0k")) as server:
        with pytest.raises(ServiceError, match="499 Token Required"):
            read_service(client_of(server))
        with pytest.raises(ServiceError, match="498 Invalid Token"):
            read_service(client_of(server, token="wrong"))
        take_offline(server, method, PACKAGE, output, token="t0k",
                     link=Connection(urllib_fetch, credentials=("crew", "s3cret"),
                                     policy=NO_WAIT))
    assert read_tiles(output).keys() == usa_tiles.keys()


@pytest.mark.parametrize("method", ["client", "server"])
def test_an_image_server(tmp_path, usa_tiles, method):
    output = str(tmp_path / "usa.tpkx")
    with ArcGisServer(SAMPLE_USA, options=ServiceOptions(kind="ImageServer")) as server:
        assert server.url.endswith("/ImageServer")
        take_offline(server, method, PACKAGE, output)
    assert read_tiles(output).keys() == usa_tiles.keys()


@pytest.mark.slow  # qgis_process
def test_qgis_process_takes_a_whole_image_server_offline_and_estimates_it(qgis_process,
                                                                          tmp_path, usa_tiles):
    # As a user types it: the URL, no levels; the service's job, then the estimate.
    with ArcGisServer(SAMPLE_USA, options=ServiceOptions(kind="ImageServer")) as server:
        done = qgis_process("run", "tilepackage:exporttiles", "--", f"INPUT={server.url}",
                            "tilePackage=true", f"OUTPUT={tmp_path / 'usa.tpkx'}")
        estimate = qgis_process("--json", "run", "tilepackage:estimateexporttilessize", "--",
                                f"INPUT={server.url}")
        assert server.counts["exportTiles"] == 1 and server.counts["listing"] == 1
    assert done.returncode == 0, done.stderr
    assert "levels 0-5: the service's minLOD 0 to maxLOD 5 (tileInfo lists 0-23)" in done.stdout
    assert read_tiles(tmp_path / "usa.tpkx").keys() == usa_tiles.keys()
    assert estimate.returncode == 0, estimate.stderr
    assert json.loads(estimate.stdout)["results"]["TILE_COUNT"] == len(usa_tiles)

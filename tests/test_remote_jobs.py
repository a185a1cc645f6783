"""The server builds the package: exportTiles / estimateExportTilesSize jobs on the
loopback server, followed and downloaded (with HTTP range resume) by the core."""
import os
from dataclasses import replace

import pytest

from tile_package_tools.testkit.arcgis_server import ArcGisServer, Faults, ServiceOptions
from tile_package_tools.testkit.caches import read_tiles
from tile_package_tools.testkit.samples import SAMPLE_V2
from tile_package_tools.tilecache.errors import ParameterError, TileLimitError
from tile_package_tools.tilecache.pipeline.export import ExportOptions
from tile_package_tools.tilecache.remote.client import RetryPolicy, ServiceClient, ServiceError
from tile_package_tools.tilecache.remote.download import PARTIAL_SUFFIX, download
from tile_package_tools.tilecache.remote.http import urllib_fetch
from tile_package_tools.tilecache.remote.jobs import estimate_on_server, export_on_server
from tile_package_tools.tilecache.remote.service import read_service

NO_WAIT = RetryPolicy(sleep=lambda seconds: None)
PACKAGE = ExportOptions(tile_package=True, levels="0-2")


def _client(server):
    return ServiceClient(urllib_fetch, server.url, policy=NO_WAIT)


@pytest.mark.parametrize("storage, name", [("esriMapCacheStorageModeCompactV2", "out.tpkx"),
                                           ("esriMapCacheStorageModeCompact", "out.tpk")])
def test_the_server_job_gives_exactly_the_source_tiles(tmp_path, storage, name):
    output = str(tmp_path / name)
    with ArcGisServer(SAMPLE_V2) as server:
        client = _client(server)
        options = ExportOptions(tile_package=True, levels="0-2", storage_format=storage)
        result = export_on_server(client, read_service(client), options, output)
        assert server.counts["exportTiles"] == 1 and server.counts["tile"] == 0
    assert result.tile_count == 21 and result.output == output
    assert read_tiles(output) == read_tiles(SAMPLE_V2)
    assert os.listdir(tmp_path) == [name]


def test_a_download_cut_short_resumes_with_a_range(tmp_path):
    with ArcGisServer(SAMPLE_V2, Faults(drop_rate=0.5, seed=3)) as server:
        client = _client(server)
        export_on_server(client, read_service(client), PACKAGE, str(tmp_path / "o.tpkx"))
        assert server.counts["range"] >= 1 and server.counts["fault"] >= 1
    assert read_tiles(tmp_path / "o.tpkx") == read_tiles(SAMPLE_V2)


def test_a_partial_download_left_by_a_stopped_run_is_completed(tmp_path):
    with ArcGisServer(SAMPLE_V2) as server:
        client = _client(server)
        export_on_server(client, read_service(client), PACKAGE, str(tmp_path / "whole.tpkx"))
        job_id = next(iter(server.jobs.jobs))
        url = f"{server.jobs.directory(job_id)}/Layers.tpkx"
        data = (tmp_path / "whole.tpkx").read_bytes()
        target = tmp_path / "again.tpkx"
        (tmp_path / ("again.tpkx" + PARTIAL_SUFFIX)).write_bytes(data[:len(data) // 3])
        before = server.counts["range"]
        download(client, url, str(target))
        assert server.counts["range"] - before == 1
    assert target.read_bytes() == data


def test_a_failed_job_reports_the_server_messages(tmp_path):
    with ArcGisServer(SAMPLE_V2, options=ServiceOptions(fail_jobs=True)) as server:
        client = _client(server)
        with pytest.raises(ServiceError, match="the exportTiles job failed: ERROR 001117"):
            export_on_server(client, read_service(client), PACKAGE, str(tmp_path / "o.tpkx"))
    assert not (tmp_path / "o.tpkx").exists()


def test_the_job_makes_packages_only_and_needs_export_allowed(tmp_path):
    with ArcGisServer(SAMPLE_V2, options=ServiceOptions(export_allowed=False)) as server:
        client = _client(server)
        info = read_service(client)
        with pytest.raises(ServiceError, match="exportTilesAllowed is false"):
            export_on_server(client, info, PACKAGE, str(tmp_path / "o.tpkx"))
        with pytest.raises(ParameterError, match="exportMethod client"):
            export_on_server(client, replace(info, export_tiles_allowed=True),
                             ExportOptions(levels="0-2"), str(tmp_path / "folder"))


def test_the_estimate_is_the_servers(tmp_path):
    with ArcGisServer(SAMPLE_V2) as server:
        answer = estimate_on_server(_client(server), PACKAGE)
        assert server.counts["estimateExportTilesSize"] == 1
    assert answer["totalTilesToExport"] == 21 and answer["totalSize"] > 0


def test_a_download_comes_in_pieces_of_bounded_size(tmp_path, monkeypatch):
    from tile_package_tools.tilecache.remote import download as download_module
    monkeypatch.setattr(download_module, "PIECE", 64 * 1024)
    with ArcGisServer(SAMPLE_V2, Faults(drop_rate=0.2)) as server:
        client = _client(server)
        export_on_server(client, read_service(client), PACKAGE, str(tmp_path / "o.tpkx"))
        size = (tmp_path / "o.tpkx").stat().st_size
        assert server.counts["range"] >= size // (64 * 1024)
    assert read_tiles(tmp_path / "o.tpkx") == read_tiles(SAMPLE_V2)



@pytest.mark.parametrize("limits", [dict(parameter=20), dict(service=20)])
def test_the_tile_limit_is_checked_before_the_job_is_submitted(tmp_path, limits):
    """maxExportTilesCount is the service's property, not an exportTiles parameter,
    so the parameter is checked here, as is the service's own limit."""
    options = ServiceOptions(max_export_tiles=limits.get("service", 100000))
    with ArcGisServer(SAMPLE_V2, options=options) as server:
        client = _client(server)
        with pytest.raises(TileLimitError, match="21 tiles, more than maxExportTilesCount"):
            export_on_server(client, read_service(client),
                             replace(PACKAGE, max_tiles=limits.get("parameter", 0)),
                             str(tmp_path / "o.tpkx"))
        assert server.counts["exportTiles"] == 0
    assert os.listdir(tmp_path) == []


def test_a_job_within_the_limit_runs_and_its_request_has_no_limit(tmp_path):
    with ArcGisServer(SAMPLE_V2, options=ServiceOptions(max_export_tiles=21)) as server:
        client = _client(server)
        export_on_server(client, read_service(client), replace(PACKAGE, max_tiles=21),
                         str(tmp_path / "o.tpkx"))
        assert server.counts["exportTiles"] == 1
        assert "maxExportTilesCount" not in server.jobs.submitted[0]
        assert server.jobs.submitted[0]["levels"] == "0-2"
    assert read_tiles(tmp_path / "o.tpkx") == read_tiles(SAMPLE_V2)

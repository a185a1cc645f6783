"""The core's service client and fetch export, against the loopback ArcGIS server
(testkit/arcgis_server.py) through the urllib fetch: no QGIS."""
import pytest

from tile_package_tools.testkit.arcgis_server import ArcGisServer, Faults, ServiceOptions
from tile_package_tools.testkit.caches import make_v2_cache, read_tiles
from tile_package_tools.testkit.samples import SAMPLE_V2
from tile_package_tools.testkit.schemes import WORLD_EXTENT
from tile_package_tools.testkit.tiles import marked_tile
from tile_package_tools.tilecache.errors import CancelledError, TileCacheError, TileLimitError
from tile_package_tools.tilecache.feedback import CallbackFeedback
from tile_package_tools.tilecache.pipeline.export import ExportOptions, export_tiles
from tile_package_tools.tilecache.remote.client import RetryPolicy, ServiceClient, ServiceError
from tile_package_tools.tilecache.remote.export_service import (Connection, export_service,
                                                                open_service)
from tile_package_tools.tilecache.remote.http import Request, Response, urllib_fetch
from tile_package_tools.tilecache.remote.service import read_service, service_url

NO_WAIT = dict(policy=RetryPolicy(sleep=lambda seconds: None))
#: An extent cutting through the sample's level 2 tiles (Web Mercator metres).
PART = "-5000000,-5000000,9000000,7000000"


def _export(server, output, connection=None, **options):
    options.setdefault("levels", "0-2")
    connection = connection or Connection(urllib_fetch, **NO_WAIT)
    source = open_service(connection, server.url, str(output))
    return export_service(source, str(output), ExportOptions(**options))


def _extent(text):
    from tile_package_tools.tilecache.model import Extent
    from tile_package_tools.tilecache.scheme.spatial_reference import SpatialReference
    return dict(extent=Extent(*map(float, text.split(","))), extent_sr=SpatialReference(3857))


@pytest.mark.parametrize("kind", [dict(tile_package=True), dict(tile_package=False),
                                  dict(tile_package=True, storage_format="esriMapCacheStorageModeCompact")])
def test_every_output_kind_holds_exactly_the_service_tiles(tmp_path, kind):
    output = tmp_path / ("out.tpkx" if kind.get("tile_package") else "out")
    if kind.get("storage_format"):
        output = tmp_path / "out.tpk"
    with ArcGisServer(SAMPLE_V2) as server:
        result = _export(server, output, **kind)
    assert result.tile_count == 21
    assert read_tiles(output) == read_tiles(SAMPLE_V2)
    assert not (tmp_path / (output.name + ".fetch-journal")).exists()


def test_an_extent_gives_the_tiles_a_cache_export_gives(tmp_path):
    with ArcGisServer(SAMPLE_V2) as server:
        _export(server, tmp_path / "remote", **_extent(PART))
    export_tiles(str(SAMPLE_V2), str(tmp_path / "local"),
                 ExportOptions(levels="0-2", **_extent(PART)))
    remote = read_tiles(tmp_path / "remote")
    assert remote == read_tiles(tmp_path / "local")
    assert 0 < len(remote) < 21


def test_transient_faults_and_cut_bodies_leave_the_result_exact(tmp_path):
    faults = Faults(error_rate=0.1, drop_rate=0.05)
    with ArcGisServer(SAMPLE_V2, faults) as server:
        _export(server, tmp_path / "out")
        assert server.counts["fault"] > 0
    assert read_tiles(tmp_path / "out") == read_tiles(SAMPLE_V2)


def test_holes_are_skipped_by_the_tilemap_and_missing_tiles_counted(tmp_path):
    cache = tmp_path / "holes"
    make_v2_cache(cache, {3: (0, 3, 0, 3)}, tile_bytes=lambda z, r, c: None if r == c else
                  marked_tile(z, r, c))
    with ArcGisServer(cache) as server:
        _export(server, tmp_path / "out", levels="3")
        assert server.counts["tile"] == 12 and server.counts["tilemap"] == 1
    with ArcGisServer(cache, options=ServiceOptions(tilemap=False)) as server:
        source = open_service(Connection(urllib_fetch, **NO_WAIT), server.url,
                              str(tmp_path / "out2"))
        export_service(source, str(tmp_path / "out2"), ExportOptions(levels="3"))
        assert source.missing == 64 - 12 and server.counts["tile"] == 64
    assert read_tiles(tmp_path / "out") == read_tiles(tmp_path / "out2") == read_tiles(cache)


def two_rows_of_level_9(tmp_path):
    """A cache of the top two rows of level 9 (four bundles), each tile naming its address."""
    cache = tmp_path / "four"
    top = WORLD_EXTENT.ymax
    make_v2_cache(cache, {9: (0, 1, 0, 511)}, tile_bytes=marked_tile,
                  full_extent=WORLD_EXTENT._replace(ymin=top - 2 * WORLD_EXTENT.width / 512))
    return cache


def test_a_stopped_fetch_resumes_without_asking_again(tmp_path):
    cache = two_rows_of_level_9(tmp_path)
    output = tmp_path / "out"
    with ArcGisServer(cache) as server:
        source = open_service(Connection(urllib_fetch, **NO_WAIT), server.url, str(output))
        calls = []

        def stop_after_two_bundles(key, slots=None, feedback=None):
            if len(calls) == 2:
                raise KeyboardInterrupt
            calls.append(key)
            return type(source).fetch(source, key, slots, feedback)
        source.fetch = stop_after_two_bundles
        with pytest.raises(KeyboardInterrupt):
            export_service(source, str(output), ExportOptions(levels="9"))
        assert server.counts["tile"] == 512 and not output.exists()
        _export(server, output, levels="9")
        assert server.counts["tile"] == 1024
    assert read_tiles(output) == read_tiles(cache)


def test_a_bundle_cut_short_keeps_the_tiles_it_had(tmp_path):
    cache = two_rows_of_level_9(tmp_path)
    output = tmp_path / "out"
    with ArcGisServer(cache) as server:
        source = open_service(Connection(urllib_fetch, concurrency=4, **NO_WAIT), server.url,
                              str(output))
        tile = source.client.tile

        def dies_after_300(level, row, col):
            if server.counts["tile"] >= 300:
                raise KeyboardInterrupt
            return tile(level, row, col)
        source.client.tile = dies_after_300
        with pytest.raises(KeyboardInterrupt):
            export_service(source, str(output), ExportOptions(levels="9"))
        first = server.counts["tile"]
        _export(server, output, levels="9")
        # Only the answers waiting in the queue when it stopped (4 x 4) are asked again.
        assert server.counts["tile"] - first <= 1024 - first + 16
    assert read_tiles(output) == read_tiles(cache)


def test_a_fetch_lists_slots_bundle_by_bundle_and_a_cancel_says_what_it_kept(tmp_path):
    # Levels 9-15 of the two rows: about 500 bundles, up to 16,384 slots each. Slots
    # are listed as each bundle is fetched, not for the whole plan ahead.
    cache = two_rows_of_level_9(tmp_path)
    output = tmp_path / "out"
    with ArcGisServer(cache, options=ServiceOptions(max_export_tiles=0)) as server:
        source = open_service(Connection(urllib_fetch, **NO_WAIT), server.url, str(output))
        listed, fetched = [], []
        slots = source.slots

        def counted_slots(key, selection):
            listed.append(key)
            assert len(listed) <= 8, f"the slots of {len(listed)} bundles listed ahead"
            return slots(key, selection)

        def fetch(key, slots, feedback):
            type(source).fetch(source, key, slots, feedback)
            fetched.append(key)
        source.slots, source.fetch = counted_slots, fetch
        with pytest.raises(CancelledError) as caught:
            export_service(source, str(output), ExportOptions(levels="9-15", max_tiles=0),
                           CallbackFeedback(is_cancelled=lambda: len(fetched) >= 2))
    assert len(listed) == 3 and len(fetched) == 2
    journal = f"{output}.fetch-journal"
    assert str(caught.value) == (
        "Cancelled by the user; the output was not written. The 2 bundles fetched so far "
        f"are kept in {journal}: the same command run again fetches only the rest; delete "
        "that folder to discard them.")


def test_the_service_limit_applies_as_well_as_the_parameter(tmp_path):
    with ArcGisServer(SAMPLE_V2, options=ServiceOptions(max_export_tiles=20)) as server:
        with pytest.raises(TileLimitError, match="20"):
            _export(server, tmp_path / "out")
        assert server.counts["tile"] == 0


def test_a_service_that_does_not_allow_export_is_refused(tmp_path):
    with ArcGisServer(SAMPLE_V2, options=ServiceOptions(export_allowed=False)) as server:
        with pytest.raises(ServiceError, match="exportTilesAllowed is false") as caught:
            _export(server, tmp_path / "out")
        assert server.url in str(caught.value)


def test_token_required_invalid_and_given(tmp_path):
    options = ServiceOptions(token="abc")
    with ArcGisServer(SAMPLE_V2, options=options) as server:
        with pytest.raises(ServiceError, match="499 Token Required"):
            _export(server, tmp_path / "a")
        with pytest.raises(ServiceError, match="498 Invalid Token"):
            _export(server, tmp_path / "b", Connection(urllib_fetch, token="nope", **NO_WAIT))
        _export(server, tmp_path / "c", Connection(urllib_fetch, token="abc", **NO_WAIT))
        _export(server, tmp_path / "d", Connection(urllib_fetch, credentials=("crew", "s3cret"),
                                                   **NO_WAIT))
        with pytest.raises(ServiceError, match="Invalid username or password"):
            _export(server, tmp_path / "e", Connection(urllib_fetch, credentials=("crew", "x"),
                                                       **NO_WAIT))
    assert read_tiles(tmp_path / "c") == read_tiles(tmp_path / "d") == read_tiles(SAMPLE_V2)


def _answering(status, body, kind="application/json"):
    def fetch(request):
        return Response(status, {"Content-Type": kind}, iter([body]))
    return fetch


@pytest.mark.parametrize("status, body, message", [
    (200, b'{"currentVersion": 10.9, "layers": []}', "not a tiled service"),
    (200, b"<html>login</html>", "not an ArcGIS REST answer"),
    (200, b'{"error": {"code": 500, "message": "Boom", "details": ["disk"]}}',
     "500 Boom (disk)"),
    (200, b'[1, 2]', "not a JSON object"),
    (200, b'{"tileInfo": {"rows": "x"}}', "tiling scheme cannot be used"),
    (503, b"", "no answer after 6 attempts (HTTP 503)"),
    (404, b"", "HTTP 404"),
    (499, b"", "499 Token Required"),
])
def test_hostile_answers_are_one_line_naming_the_service(status, body, message):
    client = ServiceClient(_answering(status, body), "https://h/arcgis/rest/services/S/MapServer",
                           **NO_WAIT)
    with pytest.raises(TileCacheError, match="^https://h/arcgis/rest/services/S/MapServer: ") \
            as caught:
        read_service(client)
    assert message in str(caught.value) and "\n" not in str(caught.value)


def test_an_unreachable_host_is_named():
    client = ServiceClient(urllib_fetch, "http://127.0.0.1:9/arcgis/rest/services/S/MapServer",
                           policy=RetryPolicy(retries=1, sleep=lambda seconds: None))
    with pytest.raises(ServiceError, match="^http://127.0.0.1:9/.*no answer after 2 attempts"):
        read_service(client)


@pytest.mark.parametrize("text, url", [
    ("https://h/arcgis/rest/services/A/MapServer/", "https://h/arcgis/rest/services/A/MapServer"),
    ("https://h/a/rest/services/B/ImageServer?f=json", "https://h/a/rest/services/B/ImageServer"),
    ("https://tiles.arcgis.com/x/arcgis/rest/services/C/MapServer/tile/{z}/{y}/{x}",
     "https://tiles.arcgis.com/x/arcgis/rest/services/C/MapServer"),
])
def test_service_urls_are_normalised(text, url):
    assert service_url(text) == url


@pytest.mark.parametrize("text", ["ftp://h/MapServer", "https://h/arcgis/rest/services/A",
                                  "/data/MapServer"])
def test_other_urls_are_refused(text):
    with pytest.raises(TileCacheError, match="not the URL of an ArcGIS"):
        service_url(text)


def test_requests_carry_the_token_and_range():
    request = Request("GET", "https://h/x", {"f": "json", "token": "t"}, byte_range=(10, None))
    assert request.full_url() == "https://h/x?f=json&token=t"
    assert request.all_headers() == {"Range": "bytes=10-"}

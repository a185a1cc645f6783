"""A loopback ArcGIS REST tiled service over a cache, with injectable faults.

    with ArcGisServer(cache_path, faults=Faults(error_rate=0.1)) as server:
        server.url        # http://127.0.0.1:PORT/arcgis/rest/services/Sample/MapServer

Answers in the shapes docs/arcgis-servers.md traces to the ArcGIS REST API
reference and to real clients: the service description (``?f=json``, the
reference's Map Service example adapted to the cache, arcgis_service_json.py:
tileInfo lods 0-23 with tiles only in some, minLOD/maxLOD or
minScale/maxScale), ``tile/{level}/{row}/{col}`` (404 where there is no
tile), ``tilemap/{level}/{row}/{col}/{width}/{height}``, ``generateToken``,
the exportTiles / estimateExportTilesSize jobs (arcgis_jobs.py: results in an
output directory with a listing, or ArcGIS Online's outputUrl), and errors as
real servers send them: a JSON error body with HTTP 200 (499 "Token
Required", 498 "Invalid Token", 400 "'levels' must be specified."). A
MapServer or an ImageServer. Faults: transient 503s, slow answers,
connections dropped mid-body. Requests are counted by kind.
"""
import json
import random
import threading
import time
import urllib.parse
from collections import Counter
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from tile_package_tools.tilecache import open_cache
from .arcgis_jobs import OUTPUT_DIRECTORIES, Jobs, byte_range
from .arcgis_service_json import describe


@dataclass
class Faults:
    #: Share of tile answers that are a 503 instead.
    error_rate: float = 0.0
    #: Share of tile answers cut off after half of the body.
    drop_rate: float = 0.0
    #: Seconds added to every tile answer.
    delay: float = 0.0
    seed: int = 12


@dataclass
class ServiceOptions:
    name: str = "Sample"
    token: str = ""
    export_allowed: bool = True
    max_export_tiles: int = 100000
    tilemap: bool = True
    username: str = "crew"
    password: str = "s3cret"
    #: Jobs end esriJobFailed with an error message.
    fail_jobs: bool = False
    #: "MapServer" or "ImageServer".
    kind: str = "MapServer"
    #: How the description names the levels holding tiles: "lod" (minLOD/maxLOD
    #: and the scales), "scale" (minScale/maxScale only), "none".
    level_fields: str = "lod"
    #: Where a finished export job puts its package: "directory" (ArcGIS
    #: Server: out_service_url is the output directory), "file" (its value the
    #: file's URL), "outputUrl" (ArcGIS Online: the job's output.outputUrl),
    #: "empty" (a directory without a package).
    result: str = "directory"


class ArcGisServer:
    """A threaded HTTP server on 127.0.0.1 serving one cache as a MapServer."""

    def __init__(self, cache_path, faults=None, options=None, port=0):
        """``port``: 0 for any free one; a port a closed server had, to serve the
        same URL again with fresh counts."""
        self.faults = faults or Faults()
        self.cache_path = cache_path
        self.options = options or ServiceOptions()
        self.counts = Counter()
        #: monotonic() of the first and the last tile request, for rates.
        self.tile_span = None
        self._random = random.Random(self.faults.seed)
        self._lock = threading.Lock()
        with open_cache(str(cache_path)) as reader:
            self.scheme = reader.scheme
            self.tiles = {(k.level, k.row, k.col): data for k, data in reader.iter_tiles()}
            self.full_extent = reader.full_extent
        self.description = describe(self)
        self.jobs = Jobs(self)
        self._httpd = _Server(("127.0.0.1", port), _handler(self))
        self._thread = None

    @property
    def port(self):
        return self._httpd.server_address[1]

    @property
    def root(self):
        return f"http://127.0.0.1:{self.port}/arcgis"

    @property
    def url(self):
        return f"{self.root}/rest/services/{self.options.name}/{self.options.kind}"

    def __enter__(self):
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._httpd.shutdown()
        self._httpd.server_close()

    def roll(self, rate):
        with self._lock:
            return rate > 0 and self._random.random() < rate

    def count(self, kind):
        with self._lock:
            self.counts[kind] += 1
            if kind == "tile":
                now = time.monotonic()
                self.tile_span = (self.tile_span[0] if self.tile_span else now, now)


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    # Clients that do not keep connections alive open one per request: with
    # the default backlog of 5, 16 at once lose SYNs and wait a second each.
    request_queue_size = 128


def _handler(server):
    class Handler(_Handler):
        service = server
    return Handler


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    # Headers and body go out as two writes: with Nagle's algorithm on, a
    # keep-alive client waits out the delayed ACK (40 ms) on every answer.
    disable_nagle_algorithm = True
    service = None

    def log_message(self, *args):
        """Quiet: the tests count requests instead."""

    def do_GET(self):  # noqa: N802 - http.server's name
        parts = urllib.parse.urlsplit(self.path)
        self._answer(parts.path, dict(urllib.parse.parse_qsl(parts.query)))

    def do_POST(self):  # noqa: N802 - http.server's name
        length = int(self.headers.get("Content-Length") or 0)
        form = dict(urllib.parse.parse_qsl(self.rfile.read(length).decode("ascii")))
        parts = urllib.parse.urlsplit(self.path)
        self._answer(parts.path, {**dict(urllib.parse.parse_qsl(parts.query)), **form})

    def _answer(self, path, params):
        service = self.service
        base = urllib.parse.urlsplit(service.url).path
        if path.endswith("/tokens/generateToken"):
            return self._token(params)
        if path.endswith("/rest/info"):
            return self._json({"currentVersion": 10.91, "authInfo": {
                "isTokenBasedSecurity": bool(service.options.token),
                "tokenServicesUrl": service.root + "/tokens/generateToken"}})
        if f"/rest/directories/{OUTPUT_DIRECTORIES}/" in path:
            return self._output(path.split(f"/{OUTPUT_DIRECTORIES}/", 1)[1], params)
        if not path.startswith(base):
            return self._json({"error": {"code": 404, "message": "Service not found",
                                         "details": []}})
        if service.options.token and params.get("token") != service.options.token:
            service.count("refused")
            code, text = (498, "Invalid Token") if params.get("token") else \
                (499, "Token Required")
            return self._json({"error": {"code": code, "message": text, "details": []}})
        rest = path[len(base):].strip("/").split("/")
        if rest == [""]:
            service.count("service")
            return self._json(service.description)
        if rest[0] in ("exportTiles", "estimateExportTilesSize") and len(rest) == 1:
            service.count(rest[0])
            return self._json(service.jobs.submit(rest[0], params))
        if rest[0] in ("exportTiles", "estimateExportTilesSize") and rest[1:2] == ["jobs"]:
            rest = rest[1:]  # {service}/exportTiles/jobs/{id} is the same job
        if rest[0] == "jobs" and len(rest) == 2:
            service.count("job")
            return self._json(service.jobs.status(rest[1]))
        if rest[0] == "jobs" and rest[2:] == ["results", "out_service_url"]:
            return self._json(service.jobs.result(rest[1]))
        if rest[0] == "tile" and len(rest) == 4:
            return self._tile(*rest[1:])
        if rest[0] == "tilemap" and len(rest) == 6 and service.options.tilemap:
            return self._tilemap(*rest[1:])
        return self._json({"error": {"code": 400, "message": "Unable to complete operation.",
                                     "details": [f"Invalid URL {path}"]}})

    def _tile(self, level, row, col):
        service = self.service
        service.count("tile")
        if service.faults.delay:
            time.sleep(service.faults.delay)
        if service.roll(service.faults.error_rate):
            service.count("fault")
            return self._send(503, b"Service Unavailable", "text/plain")
        data = service.tiles.get((int(level), int(row), int(col)))
        if data is None:
            return self._send(404, b'{"error":{"code":404,"message":"Tile not found"}}',
                              "application/json")
        if service.roll(service.faults.drop_rate):
            service.count("fault")
            return self._send(200, data, "image/jpeg", cut=True)
        return self._send(200, data, "image/jpeg")

    def _output(self, rest, params):
        """A job's output directory (its ?f=json listing) or one of its files."""
        parts = rest.strip("/").split("/")
        if len(parts) == 1:
            if params.get("f") not in ("json", "pjson"):
                return self._send(200, b"<html>output directory</html>", "text/html")
            self.service.count("listing")
            return self._json(self.service.jobs.listing(parts[0]))
        return self._download(*parts[:2])

    def _download(self, job_id, name):
        service = self.service
        service.count("download")
        path = service.jobs.file(job_id, name)
        if path is None:
            return self._send(404, b"Not Found", "text/plain")
        with open(path, "rb") as stream:
            data = stream.read()
        wanted = byte_range(self.headers.get("Range"), len(data))
        cut = service.roll(service.faults.drop_rate)
        if cut:
            service.count("fault")
        if wanted is None:
            return self._send(200, data, "application/octet-stream", cut=cut)
        first, last = wanted
        service.count("range")
        self.send_response(206)
        self.send_header("Content-Range", f"bytes {first}-{last}/{len(data)}")
        self.send_header("Content-Type", "application/octet-stream")
        self.send_header("Content-Length", str(last - first + 1))
        self.end_headers()
        self.wfile.write(data[first:last + 1][:(last - first + 1) // 2 if cut else None])
        self.close_connection = cut

    def _tilemap(self, level, row, col, width, height):
        self.service.count("tilemap")
        level, row, col, width, height = map(int, (level, row, col, width, height))
        data = [1 if (level, row + i // width, col + i % width) in self.service.tiles else 0
                for i in range(width * height)]
        return self._json({"adjusted": False, "location": {"left": col, "top": row,
                                                           "width": width, "height": height},
                           "data": data})

    def _token(self, params):
        options = self.service.options
        self.service.count("generateToken")
        if (params.get("username"), params.get("password")) != (options.username,
                                                                options.password):
            return self._json({"error": {"code": 400, "message": "Unable to generate token.",
                                         "details": ["Invalid username or password."]}})
        return self._json({"token": options.token, "expires": int(time.time() * 1000) + 3600000,
                           "ssl": False})

    def _json(self, doc):
        self._send(200, json.dumps(doc).encode("utf-8"), "application/json")

    def _send(self, status, body, kind, cut=False):
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if cut:
            self.wfile.write(body[:len(body) // 2])
            self.wfile.flush()
            self.close_connection = True
            return
        self.wfile.write(body)

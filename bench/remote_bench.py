"""Tiles per second fetched from an ArcGIS tiled service at 1, 4 and 16 requests
at a time, the server adding 20 ms per tile (testkit/arcgis_server.py on the
loopback address).

Two clients: exporttiles through qgis_process (QGIS's network stack, the
plugin as users run it) and the core's urllib fetch in this process. The
rate is tiles over the time between the first and the last tile request the
server saw, so QGIS's start-up is not counted. Ideal: concurrency x 50 tiles/s.
"""
import os
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from common import BUILD, setup_paths  # noqa: E402

setup_paths()

from tile_package_tools.testkit.arcgis_server import ArcGisServer, Faults  # noqa: E402
from tile_package_tools.testkit.caches import make_v2_cache  # noqa: E402
from tile_package_tools.testkit.schemes import WORLD_EXTENT  # noqa: E402
from tile_package_tools.testkit.tiles import JPEG_MAGIC  # noqa: E402

REPO = BUILD.parent.parent
QGIS_PROCESS = str(REPO / "scripts" / "qgis-process")
DELAY = 0.020
CONCURRENCY = (1, 4, 16)
#: Tiles per run: level 9, rows 0-1, as many columns as a run needs to last a while.
COLUMNS = {1: 128, 4: 384, 16: 512}


def _cache(folder, columns):
    top = WORLD_EXTENT.ymax
    span = WORLD_EXTENT.width / 512
    make_v2_cache(folder, {9: (0, 1, 0, columns - 1)},
                  # Image tiles only pass an export (pipeline/tile_check.py).
                  tile_bytes=lambda z, r, c: JPEG_MAGIC + os.urandom(1996),
                  full_extent=WORLD_EXTENT._replace(ymin=top - 2 * span,
                                                    xmax=WORLD_EXTENT.xmin + columns * span))
    return 2 * columns


def _qgis(server, output, concurrency):
    done = subprocess.run([QGIS_PROCESS, "run", "tilepackage:exporttiles", "--",
                           f"INPUT={server.url}", "levels=9", "exportMethod=client",
                           f"maxConcurrentRequests={concurrency}", f"OUTPUT={output}"],
                          capture_output=True, text=True)
    if done.returncode:
        raise RuntimeError(done.stderr[-800:])


def _core(server, output, concurrency):
    from tile_package_tools.tilecache.pipeline.export import ExportOptions
    from tile_package_tools.tilecache.remote.export_service import (Connection,
                                                                    export_service,
                                                                    open_service)
    from tile_package_tools.tilecache.remote.http import urllib_fetch
    source = open_service(Connection(urllib_fetch, concurrency=concurrency), server.url, output)
    export_service(source, output, ExportOptions(levels="9"))


def measure(work):
    rows = []
    for concurrency in CONCURRENCY:
        cache = os.path.join(work, f"cache{concurrency}")
        tiles = _cache(cache, COLUMNS[concurrency])
        for name, run in (("qgis_process", _qgis), ("core urllib", _core)):
            with ArcGisServer(cache, Faults(delay=DELAY)) as server:
                run(server, os.path.join(work, f"out-{name[:4]}-{concurrency}"), concurrency)
                first, last = server.tile_span
            rows.append((name, concurrency, tiles, tiles / (last - first)))
            print(f"  {name} x{concurrency}: {rows[-1][3]:.0f} tiles/s "
                  f"(ideal {concurrency / DELAY:.0f})", flush=True)
    return rows


def main():
    BUILD.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=BUILD) as work:
        started = time.perf_counter()
        rows = measure(work)
    lines = ["| client | requests at a time | tiles | tiles/s | ideal |", "|---|---|---|---|---|"]
    lines += [f"| {name} | {n} | {tiles} | {rate:.0f} | {n / DELAY:.0f} |"
              for name, n, tiles, rate in rows]
    table = "\n".join(lines) + "\n"
    print(table)
    (BUILD / "remote.md").write_text("# Fetching from a tiled service (20 ms per tile)\n\n" +
                                     table + f"\n{time.perf_counter() - started:.0f} s\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())

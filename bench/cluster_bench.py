"""`make bench` part: exportTiles with threads on this machine vs a Dask LocalCluster.

What it measures, on a generated cache (64 bundles of level 10, 256 noise
JPEG tiles each, plus one bundle of level 3):

- the same re-encoding export (optimizeTilesForSize, quality 40) with the
  threads of one process and with ``local:1`` / ``local:2`` worker processes;
- the cost the cluster adds per bundle: a V2 -> V1 export of 400 one-tile
  bundles (almost no work per bundle), cluster minus one machine, per bundle;
- a LocalCluster's start and stop;
- rendering (cluster_render_bench.py): the world map with threads and with
  ``local:2``, and the cost per render job;
- a projected table for N machines: per-bundle work W (one worker's rate)
  against the client's serial cost per bundle O: time ~ bundles x max(W/N, O).
  N workers on this 2-core machine are not faster than 2, so the table is
  computed from the two measured costs, not run.

Run alone: ``.venv/bin/python bench/cluster_bench.py``; writes
build/bench/cluster.md.
"""
import os
import shutil
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from common import BUILD, setup_paths  # noqa: E402

setup_paths()

import cluster_render_bench  # noqa: E402

from tile_package_tools.testkit.caches import make_v2_cache  # noqa: E402
from tile_package_tools.testkit.tiles import noise_tile  # noqa: E402
from tile_package_tools.tilecache.distributed import (  # noqa: E402
    CacheRecipe, ClusterSpec, export_on_cluster)
from tile_package_tools.tilecache.pipeline.export import ExportOptions, export_tiles  # noqa: E402

REENCODE = dict(optimize_tiles_for_size=True, compression_quality=40, max_tiles=0)
TO_V1 = dict(storage_format="esriMapCacheStorageModeCompact", max_tiles=0)
#: Tile slots taken in level 10's first 1024 x 1024: every 8th row and column.
STRIDE = 8


def work_tile(level, row, col):
    if level == 10 and (row % STRIDE or col % STRIDE):
        return None
    return noise_tile(level, row, col)


def one_per_bundle(level, row, col):
    """Level 12: one tile in each bundle of a 20 x 20 block of bundles."""
    return noise_tile(level, row, col) if row % 128 == 0 and col % 128 == 0 else None


def timed(func):
    start = time.perf_counter()
    result = func()
    return time.perf_counter() - start, result


def cluster_run(spec, source, output, options):
    return export_on_cluster(CacheRecipe(source), output, ExportOptions(**options), spec)


def measure(work):
    import distributed
    heavy, light = os.path.join(work, "heavy"), os.path.join(work, "light")
    tiles, _ = make_v2_cache(heavy, {3: (0, 7, 0, 7), 10: (0, 1023, 0, 1023)}, work_tile)
    make_v2_cache(light, {12: (0, 20 * 128 - 1, 0, 20 * 128 - 1)}, one_per_bundle)
    out = lambda name: os.path.join(work, name)  # noqa: E731
    rows = {"tiles": tiles, "bundles": 65}
    rows["threads"], _ = timed(lambda: export_tiles(heavy, out("t"), ExportOptions(**REENCODE)))
    rows["light_local"], _ = timed(lambda: export_tiles(light, out("l"), ExportOptions(**TO_V1)))
    for workers in (1, 2):
        start, cluster = timed(lambda: distributed.LocalCluster(
            n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None,
            silence_logs=40))
        spec = ClusterSpec.parse(cluster.scheduler_address)
        cluster_run(spec, heavy, out(f"warm{workers}"), dict(levels="3", **REENCODE))
        rows[f"local{workers}"], _ = timed(
            lambda: cluster_run(spec, heavy, out(f"c{workers}"), REENCODE))
        rows[f"light{workers}"], _ = timed(
            lambda: cluster_run(spec, light, out(f"lc{workers}"), TO_V1))
        if workers == 2:
            with distributed.Client(cluster) as client:
                rows["tiny"] = cluster_render_bench.tiny_jobs(work, client)
        stop, _ = timed(cluster.close)
        rows[f"startstop{workers}"] = start + stop
    return rows


def table(rows):
    tiles, bundles = rows["tiles"], rows["bundles"]
    worker_per_bundle = rows["local1"] / bundles
    overhead = (rows["light2"] - rows["light_local"]) / 400
    client_per_bundle = rows["light2"] / 400
    lines = [
        f"Re-encoding export of {tiles:,} tiles in {bundles} bundles (quality 40), "
        f"{os.cpu_count()} cores:",
        "",
        "| run | seconds | tiles/s |",
        "| --- | ---: | ---: |",
    ]
    for name, key in (("this machine, threads", "threads"), ("local:1", "local1"),
                      ("local:2", "local2")):
        lines.append(f"| {name} | {rows[key]:.2f} | {tiles / rows[key]:,.0f} |")
    lines += [
        "",
        f"- LocalCluster start + stop: local:1 {rows['startstop1']:.1f} s, "
        f"local:2 {rows['startstop2']:.1f} s",
        f"- overhead per bundle (400 one-tile bundles V2 -> V1, local:2 minus one "
        f"machine): {overhead * 1000:.1f} ms; the client's serial cost per bundle "
        f"{client_per_bundle * 1000:.1f} ms",
        f"- one worker: {worker_per_bundle * 1000:.0f} ms per bundle of "
        f"{tiles // bundles} tiles ({tiles / rows['local1']:,.0f} tiles/s)",
        "",
        "Projected for N machines with one worker each (bundles x max(W/N, O), W = one "
        "worker's time per bundle, O = the client's serial cost per bundle):",
        "",
        "| workers | seconds for these bundles | tiles/s |",
        "| ---: | ---: | ---: |",
    ]
    for workers in (1, 2, 4, 8, 16, 32, 64):
        seconds = bundles * max(worker_per_bundle / workers, client_per_bundle)
        lines.append(f"| {workers} | {seconds:.2f} | {tiles / seconds:,.0f} |")
    return "\n".join(lines) + "\n"


def main():
    BUILD.mkdir(parents=True, exist_ok=True)
    work = tempfile.mkdtemp(prefix="cluster-", dir=BUILD)
    try:
        rows = measure(work)
        world = cluster_render_bench.world_map_runs(work)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    load = os.getloadavg()
    text = table(rows) + "\n" + "\n".join(cluster_render_bench.table(
        world, *rows["tiny"], rows["startstop2"])) + \
        f"\n\nLoad average at the end (1/5/15 min): {load[0]:.1f} / {load[1]:.1f} / " \
        f"{load[2]:.1f}\n"
    print(text)
    (BUILD / "cluster.md").write_text("# Cluster benchmark\n\n" + text)
    return 0


if __name__ == "__main__":
    sys.exit(main())

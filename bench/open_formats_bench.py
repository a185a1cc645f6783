""".tpk -> MBTiles against tpkutils' own converter, and a .tpkx -> MBTiles -> .tpkx round trip.

The bench cache is written as a Compact V1 .tpk (what tpkutils reads). Both
converters run as child processes on the same warm file, alternated, best of
three: ``tpk export mbtiles`` (tpkutils, in .venv-readers) and exporttiles' core
(``export_tiles`` to ``.mbtiles``). No tile may be lost: both outputs must hold
as many tiles as the package, the same bytes per zoom, and ours the package's
tiles at their addresses (rows flipped to TMS).

Run alone (``python bench/open_formats_bench.py``) it generates the bench cache
first; ``run_all.py`` hands it its own.
"""
import hashlib
import os
import resource
import sqlite3
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from common import BUILD, MIB, REPO, setup_paths, warm_up  # noqa: E402

setup_paths()

from measures import Row  # noqa: E402

TPKUTILS = REPO / ".venv-readers" / "bin" / "tpk"
#: Ours in a child process too, so both sides pay a Python start-up.
OURS = ("import runpy, sys; runpy.run_path(sys.argv[1])['ensure']();"
        "from tile_package_tools.tilecache.pipeline.export import ExportOptions, export_tiles;"
        "export_tiles(sys.argv[2], sys.argv[3], ExportOptions(max_tiles=0))")


def _ours(package, output):
    subprocess.run([sys.executable, "-c", OURS, str(REPO / "testkit" / "pkgroot.py"),
                    package, output], check=True)


def _theirs(package, output):
    subprocess.run([str(TPKUTILS), "export", "mbtiles", "--overwrite", package, output],
                   check=True, capture_output=True)


def _zoom_digests(mbtiles):
    """{zoom: sorted sha1 of its tiles}, and {(z, x, tile_row): sha1}."""
    per_zoom, addressed = {}, {}
    with sqlite3.connect(mbtiles) as db:
        for zoom, col, row, data in db.execute(
                "SELECT zoom_level, tile_column, tile_row, tile_data FROM tiles"):
            digest = hashlib.sha1(data).hexdigest()
            per_zoom.setdefault(zoom, []).append(digest)
            addressed[(zoom, col, row)] = digest
    db.close()
    return {zoom: sorted(values) for zoom, values in per_zoom.items()}, addressed


def _package_digests(package):
    from tile_package_tools.testkit.caches import read_tiles
    return {(key.level, key.col, (1 << key.level) - 1 - key.row): hashlib.sha1(data).hexdigest()
            for key, data in read_tiles(package).items()}


def _children_cpu():
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _alternated(first, second, rounds=3):
    """Best (wall, CPU) seconds of each of two child-process callables, run in turn: CPU
    time shows the work itself when other load on the machine stretches wall time."""
    times = ([], [])
    for _ in range(rounds):
        for index, func in enumerate((first, second)):
            start, cpu = time.perf_counter(), _children_cpu()
            func()
            times[index].append((time.perf_counter() - start, _children_cpu() - cpu))
    return tuple((min(t[0] for t in side), min(t[1] for t in side)) for side in times)


def measure_tpk_to_mbtiles(big, work):
    from tile_package_tools.tilecache.pipeline.export import ExportOptions, export_tiles
    package = os.path.join(work, "bench.tpk")
    export_tiles(str(big), package, ExportOptions(storage_format="esriMapCacheStorageModeCompact",
                                                  tile_package=True, max_tiles=0))
    warm_up([package])
    ours, theirs = os.path.join(work, "ours.mbtiles"), os.path.join(work, "theirs.mbtiles")
    if not TPKUTILS.exists():
        return [Row("(o) .tpk -> MBTiles", "-", "tpkutils missing (make setup)", None,
                    ">= 3x faster", None)]
    (ours_s, ours_cpu), (theirs_s, theirs_cpu) = _alternated(lambda: _ours(package, ours),
                                                             lambda: _theirs(package, theirs))
    expected = _package_digests(package)
    our_zooms, our_tiles = _zoom_digests(ours)
    their_zooms, their_tiles = _zoom_digests(theirs)
    lost = len(expected) - len(our_tiles)
    same = our_tiles == expected and our_zooms == their_zooms
    speedup = theirs_s / ours_s
    row = Row("(o) .tpk (V1) -> MBTiles, whole bench cache",
              f"{ours_s:.2f} s ({ours_cpu:.2f} s CPU), {len(our_tiles):,} tiles, "
              f"{os.path.getsize(ours) / MIB:,.0f} MiB, lost {lost}",
              f"tpkutils tpk export mbtiles: {theirs_s:.2f} s ({theirs_cpu:.2f} s CPU), "
              f"{len(their_tiles):,} tiles"
              f"{'' if our_zooms == their_zooms else ' (differ from ours)'}",
              speedup, ">= 3x faster, no tile lost", speedup >= 3 and lost == 0 and same)
    for path in (package, ours, theirs):
        os.remove(path)
    return [row]


def measure_round_trip(big, work):
    from tile_package_tools.testkit.caches import read_tiles
    from tile_package_tools.tilecache.pipeline.export import ExportOptions, export_tiles
    start_package = os.path.join(work, "start.tpkx")
    export_tiles(str(big), start_package, ExportOptions(tile_package=True, max_tiles=0))
    middle, back = os.path.join(work, "middle.mbtiles"), os.path.join(work, "back.tpkx")
    warm_up([start_package])
    start = time.perf_counter()
    there = export_tiles(start_package, middle, ExportOptions(max_tiles=0))
    to_mbtiles = time.perf_counter() - start
    start = time.perf_counter()
    export_tiles(middle, back, ExportOptions(tile_package=True, max_tiles=0))
    to_tpkx = time.perf_counter() - start
    identical = read_tiles(back) == read_tiles(start_package)
    row = Row("(p) .tpkx -> MBTiles -> .tpkx, whole bench cache",
              f"{to_mbtiles:.2f} s + {to_tpkx:.2f} s, {there.tile_count:,} tiles "
              f"({there.tile_count / (to_mbtiles + to_tpkx):,.0f} tiles/s)",
              "tiles byte-identical" if identical else "**tiles differ**",
              None, "identical tiles", identical)
    for path in (start_package, middle, back):
        os.remove(path)
    return [row]


def measure_open_formats(big, work):
    return measure_tpk_to_mbtiles(big, work) + measure_round_trip(big, work)


def main():
    from run_all import BIG_LEVELS
    from tile_package_tools.testkit.caches import make_v2_cache
    BUILD.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="open-formats-", dir=BUILD) as work:
        big = os.path.join(work, "big")
        make_v2_cache(big, BIG_LEVELS)
        for row in measure_open_formats(big, work):
            print(f"{row.name}: {row.ours} | {row.baseline} | "
                  f"{'-' if row.ratio is None else f'{row.ratio:.2f}x'} | goal {row.goal} | "
                  f"met {row.met}")


if __name__ == "__main__":
    main()

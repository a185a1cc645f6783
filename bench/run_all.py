"""`make bench`: how fast the core reads, exports, selects and imports tiles.

Generates a ~100k-tile / ~1 GB Compact V2 cache (and a 10x smaller one) in a
temporary folder under build/bench, runs each measurement against a baseline
in the same process, prints a table and writes it as Markdown to
build/bench/results.md. Files are warmed (read once) before timing, both for
our code and for the baseline; OS caches are not dropped (that needs root).
"""
import os
import shutil
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from common import BUILD, MIB, folder_bytes, machine_info, setup_paths  # noqa: E402

setup_paths()

import measures  # noqa: E402
import open_formats_bench  # noqa: E402
import render_bench  # noqa: E402
from tile_package_tools.testkit.caches import make_v2_cache, world_levels  # noqa: E402
from tile_package_tools.testkit.tiles import jpeg_with_comment, noise_jpegs  # noqa: E402

#: Whole-world levels 0-8 (levels 7 and 8 are five completely full bundles)
#: plus a 100 x 128 block of level 9: 100,181 tiles of ~9.4 KB.
BIG_LEVELS = {**world_levels(0, 8), 9: (128, 227, 256, 383)}
#: About a tenth of that: whole levels 0-6 and 40 rows of level 7.
SMALL_LEVELS = {**world_levels(0, 6), 7: (0, 39, 0, 127)}
#: The package to import: 100 x 100 level-8 tiles straddling four full bundles.
IMPORT_LEVELS = {8: (64, 163, 64, 163)}
AOI_LEVEL = 9


def imported_tile(level, row, col):
    payloads = noise_jpegs()
    return jpeg_with_comment(payloads[(row * 3 + col) % len(payloads)],
                                      f"imported L{level}R{row}C{col}")


def generate(work):
    big, small, source = (os.path.join(work, name) for name in ("big", "small", "import"))
    start = time.perf_counter()
    big_tiles, big_bytes = make_v2_cache(big, BIG_LEVELS)
    seconds = time.perf_counter() - start
    small_tiles, _ = make_v2_cache(small, SMALL_LEVELS)
    import_tiles, _ = make_v2_cache(source, IMPORT_LEVELS, imported_tile)
    from tile_package_tools.tilecache.pipeline.export import ExportOptions, export_tiles
    package = os.path.join(work, "import.tpkx")
    export_tiles(source, package, ExportOptions(tile_package=True, max_tiles=0))
    shutil.rmtree(source)
    print(f"generated {big_tiles:,} tiles / {big_bytes / MIB:,.0f} MiB of tiles "
          f"({folder_bytes(big) / MIB:,.0f} MiB on disk) in {seconds:.1f} s; "
          f"small cache {small_tiles:,} tiles; import package {import_tiles:,} tiles",
          flush=True)
    return big, small, package, big_tiles


def aoi_for_level(level):
    """A polygon inside the generated level-9 block (x 0..10.0e6, y 2.2e6..10.0e6)."""
    return measures.aoi_polygon(5.0e6, 6.1e6, 3.0e6)


def touched_bundles(levels):
    keys = set()
    for level, (row0, row1, col0, col1) in levels.items():
        for row in (row0, row1):
            for col in (col0, col1):
                keys.add(f"L{level:02d}/R{row - row % 128:04x}C{col - col % 128:04x}.bundle")
    return sorted(keys)


def format_table(rows, info, total_seconds):
    lines = ["| benchmark | ours | baseline | ratio | goal | met |",
             "|---|---|---|---|---|---|"]
    for row in rows:
        ratio = "-" if row.ratio is None else f"{row.ratio:.2f}x"
        met = "-" if row.met is None else ("yes" if row.met else "**no**")
        lines.append(f"| {row.name} | {row.ours} | {row.baseline} | {ratio} | {row.goal} | "
                     f"{met} |")
    machine = ", ".join(f"{key} {value}" for key, value in info.items())
    notes = [
        "",
        f"Machine: {machine}.",
        "",
        "Files are read once before each timing (both sides): OS caches are warm, not "
        "dropped (that needs root and is not portable). The read is the best of five "
        "interleaved runs of each side, with CPU time shown because wall time suffers "
        "from other load on the machine; exports are the best of two; the import "
        "changes the cache and runs once. The import baseline copies each touched bundle "
        "with fsync (the import commits durably too) and reads the package once. "
        f"Whole run: {total_seconds:.0f} s.",
    ]
    return "\n".join(lines + notes) + "\n"


def main():
    started = time.perf_counter()
    info = machine_info()
    BUILD.mkdir(parents=True, exist_ok=True)
    work = tempfile.mkdtemp(prefix="run-", dir=BUILD)
    rows = []
    try:
        big, small, package, big_tiles = generate(work)
        steps = [
            ("read", lambda: measures.measure_read(big, small, big_tiles)),
            ("export", lambda: measures.measure_export(big, work)[0]),
            ("aoi", lambda: measures.measure_aoi_export(big, work, AOI_LEVEL,
                                                        aoi_for_level(AOI_LEVEL))),
            ("count", measures.measure_selection_count),
            ("import", lambda: measures.measure_import(big, package,
                                                       touched_bundles(IMPORT_LEVELS), work)),
            ("render", lambda: render_bench.measure_render(work)),
            ("open formats", lambda: open_formats_bench.measure_open_formats(big, work)),
        ]
        for name, step in steps:
            print(f"running {name} ...", flush=True)
            new = step()
            for row in new:
                print(f"  {row.name}: {row.ours} | {row.baseline}", flush=True)
            rows.extend(new)
            for leftover in ("export.tpkx",):
                path = os.path.join(work, leftover)
                if os.path.exists(path):
                    os.remove(path)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    table = format_table(rows, info, time.perf_counter() - started)
    print()
    print(table)
    (BUILD / "results.md").write_text("# Benchmark results\n\n" + table)
    print(f"written to {BUILD / 'results.md'}")
    missed = [row.name for row in rows if row.met is False]
    if missed:
        print("goals missed: " + "; ".join(missed))
    # Threads against a Dask LocalCluster, and the cost per bundle (cluster.md).
    import cluster_bench
    cluster_bench.main()
    # Tiles/s fetched from an ArcGIS tiled service at 1, 4, 16 requests at a time.
    import remote_bench
    remote_bench.main()
    # A benchmark reports; it does not fail the build on a slow or busy machine.
    return 0


if __name__ == "__main__":
    sys.exit(main())

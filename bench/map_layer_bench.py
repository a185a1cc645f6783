"""The 1 GB cache as a .tpkx in the map (issue 21): open time, bytes written, and the
redraw time of a 1600 x 1000 canvas at every scale, cold and warm.

Run: ``QT_QPA_PLATFORM=offscreen PROJ_DATA=/usr/share/proj .venv/bin/python
bench/map_layer_bench.py``. Generates run_all's big cache (100,181 JPEG tiles,
levels 0-9), exports it to a .tpkx with the core, then in this process (a
headless QgsApplication) opens it as a ``tilepackage`` layer and draws it with
QgsMapRendererParallelJob, as the canvas does. Warm: the best of three redraws
after a first one.
"""
import os
import shutil
import tempfile
import time

from common import BUILD, MIB, best_of, folder_bytes, setup_paths
from run_all import BIG_LEVELS

setup_paths()

from tile_package_tools.testkit.caches import make_v2_cache  # noqa: E402
from tile_package_tools.testkit.schemes import LEVEL0_RESOLUTION, WORLD  # noqa: E402
from tile_package_tools.testkit.trees import tree_digest  # noqa: E402
from tile_package_tools.tilecache.pipeline.export import ExportOptions, export_tiles  # noqa: E402

SIZE = (1600, 1000)
GOAL_OPEN, GOAL_WARM = 1.0, 0.5
#: Map centre inside the level-9 block (rows 128-227, columns 256-383).
CENTRE = (-WORLD + 320 * 2 * WORLD / 512, WORLD - 178 * 2 * WORLD / 512)


def make_package(work):
    cache = os.path.join(work, "big")
    tiles, _ = make_v2_cache(cache, BIG_LEVELS)
    package = os.path.join(work, "big.tpkx")
    export_tiles(cache, package, ExportOptions(tile_package=True, max_tiles=0))
    shutil.rmtree(cache)
    return package, tiles


def draw(layer, resolution):
    from qgis.core import QgsMapRendererParallelJob, QgsMapSettings, QgsRectangle
    from qgis.PyQt.QtCore import QSize
    settings = QgsMapSettings()
    settings.setLayers([layer])
    settings.setDestinationCrs(layer.crs())
    settings.setOutputSize(QSize(*SIZE))
    half_w, half_h = SIZE[0] / 2 * resolution, SIZE[1] / 2 * resolution
    settings.setExtent(QgsRectangle(CENTRE[0] - half_w, CENTRE[1] - half_h,
                                    CENTRE[0] + half_w, CENTRE[1] + half_h))
    job = QgsMapRendererParallelJob(settings)
    job.start()
    job.waitForFinished()


def main():
    from qgis.core import QgsApplication
    app = QgsApplication([], False)
    app.initQgis()
    from tile_package_tools.qgis_support.maplayer.layers import tile_layer
    BUILD.mkdir(parents=True, exist_ok=True)
    work = tempfile.mkdtemp(prefix="maplayer-", dir=BUILD)
    try:
        started = time.perf_counter()
        package, tiles = make_package(work)
        print(f"{tiles:,} tiles, {os.path.getsize(package) / MIB:,.0f} MiB .tpkx made in "
              f"{time.perf_counter() - started:.0f} s", flush=True)
        before = tree_digest(work)
        opened = time.perf_counter()
        layer = tile_layer(package)
        open_seconds = time.perf_counter() - opened
        assert layer.isValid(), layer.dataProvider().error().message()
        print(f"open: {open_seconds:.3f} s (goal {GOAL_OPEN} s)", flush=True)
        rows = []
        for level in range(-1, 12):  # coarser than level 0 ... two steps past level 9
            resolution = LEVEL0_RESOLUTION / 2 ** level
            cold, _ = best_of(1, lambda: draw(layer, resolution))
            warm, _ = best_of(3, lambda: draw(layer, resolution))
            rows.append((level, cold, warm))
            print(f"  scale of level {level:>2}: cold {cold:.3f} s, warm {warm:.3f} s", flush=True)
        written = folder_bytes(work) - os.path.getsize(package)
        print(f"bytes written beside the package: {written}; folder unchanged: "
              f"{tree_digest(work) == before}")
        worst = max(warm for _, _, warm in rows)
        print(f"worst warm redraw {worst:.3f} s (goal {GOAL_WARM} s): "
              f"{'met' if worst < GOAL_WARM else 'MISSED'}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()

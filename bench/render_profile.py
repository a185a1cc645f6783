"""Where a metatile's time goes when the world map is rendered (levels 5 and 6).

    .venv/bin/python bench/render_profile.py

One process, one thread, metatile by metatile, each step timed on its own:
the QGIS map job without labels, the same with labels (the difference is
labelling), the QImage to RGBA array conversion (Python and numpy), cutting
and encoding the 64 tiles as PNG (Pillow), and what a whole bundle render
costs beyond that (journal, scheduling). Figures go to docs/benchmarks.md.
"""
import os
import runpy
import sys
import time

if __name__ == "__main__":
    runpy.run_path(os.path.join(os.path.dirname(os.path.realpath(__file__)), "..", "testkit",
                                "pkgroot.py"))["ensure"](__file__)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from qgis.core import (QgsApplication, QgsCoordinateReferenceSystem,  # noqa: E402
                       QgsMapRendererSequentialJob, QgsProcessingContext, QgsProject)

LEVELS = (5, 6)


def metatiles(level, size=8):
    """The 8 x 8 tile blocks of a whole Web Mercator level."""
    side = 2 ** level
    return [(row, min(row + size, side) - 1, col, min(col + size, side) - 1)
            for row in range(0, side, size) for col in range(0, side, size)]


def main():
    app = QgsApplication([], False)
    app.initQgis()
    from tile_package_tools.processing_provider.rendering import (QgisRenderer, map_settings,
                                                                   rgba_array)
    from tile_package_tools.testkit import world_map
    from tile_package_tools.tilecache.render.encoding import encode_tile
    from tile_package_tools.tilecache.render.metatiles import (BundleTask, block_request,
                                                               cut_block)
    from tile_package_tools.tilecache.render.schemes import arcgis_online_scheme
    context = QgsProcessingContext()
    context.setProject(QgsProject.instance())
    crs = QgsCoordinateReferenceSystem("EPSG:3857")
    scheme = arcgis_online_scheme("PNG")
    totals = dict.fromkeys(("map", "map_labels", "to_array", "encode"), 0.0)
    count = 0
    for labels in (False, True):
        layers = world_map.world_layers(labels=labels)
        renderer = QgisRenderer(map_settings(layers, crs, 96, True, (0, 0, 0, 0), context),
                                jobs=1)
        for level in LEVELS:
            lod = scheme.lod(level)
            task = BundleTask(level, 0, 0, scheme.origin_x, scheme.origin_y, lod.resolution,
                              256, 256, (), 128, "PNG", 75, (0, 0, 0, 0))
            for block in metatiles(level):
                job = QgsMapRendererSequentialJob(renderer._settings(*block_request(task, block)))
                started = time.perf_counter()
                job.start()
                job.waitForFinished()
                totals["map_labels" if labels else "map"] += time.perf_counter() - started
                if not labels:
                    continue
                count += 1
                started = time.perf_counter()
                image = rgba_array(job.renderedImage())
                totals["to_array"] += time.perf_counter() - started
                started = time.perf_counter()
                for _row, _col, pixels in cut_block(task, block, image):
                    encode_tile(pixels, "PNG")
                totals["encode"] += time.perf_counter() - started
    labelling = totals["map_labels"] - totals["map"]
    whole = totals["map_labels"] + totals["to_array"] + totals["encode"]
    print(f"{count} metatiles of 8 x 8 tiles (2304 px with the margin), levels {LEVELS}")
    for name, seconds in (("map rendering without labels", totals["map"]),
                          ("labelling (with minus without)", labelling),
                          ("QImage to RGBA array", totals["to_array"]),
                          ("cut and PNG encoding of 64 tiles", totals["encode"])):
        print(f"{name:34s} {seconds / count * 1000:7.1f} ms  {seconds / whole:5.1%}")
    app.exitQgis()


if __name__ == "__main__":
    sys.exit(main())

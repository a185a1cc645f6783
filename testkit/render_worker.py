"""A separate process rendering the fake map (testkit/fake_map.py), for the kill test.

    .venv/bin/python testkit/render_worker.py OUTPUT LEVELS SECONDS_PER_RENDER

It renders OUTPUT (a cache folder) at LEVELS with metatiles of 2 x 2 tiles,
each render slowed by SECONDS_PER_RENDER so the parent can kill it midway.
"""
import os
import runpy
import sys
import time

if __name__ == "__main__":  # run as a file: reach the package through build/pkgroot
    runpy.run_path(os.path.join(os.path.dirname(os.path.realpath(__file__)),
                                "pkgroot.py"))["ensure"](__file__)

from tile_package_tools.testkit.fake_map import FakeMap  # noqa: E402
from tile_package_tools.tilecache import Extent  # noqa: E402
from tile_package_tools.tilecache.pipeline.export_plan import ExportOptions  # noqa: E402
from tile_package_tools.tilecache.render.export_render import (  # noqa: E402
    export_rendered, rendered_source)
from tile_package_tools.tilecache.render.renderer import FunctionRenderer  # noqa: E402
from tile_package_tools.tilecache.render.schemes import arcgis_online_scheme  # noqa: E402
from tile_package_tools.tilecache.render.source import RenderSettings  # noqa: E402

#: The area the worker and the tests comparing with it render.
DATA = Extent(-1.4e7, -1.0e7, 1.4e7, 1.0e7)
SETTINGS = RenderSettings(metatile=2, margin=8)


def render(output, levels, fake, pause=0.0):
    """Render the fake map into ``output``; an ExportResult."""
    def slow(extent, width, height):
        time.sleep(pause)
        return fake.render(extent, width, height)
    source = rendered_source(arcgis_online_scheme().with_changes(full_extent=DATA), SETTINGS,
                             FunctionRenderer(slow), output)
    return export_rendered(source, output, ExportOptions(levels=levels))


if __name__ == "__main__":
    render(sys.argv[1], sys.argv[2], FakeMap(), float(sys.argv[3]))

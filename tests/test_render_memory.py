"""Rendering keeps memory flat as the job grows: four times the tiles, in four
times the bundles, peak at the same resident memory.

Each render runs in a child process (a peak is a high-water mark: one process
per measure), its peak taken from testkit/memory.py after a warm-up render, so
imports, the thread pool and Pillow's first allocations count in neither.
Tiles are JPEGs of random noise, about 40 KB each, so a render that kept its
tiles (or a bundle's worth of them) would show tens of MiB more on the big job.
"""
import json
import subprocess
import sys

import pytest

from tile_package_tools.testkit.pkgroot import PKGROOT
from tile_package_tools.testkit.workers import child_env

# Slow: peak memory of a long render in a child process; `make test-quick` leaves it out.
pytestmark = pytest.mark.slow

#: Level 8 windows (row_min, row_max, col_min, col_max): 256 tiles in one bundle,
#: and 1,024 tiles in the four bundles that meet at row 128, column 128.
SMALL = (120, 127, 96, 127)
BIG = (112, 143, 112, 143)

CHILD = r"""
import json, sys
sys.path.insert(0, sys.argv[1])
import numpy as np
from tile_package_tools.testkit.fake_map import window_extent
from tile_package_tools.testkit.memory import peak_kib, reset_peak
from tile_package_tools.tilecache.pipeline.export_plan import ExportOptions
from tile_package_tools.tilecache.render.export_render import export_rendered, rendered_source
from tile_package_tools.tilecache.render.renderer import FunctionRenderer
from tile_package_tools.tilecache.render.schemes import arcgis_online_scheme
from tile_package_tools.tilecache.render.source import RenderSettings

noise = np.random.default_rng(7)

def draw(extent, width, height):
    image = noise.integers(0, 256, (height, width, 4), dtype=np.uint8)
    image[..., 3] = 255
    return image

def render(window, output):
    scheme = arcgis_online_scheme()
    scheme = scheme.with_changes(full_extent=window_extent(scheme, 8, window))
    settings = RenderSettings(tile_format="JPEG", metatile=2, margin=0)
    source = rendered_source(scheme, settings, FunctionRenderer(draw), output)
    return export_rendered(source, output, ExportOptions(levels="8", tile_package=True,
                                                         max_tiles=0))

render((0, 3, 0, 3), sys.argv[2] + "/warm.tpkx")
reset_peak()
result = render(tuple(json.loads(sys.argv[3])), sys.argv[2] + "/job.tpkx")
print(json.dumps({"tiles": result.tile_count, "peak_kib": peak_kib()}))
"""


def peak(window, tmp_path):
    folder = tmp_path / "-".join(map(str, window))
    folder.mkdir()
    done = subprocess.run([sys.executable, "-c", CHILD, str(PKGROOT), str(folder),
                           json.dumps(window)], capture_output=True, text=True,
                          env=child_env(), timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_four_times_the_tiles_and_bundles_peak_at_the_same_memory(tmp_path):
    small, big = peak(SMALL, tmp_path), peak(BIG, tmp_path)
    assert (small["tiles"], big["tiles"]) == (256, 1024)
    grown_mib = (big["peak_kib"] - small["peak_kib"]) / 1024
    print(f"peak {small['peak_kib'] / 1024:.0f} MiB for 256 tiles, "
          f"{big['peak_kib'] / 1024:.0f} MiB for 1,024 tiles")
    # Keeping every tile (tried) peaked 30 MiB higher on the big job; flat is about +1 MiB.
    assert grown_mib < 12, (small, big)


#: A render of the whole world at every level (0-23, what empty levels mean),
#: under an address-space cap: the first run keeps the default tile limit and
#: must be refused before drawing; the second has no limit and is stopped after
#: a few seconds of drawing. Neither may list the bundles or slots of a level.
CAPPED = r"""
import json, resource, sys, time
sys.path.insert(0, sys.argv[1])
cap = int(sys.argv[3]) * 1024 * 1024
resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
import numpy as np
from tile_package_tools.testkit.memory import peak_kib, reset_peak
from tile_package_tools.tilecache.errors import CancelledError, TileLimitError
from tile_package_tools.tilecache.feedback import CallbackFeedback
from tile_package_tools.tilecache.pipeline.export_plan import ExportOptions
from tile_package_tools.tilecache.render.export_render import export_rendered, rendered_source
from tile_package_tools.tilecache.render.renderer import FunctionRenderer
from tile_package_tools.tilecache.render.schemes import arcgis_online_scheme
from tile_package_tools.tilecache.render.source import RenderSettings
from tile_package_tools.tilecache.model import Extent

drawn = []

def draw(extent, width, height):
    drawn.append(1)
    image = np.zeros((height, width, 4), np.uint8)
    image[::7, :, :] = 255  # a line every 7 px: no tile is blank
    return image

def render(output, max_tiles, seconds):
    world = Extent(-20037508.34, -20037508.34, 20037508.34, 20037508.34)
    scheme = arcgis_online_scheme().with_changes(full_extent=world)
    source = rendered_source(scheme, RenderSettings(metatile=4, margin=0),
                             FunctionRenderer(draw), output)
    started = time.monotonic()
    stop = CallbackFeedback(is_cancelled=lambda: time.monotonic() - started > seconds)
    try:
        export_rendered(source, output, ExportOptions(max_tiles=max_tiles), stop)
    except (TileLimitError, CancelledError) as exc:
        return type(exc).__name__, str(exc), time.monotonic() - started
    return "finished", "", time.monotonic() - started

reset_peak()
limited = render(sys.argv[2] + "/limited.tpkx", 100000, 60)
unlimited = render(sys.argv[2] + "/unlimited.tpkx", 0, float(sys.argv[4]))
print(json.dumps({"limited": limited, "unlimited": unlimited, "drawn": len(drawn),
                  "peak_kib": peak_kib()}))
"""


def test_every_level_of_the_world_is_refused_or_drawn_in_bounded_memory(tmp_path):
    done = subprocess.run([sys.executable, "-c", CAPPED, str(PKGROOT), str(tmp_path),
                           "1536", "8"], capture_output=True, text=True, env=child_env(),
                          timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    out = json.loads(done.stdout.strip().splitlines()[-1])
    kind, message, seconds = out["limited"]
    # Refused on counting, before the first metatile: levels 0-9 hold 349,525 slots.
    assert kind == "TileLimitError", out
    assert "at least" in message and seconds < 5, out
    # No limit: the run draws (levels 0, 1, ... one bundle at a time) until stopped.
    assert out["unlimited"][0] == "CancelledError", out
    assert out["drawn"] > 20, out
    print(f"peak {out['peak_kib'] / 1024:.0f} MiB")
    assert out["peak_kib"] < 400 * 1024, out

"""Web Mercator boxes placed on the globe without pyproj (scheme/crs_info.py).

The closed form must agree with PROJ's own EPSG:3857 -> 4326 transform of the
box (densified edges), and a Web Mercator package must export to MBTiles without
importing pyproj at all: its 0.3 s import was a tenth of the whole conversion.
"""
import subprocess
import sys
from pathlib import Path

import pyproj
import pytest

from tile_package_tools.tilecache.metadata.iteminfo import geographic_extent
from tile_package_tools.tilecache.scheme.crs_info import from_name, web_mercator_degrees
from tile_package_tools.tilecache.scheme.spatial_reference import SpatialReference

BOXES = [(-20037508.342789244, -20037508.342789244, 20037508.342789244, 20037508.342789244),
         (-13051380.0, 4030276.0, -13037288.0, 4041136.0), (1e5, -5e6, 3e6, 2e5)]


@pytest.mark.parametrize("box", BOXES)
def test_the_closed_form_agrees_with_proj(box):
    proj = pyproj.Transformer.from_crs(3857, 4326, always_xy=True).transform_bounds(
        *box, densify_pts=21)
    assert web_mercator_degrees(box) == pytest.approx(proj, abs=1e-9)
    for wkid in (102100, 3857):
        extent = geographic_extent(box, SpatialReference(wkid=wkid))
        assert tuple(extent) == pytest.approx(
            (max(proj[0], -180), max(proj[1], -90), min(proj[2], 180), min(proj[3], 90)),
            abs=1e-9)


@pytest.mark.parametrize("name", ["WGS_1984_Web_Mercator_Auxiliary_Sphere",
                                  "WGS 84 / Pseudo-Mercator"])
def test_web_mercator_names_resolve_as_proj_resolves_them(name):
    assert from_name(name).epsg == pyproj.CRS.from_user_input(name).to_epsg() == 3857


CHILD = """
import runpy, sys
runpy.run_path(sys.argv[1])["ensure"]()
from tile_package_tools.testkit.caches import make_v2_cache
from tile_package_tools.tilecache.pipeline.export import ExportOptions, export_tiles
make_v2_cache(sys.argv[2] + "/cache", {0: (0, 0, 0, 0), 1: (0, 1, 0, 1)})
export_tiles(sys.argv[2] + "/cache", sys.argv[2] + "/p.tpk", ExportOptions(
    storage_format="esriMapCacheStorageModeCompact", tile_package=True))
for name in [name for name in sys.modules if name.split(".")[0] == "pyproj"]:
    del sys.modules[name]
export_tiles(sys.argv[2] + "/p.tpk", sys.argv[2] + "/out.mbtiles", ExportOptions())
print("pyproj" in sys.modules)
"""


def test_a_web_mercator_package_exports_to_mbtiles_without_pyproj(tmp_path):
    root = Path(__file__).resolve().parents[1]
    run = subprocess.run([sys.executable, "-c", CHILD, str(root / "testkit" / "pkgroot.py"),
                          str(tmp_path)], capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "False"
    assert (tmp_path / "out.mbtiles").stat().st_size > 0

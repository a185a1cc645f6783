"""Caches and packages as map layers in the real QGIS desktop (Xvfb): every kind by
every route, drawn at five scales and compared pixel by pixel with the tiles,
transparent around the data, Zoom to layer, project save and reload, open time.

One QGIS run (testkit/desktop_scripts/map_layers.py) does it all; this file
builds the inputs and checks what the run reports.
"""
import io
import json
import os
import shutil

import numpy as np
import pytest
from PIL import Image

from tile_package_tools.testkit import desktop
from tile_package_tools.testkit.caches import make_v2_cache, read_tiles, world_levels, \
    write_cache, write_package
from tile_package_tools.testkit.map_reference import decode_all, matched_within_a_pixel, \
    reference
from tile_package_tools.testkit.schemes import EXPLODED, V1, V2, web_mercator
from tile_package_tools.testkit.trees import tree_digest
from tile_package_tools.testkit.utm_package import PARK, write_utm_package
from tile_package_tools.tilecache.model import TileKey
from tile_package_tools.tilecache.pipeline.export import ExportOptions, export_tiles

# Slow: the QGIS desktop started under Xvfb; `make test-quick` leaves it out.
pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(not shutil.which("xvfb-run"), reason="xvfb-run missing")]

#: Tiles only in the north-west: level 1 one tile, level 2 three (a gap at 1,1),
#: levels 3 and 4 small blocks. No level 0 tile: the rest of the world is empty.
BLOCKS = {1: [(0, 0)], 2: [(0, 0), (0, 1), (1, 0)],
          3: [(r, c) for r in (1, 2) for c in (1, 2, 3)],
          4: [(r, c) for r in (3, 4) for c in (3, 4, 5)]}
SIZE = (320, 200)
#: The level each scale must draw with: coarser than level 0, mid, mid, finest, two past.
CHOSEN = [1, 2, 3, 4, 4]


def noise_png(seed, size=256):
    pixels = np.random.default_rng(seed).integers(0, 256, (size // 8, size // 8, 3), np.uint8)
    image = Image.fromarray(pixels).resize((size, size), Image.NEAREST)
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def pattern_tiles(size=256):
    return {TileKey(level, r, c): noise_png(level * 100 + r * 10 + c, size)
            for level, cells in BLOCKS.items() for r, c in cells}


def scale_extents(scheme):
    """Five map extents (320 x 200 px) centred in the level-4 block."""
    centre_x = scheme.origin_x + 4.37 * scheme.tile_span(scheme.lod(4))[0]
    centre_y = scheme.origin_y - 3.61 * scheme.tile_span(scheme.lod(4))[1]
    resolutions = [scheme.lod(0).resolution * 2] + \
        [scheme.lod(level).resolution for level in (2, 3, 4)] + [scheme.lod(4).resolution / 4]
    return [[centre_x - SIZE[0] / 2 * res, centre_y - SIZE[1] / 2 * res,
             centre_x + SIZE[0] / 2 * res, centre_y + SIZE[1] / 2 * res] for res in resolutions]


def levels_from(chosen):
    """The chosen level, then the coarser ones holding tiles."""
    return [level for level in sorted(BLOCKS) if level <= chosen][::-1]


def build_inputs(tmp_path):
    kinds = {}
    for storage, name in ((V2, "cache_v2"), (V1, "cache_v1"), (EXPLODED, "cache_exploded")):
        kinds[name] = write_cache(str(tmp_path / name),
                                  web_mercator(storage, "PNG32", lod_count=6), pattern_tiles())
    scheme = web_mercator(V2, "PNG32", lod_count=6)
    kinds["tpkx"] = write_package(tmp_path / "tiles.tpkx", scheme, pattern_tiles())
    kinds["tpk"] = write_package(tmp_path / "tiles.tpk", scheme, pattern_tiles())
    big512 = write_cache(str(tmp_path / "cache512"),
                         web_mercator(V2, "PNG32", lod_count=3, tile_size=512, first=1),
                         {TileKey(0, 0, 0): noise_png(7, 512)})
    kinds["cache512_conf"] = os.path.join(big512, "conf.xml")
    return kinds, scheme


def big_package(tmp_path):
    """A ~14 MB .tpkx of 1,400 JPEG tiles (the 1 GB one is bench/map_layer_bench.py's)."""
    folder = str(tmp_path / "big_cache")
    make_v2_cache(folder, {**world_levels(0, 5), 6: (0, 15, 0, 23)})
    (tmp_path / "big").mkdir()
    package = str(tmp_path / "big" / "big.tpkx")
    export_tiles(folder, package, ExportOptions(tile_package=True, max_tiles=0))
    shutil.rmtree(folder)
    return package


def test_every_kind_by_every_route_drawn_right_zoomed_saved(tmp_path):
    kinds, scheme = build_inputs(tmp_path / "in")
    work = tmp_path / "work"
    work.mkdir()
    plan = {"kinds": kinds, "work": str(work), "out": str(tmp_path / "facts.json"),
            "scales": {"path": kinds["tpkx"], "extents": scale_extents(scheme), "size": SIZE},
            "utm": write_utm_package(tmp_path / "in" / "JoshuaTreeLike.tpk"),
            "big": big_package(tmp_path)}
    inputs_before = tree_digest(tmp_path / "in")
    (tmp_path / "plan.json").write_text(json.dumps(plan))
    script = (desktop.DESKTOP_SCRIPTS / "map_layers.py").read_text()
    facts = desktop.run_desktop(tmp_path, script, prelude=f"PLAN = {str(tmp_path / 'plan.json')!r}")
    assert "error" not in facts, facts.get("error")

    # Every kind, by drop, Browser, menu and the Data Source Manager: one valid
    # layer of the plugin's provider, named by its file or folder. Add Raster Layer hands nothing to
    # GDAL's ESRIC (skipped here) and QGIS lives on.
    assert {entry["route"] for entry in facts["routes"]} == {
        "drop", "browser", "menu", "data_source_manager", "add_raster_layer"}
    for entry in facts["routes"]:
        if entry["route"] == "add_raster_layer":
            assert all(layer["provider"] != "gdal" for layer in entry["layers"]), entry
            continue
        (layer,) = entry["layers"]
        expected = {"tpkx": "tiles", "tpk": "tiles", "cache512_conf": "cache512"}.get(
            entry["kind"], entry["kind"])
        assert (layer["provider"], layer["valid"], layer["name"]) == \
            ("tilepackage", True, expected), entry

    # Five scales, pixel by pixel against the tiles.
    # (QGIS may ask for one pixel more than the map and draw it unscaled: a pixel
    # of slack; tests/test_mapview_core.py checks the core's maps exactly.)
    decoded = decode_all(read_tiles(kinds["tpkx"]))
    for chosen, shot in zip(CHOSEN, facts["scales"]):
        drawn = np.asarray(Image.open(shot["image"]).convert("RGB"))
        expected = reference(scheme, decoded, levels_from(chosen), (shot["extent"], *SIZE))
        assert matched_within_a_pixel(drawn, expected) > 0.995, chosen
    coarse = np.asarray(Image.open(facts["scales"][0]["image"]).convert("RGB"))
    assert (coarse == 255).all(axis=-1).mean() > 0.3  # transparent around the data

    # Zoom to layer: the park block, not the continent-wide tiling grid.
    zoom = facts["zoom"]
    xmin, ymin, xmax, ymax = zoom["canvas"]
    assert zoom["crs"] == "EPSG:26911"
    assert xmin <= PARK.xmin and ymin <= PARK.ymin and xmax >= PARK.xmax and ymax >= PARK.ymax
    assert (xmax - xmin) * (ymax - ymin) < 4 * PARK.width * PARK.height

    # Saved and reloaded: the same layer, drawing the same pixels.
    (layer,) = facts["reload"]["layers"]
    assert (layer["provider"], layer["valid"], layer["source"]) == \
        ("tilepackage", True, kinds["tpkx"])
    assert facts["reload"]["same_image"]

    # The package opens at once and nothing is copied anywhere.
    big = facts["big"]
    assert big["added_seconds"] < 1.0, big
    assert big["drawn_seconds"] is not None and big["drawn_seconds"] < 5.0, big
    assert big["profile_bytes_added"] < 64 * 1024, big
    assert tree_digest(tmp_path / "in") == inputs_before

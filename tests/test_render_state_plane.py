"""Rendering into a State Plane scheme in US feet, far from its origin.

NAD83 California zone 6 (EPSG:2230) with the origin ArcGIS uses for it
(-120039300, 136407000 ft) and scales that are not powers of two: at 1:4000 the
rows around San Diego pass 65,536, so bundle names need five hex digits
(docs/formats.md, bundle names). A checkerboard of 300 ft squares in the layer
shows any tile placed off by a tile or by pixels. Where each tile must be is
computed here from the scheme's origin and the LOD's resolution alone; the
pixels are compared with one QGIS render of that footprint, and GDAL (3.6 in
QGIS, 3.10 in the readers' venv, each in a child process) must read the same.
"""
import io
import math
import os

import numpy as np
import pytest
from PIL import Image

from tile_package_tools.testkit.caches import read_tiles, write_cache
from tile_package_tools.testkit.tiles import marked_tile
from tile_package_tools.testkit.schemes import V2
from tile_package_tools.tilecache import (LOD, Extent, SpatialReference, TileKey,
                                          TilingScheme, open_cache)

from test_render_qgis import _gdal_agrees, differing, qgis_render

ORIGIN = (-120039300.0, 136407000.0)
#: US survey feet per inch: a scale's resolution is scale / (dpi * 12) ft per pixel.
SCALES = (12500.0, 8000.0, 4000.0)
LEVEL = 2
#: Downtown San Diego in zone 6, feet.
CENTRE = (6287000.0, 1840000.0)
SQUARE = 300.0
#: The rendered extent, 1,500 ft a side: two or three 889 ft tiles across at 1:4000.
HALF_SIDE = 750.0


def state_plane_scheme():
    lods = tuple(LOD(level, scale / (96 * 12), scale) for level, scale in enumerate(SCALES))
    return TilingScheme(SpatialReference(wkid=2230, latest_wkid=2230), ORIGIN[0], ORIGIN[1],
                        256, 256, 96, lods, tile_format="PNG32",
                        storage_format=V2)


def checkerboard_layer():
    """Red 300 ft squares on every other cell around CENTRE (a memory layer, no outline)."""
    from qgis.core import QgsFeature, QgsFillSymbol, QgsGeometry, QgsVectorLayer
    layer = QgsVectorLayer("Polygon?crs=EPSG:2230", "checks", "memory")
    features = []
    cells = int(2 * HALF_SIDE / SQUARE) + 4
    x0, y0 = CENTRE[0] - (cells // 2) * SQUARE, CENTRE[1] - (cells // 2) * SQUARE
    for i in range(cells):
        for j in range(cells):
            if (i + j) % 2:
                continue
            x, y = x0 + i * SQUARE, y0 + j * SQUARE
            feature = QgsFeature()
            feature.setGeometry(QgsGeometry.fromWkt(
                f"POLYGON(({x} {y},{x + SQUARE} {y},{x + SQUARE} {y + SQUARE},"
                f"{x} {y + SQUARE},{x} {y}))"))
            features.append(feature)
    assert layer.dataProvider().addFeatures(features)
    layer.setRenderer(layer.renderer().clone())
    layer.renderer().setSymbol(QgsFillSymbol.createSimple(
        {"color": "220,30,30,255", "outline_style": "no"}))
    return layer


def expected_keys(scheme, extent):
    """Tiles whose footprint overlaps ``extent``, from the origin and resolution alone."""
    span = scheme.tile_width * scheme.lod(LEVEL).resolution
    cols = range(math.floor((extent.xmin - ORIGIN[0]) / span),
                 math.ceil((extent.xmax - ORIGIN[0]) / span))
    rows = range(math.floor((ORIGIN[1] - extent.ymax) / span),
                 math.ceil((ORIGIN[1] - extent.ymin) / span))
    return {TileKey(LEVEL, row, col) for row in rows for col in cols}


@pytest.fixture(scope="module")
def rendered(tmp_path_factory, qgis_app, tilepackage_provider_module):
    import processing
    folder = tmp_path_factory.mktemp("stateplane")
    scheme = state_plane_scheme()
    cache = write_cache(str(folder / "scheme"), scheme, {TileKey(0, 0, 0): marked_tile(0, 0, 0)})
    extent = Extent(CENTRE[0] - HALF_SIDE, CENTRE[1] - HALF_SIDE,
                    CENTRE[0] + HALF_SIDE, CENTRE[1] + HALF_SIDE)
    # Rendered into that cache folder (merged in): a cache folder, which GDAL 3.6 reads.
    out = folder / "scheme"
    layer = checkerboard_layer()
    processing.run("tilepackage:createmaptilepackage", {
        "in_map": [layer], "service_type": "EXISTING",
        "service_file": os.path.join(cache, "conf.xml"), "min_level_of_detail": LEVEL,
        "level_of_detail": LEVEL, "format_type": "PNG32", "output_file": str(out),
        "extent": f"{extent.xmin},{extent.xmax},{extent.ymin},{extent.ymax} [EPSG:2230]"})
    return out, scheme, extent, layer


@pytest.fixture(scope="module")
def tilepackage_provider_module(qgis_app, qgis_processing):
    from qgis.core import QgsApplication

    from tile_package_tools.processing_provider.provider import TilePackageProvider
    registry = QgsApplication.processingRegistry()
    if registry.providerById("tilepackage") is None:
        assert registry.addProvider(TilePackageProvider())
    # The Python side of the provider (its algorithms) dies with its last Python
    # reference: later test files would find no algorithm (see conftest.py).
    _LIVE.append(registry.providerById("tilepackage"))
    return _LIVE[-1]


_LIVE = []


def test_tiles_are_where_the_origin_and_resolution_put_them(rendered):
    out, scheme, extent, _layer = rendered
    tiles = read_tiles(out, [LEVEL])
    assert set(tiles) == expected_keys(scheme, extent)
    with open_cache(str(out)) as reader:
        assert reader.scheme.spatial_reference.wkid == 2230
        assert (reader.scheme.origin_x, reader.scheme.origin_y) == ORIGIN
        assert [lod.scale for lod in reader.scheme.lods] == list(SCALES)


def test_bundle_names_have_five_hex_digits(rendered):
    out, _scheme, _extent, _layer = rendered
    rows = {key.row for key in read_tiles(out, [LEVEL])}
    assert min(rows) >= 0x10000
    names = sorted(os.listdir(out / "_alllayers" / f"L{LEVEL:02d}"))
    expected = sorted({f"R{row // 128 * 128:04x}C{key.col // 128 * 128:04x}.bundle"
                       for key in read_tiles(out, [LEVEL]) for row in [key.row]})
    assert names == expected and all(len(name.split("C")[0]) == 6 for name in names)


def test_pixels_match_one_qgis_render_of_each_footprint(rendered):
    out, scheme, _extent, layer = rendered
    resolution = scheme.lod(LEVEL).resolution
    span, pad = 256 * resolution, 128 * resolution
    for key, data in read_tiles(out, [LEVEL]).items():
        x = ORIGIN[0] + key.col * span
        y = ORIGIN[1] - key.row * span
        bigger = Extent(x - pad, y - span - pad, x + span + pad, y + pad)
        reference = qgis_render([layer], bigger, 512, 512, "EPSG:2230")[128:384, 128:384]
        tile = np.asarray(Image.open(io.BytesIO(data)).convert("RGBA"))
        assert differing(tile, reference) < 0.002, key
        # Not a blank or uniform tile: both colours of the board are in it.
        assert len(np.unique(tile[..., 3])) > 1, key


@pytest.mark.parametrize("system_gdal", [True, False], ids=["gdal-3.6", "gdal-3.10"])
def test_gdal_reads_the_same_tiles(rendered, system_gdal):
    out, scheme, _extent, _layer = rendered
    with open_cache(str(out)) as reader:
        scheme = reader.scheme
    _gdal_agrees(out / "conf.xml", read_tiles(out, [LEVEL]), scheme, system_gdal)

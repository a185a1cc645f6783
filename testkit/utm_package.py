"""A UTM JPEG tile package like Esri's JoshuaTree.tpk sample, made by the core's writers.

JoshuaTree.tpk (ArcGIS Runtime's sample: JPEG tiles in UTM zone 11N over
Joshua Tree National Park) is not in any source we could find with a licence
allowing redistribution, so tests build an equivalent: NAD83 / UTM zone 11N,
the origin of Esri's UTM tiling schemes, 256 px JPEG tiles only over a 40 x 30
km block of the park at six levels. Each pixel's colour is a function of its
map coordinates (a smooth field with darker lines every 5 km), so every level
shows the same picture at its own resolution. Its tiling grid spans a
continent; its tiles a speck of it.
"""
import io
import os
import tempfile

import numpy as np
from PIL import Image

from tile_package_tools.tilecache.metadata.conf_writer import write_conf_cdi
from tile_package_tools.tilecache.model import LOD, Extent, TileKey
from tile_package_tools.tilecache.pipeline.export import ExportOptions, export_tiles
from tile_package_tools.tilecache.scheme.spatial_reference import SpatialReference
from tile_package_tools.tilecache.scheme.tiling_scheme import TilingScheme

from .caches import write_cache
from .schemes import V1, V2

#: NAD83 / UTM zone 11N.
UTM_WKID = 26911
#: The tiling origin of Esri's UTM schemes (far west and north of any zone's data).
UTM_ORIGIN = (-5120900.0, 9998100.0)
#: The park block the tiles cover (metres, UTM 11N).
PARK = Extent(560000.0, 3740000.0, 600000.0, 3770000.0)
#: Scales 1:1,000,000 down to 1:31,250 (six levels, each half the one before).
SCALES = tuple(1_000_000 / 2 ** i for i in range(6))
INCHES_PER_METRE = 1 / 0.0254


def utm_scheme():
    lods = tuple(LOD(i, scale / (96 * INCHES_PER_METRE), scale) for i, scale in enumerate(SCALES))
    return TilingScheme(SpatialReference(wkid=UTM_WKID, latest_wkid=UTM_WKID), *UTM_ORIGIN,
                        256, 256, 96, lods, tile_format="JPEG", compression_quality=90)


def colour_field(xs, ys):
    """RGB (uint8) at map coordinates: smooth colours, darker lines every 5 km."""
    red = 120 + 100 * np.sin(xs / 7000.0)
    green = 120 + 100 * np.cos(ys / 5000.0)
    blue = 140 + 80 * np.sin((xs + ys) / 11000.0)
    rgb = np.stack([red, green, blue], axis=-1)
    lines = (np.abs(((xs + 2500) % 5000) - 2500) < 60) | (np.abs(((ys + 2500) % 5000) - 2500) < 60)
    rgb[lines] *= 0.35
    return np.clip(rgb, 0, 255).astype(np.uint8)


def _tile(scheme, key):
    box = scheme.tile_footprint(key)
    step = (box.xmax - box.xmin) / scheme.tile_width
    xs = box.xmin + (np.arange(scheme.tile_width) + 0.5) * step
    ys = box.ymax - (np.arange(scheme.tile_height) + 0.5) * step
    image = Image.fromarray(colour_field(*np.meshgrid(xs, ys)))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=90)
    return buffer.getvalue()


def utm_tiles(scheme):
    tiles = {}
    for lod in scheme.lods:
        row0, row1, col0, col1 = scheme.tile_window(lod, PARK)
        for row in range(row0, row1 + 1):
            for col in range(col0, col1 + 1):
                key = TileKey(lod.level, row, col)
                tiles[key] = _tile(scheme, key)
    return tiles


def write_utm_package(path):
    """The UTM JPEG .tpk (or .tpkx) at ``path``, its full extent the park block (as
    ArcGIS records a package's data extent in conf.cdi); returns the path."""
    scheme = utm_scheme()
    with tempfile.TemporaryDirectory() as work:
        source = write_cache(os.path.join(work, "source"), scheme, utm_tiles(scheme))
        with open(os.path.join(source, "conf.cdi"), "wb") as out:
            out.write(write_conf_cdi(PARK, scheme.spatial_reference))
        storage = V2 if str(path).endswith(".tpkx") else V1
        export_tiles(source, str(path), ExportOptions(storage_format=storage, tile_package=True))
    return str(path)

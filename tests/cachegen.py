"""Generate Esri tile caches of any size for tests and benchmarks.

Bundles go through the project's own bundle_writer and conf.xml through
conf_writer, so a generated cache is only as right as those writers: tests
that need an independent check compare against formats.md facts or GDAL, not
against another generated cache.

Tile payloads are a few precomputed noise JPEGs (noise so they do not shrink
under compression and have realistic sizes) with a JPEG comment segment
carrying the tile address spliced in after SOI. Every tile therefore differs
from every other one and still decodes, at the cost of one bytes join per
tile: 100k tiles / 1 GB are generated at disk speed.
"""
import io
import os
import random

from tile_package_tools.tilecache.formats import format_for
from tile_package_tools.tilecache.formats.records import from_bytes
from tile_package_tools.tilecache.metadata.conf_writer import (
    write_conf_cdi, write_conf_properties, write_conf_xml)
from tile_package_tools.tilecache.pipeline.sinks import FolderTarget
from tile_package_tools.tilecache.model import BUNDLE_SIZE, LOD, BundleKey, Extent
from tile_package_tools.tilecache.scheme.spatial_reference import SpatialReference
from tile_package_tools.tilecache.scheme.tiling_scheme import TilingScheme
from tile_package_tools.tilecache.formats.storage_format import StorageFormat

WORLD = 20037508.342787
LEVEL0_RESOLUTION = 156543.03392800014
LEVEL0_SCALE = 591657527.591555

_NOISE_CACHE = {}


def web_mercator_scheme(storage=StorageFormat.COMPACT_V2, tile_format="JPEG", lod_count=20,
                        full_extent=None):
    """The standard ArcGIS Online / Bing / Google scheme (formats.md)."""
    lods = tuple(LOD(z, LEVEL0_RESOLUTION / 2 ** z, LEVEL0_SCALE / 2 ** z)
                 for z in range(lod_count))
    return TilingScheme(SpatialReference(wkid=102100, latest_wkid=3857), -WORLD, WORLD,
                        256, 256, 96, lods, tile_format=tile_format, storage_format=storage,
                        full_extent=full_extent or Extent(-WORLD, -WORLD, WORLD, WORLD))


def noise_jpegs(count=4, size=256, quality=80, seed=1234):
    """``count`` distinct random-noise JPEGs of about 10 KB each (cached per process)."""
    key = (count, size, quality, seed)
    if key not in _NOISE_CACHE:
        from PIL import Image
        rng = random.Random(seed)
        payloads = []
        for _ in range(count):
            # Grey noise keeps a 256 x 256 JPEG around 10 KB at this quality;
            # coloured noise would triple it.
            image = Image.frombytes("L", (size, size), rng.randbytes(size * size))
            image = image.resize((size // 4, size // 4)).resize((size, size)).convert("RGB")
            buffer = io.BytesIO()
            image.save(buffer, "JPEG", quality=quality)
            payloads.append(buffer.getvalue())
        _NOISE_CACHE[key] = payloads
    return _NOISE_CACHE[key]


def jpeg_with_comment(jpeg, text):
    """Splice a COM segment after SOI: the image still decodes, the bytes differ."""
    comment = text.encode("ascii")
    length = (len(comment) + 2).to_bytes(2, "big")
    return b"".join((jpeg[:2], b"\xff\xfe", length, comment, jpeg[2:]))


def noise_tile(level, row, col):
    """The default tile: one of the noise JPEGs marked with its own address."""
    payloads = noise_jpegs()
    return jpeg_with_comment(payloads[(level + row + col) % len(payloads)],
                             f"L{level}R{row}C{col}")


def solid_tile(colour, fmt="PNG", size=256):
    from PIL import Image
    buffer = io.BytesIO()
    Image.new("RGB", (size, size), colour).save(buffer, fmt, quality=95)
    return buffer.getvalue()


def _bundle_keys(level, rows_cols):
    row0, row1, col0, col1 = rows_cols
    for brow in range(row0 - row0 % BUNDLE_SIZE, row1 + 1, BUNDLE_SIZE):
        for bcol in range(col0 - col0 % BUNDLE_SIZE, col1 + 1, BUNDLE_SIZE):
            yield BundleKey(level, brow, bcol)


def _entries(key, rows_cols, tile_bytes):
    row0, row1, col0, col1 = rows_cols
    entries = []
    for row in range(max(row0, key.row), min(row1, key.row + BUNDLE_SIZE - 1) + 1):
        for col in range(max(col0, key.col), min(col1, key.col + BUNDLE_SIZE - 1) + 1):
            data = tile_bytes(key.level, row, col)
            if data:
                entries.append(from_bytes(row - key.row, col - key.col, data))
    return entries


def make_v2_cache(folder, levels, tile_bytes=noise_tile, storage=StorageFormat.COMPACT_V2,
                  tile_format="JPEG", lod_count=20, full_extent=None):
    """Write a Web Mercator cache folder; returns (tile count, tile bytes).

    ``levels`` maps a level id to the inclusive tile window
    ``(row0, row1, col0, col1)``; ``tile_bytes(level, row, col)`` gives each
    tile's bytes (falsy to leave the slot empty). Despite the name every
    storage format works; the default is Compact V2 as ArcGIS writes today.
    """
    storage = StorageFormat(storage)
    scheme = web_mercator_scheme(storage, tile_format, lod_count, full_extent)
    tiles_root = os.path.join(folder, "_alllayers")
    os.makedirs(tiles_root, exist_ok=True)
    count = total = 0
    target = FolderTarget(tiles_root)
    for level, rows_cols in sorted(levels.items()):
        os.makedirs(os.path.join(tiles_root, f"L{level:02d}"), exist_ok=True)
        for key in _bundle_keys(level, rows_cols):
            entries = _entries(key, rows_cols, tile_bytes)
            if not entries:
                continue
            count += len(entries)
            total += sum(entry.size for entry in entries)
            format_for(storage).write_bundle(target, key, entries, tile_format)
    with open(os.path.join(folder, "conf.xml"), "wb") as out:
        out.write(write_conf_xml(scheme))
    with open(os.path.join(folder, "conf.cdi"), "wb") as out:
        out.write(write_conf_cdi(scheme.full_extent, scheme.spatial_reference))
    with open(os.path.join(folder, "conf.properties"), "wb") as out:
        out.write(write_conf_properties())
    return count, total


def world_levels(first, last):
    """Every tile of whole-world levels ``first``..``last`` (2^z x 2^z tiles each)."""
    return {z: (0, 2 ** z - 1, 0, 2 ** z - 1) for z in range(first, last + 1)}

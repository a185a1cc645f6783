"""Caches and packages with hand-picked tiles for the importTiles tests.

Tiles are short byte strings with a real JPEG or PNG signature (that is all
the import looks at: exploded caches name files by it) and their address and
a tag in them, so every tile of every cache is recognisable when compared.
Packages are made by the project's own export (``tilecache.pipeline.export``), as a
user would make them.
"""
import hashlib
import os
import shutil
import tempfile

from tile_package_tools.tilecache.formats import format_for
from tile_package_tools.tilecache.formats.records import from_bytes
from tile_package_tools.tilecache.metadata.conf_writer import write_conf_cdi, write_conf_xml
from tile_package_tools.tilecache.pipeline.sinks import FolderTarget
from tile_package_tools.tilecache.pipeline.export import ExportOptions, export_tiles
from tile_package_tools.tilecache.model import LOD, BUNDLE_SIZE, Extent, TileKey
from tile_package_tools.tilecache.scheme.spatial_reference import SpatialReference
from tile_package_tools.tilecache.scheme.tiling_scheme import TilingScheme
from tile_package_tools.tilecache.pipeline.opening import open_cache
from tile_package_tools.tilecache.formats.storage_format import StorageFormat

WORLD = 20037508.342787
RES0 = 156543.03392800014
SCALE0 = 591657527.591555
V2, V1, EXPLODED = (StorageFormat.COMPACT_V2, StorageFormat.COMPACT_V1,
                    StorageFormat.EXPLODED)
SAMPLE_TPK = "sample_data/tpk-v1-alt-root-name/alt_root_name.tpk"
SAMPLE_V2 = "sample_data/esri-sample-cache-v2"


def web_mercator(storage=V2, tile_format="JPEG", first=0, count=20, origin=(-WORLD, WORLD),
                 wkid=102100, tile_size=256):
    """Web Mercator LODs; level id i has the standard level ``first + i`` resolution."""
    lods = tuple(LOD(i, RES0 / 2 ** (first + i), SCALE0 / 2 ** (first + i))
                 for i in range(count))
    return TilingScheme(SpatialReference(wkid=wkid, latest_wkid=3857 if wkid == 102100 else None),
                        origin[0], origin[1], tile_size, tile_size, 96, lods,
                        tile_format=tile_format, storage_format=storage)


def tile(level, row, col, tag="cache", fmt="JPEG"):
    magic = b"\xff\xd8\xff\xe0" if fmt == "JPEG" else b"\x89PNG\r\n\x1a\n"
    # Lengths vary with the tag so a replaced tile rarely has the old size.
    return magic + f"{tag}:L{level}R{row}C{col}".encode() + b"." * (len(tag) * 7 % 50)


def tiles_in(level, rows, cols, tag="cache", fmt="JPEG"):
    return {TileKey(level, r, c): tile(level, r, c, tag, fmt) for r in rows for c in cols}


def _extent_of(scheme, tiles):
    box = None
    for key in tiles:
        box = scheme.tile_footprint(key).union(box)
    return box or Extent(-WORLD, -WORLD, WORLD, WORLD)


def write_cache(folder, scheme, tiles):
    """A cache folder holding exactly ``tiles`` ({TileKey: bytes})."""
    os.makedirs(folder, exist_ok=True)
    by_bundle = {}
    for key, data in tiles.items():
        by_bundle.setdefault(key.bundle, []).append(
            from_bytes(key.row % BUNDLE_SIZE, key.col % BUNDLE_SIZE, data))
    target = FolderTarget(os.path.join(folder, "_alllayers"))
    for bundle, entries in sorted(by_bundle.items()):
        format_for(scheme.storage_format).write_bundle(target, bundle, entries,
                                                       scheme.tile_format)
    os.makedirs(os.path.join(folder, "_alllayers"), exist_ok=True)
    with open(os.path.join(folder, "conf.xml"), "wb") as out:
        out.write(write_conf_xml(scheme))
    with open(os.path.join(folder, "conf.cdi"), "wb") as out:
        out.write(write_conf_cdi(_extent_of(scheme, tiles), scheme.spatial_reference))
    return folder


def write_package(path, scheme, tiles):
    """A .tpkx or .tpk (by extension) holding ``tiles``, made by the core's export."""
    storage = V2 if str(path).endswith(".tpkx") else V1
    with tempfile.TemporaryDirectory() as work:
        source = write_cache(os.path.join(work, "source"), scheme, tiles)
        export_tiles(source, str(path), ExportOptions(storage_format=storage, tile_package=True))
    return str(path)


def read_tiles(path):
    with open_cache(str(path)) as reader:
        return dict(reader.iter_tiles())


def checksums(folder):
    """{relative path: sha256} of every file under ``folder``."""
    sums = {}
    for root, _dirs, files in os.walk(folder):
        for name in files:
            full = os.path.join(root, name)
            with open(full, "rb") as handle:
                sums[os.path.relpath(full, folder)] = hashlib.sha256(handle.read()).hexdigest()
    return sums


def content_files(folder):
    """Checksums without the lock file, which the first import leaves behind."""
    return {rel: digest for rel, digest in checksums(folder).items()
            if not rel.endswith(".tilepackagetools.lock")}


def temp_leftovers(folder):
    return [os.path.join(root, name) for root, _dirs, files in os.walk(folder)
            for name in files if ".tpt-tmp-" in name]


def copy_sample(repo_root, rel, target):
    source = os.path.join(str(repo_root), rel)
    if os.path.isdir(source):
        shutil.copytree(source, target)
    else:
        shutil.copyfile(source, target)
    return str(target)

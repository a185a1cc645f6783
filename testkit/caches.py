"""Tile caches and packages made at test time, and reading one back.

Two ways to make a cache folder, both through the project's own writers
(``bundles``) and conf_writer, so a made cache is only as right as those:
tests that need an independent check compare against ``bytes_layout``
(docs/formats.md) or GDAL, not against another made cache.

- ``make_v2_cache``: windows of tiles from a tile function, bundle by bundle,
  so 100k tiles / 1 GB (the benchmarks) are written at disk speed in little
  memory;
- ``write_cache``: exactly the ``{TileKey: bytes}`` given (hand-picked tiles).

``write_package`` makes a .tpkx or .tpk with the core's export, as a user
would make one; ``write_raw_package`` writes exactly the tiles given through
the core's package sink, damaged ones too (an export repairs or leaves them out).
"""
import os
import tempfile

from tile_package_tools.tilecache import BUNDLE_SIZE, BundleKey, open_cache
from tile_package_tools.tilecache.formats import format_for
from tile_package_tools.tilecache.metadata.conf_writer import (
    write_conf_cdi, write_conf_properties, write_conf_xml)
from tile_package_tools.tilecache.pipeline.sinks import FolderTarget

from .bundles import entries_of
from .schemes import V1, V2, WORLD_EXTENT, web_mercator
from .tiles import noise_tile


def read_tiles(path, levels=None):
    """{TileKey: bytes} of any cache, package, MBTiles, GeoPackage or XYZ folder, read by the
    core's open_cache through the TileSource members only."""
    with open_cache(os.fspath(path)) as reader:
        return dict(source_tiles(reader, levels))


def source_tiles(reader, levels=None):
    """Every (TileKey, bytes) of an open TileSource, bundle by bundle."""
    for level in (reader.levels() if levels is None else levels):
        for key in reader.bundles(level):
            with reader.open_bundle(key) as bundle:
                yield from bundle.keyed_tiles(key)


def read_everything(path):
    """Open a cache or package, read every record and every tile's bytes; the tile count."""
    with open_cache(os.fspath(path)) as reader:
        for level in reader.levels():
            for key in reader.bundles(level):
                bundle = reader.open_bundle(key)
                try:
                    for record in bundle.records():
                        bundle.read(record)
                finally:
                    bundle.close()
        return sum(1 for _ in source_tiles(reader))


def world_levels(first, last):
    """Every tile of whole-world levels ``first``..``last`` (2^z x 2^z tiles each)."""
    return {z: (0, 2 ** z - 1, 0, 2 ** z - 1) for z in range(first, last + 1)}


def _bundle_keys(level, rows_cols):
    row0, row1, col0, col1 = rows_cols
    for brow in range(row0 - row0 % BUNDLE_SIZE, row1 + 1, BUNDLE_SIZE):
        for bcol in range(col0 - col0 % BUNDLE_SIZE, col1 + 1, BUNDLE_SIZE):
            yield BundleKey(level, brow, bcol)


def _window_tiles(key, rows_cols, tile_bytes):
    row0, row1, col0, col1 = rows_cols
    tiles = {}
    for row in range(max(row0, key.row), min(row1, key.row + BUNDLE_SIZE - 1) + 1):
        for col in range(max(col0, key.col), min(col1, key.col + BUNDLE_SIZE - 1) + 1):
            data = tile_bytes(key.level, row, col)
            if data:
                tiles[(row - key.row, col - key.col)] = data
    return tiles


def _write_conf(folder, scheme, extent, properties):
    with open(os.path.join(folder, "conf.xml"), "wb") as out:
        out.write(write_conf_xml(scheme))
    with open(os.path.join(folder, "conf.cdi"), "wb") as out:
        out.write(write_conf_cdi(extent, scheme.spatial_reference))
    if properties:
        with open(os.path.join(folder, "conf.properties"), "wb") as out:
            out.write(write_conf_properties())


def make_v2_cache(folder, levels, tile_bytes=noise_tile, storage=V2, tile_format="JPEG",
                  lod_count=20, full_extent=None):
    """Write a Web Mercator cache folder; returns (tile count, tile bytes).

    ``levels`` maps a level id to the inclusive tile window
    ``(row0, row1, col0, col1)``; ``tile_bytes(level, row, col)`` gives each
    tile's bytes (falsy to leave the slot empty). Despite the name every
    storage format works; the default is Compact V2 as ArcGIS writes today.
    conf.cdi holds ``full_extent`` (default: the whole Web Mercator square).
    """
    scheme = web_mercator(storage, tile_format, lod_count,
                          full_extent=full_extent or WORLD_EXTENT)
    tiles_root = os.path.join(folder, "_alllayers")
    os.makedirs(tiles_root, exist_ok=True)
    target, writer = FolderTarget(tiles_root), format_for(scheme.storage_format)
    count = total = 0
    for level, rows_cols in sorted(levels.items()):
        os.makedirs(os.path.join(tiles_root, f"L{level:02d}"), exist_ok=True)
        for key in _bundle_keys(level, rows_cols):
            entries = entries_of(_window_tiles(key, rows_cols, tile_bytes))
            if not entries:
                continue
            count += len(entries)
            total += sum(entry.size for entry in entries)
            writer.write_bundle(target, key, entries, tile_format)
    _write_conf(folder, scheme, scheme.full_extent, properties=True)
    return count, total


def _extent_of(scheme, tiles):
    box = None
    for key in tiles:
        box = scheme.tile_footprint(key).union(box)
    return box or WORLD_EXTENT


def _by_bundle(tiles):
    by_bundle = {}
    for key, data in tiles.items():
        by_bundle.setdefault(key.bundle, {})[(key.row % BUNDLE_SIZE, key.col % BUNDLE_SIZE)] = data
    return sorted(by_bundle.items())


def write_cache(folder, scheme, tiles):
    """A cache folder holding exactly ``tiles`` ({TileKey: bytes}); returns ``folder``.

    conf.cdi holds the tiles' extent; there is no conf.properties.
    """
    tiles_root = os.path.join(folder, "_alllayers")
    os.makedirs(tiles_root, exist_ok=True)
    target, writer = FolderTarget(tiles_root), format_for(scheme.storage_format)
    for bundle, bundle_tiles in _by_bundle(tiles):
        writer.write_bundle(target, bundle, entries_of(bundle_tiles), scheme.tile_format)
    _write_conf(folder, scheme, _extent_of(scheme, tiles), properties=False)
    return folder


def write_package(path, scheme, tiles):
    """A .tpkx or .tpk (by extension) holding ``tiles``, made by the core's export."""
    from tile_package_tools.tilecache.pipeline.export import ExportOptions, export_tiles
    storage = V2 if str(path).endswith(".tpkx") else V1
    with tempfile.TemporaryDirectory() as work:
        source = write_cache(os.path.join(work, "source"), scheme, tiles)
        export_tiles(source, str(path), ExportOptions(storage_format=storage, tile_package=True))
    return str(path)


def write_raw_package(path, scheme, tiles):
    """A .tpkx or .tpk (by extension) holding exactly ``tiles``, byte for byte."""
    from tile_package_tools.tilecache.formats.storage_format import StorageFormat
    from tile_package_tools.tilecache.metadata.iteminfo import ItemInfo
    from tile_package_tools.tilecache.metadata.package_files import OutputMetadata
    from tile_package_tools.tilecache.pipeline.sinks import make_sink
    storage = StorageFormat(V2 if str(path).endswith(".tpkx") else V1)
    scheme = scheme.with_changes(storage_format=storage)
    sink = make_sink(str(path), storage, True)
    try:
        for bundle, bundle_tiles in _by_bundle(tiles):
            sink.write_bundle(bundle, entries_of(bundle_tiles), scheme.tile_format)
        name = os.path.splitext(os.path.basename(str(path)))[0]
        levels = tuple(sorted({key.level for key in tiles}))
        return sink.finish(OutputMetadata(scheme, _extent_of(scheme, tiles),
                                          ItemInfo(name=name, title=name), levels))
    except BaseException:
        sink.abort()
        raise

"""importTiles: merge a tile package (or cache) into an existing cache.

    check schemes -> plan bundles (extent picks bundles, areaOfInterest tiles)
    -> under the cache lock: prepare every new bundle under a temporary name
    -> rename them all into place -> conf.cdi (and conf.xml if now MIXED)

A failure or cancel before the renames removes the temporaries and leaves
the cache untouched; a crash during them leaves each bundle wholly old or
wholly new, and the same import run again completes the job.
"""
import os
import re
from dataclasses import dataclass, field
from typing import List, Optional

from . import geometry_input
from .atomic import TEMP_MARKER, fsync_path, remove_path, temp_sibling
from .bundle_merge import prepare_v1, prepare_v2
from .bundle_writer import TileData
from .conf_writer import write_conf_cdi
from .errors import CancelledError, ParameterError
from .exploded import row_folder, tile_extension, tile_file, EXTENSIONS
from .levels import check_levels_within, resolve_levels
from .locking import CacheLock
from .model import BundleKey, Extent, TileKey
from .scheme import SpatialReference
from .scheme_match import check_schemes, match_levels, tile_format_family
from .selection import Selection
from .sources import open_cache
from .storage import StorageFormat


@dataclass
class ImportOptions:
    extent: Optional[Extent] = None
    extent_sr: Optional[SpatialReference] = None
    levels: Optional[str] = None
    merge_bundle: bool = True
    replace_tiles: bool = True
    area_of_interest: object = None
    area_sr: Optional[SpatialReference] = None
    lock_timeout: Optional[float] = None


@dataclass
class ImportResult:
    cache: str
    package: str
    item_id: str
    tiles_imported: int = 0
    tiles_skipped: int = 0
    bundles_written: int = 0
    levels: List[int] = field(default_factory=list)
    warnings: List[str] = field(default_factory=list)
    tile_format: str = ""


@dataclass
class _Planned:
    source_key: BundleKey     # in the package's numbering
    target_key: BundleKey     # in the cache's numbering
    contains: object          # None: every tile of the bundle


def _plan(cache, package, options, result):
    check_schemes(cache.scheme, package.scheme)
    level_map = match_levels(cache.scheme, package.scheme, package.levels())
    wanted = None
    if options.levels not in (None, ""):
        ids = [lod.level for lod in _parse_cache_levels(options.levels, cache.scheme)]
        wanted = set(ids)
    area = None
    if options.area_of_interest is not None:
        area = Selection.from_geometry(geometry_input.to_scheme_crs_geometry(
            options.area_of_interest, options.area_sr, cache.scheme.spatial_reference))
    extent = None
    if options.extent is not None:
        extent = geometry_input.to_scheme_crs_extent(
            options.extent, options.extent_sr, cache.scheme.spatial_reference, "extent")
    planned = []
    for package_level, lod in sorted(level_map.items()):
        if wanted is not None and lod.level not in wanted:
            continue
        for key in package.bundles(package_level):
            footprint = package.scheme.bundle_footprint(key)
            # REST: extent picks the package's bundles that intersect it.
            if extent is not None and footprint.intersection(extent) is None:
                continue
            target = BundleKey(lod.level, key.row, key.col)
            contains = None
            if area is not None:
                coverage = area.bundle_coverage(cache.scheme, target)
                if coverage == "none":
                    continue
                if coverage == "some":
                    contains = area.contains_fn(cache.scheme, lod, target)
            planned.append(_Planned(key, target, contains))
    result.levels = sorted({p.target_key.level for p in planned})
    return planned


def _parse_cache_levels(spec, scheme):
    """``levels`` in the cache's numbering; ids past its LODs get the REST error."""
    for token in re.split(r"[,\s]+", str(spec).strip()):
        for part in re.split(r"(?<=\d)-", token):
            if part.strip().isdigit():
                check_levels_within([int(part)], scheme)
    return resolve_levels(spec, scheme, "LevelID", parameter="levels")


def _tile_entries(bundle, source_key, target_key, contains):
    records = bundle.records()
    if contains is not None:
        records = [r for r in records
                   if contains(target_key.row + r.row, target_key.col + r.col)]
    return [TileData(r.row, r.col, r.size, (lambda rec=r: bundle.read(rec))) for r in records]


def _prepare_exploded(level_dir, key, entries, replace, tile_format, renames, result):
    for entry in entries:
        row_dir = os.path.join(level_dir, row_folder(key.row + entry.row))
        existing = [os.path.join(row_dir, tile_file(key.col + entry.col, ext))
                    for ext in EXTENSIONS
                    if os.path.exists(os.path.join(row_dir, tile_file(key.col + entry.col, ext)))]
        if existing and not replace:
            result.tiles_skipped += 1
            continue
        data = entry.fetch()
        target = os.path.join(row_dir, tile_file(key.col + entry.col,
                                                 tile_extension(data, tile_format)))
        os.makedirs(row_dir, exist_ok=True)
        temp = temp_sibling(target)
        with open(temp, "wb") as out:
            out.write(data)
        renames.append((temp, target))
        # A twin with another extension would shadow the new tile: drop it after.
        renames.extend((None, old) for old in existing if old != target)
        result.tiles_imported += 1


def _remove_stale_temporaries(tiles_root):
    """Under the lock every temporary name is a leftover of a killed run."""
    for folder, _dirs, files in os.walk(tiles_root):
        for name in files:
            if TEMP_MARKER in name:
                remove_path(os.path.join(folder, name))


def _find_file(root, wanted):
    for name in os.listdir(root):
        if name.lower() == wanted:
            return os.path.join(root, name)
    return None


def _conf_updates(cache, root, imported_extent, new_format):
    """Temporary conf.cdi / conf.xml files to rename after the bundles."""
    updates = []
    extent = imported_extent.union(cache.full_extent) if imported_extent else None
    if extent is not None and extent != cache.full_extent:
        target = _find_file(root, "conf.cdi") or os.path.join(root, "conf.cdi")
        temp = temp_sibling(target)
        with open(temp, "wb") as out:
            out.write(write_conf_cdi(extent, cache.scheme.spatial_reference))
        updates.append((temp, target))
    if new_format:
        target = _find_file(root, "conf.xml")
        with open(target, "rb") as source:
            text = source.read()
        # Edit just the one element so everything else ArcGIS wrote survives.
        text = re.sub(rb"(<(?:\w+:)?CacheTileFormat>)[^<]*(</)",
                      lambda m: m.group(1) + new_format.encode() + m.group(2), text, count=1)
        temp = temp_sibling(target)
        with open(temp, "wb") as out:
            out.write(text)
        updates.append((temp, target))
    return updates


def import_tiles(cache_path, package_path, options, progress=None, is_cancelled=None):
    """Run importTiles; returns an ImportResult. Raises TileCacheError subclasses."""
    cancelled = is_cancelled or (lambda: False)
    report = progress or (lambda fraction, message: None)
    with open_cache(cache_path) as cache, open_cache(package_path) as package:
        if cache.kind != "folder" or not hasattr(cache.store, "root"):
            raise ParameterError("INPUT must be a tile cache folder; packages are only read",
                                 cache_path)
        item_id = package.item_info.guid if package.item_info else ""
        result = ImportResult(cache.path, package.path, item_id)
        planned = _plan(cache, package, options, result)
        new_format = _new_tile_format(cache, package, result)
        root = cache.store.root
        tiles_root = os.path.join(root, cache.tiles_rel)
        with CacheLock(root, options.lock_timeout, cancelled):
            _remove_stale_temporaries(tiles_root)
            renames = []
            imported_extent = None
            try:
                for done, item in enumerate(planned):
                    if cancelled():
                        raise CancelledError()
                    report(0.9 * done / max(1, len(planned)),
                           f"Level {item.target_key.level} bundle {item.target_key.file_stem}")
                    imported_extent = _prepare_bundle(cache, package, item, options, tiles_root,
                                                      renames, result, imported_extent)
                renames.extend(_conf_updates(cache, root, imported_extent, new_format))
                if cancelled():
                    raise CancelledError()
            except BaseException:
                for temp, _target in renames:
                    if temp:
                        remove_path(temp)
                raise
            report(0.9, "Renaming the new bundles into place")
            _commit(renames)
            if new_format:
                result.tile_format = new_format
    report(1.0, "Import complete")
    return result


def _new_tile_format(cache, package, result):
    cache_family = tile_format_family(cache.scheme.tile_format)
    package_family = tile_format_family(package.scheme.tile_format)
    result.tile_format = cache.scheme.tile_format
    if cache_family == package_family or cache_family == "MIXED":
        return None
    result.warnings.append(
        f"The package's tiles are {package.scheme.tile_format} but the cache's are "
        f"{cache.scheme.tile_format}; the cache now holds both and is recorded as MIXED.")
    return "MIXED"


def _prepare_bundle(cache, package, item, options, tiles_root, renames, result, extent):
    target_key = item.target_key
    level_dir = os.path.join(tiles_root, f"L{target_key.level:02d}")
    os.makedirs(level_dir, exist_ok=True)
    bundle = package.open_bundle(item.source_key)
    try:
        entries = _tile_entries(bundle, item.source_key, target_key, item.contains)
        if not entries:
            return extent
        rows = [e.row for e in entries]
        cols = [e.col for e in entries]
        lod = cache.scheme.lod(target_key.level)
        top_left = cache.scheme.tile_footprint(
            TileKey(lod.level, target_key.row + min(rows), target_key.col + min(cols)), lod)
        bottom_right = cache.scheme.tile_footprint(
            TileKey(lod.level, target_key.row + max(rows), target_key.col + max(cols)), lod)
        extent = Extent(top_left.xmin, bottom_right.ymin, bottom_right.xmax,
                        top_left.ymax).union(extent)
        if cache.storage is StorageFormat.EXPLODED:
            _prepare_exploded(level_dir, target_key, entries, options.replace_tiles,
                              cache.scheme.tile_format, renames, result)
            result.bundles_written += 1
            return extent
        target = os.path.join(level_dir, target_key.file_stem + ".bundle")
        temp = temp_sibling(target)
        prepare = prepare_v2 if cache.storage is StorageFormat.COMPACT_V2 else prepare_v1
        prepared = prepare(target, temp, entries, replace=options.replace_tiles,
                           keep_existing=options.merge_bundle)
        renames.extend(prepared.renames)
        result.tiles_imported += prepared.tiles_written
        result.tiles_skipped += prepared.tiles_skipped
        result.bundles_written += 1 if prepared.renames else 0
        return extent
    finally:
        bundle.close()


def _commit(renames):
    """Rename in order; (None, path) entries remove a file the new one supersedes."""
    folders = set()
    for temp, target in renames:
        if temp is None:
            remove_path(target)
            continue
        fsync_path(temp)
        os.replace(temp, target)
        folders.add(os.path.dirname(target))
    for folder in folders:
        fsync_path(folder)

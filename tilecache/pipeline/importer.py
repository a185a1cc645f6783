"""importTiles: merge a tile package (or cache) into an existing cache.

    check parameters and schemes (fail fast, nothing locked or written)
    -> take the cache lock -> re-read the cache, plan the bundles
    -> prepare every new bundle under a temporary name beside its target
    -> rename conf.xml / conf.cdi, then every bundle, into place

A failure or cancel before the renames removes the temporaries and leaves
the cache untouched; a crash during them leaves each bundle wholly old or
wholly new, and the same import run again completes the job.
"""
import os
import re
from dataclasses import dataclass, field
from typing import List, Optional

from ..params import geometry_input
from ..io.atomic import TEMP_MARKER, fsync_path, remove_path, temp_sibling
from ..formats.bundle_merge import prepare_v1, prepare_v2
from ..formats.bundle_writer import TileData
from ..metadata.conf_writer import write_conf_cdi
from ..errors import CancelledError, ParameterError, TileCacheError
from ..formats.exploded import EXTENSIONS, row_folder, tile_extension, tile_file
from ..params.levels import check_levels_within, level_ranges_text, resolve_levels
from ..io.locking import CacheLock
from ..model import BundleKey, Extent
from ..scheme.tiling_scheme import SpatialReference
from ..scheme.matching import check_schemes, match_levels, tile_format_family
from ..params.selection import Selection
from .cache_reader import open_cache
from ..formats.storage_format import StorageFormat

#: Share of the progress bar for preparing bundles; the renames take the rest.
PREPARE_SHARE = 0.95
RENAMING = "Renaming the new bundles into place"


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
class _Filters:
    """What the parameters select, in the cache's CRS and level numbering."""
    wanted: Optional[set]       # cache level ids, None: every level of the package
    extent: Optional[Extent]
    area: Optional[Selection]


@dataclass
class _Planned:
    source_key: BundleKey     # in the package's numbering
    target_key: BundleKey     # in the cache's numbering
    contains: object          # None: every tile of the bundle


def _filters(scheme, options):
    wanted = None
    if options.levels not in (None, ""):
        wanted = {lod.level for lod in _parse_cache_levels(options.levels, scheme)}
    area = None
    if options.area_of_interest is not None:
        area = Selection.from_geometry(geometry_input.to_scheme_crs_geometry(
            options.area_of_interest, options.area_sr, scheme.spatial_reference))
    extent = None
    if options.extent is not None:
        extent = geometry_input.to_scheme_crs_extent(
            options.extent, options.extent_sr, scheme.spatial_reference, "extent")
    return _Filters(wanted, extent, area)


def _parse_cache_levels(spec, scheme):
    """``levels`` in the cache's numbering; ids past its LODs get the REST error."""
    for token in re.split(r"[,\s]+", str(spec).strip()):
        for part in re.split(r"(?<=\d)-", token):
            if part.strip().isdigit():
                check_levels_within([int(part)], scheme)
    return resolve_levels(spec, scheme, "LevelID", parameter="levels")


def _plan(cache, package, filters):
    check_schemes(cache.scheme, package.scheme)
    # With explicit ``levels`` the user has already chosen what comes in, so
    # package levels beyond the cache are left out instead of refused.
    level_map = match_levels(cache.scheme, package.scheme, package.levels(),
                             skip_out_of_range=filters.wanted is not None)
    planned = []
    for package_level, lod in sorted(level_map.items()):
        if filters.wanted is not None and lod.level not in filters.wanted:
            continue
        for key in package.bundles(package_level):
            # REST: extent picks the package's bundles that intersect it.
            if filters.extent is not None and \
                    package.scheme.bundle_footprint(key).intersection(filters.extent) is None:
                continue
            target = BundleKey(lod.level, key.row, key.col)
            contains = None
            if filters.area is not None:
                coverage = filters.area.bundle_coverage(cache.scheme, target)
                if coverage == "none":
                    continue
                if coverage == "some":
                    contains = filters.area.contains_fn(cache.scheme, lod, target)
            planned.append(_Planned(key, target, contains))
    return planned


def _tile_entries(bundle, target_key, contains):
    records = bundle.records()
    if contains is not None:
        records = contains.select(records, target_key)
    return [TileData(r.row, r.col, r.size, (lambda rec=r: bundle.read(rec))) for r in records]


def _prepare_exploded(level_dir, key, entries, replace, tile_format, renames, result):
    for entry in entries:
        row_dir = os.path.join(level_dir, row_folder(key.row + entry.row))
        candidates = (os.path.join(row_dir, tile_file(key.col + entry.col, ext))
                      for ext in EXTENSIONS)
        existing = [path for path in candidates if os.path.exists(path)]
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


def _remove_stale_temporaries(root, level_folders):
    """Under the lock every temporary name is a leftover of a killed run.

    Only the cache's own folder (conf files) and the levels this import
    writes are searched: an exploded cache may hold millions of files.
    """
    for name in os.listdir(root):
        if TEMP_MARKER in name:
            remove_path(os.path.join(root, name))
    for level_folder in level_folders:
        for folder, _dirs, files in os.walk(level_folder):
            for name in files:
                if TEMP_MARKER in name:
                    remove_path(os.path.join(folder, name))


def _find_file(root, wanted):
    for name in os.listdir(root):
        if name.lower() == wanted:
            return os.path.join(root, name)
    return None


def _conf_updates(cache, root, imported_extent, new_format):
    """Temporary conf.xml / conf.cdi files to rename before the bundles.

    Both only widen what the cache claims (MIXED, a larger extent), so a
    crash right after them misleads no reader about tiles already there.
    """
    updates = []
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
    extent = imported_extent.union(cache.full_extent) if imported_extent else None
    if extent is not None and extent != cache.full_extent:
        target = _find_file(root, "conf.cdi") or os.path.join(root, "conf.cdi")
        temp = temp_sibling(target)
        with open(temp, "wb") as out:
            out.write(write_conf_cdi(extent, cache.scheme.spatial_reference))
        updates.append((temp, target))
    return updates


def _open_target(cache_path):
    cache = open_cache(cache_path)
    if cache.kind != "folder" or not hasattr(cache.store, "root"):
        cache.close()
        raise ParameterError("INPUT must be a tile cache folder (or its conf.xml); "
                             "tile packages are only read", cache_path)
    return cache


def import_tiles(cache_path, package_path, options, progress=None, is_cancelled=None):
    """Run importTiles; returns an ImportResult. Raises TileCacheError subclasses."""
    cancelled = is_cancelled or (lambda: False)
    report = progress or (lambda fraction, message: None)
    with open_cache(package_path) as package:
        report(0.0, "Checking tiling schemes and levels")
        with _open_target(cache_path) as cache:
            root = cache.store.root
            filters = _filters(cache.scheme, options)
            # Refuse a bad import before waiting for the lock or writing anything.
            _plan(cache, package, filters)
        report(0.0, "Waiting for other imports into this cache")
        with CacheLock(root, options.lock_timeout, cancelled):
            # Read again under the lock: an import we waited for changed the
            # cache (bundles, conf.cdi, maybe MIXED) after the first look.
            with _open_target(cache_path) as cache:
                result = _import_locked(cache, package, filters, options, report, cancelled)
    report(1.0, "Import complete")
    return result


def _import_locked(cache, package, filters, options, report, cancelled):
    item_id = package.item_info.guid if package.item_info else ""
    result = ImportResult(cache.path, package.path, item_id)
    planned = _plan(cache, package, filters)
    result.levels = sorted({p.target_key.level for p in planned})
    new_format = _new_tile_format(cache, package, result)
    root = cache.store.root
    tiles_root = os.path.join(root, cache.tiles_rel)
    _remove_stale_temporaries(root, [os.path.join(tiles_root, f"L{level:02d}")
                                     for level in result.levels])
    renames = []
    imported_extent = None
    try:
        for done, item in enumerate(planned):
            if cancelled():
                raise CancelledError()
            report(PREPARE_SHARE * done / max(1, len(planned)),
                   f"Level {item.target_key.level} bundle {item.target_key.file_stem}")
            imported_extent = _prepare_bundle(cache, package, item, options, tiles_root,
                                              renames, result, imported_extent)
        if result.tiles_imported:
            renames[:0] = _conf_updates(cache, root, imported_extent, new_format)
        if cancelled():
            raise CancelledError()
    except BaseException as exc:
        for temp, _target in renames:
            if temp:
                remove_path(temp)
        if isinstance(exc, OSError):
            # Reads fail as FormatErrors already, so this is a temporary bundle
            # that could not be written: a full disk, a quota.
            raise TileCacheError(f"cannot write: {exc.strerror or exc}; the cache is "
                                 "unchanged", cache.path) from None
        raise
    _commit(renames, report)
    if not result.tiles_imported:
        result.warnings.append(_nothing_imported(package, result, options))
    elif new_format:
        result.tile_format = new_format
    return result


def _nothing_imported(package, result, options):
    have = level_ranges_text(package.levels()) or "none"
    if result.tiles_skipped:
        return (f"No tile was imported: the cache already holds all {result.tiles_skipped} "
                "selected tiles and replaceTiles is false.")
    where = " in the chosen levels" if options.levels not in (None, "") else ""
    return (f"No tile was imported: the package holds no tiles{where} inside the extent or "
            f"area of interest (its levels: {have}).")


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


def _target_bundle(cache, tiles_root, key):
    """Path of the cache's bundle for ``key``: the existing file's own spelling if any."""
    rel = cache.bundle_rel(key)
    if rel is not None:
        return os.path.join(cache.store.root, *rel.split("/"))
    return os.path.join(tiles_root, key.level_folder, key.file_stem + ".bundle")


def _prepare_bundle(cache, package, item, options, tiles_root, renames, result, extent):
    target_key = item.target_key
    bundle = package.open_bundle(item.source_key)
    try:
        entries = _tile_entries(bundle, target_key, item.contains)
        if not entries:
            return extent
        rows = [e.row for e in entries]
        cols = [e.col for e in entries]
        extent = cache.scheme.tiles_footprint(
            target_key.level, target_key.row + min(rows), target_key.row + max(rows),
            target_key.col + min(cols), target_key.col + max(cols)).union(extent)
        if cache.storage is StorageFormat.EXPLODED:
            # No bundle files to overwrite: tiles go in one by one whatever
            # mergeBundle says; replaceTiles still decides about existing ones.
            level_dir = os.path.join(tiles_root, target_key.level_folder)
            _prepare_exploded(level_dir, target_key, entries, options.replace_tiles,
                              cache.scheme.tile_format, renames, result)
            result.bundles_written += 1
            return extent
        target = _target_bundle(cache, tiles_root, target_key)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        temp = temp_sibling(target)
        prepare = prepare_v2 if cache.storage is StorageFormat.COMPACT_V2 else prepare_v1
        try:
            prepared = prepare(target, temp, entries, replace=options.replace_tiles,
                               keep_existing=options.merge_bundle)
        except BaseException:
            # Not in ``renames`` yet, so the caller's cleanup cannot see them;
            # bundle_merge names the V1 index temp + "x".
            remove_path(temp)
            remove_path(temp + "x")
            raise
        renames.extend(prepared.renames)
        result.tiles_imported += prepared.tiles_written
        result.tiles_skipped += prepared.tiles_skipped
        result.bundles_written += 1 if prepared.renames else 0
        return extent
    finally:
        bundle.close()


def _commit(renames, report):
    """Rename in order; (None, path) entries remove a file the new one supersedes."""
    folders = set()
    report(PREPARE_SHARE, RENAMING)
    # Data on disk before any name points at it; the renames then follow quickly.
    for temp, _target in renames:
        if temp is not None:
            fsync_path(temp)
    for number, (temp, target) in enumerate(renames):
        report(PREPARE_SHARE + (1 - PREPARE_SHARE) * number / len(renames), RENAMING)
        if temp is None:
            remove_path(target)
            continue
        os.replace(temp, target)
        folders.add(os.path.dirname(target))
    for folder in folders:
        fsync_path(folder)

"""importTiles: merge a tile package (or cache) into an existing cache.

    check parameters and schemes (fail fast, nothing locked or written)
    -> take the cache lock -> re-read the cache, plan the bundles
    -> stage every new bundle under a temporary name beside its target
    -> rename conf.xml / conf.cdi, then every bundle, into place

A failure or cancel before the renames removes the temporaries and leaves
the cache untouched; a crash during them leaves each bundle wholly old or
wholly new, and the same import run again completes the job.
"""
import os
from dataclasses import dataclass, field
from typing import List

from ..errors import ParameterError, TileCacheError
from ..feedback import SILENT
from ..formats.compact_common import MergeRules
from ..io.atomic import TEMP_MARKER, remove_path
from ..io.locking import CacheLock
from ..io.transaction import FileTransaction
from ..metadata.conf_writer import with_tile_format, write_conf_cdi
from ..params.levels import level_ranges_text
from ..scheme.tile_format import TileFormatFamily, tile_format_family
from .import_plan import ImportFilters, ImportOptions, plan_import
from .opening import open_cache
from .protocols import TileSource
from .tile_check import TileCheck

__all__ = ["ImportOptions", "ImportResult", "import_source", "import_tiles"]

#: Share of the progress bar for staging bundles; the renames take the rest.
PREPARE_SHARE = 0.95
RENAMING = "Renaming the new bundles into place"


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


def _open_target(cache_path):
    cache = open_cache(cache_path)
    if cache.folder is None:
        cache.close()
        raise ParameterError("INPUT must be a tile cache folder (or its conf.xml); "
                             "tile packages are only read", cache_path)
    return cache


def import_tiles(cache_path, package_path, options, feedback=SILENT):
    """Run importTiles; returns an ImportResult. Raises TileCacheError subclasses."""
    with open_cache(package_path) as package:
        return import_source(cache_path, package, options, feedback)


def import_source(cache_path, package: TileSource, options, feedback=SILENT):
    """importTiles from any TileSource (a package read in place, rendered tiles...)."""
    feedback.progress(0.0, "Checking tiling schemes and levels")
    with _open_target(cache_path) as cache:
        root = cache.folder
        filters = ImportFilters.from_options(cache.scheme, options)
        # Refuse a bad import before waiting for the lock or writing anything.
        plan_import(cache, package, filters)
    with CacheLock(root, options.lock_timeout, feedback):
        # Read again under the lock: an import we waited for changed the
        # cache (bundles, conf.cdi, maybe MIXED) after the first look.
        with _open_target(cache_path) as cache:
            result = _import_locked(cache, package, filters, options, feedback)
    feedback.progress(1.0, "Import complete")
    return result


def _import_locked(cache, package, filters, options, feedback):
    result = ImportResult(cache.path, package.path,
                          package.item_info.guid if package.item_info else "")
    planned = plan_import(cache, package, filters)
    result.levels = sorted({p.target_key.level for p in planned})
    new_format = _new_tile_format(cache, package, result)
    rules = MergeRules(options.replace_tiles, options.merge_bundle, cache.scheme.tile_format)
    _remove_stale_temporaries(cache, result.levels)
    staging = _Staging(cache, package, rules, result)
    txn = staging.txn
    try:
        progress = feedback.phase(0.0, PREPARE_SHARE)
        imported_extent = None
        for done, item in enumerate(planned):
            feedback.check_cancelled()
            progress.progress(done / max(1, len(planned)),
                              f"Level {item.target_key.level} bundle {item.target_key.file_stem}")
            footprint = staging.stage(item)
            if footprint is not None:
                imported_extent = footprint.union(imported_extent)
        if result.tiles_imported:
            _stage_conf_updates(txn, cache, imported_extent, new_format)
        feedback.check_cancelled()
    except BaseException as exc:
        txn.rollback()
        if isinstance(exc, OSError):
            # Reads fail as FormatErrors already, so this is a temporary bundle
            # that could not be written: a full disk, a quota.
            raise TileCacheError(f"cannot write: {exc.strerror or exc}; the cache is "
                                 "unchanged", cache.path) from None
        raise
    txn.commit(feedback.phase(PREPARE_SHARE, 1.0), RENAMING)
    result.warnings.extend(staging.check.messages("not imported"))
    if not result.tiles_imported:
        result.warnings.append(_nothing_imported(package, result, options))
    elif new_format:
        result.tile_format = new_format
    return result


class _Staging:
    """One locked import's staging: package bundles into the cache through ``txn``."""

    def __init__(self, cache, package, rules, result):
        self.cache = cache
        self.package = package
        self.rules = rules
        self.result = result
        self.txn = FileTransaction()
        # The package's tiles, checked against the package's format: repaired,
        # or left out so that no undecodable tile replaces one the cache has.
        self.check = TileCheck(package.scheme.tile_format)

    def stage(self, item):
        """Stage one package bundle; the footprint of its tiles in the cache, or None."""
        key = item.target_key
        with self.package.open_bundle(item.source_key) as bundle:
            records = bundle.records()
            if item.contains is not None:
                records = item.contains.select(records, key)
            if not records:
                return None
            entries = self.check.entries(item.source_key, bundle, records)
            if not entries:
                return None
            staged = len(self.txn)
            count = self.cache.level_files(key.level).prepare_import(self.txn, key, entries,
                                                                     self.rules)
        self.result.tiles_imported += count.written
        self.result.tiles_skipped += count.skipped
        self.result.bundles_written += 1 if len(self.txn) > staged else 0
        rows = [r.row for r in records]
        cols = [r.col for r in records]
        return self.cache.scheme.tiles_footprint(
            key.level, key.row + min(rows), key.row + max(rows),
            key.col + min(cols), key.col + max(cols))


def _stage_conf_updates(txn, cache, imported_extent, new_format):
    """conf.xml / conf.cdi, staged to be renamed before the bundles.

    Both only widen what the cache claims (MIXED, a larger extent), so a
    crash right after them misleads no reader about tiles already there.
    """
    store = cache.store
    if new_format:
        conf = store.find_file("", "conf.xml")
        _stage_bytes(txn, store.local_path(conf), with_tile_format(store.read(conf), new_format))
    extent = imported_extent.union(cache.full_extent) if imported_extent else None
    if extent is not None and extent != cache.full_extent:
        target = store.local_path(store.find_file("", "conf.cdi") or "conf.cdi")
        _stage_bytes(txn, target, write_conf_cdi(extent, cache.scheme.spatial_reference))


def _stage_bytes(txn, target, data):
    temp = txn.temp_for(target)
    with open(temp, "wb") as out:
        out.write(data)
    txn.replace(temp, target, first=True)


def _remove_stale_temporaries(cache, levels):
    """Under the lock every temporary name is a leftover of a killed run.

    Only the cache's own folder (conf files) and the levels this import
    writes are searched: an exploded cache may hold millions of files.
    """
    root = cache.folder
    for name in os.listdir(root):
        if TEMP_MARKER in name:
            remove_path(os.path.join(root, name))
    for level in levels:
        level_folder = cache.store.local_path(cache.level_files(level).level_rel)
        for folder, _dirs, files in os.walk(level_folder):
            for name in files:
                if TEMP_MARKER in name:
                    remove_path(os.path.join(folder, name))


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
    if cache_family in (package_family, TileFormatFamily.MIXED):
        return None
    result.warnings.append(
        f"The package's tiles are {package.scheme.tile_format} but the cache's are "
        f"{cache.scheme.tile_format}; the cache now holds both and is recorded as MIXED.")
    return "MIXED"

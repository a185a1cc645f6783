"""exportTiles: select tiles from any cache or package and write a new one.

    open -> resolve levels -> build selection -> plan (count, limit check)
         -> per bundle: block copy | filter/convert/re-encode -> sink -> commit

Nothing is written until the plan has passed maxExportTilesCount.
"""
import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Optional

from ..errors import ParameterError, TileCacheError
from ..feedback import SILENT
from ..formats.records import TileData
from ..metadata.iteminfo import ItemInfo, geographic_extent
from ..metadata.package_files import OutputMetadata
from ..metadata.thumbnail import make_thumbnail
from ..model import BUNDLE_SIZE, Extent, TileKey
from ..scheme.gdal_limits import gdal_sizes_raster
from ..scheme.tile_format import holds_jpeg
from .export_merge import merge_export
from .export_plan import (DEFAULT_MAX_TILES, ExportOptions, check_limit, plan_export,  # noqa: F401
                          where_tiles_are,
                          selected_records)
from .opening import open_cache
from .output_target import existing_cache
from .protocols import TileSink, TileSource
from .reencode import reencode_entries
from .tile_check import CheckedBundle, TileCheck
from .sinks import make_sink

__all__ = ["DEFAULT_MAX_TILES", "ExportOptions", "ExportResult", "check_limit", "estimate_export",
           "export_source", "export_tiles", "plan_export", "write_export", "write_planned",
           "BundleWriter", "copied_whole", "planned_records"]
#: How many tiles a loop handles between two cancel checks inside one bundle.
CANCEL_STRIDE = 256
#: Share of the progress bar for planning: it reads every candidate bundle's
#: index, small next to copying the tiles.
PLAN_SHARE = 0.1


@dataclass
class ExportResult:
    output: str
    tile_count: int
    #: Bytes of the tiles as stored in the source (before any re-encoding).
    tile_bytes: int
    levels: list
    full_extent: Optional[Extent]
    item: Optional[ItemInfo]
    blocks_copied: int = 0
    tiles_reencoded_smaller: int = 0
    #: What the tile check found (repaired, left out, undecodable), one line each.
    tile_findings: tuple = ()


def estimate_export(source_path, options, feedback=SILENT):
    """estimateExportTilesSize: the REST answer for what an export would hold, nothing written.

    ``{"totalTilesToExport": n, "totalSize": bytes}``, bytes as stored in the
    source (before any re-encoding); see rest_bodies.estimate_body.
    """
    from .rest_bodies import estimate_body
    with open_cache(source_path) as reader:
        return estimate_body(plan_export(reader, options, feedback))


def _output_extent(reader, plan):
    scheme = reader.scheme
    box = None
    for bundle in plan.bundles:
        box = scheme.tiles_footprint(bundle.key.level, *bundle.rows).union(box)
    if box is None:
        return reader.full_extent
    for limit in (reader.full_extent, plan.selection.envelope):
        if limit is not None:
            box = box.intersection(limit) or box
    return box


def _thumbnail(reader, plan):
    coarsest = min(plan.level_ids)
    tiles = []
    for planned in plan.bundles:
        if planned.key.level != coarsest or len(tiles) >= 16:
            continue
        bundle = reader.open_bundle(planned.key)
        try:
            contains = None if planned.whole else plan.selection.contains_fn(
                reader.scheme, reader.scheme.lod(coarsest), planned.key)
            for record in selected_records(bundle, planned.key, contains)[:16 - len(tiles)]:
                tiles.append((planned.key.row + record.row, planned.key.col + record.col,
                              bundle.read(record)))
        finally:
            bundle.close()
    return make_thumbnail(tiles, reader.scheme.tile_width, reader.scheme.tile_height)


def _item_info(reader, output, full_extent, scheme):
    name = os.path.splitext(os.path.basename(os.path.normpath(output)))[0]
    source_name = os.path.splitext(os.path.basename(os.path.normpath(reader.path)))[0]
    geo = geographic_extent(full_extent, scheme.spatial_reference) if full_extent else None
    if reader.item_info is not None:
        return reader.item_info.derived(name=name, extent_geographic=geo,
                                        spatial_reference=scheme.spatial_reference)
    return ItemInfo(name=name, title=name,
                    summary=f"Tiles exported from {source_name}",
                    snippet=f"Tiles exported from {source_name}",
                    description=f"Tile package made by Tile Package Tools from {source_name}.",
                    tags=("tiles", "tile package", source_name),
                    extent_geographic=geo, spatial_reference=scheme.spatial_reference)


def _output_scheme(reader, plan, options, full_extent, feedback):
    """The source scheme as the output's conf.xml / root.json list it.

    Every LOD is kept, as ArcGIS keeps them (README "LODs of exported caches"),
    so finer levels of the source can be imported into the output later; the
    coarse end is never cut, since GDAL and MapProxy find a level's folder by
    its position in the list. A cache folder drops LODs at the fine end only
    where GDAL would refuse to open it (scheme/gdal_limits), never one the
    output holds tiles for. Packages keep all: GDAL reads no .tpk, and sizes a
    .tpkx by its minLOD and maxLOD.
    """
    scheme = reader.scheme
    lods = scheme.lods
    if not options.tile_package:
        lods = _lods_gdal_opens(scheme, plan.level_ids)
        _warn_unimportable(reader, scheme, lods, feedback)
    changes = dict(storage_format=options.storage_format, lods=lods, full_extent=full_extent)
    if reencodes(scheme, options):
        changes["compression_quality"] = options.reencode_quality
    return scheme.with_changes(**changes)


def _lods_gdal_opens(scheme, levels):
    """The scheme's LODs without the finest ones that stop GDAL opening the cache.

    GDAL sizes its raster by the finest LOD listed, so dropping LODs finer
    than every exported level never cuts a gap into the list.
    """
    finest_exported = min(scheme.lod(level).resolution for level in levels)
    return tuple(lod for lod in scheme.lods if lod.resolution >= finest_exported
                 or gdal_sizes_raster(scheme, lod.resolution))


def _warn_unimportable(reader, scheme, lods, feedback):
    """Say so when a level with tiles in the source is left out of the output's LODs.

    Only sources that know their tiles (caches, packages) can say which levels
    hold some; a rendering source could fill any level, so it warns of none.
    """
    dropped = set(scheme.level_ids) - {lod.level for lod in lods}
    lost = sorted(dropped.intersection(reader.levels())) \
        if dropped and reader.counts_exactly else []
    if lost:
        feedback.warning(
            f"conf.xml lists levels up to {max(lod.level for lod in lods)} only, so that GDAL "
            f"(QGIS) can open the cache; levels {', '.join(map(str, lost))} of the source "
            f"cannot be imported into it later")


def export_tiles(source_path, output, options, feedback=SILENT):
    """Run exportTiles on a cache or package path; returns an ExportResult.

    Raises TileCacheError subclasses.
    """
    with open_cache(source_path) as reader:
        return export_source(reader, output, options, feedback)


def export_source(source: TileSource, output, options, feedback=SILENT):
    """Run exportTiles on any TileSource: plan (with the limit check), then write."""
    plan = plan_export(source, options, feedback.phase(0.0, PLAN_SHARE))
    return write_export(source, plan, output, options, feedback.phase(PLAN_SHARE, 1.0))


def write_export(reader: TileSource, plan, output, options, feedback=SILENT):
    """Write a planned export on this machine; callers that show planning as its own
    phase use this."""
    return write_planned(BundleWriter(reader, options), plan, output, feedback)


def write_planned(writer, plan, output, feedback=SILENT):
    """Write a planned export whose bundles ``writer`` produces: a BundleWriter (this
    machine) or a subclass that has them produced elsewhere (tilecache/distributed).
    Everything else (sink, metadata, rename, abort) is this one path, so the output
    is the same whoever produced the bundles.

    The limit is checked here too, so no caller can write past it by accident.
    """
    reader, options = writer.reader, writer.options
    check_limit(plan, options)
    if not plan.bundles:
        raise ParameterError("nothing to export: no tiles of the cache lie in the chosen "
                             f"levels and extent; {where_tiles_are(reader)}")
    _check_not_source(reader.path, output)
    existing = existing_cache(output, options.tile_package)
    if existing is not None:
        return merge_export(lambda folder, phase: write_planned(writer, plan, folder, phase),
                            existing, options, feedback)
    try:
        sink = make_sink(output, options.storage_format, options.tile_package, reader.scheme,
                         plan.level_ids)
    except OSError as exc:
        raise _write_error(exc, output) from None
    try:
        result = writer.write(plan, sink, feedback)
        full_extent = _output_extent(reader, plan)
        scheme = _output_scheme(reader, plan, options, full_extent, feedback)
        item = _item_info(reader, output, full_extent, scheme)
        metadata = OutputMetadata(scheme, full_extent, item, tuple(plan.level_ids),
                                  _thumbnail(reader, plan) if options.tile_package else None)
        feedback.check_cancelled()
        path = sink.finish(metadata)
    except OSError as exc:
        # Reads fail as FormatErrors already, so an OSError here is the output
        # side: a full disk, a quota, a folder that went away.
        sink.abort()
        raise _write_error(exc, output) from None
    except BaseException:
        sink.abort()
        raise
    feedback.progress(1.0, "Export complete")
    blocks, smaller, findings = result
    return ExportResult(output=path, tile_count=plan.tile_count, tile_bytes=plan.tile_bytes,
                        levels=plan.level_ids, full_extent=full_extent, item=item,
                        blocks_copied=blocks, tiles_reencoded_smaller=smaller,
                        tile_findings=findings)


def _check_not_source(source, output):
    """Refuse an output that is the source, lies inside it or holds it."""
    source, output = os.path.realpath(source), os.path.realpath(output)
    if os.path.basename(source).lower() in ("conf.xml", "root.json"):
        source = os.path.dirname(source)
    if source == output or os.path.commonpath([source, output]) in (source, output):
        raise ParameterError("the output would overwrite or sit inside the source cache; "
                             "choose another place", output)


def _write_error(exc, output):
    """One line naming the output rather than a temporary name inside it."""
    return TileCacheError(f"cannot write: {exc.strerror or exc}; nothing was written", output)


def reencodes(scheme, options):
    """True when optimizeTilesForSize can change any tile of this cache.

    Only JPEG tiles are re-encoded (MIXED caches hold JPEG and PNG); for PNG or
    LERC caches the option changes nothing, so whole bundles still pass as blocks.
    """
    return options.reencode_quality is not None and \
        holds_jpeg(scheme.tile_format)


class _Reencoder:
    """Re-encodes JPEG tiles on a few threads; counts the tiles that came out smaller."""

    def __init__(self, quality, pool, feedback):
        self.quality = quality
        self.pool = pool
        self.feedback = feedback
        self.smaller = 0

    def entries(self, key, checked, check):
        """``checked`` (TileData) re-encoded; JPEGs Pillow cannot decode go to ``check``."""
        entries = []
        for start in range(0, len(checked), CANCEL_STRIDE):
            self.feedback.check_cancelled()
            chunk = checked[start:start + CANCEL_STRIDE]
            converted, undecoded = reencode_entries(chunk, self.quality, self.pool)
            self.smaller += sum(1 for old, new in zip(chunk, converted) if new.size < old.size)
            check.undecoded.extend(TileKey(key.level, key.row + e.row % BUNDLE_SIZE,
                                           key.col + e.col % BUNDLE_SIZE) for e in undecoded)
            entries.extend(converted)
        return entries


def planned_records(scheme, selection, planned, bundle):
    """The records of an open bundle that a planned export takes from it."""
    contains = None if planned.whole else selection.contains_fn(
        scheme, scheme.lod(planned.key.level), planned.key)
    return selected_records(bundle, planned.key, contains)


class BundleWriter:
    """Writes a plan's bundles to a sink in the plan's order, on this machine.

    A subclass may produce a bundle's tiles elsewhere (tilecache/distributed);
    what is written is decided by the members here: a whole bundle passes as one
    block when the sink can copy it and nothing is re-encoded, otherwise the
    planned records are written, re-encoded at ``quality`` when that is set.
    """

    def __init__(self, reader: TileSource, options):
        self.reader = reader
        self.options = options
        self.quality = options.reencode_quality if reencodes(reader.scheme, options) else None

    def may_copy(self, planned):
        """True when the planned bundle passes as a block if the sink can copy it."""
        return planned.whole and self.quality is None

    def write(self, plan, sink: TileSink, feedback):
        """Write every planned bundle; (blocks copied, tiles re-encoded smaller, the
        tile check's findings). Every tile is checked (tile_check.py); a bundle
        passes as a block only when all of its tiles passed as they are."""
        scheme = self.reader.scheme
        check = TileCheck(scheme.tile_format)
        blocks = 0
        # Pillow releases the GIL while coding, so a few threads shorten re-encoding.
        workers = max(1, min(4, os.cpu_count() or 1)) if self.quality is not None else 1
        with ThreadPoolExecutor(max_workers=workers) as pool:
            reencoder = _Reencoder(self.quality, pool, feedback)
            for done, planned in enumerate(plan.bundles):
                feedback.check_cancelled()
                feedback.progress(done / len(plan.bundles),
                                  f"Level {planned.key.level} bundle {planned.key.file_stem}")
                with self.reader.open_bundle(planned.key) as bundle:
                    if self.may_copy(planned) and copied_whole(planned.key, bundle, sink,
                                                               check):
                        blocks += 1
                        continue
                    records = planned_records(scheme, plan.selection, planned, bundle)
                    checked = check.entries(planned.key, bundle, records)
                    if self.quality is None:
                        entries = [TileData(e.row, e.col, e.size, _fetcher(e, feedback, i))
                                   for i, e in enumerate(checked)]
                    else:
                        entries = reencoder.entries(planned.key, checked, check)
                    if entries:
                        sink.write_bundle(planned.key, entries, scheme.tile_format)
        check.report(feedback)
        return blocks, reencoder.smaller, tuple(check.messages())


def copied_whole(key, bundle, sink, check):
    """Pass a whole bundle to ``sink`` as one block when it can take it and every tile
    passes ``check``; True when it did. A sink that copies tile by tile checks the
    tiles on the way (each read once); one that copies bytes is asked only after
    every tile's head was read and found right."""
    if not sink.can_copy(bundle):
        return False
    if sink.checks_in_stream:
        sink.copy_bundle(key, CheckedBundle(bundle, check))
        return True
    if check.wrong(bundle, bundle.records()):
        return False
    sink.copy_bundle(key, bundle)
    return True


def _fetcher(entry, feedback, position):
    def fetch():
        if position % CANCEL_STRIDE == CANCEL_STRIDE - 1:
            feedback.check_cancelled()
        return entry.fetch()
    return fetch

"""exportTiles: select tiles from any cache or package and write a new one.

    open -> resolve levels -> build selection -> plan (count, limit check)
         -> per bundle: block copy | filter/convert/re-encode -> sink -> commit

Nothing is written until the plan has passed maxExportTilesCount.
"""
import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import List, Optional

from ..params import geometry_input
from ..params import levels as levels_mod
from ..formats.records import TileData
from ..errors import ParameterError, TileCacheError, TileLimitError
from ..feedback import SILENT
from ..metadata.iteminfo import ItemInfo, geographic_extent
from ..model import BundleKey, Coverage, Extent
from ..metadata.package_files import OutputMetadata
from .reencode import reencode_entries
from ..scheme.spatial_reference import SpatialReference
from ..scheme.tile_format import holds_jpeg
from ..params.selection import Selection
from .protocols import TileSink, TileSource
from .sinks import make_sink
from .opening import open_cache
from ..formats.storage_format import StorageFormat
from ..metadata.thumbnail import make_thumbnail

DEFAULT_MAX_TILES = 100_000
#: How many tiles a loop handles between two cancel checks inside one bundle.
CANCEL_STRIDE = 256
#: Share of the progress bar for planning: it reads every candidate bundle's
#: index, small next to copying the tiles.
PLAN_SHARE = 0.1


@dataclass
class ExportOptions:
    """exportTiles parameters, already parsed into plain values."""
    storage_format: StorageFormat = StorageFormat.COMPACT_V2
    tile_package: bool = False
    levels: Optional[str] = None
    export_by: str = "LevelID"
    extent: Optional[Extent] = None
    extent_sr: Optional[SpatialReference] = None
    area_of_interest: object = None
    area_sr: Optional[SpatialReference] = None
    optimize_tiles_for_size: bool = False
    compression_quality: Optional[int] = None
    max_tiles: int = DEFAULT_MAX_TILES

    def __post_init__(self):
        if isinstance(self.storage_format, str):
            self.storage_format = StorageFormat.parse(self.storage_format, "storageFormatType")
        if self.compression_quality is not None and not 0 <= int(self.compression_quality) <= 100:
            raise ParameterError(f"compressionQuality {self.compression_quality} must be 0-100")
        if self.max_tiles is None or int(self.max_tiles) < 0:
            raise ParameterError(f"maxExportTilesCount {self.max_tiles} must be 0 (no limit) "
                                 "or more")

    @property
    def reencode_quality(self):
        if not self.optimize_tiles_for_size:
            return None
        return 75 if self.compression_quality is None else int(self.compression_quality)


@dataclass
class PlannedBundle:
    key: BundleKey
    whole: bool            # every tile of the bundle is selected: a block copy candidate
    tile_count: int
    tile_bytes: int
    rows: tuple            # (row_min, row_max, col_min, col_max) of selected tiles, absolute


@dataclass
class ExportPlan:
    lods: list
    selection: Selection
    bundles: List[PlannedBundle] = field(default_factory=list)

    @property
    def tile_count(self):
        return sum(bundle.tile_count for bundle in self.bundles)

    @property
    def tile_bytes(self):
        return sum(bundle.tile_bytes for bundle in self.bundles)

    @property
    def level_ids(self):
        return sorted({bundle.key.level for bundle in self.bundles})


@dataclass
class ExportResult:
    output: str
    tile_count: int
    tile_bytes: int
    output_bytes: int
    levels: list
    full_extent: Optional[Extent]
    item: Optional[ItemInfo]
    blocks_copied: int = 0
    tiles_reencoded_smaller: int = 0


def build_selection(reader, options):
    """The area to export in the cache's CRS: areaOfInterest supersedes exportExtent."""
    scheme = reader.scheme
    if options.area_of_interest is not None:
        geometry = geometry_input.to_scheme_crs_geometry(
            options.area_of_interest, options.area_sr, scheme.spatial_reference)
        return Selection.from_geometry(geometry)
    if options.extent is not None:
        extent = geometry_input.to_scheme_crs_extent(
            options.extent, options.extent_sr, scheme.spatial_reference)
        return Selection.from_extent(extent)
    return Selection.everything()


def _selected_records(bundle, key, contains):
    """The bundle's records the selection takes; ``contains`` None means all."""
    records = bundle.records()
    return list(records) if contains is None else contains.select(records, key)


def plan_export(reader: TileSource, options, feedback=SILENT):
    """Resolve levels and selection and count exactly what would be exported.

    Every candidate bundle's index is read (not just its footprint counted),
    so the count is of tiles that exist, which is what the limit is about.
    """
    scheme = reader.scheme
    available = reader.levels()
    lods = levels_mod.resolve_levels(options.levels, scheme, options.export_by,
                                     available=available)
    selection = build_selection(reader, options)
    plan = ExportPlan(lods, selection)
    candidates = [(lod, key) for lod in lods for key in reader.bundles(lod.level)]
    for done, (lod, key) in enumerate(candidates):
        feedback.check_cancelled()
        feedback.progress(done / len(candidates), f"Reading the index of level {lod.level} "
                                                  f"bundle {key.file_stem}")
        coverage = selection.bundle_coverage(scheme, key)
        if coverage is Coverage.NONE:
            continue
        contains = None if coverage is Coverage.ALL else selection.contains_fn(scheme, lod, key)
        bundle = reader.open_bundle(key)
        try:
            records = _selected_records(bundle, key, contains)
        finally:
            bundle.close()
        if not records:
            continue
        rows = (key.row + min(r.row for r in records), key.row + max(r.row for r in records),
                key.col + min(r.col for r in records), key.col + max(r.col for r in records))
        plan.bundles.append(PlannedBundle(key, coverage is Coverage.ALL, len(records),
                                          sum(r.size for r in records), rows))
    return plan


def check_limit(plan, options):
    if options.max_tiles and plan.tile_count > options.max_tiles:
        raise TileLimitError(plan.tile_count, options.max_tiles)


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
            for record in _selected_records(bundle, planned.key, contains)[:16 - len(tiles)]:
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


def _output_scheme(reader, plan, options, full_extent):
    """The source scheme with only the LODs that can matter to the output.

    LODs run from the source's first one to the finest exported level: level
    ids stay as they were, and GDAL does not size the raster for empty levels.
    """
    scheme = reader.scheme
    finest = max(plan.level_ids)
    lods = tuple(lod for lod in scheme.lods if lod.level <= finest)
    changes = dict(storage_format=options.storage_format, lods=lods, full_extent=full_extent)
    if reencodes(scheme, options):
        changes["compression_quality"] = options.reencode_quality
    return scheme.with_changes(**changes)


def export_tiles(source_path, output, options, feedback=SILENT):
    """Run exportTiles; returns an ExportResult. Raises TileCacheError subclasses."""
    with open_cache(source_path) as reader:
        plan = plan_export(reader, options, feedback.phase(0.0, PLAN_SHARE))
        return write_export(reader, plan, output, options, feedback.phase(PLAN_SHARE, 1.0))


def write_export(reader: TileSource, plan, output, options, feedback=SILENT):
    """Write a planned export; callers that show planning as its own phase use this.

    The limit is checked here too, so no caller can write past it by accident.
    """
    check_limit(plan, options)
    if not plan.bundles:
        raise ParameterError("nothing to export: no tiles of the cache lie in the chosen "
                             "levels and extent")
    _check_not_source(reader.path, output)
    try:
        sink = make_sink(output, options.storage_format, options.tile_package)
    except OSError as exc:
        raise _write_error(exc, output) from None
    try:
        result = _write(reader, plan, options, sink, feedback)
        full_extent = _output_extent(reader, plan)
        scheme = _output_scheme(reader, plan, options, full_extent)
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
    return ExportResult(path, plan.tile_count, plan.tile_bytes, sink.bytes_written,
                        plan.level_ids, full_extent, item, *result)


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

    def entries(self, bundle, records):
        entries = []
        for start in range(0, len(records), CANCEL_STRIDE):
            self.feedback.check_cancelled()
            chunk = records[start:start + CANCEL_STRIDE]
            converted = reencode_entries(bundle, chunk, self.quality, self.pool)
            self.smaller += sum(1 for rec, new in zip(chunk, converted) if new.size < rec.size)
            entries.extend(converted)
        return entries


def _write(reader: TileSource, plan, options, sink: TileSink, feedback):
    scheme = reader.scheme
    quality = options.reencode_quality if reencodes(scheme, options) else None
    blocks = 0
    # Pillow releases the GIL while coding, so a few threads shorten re-encoding.
    workers = max(1, min(4, os.cpu_count() or 1)) if quality is not None else 1
    with ThreadPoolExecutor(max_workers=workers) as pool:
        reencoder = _Reencoder(quality, pool, feedback)
        for done, planned in enumerate(plan.bundles):
            feedback.check_cancelled()
            feedback.progress(done / len(plan.bundles),
                              f"Level {planned.key.level} bundle {planned.key.file_stem}")
            with reader.open_bundle(planned.key) as bundle:
                if planned.whole and quality is None and sink.can_copy(bundle):
                    sink.copy_bundle(planned.key, bundle)
                    blocks += 1
                    continue
                contains = None if planned.whole else plan.selection.contains_fn(
                    scheme, scheme.lod(planned.key.level), planned.key)
                records = _selected_records(bundle, planned.key, contains)
                if quality is None:
                    entries = [TileData(r.row, r.col, r.size, _fetcher(bundle, r, feedback, i))
                               for i, r in enumerate(records)]
                else:
                    entries = reencoder.entries(bundle, records)
                sink.write_bundle(planned.key, entries, scheme.tile_format)
    return blocks, reencoder.smaller


def _fetcher(bundle, record, feedback, position):
    def fetch():
        if position % CANCEL_STRIDE == CANCEL_STRIDE - 1:
            feedback.check_cancelled()
        return bundle.read(record)
    return fetch

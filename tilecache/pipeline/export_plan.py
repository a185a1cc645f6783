"""What an exportTiles run will write, decided before anything is written.

    resolve levels -> build the selection -> per candidate bundle: how many
    tiles, how many bytes -> the limit check (maxExportTilesCount)

Sources whose bundles hold tiles already (caches, packages) are counted
exactly from their indexes; sources that produce tiles when asked (rendered
layers, remote services) say so with ``counts_exactly = False`` and are
counted from the selection's tile slots inside their extent, an upper bound,
so that planning never renders or downloads. Their plan is a :class:`SlotPlan`:
slots are counted a level at a time, coarsest first, and the limit is checked
as the count grows, so levels 0-23 of the world are refused after a few levels
instead of listing billions of bundles; the bundles themselves are streamed,
never listed, so memory does not grow with the number of levels or slots.
"""
from dataclasses import dataclass, field
from typing import List, Optional

from ..errors import ParameterError, TileLimitError
from ..feedback import SILENT
from ..formats.storage_format import StorageFormat
from ..model import BundleKey, Coverage, Extent
from ..params import geometry_input
from ..params import levels as levels_mod
from ..params.selection import Selection
from ..scheme.spatial_reference import SpatialReference
from .protocols import TileSource

DEFAULT_MAX_TILES = 100_000


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


def selected_records(bundle, key, contains):
    """The bundle's records the selection takes; ``contains`` None means all."""
    records = bundle.records()
    return list(records) if contains is None else contains.select(records, key)


def plan_export(reader: TileSource, options, feedback=SILENT):
    """Resolve levels and selection and count what would be exported.

    For sources that count exactly, every candidate bundle's index is read
    (not just its footprint counted), so the count is of tiles that exist,
    which is what the limit is about.
    """
    scheme = reader.scheme
    lods = resolved_levels(reader, options)
    selection = build_selection(reader, options)
    if not reader.counts_exactly:
        return SlotPlan(reader, lods, selection, count_slots(reader, selection, lods,
                                                             options.max_tiles))
    plan = ExportPlan(lods, selection)
    candidates = [(lod, key) for lod in lods for key in reader.bundles(lod.level)]
    for done, (lod, key) in enumerate(candidates):
        feedback.check_cancelled()
        feedback.progress(done / len(candidates), f"Reading the index of level {lod.level} "
                                                  f"bundle {key.file_stem}")
        coverage = selection.bundle_coverage(scheme, key)
        if coverage is Coverage.NONE:
            continue
        planned = _counted(reader, selection, coverage, lod, key)
        if planned is not None:
            plan.bundles.append(planned)
    return plan


def _counted(reader, selection, coverage, lod, key):
    """The bundle's selected tiles as its index lists them; None when there are none."""
    contains = None if coverage is Coverage.ALL else \
        selection.contains_fn(reader.scheme, lod, key)
    with reader.open_bundle(key) as bundle:
        records = selected_records(bundle, key, contains)
    if not records:
        return None
    rows = (key.row + min(r.row for r in records), key.row + max(r.row for r in records),
            key.col + min(r.col for r in records), key.col + max(r.col for r in records))
    return PlannedBundle(key, coverage is Coverage.ALL, len(records),
                         sum(r.size for r in records), rows)


def _bounded(reader, selection, coverage, lod, key):
    """The selection's tile slots in the bundle, inside the source's extent: an upper bound."""
    scheme = reader.scheme
    bounds = scheme.bundle_footprint(key, lod)
    if reader.full_extent is not None:
        bounds = bounds.intersection(reader.full_extent)
    if selection.envelope is not None and bounds is not None:
        bounds = bounds.intersection(selection.envelope)
    window = None if bounds is None else scheme.tile_window(lod, bounds)
    count = 0 if window is None else selection.count(scheme, [lod], bounds)
    if not count:
        return None
    return PlannedBundle(key, coverage is Coverage.ALL, count, 0, window)


def count_slots(reader, selection, lods, limit):
    """``{level: selected slots inside the source's extent}``, coarsest level first.

    Raises TileLimitError as soon as the running total passes ``limit`` (0: none):
    each level has about four times the slots of the one above, so the levels
    after the one that passes are never counted.
    """
    counts, total = {}, 0
    ordered = sorted(lods, key=lambda lod: lod.level)
    for done, lod in enumerate(ordered):
        counts[lod.level] = selection.count(reader.scheme, [lod], reader.full_extent)
        total += counts[lod.level]
        if limit and total > limit:
            raise TileLimitError(total, limit, at_least=done < len(ordered) - 1)
    return counts


class SlotPlan:
    """The plan of a source that produces its tiles: slots counted per level, bundles
    made when iterated (``bundles`` can be walked any number of times)."""

    def __init__(self, reader, lods, selection, level_slots):
        self.lods, self.selection = lods, selection
        self.level_slots = level_slots
        self.bundles = _StreamedBundles(reader, lods, selection, level_slots)

    @property
    def tile_count(self):
        return sum(self.level_slots.values())

    tile_bytes = 0

    @property
    def level_ids(self):
        return sorted(level for level, count in self.level_slots.items() if count)


class _StreamedBundles:
    """The planned bundles of a SlotPlan, level by level, made one at a time."""

    def __init__(self, reader, lods, selection, level_slots):
        self.reader, self.lods, self.selection = reader, lods, selection
        self.level_slots = level_slots

    def __bool__(self):
        return any(self.level_slots.values())

    def __iter__(self):
        for lod in self.lods:
            if not self.level_slots.get(lod.level):
                continue
            for key in self.reader.bundles(lod.level):
                coverage = self.selection.bundle_coverage(self.reader.scheme, key)
                planned = None if coverage is Coverage.NONE else \
                    _bounded(self.reader, self.selection, coverage, lod, key)
                if planned is not None:
                    yield planned


def resolved_levels(reader, options):
    """The LODs ``options.levels`` names in ``reader``; a levels error also says where
    the tiles are, so the user sees what to ask for instead."""
    try:
        return levels_mod.resolve_levels(options.levels, reader.scheme, options.export_by,
                                         available=reader.levels())
    except ParameterError as exc:
        raise ParameterError(f"{exc.message}; {where_tiles_are(reader)}", exc.path) from None


def where_tiles_are(reader):
    """Where ``reader``'s tiles are, for a message that found none where it looked:
    "tiles exist at levels 0-5 within xmin,ymin,xmax,ymax (EPSG:3857)"."""
    levels = reader.levels()
    if not levels:
        return "it holds no tiles"
    text = f"tiles exist at levels {levels_mod.level_ranges_text(levels)}"
    extent = reader.full_extent
    if extent is not None:
        numbers = ",".join(f"{value:.10g}" for value in extent)
        text += (f" within {numbers} (xmin,ymin,xmax,ymax in "
                 f"{reader.scheme.spatial_reference.describe()})")
    return text


def check_limit(plan, options):
    if options.max_tiles and plan.tile_count > options.max_tiles:
        raise TileLimitError(plan.tile_count, options.max_tiles)

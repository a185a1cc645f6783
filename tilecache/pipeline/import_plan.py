"""What an importTiles run will do, decided before anything is locked or written.

The parameters become filters in the cache's CRS and level numbering; the
package's levels map onto the cache's by resolution; each package bundle that
passes the filters becomes a :class:`PlannedImport`.
"""
from dataclasses import dataclass
from typing import Optional

from ..model import BundleKey, Coverage, Extent
from ..params import geometry_input
from ..params.levels import check_levels_within, named_level_ids, resolve_levels
from ..params.selection import Selection
from ..scheme.matching import check_schemes, match_levels
from ..scheme.spatial_reference import SpatialReference
from .protocols import TileSource


@dataclass
class ImportOptions:
    """importTiles parameters, already parsed into plain values."""
    extent: Optional[Extent] = None
    extent_sr: Optional[SpatialReference] = None
    levels: Optional[str] = None
    merge_bundle: bool = True
    replace_tiles: bool = True
    area_of_interest: object = None
    area_sr: Optional[SpatialReference] = None
    lock_timeout: Optional[float] = None


@dataclass
class ImportFilters:
    """What the parameters select, in the cache's CRS and level numbering."""
    wanted: Optional[set]       # cache level ids, None: every level of the package
    extent: Optional[Extent]
    area: Optional[Selection]

    @classmethod
    def from_options(cls, scheme, options):
        wanted = None
        if options.levels not in (None, ""):
            # Ids past the cache's LODs get the REST error, not "not in the cache".
            check_levels_within(named_level_ids(options.levels), scheme)
            wanted = {lod.level for lod in resolve_levels(options.levels, scheme, "LevelID")}
        area = None
        if options.area_of_interest is not None:
            area = Selection.from_geometry(geometry_input.to_scheme_crs_geometry(
                options.area_of_interest, options.area_sr, scheme.spatial_reference))
        extent = None
        if options.extent is not None:
            extent = geometry_input.to_scheme_crs_extent(
                options.extent, options.extent_sr, scheme.spatial_reference, "extent")
        return cls(wanted, extent, area)


@dataclass
class PlannedImport:
    source_key: BundleKey     # in the package's numbering
    target_key: BundleKey     # in the cache's numbering
    contains: object          # None: every tile of the bundle


def plan_import(cache, package: TileSource, filters):
    """The package bundles to import and where they go; refuses mismatched schemes."""
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
                if coverage is Coverage.NONE:
                    continue
                if coverage is Coverage.SOME:
                    contains = filters.area.contains_fn(cache.scheme, lod, target)
            planned.append(PlannedImport(key, target, contains))
    return planned

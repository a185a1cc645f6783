"""Does a package's tiling scheme fit a cache? Level ids may differ; geometry may not."""
import math

from ..errors import LevelRangeError, SchemeMismatchError
from .tiling_scheme import RELATIVE_TOLERANCE

#: Origins may differ by rounding, but by less than this share of the finest
#: pixel of either scheme: beyond it, tiles would land shifted.
ORIGIN_PIXEL_TOLERANCE = 0.01


def match_levels(cache_scheme, package_scheme, package_levels, skip_out_of_range=False):
    """Map each package level id to the cache LOD with the same resolution.

    A resolution outside the cache's coarsest..finest range is the REST
    "not within the min and max scale range" error (or, with
    ``skip_out_of_range``, left out of the map); one inside the range that
    equals no LOD means the schemes differ.
    """
    resolutions = [lod.resolution for lod in cache_scheme.lods]
    coarsest, finest = max(resolutions), min(resolutions)
    mapping = {}
    for level in package_levels:
        lod = package_scheme.lod(level)
        target = cache_scheme.nearest_lod("resolution", lod.resolution)
        if target is None:
            if lod.resolution > coarsest * (1 + RELATIVE_TOLERANCE) or \
                    lod.resolution < finest * (1 - RELATIVE_TOLERANCE):
                if skip_out_of_range:
                    continue
                raise LevelRangeError(level)
            nearest = cache_scheme.nearest_lod("resolution", lod.resolution, None).resolution
            raise SchemeMismatchError(f"the resolution of package level {level}",
                                      repr(lod.resolution),
                                      f"the nearest LOD resolution is {nearest!r}")
        mapping[level] = target
    return mapping


def check_schemes(cache_scheme, package_scheme):
    """Raise SchemeMismatchError naming the first property that differs."""
    cache_sr, package_sr = cache_scheme.spatial_reference, package_scheme.spatial_reference
    if not cache_sr.same_as(package_sr):
        raise SchemeMismatchError("the spatial reference", package_sr.describe(),
                                  cache_sr.describe())
    package_size = (package_scheme.tile_width, package_scheme.tile_height)
    cache_size = (cache_scheme.tile_width, cache_scheme.tile_height)
    if package_size != cache_size:
        raise SchemeMismatchError("the tile size", "%dx%d" % package_size, "%dx%d" % cache_size)
    # The finest pixel of either scheme: the cache's finest level is where a
    # shifted origin would show, even if this package stops short of it.
    finest = min(lod.resolution for lod in package_scheme.lods + cache_scheme.lods)
    tolerance = ORIGIN_PIXEL_TOLERANCE * finest
    for axis, mine, theirs in (("X", package_scheme.origin_x, cache_scheme.origin_x),
                               ("Y", package_scheme.origin_y, cache_scheme.origin_y)):
        if not math.isclose(mine, theirs, rel_tol=1e-12, abs_tol=tolerance):
            raise SchemeMismatchError(f"the tile origin {axis}", repr(mine), repr(theirs))

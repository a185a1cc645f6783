"""Which level draws a map of a given resolution, and which fill its gaps.

A tile client shows the level whose resolution is nearest the map's
(nearest by ratio, so a level is used from 0.71x to 1.41x its own
resolution); beyond the finest level the finest is upsampled, beyond the
coarsest the coarsest is downsampled. Where the chosen level has no tile the
next coarser levels with tiles fill in, upsampled: a gap or the area past a
level's edge is never blank while any coarser tile covers it.
"""
import math


def level_order(lods, resolution):
    """The LODs (of levels holding tiles) to draw with, best first: the one nearest
    ``resolution`` (map units per pixel), then every coarser one, finest first."""
    if not lods:
        return []
    chosen = min(lods, key=lambda lod: (abs(math.log(lod.resolution / resolution)),
                                        lod.resolution))
    coarser = sorted((lod for lod in lods if lod.resolution > chosen.resolution),
                     key=lambda lod: lod.resolution)
    return [chosen] + coarser

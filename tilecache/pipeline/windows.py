"""Where a source that produces tiles (rendered layers, a remote service) has work.

Such sources know no bundle files: their bundles are the ones covering the
tiles of a level that lie inside both the data's extent and the selection.
"""
from ..model import BUNDLE_SIZE, BundleKey


def selected_window(scheme, selection, level, key=None):
    """Tile rows and columns of ``level`` (or of bundle ``key``) inside the data and selection.

    ``(row_min, row_max, col_min, col_max)`` inclusive, or None.
    """
    lod = scheme.lod(level)
    bounds = scheme.full_extent
    if key is not None:
        footprint = scheme.bundle_footprint(key, lod)
        bounds = footprint if bounds is None else footprint.intersection(bounds)
    if bounds is not None and selection.envelope is not None:
        bounds = bounds.intersection(selection.envelope)
    return None if bounds is None else scheme.tile_window(lod, bounds)


def bundles_covering(level, window):
    """The BundleKeys of ``level`` whose 128 x 128 tiles meet ``window`` (None: none).

    Made one at a time: level 23 of the world has 4 billion bundles.
    """
    if window is None:
        return
    row_min, row_max, col_min, col_max = window
    for row in range(row_min - row_min % BUNDLE_SIZE, row_max + 1, BUNDLE_SIZE):
        for col in range(col_min - col_min % BUNDLE_SIZE, col_max + 1, BUNDLE_SIZE):
            yield BundleKey(level, row, col)

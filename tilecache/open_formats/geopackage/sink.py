"""Writing a GeoPackage tile pyramid: any tiling scheme, in the cache's own CRS.

The tile matrix set's top-left corner is the scheme's origin, so Esri rows
and columns are GeoPackage tile rows and columns unchanged at every level;
each LOD becomes a tile matrix whose zoom_level is its level id.
"""
import math
import os
from fractions import Fraction

from ...model import Extent, TileKey
from ..sink_base import TileByTileSink, refuse_folder
from ..sqlite_file import create_database
from .schema import (APPLICATION_ID, CREATE_TABLES, DEFAULT_SRS, USER_VERSION, ZOOM_OTHER,
                     create_tile_table, table_name)
from .srs import srs_row

KIND = "GeoPackage"
#: Ratios of neighbouring resolutions this close to 2 need no zoom-other extension; a
#: ratio this close to a fraction is that fraction.
RATIO_TOLERANCE = 1e-9
#: A tile count this close (relatively) to a whole number is that number.
COUNT_TOLERANCE = 1e-7
#: Largest denominator of a resolution ratio, and largest step, whole_tiles_step takes.
MAX_DENOMINATOR = 4096


class GeoPackageSink(TileByTileSink):
    """A .gpkg being written under a temporary name; implements TileSink."""

    kind = KIND

    def __init__(self, output, scheme, levels):
        refuse_folder(output, KIND)
        super().__init__(output, scheme)
        self.table = table_name(os.path.splitext(os.path.basename(self.output))[0])
        self.connection = create_database(self.temp, APPLICATION_ID, USER_VERSION)
        for statement in CREATE_TABLES + (create_tile_table(self.table),):
            self.connection.execute(statement)
        self._insert = self.connection.cursor()
        self._sql = (f'INSERT INTO "{self.table}" (zoom_level, tile_column, tile_row, tile_data) '
                     f'VALUES (?, ?, ?, ?)')

    def put_bundle(self, tiles):
        self._insert.executemany(self._sql, [(key.level, key.col, key.row, data)
                                             for key, data in tiles])

    def write_metadata(self, metadata):
        # The source scheme keeps every LOD, which a cache folder's would thin out.
        scheme = self.scheme
        srs = srs_row(scheme.spatial_reference)
        execute = self.connection.execute
        rows = [row for row in DEFAULT_SRS if row[1] != srs.srs_id] + [tuple(srs)]
        self.connection.executemany("INSERT INTO gpkg_spatial_ref_sys VALUES (?, ?, ?, ?, ?, ?)",
                                    rows)
        # The source scheme keeps every LOD, which a cache folder would thin out.
        scheme = self.scheme.with_changes(tile_format=metadata.scheme.tile_format)
        box = matrix_set_box(scheme, metadata.full_extent, self.windows)
        contents = (metadata.full_extent or box).intersection(box) or box
        if not halves_only(scheme):
            contents = self.on_every_grid(contents)
        item = metadata.item
        execute("INSERT INTO gpkg_contents (table_name, data_type, identifier, description, "
                "min_x, min_y, max_x, max_y, srs_id) VALUES (?, 'tiles', ?, ?, ?, ?, ?, ?, ?)",
                (self.table, item.title or item.name, item.description or item.summary or "",
                 *contents, srs.srs_id))
        execute("INSERT INTO gpkg_tile_matrix_set VALUES (?, ?, ?, ?, ?, ?)",
                (self.table, srs.srs_id, *box))
        self.connection.executemany(
            "INSERT INTO gpkg_tile_matrix VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [(self.table, *matrix) for matrix in tile_matrices(scheme, box)])
        if not halves_only(scheme):
            execute("INSERT INTO gpkg_extensions VALUES (?, 'tile_data', ?, ?, ?)",
                    (self.table, *ZOOM_OTHER))
        execute("COMMIT")

    def on_every_grid(self, extent):
        """``extent`` grown to whole tiles of the coarsest level written.

        Where resolutions are not halves of each other, a pixel edge of one level is
        seldom one of another, and GDAL starts every level's raster at the bounds;
        ArcGIS's scale sets make a coarse tile a whole number of pixels at every
        level, so its edges are on every level's pixel grid.
        """
        coarsest = max(self.windows, key=lambda level: self.scheme.lod(level).resolution)
        window = self.scheme.tile_window(self.scheme.lod(coarsest), extent)
        return self.scheme.tiles_footprint(coarsest, *window) if window else extent

    def close(self):
        if self.connection is not None:
            self.connection.close()
            self.connection = None


def matrix_set_box(scheme, full_extent, windows):
    """The tile matrix set's bounds: from the origin, whole tiles of the coarsest LOD
    reaching past the full extent and every tile written, in a count of them that is a
    whole number of tiles at every LOD too (Requirement 45) where one exists."""
    coarsest = max(scheme.lods, key=lambda lod: lod.resolution)
    span_x, span_y = scheme.tile_span(coarsest)
    right, bottom = scheme.origin_x + span_x, scheme.origin_y - span_y
    if full_extent is not None:
        right, bottom = max(right, full_extent.xmax), min(bottom, full_extent.ymin)
    for level, (_, row_max, _, col_max) in windows.items():
        corner = scheme.tile_footprint(TileKey(level, row_max, col_max))
        right, bottom = max(right, corner.xmax), min(bottom, corner.ymin)
    step = whole_tiles_step(scheme, coarsest)
    columns = _round_up(whole_tiles((right - scheme.origin_x) / span_x), step)
    rows = _round_up(whole_tiles((scheme.origin_y - bottom) / span_y), step)
    return Extent(scheme.origin_x, scheme.origin_y - rows * span_y,
                  scheme.origin_x + columns * span_x, scheme.origin_y)


def whole_tiles_step(scheme, coarsest):
    """The fewest coarsest-LOD tiles that make a whole number of tiles at every LOD: the
    least common multiple of the denominators of the resolution ratios; 1 when a ratio
    is no fraction with a denominator up to MAX_DENOMINATOR (the matrices then cover
    the set rounded up, the nearest GeoPackage allows)."""
    step = 1
    for lod in scheme.lods:
        exact = coarsest.resolution / lod.resolution
        ratio = Fraction(exact).limit_denominator(MAX_DENOMINATOR)
        if abs(float(ratio) - exact) > RATIO_TOLERANCE * exact:
            return 1
        step = step * ratio.denominator // math.gcd(step, ratio.denominator)
    return step if step <= MAX_DENOMINATOR else 1


def whole_tiles(count):
    """``count`` tiles rounded up to a whole number; counts off one by the rounding of
    resolutions in real files (root.json keeps 16 digits) are that number."""
    nearest = round(count)
    return nearest if abs(count - nearest) <= COUNT_TOLERANCE * max(1, count) else \
        math.ceil(count)


def _round_up(count, step):
    return -(-count // step) * step


def tile_matrices(scheme, box):
    """(zoom_level, matrix_width, matrix_height, tile_width, tile_height, pixel_x_size,
    pixel_y_size) per LOD: as many whole tiles as cover the matrix set."""
    for lod in sorted(scheme.lods, key=lambda lod: lod.level):
        span_x, span_y = scheme.tile_span(lod)
        yield (lod.level, max(1, whole_tiles(box.width / span_x)),
               max(1, whole_tiles(box.height / span_y)), scheme.tile_width,
               scheme.tile_height, lod.resolution, lod.resolution)


def halves_only(scheme):
    """True when each LOD halves the resolution of the one before (level ids in order)."""
    lods = sorted(scheme.lods, key=lambda lod: lod.level)
    return all(abs(a.resolution / b.resolution - 2) <= RATIO_TOLERANCE and b.level == a.level + 1
               for a, b in zip(lods, lods[1:]))

"""Reading a GeoPackage tile pyramid as a TileSource in its own CRS.

Each tile matrix becomes an LOD whose level id is its zoom_level; the tile
matrix set's top-left corner is the origin. Matrices that disagree with
their set or with each other are refused naming the file, as Esri schemes
have one tile size and square pixels.
"""
import math

from ...errors import FormatError
from ...metadata.iteminfo import ItemInfo
from ...model import LOD, Extent
from ...scheme.tiling_scheme import TilingScheme
from ..image_header import SNIFFED_TILES, first_tile_size
from ..sqlite_file import SqliteReader
from ..sqlite_source import TILE_COLUMNS, SqliteTileSource, TableLayout
from .schema import SAFE_NAME
from .srs import scale_of, spatial_reference_of

KIND = "GeoPackage"
#: Pixel sizes, and a matrix's width against its set's, agree within this share.
TOLERANCE = 1e-6
MATRIX_COLUMNS = ("table_name", "zoom_level", "matrix_width", "matrix_height", "tile_width",
                  "tile_height", "pixel_x_size", "pixel_y_size")


def open_geopackage(path):
    """The first tile pyramid of a GeoPackage as a SqliteTileSource."""
    db = SqliteReader(path, "a GeoPackage")
    try:
        db.require("gpkg_contents", ("table_name", "data_type"), "GeoPackage contents")
        table, identifier, description, bounds = _tile_table(db)
        db.require("gpkg_tile_matrix_set", ("table_name", "srs_id", "min_x", "max_y"),
                   "the tile matrix set")
        db.require("gpkg_tile_matrix", MATRIX_COLUMNS, "the tile matrices")
        db.require(table, TILE_COLUMNS, "the tiles")
        srs_id, box = _matrix_set(db, table)
        matrices = _matrices(db, table, box)
        spatial_reference = _spatial_reference(db, srs_id)
        tile_format = _tile_format(db, table, (matrices[0][3], matrices[0][4]))
        scheme = _scheme(matrices, box, spatial_reference, bounds, tile_format)
        layout = TableLayout(table, {m[0]: m[0] for m in matrices},
                             {m[0]: (m[1], m[2]) for m in matrices}, False, KIND)
        name = identifier or table
        item = ItemInfo(name=name, title=name, description=description,
                        summary=description[:250], snippet=description[:250],
                        tags=("tiles", "GeoPackage"), spatial_reference=spatial_reference)
        return SqliteTileSource(db, layout, scheme, item)
    except BaseException:
        db.close()
        raise


def _tile_table(db):
    found = db.rows("SELECT table_name, identifier, description, min_x, min_y, max_x, max_y "
                    "FROM gpkg_contents WHERE data_type = 'tiles' ORDER BY table_name")
    if not found:
        raise FormatError("the GeoPackage holds no tile pyramid (no gpkg_contents row of "
                          "data_type 'tiles')", db.path)
    table, identifier, description, *bounds = found[0]
    if not isinstance(table, str) or not SAFE_NAME.match(table):
        raise FormatError(f"tile table name {table!r} cannot be read", db.path)
    try:
        box = Extent.checked(bounds, ValueError)
    except ValueError:
        box = None
    return table, str(identifier or ""), str(description or ""), box


def _matrix_set(db, table):
    found = db.rows("SELECT srs_id, min_x, min_y, max_x, max_y FROM gpkg_tile_matrix_set "
                    "WHERE table_name = ?", (table,))
    if not found:
        raise FormatError(f"tile table {table} has no gpkg_tile_matrix_set row", db.path)
    srs_id, *bounds = found[0]
    box = Extent.checked(bounds, lambda reason: FormatError(
        f"gpkg_tile_matrix_set of {table}: {reason}", db.path))
    return srs_id, box


def _matrices(db, table, box):
    """[(zoom, width, height, tile w, tile h, pixel size)] for the zooms holding tiles."""
    stored = {zoom for (zoom,) in db.rows(f'SELECT DISTINCT zoom_level FROM "{table}"')}
    matrices = []
    for zoom, width, height, tile_w, tile_h, px, py in db.rows(
            "SELECT zoom_level, matrix_width, matrix_height, tile_width, tile_height, "
            "pixel_x_size, pixel_y_size FROM gpkg_tile_matrix WHERE table_name = ? "
            "ORDER BY zoom_level", (table,)):
        where = f"tile matrix at zoom level {zoom!r} of {table}"
        fail = (lambda reason: FormatError(f"{where}: {reason}", db.path))
        if not all(isinstance(v, int) and v > 0 for v in (width, height, tile_w, tile_h)) or \
                not isinstance(zoom, int) or not 0 <= zoom <= 99:
            raise fail("zoom level 0-99, sizes and counts must be positive whole numbers")
        if not all(isinstance(v, (int, float)) and math.isfinite(v) and v > 0 for v in (px, py)):
            raise fail("pixel sizes must be positive numbers")
        if abs(px - py) > TOLERANCE * px:
            raise fail(f"pixels are {px} x {py}, not square")
        _check_against_set(box, width * tile_w * px, height * tile_h * py, tile_w * px, fail)
        matrices.append((zoom, width, height, tile_w, tile_h, float(px)))
    missing = sorted(stored - {m[0] for m in matrices}, key=str)
    if missing:
        raise FormatError(f"tiles at zoom level {missing[0]!r} of {table} have no tile matrix",
                          db.path)
    if not matrices:
        raise FormatError(f"tile table {table} has no tile matrix", db.path)
    sizes = {(m[3], m[4]) for m in matrices}
    if len(sizes) > 1:
        raise FormatError(f"the tile matrices of {table} mix tile sizes "
                          f"{sorted(sizes)}; an Esri tiling scheme has one", db.path)
    return matrices


def _check_against_set(box, width, height, span, fail):
    """A matrix covers its set (Requirement 45), or by less than one tile more when its
    resolution is no simple fraction of the others' (matrix_set_box): else it disagrees
    with it."""
    for name, covered, wanted in (("wide", width, box.width), ("high", height, box.height)):
        if covered < wanted * (1 - TOLERANCE) or covered > wanted + span * (1 + TOLERANCE):
            raise fail(f"its tiles are {covered:.6g} map units {name}, its tile matrix set "
                       f"{wanted:.6g}")


def _spatial_reference(db, srs_id):
    found = db.rows("SELECT organization, organization_coordsys_id, definition FROM "
                    "gpkg_spatial_ref_sys WHERE srs_id = ?", (srs_id,)) \
        if "gpkg_spatial_ref_sys" in db.tables() else []
    if not found:
        raise FormatError(f"srs_id {srs_id!r} of the tile matrix set is not in "
                          f"gpkg_spatial_ref_sys", db.path)
    return spatial_reference_of(*found[0])


def _tile_format(db, table, tile_size):
    """PNG or JPEG, by the first tiles; they must be of the matrices' tile size."""
    tiles = [(f"zoom level {zoom} column {col} row {row}", data) for zoom, col, row, data in
             db.rows(f'SELECT zoom_level, tile_column, tile_row, tile_data FROM "{table}" '
                     f'ORDER BY zoom_level LIMIT ?', (SNIFFED_TILES,))]
    if not tiles:
        return "PNG"
    tiles = [(where, db.blob(data, where)) for where, data in tiles]
    if first_tile_size(tiles, db.path) != tile_size:
        raise FormatError(f"tiles of {table} are not {tile_size[0]} x {tile_size[1]} px as "
                          f"its tile matrices say", db.path)
    return "JPEG" if tiles[0][1].startswith(b"\xff\xd8") else "PNG"


def _scheme(matrices, box, spatial_reference, bounds, tile_format):
    tile_w, tile_h = matrices[0][3], matrices[0][4]
    lods = tuple(LOD(zoom, px, scale_of(px, spatial_reference))
                 for zoom, _, _, _, _, px in matrices)
    full = bounds.intersection(box) if bounds is not None else None
    return TilingScheme(spatial_reference, box.xmin, box.ymax, tile_w, tile_h, 96, lods,
                        tile_format=tile_format, full_extent=full or box)

"""Reading an MBTiles file as a TileSource: its zooms become Esri levels of the same number."""
from ...errors import FormatError
from ..image_header import SNIFFED_TILES, first_tile_size
from ..sqlite_file import SqliteReader
from ..sqlite_source import TILE_COLUMNS, SqliteTileSource, TableLayout
from ..metadata_rows import bounds_of, item_from_metadata, tile_format_of
from ..web_mercator import MAX_ZOOM, TILE_SIZES, xyz_scheme

KIND = "MBTiles"


def open_mbtiles(path):
    """An MBTiles file as a SqliteTileSource; FormatError naming it when it is not one."""
    db = SqliteReader(path, "an MBTiles file")
    try:
        db.require("tiles", TILE_COLUMNS, "where MBTiles keeps its tiles")
        metadata = _metadata(db)
        zooms = _zooms(db)
        size = _tile_size(db)
        scheme = xyz_scheme(zooms, size, tile_format_of(metadata, db.path),
                            bounds_of(metadata.get("bounds")))
        layout = TableLayout("tiles", {zoom: zoom for zoom in zooms},
                             {zoom: (1 << zoom, 1 << zoom) for zoom in zooms}, True, KIND)
        return SqliteTileSource(db, layout, scheme, item_from_metadata(metadata, scheme))
    except BaseException:
        db.close()
        raise


def _metadata(db):
    if "metadata" not in db.tables():
        return {}
    db.require("metadata", ("name", "value"), "MBTiles metadata")
    return {str(name).lower(): str(value) for name, value in
            db.rows("SELECT name, value FROM metadata") if name is not None and value is not None}


def _zooms(db):
    zooms = [zoom for (zoom,) in db.rows("SELECT DISTINCT zoom_level FROM tiles ORDER BY 1")]
    if not zooms:
        raise FormatError("the MBTiles file holds no tiles", db.path)
    bad = [zoom for zoom in zooms if not isinstance(zoom, int) or not 0 <= zoom <= MAX_ZOOM]
    if bad:
        raise FormatError(f"zoom_level {bad[0]!r} is not a zoom level (0 to {MAX_ZOOM})", db.path)
    return zooms


def _tile_size(db):
    """The tile size, from the headers of the first few tiles (never decoded)."""
    tiles = [(f"zoom level {zoom} column {col} row {row}", data) for zoom, col, row, data in
             db.rows("SELECT zoom_level, tile_column, tile_row, tile_data FROM tiles ORDER BY "
                     "zoom_level LIMIT ?", (SNIFFED_TILES,))]
    width, height = first_tile_size([(where, db.blob(data, where)) for where, data in tiles],
                                    db.path)
    if width != height or width not in TILE_SIZES:
        raise FormatError(f"tiles are {width} x {height} px; MBTiles tiles are 256 or 512 px "
                          f"squares", db.path)
    return width

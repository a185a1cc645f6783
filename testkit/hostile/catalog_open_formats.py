"""Hostile MBTiles, GeoPackages and XYZ folders: SQLite that is not what it says, broken
tile blobs, tile matrices that disagree with their set, bombs."""
import sqlite3

from .bombs import png_bomb
from .cases import case, export, opened


def _made(d, base, name):
    """A valid MBTiles / GeoPackage / XYZ folder of the V2 sample, made by the core."""
    from tile_package_tools.tilecache.pipeline.export import ExportOptions, export_tiles
    return export_tiles(str(base["tpkx"]), str(d / name), ExportOptions()).output


def _sql(path, *statements):
    """``path`` after running ``statements`` on it: SQL text, or (SQL, parameters)."""
    with sqlite3.connect(path) as db:
        for statement in statements:
            db.execute(*((statement,) if isinstance(statement, str) else statement))
    db.close()
    return path


def _to_tpkx(path, d):
    return export(path, d / "out.tpkx", tilePackage="true")


@case("x.mbtiles", cli=True)
def sqlite_that_is_not_mbtiles(d, base):
    return opened(_sql(d / "x.mbtiles", "CREATE TABLE notes (text TEXT)",
                       "INSERT INTO notes VALUES ('hello')"))


@case("x.mbtiles", cli=True)
def mbtiles_that_is_not_sqlite(d, base):
    (d / "x.mbtiles").write_bytes(b"PK\x03\x04 not a database" * 100)
    return opened(d / "x.mbtiles")


@case("x.gpkg")
def geopackage_without_tiles(d, base):
    path = _made(d, base, "x.gpkg")
    return opened(_sql(path, "UPDATE gpkg_contents SET data_type = 'features'"))


@case("x.mbtiles", cli=True)
def mbtiles_tile_data_is_text(d, base):
    path = _made(d, base, "x.mbtiles")
    return _to_tpkx(_sql(path, "UPDATE tiles SET tile_data = 'not an image' WHERE zoom_level "
                               "= 2 AND tile_column = 1"), d)


@case("x.mbtiles")
def mbtiles_tile_data_is_empty(d, base):
    path = _made(d, base, "x.mbtiles")
    return _to_tpkx(_sql(path, "UPDATE tiles SET tile_data = x'' WHERE zoom_level = 1"), d)


@case("x.mbtiles")
def mbtiles_tile_data_too_large(d, base):
    path = _made(d, base, "x.mbtiles")
    return _to_tpkx(_sql(path, "UPDATE tiles SET tile_data = zeroblob(17000000) WHERE "
                               "zoom_level = 2 AND tile_column = 0 AND tile_row = 0"), d)


@case("x.mbtiles")
def mbtiles_tile_outside_the_grid(d, base):
    path = _made(d, base, "x.mbtiles")
    return _to_tpkx(_sql(path, "UPDATE tiles SET tile_row = 7 WHERE zoom_level = 1 AND "
                               "tile_column = 0 AND tile_row = 0"), d)


@case("x.mbtiles")
def mbtiles_tile_twice(d, base):
    path = _made(d, base, "x.mbtiles")
    return _to_tpkx(_sql(path, "DROP INDEX tile_index",
                         "INSERT INTO tiles SELECT * FROM tiles WHERE zoom_level = 1 LIMIT 1"), d)


@case("x.mbtiles")
def mbtiles_zoom_level_is_text(d, base):
    path = _made(d, base, "x.mbtiles")
    return opened(_sql(path, "UPDATE tiles SET zoom_level = 'two' WHERE zoom_level = 2"))


@case("x.mbtiles", cli=True)
def mbtiles_decompression_bomb(d, base):
    """Every tile claims 60000 x 60000 pixels: refused from the header, never decoded."""
    path = _made(d, base, "x.mbtiles")
    return _to_tpkx(_sql(path, ("UPDATE tiles SET tile_data = ?", (png_bomb(),))), d)


@case("x.mbtiles")
def mbtiles_vector_tiles(d, base):
    path = _made(d, base, "x.mbtiles")
    return opened(_sql(path, "UPDATE metadata SET value = 'pbf' WHERE name = 'format'"))


@case("x.gpkg", cli=True)
def gpkg_matrix_disagrees_with_its_set(d, base):
    path = _made(d, base, "x.gpkg")
    return _to_tpkx(_sql(path, "UPDATE gpkg_tile_matrix SET matrix_width = 1 WHERE zoom_level "
                               "= 2"), d)


@case("x.gpkg")
def gpkg_tiles_without_a_matrix(d, base):
    path = _made(d, base, "x.gpkg")
    return opened(_sql(path, "DELETE FROM gpkg_tile_matrix WHERE zoom_level = 1"))


@case("x.gpkg")
def gpkg_matrix_tile_size_lies(d, base):
    path = _made(d, base, "x.gpkg")
    return opened(_sql(path, "UPDATE gpkg_tile_matrix SET tile_width = 512, tile_height = 512, "
                             "pixel_x_size = pixel_x_size / 2, pixel_y_size = pixel_y_size / 2"))


@case("x.gpkg")
def gpkg_pixels_not_square(d, base):
    path = _made(d, base, "x.gpkg")
    return opened(_sql(path, "UPDATE gpkg_tile_matrix SET pixel_y_size = pixel_y_size * 2"))


@case("x.gpkg")
def gpkg_table_name_with_a_quote(d, base):
    path = _made(d, base, "x.gpkg")
    return opened(_sql(path, "PRAGMA foreign_keys = OFF", "UPDATE gpkg_contents SET table_name "
                             "= 'x\"; DROP TABLE gpkg_contents; --'"))


@case("x.gpkg")
def gpkg_srs_not_defined(d, base):
    path = _made(d, base, "x.gpkg")
    return opened(_sql(path, "PRAGMA foreign_keys = OFF",
                       "UPDATE gpkg_tile_matrix_set SET srs_id = 987654"))


@case("xyz")
def xyz_tile_outside_the_grid(d, base):
    root = _made(d, base, "xyz/{z}/{x}/{y}.png")
    (d / "xyz" / "1" / "0" / "9.png").write_bytes((d / "xyz" / "1" / "0" / "0.png").read_bytes())
    return _to_tpkx(root, d)


@case("metadata.json")
def xyz_metadata_not_json(d, base):
    root = _made(d, base, "xyz/{z}/{x}/{y}.png")
    (d / "xyz" / "metadata.json").write_text("{'name': nope", encoding="utf-8")
    return opened(root)


@case("x.mbtiles", cli=True)
def import_of_a_damaged_mbtiles(d, base):
    """A NULL tile in the last bundle: the cache stays as it was (all or nothing)."""
    import shutil
    cache = shutil.copytree(base["v1"], d / "cache")
    path = _made(d, base, "x.mbtiles")
    _sql(path, "UPDATE tiles SET tile_data = NULL WHERE rowid = (SELECT MAX(rowid) FROM tiles)")
    return {"op": "import", "input": str(cache), "params": {"sourceItemId": str(path)}}

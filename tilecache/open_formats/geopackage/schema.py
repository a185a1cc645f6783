"""The GeoPackage 1.3 tables a tile pyramid needs (OGC 12-128r18, Annex C), and names.

See docs/formats.md#geopackage for the rules these follow.
"""
import re

#: "GPKG", the application id GeoPackage 1.2 and later require (Req. 2).
APPLICATION_ID = 0x47504B47
#: Version 1.3.0 as user_version: major * 10000 + minor * 100 + patch.
USER_VERSION = 10300
CREATE_TABLES = (
    "CREATE TABLE gpkg_spatial_ref_sys (srs_name TEXT NOT NULL, srs_id INTEGER NOT NULL "
    "PRIMARY KEY, organization TEXT NOT NULL, organization_coordsys_id INTEGER NOT NULL, "
    "definition TEXT NOT NULL, description TEXT)",
    "CREATE TABLE gpkg_contents (table_name TEXT NOT NULL PRIMARY KEY, data_type TEXT NOT NULL, "
    "identifier TEXT UNIQUE, description TEXT DEFAULT '', last_change DATETIME NOT NULL "
    "DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')), min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, "
    "max_y DOUBLE, srs_id INTEGER, CONSTRAINT fk_gc_r_srs_id FOREIGN KEY (srs_id) REFERENCES "
    "gpkg_spatial_ref_sys(srs_id))",
    "CREATE TABLE gpkg_tile_matrix_set (table_name TEXT NOT NULL PRIMARY KEY, srs_id INTEGER "
    "NOT NULL, min_x DOUBLE NOT NULL, min_y DOUBLE NOT NULL, max_x DOUBLE NOT NULL, max_y "
    "DOUBLE NOT NULL, CONSTRAINT fk_gtms_table_name FOREIGN KEY (table_name) REFERENCES "
    "gpkg_contents(table_name), CONSTRAINT fk_gtms_srs FOREIGN KEY (srs_id) REFERENCES "
    "gpkg_spatial_ref_sys (srs_id))",
    "CREATE TABLE gpkg_tile_matrix (table_name TEXT NOT NULL, zoom_level INTEGER NOT NULL, "
    "matrix_width INTEGER NOT NULL, matrix_height INTEGER NOT NULL, tile_width INTEGER NOT "
    "NULL, tile_height INTEGER NOT NULL, pixel_x_size DOUBLE NOT NULL, pixel_y_size DOUBLE NOT "
    "NULL, CONSTRAINT pk_ttm PRIMARY KEY (table_name, zoom_level), CONSTRAINT "
    "fk_tmm_table_name FOREIGN KEY (table_name) REFERENCES gpkg_contents(table_name))",
    "CREATE TABLE gpkg_extensions (table_name TEXT, column_name TEXT, extension_name TEXT NOT "
    "NULL, definition TEXT NOT NULL, scope TEXT NOT NULL, CONSTRAINT ge_tce UNIQUE (table_name, "
    "column_name, extension_name))",
)
#: The three rows every GeoPackage's gpkg_spatial_ref_sys holds (Req. 11).
DEFAULT_SRS = (
    ("WGS 84 geodetic", 4326, "EPSG", 4326,
     'GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563,'
     'AUTHORITY["EPSG","7030"]],AUTHORITY["EPSG","6326"]],PRIMEM["Greenwich",0,'
     'AUTHORITY["EPSG","8901"]],UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],'
     'AXIS["Latitude",NORTH],AXIS["Longitude",EAST],AUTHORITY["EPSG","4326"]]',
     "longitude/latitude coordinates in decimal degrees on the WGS 84 spheroid"),
    ("Undefined cartesian SRS", -1, "NONE", -1, "undefined", "undefined cartesian coordinate "
     "reference system"),
    ("Undefined geographic SRS", 0, "NONE", 0, "undefined", "undefined geographic coordinate "
     "reference system"),
)
#: The user-defined srs_id of a CRS known by WKT only.
CUSTOM_SRS_ID = 100000


def create_tile_table(name):
    """A tile pyramid user data table (Req. 33 / Table 9)."""
    return (f'CREATE TABLE "{name}" (id INTEGER PRIMARY KEY AUTOINCREMENT, zoom_level INTEGER '
            f'NOT NULL, tile_column INTEGER NOT NULL, tile_row INTEGER NOT NULL, tile_data BLOB '
            f'NOT NULL, UNIQUE (zoom_level, tile_column, tile_row))')


#: Zoom levels whose pixel sizes are not factors of two apart need this extension
#: (GeoPackage 1.3 Annex F.5, "Zoom Other Intervals").
ZOOM_OTHER = ("gpkg_zoom_other", "http://www.geopackage.org/spec/#extension_zoom_other",
              "read-write")
#: A table name we write: letters, digits and underscores, not starting with a digit
#: nor with "gpkg_" (Req. 42 reserves that prefix).
_NOT_NAME = re.compile(r"[^A-Za-z0-9_]+")
#: A table name we read: anything SQLite quotes safely in double quotes.
SAFE_NAME = re.compile(r'^[^"\x00]{1,200}$')


def table_name(text):
    """A tile table name made from the output's name."""
    name = _NOT_NAME.sub("_", text).strip("_") or "tiles"
    if name[0].isdigit() or name.lower().startswith("gpkg_"):
        name = "t_" + name
    return name

"""The MBTiles 1.3 tables, and how Esri facts map onto its metadata rows.

See docs/formats.md#mbtiles for the rules (source: mapbox/mbtiles-spec 1.3/spec.md).
"""
#: "MPBX", the application id SQLite's magic.txt assigns to MBTiles.
APPLICATION_ID = 0x4D504258
CREATE_TABLES = (
    "CREATE TABLE metadata (name text, value text)",
    "CREATE TABLE tiles (zoom_level integer, tile_column integer, tile_row integer, "
    "tile_data blob)",
    # Before the bulk insert: built afterwards, SQLite would read every tile's page
    # back to find the keys (the tiles sit in the table's pages); kept up as rows
    # arrive it only touches the small index pages.
    "CREATE UNIQUE INDEX tile_index ON tiles (zoom_level, tile_column, tile_row)",
)
CREATE_INDEXES = ("CREATE UNIQUE INDEX name ON metadata (name)",)
INSERT_TILE = "INSERT INTO tiles (zoom_level, tile_column, tile_row, tile_data) VALUES (?, ?, ?, ?)"
def tms_row(zoom, row):
    """MBTiles counts rows from the bottom (TMS); the XYZ grid and Esri from the top."""
    return (1 << zoom) - 1 - row

"""Writing an MBTiles file: tile for tile from an Esri cache on the XYZ grid."""
from ..sink_base import TileByTileSink, refuse_folder
from ..sqlite_file import create_database
from ..metadata_rows import metadata_rows
from ..web_mercator import check_levels, xyz_zooms
from .schema import APPLICATION_ID, CREATE_INDEXES, CREATE_TABLES, INSERT_TILE, tms_row

KIND = "MBTiles"


class MBTilesSink(TileByTileSink):
    """An .mbtiles being written under a temporary name; implements TileSink."""

    kind = KIND

    def __init__(self, output, scheme, levels):
        refuse_folder(output, KIND)
        self.zooms = xyz_zooms(scheme, KIND)
        check_levels(self.zooms, levels, KIND)
        super().__init__(output, scheme)
        self.connection = create_database(self.temp, APPLICATION_ID)
        for statement in CREATE_TABLES:
            self.connection.execute(statement)
        self._insert = self.connection.cursor()

    def put_bundle(self, tiles):
        # One executemany per bundle: the per-tile cost is SQLite's, not Python's.
        zooms = self.zooms
        self._insert.executemany(INSERT_TILE, [
            (zooms[key.level], key.col, tms_row(zooms[key.level], key.row), data)
            for key, data in tiles])

    def write_metadata(self, metadata):
        zooms = sorted({self.zooms[level] for level in self.windows})
        rows = metadata_rows(metadata, zooms)
        self.connection.executemany("INSERT INTO metadata (name, value) VALUES (?, ?)",
                                    rows.items())
        for statement in CREATE_INDEXES:
            self.connection.execute(statement)
        self.connection.execute("COMMIT")

    def close(self):
        if self.connection is not None:
            self.connection.close()
            self.connection = None

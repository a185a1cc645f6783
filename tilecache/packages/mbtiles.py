"""The MBTiles kind: one SQLite file of Web Mercator tiles in TMS rows
(docs/formats.md#mbtiles; the code is in tilecache/open_formats/mbtiles)."""
from ..open_formats.mbtiles.sink import MBTilesSink
from ..open_formats.mbtiles.source import open_mbtiles
from ..open_formats.sqlite_file import is_sqlite
# A SQLite file named .gpkg is never read as MBTiles.
from .geopackage import EXTENSION as GEOPACKAGE_EXTENSION

EXTENSION = ".mbtiles"


class MBTilesKind:
    name = "MBTiles"

    def names_output(self, path):
        return str(path).lower().endswith(EXTENSION)

    def make_sink(self, output, scheme, levels):
        return MBTilesSink(output, scheme, levels)

    def is_input(self, path):
        """A .mbtiles, or a SQLite file named neither way: MBTiles is the older of the two."""
        name = str(path).lower()
        return name.endswith(EXTENSION) or \
            (not name.endswith(GEOPACKAGE_EXTENSION) and is_sqlite(path))

    def open(self, path):
        return open_mbtiles(path)


KIND = MBTilesKind()

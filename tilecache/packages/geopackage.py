"""The GeoPackage kind: one SQLite file holding a tile matrix set in any CRS
(docs/formats.md#geopackage; the code is in tilecache/open_formats/geopackage)."""
from ..open_formats.geopackage.sink import GeoPackageSink
from ..open_formats.geopackage.source import open_geopackage

EXTENSION = ".gpkg"


class GeoPackageKind:
    name = "GeoPackage"

    def names_output(self, path):
        return str(path).lower().endswith(EXTENSION)

    def make_sink(self, output, scheme, levels):
        return GeoPackageSink(output, scheme, levels)

    def is_input(self, path):
        return str(path).lower().endswith(EXTENSION)

    def open(self, path):
        return open_geopackage(path)


KIND = GeoPackageKind()

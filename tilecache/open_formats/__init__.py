"""The open tile kinds, MBTiles, GeoPackage and XYZ folders, found through one registry.

Each kind is one subpackage with a ``KIND`` object (:class:`OpenKind`): which
output and input paths are its own, its sink and its opener. The pipeline
asks ``output_kind(path)`` / ``input_kind(path)`` and never names a kind.
"""
from typing import Callable, NamedTuple, Optional

from .geopackage.sink import GeoPackageSink
from .geopackage.source import open_geopackage
from .mbtiles.sink import MBTilesSink
from .mbtiles.source import open_mbtiles
from .sqlite_file import is_sqlite
from .xyz.layout import looks_like_xyz, split_template
from .xyz.sink import XyzSink
from .xyz.source import XyzSource


class OpenKind(NamedTuple):
    name: str
    #: True when an OUTPUT path asks for this kind.
    is_output: Callable[[str], bool]
    #: (output, source scheme, level ids to write) -> TileSink; refuses a scheme it
    #: cannot hold before anything is written.
    make_sink: Callable
    #: True when an INPUT path is this kind.
    is_input: Callable[[str], bool]
    #: path -> TileSource.
    open: Callable


def _extension(*names):
    return lambda path: str(path).lower().endswith(names)


def _xyz_sink(output, scheme, levels):
    root, extension = split_template(output)
    return XyzSink(root, scheme, levels, extension)


def _xyz_input(path):
    return split_template(path) is not None or looks_like_xyz(str(path))


def _open_xyz(path):
    template = split_template(path)
    return XyzSource(template[0] if template else str(path), path)


KINDS = (
    OpenKind("MBTiles", _extension(".mbtiles"), MBTilesSink,
             lambda path: _extension(".mbtiles")(path) or _unnamed_sqlite(path), open_mbtiles),
    OpenKind("GeoPackage", _extension(".gpkg"), GeoPackageSink, _extension(".gpkg"),
             open_geopackage),
    OpenKind("XYZ folder", lambda path: split_template(path) is not None, _xyz_sink, _xyz_input,
             _open_xyz),
)


def _unnamed_sqlite(path):
    """A SQLite file without either extension is read as MBTiles, the older of the two."""
    return not str(path).lower().endswith(".gpkg") and is_sqlite(path)


def output_kind(path) -> Optional[OpenKind]:
    """The open kind an OUTPUT path names, or None for the Esri kinds."""
    return next((kind for kind in KINDS if kind.is_output(str(path))), None)


def input_kind(path) -> Optional[OpenKind]:
    """The open kind an INPUT path is, or None for the Esri kinds."""
    return next((kind for kind in KINDS if kind.is_input(str(path))), None)

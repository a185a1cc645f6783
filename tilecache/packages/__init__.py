"""Every kind of tile package or container, one module each, found through one registry.

Two roles (``protocols``): a package kind (.tpkx, .tpk: a zip of Esri bundles)
knows its extension, where its bundles sit, its metadata files, its item type,
the storage format of its bundles and how to open a package of its kind; an
open kind (MBTiles, GeoPackage, an XYZ folder) knows which OUTPUT and INPUT
paths are its own, its sink and its reader. A new kind is a new module with a
``KIND`` object listed in ``_KINDS`` or ``_OPEN_KINDS``. No other module spells
a kind or asks its name (tests/test_code_shape.py).
"""
from ..errors import FormatError, ParameterError
from ..formats import format_for
from ..io.safe_zip import SafeZip
from ..io.stores import ZipStore
from ..pipeline.store_opening import refuse_vector_tiles
from . import geopackage, mbtiles, tpk, tpkx, xyz

#: In the order opening tries them: a .tpkx is told by its root.json.
_KINDS = (tpkx.KIND, tpk.KIND)
#: In the order INPUT paths are matched: a SQLite file named neither way is MBTiles.
_OPEN_KINDS = (geopackage.KIND, mbtiles.KIND, xyz.KIND)
_BY_NAME = {kind.name: kind for kind in _KINDS}
#: Every kind's file extension ("*.tpkx"-style filters, download and drop checks).
EXTENSIONS = tuple(kind.extension for kind in _KINDS)
#: Type keywords naming some package kind: a package made from another drops them.
KIND_KEYWORDS = frozenset(keyword for kind in _KINDS for keyword in kind.item_type.keywords)


def package_kinds():
    return _KINDS


def kind_named(name):
    """The kind named ``name`` ("tpkx", ".tpkx", any case); ParameterError if none."""
    key = str(name).strip().lower().lstrip(".")
    if key not in _BY_NAME:
        raise ParameterError(f"package kind {name!r} is not "
                             f"{' or '.join(sorted(_BY_NAME))}")
    return _BY_NAME[key]


def kind_for_storage(storage):
    """The kind of package that carries ``storage`` (a StorageFormat or its spelling), or
    None when no package holds that storage (exploded)."""
    storage = format_for(storage).storage
    return next((kind for kind in _KINDS if kind.storage == storage), None)


def is_package_name(path):
    """True when ``path`` ends with a package kind's extension (any case)."""
    return str(path).lower().endswith(EXTENSIONS)


def output_kind(path):
    """The open kind an OUTPUT path names, or None (a cache folder or package: the
    storage format and tilePackage choose)."""
    return next((kind for kind in _OPEN_KINDS if kind.names_output(str(path))), None)


def input_kind(path):
    """The open kind an INPUT path is, or None (an Esri cache folder or package)."""
    return next((kind for kind in _OPEN_KINDS if kind.is_input(str(path))), None)


def package_files(kind, metadata):
    """The metadata files a package of ``kind`` carries for ``metadata``, by member name."""
    return kind.files(metadata, KIND_KEYWORDS)


def open_package(path):
    """A CacheReader of the package file ``path``, whichever kind it is."""
    archive = SafeZip(path)
    try:
        store = ZipStore(archive)
        for kind in _KINDS:
            reader = kind.open(store, path)
            if reader is not None:
                return reader
        refuse_vector_tiles(store, path)
        raise FormatError("not a tile package: it holds neither " +
                          " nor ".join(kind.signature for kind in _KINDS), path)
    except BaseException:
        archive.close()
        raise

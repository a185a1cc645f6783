"""Open any Esri cache or package for reading: ``open_cache(path)``.

Accepts a cache folder, its ``conf.xml``, an unpacked package folder
(``root.json``), or a package file of any kind the package registry knows
(tilecache/packages: .tpkx, .tpk), or an open kind the same registry knows (MBTiles,
GeoPackage, an XYZ folder), read as a cache in its own scheme; finds the scheme file wherever real
writers put it (docs/formats.md#tpkx-package, #tpk-package) and returns a
:class:`CacheReader`.
"""
import os

from ..errors import FormatError
from ..io.stores import FolderStore
from ..packages import input_kind, open_package
from .cache_reader import FOLDER_KIND
from .store_opening import open_store, refuse_vector_tiles


def _open_folder(root, path):
    store = FolderStore(root)
    reader = open_store(store, path, FOLDER_KIND)
    if reader is None:
        # ArcGIS Server caches nest the cache in a "Layers"-like folder.
        for name in (name for name, is_dir in store.listdir("") if is_dir):
            if store.find_file(name, "conf.xml"):
                reader = open_store(store, path, FOLDER_KIND, prefix=name)
                break
    if reader is None:
        refuse_vector_tiles(store, path)
        raise FormatError("not a tile cache: no conf.xml (or root.json) in this folder", path)
    return reader


#: conf.xml's root element (docs/formats.md), whatever the file is called.
_CACHE_INFO = b"<CacheInfo"


def _is_cache_configuration(path):
    """True when the file's first bytes are ArcGIS's CacheInfo XML (a conf.xml)."""
    with open(path, "rb") as stream:
        head = stream.read(4096)
    return head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<") and _CACHE_INFO in head


def open_cache(path):
    """Open a cache folder, conf.xml, root.json, package file or open kind for reading."""
    path = os.fspath(path)
    kind = input_kind(path)
    if kind is not None:
        return kind.open(path)
    full = os.path.abspath(path)
    if os.path.isdir(full):
        return _open_folder(full, path)
    if os.path.isfile(full):
        base = os.path.basename(full).lower()
        if base in ("conf.xml", "root.json"):
            return _open_folder(os.path.dirname(full), path)
        if _is_cache_configuration(full):
            raise FormatError("a tile cache configuration (ArcGIS conf.xml) with no tiles "
                              "beside it, not a tile package: give the cache's folder, which "
                              "holds conf.xml and _alllayers, or a .tpk or .tpkx", path)
        return open_package(full)
    raise FormatError("no such file or folder", path)

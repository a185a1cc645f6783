"""Open any Esri cache or package for reading: ``open_cache(path)``.

Accepts a cache folder, its ``conf.xml``, an unpacked package folder
(``root.json``), or a package file of any kind the package registry knows
(tilecache/packages: .tpkx, .tpk); finds the scheme file wherever real
writers put it (docs/formats.md#tpkx-package, #tpk-package) and returns a
:class:`CacheReader`.
"""
import os

from ..errors import FormatError
from ..io.stores import FolderStore
from ..packages import open_package
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


def open_cache(path):
    """Open a cache folder, conf.xml, root.json or package file for reading."""
    path = os.fspath(path)
    full = os.path.abspath(path)
    if os.path.isdir(full):
        return _open_folder(full, path)
    if os.path.isfile(full):
        base = os.path.basename(full).lower()
        if base in ("conf.xml", "root.json"):
            return _open_folder(os.path.dirname(full), path)
        return open_package(full)
    raise FormatError("no such file or folder", path)

"""A cache read from a store: find its scheme file (conf.xml, else root.json) and
build the CacheReader. Shared by cache folders (opening.py) and every package
kind read in place (tilecache/packages), so it imports neither.
"""
import os
import posixpath

from ..errors import VectorTilesError
from ..io.json_text import JsonTextError, decode_json
from ..io.safe_zip import clean_member_name
from ..io.stores import FolderStore, ZipStore
from ..metadata.conf_reader import read_conf_cdi, read_conf_xml
from ..metadata.service_json import read_root_json
from .cache_reader import CacheReader

CACHE_TILES_FOLDER = "_alllayers"
#: Where a vector tile package keeps root.json, tiles, tilemap and styles
#: (docs/formats.md#tpkx-package).
VECTOR_ROOT = "p12"


def _is_vector_root_json(data):
    """True for the root.json of vector tiles: ``type`` indexedVector, ``pbf`` tiles or
    ``defaultStyles`` (what Esri's vector tile services and packages carry)."""
    try:
        doc = decode_json(data)
    except JsonTextError:
        return False  # read_root_json says what is wrong with it
    if not isinstance(doc, dict):
        return False
    tile_info = doc.get("tileInfo") if isinstance(doc.get("tileInfo"), dict) else {}
    return "vector" in str(doc.get("type", "")).lower() or "defaultStyles" in doc or \
        str(tile_info.get("format", "")).lower() == "pbf"


def refuse_vector_tiles(store, path):
    """Raise VectorTilesError when ``store`` is laid out as a vector tile package:
    p12/root.json."""
    if store.find_file(VECTOR_ROOT, "root.json") is not None:
        raise VectorTilesError(path)


def _bundles_path(raw, where):
    """root.json's tileBundlesPath, refused if it tries to leave the package."""
    path = (raw or "./tile").strip()
    if path.startswith("./"):
        path = path[2:]
    clean = clean_member_name(path, where)
    return "" if clean in (".", "") else clean


def _with_extent(scheme, store):
    cdi = store.find_file("", "conf.cdi")
    if cdi is None or scheme.full_extent is not None:
        return scheme
    return scheme.with_changes(full_extent=read_conf_cdi(store.read(cdi), store.display_name(cdi)))


def open_store(store, path, kind, prefix=""):
    """Find the scheme file in ``prefix`` of a store and build the reader of ``kind``
    (``cache_reader.FOLDER_KIND`` or a package kind's name); None if there is none."""
    rel = (lambda name: posixpath.join(prefix, name) if prefix else name)
    conf = store.find_file(prefix, "conf.xml")
    if conf is not None:
        scheme = read_conf_xml(store.read(rel(conf)), store.display_name(rel(conf)))
        if prefix:
            store = _reroot(store, prefix)
        return CacheReader(store, _with_extent(scheme, store), CACHE_TILES_FOLDER, path, kind)
    root = store.find_file(prefix, "root.json")
    if root is not None:
        data = store.read(rel(root))
        if _is_vector_root_json(data):
            raise VectorTilesError(path)
        scheme = read_root_json(data, store.display_name(rel(root)))
        bundles_path = scheme.extra.get("tile_bundles_path")
        return CacheReader(store, scheme, _bundles_path(bundles_path, path), path, kind)
    return None


def _reroot(store, prefix):
    if isinstance(store, FolderStore):
        return FolderStore(os.path.join(store.root, prefix))
    return ZipStore(store.archive, posixpath.join(store.prefix, prefix), owns_archive=True)

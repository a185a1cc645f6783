"""Open any Esri cache or package for reading: ``open_cache(path)``.

Accepts a cache folder, its ``conf.xml``, an unpacked package folder
(``root.json``), a ``.tpk`` or a ``.tpkx``; finds the scheme file wherever
real writers put it (docs/formats.md#tpkx-package, #tpk-package) and returns a
:class:`CacheReader`.
"""
import os
import posixpath

from ..errors import FormatError, VectorTilesError
from ..io.json_text import JsonTextError, decode_json
from ..io.safe_zip import SafeZip, clean_member_name
from ..io.stores import FolderStore, ZipStore
from ..metadata.conf_reader import read_conf_cdi, read_conf_xml
from ..metadata.iteminfo import read_iteminfo_json, read_iteminfo_xml
from ..metadata.service_json import read_root_json
from .cache_reader import CacheReader, SourceKind

CACHE_TILES_FOLDER = "_alllayers"
TPK_ITEMINFO = "esriinfo/iteminfo.xml"
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


def _refuse_vector_tiles(store, path):
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


def _open_store(store, path, kind, prefix=""):
    """Find the scheme file in ``prefix`` of a store and build the reader; None if none."""
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


def _open_folder(root, path):
    store = FolderStore(root)
    reader = _open_store(store, path, SourceKind.FOLDER)
    if reader is None:
        # ArcGIS Server caches nest the cache in a "Layers"-like folder.
        for name in (name for name, is_dir in store.listdir("") if is_dir):
            if store.find_file(name, "conf.xml"):
                reader = _open_store(store, path, SourceKind.FOLDER, prefix=name)
                break
    if reader is None:
        _refuse_vector_tiles(store, path)
        raise FormatError("not a tile cache: no conf.xml (or root.json) in this folder", path)
    return reader


def _open_tpkx(store, path):
    reader = _open_store(store, path, SourceKind.TPKX)
    info = store.find_file("", "iteminfo.json")
    if info:
        reader.item_info = read_iteminfo_json(store.read(info), store.display_name(info))
    return reader


def _open_tpk(store, archive, path):
    """A .tpk: the shallowest conf.xml with an _alllayers folder beside it; None if none."""
    confs = sorted((name for name in archive.names()
                    if posixpath.basename(name).lower() == "conf.xml"),
                   key=lambda name: (name.count("/"), name))
    for conf in confs:
        folder = posixpath.dirname(conf)
        if any(n.lower() == CACHE_TILES_FOLDER for n, d in store.listdir(folder) if d):
            reader = _open_store(store, path, SourceKind.TPK, prefix=folder)
            if store.exists(TPK_ITEMINFO):
                reader.item_info = read_iteminfo_xml(store.read(TPK_ITEMINFO),
                                                     store.display_name(TPK_ITEMINFO))
            return reader
    return None


def _open_package(path):
    archive = SafeZip(path)
    try:
        store = ZipStore(archive)
        reader = _open_tpkx(store, path) if store.find_file("", "root.json") else \
            _open_tpk(store, archive, path)
        if reader is None:
            _refuse_vector_tiles(store, path)
            raise FormatError("not a tile package: it holds neither root.json (.tpkx) nor "
                              "<root>/conf.xml with _alllayers (.tpk)", path)
        return reader
    except BaseException:
        archive.close()
        raise


#: conf.xml's root element (docs/formats.md), whatever the file is called.
_CACHE_INFO = b"<CacheInfo"


def _is_cache_configuration(path):
    """True when the file's first bytes are ArcGIS's CacheInfo XML (a conf.xml)."""
    with open(path, "rb") as stream:
        head = stream.read(4096)
    return head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<") and _CACHE_INFO in head


def open_cache(path):
    """Open a cache folder, conf.xml, root.json, .tpk or .tpkx for reading."""
    path = os.fspath(path)
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
        return _open_package(full)
    raise FormatError("no such file or folder", path)

"""Open any Esri cache or package for reading, whatever its kind.

``open_cache(path)`` accepts a cache folder, its ``conf.xml``, an unpacked
package folder (``root.json``), a ``.tpk`` or a ``.tpkx``, and returns a
:class:`CacheReader`: tiling scheme, levels, bundles per level, tiles.
"""
import os
import posixpath
import re

from ..formats import exploded
from ..formats.bundle_reader import V1BundleReader, V2BundleReader
from ..errors import FormatError, TileCacheError
from ..model import BUNDLE_SIZE, BundleKey, TileKey
from ..formats.storage_format import StorageFormat
from ..io.stores import FolderStore, ZipStore
from ..io.safe_zip import SafeZip, clean_member_name

LEVEL_FOLDER = re.compile(r"^L(\d+)$", re.IGNORECASE)
BUNDLE_NAME = re.compile(r"^R(.*)C(.*)\.bundle$", re.IGNORECASE)
HEX = re.compile(r"^[0-9a-fA-F]{4,10}$")
CACHE_TILES_FOLDER = "_alllayers"


class CacheReader:
    """Read access to one cache; ``kind`` is "folder", "tpk" or "tpkx"."""

    def __init__(self, store, scheme, tiles_rel, path, kind, item_info=None):
        self.store = store
        self.scheme = scheme
        self.tiles_rel = tiles_rel
        self.path = str(path)
        self.kind = kind
        self.item_info = item_info
        self._level_folders = None
        self._bundle_names = {}
        self._exploded_bundles = {}
        self._rows = {}

    @property
    def storage(self):
        return self.scheme.storage_format

    @property
    def full_extent(self):
        return self.scheme.full_extent

    def _rel(self, *parts):
        return posixpath.join(self.tiles_rel, *parts) if self.tiles_rel else posixpath.join(*parts)

    def _levels(self):
        if self._level_folders is None:
            folders = {}
            for name, is_dir in self.store.listdir(self.tiles_rel):
                match = LEVEL_FOLDER.match(name)
                if not (is_dir and match):
                    continue
                level = int(match.group(1))
                if self.scheme.lod(level) is None:
                    raise FormatError(f"level folder {name} is not a level of the tiling scheme "
                                      f"(levels {min(self.scheme.level_ids)}-"
                                      f"{max(self.scheme.level_ids)})",
                                      self.store.display_name(self._rel(name)))
                folders[level] = name
            self._level_folders = folders
        return self._level_folders

    def levels(self):
        """Level ids whose folders hold at least one bundle (or tile)."""
        return [level for level in sorted(self._levels()) if self.bundles(level)]

    def bundles(self, level):
        """The level's bundles, as BundleKeys sorted by row then column."""
        folder = self._levels().get(level)
        if folder is None:
            return []
        if self.storage is StorageFormat.EXPLODED:
            # Listing an exploded level walks every row folder: do it once.
            if level not in self._exploded_bundles:
                self._exploded_bundles[level] = exploded.bundles_in_level(
                    self.store, level, self._rel(folder), self._exploded_rows(level))
            return self._exploded_bundles[level]
        if level not in self._bundle_names:
            names = {}
            for name, is_dir in self.store.listdir(self._rel(folder)):
                match = BUNDLE_NAME.match(name)
                if is_dir or not match:
                    continue
                where = self.store.display_name(self._rel(folder, name))
                if not (HEX.match(match.group(1)) and HEX.match(match.group(2))):
                    raise FormatError("bundle name is not R<hex row>C<hex col>.bundle", where)
                row, col = int(match.group(1), 16), int(match.group(2), 16)
                if row % BUNDLE_SIZE or col % BUNDLE_SIZE:
                    raise FormatError(f"bundle row {row} / col {col} is not a multiple of "
                                      f"{BUNDLE_SIZE}", where)
                names[BundleKey(level, row, col)] = name
            self._bundle_names[level] = names
        return sorted(self._bundle_names[level])

    def _exploded_rows(self, level):
        """An exploded level's row numbers, listed once per reader, not per bundle."""
        if level not in self._rows:
            folder = self._levels()[level]
            self._rows[level] = sorted(exploded.rows_in_level(self.store, self._rel(folder)))
        return self._rows[level]

    def bundle_rel(self, key):
        """Relative path of a bundle file inside the store (compact storage)."""
        self.bundles(key.level)
        name = self._bundle_names.get(key.level, {}).get(key)
        if name is None:
            return None
        return self._rel(self._levels()[key.level], name)

    def open_bundle(self, key):
        """A reader for one bundle; None when the cache has no such bundle."""
        if self.storage is StorageFormat.EXPLODED:
            folder = self._levels().get(key.level)
            return None if folder is None else \
                exploded.ExplodedBundleReader(self.store, self._rel(folder), key,
                                              self._exploded_rows(key.level))
        rel = self.bundle_rel(key)
        if rel is None:
            return None
        if self.storage is StorageFormat.COMPACT_V2:
            return _reader_or_close(V2BundleReader, self.store.source(rel))
        index_rel = rel[:-len(".bundle")] + ".bundlx"
        if not self.store.exists(index_rel):
            raise FormatError("V1 bundle has no .bundlx index beside it",
                              self.store.display_name(rel))
        return _reader_or_close(V1BundleReader, self.store.source(rel),
                                self.store.source(index_rel))

    def tile(self, key: TileKey):
        reader = self.open_bundle(key.bundle)
        if reader is None:
            return None
        try:
            return reader.tile(key.row, key.col)
        finally:
            reader.close()

    def iter_tiles(self, levels=None):
        """Every tile as (TileKey, bytes), bundle by bundle, in file order."""
        for level in (self.levels() if levels is None else levels):
            for key in self.bundles(level):
                reader = self.open_bundle(key)
                try:
                    keyed = getattr(reader, "keyed_tiles", None)
                    if keyed is not None:
                        yield from keyed(key)
                        continue
                    for row, col, data in reader.tiles():
                        yield TileKey(level, key.row + row, key.col + col), data
                finally:
                    reader.close()

    def tile_count(self, levels=None):
        total = 0
        for level in (self.levels() if levels is None else levels):
            for key in self.bundles(level):
                reader = self.open_bundle(key)
                try:
                    total += reader.tile_count
                finally:
                    reader.close()
        return total

    def close(self):
        self.store.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def _reader_or_close(reader_class, *sources):
    """Build a bundle reader; a refused header must not leak the open files."""
    try:
        return reader_class(*sources)
    except BaseException:
        for source in sources:
            source.close()
        raise


def _find(names, wanted):
    for name in names:
        if name.lower() == wanted:
            return name
    return None


def _bundles_path(raw, where):
    """root.json's tileBundlesPath, refused if it tries to leave the package."""
    path = (raw or "./tile").strip()
    if path.startswith("./"):
        path = path[2:]
    clean = clean_member_name(path, where)
    return "" if clean in (".", "") else clean


def _with_extent(scheme, store, folder_names, where):
    from ..metadata.conf_reader import read_conf_cdi
    cdi = _find(folder_names, "conf.cdi")
    if cdi is None or scheme.full_extent is not None:
        return scheme
    return scheme.with_changes(full_extent=read_conf_cdi(store.read(cdi), store.display_name(cdi)))


def _open_store(store, path, kind, prefix=""):
    """Find the scheme file in ``prefix`` of a store and build the reader."""
    from ..metadata.conf_reader import read_conf_xml
    from ..metadata.service_json import read_root_json
    names = [name for name, is_dir in store.listdir(prefix) if not is_dir]
    rel = (lambda name: posixpath.join(prefix, name) if prefix else name)
    conf = _find(names, "conf.xml")
    if conf is not None:
        scheme = read_conf_xml(store.read(rel(conf)), store.display_name(rel(conf)))
        if prefix:
            store = _reroot(store, prefix)
        scheme = _with_extent(scheme, store, names, path)
        return CacheReader(store, scheme, CACHE_TILES_FOLDER, path, kind)
    root = _find(names, "root.json")
    if root is not None:
        scheme = read_root_json(store.read(rel(root)), store.display_name(rel(root)))
        bundles_path = scheme.extra.get("tile_bundles_path")
        return CacheReader(store, scheme, _bundles_path(bundles_path, path), path, kind)
    return None


def _reroot(store, prefix):
    if isinstance(store, FolderStore):
        return FolderStore(os.path.join(store.root, prefix))
    return ZipStore(store.archive, posixpath.join(store.prefix, prefix), owns_archive=True)


def _open_folder(root, path):
    store = FolderStore(root)
    reader = _open_store(store, path, "folder")
    if reader is None:
        # ArcGIS Server caches nest the cache in a "Layers"-like folder.
        subfolders = [name for name, is_dir in store.listdir("") if is_dir]
        for name in subfolders:
            if _find([n for n, d in store.listdir(name) if not d], "conf.xml"):
                reader = _open_store(store, path, "folder", prefix=name)
                break
    if reader is None:
        raise FormatError("not a tile cache: no conf.xml (or root.json) in this folder", path)
    return reader


def _open_package(path):
    archive = SafeZip(path)
    try:
        store = ZipStore(archive)
        top = [name for name, is_dir in store.listdir("") if not is_dir]
        if _find(top, "root.json"):
            reader = _open_store(store, path, "tpkx")
            info = _find(top, "iteminfo.json")
            if info:
                from ..metadata.iteminfo import read_iteminfo_json
                reader.item_info = read_iteminfo_json(store.read(info),
                                                      store.display_name(info))
            return reader
        confs = sorted((name for name in archive.names()
                        if posixpath.basename(name).lower() == "conf.xml"),
                       key=lambda name: (name.count("/"), name))
        for conf in confs:
            folder = posixpath.dirname(conf)
            if any(n.lower() == CACHE_TILES_FOLDER for n, d in store.listdir(folder) if d):
                reader = _open_store(store, path, "tpk", prefix=folder)
                info = "esriinfo/iteminfo.xml"
                if store.exists(info):
                    from ..metadata.iteminfo import read_iteminfo_xml
                    reader.item_info = read_iteminfo_xml(store.read(info),
                                                         store.display_name(info))
                return reader
        raise FormatError("not a tile package: it holds neither root.json (.tpkx) nor "
                          "<root>/conf.xml with _alllayers (.tpk)", path)
    except TileCacheError:
        archive.close()
        raise
    except Exception:
        archive.close()
        raise


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
        return _open_package(full)
    raise FormatError("no such file or folder", path)

"""The .tpk package kind (Compact V1 bundles): a cache folder inside the zip (conf.xml
with _alllayers, ArcGIS writes it under v101/Layers), item metadata in
esriinfo/ (docs/formats.md#tpk-package)."""
import posixpath

from ..formats.storage_format import StorageFormat
from ..metadata.iteminfo import ItemType, read_iteminfo_xml, write_item_pkinfo, write_iteminfo_xml
from ..metadata.service_json import write_mapserver_json
from ..pipeline.store_opening import CACHE_TILES_FOLDER, open_store

#: Root folder name inside a .tpk; ArcGIS writes "Layers" (readers accept any).
TPK_ROOT = "v101/Layers"
TPK_ITEMINFO = "esriinfo/iteminfo.xml"


class TpkKind:
    name = "tpk"
    extension = ".tpk"
    storage = StorageFormat.COMPACT_V1
    tiles_prefix = f"{TPK_ROOT}/{CACHE_TILES_FOLDER}/"
    item_type = ItemType("Tile Package", ("Data", "Tile Package", "ArcMap", "ArcGlobe", "tpk"),
                         "thumbnail/thumbnail.png")
    signature = "<root>/conf.xml with _alllayers (.tpk)"

    def files(self, metadata, kind_keywords):
        item = metadata.item
        files = {
            "esriinfo/iteminfo.xml": write_iteminfo_xml(item, self.item_type, kind_keywords),
            "esriinfo/item.pkinfo": write_item_pkinfo(item, self.item_type),
            "servicedescriptions/mapserver/mapserver.json":
                write_mapserver_json(metadata.scheme, item.name, metadata.full_extent,
                                     item.description, item.extent_geographic),
        }
        if metadata.thumbnail_png:
            files["esriinfo/thumbnail/thumbnail.png"] = metadata.thumbnail_png
        files.update({f"{TPK_ROOT}/{name}": data
                      for name, data in metadata.folder_files().items()})
        return files

    def open(self, store, path):
        """The shallowest conf.xml with an _alllayers folder beside it; None if none."""
        confs = sorted((name for name in store.archive.names()
                        if posixpath.basename(name).lower() == "conf.xml"),
                       key=lambda name: (name.count("/"), name))
        for conf in confs:
            folder = posixpath.dirname(conf)
            if any(n.lower() == CACHE_TILES_FOLDER for n, d in store.listdir(folder) if d):
                reader = open_store(store, path, self.name, prefix=folder)
                if store.exists(TPK_ITEMINFO):
                    reader.item_info = read_iteminfo_xml(store.read(TPK_ITEMINFO),
                                                         store.display_name(TPK_ITEMINFO))
                return reader
        return None


KIND = TpkKind()

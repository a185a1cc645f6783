"""The .tpkx package kind (Compact V2 bundles): root.json at the root, bundles under
tile/, item metadata in iteminfo.json (docs/formats.md#tpkx-package)."""
from ..formats.storage_format import StorageFormat
from ..metadata.iteminfo import ItemType, read_iteminfo_json, write_iteminfo_json
from ..metadata.service_json import write_root_json
from ..pipeline.store_opening import open_store


class TpkxKind:
    name = "tpkx"
    extension = ".tpkx"
    storage = StorageFormat.COMPACT_V2
    tiles_prefix = "tile/"
    item_type = ItemType("Compact Tile Package", ("Compact Tile Package", "Tile Package", "tpkx"),
                         "./thumbnail.png")
    signature = "root.json (.tpkx)"

    def files(self, metadata, kind_keywords):
        files = {
            "root.json": write_root_json(metadata.scheme, metadata.item.name,
                                         metadata.full_extent, levels=metadata.levels),
            "iteminfo.json": write_iteminfo_json(metadata.item, self.item_type, kind_keywords),
        }
        if metadata.thumbnail_png:
            files["thumbnail.png"] = metadata.thumbnail_png
        return files

    def open(self, store, path):
        if not store.find_file("", "root.json"):
            return None
        reader = open_store(store, path, self.name)
        info = store.find_file("", "iteminfo.json")
        if info:
            reader.item_info = read_iteminfo_json(store.read(info), store.display_name(info))
        return reader


KIND = TpkxKind()

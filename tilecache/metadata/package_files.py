"""The non-tile files of an output: the same facts laid out per output kind."""
from dataclasses import dataclass
from typing import Optional

from .conf_writer import write_conf_cdi, write_conf_properties, write_conf_xml
from .iteminfo import ItemInfo, write_item_pkinfo, write_iteminfo_json, write_iteminfo_xml
from .service_json import write_mapserver_json, write_root_json
from ..model import Extent
from ..scheme.tiling_scheme import TilingScheme


@dataclass
class OutputMetadata:
    scheme: TilingScheme
    full_extent: Extent
    item: ItemInfo
    levels: tuple
    thumbnail_png: Optional[bytes] = None

    def folder_files(self):
        return {
            "conf.xml": write_conf_xml(self.scheme),
            "conf.cdi": write_conf_cdi(self.full_extent, self.scheme.spatial_reference),
            "conf.properties": write_conf_properties(),
        }

    def tpkx_files(self):
        files = {
            "root.json": write_root_json(self.scheme, self.item.name, self.full_extent,
                                         levels=self.levels),
            "iteminfo.json": write_iteminfo_json(self.item, "tpkx"),
        }
        if self.thumbnail_png:
            files["thumbnail.png"] = self.thumbnail_png
        return files

    def tpk_files(self, root):
        files = {
            "esriinfo/iteminfo.xml": write_iteminfo_xml(self.item),
            "esriinfo/item.pkinfo": write_item_pkinfo(self.item),
            "servicedescriptions/mapserver/mapserver.json":
                write_mapserver_json(self.scheme, self.item.name, self.full_extent,
                                     self.item.description),
        }
        if self.thumbnail_png:
            files["esriinfo/thumbnail/thumbnail.png"] = self.thumbnail_png
        files.update({f"{root}/{name}": data for name, data in self.folder_files().items()})
        return files

"""The non-tile files of an output: the same facts laid out per output kind."""
from dataclasses import dataclass
from typing import Callable, NamedTuple, Optional

from .conf_writer import write_conf_cdi, write_conf_properties, write_conf_xml
from .iteminfo import ItemInfo, write_item_pkinfo, write_iteminfo_json, write_iteminfo_xml
from .service_json import write_mapserver_json, write_root_json
from ..model import Extent
from ..scheme.tiling_scheme import TilingScheme


#: Root folder name inside a .tpk; ArcGIS writes "Layers" (readers accept any).
TPK_ROOT = "v101/Layers"


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

    def tpk_files(self, root=None):
        root = root or TPK_ROOT
        files = {
            "esriinfo/iteminfo.xml": write_iteminfo_xml(self.item),
            "esriinfo/item.pkinfo": write_item_pkinfo(self.item),
            "servicedescriptions/mapserver/mapserver.json":
                write_mapserver_json(self.scheme, self.item.name, self.full_extent,
                                     self.item.description, self.item.extent_geographic),
        }
        if self.thumbnail_png:
            files["esriinfo/thumbnail/thumbnail.png"] = self.thumbnail_png
        files.update({f"{root}/{name}": data for name, data in self.folder_files().items()})
        return files


class PackageLayout(NamedTuple):
    """Where a package kind keeps its bundles, and which metadata files it carries."""
    tiles_prefix: str
    files: Callable[[OutputMetadata], dict]


#: Package layouts by extension (docs/formats.md#tpkx-package, #tpk-package).
PACKAGE_LAYOUTS = {
    ".tpkx": PackageLayout("tile/", OutputMetadata.tpkx_files),
    ".tpk": PackageLayout(f"{TPK_ROOT}/_alllayers/", OutputMetadata.tpk_files),
}

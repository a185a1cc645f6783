"""The non-tile files of an output: the facts every output kind lays out its own way.

A cache folder carries ``folder_files``; each package kind lays out its own
files from the same OutputMetadata (tilecache/packages).
"""
from dataclasses import dataclass
from typing import Optional

from ..model import Extent
from ..scheme.tiling_scheme import TilingScheme
from .conf_writer import write_conf_cdi, write_conf_properties, write_conf_xml
from .iteminfo import ItemInfo


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

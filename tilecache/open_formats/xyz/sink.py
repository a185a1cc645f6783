"""Writing an XYZ folder: {z}/{x}/{y}.png|jpg tile for tile, plus metadata.json."""
import json
import os

from ...errors import ParameterError
from ...io.atomic import rename_folder_into_place
from ..metadata_rows import metadata_rows
from ..sink_base import TileByTileSink
from ..web_mercator import check_levels, xyz_zooms
from .layout import METADATA_FILE, looks_like_xyz, tile_extension

KIND = "An XYZ folder"


class XyzSink(TileByTileSink):
    """A folder of {z}/{x}/{y} tiles being written under a temporary name; a TileSink.

    ``extension`` (from the template) names every tile; None names each by its bytes.
    """

    kind = KIND

    def __init__(self, root, scheme, levels, extension=None):
        self.zooms = xyz_zooms(scheme, KIND)
        check_levels(self.zooms, levels, KIND)
        if os.path.exists(root) and not (os.path.isdir(root) and (
                not os.listdir(root) or looks_like_xyz(root))):
            raise ParameterError("the output exists and is not an XYZ tile folder; refusing "
                                 "to overwrite it", root)
        super().__init__(root, scheme)
        self.extension = extension
        os.makedirs(self.temp)
        self._folders = set()

    def put_bundle(self, tiles):
        for key, data in tiles:
            zoom = self.zooms[key.level]
            folder = os.path.join(self.temp, str(zoom), str(key.col))
            if folder not in self._folders:
                os.makedirs(folder, exist_ok=True)
                self._folders.add(folder)
            name = f"{key.row}.{self.extension or tile_extension(data)}"
            with open(os.path.join(folder, name), "wb") as out:
                out.write(data)

    def write_metadata(self, metadata):
        zooms = sorted({self.zooms[level] for level in self.windows})
        rows = dict(metadata_rows(metadata, zooms), scheme="xyz")
        with open(os.path.join(self.temp, METADATA_FILE), "w", encoding="utf-8") as out:
            json.dump(rows, out, indent=1, ensure_ascii=False)

    def _replace(self):
        rename_folder_into_place(self.temp, self.output)

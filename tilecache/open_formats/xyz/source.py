"""Reading an XYZ folder as a TileSource: zoom z becomes Esri level z."""
import os

from ...errors import FormatError
from ...io.json_text import JsonTextError, decode_json
from ...formats.records import BundleReaderBase, TileRecord
from ...model import BUNDLE_SIZE, BundleKey
from ..image_header import SNIFFED_TILES, first_tile_size
from ..metadata_rows import bounds_of, item_from_metadata, tile_format_of
from ..sqlite_file import MAX_TILE_BYTES
from ..web_mercator import MAX_ZOOM, TILE_SIZES, xyz_scheme
from .layout import METADATA_FILE, TMS_FILE, numbered

#: metadata.json is a few hundred bytes; a larger one is not read.
MAX_METADATA = 1 << 20


class XyzSource:
    """Implements the TileSource protocol over {z}/{x}/{y} files."""

    counts_exactly = True

    def __init__(self, root, path=None):
        self.root = root
        self.path = str(path or root)
        metadata = _read_metadata(root)
        self.flipped = os.path.exists(os.path.join(root, TMS_FILE)) and \
            metadata.get("scheme", "").lower() != "xyz"
        self.zooms = {z: name for z, name in numbered(root).items() if z <= MAX_ZOOM}
        if not self.zooms:
            raise FormatError("not an XYZ tile folder: no zoom folders (0 to 30)", root)
        self._tiles = {}
        width, height = first_tile_size(self._some_tiles(), root)
        if width != height or width not in TILE_SIZES:
            raise FormatError(f"tiles are {width} x {height} px; XYZ tiles are 256 or 512 px "
                              f"squares", root)
        scheme = xyz_scheme(self.zooms, width, tile_format_of(metadata, root),
                            bounds_of(metadata.get("bounds")))
        self.scheme = scheme
        self.item_info = item_from_metadata(metadata, scheme)

    @property
    def full_extent(self):
        return self.scheme.full_extent

    def _some_tiles(self):
        """The first few (name, bytes) from the coarsest zoom on, read lazily."""
        names = [rel for zoom in sorted(self.zooms) for rel in sorted(self.tiles(zoom).values())]
        for rel in names[:SNIFFED_TILES]:
            yield rel, _read(self.root, rel)

    def tiles(self, zoom):
        """{(row from the top, col): relative path} of one zoom, listed once."""
        if zoom not in self._tiles:
            found = {}
            level_dir = os.path.join(self.root, self.zooms[zoom])
            for col, col_name in numbered(level_dir).items():
                for row, name in numbered(os.path.join(level_dir, col_name), files=True).items():
                    if col >= 1 << zoom or row >= 1 << zoom:
                        raise FormatError(f"tile {zoom}/{col}/{row} lies outside the "
                                          f"{1 << zoom} x {1 << zoom} grid of zoom {zoom}",
                                          self.root)
                    top_row = (1 << zoom) - 1 - row if self.flipped else row
                    found[(top_row, col)] = f"{self.zooms[zoom]}/{col_name}/{name}"
            self._tiles[zoom] = found
        return self._tiles[zoom]

    def levels(self):
        return [zoom for zoom in sorted(self.zooms) if self.tiles(zoom)]

    def bundles(self, level):
        if level not in self.zooms:
            return []
        return sorted({BundleKey(level, row - row % BUNDLE_SIZE, col - col % BUNDLE_SIZE)
                       for row, col in self.tiles(level)})

    def open_bundle(self, key):
        if key.level not in self.zooms:
            return None
        files = {(row - key.row, col - key.col): rel
                 for (row, col), rel in self.tiles(key.level).items()
                 if 0 <= row - key.row < BUNDLE_SIZE and 0 <= col - key.col < BUNDLE_SIZE}
        return XyzBundle(self.root, files)

    def close(self):
        """Nothing is held open."""

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


class XyzBundle(BundleReaderBase):
    """The tile files of one 128 x 128 block; implements BundleReader."""

    def __init__(self, root, files):
        self.root = root
        self.files = files
        self._records = None

    def records(self):
        if self._records is None:
            self._records = []
            for (row, col), rel in sorted(self.files.items()):
                size = os.path.getsize(os.path.join(self.root, rel))
                if size:
                    self._records.append(TileRecord(row, col, 0, size))
        return self._records

    def record(self, row, col):
        rel = self.files.get((row, col))
        if rel is None:
            return None
        size = os.path.getsize(os.path.join(self.root, rel))
        return TileRecord(row, col, 0, size) if size else None

    def read(self, record):
        return _read(self.root, self.files[(record.row, record.col)])


def _read(root, rel):
    path = os.path.join(root, rel)
    size = os.path.getsize(path)
    if size > MAX_TILE_BYTES:
        raise FormatError(f"the tile is {size} bytes, over the {MAX_TILE_BYTES} a tile may hold",
                          path)
    with open(path, "rb") as stream:
        return stream.read(MAX_TILE_BYTES + 1)


def _read_metadata(root):
    path = os.path.join(root, METADATA_FILE)
    if not os.path.isfile(path) or os.path.getsize(path) > MAX_METADATA:
        return {}
    try:
        with open(path, "rb") as stream:
            doc = decode_json(stream.read(MAX_METADATA))
    except JsonTextError as exc:
        raise FormatError(f"metadata.json is not JSON: {exc}", path) from None
    return {str(k).lower(): str(v) for k, v in doc.items()} if isinstance(doc, dict) else {}


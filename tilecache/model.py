"""Small value types shared by every module."""
import enum
from typing import NamedTuple

#: Tiles per bundle side in every Esri compact format (the "packet size").
BUNDLE_SIZE = 128


class TileKey(NamedTuple):
    """A tile's address in a cache's own level numbering."""
    level: int
    row: int
    col: int

    @property
    def bundle(self):
        return BundleKey(self.level, self.row - self.row % BUNDLE_SIZE,
                         self.col - self.col % BUNDLE_SIZE)


class BundleKey(NamedTuple):
    """A bundle: its level and the row/col of its top-left tile."""
    level: int
    row: int
    col: int

    @property
    def level_folder(self):
        return f"L{self.level:02d}"

    @property
    def file_stem(self):
        return f"R{self.row:04x}C{self.col:04x}"

    @property
    def relative_stem(self):
        return f"{self.level_folder}/{self.file_stem}"


class Extent(NamedTuple):
    """An axis-aligned box in map units: always xmin, ymin, xmax, ymax."""
    xmin: float
    ymin: float
    xmax: float
    ymax: float

    @property
    def width(self):
        return self.xmax - self.xmin

    @property
    def height(self):
        return self.ymax - self.ymin

    def is_valid(self):
        return self.xmin < self.xmax and self.ymin < self.ymax

    def intersection(self, other):
        box = Extent(max(self.xmin, other.xmin), max(self.ymin, other.ymin),
                     min(self.xmax, other.xmax), min(self.ymax, other.ymax))
        return box if box.is_valid() else None

    def union(self, other):
        if other is None:
            return self
        return Extent(min(self.xmin, other.xmin), min(self.ymin, other.ymin),
                      max(self.xmax, other.xmax), max(self.ymax, other.ymax))


class LOD(NamedTuple):
    """A level of detail: resolution (map units per pixel) is the authority."""
    level: int
    resolution: float
    scale: float


class Coverage(enum.Enum):
    """How much of a bundle's 128 x 128 tile slots a selection takes."""
    ALL = "all"
    SOME = "some"
    NONE = "none"

"""Small value types shared by every module."""
import enum
import math
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

    @classmethod
    def of_numbers(cls, values, fail):
        """An Extent of four finite numbers in ``values``, else ``fail(reason)`` is raised.

        With :meth:`checked`, the one place extents are validated; each caller
        says through ``fail`` which error to raise and how to name the input.
        """
        values = tuple(values)
        if len(values) != 4:
            raise fail(f"{str(values)[:60]} is not four numbers")
        for name, value in zip(cls._fields, values):
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                raise fail(f"{name} {value!r} is not a number")
            if not math.isfinite(value):
                raise fail(f"{name} {value} is not a finite number")
        return cls(*(float(value) for value in values))

    @classmethod
    def checked(cls, values, fail, allow_flat=False):
        """As :meth:`of_numbers`, and each min below its max (or equal with ``allow_flat``:
        real files describe single points and lines as flat boxes)."""
        box = cls.of_numbers(values, fail)
        for low, high in (("xmin", "xmax"), ("ymin", "ymax")):
            a, b = getattr(box, low), getattr(box, high)
            if b < a or (b == a and not allow_flat):
                verb = "must not exceed" if allow_flat else "must be less than"
                raise fail(f"{low} {a} {verb} {high} {b}")
        return box

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

"""The tiles of an MBTiles or GeoPackage tile table as a TileSource, bundle by bundle.

Both keep one row per tile (zoom_level, tile_column, tile_row, tile_data);
they differ in how a level is numbered and which way rows count, which the
kind gives as a :class:`TableLayout`. Tiles are grouped into the 128 x 128
bundles the pipeline plans with; a bundle's tiles come from one query.
"""
import threading
from typing import Dict, NamedTuple, Tuple

from ..errors import FormatError
from ..formats.records import BundleReaderBase, TileRecord
from ..model import BUNDLE_SIZE, BundleKey, TileKey
from .ordered_walk import OrderedWalk
from .sqlite_file import MAX_TILE_BYTES

TILE_COLUMNS = ("zoom_level", "tile_column", "tile_row", "tile_data")


class TableLayout(NamedTuple):
    """Where a kind keeps its tiles and how its rows and levels read."""
    #: The tile table's name, quoted into SQL (checked to be a plain name first).
    table: str
    #: Level id -> the zoom_level stored.
    zooms: Dict[int, int]
    #: Level id -> (tile columns, tile rows) of the level's grid: tiles beyond are refused.
    grid: Dict[int, Tuple[int, int]]
    #: True when stored rows count from the bottom (MBTiles' TMS order).
    flipped: bool
    #: What the file is, for messages ("MBTiles", "GeoPackage").
    kind: str


def stored_row(layout, level, row):
    """The tile_row stored for an Esri row (counted from the top)."""
    return layout.grid[level][1] - 1 - row if layout.flipped else row


class SqliteTileSource:
    """Implements the TileSource protocol over a tile table; ``scheme`` and
    ``item_info`` are set by the kind's opener."""

    counts_exactly = True

    def __init__(self, db, layout: TableLayout, scheme, item_info=None):
        self.db = db
        self.layout = layout
        self.scheme = scheme
        self.item_info = item_info
        self.path = db.path
        self._bundles = {}

    @property
    def full_extent(self):
        return self.scheme.full_extent

    def levels(self):
        stored = {zoom for (zoom,) in self.db.rows(
            f'SELECT DISTINCT zoom_level FROM "{self.layout.table}"')}
        return sorted(level for level, zoom in self.layout.zooms.items() if zoom in stored)

    def bundles(self, level):
        if level not in self._bundles:
            self._bundles[level] = self._list_bundles(level)
        return self._bundles[level]

    def _list_bundles(self, level):
        layout = self.layout
        zoom = layout.zooms.get(level)
        if zoom is None:
            return []
        low = self.db.rows(f'SELECT MIN(tile_column), MAX(tile_column), MIN(tile_row), '
                           f'MAX(tile_row) FROM "{layout.table}" WHERE zoom_level = ?', (zoom,))
        if low[0][0] is None:
            return []
        columns, rows = layout.grid[level]
        col_min, col_max, row_min, row_max = low[0]
        if not all(isinstance(v, int) for v in low[0]) or col_min < 0 or row_min < 0 or \
                col_max >= columns or row_max >= rows:
            raise FormatError(f"zoom level {zoom} has tiles at columns {col_min}-{col_max}, rows "
                              f"{row_min}-{row_max}, outside its {columns} x {rows} tile grid",
                              self.path)
        row_sql = f"({rows - 1} - tile_row)" if layout.flipped else "tile_row"
        found = self.db.rows(f'SELECT DISTINCT {row_sql} / {BUNDLE_SIZE}, tile_column / '
                             f'{BUNDLE_SIZE} FROM "{layout.table}" WHERE zoom_level = ?',
                             (zoom,))
        return sorted(BundleKey(level, r * BUNDLE_SIZE, c * BUNDLE_SIZE) for r, c in found)

    def open_bundle(self, key):
        if key.level not in self.layout.zooms:
            return None
        return SqliteBundle(self, key)

    def close(self):
        self.db.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


class SqliteBundle(BundleReaderBase):
    """One 128 x 128 block of a tile table; implements BundleReader."""

    def __init__(self, source, key):
        self.db = source.db
        self.layout = source.layout
        self.key = key
        self.zoom = self.layout.zooms[key.level]
        self._records = None
        self._by_place = {}
        # Reads come in records() order: one query walks them (ordered_walk.py);
        # the lock keeps the walk whole when re-encoding threads fetch.
        self._walk = OrderedWalk(self._ordered_rows)
        self._lock = threading.Lock()
        self._next = None    # (row, col) -> the next in records() order
        self._after = None   # the (row, col) that follows the last one read

    def _window(self):
        """The WHERE clause and its arguments selecting this block's tiles."""
        first = stored_row(self.layout, self.key.level, self.key.row)
        last = stored_row(self.layout, self.key.level, self.key.row + BUNDLE_SIZE - 1)
        return ('zoom_level = ? AND tile_column BETWEEN ? AND ? AND tile_row BETWEEN ? AND ?',
                (self.zoom, self.key.col, self.key.col + BUNDLE_SIZE - 1,
                 min(first, last), max(first, last)))

    def _local(self, stored_col, stored):
        """(row, col) inside the bundle of a stored tile address."""
        row = stored_row(self.layout, self.key.level, stored)
        return row - self.key.row, stored_col - self.key.col

    def _where(self, row, col):
        return f"zoom level {self.zoom} column {self.key.col + col} row " \
               f"{stored_row(self.layout, self.key.level, self.key.row + row)}"

    def records(self):
        """The block's tiles in the table's index order (column, then stored row), the
        order ``read`` takes them in one pass."""
        if self._records is None:
            where, args = self._window()
            found = {}
            for col, stored, kind, size in self.db.rows(
                    f'SELECT tile_column, tile_row, typeof(tile_data), length(tile_data) '
                    f'FROM "{self.layout.table}" WHERE {where} ORDER BY tile_column, tile_row',
                    args):
                row, local_col = self._local(col, stored)
                place = self._where(row, local_col)
                if kind != "blob" or not size:
                    raise FormatError(f"{place}: tile_data is {'empty' if kind == 'blob' else kind}"
                                      f", not image bytes", self.db.path)
                if size > MAX_TILE_BYTES:
                    raise FormatError(f"{place}: tile_data is {size} bytes, over the "
                                      f"{MAX_TILE_BYTES} a tile may hold", self.db.path)
                if (row, local_col) in found:
                    raise FormatError(f"{place}: the tile appears twice", self.db.path)
                found[(row, local_col)] = TileRecord(row, local_col, 0, size)
            self._by_place = found
            self._records = list(found.values())
        return self._records

    def record(self, row, col):
        self.records()
        return self._by_place.get((row, col))

    def read(self, record):
        """The tile's bytes: the walk goes on when ``record`` follows the last one read in
        records() order, else it starts again at ``record`` (ordered_walk.py)."""
        place = (record.row, record.col)
        with self._lock:
            follows = self._after == place and self._after is not None
            data = self._walk.take(self._order(*place), restart=not follows)
            self._after = self._following().get(place)
        where = self._where(*place)
        if data is None:
            raise FormatError(f"{where}: the tile went away while reading", self.db.path)
        return self.db.blob(data, where)

    def _following(self):
        """(row, col) -> the (row, col) after it in records() order."""
        if self._next is None:
            places = [(r.row, r.col) for r in self.records()]
            self._next = dict(zip(places, places[1:]))
        return self._next

    def _order(self, row, col):
        """Where (row, col) comes in the table's index order."""
        return self.key.col + col, stored_row(self.layout, self.key.level, self.key.row + row)

    def _ordered_rows(self, start):
        """(order, tile_data) of the block's tiles in index order from ``start`` on, one
        query (a row-value range on the index's columns: SQLite 3.15 and later)."""
        where, args = self._window()
        return (((col, stored), data) for col, stored, data in self.db.iterate(
            f'SELECT tile_column, tile_row, tile_data FROM "{self.layout.table}" '
            f'WHERE {where} AND (tile_column, tile_row) >= (?, ?) '
            f'ORDER BY tile_column, tile_row', (*args, *start)))

    def close(self):
        self._walk.close()

    def keyed_tiles(self, key):
        """Every tile of the block from one query, ``(TileKey, bytes)``."""
        where, args = self._window()
        for col, stored, data in self.db.rows(
                f'SELECT tile_column, tile_row, tile_data FROM "{self.layout.table}" '
                f'WHERE {where}', args):
            row, local_col = self._local(col, stored)
            yield (TileKey(key.level, key.row + row, key.col + local_col),
                   self.db.blob(data, self._where(row, local_col)))


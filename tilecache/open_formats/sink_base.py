"""What the MBTiles, GeoPackage and XYZ sinks share: tiles one by one, a temporary name.

These outputs store tiles one by one, not in bundles: a whole bundle
(``copy_bundle``) or a bundle's selected tiles (``write_bundle``) go to the
kind's ``put_bundle`` as (TileKey, bytes), the bytes copied unchanged. Everything goes to a temporary name beside the output that
``finish`` renames into place; ``abort`` removes it (docs/formats.md#open-kinds).
"""
import math
import os
from dataclasses import replace
from itertools import islice

from ..errors import FormatError, ParameterError
from ..io.atomic import clean_stale_temps, fsync_path, remove_path, temp_sibling
from ..io.early_flush import EarlyFlush
from ..model import Extent, TileKey
from .store_thread import StoreThread

#: Tiles handed to the kind at once (one executemany): large enough that SQLite's
#: per-call cost vanishes, small enough to stay a few MB.
BATCH_TILES = 1024


class TileByTileSink:
    """Base of the open kinds' sinks; a subclass sets up ``self.temp`` and implements
    ``put_bundle(tiles)``, ``write_metadata(metadata)`` and ``close()``."""

    #: What the kind is called in messages.
    kind = "output"
    #: copy_bundle stores tiles one by one from ``reader.keyed_tiles``, so the
    #: export checks them on that stream (pipeline/protocols.py TileSink).
    checks_in_stream = True

    def __init__(self, output, scheme):
        self.output = os.path.abspath(output)
        self.scheme = scheme
        folder, base = os.path.split(self.output)
        if not os.path.isdir(folder):
            raise ParameterError("the folder for the output does not exist", folder)
        clean_stale_temps(folder, base)
        self.temp = temp_sibling(self.output)
        self.bytes_written = 0
        self.tile_count = 0
        #: Level id -> (row min, row max, col min, col max) of the tiles written.
        self.windows = {}
        #: put_bundle runs here, overlapping the reads (started with the first tiles).
        self._stores = None
        #: Flushes a single-file output to disk as it grows (io/early_flush.py).
        self._flush = None

    def can_copy(self, reader):
        """Every whole bundle passes unchanged: tile by tile, read in the bundle's own
        coalesced order (``keyed_tiles``), never decoded."""
        return True

    def copy_bundle(self, key, reader):
        # In batches: a whole bundle of 16384 tiles held at once is over 100 MB of
        # fresh memory (page faults cost more than the copy), a batch reuses freed memory.
        tiles = reader.keyed_tiles(key)
        while True:
            batch = list(islice(tiles, BATCH_TILES))
            if not batch:
                return
            self._store(batch)

    def write_bundle(self, key, entries, tile_format):
        """Each selected tile of a bundle, bytes as they are: never decoded, never re-encoded."""
        tiles = []
        for entry in entries:
            data = entry.fetch()
            if len(data) != entry.size:
                raise FormatError(f"tile at row {entry.row} col {entry.col} changed size "
                                  f"while copying ({entry.size} -> {len(data)})", self.output)
            tiles.append((TileKey(key.level, key.row + entry.row, key.col + entry.col), data))
        self._store(tiles)

    def _store(self, tiles):
        """Hand ``tiles`` (of one level) to the kind, noting the window and bytes written."""
        if not tiles:
            return
        rows = [tile.row for tile, _ in tiles]
        cols = [tile.col for tile, _ in tiles]
        level = tiles[0][0].level
        window = self.windows.get(level)
        found = (min(rows), max(rows), min(cols), max(cols))
        self.windows[level] = found if window is None else (
            min(window[0], found[0]), max(window[1], found[1]),
            min(window[2], found[2]), max(window[3], found[3]))
        size = sum(map(len, (data for _, data in tiles)))
        self.bytes_written += size
        if self._stores is None:
            self._stores = StoreThread(self.put_bundle, f"store {self.kind}")
            self._flush = EarlyFlush(self.temp) if os.path.isfile(self.temp) else None
        self._stores.submit(tiles)
        if self._flush is not None:
            self._flush.wrote(size)
        self.tile_count += len(tiles)

    def _drain(self):
        """Every tile handed over is stored (store_thread.py); raises what storing raised."""
        if self._stores is not None:
            stores, self._stores = self._stores, None
            try:
                stores.drain()
            finally:
                flush, self._flush = self._flush, None
                if flush is not None:
                    flush.close()

    def finish(self, metadata):
        self._drain()
        self.write_metadata(replace(metadata, full_extent=self.snapped(metadata.full_extent)))
        self.close()
        fsync_path(self.temp)
        self._replace()
        fsync_path(os.path.dirname(self.output))
        return self.output

    def snapped(self, extent):
        """``extent`` (else the tiles written) grown to whole pixels of the finest level
        written: GDAL starts its raster at the bounds, and a raster starting between two
        pixels would resample every tile."""
        finest = min(self.windows, key=lambda level: self.scheme.lod(level).resolution)
        tiles = None
        for level, (row_min, row_max, col_min, col_max) in self.windows.items():
            tiles = self.scheme.tiles_footprint(level, row_min, row_max, col_min, col_max) \
                .union(tiles)
        extent = (extent or tiles).intersection(tiles) or tiles
        resolution = self.scheme.lod(finest).resolution
        x0, y0 = self.scheme.origin_x, self.scheme.origin_y
        return Extent(x0 + math.floor((extent.xmin - x0) / resolution + 1e-6) * resolution,
                      y0 - math.ceil((y0 - extent.ymin) / resolution - 1e-6) * resolution,
                      x0 + math.ceil((extent.xmax - x0) / resolution - 1e-6) * resolution,
                      y0 - math.floor((y0 - extent.ymax) / resolution + 1e-6) * resolution)

    def _replace(self):
        """Rename the temporary output onto the output; a file is replaced in one step."""
        os.replace(self.temp, self.output)

    def abort(self):
        try:
            self._drain()
        except Exception:  # noqa: BLE001 - what storing raised was reported, or is moot
            pass
        try:
            self.close()
        except Exception:  # noqa: BLE001 - the temporary output is deleted next anyway
            pass
        remove_path(self.temp)

    # ---- the kind's part ---------------------------------------------------------------
    def put_bundle(self, tiles):
        """Store one bundle's ``[(TileKey, bytes)]``."""
        raise NotImplementedError

    def write_metadata(self, metadata):
        raise NotImplementedError

    def close(self):
        """Release the output file; called once on finish, maybe again on abort."""


def refuse_folder(output, kind):
    """A single-file output must not be an existing folder (say, a cache)."""
    if os.path.isdir(output):
        raise ParameterError(f"the output is a folder; {kind} is one file", output)

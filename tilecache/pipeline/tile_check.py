"""Every tile that passes through an export or an import, checked cheaply.

A tile of a JPEG, PNG or MIXED cache must start with the JPEG or PNG
signature (scheme/tile_signature.py); no decode, which would cost more than
the copy. LERC and other formats pass unchecked.
The one known repairable damage (a PNG missing its signature's first four
bytes, as in Esri's own Usa.tpkx) is repaired; a tile that still does not
start right cannot be decoded by any reader, so it is left out (an import
never puts it over a tile the cache has) and named in the log by
level/row/col. A bundle with nothing to repair or leave out still passes as
one block.
"""
from ..formats.records import TileData
from ..model import BUNDLE_SIZE, TileKey
from ..scheme.tile_signature import repair, tile_starts

#: Tiles named one by one in a message; the rest are counted.
NAMED = 10
#: Bytes of a tile the check reads: the longest signature it compares.
HEAD = 16


class TileCheck:
    """Checks the tiles of the bundles of one export or import; keeps what it found."""

    def __init__(self, tile_format):
        self.starts = tile_starts(tile_format)
        #: TileKeys repaired, left out (undecodable), and kept though a re-encode
        #: could not decode them.
        self.repaired, self.left_out, self.undecoded = [], [], []

    def wrong(self, bundle, records):
        """The (row, col) of ``records`` whose first bytes are not an image's; empty
        when all pass as they are. Only the first bytes of each tile are read, in
        file order (neighbours in one read)."""
        if self.starts is None:
            return set()
        heads = [(r.row, r.col, r.offset, min(r.size, HEAD)) for r in records]
        starts = self.starts
        return {(head[0], head[1]) for head, data in bundle.records_read(heads)
                if not data.startswith(starts)}

    def entries(self, key, bundle, records):
        """TileData for ``records`` of the open ``bundle`` (whose top-left tile is
        ``key``): repaired tiles carry their new bytes, undecodable ones are left
        out."""
        wrong = self.wrong(bundle, records)
        entries = []
        for record in records:
            if (record.row, record.col) not in wrong:
                entries.append(TileData(record.row, record.col, record.size,
                                        _reader(bundle, record)))
                continue
            checked = self.checked(key, record.row, record.col, bundle.read(record))
            if checked is not None:
                entries.append(TileData(record.row, record.col, len(checked),
                                        (lambda d=checked: d)))
        return entries

    def checked(self, key, row, col, data):
        """``data`` itself when it starts right, its repair, or None (left out); ``row``
        and ``col`` within the bundle whose top-left tile is ``key``."""
        if self.starts is None or data.startswith(self.starts):
            return data
        return self._judged(TileKey(key.level, key.row + row % BUNDLE_SIZE,
                                    key.col + col % BUNDLE_SIZE), data)

    def stream(self, tiles):
        """``tiles`` ((TileKey, bytes)) checked on their way to a sink: the repaired
        tiles repaired, the undecodable ones left out. Checking the bytes already
        read costs nothing; reading every tile's head first would read twice."""
        starts = self.starts
        if starts is None:
            yield from tiles
            return
        for tile, data in tiles:
            if data.startswith(starts):
                yield tile, data
                continue
            fixed = self._judged(tile, data)
            if fixed is not None:
                yield tile, fixed

    def _judged(self, tile, data):
        """The repair of ``data`` (a tile that does not start right), or None (left out)."""
        fixed, repaired = repair(data)
        if repaired and fixed.startswith(self.starts):
            self.repaired.append(tile)
            return fixed
        self.left_out.append(tile)
        return None

    def messages(self, action="left out"):
        """One line per finding, for the log and the job's messages."""
        lines = []
        if self.repaired:
            lines.append(f"{len(self.repaired)} PNG tiles missing the first 4 bytes of their "
                         f"signature were repaired: {_named(self.repaired)}")
        if self.left_out:
            lines.append(f"{len(self.left_out)} tiles are not images (they start with "
                         f"neither the JPEG nor the PNG signature) and were {action}: "
                         f"{_named(self.left_out)}")
        if self.undecoded:
            lines.append(f"{len(self.undecoded)} JPEG tiles could not be decoded for "
                         f"optimizeTilesForSize and were kept as they are: "
                         f"{_named(self.undecoded)}")
        return lines

    def report(self, feedback, action="left out"):
        for line in self.messages(action):
            feedback.warning(line)


class CheckedBundle:
    """A bundle reader whose ``keyed_tiles`` pass through a TileCheck's stream: what a
    sink that copies tile by tile (``checks_in_stream``) is given to copy."""

    def __init__(self, bundle, check):
        self.bundle, self.check = bundle, check

    def keyed_tiles(self, key):
        return self.check.stream(self.bundle.keyed_tiles(key))


def _named(keys):
    shown = ", ".join(f"level {k.level} row {k.row} col {k.col}" for k in sorted(keys)[:NAMED])
    more = len(keys) - NAMED
    return shown + (f" and {more} more" if more > 0 else "")


def _reader(bundle, record):
    return lambda: bundle.read(record)

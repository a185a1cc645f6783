"""Tiles read one by one, in order, from a single query.

The pipeline reads a bundle's tiles one at a time through ``read(record)``
(the Esri writers need every size before any byte, so they take sizes from
``records()`` and bytes as they write). Against a tile table, one query per
tile cost 16 us each plus Python around it: MBTiles -> .tpkx of the bench cache
took 10 s, 200,000 queries. Here one query walks the block in the table's
index order from the first tile asked for; asking for the tiles in that order
(the order ``records()`` gives) reads them all in that one pass. A tile asked
out of order (the map layer's reads, a partial selection's gaps) starts a new
query at that tile: one index seek, as a point query costs.
"""


class OrderedWalk:
    """``take(order, restart)``: the data of the row whose order key is ``order``, or None.

    ``rows(start)`` must give ``(order, data)`` sorted by ``order``, each key once,
    from the first key at or after ``start``.
    """

    def __init__(self, rows):
        self._rows = rows
        self._iterator = None
        self._pending = None   # a row read past the last one asked for
        self._last = None      # the last order key asked for

    def take(self, order, restart=False):
        if restart or self._iterator is None or self._last is None or order <= self._last:
            self.close()
            self._iterator = iter(self._rows(order))
        self._last = order
        row = self._pending if self._pending is not None else next(self._iterator, None)
        while row is not None and row[0] < order:
            row = next(self._iterator, None)
        if row is None:
            self.close()
            return None
        if row[0] == order:
            self._pending = None
            return row[1]
        self._pending = row
        return None

    def close(self):
        """End the current pass (its query), if any."""
        iterator, self._iterator, self._pending = self._iterator, None, None
        close = getattr(iterator, "close", None)
        if close is not None:
            close()

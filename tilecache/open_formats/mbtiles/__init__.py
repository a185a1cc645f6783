"""MBTiles 1.3: Web Mercator tiles on the XYZ grid in SQLite (docs/formats.md#mbtiles)."""

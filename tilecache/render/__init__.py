"""Tiles rendered from a map: a TileSource fed by a render function (no QGIS here).

The QGIS side (processing_provider/rendering.py) supplies a renderer that
turns (extent, width, height) into an RGBA array; everything else (tiling
scheme, metatiles, blank tiles, encoding, the resume journal) lives here.
"""

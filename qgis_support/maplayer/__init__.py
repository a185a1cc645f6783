"""Tile caches and packages as QGIS map layers: a raster data provider in Python.

``provider.py`` is the provider (key ``tilepackage``) that draws through the
core's ``tilecache/mapview``; ``registration.py`` registers it with QGIS;
``layers.py`` makes layers of paths (drop, Browser, menu, Processing outputs,
and layers QGIS's GDAL was about to read).
"""

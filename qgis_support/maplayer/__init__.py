"""Tile caches and packages as QGIS map layers: a raster data provider in Python.

``provider.py`` is the provider (key ``tilepackage``) that draws through the
core's ``tilecache/mapview``; ``registration.py`` registers it with QGIS;
``layers.py`` makes layers of paths (drop, Browser, menu, Data Source Manager,
Processing outputs, and layers QGIS's GDAL was about to read); ``describe.py``
names them and says what they hold; ``gdal_guard.py`` keeps QGIS's GDAL off
the caches it cannot read safely.
"""

"""Views of caches and packages that an old GDAL (QGIS's) reads safely."""

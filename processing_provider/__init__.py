"""QGIS Processing provider and algorithms for Tile Package Tools."""

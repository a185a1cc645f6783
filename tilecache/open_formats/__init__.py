"""The open tile kinds' code: MBTiles, GeoPackage and XYZ folders, one subpackage each.

The kinds are found through the one kind registry, tilecache/packages (its
mbtiles, geopackage and xyz modules); the pipeline asks that registry and never
imports from here (tests/test_code_shape.py).
"""

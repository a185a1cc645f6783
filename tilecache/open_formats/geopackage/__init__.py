"""OGC GeoPackage 1.3 tile pyramids: any tiling scheme, in its own CRS
(docs/formats.md#geopackage)."""

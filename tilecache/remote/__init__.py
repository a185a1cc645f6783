"""ArcGIS REST tiled services (MapServer / ImageServer) as sources of tiles.

Everything here takes a fetch function (``http.Request`` -> ``http.Response``)
so it runs the same over QGIS's network stack, urllib, or a test double.
"""

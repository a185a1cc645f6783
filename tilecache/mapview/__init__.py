"""A cache or package drawn as map images: level choice, tile decoding, composition.

No qgis import: the QGIS layer (``maplayer/``) hands a map extent and size to
:class:`~.map_source.MapSource` and gets an ARGB32 premultiplied pixel array.
"""

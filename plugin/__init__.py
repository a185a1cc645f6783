"""QGIS-facing glue (plugin lifecycle); requires qgis."""

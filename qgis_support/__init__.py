"""What the plugin's QGIS layers share, below both of them.

``plugin/`` (the QGIS window) and ``processing_provider/`` (the algorithms)
import from here, never from each other's modules the other way round:
the ``tr`` translation helper, the icons, the check of the Python packages
the core needs, and opening a cache or package in the map. Nothing here
imports ``plugin`` or ``processing_provider`` (tests/test_code_shape.py).
"""

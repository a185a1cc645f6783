"""Tile Package Tools QGIS plugin entry point.

Deliberately free of qgis imports at module level: the pure-Python core
(``tile_package_tools.tilecache``) is imported by tests, benchmarks and
fuzzers that run without QGIS, and importing a subpackage executes this file.
"""


def classFactory(iface):  # noqa: N802 - name is mandated by QGIS
    """Called by QGIS when the plugin is loaded (GUI and qgis_process)."""
    from .plugin.main import TilePackagePlugin

    return TilePackagePlugin(iface)

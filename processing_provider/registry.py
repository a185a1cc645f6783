"""List of Processing algorithm classes offered by the provider.

Algorithm authors: append your class here with a *lazy* import inside the
function, e.g.::

    def algorithm_classes():
        from .export_tiles import ExportTilesAlgorithm
        from .import_tiles import ImportTilesAlgorithm
        return [ExportTilesAlgorithm, ImportTilesAlgorithm]

Lazy imports keep ``import tile_package_tools.processing_provider.registry``
cheap and make a broken algorithm module fail loudly at provider load time
(in ``loadAlgorithms``) rather than at plugin import time.
Each class must be constructible without arguments; the provider creates one
instance per class.
"""


def algorithm_classes():
    from .estimate_algorithm import EstimateExportTilesSizeAlgorithm
    from .export_algorithm import ExportTilesAlgorithm
    from .import_algorithm import ImportTilesAlgorithm
    from .map_tile_package_algorithm import CreateMapTilePackageAlgorithm
    return [ExportTilesAlgorithm, EstimateExportTilesSizeAlgorithm, ImportTilesAlgorithm,
            CreateMapTilePackageAlgorithm]

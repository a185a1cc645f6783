"""exporttiles and estimateexporttilessize of a cache or package on disk (CacheInput).

Empty CLUSTER: the core exports here (pipeline/export.py). ``local:N`` or a
scheduler's address: the bundles are produced on a Dask cluster
(tilecache/distributed) and written here, with the same bytes; Dask is
optional, and without it the run stops with the one line saying what to install.
"""
from ..qgis_support.tr import tr
from ..tilecache.distributed.bundle_jobs import CacheRecipe
from ..tilecache.distributed.cluster_export import export_on_cluster
from ..tilecache.pipeline.export import estimate_export, export_tiles


def export_from_cache(request, feedback):
    """Export ``request`` (an ExportRequest of a CacheInput); the core's ExportResult."""
    options, path = request.options, request.source.path
    if options.compression_quality is not None and not options.optimize_tiles_for_size:
        feedback.warning(tr("compressionQuality is used only with "
                            "optimizeTilesForSize=true; tiles are copied unchanged"))
    if request.cluster is None:
        return export_tiles(path, request.output, options, feedback)
    # The workers open the source by its path: it must be on storage they share.
    return export_on_cluster(CacheRecipe(path), request.output, options, request.cluster,
                             feedback)


def estimate_from_cache(request, feedback):
    """The REST estimate of an export of ``request``'s cache; nothing written."""
    return estimate_export(request.source.path, request.options, feedback)

"""Bundles produced on a Dask cluster, written on this machine in the plan's order.

    cluster.py        CLUSTER text -> a dask.distributed Client (LocalCluster or a
                      scheduler's address), the install message when dask is missing
    bundle_jobs.py    what a worker runs: a picklable recipe opens the TileSource
                      once per worker process; one job = one planned bundle
    ordered.py        submit jobs with a bounded number in flight, hand back results
                      in submission order; dead workers, a lost scheduler, cancel
    cluster_export.py exportTiles with a cluster: the planner and the write path of
                      pipeline/export.py, with bundles produced by the workers
    cluster_render.py rendering with a cluster: jobs of at most 32 metatiles of a
                      bundle, spooled into the render journal in the bundle's order

Dask is optional: nothing here imports it at module level.
"""
from .bundle_jobs import CacheRecipe
from .cluster import ClusterSpec
from .cluster_export import export_on_cluster

__all__ = ["CacheRecipe", "ClusterSpec", "export_on_cluster"]

"""The CLUSTER parameter of exporttiles and the run it chooses.

Empty: the export runs on this machine (pipeline/export.py). ``local:N`` or a
scheduler's address: the bundles are produced on a Dask cluster
(tilecache/distributed) and written here, with the same bytes. Dask is
optional; without it the run stops with the one line saying what to install.
"""
import functools

from qgis.core import QgsProcessingParameterString

from ..tilecache.distributed.bundle_jobs import CacheRecipe
from ..tilecache.distributed.cluster import ClusterSpec
from ..tilecache.distributed.cluster_export import export_on_cluster
from ..tilecache.pipeline.export import export_tiles
from .common import run_core
from .parameters import advanced, explained
from .tr import tr


def add_cluster_parameter(algorithm):
    algorithm.addParameter(advanced(explained(QgsProcessingParameterString(
        "CLUSTER", tr("Dask cluster (CLUSTER)"), defaultValue="", optional=True),
        tr("Empty: this machine; local:N: N worker processes here; tcp://host:8786: a "
           "running scheduler."))))


def exporter(algorithm, parameters, context):
    """``fn(source, output, options, feedback)`` exporting as CLUSTER says."""
    text = algorithm.parameterAsString(parameters, "CLUSTER", context)
    spec = run_core(None, ClusterSpec.parse, text)
    if spec is None:
        return export_tiles
    return functools.partial(_export_on_cluster, spec)


def _export_on_cluster(spec, source, output, options, feedback):
    # The workers open the source by its path: it must be on storage they share.
    return export_on_cluster(CacheRecipe(source), output, options, spec, feedback)


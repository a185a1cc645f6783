"""The CLUSTER parameter of exporttiles and the run it chooses.

Empty: the export runs on this machine (pipeline/export.py). ``local:N`` or a
scheduler's address: the bundles are produced on a Dask cluster
(tilecache/distributed) and written here, with the same bytes. Dask is
optional; without it the run stops with the one line saying what to install.
"""
import functools

from qgis.core import QgsProcessingParameterString

from ..qgis_support.tr import tr
from ..tilecache.distributed.bundle_jobs import CacheRecipe
from ..tilecache.distributed.cluster import ClusterSpec
from ..tilecache.distributed.cluster_export import export_on_cluster
from ..tilecache.pipeline.export import export_tiles
from .common import run_core
from .parameters import advanced, explained


def add_cluster_parameter(algorithm):
    algorithm.addParameter(advanced(explained(QgsProcessingParameterString(
        "CLUSTER", tr("Dask cluster (CLUSTER)"), defaultValue="", optional=True),
        tr("Empty: this machine; local:N: N worker processes here; tcp://host:8786: a "
           "running scheduler."))))


def cluster_spec(algorithm, parameters, context):
    """The ClusterSpec CLUSTER names, None for this machine; a bad value is one line."""
    text = algorithm.parameterAsString(parameters, "CLUSTER", context)
    return run_core(None, ClusterSpec.parse, text)


def warn_service_fetched_here(algorithm, parameters, context, feedback):
    """Say that CLUSTER is not used when INPUT is a service, and why.

    Fetching is paced by the service and maxConcurrentRequests, not by this
    machine's processors; workers would multiply the requests to a server
    that is not ours, need the token or the QGIS authentication database, and
    send every tile back here to be written anyway.
    """
    spec = cluster_spec(algorithm, parameters, context)
    if spec is not None:
        feedback.pushWarning(tr(
            "CLUSTER {cluster} is not used: the tiles of a service are downloaded on this "
            "machine, since the service and maxConcurrentRequests set the pace, not this "
            "machine's processors, and workers would multiply the requests to the server "
            "and need its token or authentication").format(cluster=spec))


def exporter(algorithm, parameters, context):
    """``fn(source, output, options, feedback)`` exporting as CLUSTER says."""
    spec = cluster_spec(algorithm, parameters, context)
    if spec is None:
        return export_tiles
    return functools.partial(_export_on_cluster, spec)


def _export_on_cluster(spec, source, output, options, feedback):
    # The workers open the source by its path: it must be on storage they share.
    return export_on_cluster(CacheRecipe(source), output, options, spec, feedback)


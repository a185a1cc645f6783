"""exporttiles and estimateexporttilessize of an ArcGIS tiled service (ServiceInput).

The service's own exportTiles job builds a package when asked (exportMethod
server, or auto for a package the service allows); otherwise the tiles are
fetched here, through QGIS's network stack, into any output kind, and the
core does the rest (tilecache/remote).
"""
from ..qgis_support.tr import tr
from ..tilecache.remote.export_service import export_service, open_service
from ..tilecache.remote.jobs import estimate_on_server, export_on_server
from ..tilecache.remote.service import read_service


def export_from_service(request, feedback):
    """Take the service's tiles offline into ``request.output``; the core's ExportResult."""
    service, options = request.source, request.options
    _warn_cluster_unused(request, feedback)
    client = service.connection.client(service.url)
    info = read_service(client)
    if service.method == "server" or (service.method == "auto" and options.tile_package and
                                      info.export_tiles_allowed):
        feedback.info(tr("The service builds the package (exportTiles job)"))
        return export_on_server(client, info, options, request.output, feedback)
    source = open_service(service.connection, service.url, request.output)
    return export_service(source, request.output, options, feedback)


def estimate_from_service(request, feedback):
    """The service's own estimateExportTilesSize answer."""
    client = request.source.connection.client(request.source.url)
    return estimate_on_server(client, request.options, feedback)


def _warn_cluster_unused(request, feedback):
    """Say that CLUSTER is not used when INPUT is a service, and why.

    Fetching is paced by the service and maxConcurrentRequests, not by this
    machine's processors; workers would multiply the requests to a server
    that is not ours, need the token or the QGIS authentication database, and
    send every tile back here to be written anyway.
    """
    if request.cluster is not None:
        feedback.warning(tr(
            "CLUSTER {cluster} is not used: the tiles of a service are downloaded on this "
            "machine, since the service and maxConcurrentRequests set the pace, not this "
            "machine's processors, and workers would multiply the requests to the server "
            "and need its token or authentication").format(cluster=request.cluster))

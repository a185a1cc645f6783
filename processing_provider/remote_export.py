"""exporttiles from an ArcGIS tiled service: INPUT as a MapServer / ImageServer URL
or a project layer showing one, the ``token`` / ``authcfg`` /
``maxConcurrentRequests`` parameters and the run, called from export_algorithm.py.

The tiles are fetched here, through QGIS's network stack (network.py), into
any output kind; the core does the rest (tilecache/remote).
"""
import urllib.parse

from qgis.core import (QgsMapLayer, QgsProcessingException, QgsProcessingParameterAuthConfig,
                       QgsProcessingParameterNumber, QgsProcessingParameterString,
                       QgsProcessingUtils)

from ..qgis_support.tr import tr
from ..tilecache.remote.export_service import Connection, export_service, open_service
from ..tilecache.remote.http import NetworkError
from ..tilecache.remote.jobs import estimate_on_server, export_on_server
from ..tilecache.remote.service import SERVICE_PATH, is_service_url, read_service, service_url
from ..tilecache.remote.source import DEFAULT_CONCURRENCY, MAX_CONCURRENCY
from .cluster_parameter import warn_service_fetched_here
from .common import QgisFeedback, enum_text, raw_value, run_core
from .export_parameters import output_path, read_options
from .network import QThreadPoolExecutor, basic_credentials, qgis_fetch
from .parameters import advanced, choice_parameter, explained, rest_values

#: How the tiles of a service are taken offline; "auto": the server's job when the
#: output is a package, tiles fetched here otherwise.
METHOD_CHOICES = [("auto", tr("Automatic")),
                  ("server", tr("Server job (exportTiles)")),
                  ("client", tr("Fetch the tiles here"))]
METHODS = rest_values(METHOD_CHOICES)
#: Read by this module: QGIS would refuse the REST-style value of exportMethod.
REMOTE_LENIENT = frozenset({"exportMethod"})


def add_access_parameters(algorithm):
    """token and authcfg: what exporttiles and estimateexporttilessize need for a
    secured service."""
    algorithm.addParameter(advanced(explained(QgsProcessingParameterString(
        "token", tr("Service token (token)"), optional=True),
        tr("The token of a secured ArcGIS service."))))
    algorithm.addParameter(advanced(explained(QgsProcessingParameterAuthConfig(
        "authcfg", tr("Service authentication"), optional=True),
        tr("A QGIS authentication configuration for a secured service; a username and "
           "password are turned into a token."))))


def add_remote_parameters(algorithm):
    """The parameters of an export from a service."""
    add_access_parameters(algorithm)
    algorithm.addParameter(advanced(QgsProcessingParameterNumber(
        "maxConcurrentRequests", tr("Requests to the service at a time"),
        type=QgsProcessingParameterNumber.Integer, minValue=1, maxValue=MAX_CONCURRENCY,
        defaultValue=DEFAULT_CONCURRENCY)))
    algorithm.addParameter(advanced(explained(choice_parameter(
        "exportMethod", tr("Service export method"), METHOD_CHOICES),
        tr("How the tiles of a service are taken offline. Automatic: the service's own "
           "exportTiles job when a package is written and the service allows it, else the "
           "tiles are fetched here, tile by tile."))))


def remote_input(parameters, context):
    """The service URL INPUT names (a URL, or a layer whose source is a service); None
    when INPUT is something else."""
    value = raw_value(parameters, "INPUT")
    if value is None:
        return None
    if isinstance(value, QgsMapLayer):  # a layer object, as Python scripts pass it
        return layer_service(value.source())
    text = str(value).strip()
    if is_service_url(text):
        return service_url(text)
    # Only a layer already in the project (by id or name): loading the text as a new
    # layer would make GDAL, OGR and MDAL try every cache path INPUT names, each
    # printing "not recognized as a supported file format" on the command line.
    layer = QgsProcessingUtils.mapLayerFromString(text, context, allowLoadingNewLayers=False)
    return None if layer is None else layer_service(layer.source())


def layer_service(source):
    """The service URL in a layer's source (ArcGIS MapServer, WMTS/XYZ over a tile
    endpoint), or None."""
    decoded = urllib.parse.unquote(urllib.parse.unquote(source))
    for piece in decoded.replace("'", " ").replace("&", " ").replace('"', " ").split():
        url = piece.split("=", 1)[1] if piece.startswith("url=") else piece
        parts = urllib.parse.urlsplit(url)
        if parts.scheme in ("http", "https") and SERVICE_PATH.match(parts.path):
            return service_url(url)
    return None


def check_remote(algorithm, parameters, context):
    """The cheap checks of an export from a service."""
    options = read_options(algorithm, parameters, context, with_area=False)
    output_path(algorithm, parameters, context, options)


def check_remote_estimate(algorithm, parameters, context):
    """The cheap checks of an estimate from a service."""
    read_options(algorithm, parameters, context, with_area=False)


def connection(algorithm, parameters, context):
    """The Connection the parameters describe: token, authcfg, concurrency."""
    authcfg = algorithm.parameterAsString(parameters, "authcfg", context) or ""
    token = algorithm.parameterAsString(parameters, "token", context).strip() or None
    credentials = None
    if authcfg:
        try:
            credentials = basic_credentials(authcfg)
        except NetworkError as exc:
            raise QgsProcessingException(f"authcfg: {exc}") from None
    # A Basic configuration becomes a token; any other kind rides on each request.
    fetch = qgis_fetch("" if credentials else authcfg)
    concurrency = algorithm.parameterAsInt(parameters, "maxConcurrentRequests", context) \
        if algorithm.parameterDefinition("maxConcurrentRequests") else 0
    return Connection(fetch, token=token, credentials=credentials,
                      concurrency=concurrency or DEFAULT_CONCURRENCY,
                      pool_factory=QThreadPoolExecutor)


def run_remote(algorithm, url, parameters, context, feedback):
    """Take the service's tiles offline into OUTPUT; the core's ExportResult."""
    options = read_options(algorithm, parameters, context, feedback)
    output = output_path(algorithm, parameters, context, options)
    link = connection(algorithm, parameters, context)
    warn_service_fetched_here(algorithm, parameters, context, feedback)
    core_feedback = QgisFeedback(feedback)
    method = enum_text(parameters, "exportMethod", METHODS, METHODS[0])
    client = run_core(feedback, link.client, url)
    info = run_core(feedback, read_service, client)
    if method == "server" or (method == "auto" and options.tile_package and
                              info.export_tiles_allowed):
        feedback.pushInfo(tr("The service builds the package (exportTiles job)"))
        return run_core(feedback, export_on_server, client, info, options, output,
                        core_feedback)
    source = run_core(feedback, open_service, link, url, output)
    return run_core(feedback, export_service, source, output, options, core_feedback)


def estimate_remote(algorithm, url, parameters, context, feedback):
    """The service's own estimateExportTilesSize answer."""
    options = read_options(algorithm, parameters, context, feedback)
    client = run_core(feedback, connection(algorithm, parameters, context).client, url)
    return run_core(feedback, estimate_on_server, client, options, QgisFeedback(feedback))

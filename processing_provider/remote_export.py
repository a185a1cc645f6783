"""exporttiles from an ArcGIS tiled service: INPUT as a MapServer / ImageServer URL
or a project layer showing one, the ``token`` / ``authcfg`` /
``maxConcurrentRequests`` parameters and the run, called from export_algorithm.py.

The tiles are fetched here, through QGIS's network stack (network.py), into
any output kind; the core does the rest (tilecache/remote).
"""
import urllib.parse

from qgis.core import (QgsProcessingException, QgsProcessingParameterAuthConfig,
                       QgsProcessingParameterNumber, QgsProcessingParameterString,
                       QgsProcessingUtils)

from ..tilecache.remote.export_service import Connection, export_service, open_service
from ..tilecache.remote.http import NetworkError
from ..tilecache.remote.service import SERVICE_PATH, is_service_url, service_url
from ..tilecache.remote.source import DEFAULT_CONCURRENCY, MAX_CONCURRENCY
from .common import QgisFeedback, raw_value, run_core
from .network import QThreadPoolExecutor, basic_credentials, qgis_fetch
from .parameters import advanced
from .tr import tr

def add_remote_parameters(algorithm):
    """The parameters of an export from a service."""
    algorithm.addParameter(advanced(QgsProcessingParameterString(
        "token", tr("Token of a secured service (token)"), optional=True)))
    algorithm.addParameter(advanced(QgsProcessingParameterAuthConfig(
        "authcfg", tr("Authentication for a secured service (username and password are "
                      "turned into a token)"), optional=True)))
    algorithm.addParameter(advanced(QgsProcessingParameterNumber(
        "maxConcurrentRequests", tr("Requests to the service at a time"),
        type=QgsProcessingParameterNumber.Integer, minValue=1, maxValue=MAX_CONCURRENCY,
        defaultValue=DEFAULT_CONCURRENCY)))


def remote_input(parameters, context):
    """The service URL INPUT names (a URL, or a layer whose source is a service); None
    when INPUT is something else."""
    value = raw_value(parameters, "INPUT")
    if value is None:
        return None
    text = str(value).strip()
    if is_service_url(text):
        return service_url(text)
    layer = QgsProcessingUtils.mapLayerFromString(text, context) if text else None
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
    from .export_algorithm import output_path, read_options
    options = read_options(algorithm, parameters, context, with_area=False)
    output_path(algorithm, parameters, context, options)


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
    concurrency = algorithm.parameterAsInt(parameters, "maxConcurrentRequests", context)
    return Connection(fetch, token=token, credentials=credentials,
                      concurrency=concurrency or DEFAULT_CONCURRENCY,
                      pool_factory=QThreadPoolExecutor)


def run_remote(algorithm, url, parameters, context, feedback):
    """Fetch the service's tiles into OUTPUT; the core's ExportResult."""
    from .export_algorithm import output_path, read_options
    options = read_options(algorithm, parameters, context, feedback)
    output = output_path(algorithm, parameters, context, options)
    source = run_core(feedback, open_service, connection(algorithm, parameters, context),
                      url, output)
    return run_core(feedback, export_service, source, output, options, QgisFeedback(feedback))

"""INPUT as an ArcGIS tiled service: a MapServer / ImageServer URL or a project layer
showing one, with ``token`` / ``authcfg`` / ``maxConcurrentRequests`` /
``exportMethod``, read into a ServiceInput whose Connection fetches through
QGIS's network stack (network.py).
"""
import urllib.parse
from dataclasses import dataclass
from typing import Optional

from qgis.core import QgsMapLayer, QgsProcessingUtils

from ..tilecache.errors import ParameterError
from ..tilecache.remote.export_service import Connection
from ..tilecache.remote.http import NetworkError
from ..tilecache.remote.service import SERVICE_PATH, is_service_url, service_url
from ..tilecache.remote.source import DEFAULT_CONCURRENCY
from .export_parameters import METHODS
from .network import QThreadPoolExecutor, basic_credentials, qgis_fetch


@dataclass(frozen=True)
class ServiceInput:
    """A tiled service and how to reach it."""
    url: str
    #: None in the checks before a run (no authentication database read).
    connection: Optional[Connection]
    #: auto, server (the service's exportTiles job) or client (tiles fetched here).
    method: str


def read_service_input(values, url, checking=False):
    """The ServiceInput of ``url`` with the access parameters of ``values``."""
    method = values.enum("exportMethod", METHODS, METHODS[0]) if values.defines(
        "exportMethod") else METHODS[0]
    return ServiceInput(url, None if checking else connection(values), method)


def service_url_of(values):
    """The service URL INPUT names (a URL, or a layer whose source is a service); None
    when INPUT is something else."""
    value = values.raw("INPUT")
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
    layer = QgsProcessingUtils.mapLayerFromString(text, values.context,
                                                  allowLoadingNewLayers=False)
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


def connection(values):
    """The Connection the parameters describe: token, authcfg, concurrency."""
    authcfg = values.text("authcfg")
    token = values.text("token") or None
    credentials = None
    if authcfg:
        try:
            credentials = basic_credentials(authcfg)
        except NetworkError as exc:
            raise ParameterError(f"authcfg: {exc}") from None
    # A Basic configuration becomes a token; any other kind rides on each request.
    fetch = qgis_fetch("" if credentials else authcfg)
    concurrency = values.count("maxConcurrentRequests") \
        if values.defines("maxConcurrentRequests") else 0
    return Connection(fetch, token=token, credentials=credentials,
                      concurrency=concurrency or DEFAULT_CONCURRENCY,
                      pool_factory=QThreadPoolExecutor)

"""importtiles with sourceItemId an http(s) URL of a package: fetched through QGIS's
network stack (network.py) into the Processing temporary folder, then imported."""
from qgis.core import QgsProcessingUtils

from ..tilecache.remote.packages import download_package, is_package_url
from .network import qgis_fetch
from .processing_feedback import QgisFeedback


def remote_package(values):
    """sourceItemId of ``values`` (a ParameterValues) when it is an http(s) URL, else None."""
    value = values.raw("sourceItemId")
    return str(value).strip() if value is not None and is_package_url(value) else None


def fetched_package(package, feedback):
    """``package`` itself, or the downloaded file when it is a URL."""
    if not is_package_url(package):
        return package
    return download_package(qgis_fetch(), package, QgsProcessingUtils.tempFolder(),
                            QgisFeedback(feedback))

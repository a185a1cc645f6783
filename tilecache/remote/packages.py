"""importTiles' sourceItemId as an http(s) URL of a .tpk / .tpkx: downloaded first
(temporary name, range resume, length verified; see download.py), then
imported like a package on disk."""
import os
import posixpath
import urllib.parse

from ..errors import ParameterError
from ..feedback import SILENT
from ..packages import is_package_name
from .client import ServiceClient
from .download import download


def is_package_url(text):
    return urllib.parse.urlsplit(str(text).strip()).scheme in ("http", "https")


def download_package(fetch, url, folder, feedback=SILENT):
    """The local path of the package at ``url``, downloaded into ``folder``."""
    name = posixpath.basename(urllib.parse.unquote(urllib.parse.urlsplit(url).path))
    if not is_package_name(name):
        raise ParameterError("sourceItemId: a URL must name a .tpk or .tpkx file", url)
    target = os.path.join(folder, name)
    return download(ServiceClient(fetch, url), url, target, feedback)

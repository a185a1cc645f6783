"""A tiled service's description (``?f=json``): its scheme and what it allows.

The tiling scheme is read by metadata/service_json.read_mapserver_json, the
same reader as a .tpk's mapserver.json (which is a service description).
"""
import re
import urllib.parse
from dataclasses import dataclass
from typing import Optional

from ..errors import ParameterError, SchemeError
from ..metadata.service_json import read_mapserver_json
from ..scheme.tiling_scheme import TilingScheme
from .client import ServiceClient, ServiceError

SERVICE_PATH = re.compile(r"^(.*/(?:MapServer|ImageServer))(?:/.*)?$", re.IGNORECASE)


def is_service_url(text):
    """True when ``text`` looks like an http(s) URL of a MapServer or ImageServer."""
    parts = urllib.parse.urlsplit(str(text).strip())
    return parts.scheme in ("http", "https") and bool(SERVICE_PATH.match(parts.path))


def service_url(text):
    """The service's root URL (no query, no sub-resource); ParameterError otherwise."""
    parts = urllib.parse.urlsplit(str(text).strip())
    match = SERVICE_PATH.match(parts.path)
    if parts.scheme not in ("http", "https") or not parts.netloc or not match:
        raise ParameterError("not the URL of an ArcGIS MapServer or ImageServer "
                             "(https://host/.../MapServer)", text)
    return urllib.parse.urlunsplit((parts.scheme, parts.netloc, match.group(1), "", ""))


@dataclass(frozen=True)
class ServiceInfo:
    url: str
    scheme: TilingScheme
    export_tiles_allowed: bool
    max_export_tiles_count: Optional[int]
    has_tilemap: bool
    name: str

    def check_export_allowed(self):
        if not self.export_tiles_allowed:
            raise ServiceError("the service does not allow exporting tiles "
                               "(exportTilesAllowed is false)", self.url)

    def tile_limit(self, requested):
        """The parameter's limit and the service's, whichever is lower (0: none)."""
        limits = [n for n in (requested, self.max_export_tiles_count) if n]
        return min(limits) if limits else 0


def read_service(client: ServiceClient):
    """The ServiceInfo of the service ``client`` talks to."""
    doc = client.json()
    if not isinstance(doc.get("tileInfo"), dict):
        raise ServiceError("not a tiled service: its description has no tileInfo "
                           "(a dynamic map service cannot be taken offline as tiles)",
                           client.url)
    try:
        scheme = read_mapserver_json(_reencoded(doc), client.url)
    except SchemeError as exc:
        raise ServiceError(f"its tiling scheme cannot be used: {exc.message}",
                           client.url) from None
    capabilities = {c.strip().lower() for c in str(doc.get("capabilities", "")).split(",")}
    limit = doc.get("maxExportTilesCount")
    name = doc.get("mapName") or doc.get("name") or _last_name(client.url)
    return ServiceInfo(client.url, scheme, doc.get("exportTilesAllowed") is True,
                       limit if isinstance(limit, int) and limit > 0 else None,
                       "tilemap" in capabilities, str(name))


def _reencoded(doc):
    import json
    return json.dumps(doc).encode("utf-8")


def _last_name(url):
    parts = [p for p in urllib.parse.urlsplit(url).path.split("/") if p]
    return parts[-2] if len(parts) >= 2 else "service"

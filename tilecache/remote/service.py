"""A tiled service's description (``?f=json``): its scheme and what it allows.

The tiling scheme is read by metadata/service_json.read_mapserver_json, the
same reader as a .tpk's mapserver.json (which is a service description).
"""
import re
import urllib.parse
from dataclasses import dataclass, replace
from typing import Optional, Tuple

from ..errors import ParameterError, SchemeError
from ..feedback import SILENT
from ..metadata.service_json import read_mapserver_json
from ..params.levels import level_ranges_text
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
    #: The level ids that hold tiles, and why those (see data_levels).
    data_levels: Tuple[int, ...] = ()
    levels_reason: str = ""

    def check_export_allowed(self):
        if not self.export_tiles_allowed:
            raise ServiceError("the service does not allow exporting tiles "
                               "(exportTilesAllowed is false)", self.url)

    def with_default_levels(self, options, feedback=SILENT):
        """``options`` with ``levels`` set to the levels the service holds when none
        are given (exportTiles and the estimate require ``levels`` on the server),
        logged with the reason."""
        if options.levels and str(options.levels).strip():
            return options
        levels = level_ranges_text(self.data_levels)
        feedback.info(f"levels {levels}: {self.levels_reason}")
        return replace(options, levels=levels, export_by="LevelID")

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
    levels, reason = data_levels(doc, scheme)
    return ServiceInfo(client.url, scheme, doc.get("exportTilesAllowed") is True,
                       limit if isinstance(limit, int) and limit > 0 else None,
                       "tilemap" in capabilities, str(name), tuple(levels), reason)


def data_levels(doc, scheme):
    """``(level ids, reason)``: the levels of the service that hold tiles.

    ``tileInfo.lods`` lists the whole tiling scheme (0-23 for World services)
    even where tiles exist in a few levels; minLOD/maxLOD (10.7.1+) name the
    levels that hold tiles, minScale/maxScale the same range as scales
    (0 for no limit). Without either, every LOD of the scheme.
    """
    ids = sorted(scheme.level_ids)
    listed = f"tileInfo lists {level_ranges_text(ids)}"
    low, high = doc.get("minLOD"), doc.get("maxLOD")
    if _whole(low) and _whole(high):
        chosen = [level for level in ids if low <= level <= high]
        if chosen:
            return chosen, f"the service's minLOD {low} to maxLOD {high} ({listed})"
    smallest, largest = _scale(doc.get("minScale")), _scale(doc.get("maxScale"))
    if smallest or largest:
        # A LOD's scale as listed may differ from minScale in the last digits.
        chosen = [lod.level for lod in scheme.lods
                  if (not smallest or lod.scale <= smallest * (1 + 1e-9))
                  and (not largest or lod.scale >= largest * (1 - 1e-9))]
        if chosen:
            return sorted(chosen), (f"the LODs within the service's minScale {smallest:g} and "
                                    f"maxScale {largest:g} ({listed})")
    return ids, "every LOD of the service's tiling scheme: it gives neither minLOD/maxLOD " \
                "nor minScale/maxScale"


def _whole(value):
    return isinstance(value, int) and not isinstance(value, bool)


def _scale(value):
    """A positive scale denominator, or 0 (none given, or 0: no limit)."""
    ok = isinstance(value, (int, float)) and not isinstance(value, bool) and value > 0
    return float(value) if ok else 0.0


def _reencoded(doc):
    import json
    return json.dumps(doc).encode("utf-8")


def _last_name(url):
    parts = [p for p in urllib.parse.urlsplit(url).path.split("/") if p]
    return parts[-2] if len(parts) >= 2 else "service"

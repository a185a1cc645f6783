"""Spatial references as Esri writes them: WKID, latest WKID and/or WKT.

One reader of Esri's ``spatialReference`` JSON serves root.json,
iteminfo.json and REST parameters alike; each caller says which error to
raise (docs/formats.md#spatial-references).
"""
import math
from dataclasses import dataclass
from typing import Optional

from ..errors import SchemeError

#: Web Mercator has had several WKIDs; ArcGIS writes 102100 with latestWkid 3857.
_WKID_ALIASES = {102100: 3857, 102113: 3857, 900913: 3857, 3785: 3857}

def canonical_wkid(wkid):
    if wkid is None:
        return None
    return _WKID_ALIASES.get(int(wkid), int(wkid))


@dataclass(frozen=True)
class SpatialReference:
    wkid: Optional[int] = None
    latest_wkid: Optional[int] = None
    wkt: Optional[str] = None

    @property
    def epsg(self):
        """The EPSG-style code to hand to pyproj/QGIS, or None for WKT only."""
        return canonical_wkid(self.latest_wkid or self.wkid)

    def same_as(self, other):
        if self.epsg and other.epsg:
            return self.epsg == other.epsg
        if self.wkt and other.wkt:
            return _normalise_wkt(self.wkt) == _normalise_wkt(other.wkt) or \
                _pyproj_equal(self.wkt, other.wkt)
        return False

    def describe(self):
        if self.wkid:
            return f"WKID {self.wkid}"
        if self.wkt:
            return self.wkt[:60] + ("..." if len(self.wkt) > 60 else "")
        return "unknown"

    def to_pyproj(self):
        import pyproj
        if self.epsg:
            return pyproj.CRS.from_epsg(self.epsg)
        if self.wkt:
            return pyproj.CRS.from_wkt(self.wkt)
        raise SchemeError("the tiling scheme has no spatial reference")

    def to_json(self):
        out = {}
        if self.wkid:
            out["wkid"] = self.wkid
            out["latestWkid"] = self.latest_wkid or canonical_wkid(self.wkid)
        elif self.wkt:
            out["wkt"] = self.wkt
        return out


def _normalise_wkt(text):
    return "".join(text.split()).upper()


def _pyproj_equal(wkt_a, wkt_b):
    try:
        import pyproj
        return pyproj.CRS.from_wkt(wkt_a).equals(pyproj.CRS.from_wkt(wkt_b), ignore_axis_order=True)
    except Exception:  # noqa: BLE001 - unparsable WKT simply is not equal
        return False


def spatial_reference_from_json(value, fail):
    """A SpatialReference from Esri JSON, or None when it names none.

    ``value`` is ``{"wkid"|"latestWkid"|"wkt"|"wkt2": ..}``, or a WKID or
    CRS name as text (portal items write those). ``fail(reason)`` builds the
    exception to raise, so each caller reports in its own terms.
    """
    if value is None or value == "":
        return None
    if isinstance(value, str):
        if value.strip().isdigit():
            return SpatialReference(wkid=int(value))
        from .crs_info import from_name
        return from_name(value)
    if not isinstance(value, dict):
        raise fail('spatialReference must be an object such as {"wkid": 4326}')
    wkid = _wkid(value.get("wkid"), "wkid", fail)
    latest = _wkid(value.get("latestWkid"), "latestWkid", fail)
    wkt = value.get("wkt") or value.get("wkt2")
    if wkt is not None and not isinstance(wkt, str):
        raise fail("spatialReference wkt must be text")
    if wkid is None and latest is None and not wkt:
        return None
    return SpatialReference(wkid=wkid if wkid is not None else latest,
                            latest_wkid=latest, wkt=wkt or None)


def _wkid(value, name, fail):
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)) \
            or not math.isfinite(value) or value != int(value) or value <= 0:
        raise fail(f"spatialReference {name} {value!r} is not a positive whole number")
    return int(value)

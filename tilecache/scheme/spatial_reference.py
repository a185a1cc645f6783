"""Spatial references as Esri writes them: WKID, latest WKID and/or WKT.

The value type and its comparisons; reading Esri's ``spatialReference``
JSON is in spatial_reference_json.py (docs/formats.md#spatial-references).
"""
from dataclasses import dataclass
from typing import Optional

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

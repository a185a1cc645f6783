"""Esri's ``spatialReference`` JSON read into a SpatialReference.

One reader serves root.json, iteminfo.json and REST parameters alike; each
caller says which error to raise (docs/formats.md#spatial-references). A
CRS name given as text is resolved through pyproj (crs_info.from_name).
"""
import math

from .crs_info import from_name
from .spatial_reference import SpatialReference


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

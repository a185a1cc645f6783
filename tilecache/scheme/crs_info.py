"""What pyproj can tell about a SpatialReference, for metadata only.

Metadata writers want an ESRI WKT, a CRS name, units or a geographic extent.
None of these may stop an export: when pyproj is missing or does not know the
CRS, the functions answer None and the caller leaves the field out or uses
ArcGIS's own fallback.
"""
import math
import re

from .spatial_reference import SpatialReference

#: EPSG:3857 (and its aliases 102100, 102113, 900913): spherical Web Mercator.
WEB_MERCATOR_EPSG = 3857
#: The sphere's radius in EPSG:3857, metres.
WEB_MERCATOR_RADIUS = 6378137.0
#: Web Mercator's names as ArcGIS (iteminfo.xml) and EPSG spell them: what
#: ``from_name`` answers for them without importing pyproj (0.3 s of every
#: run's start, for the scheme nearly every package has).
_WEB_MERCATOR_NAMES = frozenset({"WGS_1984_Web_Mercator_Auxiliary_Sphere",
                                 "WGS 84 / Pseudo-Mercator"})

#: ArcGIS unit names for map services, keyed by PROJ's unit names.
_ESRI_UNITS = {
    "metre": "esriMeters",
    "degree": "esriDecimalDegrees",
    "foot": "esriFeet",
    "US survey foot": "esriFeet",
}

_WKT_NAME = re.compile(r'^\s*[A-Z_]+\[\s*"([^"]*)"')


def to_crs(spatial_reference):
    """A pyproj CRS, or None when there is nothing pyproj can understand."""
    if spatial_reference is None:
        return None
    try:
        import pyproj
        if spatial_reference.epsg:
            try:
                return pyproj.CRS.from_epsg(spatial_reference.epsg)
            except pyproj.exceptions.CRSError:
                # ESRI-only codes (e.g. 102003) live under the ESRI authority.
                return pyproj.CRS.from_user_input(f"ESRI:{spatial_reference.epsg}")
        if spatial_reference.wkt:
            return pyproj.CRS.from_wkt(spatial_reference.wkt)
    except Exception:  # noqa: BLE001 - unknown CRS: metadata goes without it
        return None
    return None


def web_mercator_degrees(extent):
    """A Web Mercator (xmin, ymin, xmax, ymax) box as WGS 84 degrees, without pyproj.

    The spherical Mercator's inverse (lon = x / R, lat = atan(sinh(y / R))) is
    monotonic in each axis, so the box maps exactly onto a box; it is what PROJ
    computes for EPSG:3857 (EPSG Guidance Note 7-2, "Popular Visualisation Pseudo
    Mercator"), and it spares the export of the common case pyproj's 0.3 s import.
    """
    lon = (lambda x: math.degrees(x / WEB_MERCATOR_RADIUS))
    lat = (lambda y: math.degrees(math.atan(math.sinh(y / WEB_MERCATOR_RADIUS))))
    xmin, ymin, xmax, ymax = extent
    return lon(xmin), lat(ymin), lon(xmax), lat(ymax)


def esri_wkt(spatial_reference):
    """The WKT ArcGIS would write: the scheme's own, else pyproj's ESRI flavour."""
    if spatial_reference is None:
        return None
    if spatial_reference.wkt:
        return spatial_reference.wkt
    crs = to_crs(spatial_reference)
    if crs is None:
        return None
    try:
        return crs.to_wkt("WKT1_ESRI") or None
    except Exception:  # noqa: BLE001 - no ESRI form for this CRS
        return None


def esri_name(spatial_reference):
    """The CRS name as ArcGIS spells it (WGS_1984_Web_Mercator_Auxiliary_Sphere)."""
    wkt = esri_wkt(spatial_reference)
    match = _WKT_NAME.match(wkt or "")
    return match.group(1) if match else None


def is_geographic(spatial_reference):
    """True for latitude/longitude systems; None when it cannot be told."""
    crs = to_crs(spatial_reference)
    if crs is not None:
        return bool(crs.is_geographic)
    wkt = (spatial_reference.wkt or "").lstrip().upper() if spatial_reference else ""
    if wkt.startswith(("GEOGCS", "GEOGCRS")):
        return True
    if wkt.startswith(("PROJCS", "PROJCRS")):
        return False
    return None


def esri_units(spatial_reference):
    """esriMeters / esriDecimalDegrees / esriFeet; esriMeters when unknown."""
    crs = to_crs(spatial_reference)
    if crs is not None and crs.axis_info:
        return _ESRI_UNITS.get(crs.axis_info[0].unit_name, "esriMeters")
    return "esriMeters"


def from_name(name):
    """A SpatialReference for a CRS name such as iteminfo.xml carries, or None.

    PROJ's name lookup is fuzzy (an unknown word still finds *some* CRS), so the
    match counts only when the CRS found carries exactly that name.
    """
    name = (name or "").strip()
    if not name:
        return None
    if name in _WEB_MERCATOR_NAMES:
        return SpatialReference(wkid=WEB_MERCATOR_EPSG)
    try:
        import pyproj
        crs = pyproj.CRS.from_user_input(name)
        esri = _WKT_NAME.match(crs.to_wkt("WKT1_ESRI") or "")
        if name not in (crs.name, esri.group(1) if esri else None):
            return None
        code = crs.to_epsg()
    except Exception:  # noqa: BLE001 - names pyproj does not know stay unresolved
        return None
    return SpatialReference(wkid=code) if code else None

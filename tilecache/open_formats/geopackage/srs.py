"""A tiling scheme's CRS as a gpkg_spatial_ref_sys row, and back.

EPSG codes are kept as EPSG; Esri-only WKIDs (102xxx State Plane feet...)
as organization ESRI; a CRS known only by WKT gets a user-defined srs_id
with organization NONE. The definition is OGC WKT 1 as GDAL writes it
(pyproj), or the cache's own WKT when pyproj cannot read it.
"""
import math
from typing import NamedTuple

from ...scheme.crs_info import is_geographic, to_crs
from ...scheme.spatial_reference import SpatialReference
from .schema import CUSTOM_SRS_ID

#: Metres per degree along the equator, as ArcGIS converts degree resolutions to scales.
METRES_PER_DEGREE = 2 * math.pi * 6378137.0 / 360
INCHES_PER_METRE = 1 / 0.0254


class SrsRow(NamedTuple):
    srs_name: str
    srs_id: int
    organization: str
    organization_coordsys_id: int
    definition: str
    description: str


def srs_row(spatial_reference):
    """The gpkg_spatial_ref_sys row for a SpatialReference."""
    crs = to_crs(spatial_reference)
    definition = _wkt1(crs) or spatial_reference.wkt or "undefined"
    name = crs.name if crs is not None else spatial_reference.describe()
    authority = crs.to_authority() if crs is not None else None
    if authority and authority[0] in ("EPSG", "ESRI") and authority[1].isdigit():
        code = int(authority[1])
        return SrsRow(name, code, authority[0], code, definition, "")
    return SrsRow(name, CUSTOM_SRS_ID, "NONE", CUSTOM_SRS_ID, definition,
                  "the tile cache's own coordinate system")


def _wkt1(crs):
    if crs is None:
        return None
    try:
        return crs.to_wkt("WKT1_GDAL") or None
    except Exception:  # noqa: BLE001 - no WKT 1 form: the cache's own WKT is used
        return None


def spatial_reference_of(organization, code, definition):
    """A SpatialReference from a gpkg_spatial_ref_sys row."""
    organization = str(organization or "").upper()
    if organization == "EPSG" and isinstance(code, int) and code > 0:
        return SpatialReference(wkid=code, latest_wkid=code)
    if organization == "ESRI" and isinstance(code, int) and code > 0:
        return SpatialReference(wkid=code)
    if isinstance(definition, str) and definition.strip() not in ("", "undefined"):
        return SpatialReference(wkt=definition.strip())
    return SpatialReference()


def scale_of(resolution, spatial_reference, dpi=96):
    """The map scale of a resolution at ``dpi``, as ArcGIS computes it: degrees count
    as metres along the equator, other units by their length in metres."""
    crs = to_crs(spatial_reference)
    if is_geographic(spatial_reference):
        metres = METRES_PER_DEGREE
    elif crs is not None and crs.axis_info:
        metres = crs.axis_info[0].unit_conversion_factor
    else:
        metres = 1.0
    return resolution * metres * dpi * INCHES_PER_METRE

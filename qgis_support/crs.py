"""The QGIS CRS of a tiling scheme's spatial reference (map layers and rendering)."""
from qgis.core import QgsCoordinateReferenceSystem


def scheme_crs(spatial_reference):
    """The QGIS CRS of a core SpatialReference (EPSG, then ESRI code, then WKT)."""
    code = spatial_reference.epsg
    candidates = [f"EPSG:{code}"] if code else []
    if spatial_reference.wkid:
        candidates.append(f"ESRI:{spatial_reference.wkid}")
    for authid in candidates:
        crs = QgsCoordinateReferenceSystem(authid)
        if crs.isValid():
            return crs
    return QgsCoordinateReferenceSystem.fromWkt(spatial_reference.wkt or "")

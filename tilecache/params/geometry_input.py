"""Reading REST extents and Esri JSON areas of interest into shapely/Extent.

Each parser answers ``(value, SpatialReference or None)``; None as spatial
reference means "in the cache's own", as REST assumes without one.
"""
import json
import math
import re

import numpy as np
import shapely
from shapely.geometry import Polygon

from ..scheme.crs_info import to_crs
from ..errors import ParameterError
from ..io.json_text import JsonTextError, decode_json
from ..model import Extent
from ..scheme.spatial_reference import SpatialReference
from ..scheme.spatial_reference_json import spatial_reference_from_json

#: Text longer than this is refused before parsing: Esri JSON of that size is
#: a mistake (a whole layer pasted) and would exhaust memory when parsed.
MAX_TEXT_CHARS = 50 * 1024 * 1024
#: Vertex cap for the area of interest; per-row clipping cost grows with it.
MAX_VERTICES = 5_000_000

_NUMBER = r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?"
_NUMBER_RE = re.compile(rf"^{_NUMBER}$")
_QGIS_FORM = re.compile(r"^(?P<numbers>[^\[\]]*)\[(?P<crs>[^\[\]]*)\]$")
_AUTHORITY_CODE = re.compile(r"^(?:EPSG|ESRI)\s*:\s*(\d+)$", re.IGNORECASE)


# ---- extents ---------------------------------------------------------------

def parse_extent(text, parameter="exportExtent"):
    """``(Extent, SpatialReference|None)`` from any accepted form, or None if empty."""
    if text is None:
        return None
    if isinstance(text, Extent):
        return _checked_extent(tuple(text), parameter), None
    if isinstance(text, dict):
        return _extent_from_json(text, parameter)
    text = str(text).strip()
    if not text:
        return None
    if text.startswith("{"):
        return _extent_from_json(_load_json(text, parameter, "not a valid JSON extent"),
                                 parameter)
    qgis = _QGIS_FORM.match(text)
    if qgis:
        # The QGIS extent widget writes x range, then y range, then the CRS.
        xmin, xmax, ymin, ymax = _four_numbers(qgis.group("numbers"), parameter)
        sr = _authid_to_sr(qgis.group("crs").strip(), parameter)
        return _checked_extent((xmin, ymin, xmax, ymax), parameter), sr
    return _bare_extent(_four_numbers(text, parameter), parameter), None


def _bare_extent(numbers, parameter):
    """Four numbers without a CRS are REST order, xmin,ymin,xmax,ymax, as both
    REST pages define them; the QGIS dialog always adds its CRS (QGIS order
    with "[EPSG:n]"), so no dialog value arrives here."""
    return _checked_extent(numbers, parameter, rest_order=True)


def _four_numbers(text, parameter):
    items = [item.strip() for item in text.strip().split(",")]
    if len(items) != 4:
        raise ParameterError(f'{parameter}: "{text.strip()}" has {len(items)} values; '
                             "an extent needs 4 (xmin,ymin,xmax,ymax)")
    for item in items:
        if not _NUMBER_RE.match(item):
            raise ParameterError(f'{parameter}: "{item}" is not a number')
    return tuple(float(item) for item in items)


def _checked_extent(values, parameter, rest_order=False):
    hint = (" (four bare numbers are REST order xmin,ymin,xmax,ymax; the QGIS order "
            'xmin,xmax,ymin,ymax needs its CRS: "xmin,xmax,ymin,ymax [EPSG:3857]")'
            if rest_order else "")
    return Extent.checked(values, lambda reason: ParameterError(f"{parameter}: {reason}{hint}"))


def _extent_from_json(obj, parameter):
    if not isinstance(obj, dict):
        raise ParameterError(f"{parameter}: a JSON extent must be an object with xmin, ymin, "
                             "xmax, ymax")
    missing = [key for key in ("xmin", "ymin", "xmax", "ymax") if key not in obj]
    if missing:
        raise ParameterError(f"{parameter}: the JSON extent lacks {', '.join(missing)}")
    extent = _checked_extent(tuple(obj[key] for key in ("xmin", "ymin", "xmax", "ymax")),
                             parameter)
    return extent, parse_spatial_reference(obj.get("spatialReference"), parameter)


def _authid_to_sr(authid, parameter):
    if not authid:
        return None
    match = _AUTHORITY_CODE.match(authid)
    if match:
        return SpatialReference(wkid=int(match.group(1)))
    # Other authorities (IGNF:LAMB93, OGC:CRS84, ...) travel on as WKT.
    try:
        import pyproj
        return SpatialReference(wkt=pyproj.CRS.from_user_input(authid).to_wkt())
    except Exception as exc:  # noqa: BLE001 - pyproj raises several kinds
        raise ParameterError(f'{parameter}: unknown coordinate reference system "{authid}" '
                             f"({_one_line(exc)})") from exc


def parse_spatial_reference(obj, parameter):
    """A SpatialReference from Esri JSON ``{"wkid"|"latestWkid"|"wkt": ..}``, or None."""
    return spatial_reference_from_json(obj, lambda reason: ParameterError(f"{parameter}: {reason}"))


# ---- areas of interest -----------------------------------------------------

def parse_area_of_interest(text, parameter="areaOfInterest"):
    """``(Polygon|MultiPolygon, SpatialReference|None)`` from Esri JSON, or None if empty.

    Accepts a FeatureSet, a single feature or a bare polygon ``{"rings": ..}``.
    """
    if text is None:
        return None
    if isinstance(text, (dict, list)):
        obj = text
    else:
        text = str(text).strip()
        if not text:
            return None
        if len(text) > MAX_TEXT_CHARS:
            raise ParameterError(f"{parameter}: the Esri JSON is {len(text)} characters; "
                                 f"at most {MAX_TEXT_CHARS} are accepted")
        obj = _load_json(text, parameter, "not valid Esri JSON")
    top_sr = None
    if isinstance(obj, dict) and "features" in obj:
        top_sr = parse_spatial_reference(obj.get("spatialReference"), parameter)
        features = obj["features"]
        if not isinstance(features, list):
            raise ParameterError(f"{parameter}: not valid Esri JSON: features must be a list")
    elif isinstance(obj, dict) and "geometry" in obj:
        features = [obj]
    elif isinstance(obj, dict) and ("rings" in obj or "curveRings" in obj):
        features = [{"geometry": obj}]
    else:
        raise ParameterError(f"{parameter}: not valid Esri JSON: expected a FeatureSet, "
                             'a feature or a polygon with "rings"')
    if not features:
        raise ParameterError(f"{parameter}: the FeatureSet has no features")
    budget = [MAX_VERTICES]
    parts, srs = [], []
    for number, feature in enumerate(features, 1):
        where = f"feature {number}"
        geometry = feature.get("geometry") if isinstance(feature, dict) else None
        if not isinstance(geometry, dict):
            raise ParameterError(f"{parameter}: {where} has no geometry object")
        srs.append(parse_spatial_reference(geometry.get("spatialReference"), parameter)
                   or top_sr)
        parts.append(_polygon_from_rings(geometry, where, parameter, budget))
    sr = _common_sr(srs, parameter)
    area = polygonal_part(shapely.union_all(parts))
    if area.is_empty or area.area <= 0:
        raise ParameterError(f"{parameter}: the polygons have no area")
    return area, sr


def _polygon_from_rings(geometry, where, parameter, budget):
    if "curveRings" in geometry:
        raise ParameterError(f"{parameter}: {where} has curved rings; densify it to "
                             "straight segments first")
    rings = geometry.get("rings")
    if not isinstance(rings, list) or not rings:
        raise ParameterError(f"{parameter}: {where} has no polygon rings")
    regions = []
    for ring_number, ring in enumerate(rings, 1):
        points = _ring_points(ring, f"{where} ring {ring_number}", parameter, budget)
        region = polygonal_part(Polygon(points))
        # A ring that encloses nothing (all points on one line) adds nothing.
        if region.area > 0:
            regions.append(region)
    if not regions:
        raise ParameterError(f"{parameter}: {where} has no area")
    return _even_odd(regions)


def _ring_points(ring, where, parameter, budget):
    if not isinstance(ring, list):
        raise ParameterError(f"{parameter}: {where} is not a list of points")
    if len(ring) < 4:
        raise ParameterError(f"{parameter}: {where} has {len(ring)} points; a closed ring "
                             "needs at least 4")
    budget[0] -= len(ring)
    if budget[0] < 0:
        raise ParameterError(f"{parameter}: more than {MAX_VERTICES} vertices; "
                             "simplify the area of interest")
    points = []
    for point in ring:
        if not (isinstance(point, list) and len(point) >= 2
                and all(_finite_number(v) for v in point[:2])):
            raise ParameterError(f"{parameter}: {where} holds {_short(point)}, "
                                 "which is not a point [x, y]")
        points.append((float(point[0]), float(point[1])))
    return points


def _even_odd(regions):
    """Combine one geometry's rings: a ring is a hole when inside an odd count of others.

    Esri writes outer rings clockwise and holes counter-clockwise, but other
    software gets the orientation wrong, so nesting decides instead.
    """
    if len(regions) == 1:
        return regions[0]
    areas = shapely.area(regions)
    inside = shapely.point_on_surface(regions)
    tree = shapely.STRtree(regions)
    point_idx, region_idx = tree.query(inside, predicate="within")
    depth = [0] * len(regions)
    for point, region in zip(point_idx.tolist(), region_idx.tolist()):
        # Only a larger ring can hold this one; equal areas are duplicates, and
        # the earlier copy counts as the container.
        bigger = areas[region] > areas[point] or (areas[region] == areas[point] and region < point)
        if region != point and bigger:
            depth[point] += 1
    by_depth = {}
    for region, level in zip(regions, depth):
        by_depth.setdefault(level, []).append(region)
    # Nesting runs outer (depth 0), hole (1), island in hole (2), ...: each
    # even depth minus the odd depth just inside it.
    result = []
    for level in range(0, max(by_depth) + 1, 2):
        filled = shapely.union_all(by_depth.get(level, []))
        holes = by_depth.get(level + 1)
        if holes:
            filled = shapely.difference(filled, shapely.union_all(holes))
        result.append(filled)
    return polygonal_part(shapely.union_all(result))


def polygonal_part(geometry):
    """The polygonal part of ``geometry``, repaired if invalid (maybe empty)."""
    if not geometry.is_valid:
        geometry = shapely.make_valid(geometry)
    if geometry.geom_type in ("Polygon", "MultiPolygon"):
        return geometry
    polygons = [part for part in shapely.get_parts(geometry)
                if part.geom_type in ("Polygon", "MultiPolygon")]
    return shapely.union_all(polygons) if polygons else Polygon()


def _common_sr(srs, parameter):
    known = [sr for sr in srs if sr is not None]
    if not known:
        return None
    first = known[0]
    if len(known) != len(srs) or not all(sr == first or sr.same_as(first) for sr in known):
        raise ParameterError(f"{parameter}: the features are in different spatial references")
    return first


# ---- into the cache's spatial reference ------------------------------------

#: Web Mercator's latitude limit: the square world of the standard scheme.
WEB_MERCATOR_MAX_LATITUDE = 85.0511287798
#: Edges are cut into pieces no longer than the geometry's size over this
#: before reprojecting: a straight line in one CRS is a curve in another.
_SEGMENTS_ACROSS = 64


def to_scheme_crs_extent(extent, source_sr, target_sr, parameter="exportExtent"):
    """``extent`` (in ``source_sr``) as the box that holds it in ``target_sr``."""
    found = _transformer(source_sr, target_sr, parameter)
    if found is None:
        return extent
    transformer, clamp_latitude = found
    xmin, ymin, xmax, ymax = extent
    if clamp_latitude:
        ymin, ymax = _clamp(ymin), _clamp(ymax)
        if not ymin < ymax:
            raise ParameterError(f"{parameter}: the extent lies beyond latitude "
                                 f"±{WEB_MERCATOR_MAX_LATITUDE}, outside Web Mercator")
    try:
        box = transformer.transform_bounds(xmin, ymin, xmax, ymax, densify_pts=21)
    except Exception as exc:  # noqa: BLE001 - pyproj raises ProjError and others
        raise _untransformable(parameter, source_sr, target_sr, exc) from exc
    return Extent.checked(box, lambda reason: _untransformable(parameter, source_sr, target_sr))


def to_scheme_crs_geometry(geometry, source_sr, target_sr, parameter="areaOfInterest"):
    """``geometry`` (in ``source_sr``) reprojected into ``target_sr``, edges bent."""
    found = _transformer(source_sr, target_sr, parameter)
    if found is None:
        return geometry
    transformer, clamp_latitude = found
    xmin, ymin, xmax, ymax = geometry.bounds
    geometry = shapely.segmentize(geometry, max(xmax - xmin, ymax - ymin) / _SEGMENTS_ACROSS)
    if clamp_latitude:
        geometry = shapely.transform(geometry, _clamp_coordinates)

    def reproject(xy):
        return np.column_stack(transformer.transform(xy[:, 0], xy[:, 1], errcheck=False))
    try:
        moved = shapely.transform(geometry, reproject)
    except Exception as exc:  # noqa: BLE001 - pyproj raises ProjError and others
        raise _untransformable(parameter, source_sr, target_sr, exc) from exc
    if not np.isfinite(shapely.get_coordinates(moved)).all():
        raise _untransformable(parameter, source_sr, target_sr)
    moved = polygonal_part(moved)
    if moved.is_empty or moved.area <= 0:
        raise ParameterError(f"{parameter}: nothing of the area of interest is left in "
                             f"{target_sr.describe()}")
    return moved


def _transformer(source_sr, target_sr, parameter):
    """A transformer, or None when nothing needs moving."""
    if source_sr is None or not (source_sr.epsg or source_sr.wkt):
        return None
    if target_sr is None or source_sr == target_sr or source_sr.same_as(target_sr):
        return None
    import pyproj
    source, target = to_crs(source_sr), to_crs(target_sr)
    for sr, crs in ((source_sr, source), (target_sr, target)):
        if crs is None:
            raise ParameterError(f"{parameter}: unknown spatial reference {sr.describe()}")
    # Latitudes past Web Mercator's limit map to infinity; clip them to the edge
    # of its square world, which is all a Web Mercator cache can hold anyway.
    clamp = source.is_geographic and target_sr.epsg == 3857
    return pyproj.Transformer.from_crs(source, target, always_xy=True), clamp


def _clamp(latitude):
    return min(max(latitude, -WEB_MERCATOR_MAX_LATITUDE), WEB_MERCATOR_MAX_LATITUDE)


def _clamp_coordinates(xy):
    return np.column_stack([xy[:, 0], np.clip(xy[:, 1], -WEB_MERCATOR_MAX_LATITUDE,
                                              WEB_MERCATOR_MAX_LATITUDE)])


def _untransformable(parameter, source_sr, target_sr, exc=None):
    reason = f" ({_one_line(exc)})" if exc is not None else ""
    return ParameterError(f"{parameter}: cannot be transformed from {source_sr.describe()} "
                          f"to {target_sr.describe()}; it lies outside the area where "
                          f"the transformation is defined{reason}")


# ---- shared helpers --------------------------------------------------------

def _load_json(text, parameter, what):
    try:
        return decode_json(text, MAX_TEXT_CHARS)
    except JsonTextError as exc:
        raise ParameterError(f"{parameter}: {what}: {exc.reason}") from None


def _finite_number(value):
    return not isinstance(value, bool) and isinstance(value, (int, float)) \
        and math.isfinite(value)


def _short(value):
    text = json.dumps(value) if not isinstance(value, float) else repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _one_line(exc):
    return " ".join(str(exc).split())

"""Extents and areas of interest from parameter values: every form a user or a REST
client writes, as the core's plain values.

``read_extent`` and ``read_area`` take a ``values.ParameterValues``; the core
parses the text forms (tilecache/params/geometry_input.py), QGIS resolves
rectangles and layers.
"""
from qgis.core import (QgsCoordinateReferenceSystem, QgsFeatureRequest, QgsMapLayer,
                       QgsProcessingFeatureSourceDefinition, QgsRectangle,
                       QgsReferencedRectangle, QgsWkbTypes)

from ..qgis_support.tr import tr
from ..tilecache.errors import ParameterError, TileCacheError
from ..tilecache.model import Extent
from ..tilecache.params import geometry_input
from ..tilecache.scheme.spatial_reference import SpatialReference


def spatial_reference_of(crs):
    """A core SpatialReference for a QgsCoordinateReferenceSystem (None if invalid)."""
    if crs is None or not crs.isValid():
        return None
    authid = crs.authid() or ""
    authority, _, code = authid.partition(":")
    if authority.upper() in ("EPSG", "ESRI") and code.isdigit():
        return SpatialReference(wkid=int(code))
    return SpatialReference(wkt=crs.toWkt(QgsCoordinateReferenceSystem.WKT_PREFERRED))


def _rectangle_extent(rect, crs, name):
    if rect.isNull() or rect.isEmpty():
        raise ParameterError(tr("{name}: the extent is empty").format(name=name))
    extent = Extent(rect.xMinimum(), rect.yMinimum(), rect.xMaximum(), rect.yMaximum())
    return extent, spatial_reference_of(crs)


def read_extent(values, name):
    """``(Extent, SpatialReference|None)`` from any extent form, or None when unset.

    Strings go to the core parser, which knows the QGIS widget form
    ``xmin,xmax,ymin,ymax [EPSG:n]``, the bare REST form ``xmin,ymin,xmax,ymax``
    and the REST JSON envelope; QGIS would read a bare string in its own order.
    Rectangles and layers (models, Python callers) are resolved by QGIS.
    """
    value = values.raw(name)
    if value is None:
        return None
    if isinstance(value, QgsReferencedRectangle):
        return _rectangle_extent(value, value.crs(), name)
    if isinstance(value, QgsRectangle):
        return _rectangle_extent(value, None, name)
    if isinstance(value, dict) or (isinstance(value, str) and _looks_like_extent_text(value)):
        return geometry_input.parse_extent(value, name)
    algorithm, parameters, context = values.algorithm, values.parameters, values.context
    rect = algorithm.parameterAsExtent(parameters, name, context)
    if isinstance(value, str) and (rect.isNull() or rect.isEmpty()):
        # QGIS looked for a layer of that name and found none.
        raise ParameterError(
            tr("{name}: \"{value}\" is not an extent (xmin,xmax,ymin,ymax [EPSG:n], a REST "
               "envelope in JSON, or a layer)").format(name=name, value=value.strip()))
    crs = algorithm.parameterAsExtentCrs(parameters, name, context)
    return _rectangle_extent(rect, crs, name)


def _looks_like_extent_text(text):
    """Numbers or JSON rather than a layer id / path, which QGIS resolves instead."""
    text = text.strip()
    if text.startswith("{"):
        return True
    head = text.split("[", 1)[0]
    return head.count(",") == 3 and not any(ch.isalpha() and ch not in "eE" for ch in head)


def read_area(values, name):
    """``(shapely polygon, SpatialReference|None)`` or None when unset.

    One parameter takes both a polygon layer (GUI, batch, models) and the REST
    Esri JSON FeatureSet text, so the REST call pastes into qgis_process as is.
    """
    value = values.raw(name)
    if value is None:
        return None
    if isinstance(value, (dict, list)) or (isinstance(value, str) and
                                           value.lstrip().startswith(("{", "["))):
        return geometry_input.parse_area_of_interest(value, name)
    if isinstance(value, (QgsMapLayer, QgsProcessingFeatureSourceDefinition, str)):
        source = values.algorithm.parameterAsSource(values.parameters, name, values.context)
        if source is None:
            raise ParameterError(
                tr("{name}: \"{value}\" is neither a polygon layer nor Esri JSON").format(
                    name=name, value=str(value)[:80]))
        return _source_geometry(source, name, values.feedback)
    raise ParameterError(
        tr("{name}: unsupported value {value}").format(name=name, value=repr(value)[:80]))


def _source_geometry(source, name, feedback):
    """The union of a source's polygons as shapely, via WKB, with the source's CRS."""
    import shapely
    if QgsWkbTypes.geometryType(source.wkbType()) != QgsWkbTypes.PolygonGeometry:
        raise ParameterError(tr("{name}: the layer must hold polygons").format(name=name))
    parts = []
    request = QgsFeatureRequest().setNoAttributes()
    for feature in source.getFeatures(request):
        if feedback is not None and feedback.isCanceled():
            raise TileCacheError(tr("Cancelled by the user; nothing was written."))
        geometry = feature.geometry()
        if geometry is None or geometry.isEmpty():
            continue
        parts.append(shapely.from_wkb(bytes(geometry.asWkb())))
    if not parts:
        raise ParameterError(tr("{name}: the layer holds no polygons").format(name=name))
    area = geometry_input.polygonal_part(shapely.union_all(parts))
    # Curved or 3D input arrives flattened by WKB parsing; only area matters.
    if area.is_empty or area.area <= 0:
        raise ParameterError(tr("{name}: the polygons have no area").format(name=name))
    return area, spatial_reference_of(source.sourceCrs())

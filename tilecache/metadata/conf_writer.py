"""Write conf.xml, conf.cdi and conf.properties the way ArcGIS lays them out.

Floats are written with repr(): the shortest text that parses back to the same
double, so a scheme survives write -> read bit for bit.
"""
import math
import re
import xml.etree.ElementTree as ET

from ..scheme.crs_info import esri_wkt, is_geographic
from ..errors import ParameterError
from ..model import BUNDLE_SIZE
from ..io.safe_xml import to_xml_bytes

#: Namespaces every ArcGIS XML file declares on its root element.
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
XS_NS = "http://www.w3.org/2001/XMLSchema"
TYPENS_NS = "http://www.esri.com/schemas/ArcGIS/10.3"

#: What conf.properties says the cache holds; ArcGIS map caches say "Map".
CACHE_TILE_CONTENT_TYPE = "Map"


def write_conf_xml(scheme):
    """conf.xml bytes for ``scheme`` (CacheInfo, typens 10.3)."""
    root = _root("CacheInfo")
    info = _typed(root, "TileCacheInfo")
    spatial_reference_element(info, scheme.spatial_reference)
    origin = _typed(info, "TileOrigin", "PointN")
    _value(origin, "X", scheme.origin_x)
    _value(origin, "Y", scheme.origin_y)
    _value(info, "TileCols", scheme.tile_width)
    _value(info, "TileRows", scheme.tile_height)
    # DPI is an integer element; PreciseDPI keeps any fraction for our reader.
    _value(info, "DPI", int(round(scheme.dpi)))
    _value(info, "PreciseDPI", scheme.dpi)
    lod_infos = _typed(info, "LODInfos", "ArrayOfLODInfo")
    for lod in scheme.lods:
        item = _typed(lod_infos, "LODInfo")
        _value(item, "LevelID", lod.level)
        _value(item, "Scale", lod.scale)
        _value(item, "Resolution", lod.resolution)

    image = _typed(root, "TileImageInfo")
    _value(image, "CacheTileFormat", scheme.tile_format)
    _value(image, "CompressionQuality", scheme.compression_quality)
    _value(image, "Antialiasing", scheme.antialiasing)
    if scheme.band_count is not None:
        _value(image, "BandCount", scheme.band_count)
    if scheme.lerc_error is not None:
        _value(image, "LERCError", scheme.lerc_error)

    storage = _typed(root, "CacheStorageInfo")
    _value(storage, "StorageFormat", scheme.storage_format.value)
    _value(storage, "PacketSize", BUNDLE_SIZE)
    return to_xml_bytes(root)


def write_conf_cdi(extent, spatial_reference):
    """conf.cdi bytes: the data extent as an EnvelopeN with its spatial reference."""
    if extent is None or not all(_finite(v) for v in extent):
        raise ParameterError(f"conf.cdi extent {extent!r} is not four finite numbers")
    root = _root("EnvelopeN")
    for name, value in zip(("XMin", "YMin", "XMax", "YMax"), extent):
        _value(root, name, value)
    if spatial_reference is not None:
        spatial_reference_element(root, spatial_reference)
    return to_xml_bytes(root)


def write_conf_properties():
    """conf.properties bytes: the PropertySet ArcGIS writes next to conf.xml."""
    root = _root("PropertySet")
    array = _typed(root, "PropertyArray", "ArrayOfPropertySetProperty")
    prop = _typed(array, "PropertySetProperty")
    _value(prop, "Key", "CacheTileContentType")
    value = _value(prop, "Value", CACHE_TILE_CONTENT_TYPE)
    value.set("xsi:type", "xs:string")
    return to_xml_bytes(root)


def spatial_reference_element(parent, spatial_reference):
    """Append an Esri <SpatialReference>: WKT when known, WKID, LatestWKID."""
    geographic = is_geographic(spatial_reference)
    if geographic is None and not (spatial_reference.wkid or spatial_reference.wkt):
        kind = "UnknownCoordinateSystem"
    else:
        kind = "GeographicCoordinateSystem" if geographic else "ProjectedCoordinateSystem"
    element = _typed(parent, "SpatialReference", kind)
    wkt = esri_wkt(spatial_reference)
    if wkt:
        _value(element, "WKT", wkt)
    _value(element, "HighPrecision", True)
    if spatial_reference.wkid:
        _value(element, "WKID", spatial_reference.wkid)
    if spatial_reference.latest_wkid:
        _value(element, "LatestWKID", spatial_reference.latest_wkid)
    return element


def format_number(value):
    """Text for a number that parses back to exactly the same value."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    return repr(float(value))


def _root(name):
    # Declared by hand: ElementTree would invent ns0 prefixes, and the xsi:type
    # values name the typens and xs prefixes, which it cannot see.
    return ET.Element(name, {"xsi:type": f"typens:{name}", "xmlns:xsi": XSI_NS,
                             "xmlns:xs": XS_NS, "xmlns:typens": TYPENS_NS})


def _typed(parent, name, type_name=None):
    return ET.SubElement(parent, name, {"xsi:type": f"typens:{type_name or name}"})


def _value(parent, name, value):
    element = ET.SubElement(parent, name)
    element.text = value if isinstance(value, str) else format_number(value)
    return element


def _finite(value):
    try:
        return math.isfinite(value)
    except TypeError:
        return False


def with_tile_format(conf_xml, tile_format):
    """``conf_xml`` bytes with CacheTileFormat set to ``tile_format`` and nothing else changed.

    Editing just the one element keeps everything else ArcGIS wrote, even
    elements this project does not model.
    """
    return re.sub(rb"(<(?:\w+:)?CacheTileFormat>)[^<]*(</)",
                  lambda m: m.group(1) + tile_format.encode() + m.group(2), conf_xml, count=1)

"""Package item metadata: iteminfo.json (.tpkx), iteminfo.xml and item.pkinfo (.tpk).

The layouts follow files ArcGIS made: Esri's sample .tpkx iteminfo.json and
the esriinfo/ folder of an ArcGIS 10.3 .tpk.
"""
import json
import math
import time
import uuid
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field, replace
from typing import Optional, Tuple

from ..scheme.crs_info import (WEB_MERCATOR_EPSG, esri_name, from_name, to_crs,
                               web_mercator_degrees)
from ..errors import FormatError, ParameterError
from .service_json import load_json
from ..model import Extent
from ..io.safe_xml import child, child_float, child_text, children, local_name, parse_xml, \
    to_xml_bytes
from ..scheme.spatial_reference import SpatialReference
from ..scheme.spatial_reference_json import spatial_reference_from_json

#: Type and the type keywords each package kind must carry (the .tpkx ones are
#: required by Esri's tile package spec; the .tpk ones are what ArcGIS 10.3 wrote).
#: iteminfo.json version (the tile package spec's) and item.pkinfo version (ArcGIS 10.3's).
ITEMINFO_JSON_VERSION = 1.0
PKINFO_VERSION = "10.3"
#: item.pkinfo names this stylesheet in every ArcGIS-made package.
PKINFO_STYLESHEET = ('<?xml-stylesheet type="text/xsl" '
                     'href="http://www.arcgisonline.com/home/pkinfostylesheet.xsl"?>\n')
#: Geographic extents are written in WGS 84.
WGS84 = SpatialReference(wkid=4326, latest_wkid=4326)
#: Points per edge when projecting an extent: edges of projected boxes curve.
DENSIFY_POINTS = 21


def new_guid():
    """A fresh item id, spelled as ArcGIS spells them (upper case, hyphenated)."""
    return str(uuid.uuid4()).upper()


def now_ms():
    return int(time.time() * 1000)


@dataclass(frozen=True)
class ItemType:
    """How a package kind presents itself in its item metadata (tilecache/packages)."""
    #: The item's ``type``, e.g. "Compact Tile Package".
    name: str
    #: The ``typeKeywords`` every package of the kind carries, in ArcGIS's order.
    keywords: Tuple[str, ...]
    #: The thumbnail member, relative to the item metadata.
    thumbnail: str


@dataclass
class ItemInfo:
    name: str
    title: str = ""
    summary: str = ""
    description: str = ""
    tags: Tuple[str, ...] = ()
    guid: str = field(default_factory=new_guid)
    snippet: str = ""
    created_ms: int = field(default_factory=now_ms)
    extent_geographic: Optional[Extent] = None
    spatial_reference: Optional[SpatialReference] = None
    #: The CRS name iteminfo.xml carries; kept even when pyproj cannot resolve it.
    spatial_reference_name: str = ""
    type_keywords: Tuple[str, ...] = ()
    access_information: str = ""
    license_info: str = ""

    def derived(self, **changes):
        """A copy for a new package made from this one's source: same text, new id."""
        changes.setdefault("guid", new_guid())
        changes.setdefault("created_ms", now_ms())
        if "spatial_reference" in changes:
            # The stored name described the old spatial reference; writers re-derive it.
            changes.setdefault("spatial_reference_name", "")
        return replace(self, **changes)


def _projected_degrees(extent, spatial_reference):
    """``extent`` as a WGS 84 box through pyproj (densified edges), or None."""
    crs = to_crs(spatial_reference)
    if crs is None:
        return None
    try:
        import pyproj
        transformer = pyproj.Transformer.from_crs(crs, pyproj.CRS.from_epsg(4326),
                                                  always_xy=True)
        return transformer.transform_bounds(*extent, densify_pts=DENSIFY_POINTS)
    except Exception:  # noqa: BLE001 - outside the CRS's area: no geographic extent
        return None


def geographic_extent(extent, spatial_reference):
    """``extent`` in WGS 84 degrees, or None when it cannot be placed on the globe."""
    if extent is None or spatial_reference is None:
        return None
    if spatial_reference.epsg == WEB_MERCATOR_EPSG:
        box = web_mercator_degrees(extent)
    else:
        box = _projected_degrees(extent, spatial_reference)
        if box is None:
            return None
    if not all(math.isfinite(v) for v in box):
        return None
    xmin, ymin, xmax, ymax = box
    return Extent(max(xmin, -180.0), max(ymin, -90.0), min(xmax, 180.0), min(ymax, 90.0))


# ---- iteminfo.json ------------------------------------------------------------

def read_iteminfo_json(data, path=None):
    doc = load_json(data, path)
    text = (lambda key: _text(doc.get(key), key, path))
    info = ItemInfo(
        name=text("name"), title=text("title"), summary=text("summary"),
        description=text("description"), snippet=text("snippet"),
        access_information=text("accessInformation"),
        tags=_tags(doc.get("tags"), path),
        type_keywords=_tags(doc.get("typeKeywords"), path, "typeKeywords"),
        extent_geographic=_json_extent(doc.get("extent"), path),
        spatial_reference=spatial_reference_from_json(
            doc.get("spatialReference"), lambda reason: FormatError(reason, path)),
    )
    if doc.get("guid") is not None:
        info.guid = text("guid")
    created = doc.get("created")
    if created is not None:
        info.created_ms = _milliseconds(created, path)
    return info


def write_iteminfo_json(info, item_type, kind_keywords):
    """iteminfo.json of a package whose item is ``item_type``; ``kind_keywords`` (type
    keywords naming some package kind) are dropped from the item's own."""
    doc = {
        "name": info.name, "guid": info.guid, "version": ITEMINFO_JSON_VERSION,
        "created": int(info.created_ms), "snippet": info.snippet,
        "description": info.description, "summary": info.summary,
        "title": info.title or info.name, "tags": list(info.tags), "type": item_type.name,
        "typeKeywords": _keywords(info, item_type, kind_keywords),
        "thumbnail": item_type.thumbnail,
    }
    if info.extent_geographic is not None:
        doc["extent"] = dict(zip(("xmin", "ymin", "xmax", "ymax"),
                                 (float(v) for v in _finite_extent(info.extent_geographic))),
                             spatialReference=WGS84.to_json())
    if info.spatial_reference is not None:
        doc["spatialReference"] = info.spatial_reference.to_json()
    if info.access_information:
        # The portal item's credits field: MBTiles attribution comes back here.
        doc["accessInformation"] = info.access_information
    return json.dumps(doc, indent=2, ensure_ascii=False).encode("utf-8")


# ---- iteminfo.xml and item.pkinfo ----------------------------------------------

def read_iteminfo_xml(data, path=None):
    root = parse_xml(data, path)
    if local_name(root.tag) != "ESRI_ItemInformation":
        raise FormatError(f"root element is <{local_name(root.tag)}>, "
                          "not <ESRI_ItemInformation>", path)
    text = (lambda name: child_text(root, name) or "")
    keywords = child(root, "typekeywords")
    sr_name = text("spatialreference")
    info = ItemInfo(
        name=text("name"), title=text("title"), summary=text("summary"),
        description=text("description"), snippet=text("snippet"),
        tags=_split_tags(text("tags")),
        type_keywords=tuple((k.text or "").strip() for k in children(keywords, "typekeyword")
                            if (k.text or "").strip()) if keywords is not None else (),
        extent_geographic=_xml_extent(child(root, "extent"), path),
        spatial_reference=from_name(sr_name), spatial_reference_name=sr_name,
        access_information=text("accessinformation"), license_info=text("licenseinfo"),
    )
    if text("guid"):
        info.guid = text("guid")
    return info


def write_iteminfo_xml(info, item_type, kind_keywords):
    """esriinfo/iteminfo.xml of a package whose item is ``item_type``; ``kind_keywords``
    as for write_iteminfo_json."""
    root = ET.Element("ESRI_ItemInformation", Culture="en-US")
    for name, value in (("name", info.name), ("guid", info.guid), ("catalogpath", ""),
                        ("snippet", info.snippet), ("description", info.description),
                        ("summary", info.summary), ("title", info.title or info.name),
                        ("tags", ",".join(info.tags)), ("type", item_type.name)):
        _text_element(root, name, value)
    keywords = ET.SubElement(root, "typekeywords")
    for keyword in _keywords(info, item_type, kind_keywords):
        _text_element(keywords, "typekeyword", keyword)
    for name, value in (("thumbnail", item_type.thumbnail), ("documentation", ""), ("url", ""),
                        ("datalastmodifiedtime", "")):
        _text_element(root, name, value)
    if info.extent_geographic is not None:
        extent = ET.SubElement(root, "extent")
        for name, value in zip(("xmin", "ymin", "xmax", "ymax"),
                               _finite_extent(info.extent_geographic)):
            _text_element(extent, name, repr(float(value)))
    sr_name = info.spatial_reference_name or esri_name(info.spatial_reference) or ""
    for name, value in (("spatialreference", sr_name),
                        ("accessinformation", info.access_information),
                        ("licenseinfo", info.license_info)):
        _text_element(root, name, value)
    return to_xml_bytes(root, indent=False)


def write_item_pkinfo(info, item_type):
    """esriinfo/item.pkinfo of a package whose item is ``item_type``."""
    root = ET.Element("pkinfo", Culture="en-US")
    for name, value in (("ID", info.guid), ("name", info.name), ("version", PKINFO_VERSION),
                        # -1 and empty dates are what ArcGIS writes into a new package.
                        ("size", "-1"), ("created", ""), ("type", item_type.name),
                        ("servable", "false"), ("packagelocation", ""),
                        ("pkinfolocation", "")):
        _text_element(root, name, value)
    return to_xml_bytes(root, indent=False, prologue=PKINFO_STYLESHEET)


# ---- helpers ------------------------------------------------------------------

def _text(value, key, path):
    if value is None:
        return ""
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise FormatError(f"{key} must be text, not {type(value).__name__}", path)
    return str(value)


def _milliseconds(value, path):
    # Bounded to +-10**15 ms (about 31,000 years): larger is no date at all.
    if isinstance(value, bool) or not isinstance(value, (int, float)) \
            or not abs(value) <= 10 ** 15:
        raise FormatError(f"created must be a time in milliseconds, not {value!r:.40}", path)
    return int(value)


def _tags(value, path, key="tags"):
    # The spec says an array; ArcGIS itself writes a comma-separated string.
    if value is None:
        return ()
    if isinstance(value, str):
        return _split_tags(value)
    if isinstance(value, list) and all(isinstance(tag, str) for tag in value):
        return tuple(tag.strip() for tag in value if tag.strip())
    raise FormatError(f"{key} must be text or a list of text", path)


def _split_tags(text):
    return tuple(tag.strip() for tag in text.split(",") if tag.strip())


def _json_extent(value, path):
    # ArcGIS writes an envelope object; portal items use [[xmin, ymin], [xmax, ymax]].
    if value in (None, [], {}):
        return None
    try:
        if isinstance(value, dict):
            numbers = [value[key] for key in ("xmin", "ymin", "xmax", "ymax")]
        else:
            (xmin, ymin), (xmax, ymax) = value
            numbers = [xmin, ymin, xmax, ymax]
        if any(isinstance(v, bool) or not isinstance(v, (int, float)) for v in numbers):
            raise TypeError
        return _finite_extent(Extent(*(float(v) for v in numbers)), path, FormatError)
    except (KeyError, TypeError, ValueError):
        raise FormatError(f"extent is not an envelope: {json.dumps(value)[:60]}", path) from None


def _xml_extent(element, path):
    if element is None or not list(element):
        return None
    return _finite_extent(Extent(*(child_float(element, name, path)
                                   for name in ("xmin", "ymin", "xmax", "ymax"))), path,
                          FormatError)


def _finite_extent(extent, path=None, error=ParameterError):
    return Extent.of_numbers(extent, lambda reason: error(f"geographic extent: {reason}", path))


def _keywords(info, item_type, kind_keywords):
    required = item_type.keywords
    extra = [kw for kw in info.type_keywords if kw not in kind_keywords and kw not in required]
    return list(required) + list(dict.fromkeys(extra))


def _text_element(parent, name, value):
    element = ET.SubElement(parent, name)
    element.text = value
    return element

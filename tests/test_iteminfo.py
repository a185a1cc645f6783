"""Item metadata: iteminfo.xml / item.pkinfo (.tpk), iteminfo.json (.tpkx), extents.

The .tpk sample's esriinfo/ files are ArcGIS's own: what we write must say the
same thing in the same elements, and our geographic extent must agree with
the one ArcGIS computed for that package.
"""
import json
import math
import re
import time
import xml.etree.ElementTree as ET

import pytest

from tile_package_tools.tilecache.metadata.conf_reader import read_conf_cdi, read_conf_xml
from tile_package_tools.tilecache.errors import FormatError, ParameterError
from tile_package_tools.tilecache.metadata.iteminfo import (
    ItemInfo, geographic_extent, read_iteminfo_json, read_iteminfo_xml, write_item_pkinfo,
    write_iteminfo_json, write_iteminfo_xml)
from tile_package_tools.tilecache.model import Extent
from tile_package_tools.tilecache.scheme.spatial_reference import SpatialReference
from tile_package_tools.tilecache.formats.storage_format import StorageFormat
from tile_package_tools.tilecache.packages import KIND_KEYWORDS, kind_for_storage, kind_named
from tile_package_tools.testkit.samples import SAMPLE_V2, TPK_ROOT, tpk_member

TPK_ITEM, TPKX_ITEM = kind_named("tpk").item_type, kind_named("tpkx").item_type


@pytest.fixture(scope="module")
def sample_info():
    return read_iteminfo_xml(tpk_member("esriinfo/iteminfo.xml"), "esriinfo/iteminfo.xml")


def canonical(data):
    """The XML document without its declaration, whitespace-only text dropped."""
    text = data.decode("utf-8")
    text = re.sub(r"<\?xml [^?]*\?>", "", text)
    return ET.canonicalize(text, strip_text=True)


def test_sample_iteminfo_xml(sample_info):
    info = sample_info
    assert (info.name, info.title) == ("alt_root_name", "alt_root_name")
    assert info.guid == "3A6CACD0-C6E5-47DE-97F9-0B5D567D8288"
    assert (info.summary, info.snippet, info.description) == ("summary", "summary",
                                                               "description")
    assert info.tags == ("tags",)
    assert info.type_keywords == ("Data", "Tile Package", "ArcMap", "ArcGlobe", "tpk")
    assert info.extent_geographic == Extent(-97.8045704165, 25.362729486306,
                                            -87.4782828735, 30.6621618734618)
    assert info.spatial_reference_name == "WGS_1984_Web_Mercator_Auxiliary_Sphere"
    assert info.spatial_reference.same_as(SpatialReference(wkid=102100))
    assert (info.access_information, info.license_info) == ("credits", "use constraints")


def test_written_iteminfo_xml_matches_arcgis_element_for_element(sample_info):
    assert canonical(write_iteminfo_xml(sample_info, TPK_ITEM, KIND_KEYWORDS)) == \
        canonical(tpk_member("esriinfo/iteminfo.xml"))


def test_written_item_pkinfo_matches_arcgis(sample_info):
    ours = write_item_pkinfo(sample_info, TPK_ITEM)
    assert canonical(ours) == canonical(tpk_member("esriinfo/item.pkinfo"))
    assert b"pkinfostylesheet.xsl" in ours


def test_iteminfo_xml_round_trip():
    info = ItemInfo(name="roads & rails", title="Roads <2024>", summary="s", description="d",
                    tags=("a", "b c"), snippet="sn", spatial_reference=SpatialReference(4326),
                    extent_geographic=Extent(-10.5, 0.1 + 0.2, 170.25, 1 / 3),
                    access_information="me", license_info="CC-BY")
    again = read_iteminfo_xml(write_iteminfo_xml(info, TPK_ITEM, KIND_KEYWORDS))
    for name in ("name", "title", "summary", "description", "tags", "snippet", "guid",
                 "extent_geographic", "access_information", "license_info"):
        assert getattr(again, name) == getattr(info, name), name
    assert again.spatial_reference_name == "GCS_WGS_1984"
    assert again.spatial_reference.epsg == 4326
    assert again.type_keywords == ("Data", "Tile Package", "ArcMap", "ArcGlobe", "tpk")


def test_iteminfo_json_round_trip_and_spec_fields(sample_info):
    data = write_iteminfo_json(sample_info, TPKX_ITEM, KIND_KEYWORDS)
    doc = json.loads(data)
    assert doc["type"] == "Compact Tile Package"
    assert doc["typeKeywords"] == ["Compact Tile Package", "Tile Package", "tpkx"]
    assert doc["thumbnail"] == "./thumbnail.png" and doc["version"] == 1.0
    assert doc["extent"]["spatialReference"]["wkid"] == 4326
    again = read_iteminfo_json(data, "iteminfo.json")
    for name in ("name", "title", "summary", "description", "tags", "snippet", "guid",
                 "created_ms", "extent_geographic"):
        assert getattr(again, name) == getattr(sample_info, name), name
    assert again.spatial_reference.same_as(sample_info.spatial_reference)


def test_iteminfo_json_keeps_extra_type_keywords_only():
    info = ItemInfo(name="x", type_keywords=("tpk", "ArcMap", "Basemap", "Basemap"))
    tpkx = kind_for_storage(StorageFormat.COMPACT_V2).item_type
    doc = json.loads(write_iteminfo_json(info, tpkx, KIND_KEYWORDS))
    assert doc["typeKeywords"] == ["Compact Tile Package", "Tile Package", "tpkx", "Basemap"]
    doc = json.loads(write_iteminfo_json(info, kind_named(".tpk").item_type, KIND_KEYWORDS))
    assert doc["type"] == "Tile Package" and doc["thumbnail"] == "thumbnail/thumbnail.png"
    with pytest.raises(ParameterError, match="vtpk"):
        kind_named("vtpk")


def test_reads_iteminfo_json_as_arcgis_writes_it():
    # ArcGIS's own .tpkx: tags as one string, version a number, extent an envelope.
    doc = {"creator": "ExportMapServerCache", "name": "Usa", "guid": "8F615B9F-DC0C",
           "version": 1.0, "created": 0, "tags": "", "title": "Usa",
           "type": "Compact Tile Package", "typeKeywords": ["Compact Tile Package"],
           "extent": {"xmin": -178.5, "ymin": 18.25, "xmax": -66.75, "ymax": 71.5,
                      "spatialReference": {"wkid": 4326, "latestWkid": 4326}}}
    info = read_iteminfo_json(json.dumps(doc).encode())
    assert (info.name, info.guid, info.created_ms, info.tags) == ("Usa", "8F615B9F-DC0C", 0, ())
    assert info.extent_geographic == Extent(-178.5, 18.25, -66.75, 71.5)
    doc.update(tags=["a", " b "], extent=[[1, 2], [3, 4]], spatialReference="102100")
    info = read_iteminfo_json(json.dumps(doc).encode())
    assert info.tags == ("a", "b") and info.extent_geographic == Extent(1, 2, 3, 4)
    assert info.spatial_reference.epsg == 3857


@pytest.mark.parametrize("data", [
    b"nope", b"[]", b'{"name": {"a": 1}}', b'{"name": "x", "tags": [1]}',
    b'{"name": "x", "extent": {"xmin": 1}}', b'{"name": "x", "extent": [[1, NaN], [2, 3]]}',
    b'{"name": "x", "extent": {"xmin": 1, "ymin": 1, "xmax": 2, "ymax": 1e999}}',
    b'{"name": "x", "created": "yesterday"}', b'{"name": "x", "created": 1e999}',
    b'{"name": "x", "created": 1%s}' % (b"0" * 400), b'{"name": "x", "created": NaN}', b'{"name": "x", "spatialReference": [3857]}',
    b'{"name": "x", "spatialReference": {"wkid": "3857"}}',
])
def test_bad_iteminfo_json_is_a_format_error_naming_the_file(data):
    with pytest.raises(FormatError) as info:
        read_iteminfo_json(data, "pkg.tpkx!iteminfo.json")
    assert str(info.value).startswith("pkg.tpkx!iteminfo.json: ")
    assert "\n" not in str(info.value)


@pytest.mark.parametrize("data", [
    b"<ESRI_ItemInformation><extent><xmin>a</xmin></extent></ESRI_ItemInformation>",
    b"<pkinfo/>",
    b'<?xml version="1.0"?><!DOCTYPE a [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
    b"<ESRI_ItemInformation><name>&x;</name></ESRI_ItemInformation>",
    b"<ESRI_ItemInformation>",
])
def test_bad_iteminfo_xml_is_a_format_error_naming_the_file(data):
    with pytest.raises(FormatError, match="^esriinfo/iteminfo.xml: "):
        read_iteminfo_xml(data, "esriinfo/iteminfo.xml")


def test_unknown_crs_name_is_kept_but_not_guessed():
    # PROJ's name search is fuzzy; a name it does not really know must not become a CRS.
    text = tpk_member("esriinfo/iteminfo.xml").replace(
        b"WGS_1984_Web_Mercator_Auxiliary_Sphere", b"My_Own_Grid")
    info = read_iteminfo_xml(text)
    assert info.spatial_reference is None and info.spatial_reference_name == "My_Own_Grid"
    assert b"<spatialreference>My_Own_Grid</spatialreference>" in \
        write_iteminfo_xml(info, TPK_ITEM, KIND_KEYWORDS)


def test_derived_gives_a_new_id_and_keeps_the_text(sample_info):
    copy = sample_info.derived(title="Copy")
    assert copy.title == "Copy" and copy.description == sample_info.description
    assert copy.guid != sample_info.guid
    assert re.fullmatch(r"[0-9A-F]{8}(-[0-9A-F]{4}){3}-[0-9A-F]{12}", copy.guid)
    assert abs(copy.created_ms - time.time() * 1000) < 60_000
    assert ItemInfo(name="a").guid != ItemInfo(name="a").guid
    moved = sample_info.derived(spatial_reference=SpatialReference(wkid=4326))
    assert b"<spatialreference>GCS_WGS_1984<" in write_iteminfo_xml(moved, TPK_ITEM, KIND_KEYWORDS)
    assert b"Web_Mercator" in write_iteminfo_xml(sample_info.derived(), TPK_ITEM, KIND_KEYWORDS)


# ---- geographic extents -------------------------------------------------------------

def test_geographic_extent_agrees_with_arcgis(sample_info):
    # ArcGIS computed iteminfo.xml's extent from this conf.cdi; pyproj must agree.
    cdi = read_conf_cdi(tpk_member(TPK_ROOT + "conf.cdi"))
    scheme = read_conf_xml(tpk_member(TPK_ROOT + "conf.xml"))
    ours = geographic_extent(cdi, scheme.spatial_reference)
    for mine, arcgis in zip(ours, sample_info.extent_geographic):
        assert math.isclose(mine, arcgis, abs_tol=1e-9)


def test_geographic_extent_of_the_whole_web_mercator_world():
    cdi = read_conf_cdi((SAMPLE_V2 / "conf.cdi").read_bytes())
    box = geographic_extent(cdi, SpatialReference(wkid=3857))
    assert box.xmin == pytest.approx(-180, abs=1e-4) and box.xmax == pytest.approx(180, abs=1e-4)
    assert box.ymin == pytest.approx(-85.0511, abs=1e-3)
    assert box.ymax == pytest.approx(85.0511, abs=1e-3)


def test_geographic_extent_densifies_curved_edges():
    # A Lambert box: its top edge bulges north of its corners in degrees.
    lcc = SpatialReference(wkid=3034)  # ETRS89 / LCC Europe
    box = Extent(2_000_000, 2_000_000, 6_000_000, 5_000_000)
    import pyproj
    to_geo = pyproj.Transformer.from_crs(3034, 4326, always_xy=True)
    corner_lats = [to_geo.transform(x, 5_000_000)[1] for x in (box.xmin, box.xmax)]
    middle_lat = to_geo.transform((box.xmin + box.xmax) / 2, 5_000_000)[1]
    assert middle_lat > max(corner_lats)
    assert geographic_extent(box, lcc).ymax >= middle_lat


def test_geographic_extent_clamps_and_is_none_safe():
    box = geographic_extent(Extent(-200, -100, 200, 100), SpatialReference(wkid=4326))
    assert box == Extent(-180, -90, 180, 90)
    assert geographic_extent(None, SpatialReference(wkid=4326)) is None
    assert geographic_extent(Extent(0, 0, 1, 1), None) is None
    assert geographic_extent(Extent(0, 0, 1, 1), SpatialReference(wkt="garbage")) is None

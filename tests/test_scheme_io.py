"""conf.xml / conf.cdi / conf.properties / root.json / mapserver.json read and write.

Checked against the ArcGIS-made samples, against GDAL's ESRIC driver reading a
conf.xml we wrote, and against the layouts in docs/formats.md.
"""
import json
import math
import shutil
import xml.etree.ElementTree as ET

import pytest
from hypothesis import given, settings, strategies as st

from tile_package_tools.testkit.hypothesis_profiles import examples
from tile_package_tools.tilecache.metadata.conf_reader import (
    read_conf_cdi, read_conf_xml, read_spatial_reference)
from tile_package_tools.tilecache.io.names import find_name
from tile_package_tools.tilecache.io.safe_xml import child, parse_xml
from tile_package_tools.tilecache.metadata.conf_writer import (
    write_conf_cdi, write_conf_properties, write_conf_xml)
from tile_package_tools.tilecache.errors import FormatError, SchemeError
from tile_package_tools.tilecache.metadata.service_json import (
    read_mapserver_json, read_root_json, write_mapserver_json, write_root_json)
from tile_package_tools.tilecache.model import LOD, Extent
from tile_package_tools.tilecache.scheme.spatial_reference import SpatialReference
from tile_package_tools.tilecache.scheme.tiling_scheme import TilingScheme
from tile_package_tools.tilecache.formats.storage_format import StorageFormat
from tile_package_tools.testkit.samples import SAMPLE_V2, TPK_ROOT, tpk_member

XSI_TYPE = "{http://www.w3.org/2001/XMLSchema-instance}type"


@pytest.fixture(scope="module")
def v2_scheme():
    return read_conf_xml((SAMPLE_V2 / "conf.xml").read_bytes(), "conf.xml")


@pytest.fixture(scope="module")
def tpk_scheme():
    return read_conf_xml(tpk_member(TPK_ROOT + "conf.xml"), "tpk conf.xml")


def custom_scheme(**changes):
    fields = dict(spatial_reference=SpatialReference(wkid=4326), origin_x=-180.0, origin_y=90.0,
                  tile_width=512, tile_height=256, dpi=90.71428571428571,
                  lods=(LOD(3, 0.1 + 0.2, 1 / 3), LOD(7, 2.0 ** -40, 0.0)),
                  tile_format="PNG32", compression_quality=0, band_count=4, lerc_error=0.5,
                  antialiasing=True, storage_format=StorageFormat.COMPACT_V2)
    fields.update(changes)
    return TilingScheme(**fields)


# ---- reading the ArcGIS samples ----------------------------------------------

def test_sample_v2_conf_xml(v2_scheme):
    assert [lod.level for lod in v2_scheme.lods] == list(range(20))
    assert v2_scheme.lods[0].resolution == 156543.03392800014
    assert v2_scheme.lods[19].resolution == 0.29858214164761665
    assert v2_scheme.origin_x == -20037508.342787001 and v2_scheme.origin_y == 20037508.342787001
    assert (v2_scheme.tile_width, v2_scheme.tile_height, v2_scheme.dpi) == (256, 256, 96.0)
    assert (v2_scheme.tile_format, v2_scheme.compression_quality) == ("JPEG", 75)
    assert v2_scheme.storage_format is StorageFormat.COMPACT_V2
    assert v2_scheme.spatial_reference.wkid == 3857
    assert v2_scheme.spatial_reference.wkt.startswith('PROJCS["WGS_1984_Web_Mercator')
    for lod in v2_scheme.lods:  # ArcGIS's scales use 39.37 inches a metre (US survey)
        assert math.isclose(lod.scale, lod.resolution * 96 * 39.37, rel_tol=1e-12)


def test_sample_v2_wkt_is_web_mercator_to_pyproj(v2_scheme):
    import pyproj
    wkt = v2_scheme.spatial_reference.wkt
    assert pyproj.CRS.from_wkt(wkt).equals(pyproj.CRS.from_epsg(3857), ignore_axis_order=True)


def test_sample_tpk_conf_xml(tpk_scheme):
    sr = tpk_scheme.spatial_reference
    assert (sr.wkid, sr.latest_wkid) == (102100, 3857)
    assert [(lod.level, lod.resolution, lod.scale) for lod in tpk_scheme.lods] == [
        (0, 156543.03392799999, 591657527.591555), (1, 78271.516963999893, 295828763.79577702)]
    assert (tpk_scheme.tile_format, tpk_scheme.compression_quality) == ("PNG8", 0)
    assert (tpk_scheme.band_count, tpk_scheme.lerc_error) == (1, 0.0)
    assert tpk_scheme.storage_format is StorageFormat.COMPACT_V1
    assert tpk_scheme.packet_size == 128 and tpk_scheme.antialiasing is False


def test_102100_and_3857_are_the_same(tpk_scheme, v2_scheme):
    assert tpk_scheme.spatial_reference.same_as(v2_scheme.spatial_reference)
    assert not tpk_scheme.spatial_reference.same_as(SpatialReference(wkid=4326))


def conf_cdi_spatial_reference(data):
    """conf.cdi's own SpatialReference: the core never needs it, the test checks it is there."""
    element = child(parse_xml(data), "SpatialReference")
    return read_spatial_reference(element) if element is not None else None


def test_sample_conf_cdi():
    assert read_conf_cdi(tpk_member(TPK_ROOT + "conf.cdi"), "conf.cdi") == Extent(
        -10887554.976019647, 2920363.9601137657, -9738037.9049479626, 3588951.7174720885)
    assert read_conf_cdi((SAMPLE_V2 / "conf.cdi").read_bytes()) == Extent(
        -20037507.229594339, -20037507.229594339, 20037507.229594339, 20037507.229594339)
    sr = conf_cdi_spatial_reference(tpk_member(TPK_ROOT + "conf.cdi"))
    assert (sr.wkid, sr.latest_wkid) == (102100, 3857)
    assert conf_cdi_spatial_reference((SAMPLE_V2 / "conf.cdi").read_bytes()) is None


def test_find_conf_xml_ignores_case():
    assert find_name(["conf.cdi", "Conf.xml", "_alllayers"], "conf.xml") == "Conf.xml"
    assert find_name(["CONF.XML", "conf.xml"], "conf.xml") == "conf.xml"
    assert find_name(["conf.xml.bak", "myconf.xml", "root.json"], "conf.xml") is None
    assert find_name(iter(()), "conf.xml") is None


# ---- writing conf.xml / conf.cdi / conf.properties ------------------------------

def child_tags(element):
    return [child.tag for child in element]


@pytest.mark.parametrize("scheme_fixture", ["v2_scheme", "tpk_scheme"])
def test_conf_xml_round_trip_is_bit_identical(scheme_fixture, request):
    scheme = request.getfixturevalue(scheme_fixture)
    again = read_conf_xml(write_conf_xml(scheme))
    assert again == scheme
    assert [(lod.resolution.hex(), lod.scale.hex()) for lod in again.lods] == \
        [(lod.resolution.hex(), lod.scale.hex()) for lod in scheme.lods]


def test_conf_xml_round_trip_of_awkward_values():
    scheme = custom_scheme()
    again = read_conf_xml(write_conf_xml(scheme))
    # The writer adds the ESRI WKT of a WKID-only spatial reference.
    assert again.spatial_reference.wkid == 4326 and again.spatial_reference.wkt
    assert again.with_changes(spatial_reference=scheme.spatial_reference) == scheme
    assert again.dpi == 90.71428571428571


def test_written_conf_xml_has_the_shape_of_the_arcgis_one(tpk_scheme):
    ours = ET.fromstring(write_conf_xml(tpk_scheme))
    arcgis = ET.fromstring(tpk_member(TPK_ROOT + "conf.xml"))
    assert ours.attrib[XSI_TYPE] == "typens:CacheInfo"
    assert child_tags(ours) == child_tags(arcgis)
    for name in ("TileCacheInfo", "TileImageInfo", "CacheStorageInfo"):
        assert child_tags(ours.find(name)) == child_tags(arcgis.find(name))
        assert ours.find(name).attrib == arcgis.find(name).attrib
    lod = ours.find("TileCacheInfo/LODInfos/LODInfo")
    assert child_tags(lod) == ["LevelID", "Scale", "Resolution"]
    assert ours.findtext("CacheStorageInfo/PacketSize") == "128"
    sr = ours.find("TileCacheInfo/SpatialReference")
    assert sr.attrib[XSI_TYPE] == "typens:ProjectedCoordinateSystem"
    assert (sr.findtext("WKID"), sr.findtext("LatestWKID")) == ("102100", "3857")


def test_written_conf_xml_names_typens_10_3(v2_scheme):
    text = write_conf_xml(v2_scheme).decode("utf-8")
    assert text.startswith('<?xml version="1.0" encoding="utf-8" ?>')
    assert 'xmlns:typens="http://www.esri.com/schemas/ArcGIS/10.3"' in text


def test_geographic_scheme_gets_geographic_type_and_esri_wkt():
    root = ET.fromstring(write_conf_xml(custom_scheme()))
    sr = root.find("TileCacheInfo/SpatialReference")
    assert sr.attrib[XSI_TYPE] == "typens:GeographicCoordinateSystem"
    assert sr.findtext("WKT").startswith('GEOGCS["GCS_WGS_1984"')
    assert sr.findtext("WKID") == "4326"


def test_gdal_esric_reads_a_conf_xml_we_wrote(v2_scheme, tmp_path):
    gdal = pytest.importorskip("osgeo.gdal")
    cache = tmp_path / "cache"
    shutil.copytree(SAMPLE_V2, cache)
    (cache / "conf.xml").write_bytes(write_conf_xml(v2_scheme))
    dataset = gdal.OpenEx(str(cache / "conf.xml"), allowed_drivers=["ESRIC"])
    assert dataset is not None
    geo = dataset.GetGeoTransform()
    finest = v2_scheme.lods[-1].resolution
    assert math.isclose(geo[0], v2_scheme.origin_x) and math.isclose(geo[3], v2_scheme.origin_y)
    assert math.isclose(geo[1], finest, rel_tol=1e-12) and math.isclose(-geo[5], finest,
                                                                        rel_tol=1e-12)
    assert dataset.GetSpatialRef().GetAuthorityCode(None) == "3857"
    assert dataset.GetRasterBand(1).GetOverviewCount() == len(v2_scheme.lods) - 1


def test_written_conf_cdi_reads_back_and_looks_like_arcgis(tpk_scheme):
    extent = read_conf_cdi(tpk_member(TPK_ROOT + "conf.cdi"))
    data = write_conf_cdi(extent, tpk_scheme.spatial_reference)
    assert read_conf_cdi(data) == extent
    assert conf_cdi_spatial_reference(data) == tpk_scheme.spatial_reference
    ours, arcgis = ET.fromstring(data), ET.fromstring(tpk_member(TPK_ROOT + "conf.cdi"))
    assert child_tags(ours) == child_tags(arcgis)


def test_written_conf_properties_equals_arcgis():
    def canonical(data):
        return ET.canonicalize(data.decode("utf-8").split("?>", 1)[1], strip_text=True)
    assert canonical(write_conf_properties()) == \
        canonical(tpk_member(TPK_ROOT + "conf.properties"))


# ---- bad and hostile conf.xml ------------------------------------------------------

SAMPLE_TEXT = (SAMPLE_V2 / "conf.xml").read_text("utf-8")


RES0 = "<Resolution>156543.03392800014</Resolution>"


@pytest.mark.parametrize("edits, expected", [
    ([("<LODInfos", "<NoLODInfos"), ("</LODInfos>", "</NoLODInfos>")], "LODInfos"),
    ([("<TileOrigin", "<Origin"), ("</TileOrigin>", "</Origin>")], "TileOrigin"),
    ([("<TileCacheInfo", "<Tci"), ("</TileCacheInfo>", "</Tci>")], "TileCacheInfo"),
    ([("<TileCols>256</TileCols>", "")], "TileCols"),
    ([("<DPI>96</DPI>", "")], "DPI"),
    ([(RES0, "<Resolution>abc</Resolution>")], "Resolution"),
    ([(RES0, "<Resolution>NaN</Resolution>")], "Resolution"),
    ([(RES0, "<Resolution>inf</Resolution>")], "Resolution"),
    ([(RES0, "<Resolution>0</Resolution>")], "resolution"),
    ([(RES0, "<Resolution>-1</Resolution>")], "resolution"),
    ([("<TileRows>256</TileRows>", "<TileRows>0</TileRows>")], "tile size"),
    ([("<TileRows>256</TileRows>", "<TileRows>25.5</TileRows>")], "TileRows"),
    ([("<LevelID>3</LevelID>", "<LevelID>2</LevelID>")], "twice"),
    ([("esriMapCacheStorageModeCompactV2", "esriMapCacheStorageModeBogus")],
     "unknown storage format"),
    ([("<CacheTileFormat>JPEG</CacheTileFormat>", "")], "CacheTileFormat"),
    ([("<WKID>3857</WKID>", "<WKID>web</WKID>")], "WKID"),
])
def test_bad_conf_xml_is_a_scheme_error_naming_the_problem(edits, expected):
    text = SAMPLE_TEXT
    for old, new in edits:
        assert old in text
        text = text.replace(old, new, 1)
    with pytest.raises(SchemeError) as info:
        read_conf_xml(text.encode("utf-8"), "/data/cache/conf.xml")
    assert expected in str(info.value)
    assert str(info.value).startswith("/data/cache/conf.xml: ")
    assert "\n" not in str(info.value)


def test_conf_xml_without_storage_info_is_exploded():
    start = SAMPLE_TEXT.index("<CacheStorageInfo")
    end = SAMPLE_TEXT.index("</CacheStorageInfo>") + len("</CacheStorageInfo>")
    text = SAMPLE_TEXT[:start] + SAMPLE_TEXT[end:]
    assert read_conf_xml(text.encode()).storage_format is StorageFormat.EXPLODED


def test_conf_xml_with_another_root_or_namespace():
    with pytest.raises(SchemeError, match="CacheInfo"):
        read_conf_xml((SAMPLE_V2 / "conf.cdi").read_bytes(), "conf.cdi")
    other_ns = SAMPLE_TEXT.replace("ArcGIS/10.0", "ArcGIS/10.8").replace(
        "<CacheInfo ", '<CacheInfo xmlns="urn:x" ')
    assert len(read_conf_xml(other_ns.encode()).lods) == 20


# ---- root.json ------------------------------------------------------------------

def test_root_json_written_per_formats_md(v2_scheme):
    extent = Extent(-1e6, -2e6, 3e6, 4e6)
    doc = json.loads(write_root_json(v2_scheme, "World", extent, levels=[2, 3, 4]))
    assert doc["tileBundlesPath"] == "./tile" and doc["version"] == 1.0
    assert (doc["minLOD"], doc["maxLOD"]) == (2, 4)
    assert doc["minScale"] == v2_scheme.lods[2].scale
    assert doc["maxScale"] == v2_scheme.lods[4].scale
    assert doc["resampling"] is False and doc["name"] == "World"
    assert doc["storageInfo"] == {"storageFormat": "esriMapCacheStorageModeCompactV2",
                                  "packetSize": 128}
    assert doc["fullExtent"]["xmax"] == 3e6 and doc["fullExtent"]["spatialReference"]["wkid"]
    assert doc["initialExtent"] == doc["fullExtent"]
    tile_info = doc["tileInfo"]
    assert (tile_info["rows"], tile_info["cols"], tile_info["dpi"]) == (256, 256, 96.0)
    assert tile_info["origin"] == {"x": -20037508.342787001, "y": 20037508.342787001}
    assert len(tile_info["lods"]) == 20
    assert doc["tileImageInfo"]["format"] == "JPEG"


def test_root_json_round_trip(v2_scheme):
    extent = Extent(-1.5, -2.25, 3.125, 4.0)
    again = read_root_json(write_root_json(v2_scheme, "n", extent), "root.json")
    assert again.lods == v2_scheme.lods and again.full_extent == extent
    assert again.spatial_reference.same_as(v2_scheme.spatial_reference)
    assert again.extra["tile_bundles_path"] == "./tile" and again.extra["name"] == "n"
    assert again.with_changes(spatial_reference=v2_scheme.spatial_reference,
                              full_extent=None) == v2_scheme
    custom = custom_scheme()
    assert read_root_json(write_root_json(custom, "c", extent)).with_changes(
        full_extent=None, spatial_reference=custom.spatial_reference) == custom


def good_root(**tile_info_changes):
    doc = {"name": "x", "tileBundlesPath": "./tile",
           "tileImageInfo": {"format": "PNG", "compressionQuality": 0},
           "tileInfo": {"rows": 256, "cols": 256, "dpi": 96, "origin": {"x": 0, "y": 0},
                        "spatialReference": {"wkid": 3857},
                        "lods": [{"level": 0, "resolution": 10, "scale": 1}]}}
    doc["tileInfo"].update(tile_info_changes)
    return doc


def test_minimal_root_json_reads():
    scheme = read_root_json(json.dumps(good_root()).encode())
    assert scheme.storage_format is StorageFormat.COMPACT_V2 and scheme.tile_format == "PNG"
    assert scheme.full_extent is None
    empty = dict(good_root(), fullExtent={"xmin": "NaN", "ymin": "NaN", "xmax": "NaN",
                                          "ymax": "NaN"})
    assert read_root_json(json.dumps(empty).encode()).full_extent is None


@pytest.mark.parametrize("data", [
    b"not json",
    b"[1, 2]",
    b'{"name": "no tileInfo"}',
    json.dumps(good_root()).replace('"resolution": 10', '"resolution": NaN').encode(),
    json.dumps(good_root()).replace('"resolution": 10', '"resolution": Infinity').encode(),
    json.dumps(good_root()).replace('"resolution": 10', '"resolution": 1e400').encode(),
    json.dumps(good_root()).replace('"resolution": 10', '"resolution": 0').encode(),
    json.dumps(good_root()).replace('"resolution": 10', '"resolution": -10').encode(),
    json.dumps(good_root()).replace('"resolution": 10', '"resolution": "10"').encode(),
    json.dumps(good_root(cols=0)).encode(),
    json.dumps(good_root(rows=-256)).encode(),
    json.dumps(good_root(rows=256.5)).encode(),
    json.dumps(good_root(rows=True)).encode(),
    json.dumps(good_root(lods=[])).encode(),
    json.dumps(good_root(lods={"level": 0})).encode(),
    json.dumps(good_root(lods=[5])).encode(),
    json.dumps(good_root(origin=[0, 0])).encode(),
    json.dumps(good_root(dpi=0)).encode(),
    json.dumps(good_root(spatialReference={"wkid": "x"})).encode(),
    b"[" * 100000 + b"]" * 100000,
    b"\xff\xfe",
    b" " * (16 * 1024 * 1024 + 1),
], ids=lambda data: data[:30].decode("utf-8", "replace"))
def test_bad_root_json_is_a_one_line_error_naming_the_file(data):
    with pytest.raises(FormatError) as info:  # SchemeError is a FormatError
        read_root_json(data, "/pkg/x.tpkx!root.json")
    assert str(info.value).startswith("/pkg/x.tpkx!root.json: ")
    assert "\n" not in str(info.value)


def test_root_json_unknown_storage_format():
    doc = good_root()
    doc["storageInfo"] = {"storageFormat": "esriMapCacheStorageModeFancy"}
    with pytest.raises(SchemeError, match="unknown storage format"):
        read_root_json(json.dumps(doc).encode(), "root.json")


# ---- mapserver.json -----------------------------------------------------------------

def test_sample_mapserver_json_has_no_tile_info():
    # ArcGIS wrote this .tpk's service description without a tileInfo block.
    with pytest.raises(SchemeError, match="^ms.json: no tileInfo"):
        read_mapserver_json(tpk_member("servicedescriptions/mapserver/mapserver.json"),
                            "ms.json")


def test_mapserver_json_round_trip_and_shape(tpk_scheme):
    extent = read_conf_cdi(tpk_member(TPK_ROOT + "conf.cdi"))
    data = write_mapserver_json(tpk_scheme, "Roads", extent, description="d")
    doc = json.loads(data)
    arcgis = json.loads(tpk_member("servicedescriptions/mapserver/mapserver.json"))
    assert doc["name"] == arcgis["name"] == "MapServer"
    contents = doc["contents"]
    # Every key ArcGIS writes, in ArcGIS's order; ours adds the tiling scheme and the
    # export limit (docs/formats.md#mapserverjson).
    assert [key for key in contents if key in arcgis["contents"]] == list(arcgis["contents"])
    assert set(contents) - set(arcgis["contents"]) == {"tileInfo", "maxExportTilesCount"}
    assert contents["documentInfo"].keys() == arcgis["contents"]["documentInfo"].keys()
    assert list(doc) == list(arcgis) == ["name", "contents", "resourceInfo", "resources"]
    assert [r["name"] for r in doc["resources"]] == [r["name"] for r in arcgis["resources"]]
    assert contents["singleFusedMapCache"] is True and contents["exportTilesAllowed"] is True
    assert contents["capabilities"] == "Map,TilesOnly" and contents["units"] == "esriMeters"
    assert contents["minScale"] == 591657527.591555 and contents["maxScale"] == 295828763.795777
    assert contents["spatialReference"] == arcgis["contents"]["spatialReference"]
    again = read_mapserver_json(data, "ms.json")
    assert again.lods == tpk_scheme.lods and again.full_extent == extent
    assert again.extra["name"] == "Roads"
    assert again.with_changes(spatial_reference=tpk_scheme.spatial_reference, full_extent=None,
                              band_count=1, lerc_error=0.0) == tpk_scheme


def test_mapserver_resource_info_is_what_arcgis_and_tpkutils_read(tpk_scheme):
    """tpkutils reads resourceInfo.geoFullExtent and fails without it (issue 9)."""
    arcgis = json.loads(tpk_member("servicedescriptions/mapserver/mapserver.json"))
    extent = read_conf_cdi(tpk_member(TPK_ROOT + "conf.cdi"))
    degrees = Extent(-97.8, 25.4, -87.5, 30.7)
    info = json.loads(write_mapserver_json(tpk_scheme, "r", extent, "", degrees))["resourceInfo"]
    assert list(info) == list(arcgis["resourceInfo"])
    assert info["spatialReferenceDomain"] == arcgis["resourceInfo"]["spatialReferenceDomain"]
    assert info["geoFullExtent"] == info["geoInitialExtent"] == dict(degrees._asdict())
    # No extent in degrees: the whole world rather than no key; no Web Mercator: no domain.
    info = json.loads(write_mapserver_json(custom_scheme(), "g", Extent(-1, -1, 1, 1)))[
        "resourceInfo"]
    assert info == {"geoFullExtent": {"xmin": -180.0, "ymin": -90.0, "xmax": 180.0, "ymax": 90.0},
                    "geoInitialExtent": {"xmin": -180.0, "ymin": -90.0, "xmax": 180.0,
                                         "ymax": 90.0}}


def test_mapserver_units_follow_the_crs():
    extent = Extent(-10, -10, 10, 10)
    doc = json.loads(write_mapserver_json(custom_scheme(), "g", extent))
    assert doc["contents"]["units"] == "esriDecimalDegrees"
    feet = custom_scheme(spatial_reference=SpatialReference(wkid=2249), origin_x=0.0,
                         origin_y=0.0)
    assert json.loads(write_mapserver_json(feet, "f", extent))["contents"]["units"] == "esriFeet"
    unknown = custom_scheme(spatial_reference=SpatialReference(wkt="nonsense"))
    assert json.loads(write_mapserver_json(unknown, "u", extent))["contents"]["units"] == \
        "esriMeters"


# ---- any double survives every writer ---------------------------------------------

positive = st.floats(min_value=1e-300, max_value=1e300, allow_nan=False, allow_infinity=False)
coordinate = st.floats(min_value=-1e300, max_value=1e300, allow_nan=False, allow_infinity=False)


@settings(max_examples=examples(60), deadline=None)
@given(resolutions=st.lists(positive, min_size=1, max_size=5), scale=positive,
       x=coordinate, y=coordinate, dpi=positive)
def test_every_writer_round_trips_doubles_exactly(resolutions, scale, x, y, dpi):
    scheme = custom_scheme(origin_x=x, origin_y=y, dpi=dpi, lods=tuple(
        LOD(level, resolution, scale) for level, resolution in enumerate(resolutions)))
    extent = Extent(-1.0, -1.0, 1.0, 1.0)
    again = read_conf_xml(write_conf_xml(scheme))
    assert again.with_changes(spatial_reference=scheme.spatial_reference) == scheme
    for write, read in ((write_root_json, read_root_json),
                        (write_mapserver_json, read_mapserver_json)):
        again = read(write(scheme, "n", extent))
        assert (again.lods, again.origin_x, again.origin_y, again.dpi) == \
            (scheme.lods, scheme.origin_x, scheme.origin_y, scheme.dpi)

"""REST extent / Esri JSON area-of-interest parsing and reprojection."""
import json
import math

import pyproj
import pytest
import shapely
from shapely.geometry import MultiPolygon, Polygon, box

from tile_package_tools.tilecache.params import geometry_input
from tile_package_tools.tilecache.errors import ParameterError
from tile_package_tools.tilecache.params.geometry_input import (
    parse_area_of_interest, parse_extent, to_scheme_crs_extent, to_scheme_crs_geometry)
from tile_package_tools.tilecache.model import Extent
from tile_package_tools.tilecache.scheme.spatial_reference import SpatialReference

WGS84 = SpatialReference(wkid=4326)
MERCATOR = SpatialReference(wkid=102100, latest_wkid=3857)
REST_AOI = ('{"features":[{"geometry":{"rings":[[[-100,35],[-100,45],[-90,45],[-90,35],'
            '[-100,35]]],"spatialReference":{"wkid":4326}}}]}')


# ---- extents ---------------------------------------------------------------

def test_bare_extent_is_rest_order_always():
    # Both REST pages define four bare numbers as xmin,ymin,xmax,ymax.
    assert parse_extent("5,1,7,4") == (Extent(5, 1, 7, 4), None)
    assert parse_extent("3e3,2E3,3.5e3,+4000") == (Extent(3000, 2000, 3500, 4000), None)
    # The exportTiles page's example two, once refused as "reads two ways".
    assert parse_extent("-13051380,4030276,-13037288,4041136") == \
        (Extent(-13051380, 4030276, -13037288, 4041136), None)
    # The importTiles page's example.
    assert parse_extent("6224324.092137296,487347.5253569535,11473407.698535524,"
                        "4239488.369818687") == \
        (Extent(6224324.092137296, 487347.5253569535, 11473407.698535524, 4239488.369818687),
         None)


def test_bare_extent_in_qgis_order_is_refused_naming_both_orders():
    # x 1..5, y 2..4 written in QGIS order is no box in REST order: say so.
    with pytest.raises(ParameterError) as caught:
        parse_extent("1,5,2,4")
    message = str(caught.value)
    assert "\n" not in message
    assert message.startswith("exportExtent: ymin 5.0 must be less than ymax 4.0")
    assert "REST order xmin,ymin,xmax,ymax" in message
    assert "[EPSG:3857]" in message


def test_qgis_widget_form_is_x_range_then_y_range():
    assert parse_extent("1,3,2,4 [EPSG:3857]") == (Extent(1, 2, 3, 4), SpatialReference(wkid=3857))
    extent, sr = parse_extent("-10.5,20,30,40.25 [ESRI:102100]")
    assert extent == Extent(-10.5, 30, 20, 40.25)
    assert sr.wkid == 102100 and sr.epsg == 3857
    assert parse_extent("1,3,2,4 [epsg:4326]")[1] == SpatialReference(wkid=4326)
    assert parse_extent("1,3,2,4 []") == (Extent(1, 2, 3, 4), None)


def test_qgis_form_with_other_authority_carries_wkt():
    _, sr = parse_extent("1,3,2,4 [IGNF:LAMB93]")
    assert sr.wkid is None
    assert pyproj.CRS.from_wkt(sr.wkt).equals(pyproj.CRS.from_user_input("IGNF:LAMB93"))


def test_json_envelope():
    text = '{"xmin":-100,"ymin":35,"xmax":-90,"ymax":45,"spatialReference":{"wkid":4326}}'
    assert parse_extent(text) == (Extent(-100, 35, -90, 45), SpatialReference(wkid=4326))
    extent, sr = parse_extent({"xmin": 0, "ymin": 0, "xmax": 1.5, "ymax": 2,
                               "spatialReference": {"wkid": 102100, "latestWkid": 3857}})
    assert extent == Extent(0, 0, 1.5, 2) and sr.wkid == 102100 and sr.latest_wkid == 3857
    _, sr = parse_extent({"xmin": 0, "ymin": 0, "xmax": 1, "ymax": 1,
                          "spatialReference": {"wkt": 'GEOGCS["x"]'}})
    assert sr == SpatialReference(wkt='GEOGCS["x"]')
    assert parse_extent('{"xmin":0,"ymin":0,"xmax":1,"ymax":1}')[1] is None


@pytest.mark.parametrize("empty", [None, "", "   "])
def test_empty_extent(empty):
    assert parse_extent(empty) is None


@pytest.mark.parametrize("text, message", [
    ("3,2,1,4", "exportExtent: xmin 3.0 must be less than xmax 1.0"),
    ("1,4,3,2", "exportExtent: ymin 4.0 must be less than ymax 2.0"),
    ("1,1,1,4", "exportExtent: xmin 1.0 must be less than xmax 1.0"),
    ("1,2,3", 'exportExtent: "1,2,3" has 3 values; an extent needs 4 (xmin,ymin,xmax,ymax)'),
    ("1,2,3,4,5", 'exportExtent: "1,2,3,4,5" has 5 values; an extent needs 4 '
                  "(xmin,ymin,xmax,ymax)"),
    ("1,2,nan,4", 'exportExtent: "nan" is not a number'),
    ("1,2,inf,4", 'exportExtent: "inf" is not a number'),
    ("1,2,1_0,4", 'exportExtent: "1_0" is not a number'),
    ("a,b,c,d", 'exportExtent: "a" is not a number'),
    ("3,1,2,4 [EPSG:3857]", "exportExtent: xmin 3.0 must be less than xmax 1.0"),
    ("1,3,2,4 [NOPE:1]", 'exportExtent: unknown coordinate reference system "NOPE:1"'),
    ('{"xmin":0,"ymin":0,"xmax":1}', "exportExtent: the JSON extent lacks ymax"),
    ('{"xmin":0,"ymin":0,"xmax":NaN,"ymax":1}', "exportExtent: not a valid JSON extent: NaN"),
    ('{"xmin":0,"ymin":0,"xmax":"1","ymax":1}', "exportExtent: xmax '1' is not a number"),
    ('{"xmin":0,"ymin":0,"xmax":1,"ymax":1e999}', "exportExtent: ymax inf is not a finite"),
    ('{"xmin":0,"ymin":0,"xmax":1,', "exportExtent: not a valid JSON extent: "),
    ('{"xmin":0,"ymin":0,"xmax":1,"ymax":1,"spatialReference":{"wkid":"x"}}',
     "exportExtent: spatialReference wkid 'x' is not a positive whole number"),
])
def test_bad_extents(text, message):
    assert_refused(parse_extent, text, message)


def assert_refused(parse, value, message):
    """``parse(value)`` raises one line starting with ``message``."""
    with pytest.raises(ParameterError) as caught:
        parse(value)
    assert str(caught.value).startswith(message)
    assert "\n" not in str(caught.value)


def test_extent_parameter_name_is_used():
    with pytest.raises(ParameterError, match="^extent: "):
        parse_extent("1,2", parameter="extent")


# ---- areas of interest -----------------------------------------------------

def test_rest_example_area_of_interest():
    geometry, sr = parse_area_of_interest(REST_AOI)
    assert sr == WGS84
    assert geometry.equals(box(-100, 35, -90, 45))


def test_rest_example_three_malformed_json_is_explained():
    # Verbatim from the REST page's example three: the brackets close too early.
    text = ('{"features":[{"geometry":{"rings":[[[-100,35],[-100,45],[-90,45],[-90,35],'
            '[-100,35]]]}}]},"spatialReference":{"wkid":4326}}}]}')
    with pytest.raises(ParameterError) as caught:
        parse_area_of_interest(text)
    assert str(caught.value).startswith("areaOfInterest: not valid Esri JSON: the JSON value "
                                        "ends at character 89 and is followed by")


def test_feature_and_bare_geometry_and_top_level_sr():
    rings = [[[0, 0], [0, 10], [10, 10], [10, 0], [0, 0]]]
    bare, sr = parse_area_of_interest({"rings": rings})
    assert bare.equals(box(0, 0, 10, 10)) and sr is None
    feature, sr = parse_area_of_interest({"geometry": {"rings": rings,
                                                       "spatialReference": {"wkid": 3857}}})
    assert feature.equals(bare) and sr == SpatialReference(wkid=3857)
    top = json.dumps({"spatialReference": {"wkid": 4326}, "geometryType": "esriGeometryPolygon",
                      "features": [{"geometry": {"rings": rings}, "attributes": {"a": 1}}]})
    assert parse_area_of_interest(top)[1] == WGS84
    wins = {"spatialReference": {"wkid": 4326},
            "features": [{"geometry": {"rings": rings, "spatialReference": {"wkid": 3857}}}]}
    assert parse_area_of_interest(wins)[1] == SpatialReference(wkid=3857)


def test_features_are_unioned():
    a = [[[0, 0], [0, 2], [2, 2], [2, 0], [0, 0]]]
    b = [[[1, 1], [1, 3], [3, 3], [3, 1], [1, 1]]]
    c = [[[10, 10], [10, 11], [11, 11], [11, 10], [10, 10]]]
    geometry, _ = parse_area_of_interest({"features": [{"geometry": {"rings": r}}
                                                       for r in (a, b, c)]})
    assert geometry.geom_type == "MultiPolygon"
    assert geometry.area == pytest.approx(4 + 4 - 1 + 1)


def _ring(xmin, ymin, xmax, ymax, clockwise):
    ring = [[xmin, ymin], [xmin, ymax], [xmax, ymax], [xmax, ymin], [xmin, ymin]]
    return ring if clockwise else ring[::-1]


@pytest.mark.parametrize("outer_cw, hole_cw", [(True, False), (False, True), (True, True),
                                               (False, False)])
def test_holes_by_containment_whatever_the_orientation(outer_cw, hole_cw):
    # Hole listed first, island inside the hole, second outer ring beside.
    rings = [_ring(2, 2, 8, 8, hole_cw), _ring(0, 0, 10, 10, outer_cw),
             _ring(4, 4, 6, 6, outer_cw), _ring(20, 0, 30, 10, outer_cw)]
    geometry, _ = parse_area_of_interest({"rings": rings})
    expected = MultiPolygon([Polygon(_ring(0, 0, 10, 10, True), [_ring(2, 2, 8, 8, True)]),
                             box(4, 4, 6, 6), box(20, 0, 30, 10)])
    assert geometry.is_valid
    assert geometry.symmetric_difference(expected).area == pytest.approx(0, abs=1e-9)
    assert geometry.area == pytest.approx(100 - 36 + 4 + 100)


def test_self_intersecting_ring_is_repaired():
    bowtie = [[0, 0], [10, 10], [10, 0], [0, 10], [0, 0]]
    geometry, _ = parse_area_of_interest({"rings": [bowtie]})
    assert geometry.is_valid and geometry.area == pytest.approx(50)


def test_z_values_and_unclosed_rings_are_accepted():
    geometry, _ = parse_area_of_interest(
        {"hasZ": True, "rings": [[[0, 0, 5], [0, 1, 5], [1, 1, 5], [1, 0, 5]]]})
    assert geometry.equals(box(0, 0, 1, 1))


@pytest.mark.parametrize("value, message", [
    ('{"features":[]}', "areaOfInterest: the FeatureSet has no features"),
    ('{"features":[{"geometry":{"rings":[]}}]}', "areaOfInterest: feature 1 has no polygon rings"),
    ('{"features":[{"geometry":{"x":1,"y":2}}]}', "areaOfInterest: feature 1 has no polygon rings"),
    ('{"features":[{"attributes":{}}]}', "areaOfInterest: feature 1 has no geometry object"),
    ('{"rings":[[[0,0],[1,1],[0,0]]]}',
     "areaOfInterest: feature 1 ring 1 has 3 points; a closed ring needs at least 4"),
    ('{"rings":[[[0,0],[1,1],[2,2],[0,0]]]}', "areaOfInterest: feature 1 has no area"),
    ('{"rings":[[[0,0],[0,1],["a",1],[0,0]]]}',
     'areaOfInterest: feature 1 ring 1 holds ["a", 1], which is not a point [x, y]'),
    ('{"rings":[[[0,0],[0,1],[1,Infinity],[0,0]]]}',
     "areaOfInterest: not valid Esri JSON: Infinity is not a number JSON allows"),
    ('{"rings":[[[0,0],[0,1],[1,1e999],[0,0]]]}',
     "areaOfInterest: feature 1 ring 1 holds [1, Infinity], which is not a point [x, y]"),
    ('{"curveRings":[]}', "areaOfInterest: feature 1 has curved rings"),
    ('{"paths":[[[0,0],[1,1]]]}', "areaOfInterest: not valid Esri JSON: expected a FeatureSet"),
    ("[1,2]", "areaOfInterest: not valid Esri JSON: expected a FeatureSet"),
    ("{rings:", "areaOfInterest: not valid Esri JSON: Expecting property name"),
    ('{"features":{}}', "areaOfInterest: not valid Esri JSON: features must be a list"),
    ('{"rings":[[[0,0],[0,1],[1,1],[0,0]]],"spatialReference":5}',
     "areaOfInterest: spatialReference must be an object"),
])
def test_bad_areas_of_interest(value, message):
    assert_refused(parse_area_of_interest, value, message)


def test_mixed_spatial_references_are_refused():
    rings = [[[0, 0], [0, 1], [1, 1], [1, 0], [0, 0]]]
    value = {"features": [{"geometry": {"rings": rings, "spatialReference": {"wkid": 4326}}},
                          {"geometry": {"rings": rings, "spatialReference": {"wkid": 3857}}}]}
    with pytest.raises(ParameterError, match="different spatial references"):
        parse_area_of_interest(value)


def test_deep_nesting_and_size_caps(monkeypatch):
    with pytest.raises(ParameterError, match="^areaOfInterest: not valid Esri JSON"):
        parse_area_of_interest("[" * 100000 + "]" * 100000)
    monkeypatch.setattr(geometry_input, "MAX_TEXT_CHARS", 100)
    with pytest.raises(ParameterError, match="at most 100 are accepted"):
        parse_area_of_interest(REST_AOI + " " * 100)
    monkeypatch.setattr(geometry_input, "MAX_VERTICES", 9)
    ring = [[0, 0], [0, 1], [1, 1], [1, 0], [0, 0]]
    with pytest.raises(ParameterError, match="more than 9 vertices"):
        parse_area_of_interest({"features": [{"geometry": {"rings": [ring]}}] * 2})


@pytest.mark.parametrize("empty", [None, "", "  \n"])
def test_empty_area_of_interest(empty):
    assert parse_area_of_interest(empty) is None


# ---- reprojection ----------------------------------------------------------

def test_extent_4326_to_3857_matches_pyproj():
    extent = Extent(-100, 35, -90, 45)
    moved = to_scheme_crs_extent(extent, WGS84, MERCATOR)
    to_merc = pyproj.Transformer.from_crs(4326, 3857, always_xy=True)
    xmin, ymin = to_merc.transform(-100, 35)
    xmax, ymax = to_merc.transform(-90, 45)
    assert moved == pytest.approx((xmin, ymin, xmax, ymax), rel=1e-12)
    # Hand check against the spherical Mercator formulas.
    radius = 6378137.0
    assert moved.xmin == pytest.approx(math.radians(-100) * radius, rel=1e-12)
    north = radius * math.log(math.tan(math.pi / 4 + math.radians(45) / 2))
    assert moved.ymax == pytest.approx(north, rel=1e-12)


def test_extent_bends_are_enclosed():
    # A UTM box becomes a curved quadrilateral in 4326: the box must hold every edge point.
    extent = Extent(300000, 4000000, 700000, 4600000)
    moved = to_scheme_crs_extent(extent, SpatialReference(wkid=32633), WGS84)
    to_geo = pyproj.Transformer.from_crs(32633, 4326, always_xy=True)
    for t in [i / 200 for i in range(201)]:
        for x, y in ((300000 + t * 400000, 4000000), (300000 + t * 400000, 4600000),
                     (300000, 4000000 + t * 600000), (700000, 4000000 + t * 600000)):
            lon, lat = to_geo.transform(x, y)
            assert moved.xmin - 1e-6 <= lon <= moved.xmax + 1e-6
            assert moved.ymin - 1e-6 <= lat <= moved.ymax + 1e-6


def test_same_crs_is_unchanged():
    extent = Extent(1, 2, 3, 4)
    assert to_scheme_crs_extent(extent, None, MERCATOR) is extent
    assert to_scheme_crs_extent(extent, SpatialReference(wkid=3857), MERCATOR) is extent
    geometry = box(1, 2, 3, 4)
    assert to_scheme_crs_geometry(geometry, None, MERCATOR) is geometry
    assert to_scheme_crs_geometry(geometry, SpatialReference(wkid=102100), MERCATOR) is geometry


def test_latitude_is_clamped_for_web_mercator():
    moved = to_scheme_crs_extent(Extent(-180, -90, 180, 90), WGS84, MERCATOR)
    world = 20037508.342789244
    assert moved == pytest.approx((-world, -world, world, world), rel=1e-9)
    geometry = to_scheme_crs_geometry(box(-10, 80, 10, 90), WGS84, MERCATOR)
    assert geometry.bounds[3] == pytest.approx(world, rel=1e-9)
    with pytest.raises(ParameterError, match="beyond latitude"):
        to_scheme_crs_extent(Extent(0, 86, 1, 90), WGS84, MERCATOR)


def test_geometry_edges_bend_in_the_target_crs():
    # A long straight edge in 4326 along latitude 60 stays on latitude 60 in 3857
    # only if it is densified; its midpoint must sit where pyproj puts lon 0, lat 60.
    area = Polygon([(-60, 60), (60, 60), (60, 0), (-60, 0)])
    moved = to_scheme_crs_geometry(area, WGS84, MERCATOR)
    to_merc = pyproj.Transformer.from_crs(4326, 3857, always_xy=True)
    expected = Polygon([to_merc.transform(x, y) for x, y in
                        shapely.get_coordinates(shapely.segmentize(area, 0.5))])
    assert moved.symmetric_difference(expected).area / expected.area < 1e-6


def test_untransformable_geometry_raises():
    utm = SpatialReference(wkid=32633)
    with pytest.raises(ParameterError, match="^areaOfInterest: cannot be transformed from WKID"):
        to_scheme_crs_geometry(box(-1e30, -1e30, 1e30, 1e30), utm, MERCATOR)
    with pytest.raises(ParameterError, match="^exportExtent: unknown spatial reference WKID 9999"):
        to_scheme_crs_extent(Extent(0, 0, 1, 1), SpatialReference(wkid=999999), MERCATOR)

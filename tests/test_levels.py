"""levels / exportBy parsing against the LODs of a real ArcGIS-made conf.xml."""
import xml.etree.ElementTree as ET

import pytest

from tile_package_tools.tilecache.errors import LevelRangeError, ParameterError
from tile_package_tools.tilecache.params.levels import (
    check_levels_within, level_ranges_text, resolve_levels)
from tile_package_tools.tilecache.model import LOD
from tile_package_tools.tilecache.scheme.spatial_reference import SpatialReference
from tile_package_tools.tilecache.scheme.tiling_scheme import TilingScheme

CONF = "sample_data/esri-sample-cache-v2/conf.xml"


@pytest.fixture(scope="module")
def sample_lods(repo_root):
    # Read the LODs straight from ArcGIS's XML, independently of the core's reader.
    root = ET.parse(repo_root / CONF).getroot()
    lods = []
    for info in root.iter("LODInfo"):
        lods.append(LOD(int(info.findtext("LevelID")), float(info.findtext("Resolution")),
                        float(info.findtext("Scale"))))
    assert len(lods) == 20
    return lods


@pytest.fixture(scope="module")
def scheme(sample_lods):
    return TilingScheme(SpatialReference(wkid=3857), -20037508.342787, 20037508.342787,
                        256, 256, 96, tuple(sample_lods))


def ids(lods):
    return [lod.level for lod in lods]


@pytest.mark.parametrize("spec, expected", [
    ("1,2,3", [1, 2, 3]),
    ("1-4,7-9", [1, 2, 3, 4, 7, 8, 9]),
    ("0-7", list(range(8))),
    (" 13 - 19 ", list(range(13, 20))),
    ("3, 1 ,2,3", [1, 2, 3]),
    ("5", [5]),
    ("5-5", [5]),
    ([2, "4-5"], [2, 4, 5]),
])
def test_level_ids(scheme, spec, expected):
    assert ids(resolve_levels(spec, scheme)) == expected


@pytest.mark.parametrize("export_by", ["LevelID", "levelId", "LEVELID", None, ""])
def test_export_by_level_id_spellings(scheme, export_by):
    assert ids(resolve_levels("0-2", scheme, export_by)) == [0, 1, 2]


def test_empty_spec_means_all_or_available(scheme):
    assert ids(resolve_levels(None, scheme)) == list(range(20))
    assert ids(resolve_levels("  ", scheme)) == list(range(20))
    assert ids(resolve_levels("", scheme, available={7, 3, 5, 42})) == [3, 5, 7]
    assert resolve_levels(None, scheme, available=[]) == []


def test_returned_lods_are_the_schemes(scheme, sample_lods):
    assert resolve_levels("4", scheme) == [sample_lods[4]]


def test_scales_exact_and_rounded(scheme, sample_lods):
    assert ids(resolve_levels("591657527.591555,73957190.948944", scheme, "Scale")) == [0, 3]
    # As people type them: six significant digits.
    assert ids(resolve_levels("591658000,73957200,1128.5", scheme, "scale")) == [0, 3, 19]
    exact = ",".join(repr(lod.scale) for lod in sample_lods[10:12])
    assert ids(resolve_levels(exact, scheme, "SCALE")) == [10, 11]


def test_scale_ranges_either_order(scheme):
    forward = resolve_levels("591657527.591555-73957190.948944", scheme, "Scale")
    backward = resolve_levels("73957190.948944-591657527.591555", scheme, "Scale")
    assert ids(forward) == ids(backward) == [0, 1, 2, 3]


def test_resolutions(scheme):
    assert ids(resolve_levels("156543.03392800014-19567.879240999919", scheme,
                              "Resolution")) == [0, 1, 2, 3]
    assert ids(resolve_levels("0.298582, 4891.97", scheme, "resolution")) == [5, 19]


def test_resolutions_in_exponent_notation():
    # Degree-based caches have resolutions like 2.1457672119140625e-05; the
    # exponent's minus sign must not read as a range.
    lods = tuple(LOD(z, 0.703125 / 2 ** z, 295497593.05875003 / 2 ** z) for z in range(20))
    scheme = TilingScheme(SpatialReference(wkid=4326), -180.0, 90.0, 256, 256, 96, lods)
    assert ids(resolve_levels(f"{lods[15].resolution!r}", scheme, "Resolution")) == [15]
    spec = f"{lods[15].resolution:.6e}-{lods[17].resolution:.6e}"
    assert "e-05" in spec and "e-06" in spec
    assert ids(resolve_levels(spec, scheme, "Resolution")) == [15, 16, 17]


def test_nearest_lod_wins_and_never_two():
    # Two LODs 0.005% apart: both lie within the typed-value tolerance of 1000.04.
    lods = (LOD(0, 1000.0, 3779527.6), LOD(1, 1000.05, 3779716.6), LOD(2, 500.0, 1889763.8))
    scheme = TilingScheme(SpatialReference(wkid=3857), 0.0, 0.0, 256, 256, 96, lods)
    assert ids(resolve_levels("1000.04", scheme, "Resolution")) == [1]
    assert ids(resolve_levels("1000.01", scheme, "Resolution")) == [0]


def test_level_ranges_text():
    assert level_ranges_text([0, 1, 2, 3, 5, 7, 8, 9]) == "0-3,5,7-9"
    assert level_ranges_text([9, 3, 3, 4]) == "3-4,9"
    assert level_ranges_text([]) == ""
    assert level_ranges_text([12]) == "12"


@pytest.mark.parametrize("spec, export_by, message", [
    ("5-2", "LevelID", 'levels: range "5-2" runs backwards'),
    ("abc", "LevelID", 'levels: "abc" is not a level id or a range of them'),
    ("1,x2", "LevelID", 'levels: "x2" is not a level id or a range of them'),
    ("1.5", "LevelID", 'levels: "1.5" is not a whole-number level id'),
    ("25", "LevelID", "levels: level 25 is not in the cache; it has levels 0-19"),
    ("15-25", "LevelID", "levels: level 25 is not in the cache; it has levels 0-19"),
    ("-3", "LevelID", 'levels: "-3" is not a level id or a range of them'),
    (",", "LevelID", 'levels: "," names no levels'),
    ("1-2-3", "LevelID", 'levels: "1-2-3" is not a level id or a range of them'),
    ("nan", "Scale", 'levels: "nan" is not a scale or a range of them'),
    ("0", "Scale", 'levels: scale "0" must be a positive number'),
    ("1e999", "Resolution", 'levels: resolution "1e999" must be a positive number'),
])
def test_bad_specs(scheme, spec, export_by, message):
    with pytest.raises(ParameterError) as caught:
        resolve_levels(spec, scheme, export_by)
    assert str(caught.value) == message


def test_unknown_scale_lists_the_scales(scheme, sample_lods):
    with pytest.raises(ParameterError) as caught:
        resolve_levels("1000", scheme, "Scale")
    text = str(caught.value)
    assert text.startswith("levels: scale 1000 is not in the cache; it has scales 591657527.592, ")
    assert text.count(",") == 19 and "\n" not in text
    with pytest.raises(ParameterError, match="resolution range"):
        resolve_levels("0.001-0.002", scheme, "Resolution")


def test_level_id_gaps_and_parameter_name():
    lods = tuple(LOD(z, 1000.0 / 2 ** z, 3779527.6 / 2 ** z) for z in (0, 1, 2, 5, 6, 9))
    scheme = TilingScheme(SpatialReference(wkid=3857), 0.0, 0.0, 256, 256, 96, lods)
    assert ids(resolve_levels("1-6", scheme)) == [1, 2, 5, 6]
    with pytest.raises(ParameterError) as caught:
        resolve_levels("4", scheme, parameter="LEVELS")
    assert str(caught.value) == "LEVELS: level 4 is not in the cache; it has levels 0-2,5-6,9"
    with pytest.raises(ParameterError, match="holds no level"):
        resolve_levels("3-4", scheme)


def test_bad_export_by(scheme):
    with pytest.raises(ParameterError, match='exportBy: "zoom" is not one of'):
        resolve_levels("1", scheme, "zoom")


def test_check_levels_within(scheme):
    check_levels_within([0, 5, 19], scheme)
    with pytest.raises(LevelRangeError) as caught:
        check_levels_within([3, 20], scheme)
    assert caught.value.code == 500
    assert str(caught.value) == \
        'Specified level id "20" is not within the min and max scale range.'

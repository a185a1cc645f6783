"""Every output kind, read back by readers nobody here wrote (issue 9).

Inputs: the two ArcGIS-made samples, and small caches built with this
project's writers from the facts in docs/formats.md: Web Mercator at 256 px
(all 24 LODs listed, as ArcGIS writes them) and 512 px, NAD27 UTM with 512 px
tiles, WGS84 with origin (-180, 90) and 512 px tiles, State Plane in US feet
with scales that are not powers of two and bundle names of five hex digits,
and Web Mercator rows beyond the grid. Each is exported to a Compact V2
folder, a V1 folder, a .tpkx and a .tpk, and read by:

- GDAL 3.6 (Debian's, QGIS's): V2 folders, where scheme/gdal_limits says it can
  (it crashes on tiles over 256 px: GDAL's bug, fixed in 3.9.1; checked too);
- GDAL 3.10 (rasterio's wheel): V2 folders of every tile size, and .tpkx;
- MapProxy's compact cache reader: V1 and V2 folders;
- tpkutils: .tpk.

Each reader runs in a child process (testkit/other_readers.py). Tiles are
compared with what went in: bytes (sha1) for tpkutils and MapProxy, decoded
pixels for GDAL (exact for PNG; JPEG within a few levels, as two JPEG decoders
may round differently). Expected tiles of the samples are located by the
independent parser of testkit/bytes_layout, not by the core.
"""
import io
import hashlib
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from PIL import Image

from tile_package_tools.tilecache import LOD, SpatialReference, TileKey, TilingScheme, open_cache
from tile_package_tools.tilecache.pipeline.export import ExportOptions, export_tiles
from tile_package_tools.tilecache.scheme.gdal_limits import gdal_read_problem

from tile_package_tools.testkit.bytes_layout import cache_tiles
from tile_package_tools.testkit.caches import write_cache
from tile_package_tools.testkit.other_readers import (ReaderFailed, decoded, gdal_read,
                                                      mapproxy_read, pixel_difference,
                                                      tpkutils_read)
from tile_package_tools.testkit.samples import SAMPLE_TPK, SAMPLE_V2
from tile_package_tools.testkit.schemes import EXPLODED, V1, V2, web_mercator

# Slow: GDAL 3.10, tpkutils and MapProxy in child processes; `make test-quick` leaves it out.
pytestmark = pytest.mark.slow

gdal = pytest.importorskip("osgeo.gdal")

#: How far GDAL's decoding of a JPEG tile may stray from Pillow's (see
#: other_readers.pixel_difference): mean difference, share of samples off by over 8.
JPEG_MEAN, JPEG_SHARE = 1.5, 0.01
#: Inches per metre and per US survey foot, for advisory scales
#: (docs/formats.md#scale-and-resolution).
INCHES_PER_METRE = 39.37
INCHES_PER_FOOT = 12.0
#: Metres per degree at the equator, for the advisory scales of WGS84 schemes.
METRES_PER_DEGREE = 111319.49079327357


# ---- inputs ---------------------------------------------------------------------------------

def pattern_tile(key, fmt, size):
    """A tile whose colour names its address and whose gradient and corner show its orientation."""
    from PIL import Image, ImageDraw
    level, row, col = key
    colour = ((40 + 70 * level) % 256, (17 + 37 * row) % 256, (5 + 53 * col) % 256)
    gradient = Image.linear_gradient("L").resize((size, size))  # black at the top
    image = Image.merge("RGB", (Image.new("L", (size, size), colour[0]), gradient,
                                Image.new("L", (size, size), colour[2])))
    ImageDraw.Draw(image).rectangle((0, 0, size // 4, size // 4), fill=(255, 255, 255))
    buffer = io.BytesIO()
    image.save(buffer, fmt, quality=90)
    return buffer.getvalue()


def scheme_of(srs, origin, tile_size, fmt, resolutions_scales):
    lods = tuple(LOD(level, resolution, scale)
                 for level, (resolution, scale) in enumerate(resolutions_scales))
    return TilingScheme(srs, origin[0], origin[1], tile_size, tile_size, 96, lods,
                        tile_format=fmt, storage_format=V2)


def tiles_at(scheme, x, y, levels, block=2):
    """A ``block`` x ``block`` square of tiles at (x, y) on each of ``levels``."""
    keys = []
    for level in levels:
        lod = scheme.lod(level)
        span = scheme.tile_width * lod.resolution
        col = int((x - scheme.origin_x) // span)
        row = int((scheme.origin_y - y) // span)
        keys += [TileKey(level, r, c) for r in range(row, row + block)
                 for c in range(col, col + block)]
    return keys


def whole_levels(first, last):
    return [TileKey(z, r, c) for z in range(first, last + 1)
            for r in range(2 ** z) for c in range(2 ** z)]


def wm256png():
    scheme = web_mercator(tile_format="PNG", lod_count=24)
    keys = whole_levels(0, 2) + tiles_at(scheme, 1.5e6, 6.0e6, [5, 7])
    return scheme, keys


def wm512jpg():
    scheme = web_mercator(tile_format="JPEG", lod_count=23, first=1, tile_size=512)
    return scheme, whole_levels(0, 1) + tiles_at(scheme, -8.0e6, 4.5e6, [4])


def utm512jpg():
    """NAD27 / UTM zone 11N, ArcGIS's UTM origin, 512 px JPEG."""
    resolutions = [2000.0, 1000.0, 500.0, 250.0, 125.0, 62.5]
    scheme = scheme_of(SpatialReference(wkid=26711, latest_wkid=26711), (-5120900.0, 9998100.0),
                       512, "JPEG", [(r, r * 96 * INCHES_PER_METRE) for r in resolutions])
    return scheme, tiles_at(scheme, 500000.0, 4000000.0, range(6))


def wgs512png():
    """WGS84 with origin (-180, 90) and 512 px PNG, as ArcGIS Pro makes them."""
    resolutions = [0.3515625 / 2 ** i for i in range(6)]
    scheme = scheme_of(SpatialReference(wkid=4326, latest_wkid=4326), (-180.0, 90.0), 512,
                       "PNG", [(r, r * METRES_PER_DEGREE * 96 * INCHES_PER_METRE)
                               for r in resolutions])
    keys = [TileKey(0, 0, 0), TileKey(0, 0, 1)] + tiles_at(scheme, 10.0, 50.0, range(1, 6))
    return scheme, keys


def stateplane_ft():
    """NAD83 California zone 6 in US feet; scales 12500, 8000, 4000, 2400, 1200 (not powers
    of two); the data lies so far from the origin that bundle names need five hex digits."""
    scales = [12500.0, 8000.0, 4000.0, 2400.0, 1200.0]
    scheme = scheme_of(SpatialReference(wkid=2230, latest_wkid=2230),
                       (-120039300.0, 136407000.0), 256, "JPEG",
                       [(s / (96 * INCHES_PER_FOOT), s) for s in scales])
    return scheme, tiles_at(scheme, 6300000.0, 1850000.0, range(5))


def beyond_grid():
    """Web Mercator with level 5 rows up to 33, past the grid's last row 31."""
    scheme = web_mercator(tile_format="JPEG", lod_count=8)
    return scheme, whole_levels(0, 1) + [TileKey(5, r, c) for r in range(30, 34)
                                         for c in range(3, 5)]


GENERATED = {"wm256png": wm256png, "wm512jpg": wm512jpg, "utm512jpg": utm512jpg,
             "wgs512png": wgs512png, "stateplane_ft": stateplane_ft, "beyond_grid": beyond_grid}
SAMPLES = {"arcgis_v2": SAMPLE_V2, "arcgis_tpk": SAMPLE_TPK}
INPUTS = list(SAMPLES) + list(GENERATED)
#: Output kinds: storage, package, name.
OUTPUTS = {"v2": (V2, False, "v2"), "v1": (V1, False, "v1"), "tpkx": (V2, True, "out.tpkx"),
           "tpk": (V1, True, "out.tpk"), "exploded": (EXPLODED, False, "exploded")}


@dataclass
class Case:
    scheme: TilingScheme
    tiles: dict
    outputs: dict = field(default_factory=dict)


@pytest.fixture(scope="module")
def cases(tmp_path_factory):
    made = {}

    def make(name):
        if name not in made:
            folder = tmp_path_factory.mktemp(name)
            if name in SAMPLES:
                source = SAMPLES[name]
                tiles = {TileKey(*key): data for key, data in cache_tiles(source).items()}
            else:
                scheme, keys = GENERATED[name]()
                tiles = {key: pattern_tile(key, scheme.tile_format, scheme.tile_width)
                         for key in keys}
                source = write_cache(str(folder / "source"), scheme, tiles)
            with open_cache(str(source)) as reader:
                scheme = reader.scheme
            case = Case(scheme, tiles)
            for kind, (storage, package, file_name) in OUTPUTS.items():
                case.outputs[kind] = folder / file_name
                export_tiles(str(source), str(case.outputs[kind]),
                             ExportOptions(storage_format=storage, tile_package=package))
            made[name] = case
        return made[name]
    return make


def test_inputs_cover_what_the_issue_lists(cases):
    """Bundle names of five hex digits, rows past the grid, 512 px, scales not halving."""
    tiles_folder = cases("stateplane_ft").outputs["v2"] / "_alllayers"
    names = {path.name for path in tiles_folder.rglob("*.bundle")}
    assert any(len(name.split("C")[0]) == 6 for name in names), names  # "R" + 5 digits
    assert max(key.row for key in cases("beyond_grid").tiles if key.level == 5) > 31
    scales = [lod.scale for lod in cases("stateplane_ft").scheme.lods]
    assert scales[0] / scales[1] == 12500 / 8000
    assert {cases(n).scheme.tile_width for n in ("wm512jpg", "utm512jpg", "wgs512png")} == {512}


@pytest.mark.parametrize("name", INPUTS)
def test_every_output_holds_the_input_tiles(cases, name):
    """Our own outputs, located by the independent parser: the baseline every reader meets."""
    case = cases(name)
    for kind, path in case.outputs.items():
        found = {TileKey(*key): data for key, data in cache_tiles(path).items()}
        assert found == case.tiles, kind


# ---- GDAL -------------------------------------------------------------------------------------

def _gdal_check(case, dataset, system_gdal, open_options=None):
    """GDAL reads every tile of ``dataset`` as Pillow decodes the tile that went in.

    Returns (report, tiles compared, tiles GDAL cannot see). GDAL cannot see
    tiles past the grid it assumes (symmetric about 0, 0; ``_past_gdal_grid``):
    it reports them outside its raster, or, cropping a .tpkx to its
    fullExtent, as blank; they are not compared.
    """
    keys = sorted(case.tiles)
    report, pixels = gdal_read(dataset, case.scheme, keys, system_gdal, open_options)
    assert report["driver"] == "ESRIC"
    unseen = _past_gdal_grid(case)
    assert set(pixels) | unseen == set(keys), report["tiles"]
    jpeg = case.scheme.tile_format.upper().startswith("JPEG")
    compared = 0
    for key, got in pixels.items():
        if key in unseen:
            continue
        part = report["tiles"][key]
        largest, mean, share = pixel_difference(
            decoded(case.tiles[key], report["bands"], part), got)
        if jpeg:
            assert mean <= JPEG_MEAN and share <= JPEG_SHARE, (key, largest, mean, share)
        else:
            assert largest == 0, (key, largest, mean, share)
        assert part == [0, 0, case.scheme.tile_width, case.scheme.tile_height], (key, part)
        compared += 1
    return report, compared, unseen


def _past_gdal_grid(case):
    """Tiles whose rows or columns lie past the grid GDAL assumes (origin mirrored about 0)."""
    scheme = case.scheme
    out = set()
    for key in case.tiles:
        lod = scheme.lod(key.level)
        width = -2 * scheme.origin_x / lod.resolution
        height = 2 * scheme.origin_y / lod.resolution
        if (key.col + 1) * scheme.tile_width > width or (key.row + 1) * scheme.tile_height > height:
            out.add(key)
    return out


@pytest.mark.parametrize("name", INPUTS)
def test_gdal_3_10_reads_every_v2_folder(cases, name):
    case = cases(name)
    report, compared, unseen = _gdal_check(case, case.outputs["v2"] / "conf.xml",
                                           system_gdal=False)
    assert report["version"].startswith("3.10")
    assert report["block"] == [case.scheme.tile_width] * 2
    assert all(report["tiles"][key] == "outside the raster" for key in unseen)
    assert compared == len(case.tiles) - len(unseen) > 0


@pytest.mark.parametrize("name", INPUTS)
def test_gdal_3_10_reads_every_tpkx(cases, name):
    """Whole tiles with EXTENT_SOURCE=TILING_SCHEME; as opened by default (cropped to the
    fullExtent, which is the exported tiles' extent) the data is there as well."""
    case = cases(name)
    _report, compared, unseen = _gdal_check(case, case.outputs["tpkx"], system_gdal=False,
                                            open_options={"EXTENT_SOURCE": "TILING_SCHEME"})
    assert compared == len(case.tiles) - len(unseen) > 0
    finest = max(key.level for key in case.tiles if key not in unseen)
    keys = sorted(key for key in case.tiles if key.level == finest and key not in unseen)
    report, pixels = gdal_read(case.outputs["tpkx"], case.scheme, keys, system_gdal=False)
    assert report["driver"] == "ESRIC" and pixels, report


@pytest.mark.parametrize("name", INPUTS)
def test_system_gdal_reads_the_v2_folders_gdal_limits_allows(cases, name):
    """QGIS's GDAL: every V2 folder that gdal_read_problem passes reads right; on the others
    (tiles over 256 px before GDAL 3.9.1) it really dies, which is why the plugin must ask."""
    case = cases(name)
    conf = case.outputs["v2"] / "conf.xml"
    with open_cache(str(conf)) as output:
        problem = gdal_read_problem(output.scheme, gdal.__version__)
    # PNG and MIXED caches *may* hold palette tiles, so the plugin never hands
    # them to GDAL < 3.8 as they are; these generated tiles are RGB(A), which
    # GDAL reads right.
    maybe_palette = problem is not None and "PNG8" in problem and \
        case.scheme.tile_format.upper() != "PNG8"
    if problem is None or maybe_palette:
        _report, compared, unseen = _gdal_check(case, conf, system_gdal=True)
        assert compared == len(case.tiles) - len(unseen) > 0
        return
    if "PNG8" in problem:
        # What GDAL < 3.8 shows instead: each tile's palette indices, in every colour band.
        keys = sorted(case.tiles)
        report, pixels = gdal_read(conf, case.scheme, keys, system_gdal=True)
        for key in keys:
            with Image.open(io.BytesIO(case.tiles[key])) as image:
                indices = image.tobytes()
            assert pixels[key][:3 * len(indices)] == indices * 3, key
        return
    assert "crashes" in problem
    with pytest.raises(ReaderFailed) as failure:
        _gdal_check(case, conf, system_gdal=True)
    assert failure.value.signal in ("SIGSEGV", "SIGABRT", "SIGBUS"), str(failure.value)


# ---- MapProxy and tpkutils --------------------------------------------------------------------

def _sha1(data):
    return hashlib.sha1(data).hexdigest()


@pytest.mark.parametrize("kind", ["v1", "v2"])
@pytest.mark.parametrize("name", INPUTS)
def test_mapproxy_reads_every_tile_of_v1_and_v2_folders(cases, name, kind):
    case = cases(name)
    keys = sorted(case.tiles)
    # One empty slot inside a bundle that exists: MapProxy must find no tile there.
    empty = next(TileKey(k.level, k.row, k.col ^ 1) for k in keys
                 if TileKey(k.level, k.row, k.col ^ 1) not in case.tiles)
    found = mapproxy_read(case.outputs[kind], kind[1], keys + [empty])
    assert found.pop(empty) is None
    assert found == {key: _sha1(case.tiles[key]) for key in keys}


@pytest.mark.parametrize("name", INPUTS)
def test_tpkutils_reads_every_tile_of_the_tpk(cases, name):
    """tpkutils reads Web Mercator packages only: it turns each LOD into a Web Mercator zoom
    and drops tiles outside that zoom's 2^z x 2^z grid. Every other tile must come out."""
    case = cases(name)
    seen = tpkutils_read(case.outputs["tpk"])
    zooms = seen["zoom_levels"]
    assert len(seen["bounds"]) == 4
    expected = sorted(
        [zooms[key.level], key.col, key.row, _sha1(data)] for key, data in case.tiles.items()
        if 0 <= key.col < 2 ** zooms[key.level] and 0 <= key.row < 2 ** zooms[key.level])
    assert sorted(seen["tiles"]) == expected
    if case.scheme.spatial_reference.epsg == 3857:
        assert len(expected) == len(case.tiles) - len(_past_gdal_grid(case)) > 0


def test_tpkutils_bounds_are_the_package_extent_in_degrees(cases):
    xmin, ymin, xmax, ymax = tpkutils_read(cases("stateplane_ft").outputs["tpk"])["bounds"]
    assert -118.0 < xmin < xmax < -116.0 and 32.0 < ymin < ymax < 34.0  # around San Diego

"""GDAL's ESRIC driver, written by other people, reads what this project writes.

Pixels are compared with the colours the tiles were made of, and the
ArcGIS-made sample with its re-export, so a bundle index that is off by one
slot, transposed or mis-named shows up as a wrong colour.
"""
import pytest

from tile_package_tools.tilecache.pipeline.export import ExportOptions, export_tiles
from tile_package_tools.tilecache.formats.storage_format import StorageFormat
from tile_package_tools.tilecache.packages import kind_for_storage

from tile_package_tools.testkit.caches import make_v2_cache, world_levels
from tile_package_tools.testkit.samples import SAMPLE_TPK as TPK_SAMPLE, SAMPLE_V2 as V2_SAMPLE
from tile_package_tools.testkit.schemes import LEVEL0_RESOLUTION, WORLD
from tile_package_tools.testkit.tiles import solid_tile

gdal = pytest.importorskip("osgeo.gdal")
gdal.UseExceptions()


def colour(level, row, col):
    return ((40 + 70 * level) % 256, (17 + 37 * row) % 256, (5 + 53 * col) % 256)


def pixel(band_set, x, y):
    """RGB of one pixel from a list of bands (full resolution or one overview)."""
    return tuple(band.ReadAsArray(x, y, 1, 1)[0, 0] for band in band_set[:3])


def bands_at(dataset, width):
    """The full-resolution bands, or the overview bands whose width is ``width``."""
    bands = [dataset.GetRasterBand(i + 1) for i in range(dataset.RasterCount)]
    if dataset.RasterXSize == width:
        return bands
    for index in range(bands[0].GetOverviewCount()):
        if bands[0].GetOverview(index).XSize == width:
            return [band.GetOverview(index) for band in bands]
    raise AssertionError(f"no level {width} pixels wide")


@pytest.fixture(scope="module")
def colour_cache(tmp_path_factory):
    folder = tmp_path_factory.mktemp("gdal") / "colours"
    tiles = {}

    def make(level, row, col):
        tiles[(level, row, col)] = solid_tile(colour(level, row, col), "PNG")
        return tiles[(level, row, col)]

    make_v2_cache(folder, world_levels(0, 2), make, tile_format="PNG",
                           lod_count=3)
    return folder


def test_gdal_opens_written_cache_as_esric_with_the_expected_size(colour_cache):
    dataset = gdal.Open(str(colour_cache / "conf.xml"))
    assert dataset.GetDriver().ShortName == "ESRIC"
    assert (dataset.RasterXSize, dataset.RasterYSize) == (1024, 1024)
    origin_x, res_x, _, origin_y, _, res_y = dataset.GetGeoTransform()
    assert origin_x == pytest.approx(-WORLD)
    assert origin_y == pytest.approx(WORLD)
    assert res_x == pytest.approx(LEVEL0_RESOLUTION / 4)
    assert res_y == pytest.approx(-LEVEL0_RESOLUTION / 4)


@pytest.mark.parametrize("level", [0, 1, 2])
def test_gdal_sees_each_tile_in_its_colour(colour_cache, level):
    dataset = gdal.Open(str(colour_cache / "conf.xml"))
    bands = bands_at(dataset, 256 * 2 ** level)
    for row in range(2 ** level):
        for col in range(2 ** level):
            # Two pixels per tile: the centre and a corner near the next tile.
            for dx, dy in ((128, 128), (250, 3)):
                assert pixel(bands, col * 256 + dx, row * 256 + dy) == \
                    colour(level, row, col), (level, row, col)


def test_gdal_reads_bundles_at_nonzero_hex_addresses(tmp_path):
    """Tiles around the corner where four level-9 bundles meet (R0080C0100 ...)."""
    window = (126, 129, 254, 258)
    make_v2_cache(tmp_path, {9: window},
                           lambda z, r, c: solid_tile(colour(z, r, c), "PNG"),
                           tile_format="PNG", lod_count=10)
    assert sorted(p.name for p in (tmp_path / "_alllayers" / "L09").iterdir()) == [
        "R0000C0080.bundle", "R0000C0100.bundle", "R0080C0080.bundle", "R0080C0100.bundle"]
    dataset = gdal.Open(str(tmp_path / "conf.xml"))
    bands = bands_at(dataset, 256 * 2 ** 9)
    for row in range(window[0], window[1] + 1):
        for col in range(window[2], window[3] + 1):
            assert pixel(bands, col * 256 + 100, row * 256 + 100) == colour(9, row, col)


def test_gdal_decodes_written_jpeg_tiles(tmp_path):
    make_v2_cache(tmp_path, world_levels(0, 1),
                           lambda z, r, c: solid_tile(colour(z, r, c), "JPEG"),
                           lod_count=2)
    dataset = gdal.Open(str(tmp_path / "conf.xml"))
    assert dataset.RasterCount == 3
    for row in range(2):
        for col in range(2):
            got = pixel(bands_at(dataset, 512), col * 256 + 128, row * 256 + 128)
            assert all(abs(int(g) - e) <= 3 for g, e in zip(got, colour(1, row, col)))


def _level2_pixels(conf_xml):
    dataset = gdal.Open(str(conf_xml))
    assert dataset.GetDriver().ShortName == "ESRIC"
    return [band.ReadRaster() for band in bands_at(dataset, 1024)[:3]]


@pytest.mark.parametrize("route", [
    [(StorageFormat.COMPACT_V2, False)],
    [(StorageFormat.COMPACT_V1, True), (StorageFormat.EXPLODED, False),
     (StorageFormat.COMPACT_V2, True), (StorageFormat.COMPACT_V2, False)],
])
def test_gdal_sees_the_arcgis_sample_and_its_reexport_identically(tmp_path, route):
    source = V2_SAMPLE
    for step, (storage, package) in enumerate(route):
        out = tmp_path / (f"step{step}" + (kind_for_storage(storage).extension if package else ""))
        export_tiles(str(source), str(out), ExportOptions(storage_format=storage,
                                                          tile_package=package))
        source = out
    original = _level2_pixels(V2_SAMPLE / "conf.xml")
    assert len(set(original[0])) > 50  # real imagery, not an empty raster
    assert _level2_pixels(source / "conf.xml") == original


def test_gdal_reads_the_v1_sample_after_conversion_to_v2(tmp_path):
    """Nothing in GDAL reads V1: converting the ArcGIS .tpk makes it checkable."""
    out = tmp_path / "from-tpk"
    export_tiles(str(TPK_SAMPLE), str(out), ExportOptions())
    dataset = gdal.Open(str(out / "conf.xml"))
    assert dataset.GetDriver().ShortName == "ESRIC"
    assert dataset.RasterXSize == 512
    alpha = dataset.GetRasterBand(4).ReadAsArray()
    assert alpha.max() == 255  # the level-1 tile landed where GDAL looks for it

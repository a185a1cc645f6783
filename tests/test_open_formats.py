"""MBTiles, GeoPackage and XYZ folders written from Esri caches and read back (issue 22).

The sources: ArcGIS's own Usa.tpkx, the ArcGIS-made V2 sample cache, and
.tpk files the core writes (no redistributable UTM or State Plane package
was found): UTM 11N with 512 px tiles and California State Plane in US feet
by an Esri-only WKID, both with resolutions that are not halves of each
other, WGS 84 with 512 px tiles, and the State Plane scheme in a CRS known by
WKT only.
Outputs are read back by our readers (byte for byte) and by GDAL 3.6 and
GDAL 3.10 in child processes (georeferencing and pixels).
"""
import sqlite3

import pyproj
import pytest

from tile_package_tools.testkit.caches import read_tiles, write_package
from tile_package_tools.testkit.other_readers import decoded, gdal_read, pixel_difference
from tile_package_tools.testkit.samples import SAMPLE_USA, SAMPLE_V2
from tile_package_tools.testkit.schemes import state_plane_feet, utm_512, wgs84_512
from tile_package_tools.testkit.tiles import addressed_png, as_exported
from tile_package_tools.testkit.trees import temporaries
from tile_package_tools.tilecache import SpatialReference, TileKey, open_cache
from tile_package_tools.tilecache.errors import CancelledError, ParameterError
from tile_package_tools.tilecache.feedback import CallbackFeedback
from tile_package_tools.tilecache.metadata.iteminfo import ItemInfo
from tile_package_tools.tilecache.scheme.crs_info import to_crs
from tile_package_tools.tilecache.pipeline.export import (ExportOptions, export_source,
                                                          export_tiles)

#: Usa.tpkx's levels 0 and 1 hold one damaged PNG each (docs/formats.md); GDAL cannot
#: decode them, so pixels are compared at levels 2-5.
USA_INTACT = (2, 3, 4, 5)
#: Two JPEG decoders differ a little (test_other_readers.py explains the bound).
JPEG_MEAN, JPEG_SHARE = 1.5, 0.01
UTM_TILES = {TileKey(level, row, col): None for level, rows, cols in
             ((0, range(183, 185), range(161, 164)), (1, range(367, 370), range(323, 327)),
              (2, range(718, 722), range(631, 636))) for row in rows for col in cols}
STATE_PLANE_TILES = {TileKey(level, row, col): None for level, rows, cols in
                     ((0, range(1040, 1042), range(954, 956)), (1, range(1625, 1628),
                                                                range(1491, 1494)),
                      (2, range(3251, 3254), range(2983, 2987))) for row in rows
                     for col in cols}

#: Europe and the Atlantic at 0.70, 0.35 and 0.18 degrees a pixel.
WGS84_TILES = {TileKey(level, row, col): None for level, rows, cols in
               ((0, range(0, 1), range(0, 1)), (1, range(0, 2), range(0, 3)),
                (2, range(1, 3), range(3, 6))) for row in rows for col in cols}


def custom_feet():
    """The State Plane scheme in a transverse Mercator of our own, known by WKT only (no
    authority anywhere): the GeoPackage must carry it as a user-defined srs_id."""
    wkt = pyproj.CRS.from_proj4("+proj=tmerc +lat_0=31 +lon_0=-117.5 +k=0.9999 +x_0=6000000 "
                                "+y_0=1500000 +ellps=GRS80 +units=us-ft +no_defs").to_wkt(
        "WKT1_ESRI")
    return state_plane_feet().with_changes(spatial_reference=SpatialReference(wkt=wkt))


def _package(path, scheme, keys):
    tiles = {key: addressed_png(key, scheme.tile_width) for key in keys}
    return write_package(path, scheme, tiles)


@pytest.fixture(scope="module")
def made(tmp_path_factory):
    """{name: (source, output)} of every conversion, written once."""
    work = tmp_path_factory.mktemp("open_formats")
    sources = {"usa": str(SAMPLE_USA), "v2": str(SAMPLE_V2),
               "utm": _package(work / "utm.tpk", utm_512(), UTM_TILES),
               "stateplane": _package(work / "stateplane.tpk", state_plane_feet(),
                                      STATE_PLANE_TILES),
               "wgs84": _package(work / "wgs84.tpk", wgs84_512(), WGS84_TILES),
               "custom": _package(work / "custom.tpk", custom_feet(), STATE_PLANE_TILES)}
    outputs = {"usa.mbtiles": "usa", "usa.gpkg": "usa", "usa_xyz/{z}/{x}/{y}.png": "usa",
               "v2.mbtiles": "v2", "v2.gpkg": "v2", "utm.gpkg": "utm",
               "stateplane.gpkg": "stateplane", "wgs84.gpkg": "wgs84", "custom.gpkg": "custom"}
    done = {}
    for name, source in outputs.items():
        result = export_tiles(sources[source], str(work / name), ExportOptions())
        done[name] = (sources[source], result.output)
    return done


@pytest.mark.parametrize("name", ["usa.mbtiles", "usa.gpkg", "usa_xyz/{z}/{x}/{y}.png",
                                  "v2.mbtiles", "v2.gpkg", "utm.gpkg", "stateplane.gpkg",
                                  "wgs84.gpkg", "custom.gpkg"])
def test_outputs_hold_every_source_tile_byte_for_byte(made, name):
    source, output = made[name]
    expected = as_exported(read_tiles(source))
    got = read_tiles(output)
    assert got == expected and len(got) == len(expected) > 0


def test_mbtiles_rows_count_from_the_bottom(made):
    """The TMS flip, checked on the file itself: zoom 2, Esri row 1 is tile_row 2."""
    _, output = made["usa.mbtiles"]
    source = as_exported(read_tiles(made["usa.mbtiles"][0]))
    with sqlite3.connect(output) as db:
        stored = {(z, x, y): data for z, x, y, data in
                  db.execute("SELECT zoom_level, tile_column, tile_row, tile_data FROM tiles")}
    for key, data in source.items():
        assert stored[(key.level, key.col, (1 << key.level) - 1 - key.row)] == data
    with sqlite3.connect(output) as db:
        assert db.execute("PRAGMA application_id").fetchone()[0] == 0x4D504258


def _compare_pixels(report, pixels, tiles, jpeg):
    assert pixels, report
    for key, got in pixels.items():
        part = report["tiles"][key]
        largest, mean, share = pixel_difference(decoded(tiles[key], report["bands"], part), got)
        if jpeg:
            assert mean <= JPEG_MEAN and share <= JPEG_SHARE, (key, largest, mean, share)
        else:
            assert largest == 0, (key, largest, mean, share)


@pytest.mark.parametrize("system_gdal", [True, False], ids=["gdal36", "gdal310"])
@pytest.mark.parametrize("name", ["usa.mbtiles", "usa.gpkg", "v2.mbtiles", "v2.gpkg",
                                  "utm.gpkg", "stateplane.gpkg", "wgs84.gpkg",
                                  "custom.gpkg"])
def test_gdal_reads_the_source_tiles_where_they_belong(made, name, system_gdal):
    """Each tile window GDAL reads, placed by the source scheme's origin and resolution,
    holds the pixels of the source tile: georeferencing and tiles both right."""
    source, output = made[name]
    tiles = read_tiles(source)
    with open_cache(source) as reader:
        scheme = reader.scheme
    keys = sorted(key for key in tiles if key.level in USA_INTACT or "usa" not in name)
    keys = keys[:6] + keys[-10:]
    report, pixels = gdal_read(output, scheme, keys, system_gdal)
    assert report["driver"] in ("MBTiles", "GPKG"), report
    assert set(pixels) == set(keys), report["tiles"]
    _compare_pixels(report, pixels, tiles, scheme.tile_format.upper().startswith("JPEG"))
    assert pyproj.CRS.from_wkt(report["wkt"]).equals(to_crs(scheme.spatial_reference),
                                                     ignore_axis_order=True), report["wkt"]


@pytest.mark.parametrize("source, middle", [("usa", "mbtiles"), ("v2", "mbtiles"),
                                            ("usa", "gpkg"), ("v2", "gpkg"), ("utm", "gpkg"),
                                            ("stateplane", "gpkg"), ("wgs84", "gpkg"),
                                            ("custom", "gpkg")])
def test_round_trip_back_to_esri_gives_identical_tiles(made, tmp_path, source, middle):
    """Esri -> MBTiles or GeoPackage -> .tpkx: the same tiles, LODs, origin and CRS."""
    original, open_file = made[f"{source}.{middle}"]
    back = export_tiles(open_file, str(tmp_path / "back.tpkx"),
                        ExportOptions(tile_package=True)).output
    assert read_tiles(back) == as_exported(read_tiles(original))
    with open_cache(back) as returned, open_cache(original) as first:
        for level in returned.levels():
            assert returned.scheme.lod(level).resolution == pytest.approx(
                first.scheme.lod(level).resolution, rel=1e-12)
        assert returned.scheme.tile_width == first.scheme.tile_width
        assert (returned.scheme.origin_x, returned.scheme.origin_y) == pytest.approx(
            (first.scheme.origin_x, first.scheme.origin_y), abs=1e-3)
        assert to_crs(returned.scheme.spatial_reference).equals(
            to_crs(first.scheme.spatial_reference), ignore_axis_order=True)


def _credited_export(tmp_path, name):
    with open_cache(str(SAMPLE_V2)) as reader:
        reader.item_info = ItemInfo(name="sample", title="Sample tiles",
                                    description="Three levels of the world.",
                                    access_information="Esri sample data")
        return export_source(reader, str(tmp_path / name), ExportOptions()).output


def test_mbtiles_metadata_carries_the_package_facts(tmp_path):
    output = _credited_export(tmp_path, "credited.mbtiles")
    with sqlite3.connect(output) as db:
        rows = dict(db.execute("SELECT name, value FROM metadata"))
    assert rows["name"] == "Sample tiles" and rows["format"] == "jpg"
    assert rows["attribution"] == "Esri sample data"
    assert rows["description"] == "Three levels of the world."
    assert (rows["minzoom"], rows["maxzoom"]) == ("0", "2")
    west, south, east, north = map(float, rows["bounds"].split(","))
    assert -180 <= west < east <= 180 and -85.06 <= south < north <= 85.06
    lon, lat, zoom = rows["center"].split(",")
    assert west < float(lon) < east and south < float(lat) < north and zoom == "0"
    with open_cache(output) as back:
        assert back.item_info.title == "Sample tiles"
        assert back.item_info.access_information == "Esri sample data"
        assert back.item_info.description == "Three levels of the world."


def test_geopackage_contents_and_tile_matrices(made, tmp_path):
    output = _credited_export(tmp_path, "credited.gpkg")
    with sqlite3.connect(output) as db:
        (identifier, description, *bounds), = db.execute(
            "SELECT identifier, description, min_x, min_y, max_x, max_y FROM gpkg_contents")
        assert db.execute("PRAGMA application_id").fetchone()[0] == 0x47504B47
        assert db.execute("PRAGMA user_version").fetchone()[0] == 10300
    assert (identifier, description) == ("Sample tiles", "Three levels of the world.")
    assert bounds[0] < bounds[2] and bounds[1] < bounds[3]
    for name, organization, extension in (("utm.gpkg", "EPSG", True),
                                          ("stateplane.gpkg", "ESRI", True),
                                          ("custom.gpkg", "NONE", True),
                                          ("usa.gpkg", "EPSG", False)):
        with sqlite3.connect(made[name][1]) as db:
            (org,), = db.execute("SELECT s.organization FROM gpkg_spatial_ref_sys s JOIN "
                                 "gpkg_tile_matrix_set t USING (srs_id)")
            zoom_other = db.execute("SELECT COUNT(*) FROM gpkg_extensions WHERE "
                                    "extension_name = 'gpkg_zoom_other'").fetchone()[0]
            assert (org, bool(zoom_other)) == (organization, extension), name


@pytest.mark.parametrize("output", ["sp.mbtiles", "sp/{z}/{x}/{y}.png"])
def test_a_scheme_the_target_cannot_hold_is_refused_naming_geopackage(made, tmp_path, output):
    source, _ = made["stateplane.gpkg"]
    with pytest.raises(ParameterError) as caught:
        export_tiles(source, str(tmp_path / output), ExportOptions())
    message = str(caught.value)
    assert "Web Mercator" in message and "GeoPackage (.gpkg)" in message, message
    assert list(tmp_path.iterdir()) == []


def test_a_cancelled_export_leaves_nothing(made, tmp_path):
    source, _ = made["utm.gpkg"]
    calls = []

    def cancelled():
        calls.append(1)
        return len(calls) > 3

    with pytest.raises(CancelledError):
        export_tiles(source, str(tmp_path / "cancelled.gpkg"), ExportOptions(),
                     CallbackFeedback(is_cancelled=cancelled))
    assert list(tmp_path.iterdir()) == [] and not temporaries(tmp_path)


def test_a_bomb_tile_among_good_ones_is_copied_not_decoded(tmp_path):
    """The damaged-tile policy: a tile that is not what it claims passes as it is. A PNG
    of 9000 x 9000 pixels (under Pillow's own bomb limit), at the level the thumbnail is
    drawn from, goes into the .tpkx byte for byte, and the thumbnail skips it instead of
    decoding 81 MB of grey and converting it to 324 MB of RGBA."""
    from tile_package_tools.testkit.hostile.bombs import png_bomb
    from tile_package_tools.testkit.memory import peak_kib, reset_peak
    mbtiles = export_tiles(str(SAMPLE_V2), str(tmp_path / "bomb.mbtiles"),
                           ExportOptions()).output
    bomb = png_bomb(9000, rows=9000)
    with sqlite3.connect(mbtiles) as db:
        db.execute("UPDATE tiles SET tile_data = ? WHERE zoom_level = 1 AND tile_column = 1",
                   (bomb,))
    db.close()
    reset_peak()
    before = peak_kib()
    package = export_tiles(mbtiles, str(tmp_path / "out.tpkx"),
                           ExportOptions(tile_package=True, levels="1-2")).output
    assert peak_kib() - before < 200 * 1024
    tiles = read_tiles(package)
    assert sum(1 for data in tiles.values() if data == bomb) == 2
    assert tiles == {key: data for key, data in read_tiles(mbtiles).items() if key.level >= 1}


@pytest.mark.parametrize("name", ["utm.gpkg", "stateplane.gpkg", "usa.gpkg", "wgs84.gpkg"])
def test_every_tile_matrix_spans_its_set_exactly(made, name):
    """GeoPackage Requirement 45: matrix_width x tile_width x pixel_x_size is the set's width
    at every zoom, also where resolutions are not halves (ratios 125/64, 25/16)."""
    with sqlite3.connect(made[name][1]) as db:
        (width, height), = db.execute("SELECT max_x - min_x, max_y - min_y FROM "
                                      "gpkg_tile_matrix_set")
        for zoom, across, down in db.execute(
                "SELECT zoom_level, matrix_width * tile_width * pixel_x_size, matrix_height * "
                "tile_height * pixel_y_size FROM gpkg_tile_matrix"):
            assert (across, down) == pytest.approx((width, height), rel=1e-9), zoom

"""Damaged tiles in real packages: ArcGIS's own Usa.tpkx stores its level 0
and 1 PNG tiles without the first 4 bytes of the PNG signature. Every export
kind repairs them, GDAL 3.6 and 3.10 (child processes) then read every level,
an import never puts an undecodable tile over a good one, and the log names
each tile repaired or left out."""
import io
from datetime import datetime

import pytest
from PIL import Image

from tile_package_tools.testkit.bytes_layout import cache_tiles
from tile_package_tools.testkit.caches import read_tiles, write_cache, write_raw_package
from tile_package_tools.testkit.other_readers import decoded, gdal_read, pixel_difference
from tile_package_tools.testkit.samples import SAMPLE_USA
from tile_package_tools.testkit.schemes import web_mercator
from tile_package_tools.testkit.tiles import noise_jpegs, solid_tile
from tile_package_tools.tilecache import open_cache
from tile_package_tools.tilecache.feedback import CallbackFeedback
from tile_package_tools.tilecache.model import TileKey
from tile_package_tools.tilecache.pipeline.export import ExportOptions, export_tiles
from tile_package_tools.tilecache.pipeline.importer import ImportOptions, import_tiles
from tile_package_tools.tilecache.pipeline.rest_bodies import export_job_body

PNG = b"\x89PNG\r\n\x1a\n"
#: The two damaged tiles of Usa.tpkx.
DAMAGED = [TileKey(0, 0, 0), TileKey(1, 0, 0)]
KINDS = {
    "tpkx": ("esriMapCacheStorageModeCompactV2", True, "usa.tpkx"),
    "tpk": ("esriMapCacheStorageModeCompact", True, "usa.tpk"),
    "v2": ("esriMapCacheStorageModeCompactV2", False, "usa-v2"),
    "v1": ("esriMapCacheStorageModeCompact", False, "usa-v1"),
    "exploded": ("esriMapCacheStorageModeExploded", False, "usa-exploded"),
}


@pytest.fixture(scope="module")
def usa():
    return read_tiles(str(SAMPLE_USA))


@pytest.fixture(scope="module")
def exports(tmp_path_factory):
    """Usa.tpkx exported to every output kind: {kind: (path, log lines)}."""
    folder = tmp_path_factory.mktemp("usa")
    made = {}
    for kind, (storage, package, name) in KINDS.items():
        lines = []
        log = CallbackFeedback(log=lines.append)
        result = export_tiles(str(SAMPLE_USA), str(folder / name),
                              ExportOptions(storage_format=storage, tile_package=package), log)
        made[kind] = (str(folder / name), lines, result)
    return made


def test_the_sample_really_is_damaged(usa):
    assert all(not usa[key].startswith(PNG) and (PNG[:4] + usa[key]).startswith(PNG)
               for key in DAMAGED)


@pytest.mark.parametrize("kind", KINDS)
def test_every_output_kind_repairs_the_truncated_pngs(exports, usa, kind):
    path, lines, result = exports[kind]
    # Read by the independent parser of docs/formats.md, not by our reader.
    found = {TileKey(*key): data for key, data in cache_tiles(path).items()}
    assert set(found) == set(usa)
    for key, data in found.items():
        assert data == (PNG[:4] + usa[key] if key in DAMAGED else usa[key]), key
        Image.open(io.BytesIO(data)).load()
    message = ("2 PNG tiles missing the first 4 bytes of their signature were repaired: "
               "level 0 row 0 col 0, level 1 row 0 col 0")
    assert message in lines
    assert message in result.tile_findings
    body = export_job_body(result, "j1", 1, datetime(2026, 1, 1), 1.0)
    assert {"type": "esriJobMessageTypeWarning", "description": message} in body["messages"]


@pytest.mark.slow  # other readers
@pytest.mark.parametrize("kind, system_gdal", [("v2", True), ("v2", False), ("tpkx", False)],
                         ids=["v2-gdal-3.6", "v2-gdal-3.10", "tpkx-gdal-3.10"])
def test_gdal_reads_every_level_of_the_exports(exports, usa, kind, system_gdal):
    # GDAL reads Compact V2 folders (conf.xml) and, from 3.7 on, .tpkx; the
    # other kinds are checked above by the independent parser and Pillow.
    path, _, _ = exports[kind]
    dataset = path if kind == "tpkx" else f"{path}/conf.xml"
    with open_cache(path) as reader:
        scheme = reader.scheme
    keys = sorted(usa)
    report, pixels = gdal_read(dataset, scheme, keys, system_gdal)
    unread = {key: why for key, why in report["tiles"].items() if key not in pixels}
    if kind == "tpkx":
        # GDAL opens a .tpkx cropped to its fullExtent, with overviews down to
        # the coarsest that still spans a block: USA-sized, none at levels 0-1.
        # The same as for the original package, so the export is not to blame.
        original, _ = gdal_read(str(SAMPLE_USA), scheme, keys, system_gdal)
        assert unread == {key: why for key, why in original["tiles"].items()
                          if not isinstance(why, list)}
        assert set(unread) == set(DAMAGED)
        assert set(unread.values()) == {"no level at this resolution"}
    else:
        assert not unread
        assert {key[0] for key in pixels} == {0, 1, 2, 3, 4, 5}
    # The pixels are those Pillow decodes from the tiles (the repaired ones too).
    for key, got in pixels.items():
        tile = PNG[:4] + usa[key] if key in DAMAGED else usa[key]
        if system_gdal and Image.open(io.BytesIO(tile)).mode == "P":
            continue  # GDAL 3.6 shows palette PNGs as indices (docs/formats.md)
        largest, _, _ = pixel_difference(decoded(tile, report["bands"], report["tiles"][key]),
                                         got)
        assert largest == 0, key


def test_an_undecodable_tile_is_left_out_and_named(tmp_path):
    scheme = web_mercator(tile_format="PNG", lod_count=3)
    good = solid_tile((10, 20, 30))
    source = write_cache(str(tmp_path / "src"), scheme,
                         {TileKey(1, 0, 0): good, TileKey(1, 1, 1): b"<html>502</html>"})
    lines = []
    log = CallbackFeedback(log=lines.append)
    result = export_tiles(source, str(tmp_path / "out.tpkx"),
                          ExportOptions(tile_package=True), log)
    assert read_tiles(str(tmp_path / "out.tpkx")) == {TileKey(1, 0, 0): good}
    message = ("1 tiles are not images (they start with neither the JPEG nor the PNG "
               "signature) and were left out: level 1 row 1 col 1")
    assert message in lines and message in result.tile_findings


def test_an_import_never_replaces_a_good_tile_with_an_undecodable_one(tmp_path):
    scheme = web_mercator(tile_format="PNG", lod_count=3)
    good, other = solid_tile((10, 20, 30)), solid_tile((200, 0, 0))
    cache = write_cache(str(tmp_path / "cache"), scheme,
                        {TileKey(1, 0, 0): good, TileKey(1, 0, 1): good})
    package = write_raw_package(tmp_path / "p.tpkx", scheme,
                                {TileKey(1, 0, 0): b"\x00" * 40, TileKey(1, 0, 1): other,
                                 TileKey(1, 1, 0): other[4:]})
    lines = []
    log = CallbackFeedback(log=lines.append)
    result = import_tiles(cache, str(package), ImportOptions(), log)
    assert read_tiles(cache) == {TileKey(1, 0, 0): good, TileKey(1, 0, 1): other,
                                 TileKey(1, 1, 0): other}
    assert ("1 tiles are not images (they start with neither the JPEG nor the PNG signature) "
            "and were not imported: level 1 row 0 col 0") in result.warnings
    assert any("were repaired: level 1 row 1 col 0" in w for w in result.warnings)


def test_the_usa_import_repairs_and_keeps_good_tiles(tmp_path, usa):
    cache = str(tmp_path / "cache")
    export_tiles(str(SAMPLE_USA), cache, ExportOptions(levels="2-5"))
    result = import_tiles(cache, str(SAMPLE_USA), ImportOptions())
    tiles = read_tiles(cache)
    assert all(data.startswith(PNG) for data in tiles.values())
    assert tiles[DAMAGED[0]] == PNG[:4] + usa[DAMAGED[0]]
    assert len(result.warnings) == 1 and "were repaired" in result.warnings[0]


def test_optimize_names_the_jpegs_it_cannot_decode(tmp_path):
    scheme = web_mercator(tile_format="JPEG", lod_count=3)
    jpeg = noise_jpegs(1)[0]
    broken = jpeg[:200]  # starts right, ends too soon: only a decode finds it
    source = write_cache(str(tmp_path / "src"), scheme,
                         {TileKey(1, 0, 0): jpeg, TileKey(1, 0, 1): broken})
    lines = []
    log = CallbackFeedback(log=lines.append)
    export_tiles(source, str(tmp_path / "out"),
                 ExportOptions(optimize_tiles_for_size=True, compression_quality=40), log)
    assert read_tiles(str(tmp_path / "out"))[TileKey(1, 0, 1)] == broken
    assert ("1 JPEG tiles could not be decoded for optimizeTilesForSize and were kept as "
            "they are: level 1 row 0 col 1") in lines

"""MBTiles, GeoPackage and XYZ folders the way a user meets them: qgis_process and QGIS layers.

exporttiles and importtiles run through qgis_process (their own process, the
plugin loaded as QGIS loads it); the outputs are opened as QGIS raster layers
and rendered offscreen, one tile's footprint at its own resolution, which
must show that tile's pixels.
"""
import json
import sqlite3
import zipfile

import numpy as np
import pytest

from tile_package_tools.testkit.caches import read_tiles, write_package
from tile_package_tools.testkit.other_readers import decoded
from tile_package_tools.testkit.samples import SAMPLE_USA, SAMPLE_V2
from tile_package_tools.testkit.schemes import utm_512
from tile_package_tools.testkit.tiles import addressed_png, as_exported
from tile_package_tools.testkit.trees import content_digest, temporaries
from tile_package_tools.tilecache import TileKey, open_cache
from tile_package_tools.tilecache.pipeline.export import ExportOptions, export_tiles

UTM_KEYS = [TileKey(2, row, col) for row in range(718, 721) for col in range(631, 634)]


def _run(qgis_process, algorithm, **params):
    args = [f"{name}={value}" for name, value in params.items()]
    return qgis_process("--json", "run", f"tilepackage:{algorithm}", "--", *args)


@pytest.mark.slow  # qgis_process
@pytest.mark.parametrize("output", ["usa.mbtiles", "usa.gpkg", "xyz/{z}/{x}/{y}.png"])
def test_exporttiles_writes_the_kind_the_output_names(qgis_process, tmp_path, output):
    """OUTPUT=x.mbtiles once wrote a Compact V2 folder named x.mbtiles; now the kind."""
    run = _run(qgis_process, "exporttiles", INPUT=SAMPLE_USA, levels="2-4",
               OUTPUT=tmp_path / output)
    assert run.returncode == 0, run.stderr
    answer = json.loads(run.stdout)["results"]
    written = tmp_path / output.split("/")[0]
    assert answer["OUTPUT"] == str(written)
    if output.endswith((".mbtiles", ".gpkg")):
        assert written.is_file() and written.read_bytes()[:16] == b"SQLite format 3\x00"
    else:
        assert (written / "metadata.json").is_file() and (written / "2").is_dir()
    expected = read_tiles(SAMPLE_USA, levels=[2, 3, 4])
    assert read_tiles(written) == expected and answer["TILE_COUNT"] == len(expected)
    assert not temporaries(tmp_path)


@pytest.mark.slow  # qgis_process
def test_exporttiles_refuses_state_plane_to_mbtiles_naming_geopackage(qgis_process, tmp_path):
    from tile_package_tools.testkit.schemes import state_plane_feet
    package = write_package(tmp_path / "sp.tpk", state_plane_feet(),
                            {TileKey(0, 1040, 954): addressed_png((0, 1040, 954))})
    run = _run(qgis_process, "exporttiles", INPUT=package, OUTPUT=tmp_path / "sp.mbtiles")
    assert run.returncode != 0
    errors = [line for line in run.stderr.splitlines() if "GeoPackage (.gpkg)" in line]
    assert len(errors) == 1 and "Traceback" not in run.stderr, run.stderr
    assert not (tmp_path / "sp.mbtiles").exists() and not temporaries(tmp_path)


@pytest.mark.slow  # qgis_process
def test_a_tpkx_from_an_mbtiles_carries_its_metadata(qgis_process, tmp_path):
    """Building a .tpkx from MBTiles (tile-package-spec #7): tiles, and iteminfo / root.json
    from the MBTiles metadata."""
    mbtiles = export_tiles(str(SAMPLE_V2), str(tmp_path / "v2.mbtiles"), ExportOptions()).output
    with sqlite3.connect(mbtiles) as db:
        db.execute("UPDATE metadata SET value = 'Harbour imagery' WHERE name = 'name'")
        db.execute("INSERT OR REPLACE INTO metadata VALUES ('attribution', 'City survey 2024')")
        db.execute("INSERT OR REPLACE INTO metadata VALUES ('description', 'Flown in May.')")
    db.close()
    run = _run(qgis_process, "exporttiles", INPUT=mbtiles, tilePackage="true",
               OUTPUT=tmp_path / "harbour.tpkx")
    assert run.returncode == 0, run.stderr
    assert read_tiles(tmp_path / "harbour.tpkx") == read_tiles(SAMPLE_V2)
    with zipfile.ZipFile(tmp_path / "harbour.tpkx") as package:
        item = json.loads(package.read("iteminfo.json"))
        root = json.loads(package.read("root.json"))
    assert item["title"] == "Harbour imagery" and item["description"] == "Flown in May."
    assert item["accessInformation"] == "City survey 2024"
    assert root["tileInfo"]["spatialReference"]["latestWkid"] == 3857
    assert [lod["level"] for lod in root["tileInfo"]["lods"]] == [0, 1, 2]


@pytest.fixture
def cache_and_mbtiles(tmp_path):
    """A V2 cache of Usa.tpkx's levels 0-3, and an MBTiles of its levels 4-5."""
    cache = export_tiles(str(SAMPLE_USA), str(tmp_path / "cache"),
                         ExportOptions(levels="0-3")).output
    mbtiles = export_tiles(str(SAMPLE_USA), str(tmp_path / "new.mbtiles"),
                           ExportOptions(levels="4-5")).output
    return cache, mbtiles


@pytest.mark.slow  # qgis_process
def test_importtiles_of_an_mbtiles_into_an_esri_cache(qgis_process, cache_and_mbtiles):
    cache, mbtiles = cache_and_mbtiles
    run = _run(qgis_process, "importtiles", INPUT=cache, sourceItemId=mbtiles)
    assert run.returncode == 0, run.stderr
    # Usa's two truncated PNGs (levels 0-1) come back repaired by the export.
    repaired = as_exported(read_tiles(SAMPLE_USA))
    assert repaired != read_tiles(SAMPLE_USA)
    assert read_tiles(cache) == repaired


@pytest.mark.slow  # qgis_process
def test_importtiles_of_a_damaged_mbtiles_changes_nothing(qgis_process, cache_and_mbtiles):
    """All or nothing: a NULL tile_data in the last bundle read fails the whole import."""
    cache, mbtiles = cache_and_mbtiles
    with sqlite3.connect(mbtiles) as db:
        db.execute("UPDATE tiles SET tile_data = NULL WHERE zoom_level = 5 AND rowid = "
                   "(SELECT MAX(rowid) FROM tiles WHERE zoom_level = 5)")
    before = content_digest(cache)
    run = _run(qgis_process, "importtiles", INPUT=cache, sourceItemId=mbtiles)
    assert run.returncode != 0
    lines = [line for line in run.stderr.splitlines() if "new.mbtiles" in line]
    assert lines and "tile_data is null" in lines[0] and "Traceback" not in run.stderr
    assert content_digest(cache) == before


# ---- QGIS layers ------------------------------------------------------------------------------

def _render(layer, extent, size):
    from qgis.core import QgsMapRendererSequentialJob, QgsMapSettings, QgsRectangle
    from qgis.PyQt.QtCore import QSize
    from qgis.PyQt.QtGui import QColor, QImage
    settings = QgsMapSettings()
    settings.setLayers([layer])
    settings.setDestinationCrs(layer.crs())
    settings.setOutputSize(QSize(size, size))
    settings.setExtent(QgsRectangle(*extent))
    settings.setBackgroundColor(QColor(0, 0, 0, 0))
    job = QgsMapRendererSequentialJob(settings)
    job.start()
    job.waitForFinished()
    image = job.renderedImage().convertToFormat(QImage.Format_RGBA8888)
    pointer = image.constBits()
    pointer.setsize(image.byteCount())
    return np.frombuffer(bytes(pointer), np.uint8).reshape(size, size, 4)


def _tile_pixels(data):
    bands = np.frombuffer(decoded(data, 4), np.uint8)
    side = int((bands.size // 4) ** 0.5)
    return bands.reshape(4, side, side).transpose(1, 2, 0)


def _layer(path, kind):
    from qgis.core import QgsRasterLayer
    if kind == "xyz":
        uri = f"type=xyz&url=file://{path}/{{z}}/{{x}}/{{y}}.png&zmin=0&zmax=5"
        return QgsRasterLayer(uri, "xyz", "wms")
    return QgsRasterLayer(str(path), path.name, "gdal")


@pytest.fixture(scope="module")
def rendered_sources(tmp_path_factory):
    work = tmp_path_factory.mktemp("layers")
    utm = write_package(work / "utm.tpk", utm_512(),
                        {key: addressed_png(key, 512) for key in UTM_KEYS})
    return {"usa": str(SAMPLE_USA), "v2": str(SAMPLE_V2), "utm": utm, "work": work}


@pytest.mark.parametrize("source, output, kind", [
    ("usa", "usa.mbtiles", "gdal"), ("usa", "usa.gpkg", "gdal"), ("usa", "usa", "xyz"),
    ("v2", "v2.mbtiles", "gdal"), ("utm", "utm.gpkg", "gdal")])
def test_qgis_shows_each_output_as_a_layer(qgis_app, rendered_sources, source, output, kind,
                                           monkeypatch):
    """A raster layer of the output, rendered over one tile at its resolution, shows that
    tile's pixels (where the tile is opaque): the map, in the right place."""
    work = rendered_sources["work"]
    # GDAL 3.6 writes the statistics of an MBTiles overview level to a PAM file named
    # " - zoom_level=N.aux.xml" in the working directory: keep it in the test's folder.
    monkeypatch.chdir(work)
    target = work / output
    if not target.exists():
        name = f"{output}/{{z}}/{{x}}/{{y}}.png" if kind == "xyz" else output
        export_tiles(rendered_sources[source], str(work / name), ExportOptions())
    layer = _layer(target, kind)
    assert layer.isValid(), layer.error().summary()
    with open_cache(rendered_sources[source]) as reader:
        scheme = reader.scheme
    tiles = read_tiles(rendered_sources[source])
    # The finest tile most of whose pixels are opaque (Usa's coast tiles are mostly clear).
    key = max((k for k in tiles if k.level >= 2),
              key=lambda k: (_tile_pixels(tiles[k])[..., 3] == 255).mean() > 0.9 and k.level)
    expected = _tile_pixels(tiles[key])
    got = _render(layer, scheme.tile_footprint(key), scheme.tile_width)
    opaque = expected[..., 3] == 255
    assert opaque.mean() > 0.5
    difference = np.abs(got[..., :3].astype(int) - expected[..., :3].astype(int))[opaque]
    assert difference.mean() < 3, (output, difference.mean())

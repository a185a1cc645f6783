"""exporttiles from an ArcGIS tiled service through qgis_process: the loopback
server (testkit/arcgis_server.py) on one side, QGIS's network stack on the other."""
import json
import os
import re
import shutil
import signal
import subprocess
import time

from pathlib import Path

import pytest

from tile_package_tools.testkit.arcgis_server import ArcGisServer, Faults, ServiceOptions
from tile_package_tools.testkit.caches import make_v2_cache, read_tiles
from tile_package_tools.testkit.samples import SAMPLE_V2, sample_exports
from tile_package_tools.testkit.schemes import WORLD_EXTENT
from tile_package_tools.testkit.tiles import marked_tile
from tile_package_tools.tilecache.pipeline.export import ExportOptions, export_tiles
from tile_package_tools.tilecache.model import Extent
from tile_package_tools.tilecache.scheme.spatial_reference import SpatialReference

# Slow: qgis_process against local ArcGIS test servers, with faults and kills; `make test-
# quick` leaves it out.
pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parent.parent
PART = "-5000000,9000000,-5000000,7000000 [EPSG:3857]"
PART_EXTENT = Extent(-5000000.0, -5000000.0, 9000000.0, 7000000.0)


def _export(qgis_process, url, output, *extra):
    return qgis_process("run", "tilepackage:exporttiles", "--", f"INPUT={url}", "levels=0-2",
                        f"OUTPUT={output}", *extra)


def test_package_and_extent_are_exact_under_ten_percent_faults(qgis_process, tmp_path):
    with ArcGisServer(SAMPLE_V2, Faults(error_rate=0.1, drop_rate=0.02)) as server:
        whole = _export(qgis_process, server.url, tmp_path / "whole.tpkx", "tilePackage=true",
                        "exportMethod=client")
        part = _export(qgis_process, server.url, tmp_path / "part", f"exportExtent={PART}")
        assert server.counts["fault"] > 0
    assert whole.returncode == 0, whole.stderr
    assert part.returncode == 0, part.stderr
    assert read_tiles(tmp_path / "whole.tpkx") == read_tiles(SAMPLE_V2)
    export_tiles(str(SAMPLE_V2), str(tmp_path / "local"),
                 ExportOptions(levels="0-2", extent=PART_EXTENT,
                               extent_sr=SpatialReference(3857)))
    assert read_tiles(tmp_path / "part") == read_tiles(tmp_path / "local")
    assert 0 < len(read_tiles(tmp_path / "part")) < 21


def test_both_ways_give_the_same_package_and_the_estimate_is_the_servers(qgis_process,
                                                                         tmp_path):
    with ArcGisServer(SAMPLE_V2, Faults(error_rate=0.1, drop_rate=0.1)) as server:
        job = _export(qgis_process, server.url, tmp_path / "job.tpk", "tilePackage=true",
                      "storageFormatType=esriMapCacheStorageModeCompact")
        fetched = _export(qgis_process, server.url, tmp_path / "fetched.tpk", "tilePackage=true",
                          "storageFormatType=esriMapCacheStorageModeCompact",
                          "exportMethod=client")
        estimate = qgis_process("--json", "run", "tilepackage:estimateexporttilessize", "--",
                                f"INPUT={server.url}", "levels=0-2")
        assert server.counts["exportTiles"] == 1 and server.counts["estimateExportTilesSize"] == 1
    assert job.returncode == 0, job.stderr
    assert "exportTiles job" in job.stdout
    assert fetched.returncode == 0, fetched.stderr
    assert read_tiles(tmp_path / "job.tpk") == read_tiles(tmp_path / "fetched.tpk") == \
        read_tiles(SAMPLE_V2)
    assert json.loads(estimate.stdout)["results"]["TILE_COUNT"] == 21


def test_a_secured_service_takes_a_token_and_says_499_without(qgis_process, tmp_path):
    with ArcGisServer(SAMPLE_V2, options=ServiceOptions(token="t0k3n")) as server:
        refused = _export(qgis_process, server.url, tmp_path / "no")
        given = _export(qgis_process, server.url, tmp_path / "yes", "token=t0k3n")
    assert refused.returncode != 0
    assert f"{server.url}: 499 Token Required" in refused.stderr + refused.stdout
    assert "Traceback" not in refused.stderr + refused.stdout
    assert not (tmp_path / "no").exists()
    assert given.returncode == 0, given.stderr
    assert read_tiles(tmp_path / "yes") == read_tiles(SAMPLE_V2)


def _four_bundles(folder):
    """Level 9, two rows across the world: 1024 tiles in four bundles of 256."""
    top = WORLD_EXTENT.ymax
    make_v2_cache(folder, {9: (0, 1, 0, 511)}, tile_bytes=marked_tile,
                  full_extent=WORLD_EXTENT._replace(ymin=top - 2 * WORLD_EXTENT.width / 512))


#: A finished bundle's index, as render/journal.py names it; temporary names differ.
FINISHED_INDEX = re.compile(r"R[0-9a-f]{4}C[0-9a-f]{4}\.npy")


def _journal_state(journal):
    """(finished bundles, tiles logged of unfinished ones), read from the files.

    A bundle is finished once its index is renamed in; its log may stay beside it
    for a moment (a kill between commit and cleanup) and is not counted, nor is a
    torn last record (partial-index records are 32 bytes).
    """
    level = journal / "L09"
    names = os.listdir(level) if level.is_dir() else []
    finished = {name[:-4] for name in names if FINISHED_INDEX.fullmatch(name)}
    logged = sum((level / name).stat().st_size // 32 for name in names
                 if name.endswith(".partial-index") and name.split(".")[0] not in finished)
    return len(finished), logged


@pytest.mark.parametrize("logged_at_kill", [128, 250], ids=["half-way", "near its end"])
def test_a_killed_fetch_resumes_without_fetching_again(qgis_process, tmp_path, logged_at_kill):
    """Killed once a bundle is finished and the next one half-way, or near its end:
    there the kill may land as its last tile is logged, during its commit or
    before its log is removed (the instants test_remote_resume.py takes one by one)."""
    cache, output = tmp_path / "four", tmp_path / "out"
    _four_bundles(cache)
    journal = tmp_path / "out.fetch-journal"
    args = ["run", "tilepackage:exporttiles", "--", "levels=9", "maxConcurrentRequests=2",
            f"OUTPUT={output}"]
    with ArcGisServer(cache, Faults(delay=0.01)) as server:
        env = {k: v for k, v in os.environ.items()
               if k not in ("QGIS_CUSTOM_CONFIG_PATH", "QGIS_OPTIONS_PATH")}
        child = subprocess.Popen([str(REPO / "scripts" / "qgis-process"), *args[:3],
                                  f"INPUT={server.url}", *args[3:]], cwd=str(REPO), env=env,
                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                 start_new_session=True)
        deadline = time.monotonic() + 240
        while child.poll() is None:
            done, logged = _journal_state(journal)
            if done >= 2 or (done == 1 and logged >= logged_at_kill):
                break
            assert time.monotonic() < deadline
            time.sleep(0.05)
        os.killpg(child.pid, signal.SIGKILL)
        child.wait()
        done, logged = _journal_state(journal)
        assert 1 <= done < 4 and not output.exists()
        url, port = server.url, server.port
    # The re-run talks to a new server at the same URL, so a request of the killed
    # run still on its way cannot be counted as one of the re-run's.
    with ArcGisServer(cache, port=port) as server:
        assert server.url == url
        again = qgis_process(*args[:3], f"INPUT={url}", *args[3:])
        asked = server.counts["tile"]
    assert again.returncode == 0, again.stderr
    print(f"killed with {done} bundles finished and {logged} tiles of another logged; "
          f"the re-run asked for {asked} tiles")
    # Neither a finished bundle nor a logged tile is asked for again, whatever the
    # instant of the kill.
    assert asked == 1024 - 256 * done - logged
    assert read_tiles(output) == read_tiles(cache)
    assert not journal.exists()


def test_importtiles_takes_a_package_url(qgis_process, tmp_path):
    cache = tmp_path / "cache"
    export_tiles(str(SAMPLE_V2), str(cache), ExportOptions(levels="0"))
    package = sample_exports(tmp_path / "packages", ["tpkx"])["tpkx"]
    with ArcGisServer(SAMPLE_V2, Faults(drop_rate=0.3)) as server:
        published = Path(server.jobs.folder) / "jpub"
        published.mkdir()
        shutil.copyfile(package, published / "sample.tpkx")
        url = f"{server.jobs.directory('jpub')}/sample.tpkx"
        done = qgis_process("run", "tilepackage:importtiles", "--", f"INPUT={cache}",
                            f"sourceItemId={url}")
        assert server.counts["download"] >= 1
    assert done.returncode == 0, done.stderr
    assert read_tiles(cache) == read_tiles(SAMPLE_V2)


@pytest.mark.parametrize("source, url", [
    ("crs='EPSG:3857' format='PNG32' layer='0' url='https://h/arcgis/rest/services/A/MapServer'",
     "https://h/arcgis/rest/services/A/MapServer"),
    ("type=xyz&url=https://h/arcgis/rest/services/B/MapServer/tile/%7Bz%7D/%7By%7D/%7Bx%7D"
     "&zmax=19", "https://h/arcgis/rest/services/B/MapServer"),
    ("contextualWMSLegend=0&crs=EPSG:3857&format=image/png&url=https://h/wms", None),
    ("/data/roads.gpkg|layername=roads", None),
])
def test_a_layer_showing_a_service_names_it(qgis_app, source, url):
    from tile_package_tools.processing_provider.service_input import layer_service
    assert layer_service(source) == url


@pytest.mark.parametrize("given", ["id", "name", "layer"])
def test_a_project_layer_of_a_service_is_taken_offline(run, tmp_path, given):
    """INPUT as a MapServer layer of the project (QGIS's ArcGIS MapServer provider):
    by its id, its name or the layer object, as Python and models pass it."""
    from qgis.core import QgsProject, QgsRasterLayer
    with ArcGisServer(SAMPLE_V2) as server:
        layer = QgsRasterLayer(f"crs='EPSG:3857' format='PNG32' layer='0' url='{server.url}'",
                               "Sample basemap", "arcgismapserver")
        assert layer.isValid()
        QgsProject.instance().addMapLayer(layer)
        try:
            value = {"id": layer.id(), "name": layer.name(), "layer": layer}[given]
            result = run("exporttiles", {"INPUT": value, "levels": "0-2", "exportMethod": "client",
                                         "OUTPUT": str(tmp_path / "out")})
        finally:
            QgsProject.instance().removeMapLayer(layer.id())
        assert server.counts["tile"] == 21
    assert result["OUTPUT"] == str(tmp_path / "out")
    assert read_tiles(tmp_path / "out") == read_tiles(SAMPLE_V2)


def test_qgis_process_takes_a_service_layer_of_the_project_it_opens(qgis_app, qgis_process,
                                                                   tmp_path):
    """--PROJECT_PATH and the layer's name, as a model run on a saved project does."""
    from qgis.core import QgsProject, QgsRasterLayer
    project_file, output = tmp_path / "crew.qgs", tmp_path / "out"
    with ArcGisServer(SAMPLE_V2) as server:
        project = QgsProject()
        layer = QgsRasterLayer(f"crs='EPSG:3857' format='PNG32' layer='0' url='{server.url}'",
                               "Sample basemap", "arcgismapserver")
        project.addMapLayer(layer)
        assert project.write(str(project_file))
        done = qgis_process("run", "tilepackage:exporttiles", f"--PROJECT_PATH={project_file}",
                            "--", "INPUT=Sample basemap", "levels=0-2", "exportMethod=client",
                            f"OUTPUT={output}")
        assert server.counts["tile"] == 21
    assert done.returncode == 0, done.stderr
    assert read_tiles(output) == read_tiles(SAMPLE_V2)

"""CLUSTER on tilepackage:exporttiles: qgis_process with local:2, the advanced
parameter, and the install message when Dask is missing."""
import json

import pytest

from tile_package_tools.testkit.arcgis_server import ArcGisServer
from tile_package_tools.testkit.caches import make_v2_cache, read_tiles
from tile_package_tools.testkit.imports import hide_packages
from tile_package_tools.testkit.samples import SAMPLE_V2
from tile_package_tools.testkit.zips import read_members
from tile_package_tools.tilecache.distributed.cluster import INSTALL_HINT
from tile_package_tools.tilecache.pipeline.export import ExportOptions, export_tiles

# Slow: Dask clusters started through qgis_process; `make test-quick` leaves it out.
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def source(tmp_path_factory):
    folder = tmp_path_factory.mktemp("algorithm") / "source"
    make_v2_cache(str(folder), {2: (0, 3, 0, 3), 6: (10, 40, 10, 40)})
    return folder


def bundles(package):
    return [(name, data) for name, data in read_members(package)
            if name.lower().endswith((".bundle", ".bundlx"))]


def test_qgis_process_on_a_local_cluster_of_two(qgis_process, source, tmp_path):
    # Compact V1 from Compact V2: every bundle is produced by a worker process.
    output = tmp_path / "out.tpk"
    done = qgis_process("--json", "run", "tilepackage:exporttiles", "--",
                        f"INPUT={source}", f"OUTPUT={output}", "tilePackage=true",
                        "storageFormatType=esriMapCacheStorageModeCompact", "CLUSTER=local:2")
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    assert json.loads(done.stdout)["results"]["TILE_COUNT"] == 977
    assert "Dask cluster local:2: 2 workers, 2 threads" in done.stdout + done.stderr
    reference = export_tiles(str(source), str(tmp_path / "ref.tpk"), ExportOptions(
        storage_format="esriMapCacheStorageModeCompact", tile_package=True))
    assert bundles(output) == bundles(reference.output)


def test_cluster_is_an_advanced_optional_parameter(tilepackage_provider):
    from qgis.core import QgsApplication, QgsProcessingParameterDefinition
    algorithm = QgsApplication.processingRegistry().algorithmById("tilepackage:exporttiles")
    parameter = algorithm.parameterDefinition("CLUSTER")
    assert parameter.flags() & QgsProcessingParameterDefinition.FlagAdvanced
    assert parameter.flags() & QgsProcessingParameterDefinition.FlagOptional


def test_without_dask_the_run_says_what_to_install(run, source, tmp_path, monkeypatch):
    from qgis.core import QgsProcessingException
    hide_packages(monkeypatch, "distributed", "dask")
    with pytest.raises(QgsProcessingException) as caught:
        run("exporttiles", {"INPUT": str(source), "OUTPUT": str(tmp_path / "never"),
                            "CLUSTER": "local:2"})
    assert str(caught.value) == ("CLUSTER needs Dask, which is not installed in QGIS' Python; "
                                 f"install it with: {INSTALL_HINT}")
    assert not (tmp_path / "never").exists()


def test_bad_cluster_value_is_one_line(run, source, tmp_path):
    from qgis.core import QgsProcessingException
    with pytest.raises(QgsProcessingException, match=r"^CLUSTER 'somewhere': give local:N"):
        run("exporttiles", {"INPUT": str(source), "OUTPUT": str(tmp_path / "never"),
                            "CLUSTER": "somewhere"})



def test_a_service_is_fetched_here_and_the_log_says_why(qgis_process, tmp_path):
    # CLUSTER with a service as INPUT: the run goes on without a cluster and warns.
    output = tmp_path / "fetched"
    with ArcGisServer(SAMPLE_V2) as server:
        done = qgis_process("run", "tilepackage:exporttiles", "--", f"INPUT={server.url}",
                            "levels=0-2", f"OUTPUT={output}", "CLUSTER=local:2")
    log = done.stdout + done.stderr
    assert done.returncode == 0, log[-2000:]
    assert ("CLUSTER local:2 is not used: the tiles of a service are downloaded on this "
            "machine, since the service and maxConcurrentRequests set the pace") in log
    assert "Dask cluster" not in log
    assert read_tiles(output) == read_tiles(SAMPLE_V2)

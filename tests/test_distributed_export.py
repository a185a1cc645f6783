"""exportTiles with bundles produced on a Dask cluster: the same bytes as one machine.

One LocalCluster of two worker processes serves the whole module (starting one
costs seconds); the runs reach it by its address, as a real cluster would be.
``local:N`` (a cluster started and stopped by the run) is exercised through
qgis_process in test_distributed_algorithm.py.
"""
import importlib
import os
import re
import signal
import subprocess
import sys
import zipfile

import distributed
import pytest

from tile_package_tools.testkit.caches import make_v2_cache
from tile_package_tools.testkit.imports import hide_packages
from tile_package_tools.testkit.pkgroot import PKGROOT
from tile_package_tools.testkit.tiles import noise_tile
from tile_package_tools.testkit.trees import tree_digest
from tile_package_tools.testkit.zips import read_members
from tile_package_tools.tilecache.distributed import CacheRecipe, ClusterSpec, export_on_cluster
from tile_package_tools.tilecache.distributed import cluster as cluster_mod
from tile_package_tools.tilecache.distributed.bundle_jobs import produce_bundle
from tile_package_tools.tilecache.distributed.ordered import OrderedWork
from tile_package_tools.tilecache.errors import CancelledError, ParameterError, TileCacheError
from tile_package_tools.tilecache.feedback import CallbackFeedback
from tile_package_tools.tilecache.pipeline.export import ExportOptions, export_tiles

# Slow: a Dask LocalCluster of two worker processes for the module, more started per test,
# a worker killed; `make test-quick` leaves it out.
pytestmark = pytest.mark.slow

#: Every 16th row and column of level 10's first 1024 x 1024 tiles: 64 bundles
#: of 64 tiles each, so the cluster has many jobs but re-encoding stays quick.
SPARSE = 16


def sparse_tile(level, row, col):
    if level == 10 and (row % SPARSE or col % SPARSE):
        return None
    return noise_tile(level, row, col)


@pytest.fixture(scope="module")
def source(tmp_path_factory):
    folder = tmp_path_factory.mktemp("cluster") / "source"
    make_v2_cache(str(folder), {2: (0, 3, 0, 3), 10: (0, 1023, 0, 1023)}, sparse_tile)
    return str(folder)


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None, silence_logs=40) as local:
        yield local


@pytest.fixture
def spec(cluster):
    return ClusterSpec.parse(cluster.scheduler_address)


def bundles_of(output):
    """{name: bytes} of every bundle file of a cache folder or package."""
    if os.path.isfile(output):
        return {name: data for name, data in read_members(output)
                if name.lower().endswith((".bundle", ".bundlx"))}
    return {name: digest for name, digest in tree_digest(output, folders=False).items()
            if name.lower().endswith((".bundle", ".bundlx"))}


def both_ways(source, tmp_path, options, spec, name, feedback=None):
    """The output of one machine and of the cluster; their ExportResults."""
    local = export_tiles(source, str(tmp_path / f"local-{name}"), options)
    clustered = export_on_cluster(CacheRecipe(source), str(tmp_path / f"cluster-{name}"),
                                  options, spec, feedback or CallbackFeedback())
    return local, clustered


def test_cache_folder_in_another_format_is_byte_identical(source, tmp_path, spec):
    # V2 into V1: no bundle can pass as a block, every one is a worker's job.
    options = ExportOptions(storage_format="esriMapCacheStorageModeCompact", max_tiles=0)
    local, clustered = both_ways(source, tmp_path, options, spec, "v1")
    assert clustered.blocks_copied == local.blocks_copied == 0
    assert len(bundles_of(local.output)) == 65 * 2
    assert tree_digest(clustered.output) == tree_digest(local.output)


def test_package_reencoded_in_part_is_byte_identical(source, tmp_path, spec):
    options = ExportOptions(tile_package=True, optimize_tiles_for_size=True,
                            compression_quality=40, max_tiles=0,
                            extent=(-20037508.34, -5000000.0, 5000000.0, 20037508.34))
    local, clustered = both_ways(source, tmp_path, options, spec, "p.tpkx")
    assert clustered.tile_count == local.tile_count > 1000
    assert clustered.tiles_reencoded_smaller == local.tiles_reencoded_smaller > 0
    assert bundles_of(clustered.output) == bundles_of(local.output)
    with zipfile.ZipFile(clustered.output) as out, zipfile.ZipFile(local.output) as ref:
        assert out.namelist() == ref.namelist()


def test_worker_killed_mid_run_changes_nothing(source, tmp_path, cluster, spec):
    with distributed.Client(cluster) as watcher:
        pids = watcher.run(os.getpid)
    victim = sorted(pids.values())[0]
    killed = []

    def progress(fraction, _message):
        if fraction > 0.3 and not killed:
            os.kill(victim, signal.SIGKILL)
            killed.append(fraction)

    options = ExportOptions(optimize_tiles_for_size=True, compression_quality=30, max_tiles=0)
    local, clustered = both_ways(source, tmp_path, options, spec, "killed",
                                 CallbackFeedback(progress=progress))
    assert killed and killed[0] < 0.9
    assert tree_digest(clustered.output) == tree_digest(local.output)


def test_cancel_leaves_nothing(source, tmp_path, spec):
    seen = []
    feedback = CallbackFeedback(progress=lambda fraction, _m: seen.append(fraction),
                                is_cancelled=lambda: any(f > 0.5 for f in seen))
    output = tmp_path / "cancelled"
    with pytest.raises(CancelledError):
        export_on_cluster(CacheRecipe(source), str(output),
                          ExportOptions(storage_format="esriMapCacheStorageModeCompact",
                                        max_tiles=0), spec, feedback)
    assert not output.exists() and os.listdir(tmp_path) == []


def test_dashboard_and_workers_are_logged(source, tmp_path, spec):
    lines = []
    export_on_cluster(CacheRecipe(source), str(tmp_path / "logged"),
                      ExportOptions(levels="2", max_tiles=0), spec, CallbackFeedback(log=lines.append))
    assert any(line.startswith(f"Dask cluster {spec.address}: 2 workers") for line in lines)
    # The fixture's scheduler serves no dashboard: the log says so rather than a dead link.
    assert ("Dask dashboard: not served by this scheduler (started with --no-dashboard, "
            "or without bokeh; pip install 'bokeh>=3.1' there)") in lines


#: A scheduler (with one worker thread) in a process of its own, so the test can kill it.
SCHEDULER = """
import sys, time
sys.path.insert(0, sys.argv[1])
import distributed
if __name__ == "__main__":
    cluster = distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=False,
                                       protocol="tcp", dashboard_address=None)
    print(cluster.scheduler_address, flush=True)
    time.sleep(120)
"""


def test_lost_scheduler_is_one_line_and_nothing_is_written(source, tmp_path):
    scheduler = subprocess.Popen([sys.executable, "-c", SCHEDULER, str(PKGROOT)],
                                 stdout=subprocess.PIPE, text=True)
    try:
        address = scheduler.stdout.readline().strip()

        def progress(fraction, _message):
            if fraction > 0.3 and scheduler.poll() is None:
                scheduler.kill()

        with pytest.raises(TileCacheError) as caught:
            export_on_cluster(CacheRecipe(source), str(tmp_path / "lost"),
                              ExportOptions(optimize_tiles_for_size=True, compression_quality=30,
                                            max_tiles=0),
                              ClusterSpec.parse(address), CallbackFeedback(progress=progress))
    finally:
        scheduler.kill()
        scheduler.wait()
    assert str(caught.value) == (f"lost the Dask scheduler at {address} (stopped, or the "
                                 "network went); nothing was written")
    assert os.listdir(tmp_path) == []


def test_a_scheduler_without_the_plugin_is_refused_before_any_job(source, tmp_path):
    """Dask's scheduler unpickles each job: without the plugin it would fail them all."""
    scheduler = subprocess.Popen([sys.executable, "-c", SCHEDULER, str(tmp_path)],
                                 stdout=subprocess.PIPE, text=True)
    try:
        address = scheduler.stdout.readline().strip()
        with pytest.raises(TileCacheError) as caught:
            export_on_cluster(CacheRecipe(source), str(tmp_path / "refused"),
                              ExportOptions(max_tiles=0), ClusterSpec.parse(address))
    finally:
        scheduler.kill()
        scheduler.wait()
    assert str(caught.value) == (f"the Dask scheduler at {address} cannot import "
                                 "tile_package_tools; it unpickles every job, so it needs "
                                 "this plugin too (docs/scale-out.md)")
    assert not (tmp_path / "refused").exists()


def test_unreachable_scheduler_is_one_line(source, tmp_path, monkeypatch):
    monkeypatch.setattr(cluster_mod, "CONNECT_TIMEOUT", 1)
    with pytest.raises(TileCacheError) as caught:
        export_on_cluster(CacheRecipe(source), str(tmp_path / "never"), ExportOptions(),
                          ClusterSpec.parse("tcp://127.0.0.1:9"))
    assert str(caught.value).startswith("tcp://127.0.0.1:9: cannot reach the Dask scheduler")
    assert "\n" not in str(caught.value) and not (tmp_path / "never").exists()


def test_without_dask_says_what_to_install(source, tmp_path, monkeypatch):
    hide_packages(monkeypatch, "distributed", "dask")
    with pytest.raises(ParameterError) as caught:
        export_on_cluster(CacheRecipe(source), str(tmp_path / "never"), ExportOptions(),
                          ClusterSpec.parse("local:2"))
    assert str(caught.value) == ("CLUSTER needs Dask, which is not installed in QGIS' Python; "
                                 f"install it with: {cluster_mod.INSTALL_HINT}")


@pytest.mark.parametrize("text, expected", [
    ("", None), ("  ", None),
    ("local:3", ClusterSpec(local_workers=3)),
    ("LOCAL:1", ClusterSpec(local_workers=1)),
    ("tcp://10.0.0.5:8786", ClusterSpec(address="tcp://10.0.0.5:8786")),
    ("scheduler.example:8786", ClusterSpec(address="tcp://scheduler.example:8786")),
])
def test_cluster_values(text, expected):
    assert ClusterSpec.parse(text) == expected


@pytest.mark.parametrize("text", ["local:0", "local:x", "cluster", "tcp://host"])
def test_bad_cluster_values_are_refused(text):
    with pytest.raises(ParameterError, match="CLUSTER"):
        ClusterSpec.parse(text)


def test_workers_without_the_plugin_are_refused_before_any_job(spec, tmp_path, monkeypatch):
    """The plugin missing on the workers, as on a cluster set up without it: a job
    pickled by reference to it would kill each worker it reaches, for ever."""
    (tmp_path / "only_on_the_client.py").write_text("VALUE = 1\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    with pytest.raises(TileCacheError) as caught, \
            cluster_mod.connected(spec, CallbackFeedback(), needs=("only_on_the_client",)):
        pass
    assert re.fullmatch(r"2 of 2 Dask workers cannot import only_on_the_client \(first: "
                        r"tcp://127\.0\.0\.1:\d+\); every worker needs QGIS, this plugin and "
                        r"its packages \(docs/scale-out\.md\)", str(caught.value))


def test_workers_with_the_plugin_pass_the_check(spec):
    with cluster_mod.connected(spec, CallbackFeedback(),
                               needs=(produce_bundle.__module__,)) as client:
        assert client.status == "running"


def test_a_job_failing_to_import_names_the_module(cluster):
    with distributed.Client(cluster) as client, pytest.raises(TileCacheError) as caught:
        work = OrderedWork(client, importlib.import_module, 2, CallbackFeedback())
        list(work.results([("a", "json"), ("b", "no_such_module_here")],
                          describe=lambda job: f"job {job}"))
    assert str(caught.value) == ("job no_such_module_here: a worker cannot import "
                                 "no_such_module_here; every worker needs QGIS, this plugin "
                                 "and its packages (docs/scale-out.md)")


def test_any_other_failure_of_a_job_is_one_line_naming_it(cluster):
    with distributed.Client(cluster) as client, pytest.raises(TileCacheError) as caught:
        work = OrderedWork(client, int, 2, CallbackFeedback())
        list(work.results([("a", "12"), ("b", "x")], describe=lambda job: f"job {job}"))
    assert str(caught.value) == ("job x failed on a worker: invalid literal for int() "
                                 "with base 10: 'x'")

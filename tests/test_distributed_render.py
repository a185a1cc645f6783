"""Rendering with CLUSTER: the world map drawn by Dask workers (QGIS started in each
through a WorkerPlugin, the project read by path) gives the bundles of a render
on one machine, byte for byte, also when a worker is killed mid-run."""
import os
import signal
import threading
import time

import distributed
import pytest

from tile_package_tools.testkit import world_map
from tile_package_tools.testkit.zips import read_members

pytestmark = pytest.mark.skipif(not world_map.available(), reason="no world_map.gpkg")
#: Four one-bundle levels: 85 tile slots, seconds to draw.
LEVELS = "0-3"


@pytest.fixture(scope="module")
def project(tmp_path_factory, qgis_app):
    return world_map.write_project(tmp_path_factory.mktemp("project") / "world.qgz")


@pytest.fixture(scope="module")
def one_machine(project, qgis_process, tmp_path_factory):
    output = tmp_path_factory.mktemp("one-machine") / "world.tpkx"
    render(qgis_process, project, output, "")
    return bundles(output)


def render(qgis_process, project, output, cluster):
    done = qgis_process("run", "tilepackage:exporttiles", f"--PROJECT_PATH={project}", "--",
                        f"levels={LEVELS}", "tilePackage=true", "tileFormat=PNG",
                        "maxExportTilesCount=0", f"OUTPUT={output}", f"CLUSTER={cluster}")
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    return done.stdout + done.stderr


def bundles(package):
    found = [(name, data) for name, data in read_members(package) if name.endswith(".bundle")]
    assert len(found) == 4
    return found


def test_local_cluster_of_two_renders_the_same_bundles(project, one_machine, qgis_process,
                                                       tmp_path):
    output = tmp_path / "world.tpkx"
    log = render(qgis_process, project, output, "local:2")
    assert "Dask cluster local:2: 2 workers" in log
    assert bundles(output) == one_machine


def test_a_worker_killed_while_drawing_changes_nothing(project, one_machine, qgis_process,
                                                      tmp_path):
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None, silence_logs=40) as cluster, \
            distributed.Client(cluster) as watcher:
        pids = watcher.run(os.getpid)
        killed = []
        stop = threading.Event()

        def kill_a_busy_worker():
            # A worker seen drawing a bundle for a while dies with its job.
            first_seen = None
            while not stop.is_set() and not killed:
                busy = [address for address, keys in watcher.processing().items()
                        if any(str(key).startswith("render_job") for key in keys)]
                first_seen = first_seen or (time.monotonic() if busy else None)
                if busy and time.monotonic() - first_seen > 0.5 and busy[0] in pids:
                    os.kill(pids[busy[0]], signal.SIGKILL)
                    killed.append(busy[0])
                time.sleep(0.05)

        killer = threading.Thread(target=kill_a_busy_worker, daemon=True)
        killer.start()
        output = tmp_path / "world.tpkx"
        try:
            render(qgis_process, project, output, cluster.scheduler_address)
        finally:
            stop.set()
            killer.join()
    assert killed, "no worker was seen drawing"
    assert bundles(output) == one_machine


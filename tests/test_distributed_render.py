"""Rendering with CLUSTER: the world map at levels 0-7 (21,845 tile slots, one bundle
a level) drawn by Dask workers (QGIS started in each through a WorkerPlugin, the
project read by path) into a .tpkx gives the bundles of a render on one machine,
byte for byte, also when a worker is killed while drawing a part of level 7.

The one-machine render is made once for the module (about a minute here)."""
import os
import signal
import threading
import time

import distributed
import pytest

from tile_package_tools.testkit import world_map
from tile_package_tools.testkit.zips import read_members

# Slow: world-map renders of levels 0-7 on a Dask LocalCluster, one with a worker
# killed; `make test-quick` leaves it out.
pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(not world_map.available(), reason="no world_map.gpkg")]
LEVELS = "0-7"
#: Jobs of levels 0-7 at 32 metatiles a job: one for each of levels 0-5 (1 to 16
#: metatiles), 2 for level 6 (64), 8 for level 7 (256).
JOBS = 16
LEVEL_7_FIRST_JOB = 9


@pytest.fixture(scope="module")
def project(tmp_path_factory, qgis_app):
    return world_map.write_project(tmp_path_factory.mktemp("project") / "world.qgz")


@pytest.fixture(scope="module")
def one_machine(project, qgis_process, tmp_path_factory):
    output = tmp_path_factory.mktemp("one-machine") / "world.tpkx"
    render(qgis_process, project, output, "")
    return bundles(output)


def render(qgis_process, project, output, cluster):
    started = time.monotonic()
    low, high = LEVELS.split("-")
    done = qgis_process("run", "tilepackage:createmaptilepackage", f"--PROJECT_PATH={project}",
                        "--", f"min_level_of_detail={low}", f"level_of_detail={high}",
                        "format_type=PNG", "max_tile_slots=0", f"output_file={output}",
                        f"CLUSTER={cluster}", timeout=900)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    print(f"render CLUSTER={cluster!r}: {time.monotonic() - started:.1f} s")
    return done.stdout + done.stderr


def bundles(package):
    found = [(name, data) for name, data in read_members(package) if name.endswith(".bundle")]
    assert len(found) == 8
    return found


def test_local_cluster_of_two_renders_the_same_bundles(project, one_machine, qgis_process,
                                                       tmp_path):
    output = tmp_path / "world.tpkx"
    log = render(qgis_process, project, output, "local:2")
    assert "Dask cluster local:2: 2 workers" in log
    assert f"Dask render: 21045 tile slots of levels {LEVELS}, at most 344 metatiles" in log
    assert f"Dask jobs: {JOBS} for 8 bundles drawn" in log
    assert bundles(output) == one_machine


def render_jobs_finished(dask_scheduler):
    """Run on the scheduler: render jobs that finished so far (ever, not only held)."""
    prefix = dask_scheduler.task_prefixes.get("render_job")
    return 0 if prefix is None else prefix.state_counts["memory"]


def render_jobs_lost(dask_scheduler):
    """Run on the scheduler: render jobs running on a worker when it died."""
    prefix = dask_scheduler.task_prefixes.get("render_job")
    return 0 if prefix is None else prefix.suspicious


def kill_a_worker_drawing_level_7(watcher, pids, stop, killed):
    """SIGKILL a worker busy with a render job once the level 7 jobs run."""
    while not stop.is_set() and not killed:
        busy = [address for address, keys in watcher.processing().items()
                if any(str(key).startswith("render_job") for key in keys)]
        if busy and busy[0] in pids and \
                watcher.run_on_scheduler(render_jobs_finished) >= LEVEL_7_FIRST_JOB:
            time.sleep(0.5)  # into the drawing, not its start
            os.kill(pids[busy[0]], signal.SIGKILL)
            killed.append(busy[0])
        time.sleep(0.05)


def test_a_worker_killed_while_drawing_changes_nothing(project, one_machine, qgis_process,
                                                      tmp_path):
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None, silence_logs=40) as cluster, \
            distributed.Client(cluster) as watcher:
        pids = watcher.run(os.getpid)
        killed, stop = [], threading.Event()
        killer = threading.Thread(target=kill_a_worker_drawing_level_7, daemon=True,
                                  args=(watcher, pids, stop, killed))
        killer.start()
        output = tmp_path / "world.tpkx"
        try:
            render(qgis_process, project, output, cluster.scheduler_address)
        finally:
            stop.set()
            killer.join()
        lost = watcher.run_on_scheduler(render_jobs_lost)
    assert killed, "no worker was seen drawing level 7"
    assert lost >= 1, "the worker died without a job in hand"
    assert bundles(output) == one_machine

"""A deep bundle rendered on a Dask cluster as several jobs of metatiles, spooled back
in the bundle's order: the same journal and output as one machine, and the
journal's resume rule when a run stops between two jobs of one bundle.

The fake map (testkit/fake_map.py) is drawn by the workers, without QGIS; one
LocalCluster of two worker processes serves the module.
"""
import math
import os

import distributed
import pytest

from tile_package_tools.testkit.fake_map import FakeMap, FakeMapRecipe
from tile_package_tools.testkit.zips import read_members
from tile_package_tools.tilecache import Extent
from tile_package_tools.tilecache.distributed.cluster_render import ClusterRender, bundle_parts
from tile_package_tools.tilecache.errors import CancelledError
from tile_package_tools.tilecache.feedback import CallbackFeedback
from tile_package_tools.tilecache.model import BundleKey
from tile_package_tools.tilecache.pipeline.export_plan import ExportOptions
from tile_package_tools.tilecache.render.export_render import export_rendered, rendered_source
from tile_package_tools.tilecache.render.journal import journal_path
from tile_package_tools.tilecache.render.renderer import FunctionRenderer
from tile_package_tools.tilecache.render.schemes import arcgis_online_scheme
from tile_package_tools.tilecache.render.source import RenderSettings

# Slow: render jobs split over a Dask LocalCluster; `make test-quick` leaves it out.
pytestmark = pytest.mark.slow

DATA = Extent(-1.4e7, -1.0e7, 1.4e7, 1.0e7)
#: Metatiles of 2 x 2 tiles: level 5's one bundle holds 96 inside DATA.
SETTINGS = RenderSettings(metatile=2, margin=8)
PER_JOB = 16


@pytest.fixture(scope="module")
def client():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None, silence_logs=40) as cluster, \
            distributed.Client(cluster) as connected:
        yield connected


def source_for(output):
    scheme = arcgis_online_scheme().with_changes(full_extent=DATA)
    return rendered_source(scheme, SETTINGS, FunctionRenderer(FakeMap().render), str(output))


def render(output, levels, render=None, feedback=None):
    return export_rendered(source_for(output), str(output),
                           ExportOptions(levels=levels, tile_package=True),
                           feedback or CallbackFeedback(), render)


def on_cluster(client):
    return ClusterRender(client, lambda source: FakeMapRecipe(), metatiles_per_job=PER_JOB)


def bundles(package):
    return [(name, data) for name, data in read_members(package) if name.endswith(".bundle")]


def test_groups_are_the_bundles_blocks_in_order():
    task = source_for("/nonexistent/out").task(BundleKey(5, 0, 0))
    parts = bundle_parts(BundleKey(5, 0, 0), task, PER_JOB)
    assert len(parts) == math.ceil(len(task.blocks) / PER_JOB) > 4
    assert tuple(block for _, blocks in parts for block in blocks) == task.blocks
    assert [part.index for part, _ in parts] == list(range(len(parts)))
    assert parts[-1][0].blocks_done == len(task.blocks)


def test_a_deep_bundle_in_several_jobs_is_byte_identical(client, tmp_path):
    one = render(tmp_path / "one.tpkx", "5")
    log = []
    cluster = render(tmp_path / "cluster.tpkx", "5", on_cluster(client),
                     CallbackFeedback(log=log.append))
    jobs = math.ceil(len(source_for(tmp_path / "x").task(BundleKey(5, 0, 0)).blocks) / PER_JOB)
    assert (f"Dask jobs: {jobs} for 1 bundles drawn (at most {PER_JOB} metatiles a job); "
            "0 bundles came from the journal of an earlier run") in log
    assert cluster.tile_count == one.tile_count > 0
    assert bundles(cluster.output) == bundles(one.output)


def test_a_run_stopped_between_two_jobs_of_a_bundle_resumes_it_whole(client, tmp_path):
    # Level 4 (24 metatiles, 2 jobs) is committed; level 5 is stopped after its
    # first job: the journal holds no part of it, and the rerun draws only it.
    output = tmp_path / "cluster.tpkx"
    stop = []

    def progress(_fraction, message):
        if message and "level 5" in message and "metatiles" in message:
            stop.append(message)

    with pytest.raises(CancelledError):
        render(output, "4-5", on_cluster(client), CallbackFeedback(progress, lambda: bool(stop)))
    journal = journal_path(str(output))
    assert sorted(os.listdir(os.path.join(journal, "L05"))) == ["R0000C0000.task"]
    assert os.path.exists(os.path.join(journal, "L04", "R0000C0000.npy"))
    log = []
    again = render(output, "4-5", on_cluster(client), CallbackFeedback(log=log.append))
    jobs = math.ceil(len(source_for(tmp_path / "x").task(BundleKey(5, 0, 0)).blocks) / PER_JOB)
    assert (f"Dask jobs: {jobs} for 1 bundles drawn (at most {PER_JOB} metatiles a job); "
            "1 bundles came from the journal of an earlier run") in log
    assert bundles(again.output) == bundles(render(tmp_path / "one.tpkx", "4-5").output)

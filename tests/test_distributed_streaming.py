"""A render on a Dask cluster streams its plan: BundleTasks are made as jobs are
submitted (OrderedWork bounds how many wait), never listed for the whole plan,
and a cancel says what the journal keeps for a resume, where, and how to discard
it, as a render on one machine does.

The fake map (testkit/fake_map.py) is drawn by a LocalCluster of threads in this
process: no QGIS, a second to start.
"""
import os

import distributed
import pytest

from tile_package_tools.testkit.fake_map import FakeMap, FakeMapRecipe
from tile_package_tools.tilecache import Extent
from tile_package_tools.tilecache.distributed.cluster_render import (IN_FLIGHT_PER_THREAD,
                                                                     ClusterRender)
from tile_package_tools.tilecache.errors import CancelledError
from tile_package_tools.tilecache.feedback import CallbackFeedback
from tile_package_tools.tilecache.pipeline.export_plan import ExportOptions
from tile_package_tools.tilecache.render.export_render import export_rendered, rendered_source
from tile_package_tools.tilecache.render.journal import journal_path
from tile_package_tools.tilecache.render.renderer import FunctionRenderer
from tile_package_tools.tilecache.render.schemes import arcgis_online_scheme
from tile_package_tools.tilecache.render.source import RenderSettings

#: A band one metre tall along the equator: one metatile row a bundle, so levels
#: 8-16 are about 700 bundles of one job each (64 metatiles of 2 x 2 tiles).
BAND = Extent(-1.4e7, 0.0, 1.4e7, 1.0)
SETTINGS = RenderSettings(metatile=2, margin=8)
PER_JOB = 64
THREADS = 2
IN_FLIGHT = IN_FLIGHT_PER_THREAD * THREADS
DRAWN_BEFORE_CANCEL = 3


@pytest.fixture(scope="module")
def client():
    with distributed.LocalCluster(n_workers=1, threads_per_worker=THREADS, processes=False,
                                  dashboard_address=None, silence_logs=40) as cluster, \
            distributed.Client(cluster) as connected:
        yield connected


def counted_tasks(source, bound):
    """``source.task`` counting its calls, failing past ``bound``: a plan listed ahead
    of its jobs fails at once instead of drawing up hundreds of tasks."""
    calls, task = [], source.task

    def counting(key, selection):
        calls.append(key)
        assert len(calls) <= bound, f"{len(calls)} BundleTasks made ahead of their jobs"
        return task(key, selection)
    source.task = counting
    return calls


def cancelled_render(client, output, bound=10 ** 9):
    """Levels 8-16 of the band rendered on ``client``, cancelled after a few bundles:
    (the CancelledError, the bundles whose tasks were made, the log)."""
    scheme = arcgis_online_scheme().with_changes(full_extent=BAND)
    source = rendered_source(scheme, SETTINGS, FunctionRenderer(FakeMap().render), str(output))
    options = ExportOptions(levels="8-16", tile_package=True, max_tiles=0)
    assert sum(1 for _ in source.plan(options).bundles) > 600
    calls = counted_tasks(source, bound)
    drawn, log = [], []

    def progress(_fraction, message):
        if message and message.endswith("(cluster)"):
            drawn.append(message)

    feedback = CallbackFeedback(progress, lambda: len(drawn) >= DRAWN_BEFORE_CANCEL,
                                log.append)
    render = ClusterRender(client, lambda _source: FakeMapRecipe(), metatiles_per_job=PER_JOB)
    with pytest.raises(CancelledError) as caught:
        export_rendered(source, str(output), options, feedback, render)
    return caught.value, calls, log


def test_a_cluster_render_makes_tasks_as_it_submits_jobs(client, tmp_path):
    # The jobs waiting (2 per thread in flight, as many without a job) and the
    # bundles drawn so far; the plan holds fifty times more.
    bound = 2 * IN_FLIGHT + DRAWN_BEFORE_CANCEL + 2
    _, calls, log = cancelled_render(client, tmp_path / "band.tpkx", bound)
    assert DRAWN_BEFORE_CANCEL <= len(calls) <= bound
    assert log[0].startswith("Dask render: ") and "levels 8-16" in log[0], log


def test_a_cancelled_cluster_render_says_what_it_kept_where(client, tmp_path):
    output = tmp_path / "band.tpkx"
    error, _, _ = cancelled_render(client, output)
    journal = journal_path(str(output))
    kept = sum(name.endswith(".npy") for _root, _dirs, names in os.walk(journal)
               for name in names)
    assert kept >= DRAWN_BEFORE_CANCEL
    assert str(error) == (
        f"Cancelled by the user; the output was not written. The {kept} bundles rendered so "
        f"far are kept in {journal}: the same command run again renders only the rest; "
        "delete that folder to discard them.")
    assert sorted(os.listdir(tmp_path)) == ["band.tpkx.render-journal"]

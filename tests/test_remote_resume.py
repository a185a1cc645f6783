"""A fetch from a service killed at every instant that matters, then resumed: the
resumed run asks for exactly the tiles the journal does not hold (finished bundles
and whole log records both count) and writes the same bytes as a run never killed.

Each kill is a forked child dying with os._exit at one instant chosen by fault
injection (no cleanup, no ``finally``, like SIGKILL; flushed writes are the
kernel's); the resume runs in this process and counts its own tile requests, so
no answer still travelling from the dead child can be miscounted. No timing.
"""
import os
import signal
import traceback

import pytest

from tile_package_tools.testkit.arcgis_server import ArcGisServer, ServiceOptions
from tile_package_tools.testkit.caches import make_v2_cache
from tile_package_tools.testkit.schemes import WORLD_EXTENT
from tile_package_tools.testkit.tiles import JPEG_MAGIC
from tile_package_tools.tilecache.model import BundleKey, Extent
from tile_package_tools.tilecache.pipeline.export import ExportOptions
from tile_package_tools.tilecache.remote import partial
from tile_package_tools.tilecache.remote.client import RetryPolicy
from tile_package_tools.tilecache.remote.export_service import (Connection, export_service,
                                                                open_service)
from tile_package_tools.tilecache.remote.http import urllib_fetch
from tile_package_tools.tilecache.remote.source import ServiceSource
from tile_package_tools.tilecache.render import journal as render_journal

# Slow: fetches killed at every instant and resumed; `make test-quick` leaves it out.
pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(not hasattr(os, "fork"), reason="needs os.fork")]

LEVEL = 9
#: Rows and columns 126..129 of level 9: four bundles of 2 x 2 tiles, fetched in
#: this order; the kills happen in the second, so one bundle is finished before
#: it and two are still to come.
FIRST = 126
BUNDLES = [BundleKey(LEVEL, 0, 0), BundleKey(LEVEL, 0, 128),
           BundleKey(LEVEL, 128, 0), BundleKey(LEVEL, 128, 128)]
TARGET = BUNDLES[1]
TILES_PER_BUNDLE = 4
KILLED = 77
CHILD_SECONDS = 120


def _tile_bytes(level, row, col):
    # Sizes differ from tile to tile, so a torn write is not a whole record by luck.
    # A JPEG signature first: exports pass image tiles only (pipeline/tile_check.py).
    return JPEG_MAGIC + f"{level}/{row}/{col}".encode() * (1 + (row + col) % 3)


#: A slot of the target bundle the service has no tile for.
HOLE = (FIRST, FIRST + 3)


def _with_hole(level, row, col):
    return None if (row, col) == HOLE else _tile_bytes(level, row, col)


def _serve(folder, tile_bytes, options=None):
    """The loopback server over a cache of the 4 x 4 tiles, the extent just theirs."""
    cache = folder / "cache"
    span = WORLD_EXTENT.width / 2 ** LEVEL
    inset = span / 100
    left, top = WORLD_EXTENT.xmin + FIRST * span, WORLD_EXTENT.ymax - FIRST * span
    make_v2_cache(cache, {LEVEL: (FIRST, FIRST + 3, FIRST, FIRST + 3)}, tile_bytes=tile_bytes,
                  full_extent=Extent(left + inset, top - 4 * span + inset,
                                     left + 4 * span - inset, top - inset))
    return ArcGisServer(cache, options=options)


@pytest.fixture(scope="module")
def service(tmp_path_factory):
    with _serve(tmp_path_factory.mktemp("service"), _tile_bytes) as server:
        yield server


@pytest.fixture(scope="module")
def service_with_hole(tmp_path_factory):
    """No tilemap: the hole is asked for, answered 404 and logged as missing."""
    with _serve(tmp_path_factory.mktemp("hole"), _with_hole,
                ServiceOptions(tilemap=False)) as server:
        yield server


class _Counting:
    """urllib_fetch, remembering the tiles asked for."""

    def __init__(self):
        self.tiles = []

    def __call__(self, request):
        if "/tile/" in request.url:
            self.tiles.append(tuple(int(part) for part in request.url.split("/")[-3:]))
        return urllib_fetch(request)


def _export(server, output, fetch=urllib_fetch):
    connection = Connection(fetch, concurrency=1, policy=RetryPolicy(sleep=lambda s: None))
    source = open_service(connection, server.url, str(output))
    export_service(source, str(output), ExportOptions(levels=str(LEVEL)))


def _die():
    os._exit(KILLED)


def _killed_run(server, output, install):
    """Run the export in a child that ``install`` arranges to die at one instant."""
    pid = os.fork()
    if pid == 0:  # the child never returns into pytest
        code = 1
        signal.alarm(CHILD_SECONDS)  # a child stuck anyhow ends, and the test fails
        try:
            install()
            _export(server, output)
            code = 0
        except BaseException:  # noqa: BLE001 - shown, then the child ends
            traceback.print_exc()
        finally:
            os._exit(code)
    _, status = os.waitpid(pid, 0)
    assert not os.WIFSIGNALED(status), f"the child died of signal {os.WTERMSIG(status)}"
    assert os.WEXITSTATUS(status) == KILLED, "the instant was never reached"


# -- The instants. Each installer patches the child only; it dies there. --------

class _DyingStream:
    """A log stream of the target bundle that dies on its ``call``-th write,
    having written ``keep`` of the bytes (0: none, 0.5: a torn write)."""

    def __init__(self, stream, call, keep):
        self.stream, self.call, self.keep = stream, call, keep

    def write(self, data):
        self.call -= 1
        if self.call == 0:
            self.stream.write(data[:int(len(data) * self.keep)])
            self.stream.flush()
            _die()
        return self.stream.write(data)

    def __getattr__(self, name):
        return getattr(self.stream, name)


def _in_log_write(stream_name, call, keep):
    """Die in the ``call``-th write of the target bundle's log tiles or index."""
    def install():
        opened = partial.PartialLog.__init__

        def init(self, folder, key, task):
            opened(self, folder, key, task)
            if key == TARGET:
                setattr(self, stream_name, _DyingStream(getattr(self, stream_name), call, keep))
        partial.PartialLog.__init__ = init
    return install


def _around(owner, name, before=False, when=lambda *args: True):
    """Die just before or just after ``owner.name`` when ``when(*args)``."""
    def install():
        original = getattr(owner, name)

        def wrapper(*args, **kwargs):
            hit = when(*args)
            if hit and before:
                _die()
            result = original(*args, **kwargs)
            if hit:
                _die()
            return result
        setattr(owner, name, wrapper)
    return install


def _target_path(suffix, present=False):
    """Whether a call names the target bundle's file ending ``suffix`` (and existing,
    when ``present``: the log's cleanup, not the clearing of a new log)."""
    stem = os.path.join(TARGET.level_folder, TARGET.file_stem)
    return lambda *args: any(str(arg).endswith(stem + suffix) and
                             (not present or os.path.exists(arg)) for arg in args)


def _target_spool(spool):
    return _target_path(".tiles")(spool.tiles_path)


def _target_key(_self, key, *rest):
    return key == TARGET


INSTANTS = {
    # Tiles of the bundle in flight: none logged, then one after another, each
    # write also cut half-way (torn bytes, torn record) and between the tile's
    # bytes and its record.
    **{f"before tile {n + 1}": (_in_log_write("_tiles", n + 1, 0), n)
       for n in range(TILES_PER_BUNDLE)},
    **{f"tile {n + 1} bytes torn": (_in_log_write("_tiles", n + 1, 0.5), n)
       for n in range(TILES_PER_BUNDLE)},
    **{f"tile {n + 1} bytes without record": (_in_log_write("_index", n + 1, 0), n)
       for n in range(TILES_PER_BUNDLE)},
    **{f"tile {n + 1} record torn": (_in_log_write("_index", n + 1, 0.5), n)
       for n in range(TILES_PER_BUNDLE)},
    # Every tile logged; then the commit, step by step, and the log's cleanup.
    "all logged, before commit": (_around(render_journal.SpoolWriter, "commit", before=True,
                                                          when=_target_spool),
                                  TILES_PER_BUNDLE),
    "tiles renamed in, index not": (_around(os, "replace", when=_target_path(".tiles")),
                                    TILES_PER_BUNDLE),
    "index written, not renamed in": (_around(os, "replace", before=True,
                                              when=_target_path(".npy")), TILES_PER_BUNDLE),
    "committed, log not removed": (_around(os, "replace", when=_target_path(".npy")),
                                   TILES_PER_BUNDLE),
    "log half removed": (_around(partial, "remove_path", when=_target_path(".partial-tiles", True)),
                         TILES_PER_BUNDLE),
    "bundle done, next not begun": (_around(ServiceSource, "fetch", when=_target_key),
                                    TILES_PER_BUNDLE),
}


def _file_bytes(folder):
    return {os.path.relpath(os.path.join(root, name), folder):
            open(os.path.join(root, name), "rb").read()
            for root, _dirs, names in os.walk(folder) for name in names}


def _never_killed(server, folder):
    """The tiles a run never killed asks for, in order, and the bytes it writes."""
    fetch = _Counting()
    _export(server, folder / "out", fetch)
    assert len(fetch.tiles) == 4 * TILES_PER_BUNDLE
    return fetch.tiles, _file_bytes(folder / "out")


def _check_resume(server, never_killed, folder, instant):
    install, reused = INSTANTS[instant]
    output = folder / "out"
    _killed_run(server, output, install)
    assert not output.exists()
    fetch = _Counting()
    _export(server, output, fetch)
    order, whole = never_killed
    # The first bundle was finished and the target's first ``reused`` slots logged.
    assert fetch.tiles == order[TILES_PER_BUNDLE + reused:]
    assert _file_bytes(output) == whole
    assert not (folder / "out.fetch-journal").exists()


@pytest.mark.parametrize("instant", list(INSTANTS))
def test_a_kill_at_any_instant_resumes_asking_only_for_what_is_missing(
        service, tmp_path_factory, tmp_path, instant):
    whole = _never_killed(service, tmp_path_factory.mktemp("whole"))
    _check_resume(service, whole, tmp_path, instant)


#: With the hole, tile bytes are written for three slots of four; the instants that
#: count records (and the commit's) still name the same moments.
RECORD_INSTANTS = [name for name in INSTANTS if "bytes torn" not in name and
                   not name.startswith("before tile")]


@pytest.mark.parametrize("instant", RECORD_INSTANTS)
def test_a_tile_the_service_did_not_have_is_not_asked_again_either(
        service_with_hole, tmp_path_factory, tmp_path, instant):
    whole = _never_killed(service_with_hole, tmp_path_factory.mktemp("whole"))
    assert (LEVEL, *HOLE) in whole[0][TILES_PER_BUNDLE:2 * TILES_PER_BUNDLE]
    _check_resume(service_with_hole, whole, tmp_path, instant)


@pytest.mark.parametrize("row, col", [(0, 0), (128, 128), (128, 0)],
                         ids=["outside the bundle", "next bundle", "named twice"])
def test_a_record_naming_a_slot_it_should_not_ends_the_log(tmp_path, row, col):
    """A record that follows the one before but names another bundle's slot or one
    already logged (a zero-filled tail after a power cut, a log written by another
    program) is not a tile of this bundle: the log ends before it."""
    key = BundleKey(LEVEL, 128, 0)
    log = partial.PartialLog(str(tmp_path), key, "task")
    log.add(128, 0, b"a")
    log.add(128, 1, b"bb")
    log.close()
    index = tmp_path / key.level_folder / (key.file_stem + ".partial-index")
    with open(index, "ab") as stream:
        stream.write(partial.RECORD.pack(row, col, 3, 0))
    again = partial.PartialLog(str(tmp_path), key, "task")
    again.close()
    assert again.arrived == [(128, 0, b"a"), (128, 1, b"bb")]
    assert index.stat().st_size == 2 * partial.RECORD.size

"""kill -9 at random instants of a real import; two imports into one cache at once.

A worker process (testkit/import_worker.py) runs the import and is SIGKILLed
after a random delay spread over a measured clean run. After every kill each
bundle must read back wholly old or wholly new, and running the same import
again must give exactly what a clean import gives, with no temporaries left.
"""
import os
import random
import shutil
import subprocess
import sys
import time
from collections import Counter

import pytest

from tile_package_tools.testkit.caches import read_tiles, write_cache, write_package
from tile_package_tools.testkit.schemes import V1, V2, web_mercator
from tile_package_tools.testkit.tiles import tiles_in
from tile_package_tools.testkit.trees import temporaries
from tile_package_tools.testkit.workers import IMPORT_WORKER
from tile_package_tools.tilecache.pipeline.importer import ImportOptions, import_tiles

# Slow: imports SIGKILLed at random moments in child processes; `make test-quick` leaves it
# out.
pytestmark = pytest.mark.slow

TILE_SIZE = 3000
#: Per storage: kills at random instants, and kills between two renames.
RANDOM_KILLS = 8
RENAME_KILLS = 8


def padded(tiles):
    # Realistic tile sizes make preparing and renaming take measurable time.
    return {key: data + bytes(TILE_SIZE - len(data)) for key, data in tiles.items()}


CACHE_TILES = padded({
    **tiles_in(7, range(0, 16), range(0, 16)),
    **tiles_in(8, range(120, 136), range(120, 136)),
    **tiles_in(9, range(250, 266), range(250, 266)),
})
PACKAGE_TILES = padded({
    **tiles_in(7, range(8, 24), range(0, 16), "pkg"),
    **tiles_in(8, range(124, 132), range(124, 132), "pkg"),
    **tiles_in(9, range(252, 262), range(252, 262), "pkg"),
    **tiles_in(9, range(0, 4), range(0, 4), "pkg"),
})
EXPECTED = {**CACHE_TILES, **PACKAGE_TILES}


class WarmWorkers:
    """Worker processes started ahead, so a trial never waits for Python to start."""

    def __init__(self):
        self._spare = []

    def _spawn(self):
        self._spare.append(subprocess.Popen(
            [sys.executable, str(IMPORT_WORKER)], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            stderr=subprocess.PIPE, text=True))

    #: Two warming up at a time keep both cores of a small CI machine busy.
    AHEAD = 2

    def take(self):
        while len(self._spare) < self.AHEAD:
            self._spawn()
        worker = self._spare.pop(0)
        assert worker.stdout.readline().strip() == "ready", worker.stderr.read()
        self._spawn()
        return worker

    def close(self):
        for worker in self._spare:
            worker.stdin.close()
            worker.wait(timeout=30)
            worker.stdout.close()
            worker.stderr.close()


@pytest.fixture
def workers():
    pool = WarmWorkers()
    yield pool
    pool.close()


def start(worker, cache, package, pause=False):
    worker.stdin.write(f"{cache}\t{package}\t{'pause' if pause else 'run'}\n")
    worker.stdin.flush()


def finish(worker):
    """(first bundle started, finished) times, and when the renames began."""
    out, err = worker.communicate(timeout=60)
    assert worker.returncode == 0, err
    lines = [line.split(" ", 1) for line in out.splitlines()]
    done = [rest.split() for word, rest in lines if word == "done"]
    assert done, out + err
    renaming = [float(rest) for word, rest in lines if word == "renaming"]
    return float(done[0][1]), float(done[0][2]), renaming


def by_bundle(tiles):
    grouped = {}
    for key, data in tiles.items():
        grouped.setdefault(key.bundle, {})[key] = data
    return grouped


def bundle_states(cache):
    """Per bundle the package touches: "old" or "new"; fails on anything torn."""
    got = by_bundle(read_tiles(cache))
    old, new = by_bundle(CACHE_TILES), by_bundle(EXPECTED)
    assert set(got) <= set(new)
    states = []
    for key in set(new) - (set(old) - set(by_bundle(PACKAGE_TILES))):
        now = got.get(key, {})
        if now == old.get(key, {}):
            states.append("old")
        else:
            assert now == new[key], f"bundle {key} is neither the old nor the new one"
            states.append("new")
    return states


@pytest.fixture
def scenario(tmp_path):
    def make(storage):
        pristine = write_cache(str(tmp_path / f"pristine-{storage.name}"),
                               web_mercator(storage, lod_count=12), CACHE_TILES)
        package = write_package(tmp_path / ("pkg.tpkx" if storage is V2 else "pkg.tpk"),
                                web_mercator(lod_count=12), PACKAGE_TILES)
        clean = str(tmp_path / f"clean-{storage.name}")
        shutil.copytree(pristine, clean)
        import_tiles(clean, package, ImportOptions())
        assert read_tiles(clean) == EXPECTED
        return pristine, package, clean
    return make


def conf_files(cache):
    out = {}
    for name in ("conf.xml", "conf.cdi"):
        with open(os.path.join(cache, name), "rb") as handle:
            out[name] = handle.read()
    return out


def kill_at_random_time(worker, delay):
    time.sleep(delay)
    worker.kill()


def kill_between_renames(worker, point):
    """Let ``point - 1`` renames go, then kill while the worker waits before the next."""
    for _ in range(point - 1):
        assert worker.stdout.readline().startswith("renaming")
        worker.stdin.write("\n")
        worker.stdin.flush()
    assert worker.stdout.readline().startswith("renaming")
    worker.kill()


@pytest.mark.parametrize("storage", [V2, V1], ids=lambda s: s.name)
def test_kill_at_any_instant_then_rerun(tmp_path, workers, scenario, storage):
    pristine, package, clean = scenario(storage)
    cache = str(tmp_path / "cache")
    runs = []
    for _run in range(3):
        shutil.rmtree(cache, ignore_errors=True)
        shutil.copytree(pristine, cache)
        worker = workers.take()
        began = time.time()
        start(worker, cache, package)
        # The worker's own times: process exit would add its teardown.
        _first, ended, renaming = finish(worker)
        runs.append((ended - began, len(renaming)))
    duration, points = sorted(runs)[1]
    rng = random.Random(20240611 + len(storage.name))
    # Random instants over the whole run, then gaps between two renames (the
    # instants a random timer almost never hits), each chosen at random.
    # The timer runs long: spare workers starting up slow a trial's import.
    plan = [("random", rng.uniform(0, 1.6) * duration) for _ in range(RANDOM_KILLS)]
    chosen = sorted(rng.sample(range(1, points + 1), min(points, RENAME_KILLS)))
    plan += [("rename", point) for point in chosen]
    outcomes = Counter()
    for how, when in plan:
        shutil.rmtree(cache)
        shutil.copytree(pristine, cache)
        worker = workers.take()
        start(worker, cache, package, pause=how == "rename")
        if how == "random":
            kill_at_random_time(worker, when)
        else:
            kill_between_renames(worker, when)
        out, _err = worker.communicate(timeout=30)
        states = set(bundle_states(cache))
        if "done" in out:
            outcomes["finished before the kill"] += 1
        else:
            outcomes[f"{how}: " + "+".join(sorted(states))] += 1
        import_tiles(cache, package, ImportOptions())
        assert read_tiles(cache) == EXPECTED
        assert conf_files(cache) == conf_files(clean)
        assert temporaries(cache) == []
    print(f"\n{storage.name}: clean import {duration * 1000:.0f} ms; {len(plan)} kills: "
          f"{dict(sorted(outcomes.items()))}")
    assert outcomes["rename: new+old"] >= len(chosen) - 3, outcomes


@pytest.mark.parametrize("storage", [V2, V1], ids=lambda s: s.name)
def test_two_imports_at_once_both_land_one_after_the_other(tmp_path, workers, storage):
    cache = write_cache(str(tmp_path / "cache"), web_mercator(storage, lod_count=12), CACHE_TILES)
    # The same bundles, different tiles: interleaved merges would lose one side.
    evens = padded({k: v for k, v in tiles_in(8, range(120, 136), range(120, 136), "a").items()
                    if k.col % 2 == 0})
    odds = padded({k: v for k, v in tiles_in(8, range(120, 136), range(120, 136), "b").items()
                   if k.col % 2 == 1})
    kind = "tpkx" if storage is V2 else "tpk"
    first = write_package(tmp_path / f"a.{kind}", web_mercator(lod_count=12), evens)
    second = write_package(tmp_path / f"b.{kind}", web_mercator(lod_count=12), odds)
    one, two = workers.take(), workers.take()
    start(one, cache, first)
    start(two, cache, second)
    spans = sorted([finish(one), finish(two)])
    assert spans[0][1] <= spans[1][0], f"the imports overlapped: {spans}"
    assert read_tiles(cache) == {**CACHE_TILES, **evens, **odds}
    assert temporaries(cache) == []

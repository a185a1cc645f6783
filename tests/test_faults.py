"""Faults: full disks, kill -9 and a concurrent import never cost anyone data.

Each run happens in a child process so the OS can refuse writes (RLIMIT_FSIZE
with SIGXFSZ ignored, so write() fails with EFBIG like on a full disk) or kill
it (SIGKILL) at moments chosen from its own progress reports.
"""
import json
import os
import random
import signal
import subprocess
import sys
import time
import pytest

from tile_package_tools.testkit.caches import read_tiles
from tile_package_tools.testkit.pkgroot import PKGROOT
from tile_package_tools.testkit.samples import SAMPLE_V2, copy_sample, sample_data_guard
from tile_package_tools.testkit.schemes import EXPLODED_TEXT, V1_TEXT
from tile_package_tools.testkit.trees import temporaries, tree_digest, without_lock
from tile_package_tools.testkit.workers import child_env
from tile_package_tools.tilecache.pipeline.export import ExportOptions, export_tiles

# Slow: SIGKILLs at random moments and writes under RLIMIT_FSIZE, each in a child process;
# `make test-quick` leaves it out.
pytestmark = pytest.mark.slow

KILL_TRIALS = 26
#: Small enough that every export and import here has to write more than this.
FILE_SIZE_LIMIT = 150_000

sample_data_untouched = pytest.fixture(scope="module", autouse=True)(sample_data_guard)

CHILD = r"""
import json, os, resource, signal, sys
sys.path.insert(0, {pkgroot!r})
from tile_package_tools.tilecache import TileCacheError
from tile_package_tools.tilecache.feedback import CallbackFeedback
from tile_package_tools.tilecache.pipeline.export import ExportOptions, export_tiles
from tile_package_tools.tilecache.pipeline.importer import ImportOptions, import_tiles
job = json.loads(sys.argv[1])
def progress(fraction, message):
    print("progress", fraction, message, flush=True)
if job.get("fsize"):
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (job["fsize"], job["fsize"]))
print("ready", flush=True)
try:
    if job["op"] == "export":
        export_tiles(job["input"], job["output"], ExportOptions(**job["options"]),
                     CallbackFeedback(progress))
    else:
        import_tiles(job["input"], job["package"], ImportOptions(**job["options"]),
                     CallbackFeedback(progress))
except TileCacheError as exc:
    print("error", exc, flush=True)
    sys.exit(3)
print("done", flush=True)
"""


def child(job, **popen):
    code = CHILD.format(pkgroot=str(PKGROOT))
    return subprocess.Popen([sys.executable, "-c", code, json.dumps(job)], env=child_env(),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **popen)


def finish(proc, timeout=60):
    out, err = proc.communicate(timeout=timeout)
    return proc.returncode, out, err


@pytest.fixture(scope="module")
def package(tmp_path_factory):
    """A .tpkx whose tiles all differ from the sample's (re-encoded at quality 10)."""
    folder = tmp_path_factory.mktemp("faults-package")
    proc = child({"op": "export", "input": str(SAMPLE_V2), "output": str(folder / "p.tpkx"),
                  "options": {"tile_package": True, "optimize_tiles_for_size": True,
                              "compression_quality": 10}})
    assert finish(proc)[0] == 0
    return folder / "p.tpkx"


# ---- writes the OS refuses part-way -------------------------------------------------

EXPORTS = {
    "tpkx": ("out.tpkx", {"tile_package": True}),
    "tpk": ("out.tpk", {"tile_package": True, "storage_format": V1_TEXT}),
    "v2-folder": ("out", {}),
    "exploded-folder": ("out", {"storage_format": EXPLODED_TEXT}),
}


@pytest.mark.parametrize("kind", sorted(EXPORTS))
def test_export_on_full_disk(tmp_path, kind):
    name, options = EXPORTS[kind]
    source = copy_sample(tmp_path / "cache")
    before = tree_digest(source)
    # Exploded tiles are single small files: only a tighter limit stops one.
    limit = 10_000 if kind == "exploded-folder" else FILE_SIZE_LIMIT
    code, out, err = finish(child({"op": "export", "input": str(source),
                                   "output": str(tmp_path / name), "options": options,
                                   "fsize": limit}))
    assert code == 3, f"exit {code}: {out}\n{err}"
    assert "Traceback" not in out + err
    message = [line for line in out.splitlines() if line.startswith("error ")][0]
    assert "cannot write" in message and name in message, message
    assert sorted(os.listdir(tmp_path)) == ["cache"], "output or temporaries left behind"
    assert tree_digest(source) == before


def test_import_on_full_disk(tmp_path, package):
    cache = copy_sample(tmp_path / "cache")
    before = tree_digest(cache)
    code, out, err = finish(child({"op": "import", "input": str(cache), "package": str(package),
                                   "options": {}, "fsize": 50_000}))
    assert code == 3, f"exit {code}: {out}\n{err}"
    assert "Traceback" not in out + err
    message = [line for line in out.splitlines() if line.startswith("error ")][0]
    assert "cannot write" in message, message
    assert without_lock(tree_digest(cache)) == before, "the cache changed"


# ---- kill -9 at random moments ------------------------------------------------------

#: An export of the sample reports progress 7 times, the 6th before its last
#: bundle and the 7th once it is complete; kills are drawn up to the 6th, so
#: they also land while it writes its metadata and renames.
EXPORT_PROGRESS_LINES = 7


def _kill_during(job, rng, at_output=False):
    """Start ``job``, SIGKILL it after a random number of progress lines plus jitter;
    ``at_output``: the instant its output appears under the final name, before it
    has cleaned up (where a torn rename would show)."""
    proc = child(job)
    assert proc.stdout.readline().strip() == "ready"
    last = EXPORT_PROGRESS_LINES - 1
    wanted = last if at_output else rng.randint(0, last)
    jitter = rng.uniform(0, 0.05)
    seen = 0
    while seen < wanted:
        line = proc.stdout.readline()
        if not line or not line.startswith("progress"):
            break
        seen += 1
    while at_output and proc.poll() is None and not os.path.exists(job["output"]):
        time.sleep(0.0005)
    time.sleep(0 if at_output else jitter)
    proc.send_signal(signal.SIGKILL)
    finish(proc)
    return proc.returncode


def test_export_killed_at_random_moments(tmp_path):
    rng = random.Random(20240611)
    source = copy_sample(tmp_path / "cache")
    expected = read_tiles(source)
    before = tree_digest(source)
    # What each export writes when nothing kills it, tile bytes included (JPEG
    # re-encoding changes them): a torn output under the final name differs.
    complete = {}
    for optimize in (False, True):
        name, options = EXPORTS["tpkx"]
        done = export_tiles(str(source), str(tmp_path / f"reference-{optimize}-{name}"),
                            ExportOptions(**options, optimize_tiles_for_size=optimize))
        complete[optimize] = read_tiles(done.output)
    assert complete[False] == expected != complete[True]
    outputs = tmp_path / "outputs"
    outputs.mkdir()
    killed = checked = 0
    for trial in range(KILL_TRIALS):
        name, options = EXPORTS[sorted(EXPORTS)[trial % len(EXPORTS)]]
        output = outputs / f"{trial % len(EXPORTS)}-{name}"
        options = dict(options, optimize_tiles_for_size=trial % 3 == 0)
        job = {"op": "export", "input": str(source), "output": str(output), "options": options}
        # The last trials, one per output kind, are killed as their output appears.
        at_output = trial >= KILL_TRIALS - len(EXPORTS)
        killed += _kill_during(job, rng, at_output) == -signal.SIGKILL
        if output.exists():
            # Whatever lies under the final name is a complete export (of this
            # trial's options, or of an earlier trial that finished).
            assert read_tiles(output) in (complete[False], complete[True]), output
            checked += 1
    assert killed >= KILL_TRIALS // 2, "most trials should die mid-run"
    assert checked >= len(EXPORTS), "some output kind was never checked"
    for index, (name, options) in enumerate(EXPORTS[k] for k in sorted(EXPORTS)):
        output = outputs / f"{index}-{name}"
        code, out, err = finish(child({"op": "export", "input": str(source),
                                       "output": str(output), "options": options}))
        assert code == 0, out + err
        assert read_tiles(output) == expected
    assert temporaries(outputs) == [], "the next run did not clean the dead runs' leftovers"
    assert tree_digest(source) == before


# ---- an export reading a cache while an import changes it ---------------------------

def test_export_during_import_loses_nothing(tmp_path, package):
    new = read_tiles(package)
    for round_number in range(4):
        folder = tmp_path / f"round{round_number}"
        cache = copy_sample(folder / "cache")
        old = read_tiles(cache)
        jobs = [child({"op": "import", "input": str(cache), "package": str(package),
                       "options": {}})]
        jobs += [child({"op": "export", "input": str(cache), "output": str(folder / f"{i}.tpkx"),
                        "options": {"tile_package": True}}) for i in range(2)]
        results = [finish(job) for job in jobs]
        assert all(code == 0 for code, _out, _err in results), results
        assert read_tiles(cache) == new, "the import lost or mixed tiles"
        for index in range(2):
            exported = read_tiles(folder / f"{index}.tpkx")
            assert set(exported) == set(old)
            # Each tile is wholly the old or wholly the new one, never torn.
            assert all(data in (old[key], new[key]) for key, data in exported.items())
        assert temporaries(cache / "_alllayers" / "L00") == []

"""Hostile cases through the real qgis_process, as a user would meet them.

A representative subset of the core campaign (cases marked ``cli``): the run
must fail with a non-zero exit, name the culprit, print no traceback, answer
in seconds, and leave the case folder exactly as it was (no output, no
temporaries, no changed input). Runs go four at a time to keep this quick.

"In seconds" is the child's own CPU time (user + system, from wait4), not the
wall clock: on the shared 2-core machine a qgis_process start (2-2.5 s of CPU)
took 33-43 s of wall time under a load of 15, whatever the input. A hostile
input that makes the plugin work (a bomb decoded, a loop) shows as CPU; one
that makes it wait is stopped by the timeout. Every case is built before the
first qgis_process starts, so the builds (exports, a PNG bomb) do not compete
with the runs being measured.
"""
import os
import subprocess
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from tile_package_tools.testkit.hostile.cases import bases
from tile_package_tools.testkit.hostile.catalog import all_cases
from tile_package_tools.testkit.samples import copy_sample, sample_data_guard
from tile_package_tools.testkit.trees import (LOCK_NAME, make_read_only, make_writable,
                                              tree_changes, tree_digest)

# Slow: every hostile case through its own qgis_process; `make test-quick` leaves it out.
pytestmark = pytest.mark.slow

CLI_CASES = sorted(name for name, case in all_cases().items() if case.cli)
#: qgis_process starts in 2-2.5 s of CPU; a hostile input must not add much to that.
CASE_CPU_SECONDS = 10
#: A run still going after this long is stopped and fails (waiting, not working).
CASE_TIMEOUT = 120
ALGORITHMS = {"open": "tilepackage:exporttiles", "export": "tilepackage:exporttiles",
              "estimate": "tilepackage:estimateexporttilessize",
              "import": "tilepackage:importtiles"}

REPO = Path(__file__).resolve().parents[1]
QGIS_PROCESS = REPO / "scripts" / "qgis-process"
sample_data_untouched = pytest.fixture(scope="module", autouse=True)(sample_data_guard)


def arguments(spec, folder):
    """qgis_process arguments for a case spec; "open" becomes a package export."""
    params = dict(spec.get("params", {}))
    values = {"INPUT": spec["input"]}
    if spec["op"] == "open":
        values.update(OUTPUT=str(folder / "out.tpkx"), tilePackage="true")
    elif spec["op"] != "import":
        values["OUTPUT"] = spec["output"]
    values.update(params)
    return ["run", ALGORITHMS[spec["op"]], "--"] + [f"{k}={v}" for k, v in values.items()]


def _timed_run(command, folder):
    """Run ``command``; (CompletedProcess, CPU seconds of the child and its children).

    Output goes to files (no pipe to drain) so the child can be reaped with
    os.wait4, which returns its own resource usage: the CPU time of this one run
    while three others run beside it."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("QGIS_CUSTOM_CONFIG_PATH", "QGIS_OPTIONS_PATH")}
    out_path, err_path = folder.parent / f"{folder.name}.out", folder.parent / f"{folder.name}.err"
    with open(out_path, "w") as out, open(err_path, "w") as err:
        child = subprocess.Popen(command, stdout=out, stderr=err, env=env, cwd=str(REPO))
    timer = threading.Timer(CASE_TIMEOUT, child.kill)
    timer.start()
    try:
        _pid, status, usage = os.wait4(child.pid, 0)
    finally:
        timer.cancel()
    child.returncode = "timeout" if os.WIFSIGNALED(status) and \
        os.WTERMSIG(status) == 9 else os.waitstatus_to_exitcode(status)
    proc = subprocess.CompletedProcess(command, child.returncode, out_path.read_text(),
                                       err_path.read_text())
    return proc, usage.ru_utime + usage.ru_stime


def _run_one(folder, spec):
    before = tree_digest(folder)
    started = time.monotonic()
    proc, cpu = _timed_run([str(QGIS_PROCESS), *arguments(spec, folder)], folder)
    elapsed = time.monotonic() - started
    changes = [c for c in tree_changes(before, tree_digest(folder))
               if not c.endswith(LOCK_NAME)]
    return {"proc": proc, "elapsed": elapsed, "cpu": cpu, "changes": changes}


@pytest.fixture(scope="module")
def cli_results(qgis_process, tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile-cli")
    base = bases(str(root))
    outside_before = tree_digest(root.parent)
    # The profile's one-time set-up (plugin enabling) is not any case's time.
    qgis_process("--version", timeout=CASE_TIMEOUT)
    specs = {}
    for name in CLI_CASES:
        (root / name).mkdir()
        specs[name] = all_cases()[name].build(root / name, base)
    with ThreadPoolExecutor(max_workers=4) as pool:
        futures = {name: pool.submit(_run_one, root / name, spec)
                   for name, spec in specs.items()}
        results = {name: future.result() for name, future in futures.items()}
    outside = [c for c in tree_changes(outside_before, tree_digest(root.parent))
               if not c.split(" ", 1)[1].startswith(root.name)]
    return results, outside


def test_enough_cli_cases():
    assert len(CLI_CASES) >= 15


def test_nothing_written_beside_the_cases(cli_results):
    _results, outside = cli_results
    assert not outside


@pytest.mark.parametrize("name", CLI_CASES)
def test_hostile_case_through_qgis_process(cli_results, name):
    result = cli_results[0][name]
    proc = result["proc"]
    output = f"{proc.stdout}\n{proc.stderr}"
    assert proc.returncode not in (0, "timeout"), f"exit {proc.returncode}:\n{output[-3000:]}"
    assert "Traceback" not in output, output[-3000:]
    assert all_cases()[name].needle in output, output[-3000:]
    assert not result["changes"], result["changes"]
    assert result["cpu"] < CASE_CPU_SECONDS, f"{result['cpu']:.1f} s of CPU " \
        f"({result['elapsed']:.1f} s wall)"


def test_sources_opened_read_only_still_export(qgis_process, tmp_path):
    """A read-only copy of the sample (files 0444, folders 0555) exports fine."""
    cache = copy_sample(tmp_path / "cache")
    make_read_only(cache)
    before = tree_digest(cache)
    try:
        proc = qgis_process("run", "tilepackage:exporttiles", "--", f"INPUT={cache}",
                            f"OUTPUT={tmp_path / 'ro.tpkx'}", "tilePackage=true")
        assert proc.returncode == 0, proc.stdout + proc.stderr
        assert (tmp_path / "ro.tpkx").is_file()
        assert tree_digest(cache) == before
    finally:
        make_writable(cache)

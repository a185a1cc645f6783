"""Hostile cases through the real qgis_process, as a user would meet them.

A representative subset of the core campaign (cases marked ``cli``): the run
must fail with a non-zero exit, name the culprit, print no traceback, answer
in seconds, and leave the case folder exactly as it was (no output, no
temporaries, no changed input). Runs go four at a time to keep this quick.
"""
import subprocess
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from tile_package_tools.testkit.hostile.cases import bases
from tile_package_tools.testkit.hostile.catalog import all_cases
from tile_package_tools.testkit.samples import copy_sample, sample_data_guard
from tile_package_tools.testkit.trees import (LOCK_NAME, make_read_only, make_writable,
                                              tree_changes, tree_digest)

# Slow: every hostile case through its own qgis_process; `make test-quick` leaves it out.
pytestmark = pytest.mark.slow

CLI_CASES = sorted(name for name, case in all_cases().items() if case.cli)
#: qgis_process starts in 1-2 s; a hostile input must not add much to that.
CASE_SECONDS = 30
ALGORITHMS = {"open": "tilepackage:exporttiles", "export": "tilepackage:exporttiles",
              "estimate": "tilepackage:estimateexporttilessize",
              "import": "tilepackage:importtiles"}

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


def _run_one(qgis_process, root, base, name):
    folder = root / name
    folder.mkdir()
    spec = all_cases()[name].build(folder, base)
    before = tree_digest(folder)
    started = time.monotonic()
    try:
        proc = qgis_process(*arguments(spec, folder), timeout=120)
    except subprocess.TimeoutExpired as exc:
        proc = subprocess.CompletedProcess(exc.cmd, "timeout", exc.stdout or "", exc.stderr or "")
    elapsed = time.monotonic() - started
    changes = [c for c in tree_changes(before, tree_digest(folder))
               if not c.endswith(LOCK_NAME)]
    return {"proc": proc, "elapsed": elapsed, "changes": changes}


@pytest.fixture(scope="module")
def cli_results(qgis_process, tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile-cli")
    base = bases(str(root))
    outside_before = tree_digest(root.parent)
    with ThreadPoolExecutor(max_workers=4) as pool:
        futures = {name: pool.submit(_run_one, qgis_process, root, base, name)
                   for name in CLI_CASES}
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
    assert result["elapsed"] < CASE_SECONDS


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

"""Hostile cases through the real qgis_process, as a user would meet them.

A representative subset of the core campaign (cases marked ``cli``): the run
must fail with a non-zero exit, name the culprit, print no traceback, answer
in seconds, and leave the case folder exactly as it was (no output, no
temporaries, no changed input). Runs go four at a time to keep this quick.
"""
import os
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

import hostile_inputs as hi  # noqa: E402
from hostile_cases import all_cases  # noqa: E402

CLI_CASES = sorted(name for name, case in all_cases().items() if case.cli)
#: qgis_process starts in 1-2 s; a hostile input must not add much to that.
CASE_SECONDS = 30
LOCK_NAME = ".tilepackagetools.lock"
ALGORITHMS = {"open": "tilepackage:exporttiles", "export": "tilepackage:exporttiles",
              "estimate": "tilepackage:estimateexporttilessize",
              "import": "tilepackage:importtiles"}

sample_data_untouched = pytest.fixture(scope="module", autouse=True)(hi.sample_data_guard)


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
    before = hi.tree_digest(folder)
    started = time.monotonic()
    try:
        proc = qgis_process(*arguments(spec, folder), timeout=120)
    except subprocess.TimeoutExpired as exc:
        proc = subprocess.CompletedProcess(exc.cmd, "timeout", exc.stdout or "", exc.stderr or "")
    elapsed = time.monotonic() - started
    changes = [c for c in hi.tree_changes(before, hi.tree_digest(folder))
               if not c.endswith(LOCK_NAME)]
    return {"proc": proc, "elapsed": elapsed, "changes": changes}


@pytest.fixture(scope="module")
def cli_results(qgis_process, tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile-cli")
    base = hi.bases(str(root))
    outside_before = hi.tree_digest(root.parent)
    with ThreadPoolExecutor(max_workers=4) as pool:
        futures = {name: pool.submit(_run_one, qgis_process, root, base, name)
                   for name in CLI_CASES}
        results = {name: future.result() for name, future in futures.items()}
    outside = [c for c in hi.tree_changes(outside_before, hi.tree_digest(root.parent))
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
    cache = hi.copy_sample_v2(tmp_path / "cache")
    for folder, _dirs, files in os.walk(cache, topdown=False):
        for name in files:
            os.chmod(os.path.join(folder, name), 0o444)
        os.chmod(folder, 0o555)
    before = hi.tree_digest(cache)
    try:
        proc = qgis_process("run", "tilepackage:exporttiles", "--", f"INPUT={cache}",
                            f"OUTPUT={tmp_path / 'ro.tpkx'}", "tilePackage=true")
        assert proc.returncode == 0, proc.stdout + proc.stderr
        assert (tmp_path / "ro.tpkx").is_file()
        assert hi.tree_digest(cache) == before
    finally:
        for folder, _dirs, _files in os.walk(cache):
            os.chmod(folder, 0o755)

"""Every hostile case, through the core, in a memory-capped child process.

One child runs all cases (see testkit/hostile/runner.py) so the suite stays fast; each
case is then judged as its own test: a TileCacheError with a one-line message
naming the culprit, nothing written or changed, an answer within seconds.
"""
import json
import os
import subprocess
import sys

import pytest

from tile_package_tools.testkit.hostile.catalog import all_cases
from tile_package_tools.testkit.samples import sample_data_guard
from tile_package_tools.testkit.trees import LOCK_NAME
from tile_package_tools.testkit.workers import HOSTILE_RUNNER, child_env

# Slow: over a hundred hostile files, each in a capped child process; `make test-quick` leaves
# it out.
pytestmark = pytest.mark.slow

#: Address space the child may add on top of its imports: a bomb cannot fit.
CHILD_MEMORY_MB = 768
#: Wall-clock budget for one hostile case.
CASE_SECONDS = 10
#: Peak resident memory the whole child may reach, in kB.
PEAK_RSS_KB = 600 * 1024

CASES = all_cases()

sample_data_untouched = pytest.fixture(scope="module", autouse=True)(sample_data_guard)


@pytest.fixture(scope="module")
def campaign(tmp_path_factory):
    work = tmp_path_factory.mktemp("hostile")
    env = child_env(PYTHONDONTWRITEBYTECODE="1")
    proc = subprocess.run([sys.executable, str(HOSTILE_RUNNER), str(work), "--mem-mb",
                           str(CHILD_MEMORY_MB)], capture_output=True, text=True,
                          timeout=600, env=env)
    results = {}
    for line in proc.stdout.splitlines():
        if line.startswith("{"):
            result = json.loads(line)
            results[result["name"]] = result
    return work, results, proc


def test_runner_finished(campaign):
    _work, results, proc = campaign
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert set(results) == set(CASES), set(CASES) ^ set(results)


def test_enough_cases():
    assert len(CASES) >= 40


@pytest.mark.parametrize("name", sorted(CASES))
def test_hostile_case(campaign, name):
    _work, results, proc = campaign
    if name not in results:
        pytest.fail(f"the runner died before {name}: {proc.stderr[-2000:]}")
    result = results[name]
    assert result["raised"] == "TileCacheError", \
        f"{result['raised']} {result.get('type')}: {result.get('message')}"
    message = result["message"]
    assert "\n" not in message and message.strip() == message
    assert "Traceback" not in message
    assert result["needle"] in message, f"{result['needle']!r} not named in: {message}"
    changes = [c for c in result["changes"] if not c.endswith(LOCK_NAME)]
    assert not changes, f"the run left or changed files: {changes}"
    assert result["elapsed"] < CASE_SECONDS


def test_nothing_written_outside_case_folders(campaign):
    work, results, _proc = campaign
    assert sorted(os.listdir(work)) == sorted(["bases", *results])
    escaped = [p for p in ("/tmp/evil.bundle", "/tmp/iteminfo.json", "/tmp/R0000C0000.bundle",
                           "/tmp/tile", work.parent / "evil.bundle",
                           work.parent / "iteminfo.json") if os.path.lexists(p)]
    assert not escaped


def test_memory_stayed_bounded(campaign):
    _work, results, _proc = campaign
    peak = max(r.get("maxrss_kb", 0) for r in results.values())
    assert peak < PEAK_RSS_KB, f"peak RSS {peak} kB"

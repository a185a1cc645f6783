"""Run every fuzz target for a while and report iterations and findings.

    .venv/bin/python fuzz/run_all.py          (make fuzz)
    FUZZ_SECONDS=60 FUZZ_TARGETS=bundle_v2,package .venv/bin/python fuzz/run_all.py

A finding is any exception other than a TileCacheError, a libFuzzer timeout,
or an out-of-memory that the saved input reproduces on its own; inputs are
saved under build/fuzz/<target>/. "restarts" counts resumptions after the
harness itself outgrew the RSS limit (see _reproduces). Exits non-zero when
anything was found.
"""
import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

os.environ.setdefault("PROJ_DATA", "/usr/share/proj")
HERE = Path(__file__).resolve().parent
REPO = HERE.parent
OUT = REPO / "build" / "fuzz"
sys.path.insert(0, str(HERE))

from targets import TARGETS, seeds  # noqa: E402 - makes the package importable

from tile_package_tools.testkit.workers import child_env  # noqa: E402

#: Inputs larger than the biggest seed are rarely useful; bundles need room.
MAX_LEN = {"bundle_v2": 200_000, "bundle_v1": 200_000, "package": 400_000}
DEFAULT_MAX_LEN = 20_000
#: Start these from full-size mutations of the seeds: a short prefix of a
#: bundle or zip only ever reaches the "truncated" check.
FULL_LENGTH = ("bundle_v2", "bundle_v1", "package")
#: Per-input limits: a parser that takes this long or this much is a finding.
INPUT_TIMEOUT_S = 10
RSS_LIMIT_MB = 2048
_DONE = re.compile(r"Done (\d+) runs in (\d+) second")
_STATS = re.compile(r"^#(\d+)\s", re.MULTILINE)
_ARTIFACT = ("crash-", "timeout-", "oom-", "leak-", "slow-unit-")


def _write_seeds(name, corpus):
    corpus.mkdir(parents=True, exist_ok=True)
    for number, data in enumerate(seeds(name, OUT / "seeds")):
        path = corpus / f"seed-{number}"
        if not path.exists():
            path.write_bytes(data)


def _artifacts(folder):
    return {p.name for p in folder.iterdir() if p.name.startswith(_ARTIFACT)} \
        if folder.is_dir() else set()


def _libfuzzer(name, seconds, corpus, artifacts):
    command = [sys.executable, str(HERE / "fuzz_target.py"), name,
               f"-max_total_time={seconds}", f"-artifact_prefix={artifacts}/",
               f"-max_len={MAX_LEN.get(name, DEFAULT_MAX_LEN)}",
               f"-timeout={INPUT_TIMEOUT_S}", f"-rss_limit_mb={RSS_LIMIT_MB}",
               "-print_final_stats=1"]
    if name in FULL_LENGTH:
        command.append("-len_control=0")
    command.append(str(corpus))
    proc = subprocess.run(command, capture_output=True, text=True, env=child_env(),
                          timeout=seconds + 120)
    return proc.returncode, proc.stderr + proc.stdout


def _reproduces(name, artifact):
    """Run one saved input in a fresh process: does it fail there too?

    Atheris' instrumentation grows the fuzzing process by tens of kB per
    execution, whatever the target, so a long run ends in libFuzzer's RSS
    limit. Only an input that also exhausts memory (or raises) on its own
    is a finding.
    """
    command = [sys.executable, str(HERE / "fuzz_target.py"), name,
               f"-rss_limit_mb={RSS_LIMIT_MB}", f"-timeout={INPUT_TIMEOUT_S}", str(artifact)]
    proc = subprocess.run(command, capture_output=True, text=True,
                          env=child_env(), timeout=300)
    return proc.returncode != 0


def run_target(name, seconds):
    """Fuzz ``name`` for ``seconds``, resuming after out-of-memory exits that do not reproduce."""
    corpus = OUT / "corpus" / name
    artifacts = OUT / name
    artifacts.mkdir(parents=True, exist_ok=True)
    (OUT / "seeds").mkdir(parents=True, exist_ok=True)
    _write_seeds(name, corpus)
    started = time.monotonic()
    iterations, restarts, found, excerpt, logs = 0, 0, [], "", []
    while True:
        remaining = int(seconds - (time.monotonic() - started))
        if remaining < 1:
            break
        before = _artifacts(artifacts)
        code, log = _libfuzzer(name, remaining, corpus, artifacts)
        logs.append(log)
        done = _DONE.search(log)
        stats = _STATS.findall(log)
        iterations += int(done.group(1)) if done else (int(stats[-1]) if stats else 0)
        new = sorted(_artifacts(artifacts) - before)
        if code == 0:
            break
        harmless = [a for a in new if a.startswith("oom-")
                    and not _reproduces(name, artifacts / a)]
        for artifact in harmless:
            (artifacts / artifact).rename(artifacts / f"harness-{artifact}")
        if new and len(harmless) == len(new):
            restarts += 1
            continue
        found = [a for a in new if a not in harmless] or ["(exit %d)" % code]
        excerpt = _excerpt(log)
        break
    (artifacts / "last-run.log").write_text("\n".join(logs))
    return {"target": name, "iterations": iterations,
            "seconds": round(time.monotonic() - started, 1), "findings": len(found),
            "artifacts": found, "harness_restarts": restarts, "excerpt": excerpt}


def _excerpt(log):
    """The exception part of a crash log, for the summary."""
    lines = log.splitlines()
    for index, line in enumerate(lines):
        if "Uncaught Python exception" in line or "ERROR: libFuzzer" in line:
            return "\n".join(lines[index:index + 25])
    return "\n".join(lines[-25:])


def main():
    seconds = int(os.environ.get("FUZZ_SECONDS", "20"))
    wanted = [n for n in os.environ.get("FUZZ_TARGETS", "").split(",") if n] or list(TARGETS)
    OUT.mkdir(parents=True, exist_ok=True)
    results = []
    print(f"{'target':18} {'iterations':>11} {'seconds':>8} {'findings':>9} {'restarts':>9}")
    for name in wanted:
        result = run_target(name, seconds)
        results.append(result)
        print(f"{name:18} {result['iterations']:>11} {result['seconds']:>8} "
              f"{result['findings']:>9} {result['harness_restarts']:>9}", flush=True)
        if result["findings"]:
            print(f"  saved: {', '.join(result['artifacts']) or '(see last-run.log)'}")
            print("  " + result["excerpt"].replace("\n", "\n  "))
    total = sum(r["iterations"] for r in results)
    findings = sum(r["findings"] for r in results)
    print(f"{'total':18} {total:>11} {'':>8} {findings:>9}")
    (OUT / "summary.json").write_text(json.dumps(results, indent=2))
    return 1 if findings else 0


if __name__ == "__main__":
    sys.exit(main())

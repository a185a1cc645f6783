"""Run hostile cases through the core and print one JSON result per line.

    .venv/bin/python testkit/hostile/runner.py WORKDIR [--mem-mb N] [CASE ...]

Meant to be a child process: it caps its own address space (RLIMIT_AS) so a
bomb that tried to land in memory fails here instead of taking the machine
down, and arms SIGALRM per case so a hang becomes a result, not a stuck suite.
"""
import argparse
import json
import resource
import runpy
import signal
import time
import traceback
from pathlib import Path

if __name__ == "__main__":  # run as a file: reach the package through build/pkgroot
    runpy.run_path(str(Path(__file__).resolve().parents[1] / "pkgroot.py"))["ensure"](__file__)

from tile_package_tools.testkit.caches import read_everything  # noqa: E402
from tile_package_tools.testkit.hostile.cases import bases  # noqa: E402
from tile_package_tools.testkit.hostile.catalog import all_cases  # noqa: E402
from tile_package_tools.testkit.memory import address_space_kib, peak_kib, reset_peak  # noqa: E402
from tile_package_tools.testkit.trees import tree_changes, tree_digest  # noqa: E402
from tile_package_tools.tilecache import TileCacheError  # noqa: E402
from tile_package_tools.tilecache.params import geometry_input  # noqa: E402
from tile_package_tools.tilecache.pipeline.export import (  # noqa: E402
    ExportOptions, estimate_export, export_tiles)
from tile_package_tools.tilecache.pipeline.importer import (  # noqa: E402
    ImportOptions, import_tiles)

#: Seconds one case may take before it counts as a hang.
CASE_TIMEOUT = 20


class Hang(BaseException):
    """Raised by SIGALRM; a BaseException so no `except Exception` in the core eats it."""


def _flag(params, key):
    return str(params.get(key, "false")).strip().lower() == "true"


def export_options(params):
    """ExportOptions from REST-style text parameters, as the algorithm reads them."""
    kw = dict(tile_package=_flag(params, "tilePackage"),
              optimize_tiles_for_size=_flag(params, "optimizeTilesForSize"),
              levels=params.get("levels"), export_by=params.get("exportBy", "LevelID"))
    if "storageFormatType" in params:
        kw["storage_format"] = params["storageFormatType"]
    if "compressionQuality" in params:
        kw["compression_quality"] = int(params["compressionQuality"])
    extent = geometry_input.parse_extent(params.get("exportExtent"))
    if extent is not None:
        kw["extent"], kw["extent_sr"] = extent
    area = geometry_input.parse_area_of_interest(params.get("areaOfInterest"))
    if area is not None:
        kw["area_of_interest"], kw["area_sr"] = area
    return ExportOptions(**kw)


def import_options(params):
    kw = dict(levels=params.get("levels"),
              merge_bundle=str(params.get("mergeBundle", "true")).lower() == "true")
    extent = geometry_input.parse_extent(params.get("extent"), "extent")
    if extent is not None:
        kw["extent"], kw["extent_sr"] = extent
    return ImportOptions(**kw)


def run_spec(spec):
    params = spec.get("params", {})
    op = spec["op"]
    if op == "open":
        return read_everything(spec["input"])
    if op == "export":
        return export_tiles(spec["input"], spec["output"], export_options(params))
    if op == "estimate":
        return estimate_export(spec["input"], export_options(params))
    if op == "import":
        return import_tiles(spec["input"], params["sourceItemId"], import_options(params))
    raise ValueError(f"unknown op {op}")


def _alarm(signum, frame):
    raise Hang()


def run_case(case, workdir, base):
    folder = Path(workdir) / case.name
    folder.mkdir(parents=True)
    spec = case.build(folder, base)
    before = tree_digest(folder)
    outcome = {"raised": None}
    started = time.monotonic()
    signal.signal(signal.SIGALRM, _alarm)
    signal.alarm(CASE_TIMEOUT)
    try:
        run_spec(spec)
    except TileCacheError as exc:
        outcome = {"raised": "TileCacheError", "type": type(exc).__name__, "message": str(exc)}
    except Hang:
        outcome = {"raised": "hang", "type": "Hang", "message": traceback.format_exc()}
    except BaseException as exc:  # noqa: BLE001 - any other escape is the finding
        outcome = {"raised": "other", "type": type(exc).__name__,
                   "message": traceback.format_exc()}
    finally:
        signal.alarm(0)
    elapsed = time.monotonic() - started
    return dict(outcome, name=case.name, needle=case.needle, elapsed=elapsed,
                maxrss_kb=peak_kib(),
                changes=tree_changes(before, tree_digest(folder)), spec=spec)


def main(argv=None):
    parser = argparse.ArgumentParser()
    parser.add_argument("workdir")
    parser.add_argument("cases", nargs="*")
    parser.add_argument("--mem-mb", type=int, default=1024,
                        help="address space allowed on top of what the imports mapped")
    args = parser.parse_args(argv)
    # Measure this child's own memory, not the pytest process it was forked from.
    reset_peak()
    cases = all_cases()
    names = args.cases or sorted(cases)
    base = bases(str(args.workdir))
    if args.mem_mb:
        limit = address_space_kib() * 1024 + args.mem_mb * (1 << 20)
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    for name in names:
        try:
            result = run_case(cases[name], args.workdir, base)
        except BaseException as exc:  # noqa: BLE001 - a broken builder is a test bug
            result = {"name": name, "raised": "builder", "type": type(exc).__name__,
                      "message": traceback.format_exc()}
        print(json.dumps(result), flush=True)


if __name__ == "__main__":
    main()

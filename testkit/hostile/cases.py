"""The hostile-input campaign: one case per way a file or parameter can be bad.

A case builds its input inside a fresh folder and answers a spec: which
operation to run (open and read every tile, export, estimate, import), the
REST-style parameters, and a needle the one-line error must contain (the
file or parameter at fault). Specs are plain data so the same case runs
through the core (tests/test_hostile_core.py, in a memory-limited child) and
through qgis_process (tests/test_hostile_cli.py). The catalogs
(catalog_*.py) register the cases; runner.py executes them.
"""
import functools
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from .. import zips
from ..samples import copy_sample, sample_exports

BUNDLE0 = "tile/L00/R0000C0000.bundle"


@dataclass
class Case:
    name: str
    build: Callable
    needle: str
    cli: bool = False


CASES = {}


def case(needle, cli=False):
    def register(fn):
        CASES[fn.__name__] = Case(fn.__name__, fn, needle, cli)
        return fn
    return register


@functools.lru_cache(maxsize=None)
def bases(root):
    """Valid .tpkx, .tpk and V1 folder exported once into ``root``/bases: {kind: Path}."""
    return sample_exports(Path(root) / "bases", ("tpkx", "tpk", "v1"))


def export(path, out, **params):
    return {"op": "export", "input": str(path), "output": str(out), "params": params}


def opened(path):
    return {"op": "open", "input": str(path)}


def _tpkx(d, base, name="x.tpkx", **changes):
    return zips.rezip(base["tpkx"], d / name, **changes)


def _tpk(d, base, name="x.tpk", **changes):
    return zips.rezip(base["tpk"], d / name, **changes)


def _root(base):
    return dict(zips.read_members(base["tpkx"]))["root.json"]


def _conf(d, data, name="conf.xml"):
    cache = copy_sample(d / "cache")
    (cache / name).write_bytes(data(cache / name) if callable(data) else data)
    return cache


def _bundle(d, level="L00", name="R0000C0000.bundle", data=None, rename=None):
    cache = copy_sample(d / "cache")
    path = cache / "_alllayers" / level / name
    if data is not None:
        path.write_bytes(data(path.read_bytes()))
    if rename:
        path.rename(path.with_name(rename))
    return cache


def _v1(d, base, change):
    cache = Path(shutil.copytree(base["v1"], d / "v1cache"))
    change(cache / "_alllayers" / "L00")
    return cache


def _pkg_export(path, d):
    return export(path, d / "out.tpkx", tilePackage="true")

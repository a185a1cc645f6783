"""The code keeps the shape the architecture promises (docs/architecture.md).

These scans fail when the code drifts: a storage-format branch outside the
format registry, a reader probed with getattr/hasattr, a core function with
more than five parameters, dead code, or the core importing qgis.
"""
import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORE = ROOT / "tilecache"


def core_modules():
    return sorted(CORE.rglob("*.py"))


def parsed(path):
    return ast.parse(path.read_text(encoding="utf-8"), str(path))


def places(paths, matches):
    """``path:line`` of every AST node in ``paths`` for which ``matches(node)`` is true."""
    return [f"{path.relative_to(ROOT)}:{node.lineno}"
            for path in paths for node in ast.walk(parsed(path)) if matches(node)]


def _compares_storage_format(node):
    # Defaults name a member; a comparison with one is a branch.
    return isinstance(node, ast.Compare) and any(
        isinstance(side, ast.Attribute) and isinstance(side.value, ast.Name)
        and side.value.id == "StorageFormat" for side in [node.left] + node.comparators)


def _probes_a_reader(node):
    return isinstance(node, ast.Call) and isinstance(node.func, ast.Name) \
        and node.func.id in ("getattr", "hasattr") and bool(node.args) \
        and any(word in ast.unparse(node.args[0]).lower()
                for word in ("reader", "bundle", "store", "sink", "cache"))


def test_no_storage_format_branch_outside_the_formats_package():
    paths = [path for path in core_modules() + sorted((ROOT / "processing_provider").glob("*.py"))
             if (CORE / "formats") not in path.parents]
    assert places(paths, _compares_storage_format) == []


def test_no_probing_of_readers_with_getattr_or_hasattr():
    assert places(core_modules(), _probes_a_reader) == []


def test_no_core_function_takes_more_than_five_parameters():
    offenders = []
    for path in core_modules():
        for node in ast.walk(parsed(path)):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                args = node.args
                names = [a.arg for a in args.posonlyargs + args.args + args.kwonlyargs]
                names = [n for n in names if n not in ("self", "cls")]
                if len(names) > 5:
                    offenders.append(f"{path.relative_to(ROOT)}:{node.lineno} {node.name}")
    assert offenders == []


def test_core_never_imports_qgis():
    for path in core_modules():
        for node in ast.walk(parsed(path)):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            else:
                continue
            assert not any(name.split(".")[0] in ("qgis", "PyQt5") for name in names), path


def test_vulture_finds_no_dead_code():
    pytest.importorskip("vulture")
    run = subprocess.run([sys.executable, "-m", "vulture", "--min-confidence", "80",
                          "tilecache", "processing_provider", "plugin",
                          "scripts/vulture_whitelist.py"],
                         cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert run.stdout == "" and run.returncode == 0, run.stdout + run.stderr

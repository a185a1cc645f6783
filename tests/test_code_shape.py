"""The code keeps the shape the architecture promises (docs/architecture.md).

These scans fail when the code drifts: a storage-format branch outside the
format registry, a reader probed with getattr/hasattr, a core function with
more than five parameters, dead code, the core importing qgis, an import
cycle (imports inside functions count), or a layer importing one above it.
"""
import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORE = ROOT / "tilecache"
PACKAGE = "tile_package_tools"
#: The plugin's code, by layer: each may import only the layers after it.
LAYERS = ("plugin", "processing_provider", "qgis_support", "tilecache")


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
                          "tilecache", "qgis_support", "processing_provider", "plugin",
                          "scripts/vulture_whitelist.py"],
                         cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert run.stdout == "" and run.returncode == 0, run.stdout + run.stderr


# ---- the import graph --------------------------------------------------------

def module_name(path):
    """``processing_provider.values`` for processing_provider/values.py (a package: its folder)."""
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported_names(path, name):
    """Every module or name ``path`` imports from the package, at any depth of the
    code (function bodies included), relative imports resolved, as ``layer.module...``."""
    package = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
    for node in ast.walk(parsed(path)):
        if isinstance(node, ast.Import):
            yield from (alias.name[len(PACKAGE) + 1:] for alias in node.names
                        if alias.name.startswith(PACKAGE + "."))
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[:len(package) - node.level + 1] + \
                    ([node.module] if node.module else [])
            elif (node.module or "").startswith(PACKAGE + "."):
                base = node.module.split(".")[1:]
            else:
                continue
            yield from (".".join(base + [alias.name]) for alias in node.names)


def import_graph():
    """``{module: {modules it imports}}`` over the plugin's layers (test kit included)."""
    paths = {module_name(path): path for layer in LAYERS + ("testkit",)
             for path in (ROOT / layer).rglob("*.py")}
    graph = {}
    for name, path in paths.items():
        targets = set()
        for target in imported_names(path, name):
            while target and target not in paths:  # a name imported from a module
                target = target.rpartition(".")[0]
            if target and target != name:
                targets.add(target)
        graph[name] = targets
    return graph


def cycles(graph):
    """The strongly connected components of more than one module (Tarjan, iterative)."""
    index, low, stack, on_stack, found = {}, {}, [], set(), []
    for root in graph:
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def test_the_cycle_finder_finds_a_cycle_through_a_function_level_import():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": set()}) == []


def test_import_graph_sees_function_level_and_relative_imports():
    graph = import_graph()
    # plugin/main.py imports the provider inside initProcessing only.
    assert "processing_provider.provider" in graph["plugin.main"]
    assert "tilecache.formats.storage_format" in graph["tilecache.formats"]


def test_no_import_cycle_anywhere():
    assert cycles(import_graph()) == []


def test_layers_import_downward_only():
    """plugin -> processing_provider -> qgis_support -> tilecache, never back up."""
    rank = {layer: number for number, layer in enumerate(LAYERS)}
    upward = [f"{name} -> {target}" for name, targets in sorted(import_graph().items())
              for target in sorted(targets)
              if name.split(".")[0] in rank and target.split(".")[0] in rank
              and rank[target.split(".")[0]] < rank[name.split(".")[0]]]
    assert upward == []



# ---- errors ------------------------------------------------------------------

QGIS_LAYERS = ("plugin", "processing_provider", "qgis_support")


def _names_processing_exception(node):
    return isinstance(node, (ast.Name, ast.Attribute)) and \
        (getattr(node, "id", None) or getattr(node, "attr", None)) == "QgsProcessingException"


def test_one_place_turns_errors_into_processing_exceptions():
    """processing_provider/algorithm.py (the base algorithm) alone: readers and modes raise
    core errors, the base shows each as one line."""
    paths = [path for layer in QGIS_LAYERS for path in sorted((ROOT / layer).rglob("*.py"))
             if path != ROOT / "processing_provider" / "algorithm.py"]
    assert places(paths, _names_processing_exception) == []


# ---- package kinds -------------------------------------------------------------

PACKAGE_KIND_SPELLINGS = {".tpkx", ".tpk", "tpkx", "tpk",
                          # the open kinds' extensions (tilecache/packages/mbtiles.py, ...)
                          ".mbtiles", ".gpkg"}


def _spells_a_package_kind(node):
    return isinstance(node, ast.Constant) and isinstance(node.value, str) and \
        node.value.strip().lower() in PACKAGE_KIND_SPELLINGS


def test_package_kinds_are_spelled_only_in_their_registry():
    """A package or open kind's name or extension as a value: only in tilecache/packages/, so
    a new kind is a new module there, not a branch elsewhere."""
    paths = [path for path in core_modules() + [
        path for layer in QGIS_LAYERS for path in sorted((ROOT / layer).rglob("*.py"))]
        if (CORE / "packages") not in path.parents]
    assert places(paths, _spells_a_package_kind) == []


def _sets_a_selection(node):
    return isinstance(node, (ast.Assign, ast.AugAssign, ast.AnnAssign)) and any(
        isinstance(target, ast.Attribute) and target.attr == "selection"
        for target in (node.targets if isinstance(node, ast.Assign) else [node.target]))


def test_no_selection_is_set_on_a_source():
    """The selection travels in the plan (pipeline/protocols.py TileProducer): nothing
    produces tiles from a selection set on it from outside."""
    assert places(core_modules(), _sets_a_selection) == []


def test_the_guard_sees_a_spelled_kind():
    assert _spells_a_package_kind(ast.parse('path.endswith(".MBTiles")').body[0].value.args[0])
    assert not _spells_a_package_kind(ast.parse('"MBTiles or GeoPackage"').body[0].value)


def test_open_kinds_are_reached_only_through_the_registry():
    """tilecache/open_formats (the open kinds' code) is imported by tilecache/packages alone,
    so no module picks an open kind's sink or reader by itself, next to the registry."""
    outside = [f"{name} -> {target}" for name, targets in sorted(import_graph().items())
               for target in sorted(targets)
               if target.startswith("tilecache.open_formats")
               and not name.startswith(("tilecache.open_formats", "tilecache.packages"))]
    assert outside == []

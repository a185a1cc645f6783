"""Check the Python packages the core needs before any algorithm loads.

QGIS installs differ: Debian's QGIS ships shapely 1.8 and no defusedxml,
OSGeo4W ships shapely 2.  Failing with a clear install hint beats a
traceback in the Python log the first time a user opens the toolbox.
"""
import importlib

#: (module, minimum major version or None, pip requirement)
REQUIREMENTS = (
    ("shapely", 2, "shapely>=2.0,<2.2"),
    ("defusedxml", None, "defusedxml>=0.7"),
    ("pyproj", None, "pyproj>=3.4"),
    ("PIL", None, "pillow>=9.4"),
)


def missing_dependencies():
    """The pip requirements that are not importable in this Python."""
    missing = []
    for module, major, requirement in REQUIREMENTS:
        try:
            loaded = importlib.import_module(module)
        except ImportError:
            missing.append(requirement)
            continue
        version = getattr(loaded, "__version__", "0")
        if major is not None and int(version.split(".")[0]) < major:
            missing.append(requirement)
    return missing


def install_hint(missing):
    quoted = " ".join(f"'{requirement}'" for requirement in missing)
    return (f"Tile Package Tools needs these Python packages: {', '.join(missing)}. "
            f"Install them into the Python QGIS uses, e.g. python3 -m pip install --user {quoted}")

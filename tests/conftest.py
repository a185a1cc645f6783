"""Shared test setup.

The package must be importable before anything imports `tile_package_tools`:
the checkout folder can have any name, so the package is reached through a
symlink build/pkgroot/tile_package_tools -> <repo root>, which
testkit/pkgroot.py makes (run by path: it belongs to the package it sets up).
Test helpers are in testkit/, imported as `tile_package_tools.testkit.<module>`.
"""
import os
import runpy
import subprocess
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
runpy.run_path(str(REPO / "testkit" / "pkgroot.py"))["ensure"]()
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402

from tile_package_tools.testkit import hypothesis_profiles  # noqa: E402

# Before the test modules are imported: they read their example counts from it.
hypothesis_profiles.load()
# Under pytest-xdist every worker gets its own throw-away qgis_process profile:
# two qgis_process starting at once must not both enable the plugin in, and
# write, one QGIS3.ini (scripts/qgis-process reads TPT_QGIS_PROFILE_ROOT).
if os.environ.get("PYTEST_XDIST_WORKER"):
    os.environ.setdefault("TPT_QGIS_PROFILE_ROOT",
                          str(REPO / "build" / f"qgis-profile-{os.environ['PYTEST_XDIST_WORKER']}"))

QGIS_PROCESS = REPO / "scripts" / "qgis-process"
_LIVE_PROVIDERS = []


@pytest.fixture(scope="session")
def repo_root():
    return REPO


@pytest.fixture
def tilepackage_provider(qgis_app, qgis_processing):
    """The TilePackageProvider registered in the pytest-qgis QgsApplication.

    Processing is initialised first (qgis_processing, session-wide); the
    provider is registered once and then reused. Function-scoped on purpose:
    the registry owns and deletes providers, so a test that unloads the
    plugin must not leave later tests holding a dead provider object.
    """
    from qgis.core import QgsApplication

    from tile_package_tools.processing_provider.provider import TilePackageProvider

    registry = QgsApplication.processingRegistry()
    provider = registry.providerById("tilepackage")
    if provider is None:
        provider = TilePackageProvider()
        assert registry.addProvider(provider), "could not register TilePackageProvider"
        provider = registry.providerById("tilepackage")
    # The registry owns the C++ object, but the Python subclass (and with it
    # loadAlgorithms & co.) dies with the last Python reference: keep one.
    if provider not in _LIVE_PROVIDERS:
        _LIVE_PROVIDERS.append(provider)
    return provider


@pytest.fixture
def run(tilepackage_provider):
    """``run("exporttiles", {...}, feedback=None)``: processing.run on our provider."""
    import processing

    def run_algorithm(name, parameters, feedback=None):
        return processing.run(f"tilepackage:{name}", parameters, feedback=feedback)
    return run_algorithm


@pytest.fixture(scope="session")
def qgis_process():
    """Run scripts/qgis-process (this checkout as plugin, isolated profile).

    Usage: ``qgis_process("--json", "list").stdout``; extra keyword arguments
    go to subprocess.run (e.g. ``check=True``, ``timeout=``).
    """

    def run(*args, **kwargs):
        kwargs.setdefault("capture_output", True)
        kwargs.setdefault("text", True)
        kwargs.setdefault("timeout", 300)
        kwargs.setdefault("cwd", str(REPO))
        env = dict(os.environ)
        # pytest-qgis points QGIS at its own settings dir; do not leak that
        # (or the test's sys.path) into the child QGIS.
        env.pop("QGIS_CUSTOM_CONFIG_PATH", None)
        env.pop("QGIS_OPTIONS_PATH", None)
        env.update(kwargs.pop("env", {}) or {})
        return subprocess.run([str(QGIS_PROCESS), *map(str, args)], env=env, **kwargs)

    return run


def _untracked_files():
    """Files in the checkout git does not know and does not ignore (None: no git)."""
    try:
        listed = subprocess.run(["git", "ls-files", "--others", "--exclude-standard", "-z"],
                                cwd=REPO, capture_output=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return None
    return set(listed.decode("utf-8", "replace").split("\0")) - {""}


def pytest_sessionstart(session):
    # Tests write only inside their own temporary folders: remember what the
    # checkout held, so a file a test leaves in it (a GDAL .aux.xml did) fails the run.
    session.config._untracked_before = _untracked_files()


def pytest_sessionfinish(session, exitstatus):
    before = getattr(session.config, "_untracked_before", None)
    if before is None or hasattr(session.config, "workerinput"):
        return  # no git, or an xdist worker (the controller checks once)
    left = sorted((_untracked_files() or set()) - before)
    if left:
        writer = session.config.get_terminal_writer()
        writer.line()
        writer.line(
            "FAILED: tests left files in the checkout: " + ", ".join(left), red=True)
        session.exitstatus = pytest.ExitCode.TESTS_FAILED

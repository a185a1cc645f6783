"""The plugin zip in a fresh QGIS profile, and `make test` leaving the user's
QGIS profile alone."""
import os
import subprocess
import zipfile

import pytest

from tile_package_tools.testkit.pkgroot import REPO

# Slow: the zip installed into a fresh profile and started; `make test-quick` leaves it out.
pytestmark = pytest.mark.slow


def test_make_test_never_links_into_the_user_profile(tmp_path):
    # `make -n` prints what would run; HOME points at an empty folder so a
    # link into "the user's profile" would name it.
    env = dict(os.environ, HOME=str(tmp_path), CI="")
    dry = subprocess.run(["make", "-n", "test"], cwd=REPO, env=env, capture_output=True,
                         text=True, check=True).stdout
    assert str(tmp_path) not in dry and "plugins enable" not in dry
    assert "pytest" in dry
    assert not any(tmp_path.iterdir())


def test_zip_installs_into_a_fresh_profile(tmp_path):
    dist = tmp_path / "dist.zip"
    subprocess.run(["/usr/bin/python3", "scripts/make_zip.py", str(dist)], cwd=REPO, check=True,
                   capture_output=True)
    profile = tmp_path / "profiles" / "default"
    plugins = profile / "python" / "plugins"
    plugins.mkdir(parents=True)
    with zipfile.ZipFile(dist) as archive:
        archive.extractall(plugins)
        names = archive.namelist()
    assert "tile_package_tools/i18n/tile_package_tools_fr.qm" in names
    assert "tile_package_tools/icons/exporttiles.svg" in names
    env = dict(os.environ, QGIS_CUSTOM_CONFIG_PATH=str(tmp_path), QT_QPA_PLATFORM="offscreen",
               XDG_RUNTIME_DIR=str(tmp_path), PROJ_DATA="/usr/share/proj")
    for name in ("QGIS_PLUGINPATH", "QGIS_OPTIONS_PATH"):
        env.pop(name, None)
    site = next((REPO / ".venv" / "lib").glob("python3*/site-packages"))
    env["PYTHONPATH"] = str(site)  # shapely 2 / defusedxml, as README's install notes say
    qgis_process = ["/usr/bin/qgis_process.bin"]
    enabled = subprocess.run(qgis_process + ["plugins", "enable", "tile_package_tools"],
                             env=env, capture_output=True, text=True, timeout=120)
    assert enabled.returncode == 0, enabled.stderr
    listed = subprocess.run(qgis_process + ["list"], env=env, capture_output=True, text=True,
                            timeout=120)
    assert listed.returncode == 0, listed.stderr
    for name in ("exporttiles", "estimateexporttilessize", "importtiles"):
        assert f"tilepackage:{name}" in listed.stdout

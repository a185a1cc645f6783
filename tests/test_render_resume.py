"""A render resumes in a new process: what it was drawing is recognised there.

The journal beside the output is kept when a run stops; a new run keeps it only
when the drawing fingerprint (layers, their styles, dpi, ...) is the same. Qt
writes XML attributes in an order that follows a per-process hash seed, so a
fingerprint of the style's XML text changed with every process.
"""
import os
import re
import signal
import subprocess
import sys
import time
import zipfile

import pytest

from tile_package_tools.testkit import world_map
from tile_package_tools.testkit.pkgroot import PKGROOT, REPO
from tile_package_tools.testkit.workers import child_env

QGIS_PROCESS = REPO / "scripts" / "qgis-process"

pytestmark = pytest.mark.skipif(not world_map.available(), reason="no QGIS world map")

FINGERPRINT = r"""
import sys
sys.path.insert(0, sys.argv[1])
from qgis.core import QgsApplication, QgsProject
app = QgsApplication([], False)
app.initQgis()
from tile_package_tools.processing_provider.rendering import drawing_fingerprint
project = QgsProject.instance()
assert project.read(sys.argv[2]), sys.argv[2]
layers = project.layerTreeRoot().layerOrder()
assert len(layers) == 3, layers
print(drawing_fingerprint(layers, 96.0, True))
"""


def test_the_drawing_fingerprint_is_the_same_in_three_processes(qgis_app, tmp_path):
    project = world_map.write_project(tmp_path / "world.qgz")
    prints = set()
    for seed in ("1", "2", "3"):
        done = subprocess.run([sys.executable, "-c", FINGERPRINT, str(PKGROOT), str(project)],
                              capture_output=True, text=True, timeout=120,
                              env=child_env(QT_QPA_PLATFORM="offscreen", QT_HASH_SEED=seed))
        assert done.returncode == 0, done.stderr[-2000:]
        prints.add(done.stdout.strip().splitlines()[-1])
    assert len(prints) == 1, prints


COUNTRIES = f"{world_map.WORLD_MAP}|layername=countries"
ALGORITHM = "tilepackage:createmaptilepackage"


def render_args(out, levels, *extra):
    """The command line of a render of QGIS's world map countries, given by path."""
    low, _, high = levels.partition("-")
    return ("run", ALGORITHM, "--", f"in_map={COUNTRIES}", f"min_level_of_detail={low}",
            f"level_of_detail={high}", f"output_file={out}", *extra)


def drawn_metatiles(text):
    match = re.search(r"Drew (\d+) metatiles; (\d+) bundles came from", text)
    assert match, text[-2000:]
    return int(match.group(1)), int(match.group(2))


def bundles_of(package):
    """Every bundle of a .tpkx: member name -> bytes (the metadata holds dates)."""
    with zipfile.ZipFile(package) as archive:
        return {name: archive.read(name) for name in archive.namelist()
                if name.endswith(".bundle")}


def test_two_runs_of_one_command_give_byte_identical_bundles(qgis_process, tmp_path):
    # The layer is given by path: Processing loads it without its stored style,
    # and QGIS would then give it a random colour, different in each process.
    outputs = []
    for name in ("first", "second"):
        out = tmp_path / f"{name}.tpkx"
        done = qgis_process(*render_args(out, "0-3"))
        assert done.returncode == 0, done.stderr[-2000:]
        outputs.append(bundles_of(out))
    assert len(outputs[0]) == 4 and outputs[0] == outputs[1]


def test_a_killed_qgis_process_render_resumes_in_a_new_process(qgis_process, tmp_path):
    whole = tmp_path / "whole.tpkx"
    done = qgis_process(*render_args(whole, "0-6"))
    assert done.returncode == 0, done.stderr[-2000:]
    total, kept = drawn_metatiles(done.stdout + done.stderr)
    assert kept == 0
    # The same command, killed with SIGKILL once three bundles are in its journal.
    out = tmp_path / "killed.tpkx"
    journal = tmp_path / "killed.tpkx.render-journal"
    child = subprocess.Popen([str(QGIS_PROCESS), *map(str, render_args(out, "0-6"))],
                             cwd=str(REPO), stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL, env=_process_env())
    try:
        deadline = time.monotonic() + 240
        while len(list(journal.glob("L*/*.npy"))) < 3 and time.monotonic() < deadline:
            assert child.poll() is None, "the render finished before it could be killed"
            time.sleep(0.05)
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait()
    finished = list(journal.glob("L*/*.npy"))
    assert len(finished) >= 3 and not out.exists()
    left = sum(_metatiles(level) for level in range(7)) - sum(
        _metatiles(int(path.parent.name[1:])) for path in finished)
    done = qgis_process(*render_args(out, "0-6"))
    assert done.returncode == 0, done.stderr[-2000:]
    drawn, kept = drawn_metatiles(done.stdout + done.stderr)
    assert (drawn, kept) == (left, len(finished)) and drawn < total
    assert bundles_of(out) == bundles_of(whole)
    assert not journal.exists()


def _metatiles(level):
    """Metatiles of 8 x 8 tiles at ``level`` of the world, one bundle per level up to 7."""
    return max(1, (2 ** level // 8)) ** 2


def _process_env():
    env = dict(os.environ)
    env.pop("QGIS_CUSTOM_CONFIG_PATH", None)
    env.pop("QGIS_OPTIONS_PATH", None)
    return env

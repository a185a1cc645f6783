"""The plugin in the real QGIS desktop: loaded, provider registered, dialog built, run,
and its dialog in the language QGIS is started in (French, German).

Runs QGIS itself under a virtual X server (xvfb-run, installed by
`make setup`) with a throw-away profile that has only this plugin enabled.
"""
import shutil
import zipfile

import pytest

from tile_package_tools.testkit import desktop

# Slow: the QGIS desktop started under Xvfb; `make test-quick` leaves it out.
pytestmark = pytest.mark.slow

GUI_SCRIPT = r'''
import json
from qgis.core import QgsApplication
from qgis.utils import active_plugins
from qgis.PyQt.QtCore import QTimer
from qgis.PyQt.QtWidgets import QApplication

def report():
    registry = QgsApplication.processingRegistry()
    provider = registry.providerById("tilepackage")
    facts = {"plugins": list(active_plugins),
             "provider": provider.name() if provider else None,
             "algorithms": sorted(a.id() for a in provider.algorithms()) if provider else []}
    import processing
    dialog = processing.createAlgorithmDialog("tilepackage:exporttiles", {})
    facts["dialog"] = dialog.windowTitle() if dialog else None
    # A run inside the desktop's own Python, as a user's click would make it.
    result = processing.run("tilepackage:exporttiles",
                            {"INPUT": SAMPLE, "tilePackage": True, "OUTPUT": PACKAGE})
    facts["tile_count"] = result["TILE_COUNT"]
    with open(OUT, "w") as fh:
        json.dump(facts, fh)
    QApplication.instance().quit()

QTimer.singleShot(0, report)
'''


def run_desktop(tmp_path, repo_root, script, *options):
    """QGIS under Xvfb running ``script`` (see testkit/desktop.py)."""
    return desktop.run_desktop(tmp_path, script, *options)


@pytest.mark.skipif(not shutil.which("xvfb-run"), reason="xvfb-run missing: run make setup")
def test_desktop_loads_the_plugin(tmp_path, repo_root):
    package = tmp_path / "from-desktop.tpkx"
    facts = run_desktop(tmp_path, repo_root, f"PACKAGE = {str(package)!r}\n" + GUI_SCRIPT)
    assert "tile_package_tools" in facts["plugins"]
    assert facts["provider"] == "Tile Package Tools"
    assert facts["algorithms"] == ["tilepackage:createmaptilepackage",
                                   "tilepackage:estimateexporttilessize",
                                   "tilepackage:exporttiles", "tilepackage:importtiles"]
    assert facts["dialog"]
    assert facts["tile_count"] == 21 and zipfile.is_zipfile(package)


LANGUAGE_SCRIPT = r'''
import json
import processing
from qgis.PyQt.QtCore import QTimer
from qgis.PyQt.QtWidgets import QApplication, QLabel

def report():
    dialog = processing.createAlgorithmDialog("tilepackage:exporttiles", {"INPUT": SAMPLE})
    labels = [label.text() for label in dialog.findChildren(QLabel)]
    with open(OUT, "w") as fh:
        json.dump({"title": dialog.windowTitle(), "labels": labels}, fh)
    QApplication.instance().quit()

QTimer.singleShot(0, report)
'''
#: What the export dialog shows with QGIS started in each language: a label, its title.
SHOWN = {"fr": ("Format de stockage (storageFormatType)", "Exporter des tuiles"),
         "de": ("Speicherformat (storageFormatType)", "Kacheln exportieren")}


@pytest.mark.skipif(not shutil.which("xvfb-run"), reason="xvfb-run missing: run make setup")
@pytest.mark.parametrize("language", sorted(SHOWN))
def test_desktop_dialog_speaks_the_desktop_language(tmp_path, repo_root, language):
    facts = run_desktop(tmp_path, repo_root, LANGUAGE_SCRIPT, "--lang", language)
    label, title = SHOWN[language]
    assert label in facts["labels"], facts["labels"]
    assert title in facts["title"]

"""Plugin packaging and QGIS integration: metadata, lifecycle, qgis_process, zip."""
import configparser
import json
import subprocess
import zipfile

import pytest

REQUIRED_METADATA = {
    "name", "qgisMinimumVersion", "description", "about", "version", "author",
    "email", "repository", "tracker", "homepage", "license", "tags",
    "category", "icon", "hasProcessingProvider", "experimental",
}


@pytest.fixture(scope="module")
def metadata(repo_root):
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # QGIS keys are case-sensitive camelCase
    parser.read(repo_root / "metadata.txt", encoding="utf-8")
    return parser["general"]


def test_metadata_has_every_required_key(metadata):
    missing = REQUIRED_METADATA - set(metadata)
    assert not missing, missing
    empty = [k for k in REQUIRED_METADATA if not metadata[k].strip()]
    assert not empty, empty


def test_metadata_values(metadata, repo_root):
    assert metadata["name"] == "Tile Package Tools"
    assert metadata["qgisMinimumVersion"] == "3.22"
    assert metadata["category"] == "Raster"
    assert metadata["hasProcessingProvider"] == "yes"
    assert metadata["experimental"] == "False"
    assert metadata["tracker"] == metadata["repository"] + "/issues"
    assert len(metadata["about"].split(". ")) >= 3  # "several sentences"
    assert (repo_root / metadata["icon"]).is_file()


def test_icon_is_valid_svg(repo_root):
    import xml.etree.ElementTree as ET

    root = ET.parse(repo_root / "icon.svg").getroot()
    assert root.tag == "{http://www.w3.org/2000/svg}svg"


def test_package_import_does_not_need_qgis(repo_root):
    # The core is used by bench/fuzz without QGIS: importing the package root
    # must not import qgis.
    code = (
        "import sys; sys.path.insert(0, 'build/pkgroot'); import tile_package_tools;"
        "assert not [m for m in sys.modules if m.startswith('qgis')], 'qgis imported'"
    )
    subprocess.run(["/usr/bin/python3", "-c", code], cwd=repo_root, check=True)


LIFECYCLE_SCRIPT = r"""
import sys
sys.path.insert(0, "build/pkgroot")
from qgis.core import QgsApplication
app = QgsApplication([], False)
app.initQgis()
sys.path.append(QgsApplication.pkgDataPath() + "/python/plugins")
from processing.core.Processing import Processing
Processing.initialize()
registry = QgsApplication.processingRegistry()
assert registry.providerById("tilepackage") is None

import tile_package_tools
plugin = tile_package_tools.classFactory(None)
plugin.initProcessing()
provider = registry.providerById("tilepackage")
assert provider is not None, "initProcessing did not register the provider"
assert provider.name() == "Tile Package Tools", provider.name()
assert not provider.icon().isNull(), "icon.svg not loaded"
plugin.initGui()  # QGIS desktop calls both: must not register twice
ids = [p.id() for p in registry.providers()]
assert ids.count("tilepackage") == 1, ids
plugin.unload()
assert registry.providerById("tilepackage") is None, "unload left the provider"
print("LIFECYCLE OK")
"""


def test_class_factory_registers_and_unloads_provider(repo_root):
    # In a fresh QGIS process: the registry deletes providers it removes, and
    # sip may then hand a stale wrapper to a provider that reuses the address,
    # so unloading inside the shared pytest-qgis app would poison other tests.
    result = subprocess.run(
        ["/usr/bin/python3", "-c", LIFECYCLE_SCRIPT], cwd=repo_root,
        capture_output=True, text=True, timeout=120,
    )
    assert "LIFECYCLE OK" in result.stdout, result.stdout + result.stderr
    assert result.returncode == 0, result.stderr


def test_session_provider_fixture(tilepackage_provider):
    from qgis.core import QgsApplication

    assert tilepackage_provider.id() == "tilepackage"
    registered = QgsApplication.processingRegistry().providerById("tilepackage")
    assert registered is not None
    assert len(registered.algorithms()) == len(
        __import__(
            "tile_package_tools.processing_provider.registry", fromlist=["x"]
        ).algorithm_classes()
    )


def test_qgis_process_lists_provider(qgis_process):
    result = qgis_process("list")
    assert result.returncode == 0, result.stderr
    assert "Tile Package Tools" in result.stdout


def test_qgis_process_json_is_clean(qgis_process):
    result = qgis_process("--json", "list")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)  # fails on any junk line in stdout
    provider = data["providers"]["tilepackage"]
    assert provider["name"] == "Tile Package Tools"
    assert provider["is_active"]


def test_make_zip_has_single_top_folder(repo_root, metadata):
    subprocess.run(["make", "-s", "zip"], cwd=repo_root, check=True, capture_output=True)
    path = repo_root / "dist" / "tile_package_tools-{}.zip".format(metadata["version"])
    with zipfile.ZipFile(path) as zf:
        names = zf.namelist()
    assert {n.split("/", 1)[0] for n in names} == {"tile_package_tools"}
    for required in ("metadata.txt", "__init__.py", "icon.svg", "LICENSE",
                     "plugin/main.py", "processing_provider/provider.py"):
        assert "tile_package_tools/" + required in names, required
    forbidden = ("tests/", "testkit/", "bench/", "fuzz/", "scripts/", "sample_data/", ".venv/",
                 "build/", "dist/", ".git", "__pycache__")
    bad = [n for n in names if any(f in n.split("/", 1)[1] for f in forbidden)]
    assert not bad, bad

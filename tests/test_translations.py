"""Translations: every user-visible string is in each .ts, French is complete,
the committed .qm files are what lrelease makes of the .ts, and QGIS shows them."""
import re
import runpy
import shutil
import subprocess

import pytest

from tile_package_tools.testkit.pkgroot import REPO

TOOL = runpy.run_path(str(REPO / "scripts" / "translations.py"))
PLACEHOLDER = re.compile(r"\{[a-z_]+\}")


@pytest.fixture(scope="module")
def strings():
    found = TOOL["source_strings"]()
    assert len(found) > 50
    return found


@pytest.mark.parametrize("language", TOOL["LANGUAGES"])
def test_every_string_is_in_the_ts_file(strings, language):
    known = TOOL["read_ts"](TOOL["ts_path"](language))
    missing = [text for text in strings if text not in known]
    assert not missing, (f"{len(missing)} strings missing from {language}.ts; run "
                         f"`make translations` (first: {missing[0]!r} from {strings[missing[0]]})")


def test_french_is_complete_and_keeps_placeholders(strings):
    known = TOOL["read_ts"](TOOL["ts_path"]("fr"))
    untranslated = [text for text in strings if not known.get(text)]
    assert not untranslated, f"not translated into French: {untranslated[:3]}"
    for text in strings:
        assert sorted(PLACEHOLDER.findall(known[text])) == sorted(PLACEHOLDER.findall(text)), text


@pytest.mark.skipif(not shutil.which("lrelease"), reason="lrelease missing: run make setup")
@pytest.mark.parametrize("language", TOOL["LANGUAGES"])
def test_committed_qm_is_compiled_from_the_ts(tmp_path, language):
    ts = TOOL["ts_path"](language)
    fresh = tmp_path / "fresh.qm"
    subprocess.run(["lrelease", "-silent", str(ts), "-qm", str(fresh)], check=True)
    assert ts.with_suffix(".qm").read_bytes() == fresh.read_bytes(), "run `make translations`"


def test_french_dialog_texts(tilepackage_provider):
    from qgis.core import QgsApplication
    from qgis.PyQt.QtCore import QCoreApplication, QTranslator

    from tile_package_tools.processing_provider.export_algorithm import ExportTilesAlgorithm
    translator = QTranslator()
    assert translator.load(str(REPO / "i18n" / "tile_package_tools_fr.qm"))
    QCoreApplication.installTranslator(translator)
    try:
        algorithm = ExportTilesAlgorithm()
        algorithm.initAlgorithm()
        assert algorithm.displayName() == "Exporter des tuiles"
        assert algorithm.parameterDefinition("storageFormatType").description() == \
            "Format de stockage (storageFormatType)"
        assert algorithm.shortHelpString().startswith("Exporte les tuiles")
    finally:
        QCoreApplication.removeTranslator(translator)
    assert QgsApplication.translate("TilePackageTools", "Export tiles") == "Export tiles"

"""Translations: every user-visible string is in each shipped .ts and
translated there, the committed .qm files are what lrelease makes of the .ts,
and QGIS shows them."""
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


def shipped_languages():
    """The languages of the .ts files in i18n/, whether or not translations.py knows them."""
    return sorted(path.stem.rsplit("_", 1)[1]
                  for path in (REPO / "i18n").glob("tile_package_tools_*.ts"))


def named(texts, strings):
    """The strings for a failure message: each shortened, with where the code uses it."""
    return "\n".join(f"  {text[:70]!r} ({strings[text]})" for text in texts)


def test_every_shipped_ts_is_maintained():
    assert shipped_languages() == sorted(TOOL["LANGUAGES"]), \
        "add the language to LANGUAGES in scripts/translations.py"


@pytest.mark.parametrize("language", shipped_languages())
def test_every_string_is_in_the_ts_file(strings, language):
    known = TOOL["read_ts"](TOOL["ts_path"](language))
    missing = [text for text in strings if text not in known]
    assert not missing, (f"{len(missing)} strings missing from {language}.ts; run "
                         f"`make translations`:\n{named(missing, strings)}")


@pytest.mark.parametrize("language", shipped_languages())
def test_translation_is_complete_and_keeps_placeholders(strings, language):
    known = TOOL["read_ts"](TOOL["ts_path"](language))
    untranslated = [text for text in strings if not known.get(text)]
    assert not untranslated, (
        f"{len(untranslated)} strings not translated in "
        f"{TOOL['ts_path'](language).name} (translate them there, then run `make "
        f"translations`):\n{named(untranslated, strings)}")
    lost = [text for text in strings
            if sorted(PLACEHOLDER.findall(known[text])) != sorted(PLACEHOLDER.findall(text))]
    assert not lost, f"{language} translations change the {{placeholders}}:\n{named(lost, strings)}"


@pytest.mark.skipif(not shutil.which("lrelease"), reason="lrelease missing: run make setup")
@pytest.mark.parametrize("language", TOOL["LANGUAGES"])
def test_committed_qm_is_compiled_from_the_ts(tmp_path, language):
    ts = TOOL["ts_path"](language)
    fresh = tmp_path / "fresh.qm"
    subprocess.run(["lrelease", "-silent", str(ts), "-qm", str(fresh)], check=True)
    assert ts.with_suffix(".qm").read_bytes() == fresh.read_bytes(), "run `make translations`"


#: What the export dialog shows in each language: title, a label, the help's start.
DIALOG_TEXTS = {
    "fr": ("Exporter des tuiles", "Format de stockage (storageFormatType)", "Exporte les tuiles"),
    "de": ("Kacheln exportieren", "Speicherformat (storageFormatType)", "Exportiert Kacheln"),
}


@pytest.mark.parametrize("language", sorted(DIALOG_TEXTS))
def test_dialog_texts(tilepackage_provider, language):
    from qgis.core import QgsApplication
    from qgis.PyQt.QtCore import QCoreApplication, QTranslator

    from tile_package_tools.processing_provider.export_algorithm import ExportTilesAlgorithm
    title, label, help_start = DIALOG_TEXTS[language]
    translator = QTranslator()
    assert translator.load(str(REPO / "i18n" / f"tile_package_tools_{language}.qm"))
    QCoreApplication.installTranslator(translator)
    try:
        algorithm = ExportTilesAlgorithm()
        algorithm.initAlgorithm()
        assert algorithm.displayName() == title
        assert algorithm.parameterDefinition("storageFormatType").description() == label
        assert algorithm.shortHelpString().startswith(help_start)
    finally:
        QCoreApplication.removeTranslator(translator)
    assert QgsApplication.translate("TilePackageTools", "Export tiles") == "Export tiles"

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


#: The message of a render cancelled after one bundle, as QGIS shows it.
CANCEL_TEXTS = {
    "fr": "Annulé par l'utilisateur; la sortie n'a pas été écrite. Les 1 bundles rendus "
          "jusqu'ici sont conservés dans {folder} : la même commande relancée ne rend que le "
          "reste; supprimez ce dossier pour les abandonner.",
    "de": "Vom Benutzer abgebrochen; die Ausgabe wurde nicht geschrieben. Die 1 bisher "
          "gerenderten Bundles werden in {folder} aufbewahrt: derselbe Befehl rendert beim "
          "nächsten Aufruf nur den Rest; löschen Sie diesen Ordner, um sie zu verwerfen.",
}


@pytest.mark.parametrize("language", sorted(CANCEL_TEXTS))
def test_a_cancel_says_what_it_kept_in_the_users_language(qgis_app, tmp_path, language):
    from qgis.PyQt.QtCore import QCoreApplication, QTranslator

    from tile_package_tools.processing_provider.error_text import translated_error
    from tile_package_tools.tilecache.model import BundleKey
    from tile_package_tools.tilecache.render.journal import Journal
    journal = Journal(str(tmp_path / "out.render-journal"), "drawing")
    journal.writer(BundleKey(3, 0, 0), "task").commit()
    translator = QTranslator()
    assert translator.load(str(REPO / "i18n" / f"tile_package_tools_{language}.qm"))
    QCoreApplication.installTranslator(translator)
    try:
        text = translated_error(journal.cancelled())
    finally:
        QCoreApplication.removeTranslator(translator)
    assert text == CANCEL_TEXTS[language].format(folder=journal.folder)

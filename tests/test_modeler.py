"""The algorithms in QGIS's graphical modeler, through its own classes.

The Model Designer (processing.modeler.ModelerDialog) adds each child
algorithm with its own ``addAlgorithm``: that opens the child parameters
dialog (ModelerParametersDialog), which the tests fill programmatically as a
user's clicks would and accept with OK. The saved .model3 then runs in
qgis_process on the bundled sample, as a user runs a model.
"""
import zipfile
from pathlib import Path

import pytest

from tile_package_tools.testkit.caches import read_tiles
from tile_package_tools.testkit.modeler import (ACCEPTED_INPUTS, Complaints, add_child, add_inputs,
                                                child_sources, described, error_recorder,
                                                model_inputs)
from tile_package_tools.testkit.samples import SAMPLE_TPK, SAMPLE_V2, sample_exports
from tile_package_tools.tilecache.pipeline.export import ExportOptions, export_tiles

#: The middle of level 2 of the sample (four tiles), as QGIS's extent widget writes it.
EXTENT = "-1113194.9,8905559.3,-1118890.0,8399737.9 [EPSG:3857]"
MIDDLE_OF_LEVEL_2 = {(1, 1), (1, 2), (2, 1), (2, 2)}


@pytest.fixture
def modeler_gui(tilepackage_provider, qgis_iface, monkeypatch):
    """pytest-qgis' stand-in interface, completed where the modeler's classes call it."""
    from qgis.gui import QgsBrowserGuiModel
    from qgis.PyQt.QtCore import QSize
    browser = QgsBrowserGuiModel()
    monkeypatch.setattr(qgis_iface, "browserModel", lambda: browser, raising=False)
    monkeypatch.setattr(qgis_iface, "iconSize", lambda dockedToolbar=False: QSize(24, 24),
                        raising=False)


@pytest.fixture
def designer(modeler_gui):
    """An empty Model Designer window."""
    from processing.modeler.ModelerDialog import ModelerDialog
    dialog = ModelerDialog.create()
    yield dialog
    ModelerDialog.dlgs.remove(dialog)
    dialog.deleteLater()


def build_export_import(designer, monkeypatch, export_sources):
    """exportTiles (``export_sources``, INPUT from the "package" input) chained
    into importTiles' sourceItemId, importing into the "cache" input."""
    from qgis.core import QgsProcessingModelChildParameterSource as Source
    add_inputs(designer.model(), ("package", "cache", "extent"))
    export = add_child(designer, monkeypatch, "tilepackage:exporttiles", {
        "INPUT": Source.fromModelParameter("package"), **export_sources})
    imported = add_child(designer, monkeypatch, "tilepackage:importtiles", {
        "INPUT": Source.fromModelParameter("cache"),
        "sourceItemId": Source.fromChildOutput(export, "OUTPUT")})
    model = designer.model()
    for child in (export, imported):
        assert model.validateChildAlgorithm(child) == (True, [])
    # The designer's warning "Algorithm ... is invalid" would be in this bar.
    assert designer.view().scene().messageBar().items() == []
    return export, imported


def save(designer, path):
    from qgis.PyQt.QtWidgets import QLineEdit
    designer.findChild(QLineEdit, "mNameEdit").setText("Export an area into a cache")
    designer.model().setSourceFilePath(str(path))
    assert designer.saveModel(False), "the designer refused to save the model"
    assert path.exists()


def level_0_cache(folder):
    export_tiles(str(SAMPLE_V2), str(folder), ExportOptions(levels="0"))
    return folder


@pytest.mark.slow  # qgis_process
def test_designer_builds_the_export_import_model_and_qgis_process_runs_it(
        designer, monkeypatch, qgis_process, tmp_path):
    from qgis.core import QgsProcessingModelAlgorithm
    from qgis.core import QgsProcessingModelChildParameterSource as Source
    export, imported = build_export_import(designer, monkeypatch, {
        "exportExtent": Source.fromModelParameter("extent"),
        "levels": Source.fromStaticValue("2"), "tilePackage": Source.fromStaticValue(True)})
    expected_export = {"INPUT": [("input", "package")], "exportExtent": [("input", "extent")],
                       "levels": [("static", "2")], "tilePackage": [("static", True)],
                       "storageFormatType": [("static", 0)]}
    expected_import = {"INPUT": [("input", "cache")],
                       "sourceItemId": [("output", export, "OUTPUT")]}
    assert child_sources(designer.model(), export, expected_export) == expected_export
    assert child_sources(designer.model(), imported, expected_import) == expected_import

    path = tmp_path / "designed.model3"
    save(designer, path)
    reloaded = QgsProcessingModelAlgorithm()
    assert reloaded.fromFile(str(path))
    assert child_sources(reloaded, export, expected_export) == expected_export
    assert child_sources(reloaded, imported, expected_import) == expected_import

    package = sample_exports(tmp_path, kinds=("tpkx",))["tpkx"]
    cache = level_0_cache(tmp_path / "cache")
    result = qgis_process("run", path, "--", f"package={package}", f"cache={cache}",
                          f"extent={EXTENT}")
    assert result.returncode == 0, result.stdout + result.stderr
    tiles = read_tiles(cache)
    sample = read_tiles(SAMPLE_V2)
    assert {(key.row, key.col) for key in tiles if key.level == 2} == MIDDLE_OF_LEVEL_2
    assert {key: data for key, data in tiles.items() if key.level == 2} == \
        {key: data for key, data in sample.items()
         if key.level == 2 and (key.row, key.col) in MIDDLE_OF_LEVEL_2}
    assert {key for key in tiles if key.level == 0} == {key for key in sample if key.level == 0}


@pytest.mark.parametrize("storage, package", [(0, False), (1, True), (2, False)],
                         ids=["v2-folder", "tpk", "exploded-folder"])
def test_intermediate_export_is_named_for_what_it_writes(designer, monkeypatch, tmp_path,
                                                         storage, package):
    """A child's OUTPUT left unnamed gets a temporary name from the model; the
    export must still write what storageFormatType and tilePackage ask for."""
    import processing
    from qgis.core import QgsProcessingModelChildParameterSource as Source
    export, imported = build_export_import(designer, monkeypatch, {
        "exportExtent": Source.fromModelParameter("extent"), "levels": Source.fromStaticValue("2"),
        "storageFormatType": Source.fromStaticValue(storage),
        "tilePackage": Source.fromStaticValue(package)})
    package_path = sample_exports(tmp_path, kinds=("tpkx",))["tpkx"]
    cache = level_0_cache(tmp_path / "cache")
    results = processing.run(designer.model(), {"package": str(package_path),
                                                "cache": str(cache), "extent": EXTENT})
    written = Path(results["CHILD_RESULTS"][export]["OUTPUT"])
    if package:
        assert written.suffix == ".tpk" and zipfile.is_zipfile(written), written
    else:
        assert (written / "conf.xml").is_file(), written
    assert results["CHILD_RESULTS"][imported]["TILES_IMPORTED"] == 4


@pytest.mark.parametrize("named", [False, True], ids=["temporary", "named"])
def test_export_output_as_a_model_output(designer, monkeypatch, tmp_path, named):
    """OUTPUT made a model output in the designer: the model run names it, or
    leaves it temporary and the export names it after what it writes."""
    import processing
    from qgis.core import QgsProcessing
    from qgis.core import QgsProcessingModelChildParameterSource as Source
    add_inputs(designer.model(), ("package", "extent"))
    export = add_child(designer, monkeypatch, "tilepackage:exporttiles", {
        "INPUT": Source.fromModelParameter("package"),
        "exportExtent": Source.fromModelParameter("extent"), "levels": Source.fromStaticValue("2"),
        "storageFormatType": Source.fromStaticValue(1), "tilePackage": Source.fromStaticValue(True),
        "OUTPUT": "exported"})
    assert list(designer.model().childAlgorithm(export).modelOutputs()) == ["exported"]
    package = sample_exports(tmp_path, kinds=("tpkx",))["tpkx"]
    target = str(tmp_path / "area.tpk") if named else QgsProcessing.TEMPORARY_OUTPUT
    # The designer names a model output "<child id>:<name typed>".
    output = f"{export}:exported"
    outputs = designer.model().destinationParameterDefinitions()
    assert [parameter.name() for parameter in outputs] == [output]
    # Where this model is a child of another model, that model names the output
    # with this method: the export, not QGIS ("OUTPUT.tpkx"), must name it.
    assert outputs[0].generateTemporaryDestination() == QgsProcessing.TEMPORARY_OUTPUT
    results = processing.run(designer.model(), {"package": str(package), "extent": EXTENT,
                                                output: target})
    written = Path(results[output])
    assert written.suffix == ".tpk" and zipfile.is_zipfile(written), written
    if named:
        assert str(written) == target
    assert {(key.row, key.col) for key in read_tiles(written)} == MIDDLE_OF_LEVEL_2


ALGORITHMS = ["exporttiles", "importtiles", "estimateexporttilessize"]


def parameters_dialog(model, algorithm_id):
    from qgis.core import QgsApplication
    from processing.modeler.ModelerParametersDialog import ModelerParametersDialog
    return ModelerParametersDialog(
        QgsApplication.processingRegistry().createAlgorithmById(algorithm_id), model)


def built_saying(capfd, model, build):
    """(what ``build()`` makes QGIS, Qt, Python or stderr say, its dialog).

    What building QGIS's own Buffer dialog says here too is left out: it is
    not ours (pytest-qgis' stand-in map canvas makes PROJ complain).
    """
    with Complaints(capfd) as baseline:
        parameters_dialog(model, "native:buffer")
    with Complaints(capfd) as complaints:
        dialog = build()
    return [text for text in complaints.said if text not in baseline.said], dialog


@pytest.mark.parametrize("name", ALGORITHMS)
def test_parameters_dialog_builds_in_the_modeler_and_takes_model_inputs(
        modeler_gui, capfd, name):
    from qgis.core import QgsProcessingModelAlgorithm
    from qgis.core import QgsProcessingModelChildParameterSource as Source
    model = QgsProcessingModelAlgorithm()
    add_inputs(model, [parameter.name() for parameter in model_inputs()])
    said, dialog = built_saying(capfd, model,
                                lambda: parameters_dialog(model, f"tilepackage:{name}"))
    assert said == []
    panel = dialog.widget.widget
    assert panel.bar.items() == []
    refused = []
    for parameter in dialog.algorithm().parameterDefinitions():
        if parameter.isDestination():
            continue
        wrapper = panel.wrappers[parameter.name()]
        for model_input in ACCEPTED_INPUTS[parameter.type()]:
            wrapper.setWidgetValue(Source.fromModelParameter(model_input))
            if described(wrapper.value()) != ("input", model_input):
                refused.append(f"{parameter.name()} ({parameter.type()}) <- {model_input}")
    assert refused == []


def static_values(name):
    """(parameter, value) pairs a user types or picks in the modeler's own widgets."""
    paths = [str(SAMPLE_V2), str(SAMPLE_V2 / "conf.xml"), str(SAMPLE_TPK)]
    if name == "importtiles":
        return [*(("INPUT", path) for path in paths[:2]),
                *(("sourceItemId", path) for path in paths), ("extent", EXTENT), ("f", 2),
                ("mergeBundle", False), ("levels", "0-7")]
    return [*(("INPUT", path) for path in paths), ("exportExtent", EXTENT),
            ("storageFormatType", 2), ("exportBy", 2), ("tilePackage", True), ("f", 1),
            ("levels", "1,2")]


def numbers(extent_text):
    head, _, crs = extent_text.partition("[")
    return [round(float(number), 3) for number in head.split(",")], crs


@pytest.mark.parametrize("name", ALGORITHMS)
def test_modeler_widgets_keep_typed_values_and_show_readable_choices(modeler_gui, name):
    """Folders, conf.xml and packages in the file pickers, a QGIS extent and
    option indices survive OK (the dialog drops a value its parameter refuses)."""
    from qgis.core import QgsProcessingModelAlgorithm
    from qgis.core import QgsProcessingModelChildParameterSource as Source
    from qgis.gui import QgsFileWidget
    from qgis.PyQt.QtWidgets import QComboBox
    dialog = parameters_dialog(QgsProcessingModelAlgorithm(), f"tilepackage:{name}")
    wrappers = dialog.widget.widget.wrappers
    for parameter, value in static_values(name):
        wrappers[parameter].setWidgetValue(Source.fromStaticValue(value))
        kept = dialog.createAlgorithm().parameterSources().get(parameter, [])
        assert [source.source() for source in kept] == [Source.StaticValue], (parameter, value)
        if parameter in ("extent", "exportExtent"):
            assert numbers(kept[0].staticValue()) == numbers(value)
        else:
            assert kept[0].staticValue() == value, parameter
    for parameter in dialog.algorithm().parameterDefinitions():
        wrapper = wrappers.get(parameter.name())
        if parameter.type() == "file":
            assert wrapper.findChildren(QgsFileWidget), parameter.name()
        if parameter.type() == "enum":
            shown = [[combo.itemText(i) for i in range(combo.count())]
                     for combo in wrapper.findChildren(QComboBox)]
            assert parameter.options() in shown, parameter.name()
    if name != "importtiles":
        # Readable names in the list; the REST value is in the tooltip.
        storage = dialog.algorithm().parameterDefinition("storageFormatType")
        assert storage.options()[0] == "Compact V2 bundles"
        assert "esriMapCacheStorageModeCompactV2" in storage.help()


def test_estimate_in_a_model_reads_typed_values_and_rest_text(designer, monkeypatch):
    """Static values from the modeler's widgets and REST text from a model
    input reach the algorithm as the dialog's would."""
    import processing
    from qgis.core import QgsProcessingException
    from qgis.core import QgsProcessingModelChildParameterSource as Source
    add_inputs(designer.model(), ("text",))
    estimate = add_child(designer, monkeypatch, "tilepackage:estimateexporttilessize", {
        "INPUT": Source.fromStaticValue(str(SAMPLE_V2)),
        "exportExtent": Source.fromStaticValue(EXTENT), "levels": Source.fromStaticValue("2"),
        "storageFormatType": Source.fromModelParameter("text"),
        "tilePackage": Source.fromStaticValue(True)})
    results = processing.run(designer.model(), {"text": "esriMapCacheStorageModeCompact"})
    assert results["CHILD_RESULTS"][estimate]["TILE_COUNT"] == 4
    assert results["CHILD_INPUTS"][estimate]["storageFormatType"] == \
        "esriMapCacheStorageModeCompact"
    errors = error_recorder()
    with pytest.raises(QgsProcessingException):
        processing.run(designer.model(), {"text": "Compact"}, feedback=errors)
    assert any(error.startswith('storageFormatType: "Compact" is not one of')
               for error in errors.seen), errors.seen


def test_designer_edits_the_bundled_model_without_losing_values(designer, capfd, repo_root):
    """Each child of models/*.model3 opened for editing (the designer's
    double click) shows its values and gives them back unchanged on OK."""
    from processing.modeler.ModelerParametersDialog import ModelerParametersDialog
    designer.loadModel(str(repo_root / "models" / "export_area_into_cache.model3"))
    model = designer.model()
    assert sorted(model.childAlgorithms()) == ["export", "import"]
    for child_id, child in model.childAlgorithms().items():
        names = list(child.parameterSources())
        said, dialog = built_saying(capfd, model, lambda: ModelerParametersDialog(
            child.algorithm(), model, child_id, child.configuration()))
        assert said == []
        edited = dialog.createAlgorithm()
        assert edited.childId() == child_id
        assert {name: [described(source) for source in edited.parameterSources()[name]]
                for name in names} == child_sources(model, child_id, names)

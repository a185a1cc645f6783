"""The algorithms through QGIS's own dialog classes: the single-run dialog and
batch mode, filled programmatically as a user's clicks would fill them."""
import os

import pytest

from tile_package_tools.testkit.caches import read_tiles
from tile_package_tools.testkit.samples import SAMPLE_TPK, SAMPLE_V2, copy_sample
from tile_package_tools.tilecache import open_cache


@pytest.fixture
def dialogs(run, qgis_iface, monkeypatch):
    """(algorithm dialog, batch dialog) makers for our algorithms."""
    from qgis.core import QgsApplication
    from qgis.gui import QgsBrowserGuiModel
    # pytest-qgis' stand-in interface answers MagicMocks the dialog cannot use.
    browser = QgsBrowserGuiModel()
    monkeypatch.setattr(qgis_iface, "browserModel", lambda: browser, raising=False)
    from processing.gui.AlgorithmDialog import AlgorithmDialog
    from processing.gui.BatchAlgorithmDialog import BatchAlgorithmDialog

    def algorithm(name):
        return QgsApplication.processingRegistry().algorithmById(f"tilepackage:{name}").create()
    made = []

    def single(name):
        made.append(AlgorithmDialog(algorithm(name)))
        return made[-1]

    def batch(name):
        made.append(BatchAlgorithmDialog(algorithm(name)))
        return made[-1]
    yield single, batch
    for dialog in made:
        dialog.deleteLater()


def context():
    from qgis.core import QgsProcessingContext
    return QgsProcessingContext()


def dialog_parameters(dialog, values):
    """What the dialog hands to the algorithm after ``values`` were entered in its widgets."""
    panel = dialog.mainWidget()
    for name, value in values.items():
        panel.wrappers[name].setParameterValue(value, context())
    return dialog.createProcessingParameters()


def test_dialog_takes_a_cache_folder_and_writes_a_cache_folder(dialogs, run, tmp_path):
    single, _ = dialogs
    output = str(tmp_path / "from-dialog")
    parameters = dialog_parameters(single("exporttiles"),
                                   {"INPUT": str(SAMPLE_V2), "OUTPUT": output})
    assert parameters["INPUT"] == str(SAMPLE_V2)
    result = run("exporttiles", parameters)
    assert result["OUTPUT"] == output
    assert read_tiles(output) == read_tiles(str(SAMPLE_V2))


@pytest.mark.parametrize("source", [SAMPLE_V2 / "conf.xml", SAMPLE_TPK], ids=["conf", "tpk"])
def test_dialog_takes_conf_xml_and_packages(dialogs, run, source):
    single, _ = dialogs
    dialog = single("estimateexporttilessize")
    # The file chooser offers the kind of file ...
    chooser = dialog.mainWidget().wrappers["INPUT"].wrappedWidget()
    pattern = "conf.xml" if source.name == "conf.xml" else "*" + source.suffix
    assert pattern in chooser.filter().split(";;")[0]
    # ... the dialog's check lets the chosen file through, and the run it starts
    # estimates that file's tiles.
    parameters = dialog_parameters(dialog, {"INPUT": str(source)})
    assert dialog.algorithm().checkParameterValues(parameters, context())[0]
    tiles = read_tiles(str(source))
    result = run("estimateexporttilessize", parameters)
    assert (result["TILE_COUNT"], result["TOTAL_SIZE"]) == (
        len(tiles), sum(len(data) for data in tiles.values()))


def test_dialog_option_lists_show_readable_names(dialogs):
    single, _ = dialogs
    dialog = single("exporttiles")
    dialog_parameters(dialog, {"INPUT": str(SAMPLE_V2)})
    combo = dialog.mainWidget().wrappers["storageFormatType"].wrappedWidget()
    texts = [combo.itemText(i) for i in range(combo.count())]
    assert texts[0] == "Compact V2 bundles"
    # The REST values are one hover away, and still accepted (test_algorithm_help).
    assert "esriMapCacheStorageModeCompactV2" in combo.toolTip()
    assert dialog.createProcessingParameters()["storageFormatType"] == 0


def test_import_dialog_takes_a_folder_as_source_item(dialogs, run, tmp_path):
    single, _ = dialogs
    cache = copy_sample(tmp_path / "cache")
    other = copy_sample(tmp_path / "other")
    parameters = dialog_parameters(single("importtiles"),
                                   {"INPUT": str(cache), "sourceItemId": str(other)})
    assert parameters["sourceItemId"] == str(other)
    assert run("importtiles", parameters)["OUTPUT"] == str(cache)


def typed_extent(dialog, name, text):
    """``text`` typed key by key into the extent widget's line, as a user types it;
    the value the dialog hands to the algorithm."""
    from qgis.PyQt.QtTest import QTest
    from qgis.PyQt.QtWidgets import QLineEdit
    wrapper = dialog.mainWidget().wrappers[name]
    line = wrapper.wrappedWidget().findChild(QLineEdit, "mCondensedLineEdit")
    line.clear()
    QTest.keyClicks(line, text)
    return wrapper.parameterValue()


@pytest.fixture
def project_crs():
    """Sets the project's CRS for one test, as a user's open project has one."""
    from qgis.core import QgsCoordinateReferenceSystem, QgsProject
    before = QgsProject.instance().crs()
    yield lambda authid: QgsProject.instance().setCrs(QgsCoordinateReferenceSystem(authid))
    QgsProject.instance().setCrs(before)


@pytest.mark.parametrize("name, algorithm", [("exportExtent", "exporttiles"),
                                             ("extent", "importtiles")])
def test_dialog_extent_typed_without_crs_reaches_the_algorithm_with_one(dialogs, project_crs,
                                                                        name, algorithm):
    single, _ = dialogs
    project_crs("EPSG:3857")
    # QGIS order, no CRS typed: the value names the project's CRS, so the
    # algorithm never sees four bare numbers (REST order) meant in QGIS order.
    assert typed_extent(single(algorithm), name, "1,3,2,4") == \
        "1.000000000,3.000000000,2.000000000,4.000000000 [EPSG:3857]"
    project_crs("")
    assert typed_extent(single(algorithm), name, "1,3,2,4").endswith(" [EPSG:4326]")
    assert typed_extent(single(algorithm), name, "1,3,2,4 [EPSG:32631]").endswith(
        " [EPSG:32631]")


def test_dialog_extent_taken_from_a_layer_carries_the_crs(dialogs, project_crs):
    from qgis.core import QgsFeature, QgsGeometry, QgsVectorLayer
    from qgis.gui import QgsExtentWidget
    from qgis.PyQt import sip
    single, _ = dialogs
    project_crs("EPSG:3857")
    layer = QgsVectorLayer("Polygon?crs=EPSG:4326", "area", "memory")
    feature = QgsFeature()
    feature.setGeometry(QgsGeometry.fromWkt("POLYGON((-100 35,-90 35,-90 45,-100 45,-100 35))"))
    layer.dataProvider().addFeatures([feature])
    layer.updateExtents()
    wrapper = single("exporttiles").mainWidget().wrappers["exportExtent"]
    sip.cast(wrapper.wrappedWidget(), QgsExtentWidget).setOutputExtentFromLayer(layer)
    value = wrapper.parameterValue()
    # The layer's degrees, moved into the widget's CRS and named with it.
    assert value.endswith(" [EPSG:3857]"), value
    xmin = float(value.split(",")[0])
    assert xmin == pytest.approx(-11131949.08, abs=1)


def test_dialog_extent_typed_in_qgis_order_exports_that_box(dialogs, run, project_crs,
                                                            tmp_path):
    single, _ = dialogs
    project_crs("EPSG:3857")
    dialog = single("exporttiles")
    dialog_parameters(dialog, {"INPUT": str(SAMPLE_V2), "levels": "2",
                               "OUTPUT": str(tmp_path / "e")})
    # x -1113194..8905559, y -1118890..8399737 in QGIS order: 2 x 2 tiles at level 2.
    typed_extent(dialog, "exportExtent", "-1113194.9,8905559.3,-1118890.0,8399737.9")
    parameters = dialog.createProcessingParameters()
    assert run("exporttiles", parameters)["TILE_COUNT"] == 4
    # The same numbers read in REST order would be no box at all.
    from qgis.core import QgsProcessingException
    parameters["exportExtent"] = "-1113194.9,8905559.3,-1118890.0,8399737.9"
    with pytest.raises(QgsProcessingException, match="REST order xmin,ymin,xmax,ymax"):
        run("exporttiles", parameters)


def test_batch_extent_typed_without_crs_carries_one(dialogs, project_crs):
    _, batch = dialogs
    project_crs("EPSG:3857")
    dialog = batch("exporttiles")
    panel = dialog.mainWidget()
    from qgis.PyQt.QtTest import QTest
    from qgis.PyQt.QtWidgets import QLineEdit
    wrapper = panel.wrappers[0][panel.parameter_to_column["exportExtent"]]
    line = wrapper.wrappedWidget().findChild(QLineEdit, "mCondensedLineEdit")
    QTest.keyClicks(line, "1,3,2,4")
    assert wrapper.parameterValue().endswith(" [EPSG:3857]")


def test_batch_rows_accept_folders_and_packages(dialogs, run, tmp_path):
    _, batch = dialogs
    dialog = batch("exporttiles")
    panel = dialog.mainWidget()
    panel.addRow(2)
    rows = [(str(SAMPLE_V2), 2, False, str(tmp_path / "exploded")),
            (str(SAMPLE_TPK), 0, True, str(tmp_path / "out.tpkx")),
            (str(SAMPLE_V2 / "conf.xml"), 1, True, str(tmp_path / "out.tpk"))]
    for row, (source, storage, package, output) in enumerate(rows):
        wrappers = panel.wrappers[row]
        wrappers[panel.parameter_to_column["INPUT"]].setParameterValue(source, context())
        wrappers[panel.parameter_to_column["storageFormatType"]].setParameterValue(
            storage, context())
        wrappers[panel.parameter_to_column["tilePackage"]].setParameterValue(package, context())
        panel.tblParameters.cellWidget(row + 1, panel.parameter_to_column["OUTPUT"]).setValue(
            output)
    for row, (source, _, _, output) in enumerate(rows):
        parameters, ok = panel.parametersForRow(row)
        assert ok, row
        result = run("exporttiles", parameters)
        assert result["OUTPUT"] == output
        assert read_tiles(output) == read_tiles(source)


@pytest.fixture
def world_project(qgis_app):
    """QGIS's world map in the project, as a user who opened it has it."""
    from qgis.core import QgsProject

    from tile_package_tools.testkit import world_map
    if not world_map.available():
        pytest.skip("no QGIS world map")
    layers = world_map.world_layers(labels=False)
    QgsProject.instance().addMapLayers(layers)
    yield layers
    QgsProject.instance().removeMapLayers([layer.id() for layer in layers])


def test_map_dialog_with_its_defaults_renders_the_project(dialogs, run, tmp_path,
                                                          world_project):
    # Only the output is typed, as "x.tpkx": the project's visible layers,
    # levels 0-1 (Pro's defaults), Web Mercator, PNG, a .tpkx.
    single, _ = dialogs
    output = str(tmp_path / "x.tpkx")
    parameters = dialog_parameters(single("createmaptilepackage"), {"output_file": output})
    result = run("createmaptilepackage", parameters)
    assert result["output_file"] == output
    with open_cache(output) as reader:
        assert reader.levels() == [0, 1] and reader.scheme.tile_format == "PNG"
    assert result["TILE_SLOTS"] == 5 and result["TILE_COUNT"] == len(read_tiles(output))
    assert not os.path.exists(output + ".render-journal")


def test_map_batch_rows_render_their_layers(dialogs, run, tmp_path, world_project):
    _, batch = dialogs
    panel = batch("createmaptilepackage").mainWidget()
    panel.addRow(1)
    rows = [(world_project[:1], str(tmp_path / "countries.tpkx")),
            (world_project[1:], str(tmp_path / "lines"))]
    for row, (layers, output) in enumerate(rows):
        panel.wrappers[row][panel.parameter_to_column["in_map"]].setParameterValue(
            layers, context())
        panel.tblParameters.cellWidget(
            row + 1, panel.parameter_to_column["output_file"]).setValue(output)
    tiles = []
    for row, (_layers, output) in enumerate(rows):
        parameters, ok = panel.parametersForRow(row)
        assert ok, row
        result = run("createmaptilepackage", parameters)
        # A name without extension gets package_type's (tpkx).
        assert result["output_file"] == output if output.endswith(".tpkx") \
            else output + ".tpkx"
        tiles.append(read_tiles(result["output_file"]))
    assert tiles[0] and tiles[1] and tiles[0] != tiles[1]


# ---- what the dialog says: labels that fit, alternatives, one error line ------------

ALGORITHMS = ["exporttiles", "estimateexporttilessize", "importtiles", "createmaptilepackage"]


def shown(dialog):
    """``dialog`` shown at its default size with the advanced parameters expanded; the
    scroll area holding the parameters."""
    from qgis.PyQt.QtWidgets import QApplication, QLabel, QScrollArea, QWidget
    dialog.show()
    for group in dialog.findChildren(QWidget, "grpAdvanced"):
        group.setProperty("collapsed", False)
    QApplication.processEvents()
    return next(area for area in dialog.findChildren(QScrollArea)
                if area.widget() is not None and area.widget().findChildren(QLabel))


def label_of(dialog, name):
    return dialog.mainWidget().wrappers[name].wrappedLabel()


@pytest.mark.parametrize("name", ALGORITHMS)
def test_no_label_is_cut_at_the_default_size(dialogs, name):
    from qgis.PyQt.QtCore import QPoint
    from qgis.PyQt.QtWidgets import QCheckBox, QLabel
    single, _ = dialogs
    dialog = single(name)
    area = shown(dialog)
    viewport = area.viewport()
    texts = [widget for widget in area.widget().findChildren((QLabel, QCheckBox))
             if widget.isVisible() and widget.text()]
    assert len(texts) >= 8
    for widget in texts:
        right = widget.mapTo(viewport, QPoint(0, 0)).x() + widget.sizeHint().width()
        assert right <= viewport.width(), (widget.text(), right, viewport.width())
        wraps = getattr(widget, "wordWrap", bool)()
        assert widget.width() >= widget.sizeHint().width() or wraps, widget.text()
    # Nothing else pushes the rows past the visible width either.
    assert area.widget().width() <= viewport.width()
    assert not area.horizontalScrollBar().isVisible()
    dialog.hide()


def test_export_dialog_asks_for_a_source_and_points_to_rendering(dialogs):
    single, _ = dialogs
    # exporttiles exports caches, packages and services: its source is required and
    # no row offers layers; its help says which algorithm renders them.
    for name in ("exporttiles", "estimateexporttilessize"):
        dialog = single(name)
        shown(dialog)
        assert label_of(dialog, "INPUT").text() == "Cache, package or service URL"
        assert "LAYERS" not in dialog.mainWidget().wrappers
        dialog.hide()
    from qgis.core import QgsApplication
    export = QgsApplication.processingRegistry().algorithmById("tilepackage:exporttiles")
    assert "tilepackage:createmaptilepackage" in export.shortHelpString()


def finished_log(dialog, seconds=120):
    """Run the dialog as its Run button does; the plain text of its log once it ended."""
    import time
    from qgis.PyQt.QtCore import QCoreApplication
    from qgis.PyQt.QtWidgets import QTextEdit
    dialog.runAlgorithm()
    deadline = time.monotonic() + seconds
    while dialog.feedback is not None:
        assert time.monotonic() < deadline, "the run did not end"
        QCoreApplication.processEvents()
        time.sleep(0.01)
    return dialog.findChild(QTextEdit, "txtLog").toPlainText()


def test_dialog_log_shows_an_error_once(dialogs, tmp_path):
    single, _ = dialogs
    dialog = single("exporttiles")
    shown(dialog)
    panel = dialog.mainWidget()
    for name, value in {"INPUT": str(SAMPLE_V2), "levels": "99"}.items():
        panel.wrappers[name].setParameterValue(value, context())
    panel.wrappers["OUTPUT"].setParameterValue(str(tmp_path / "out"), context())
    log = finished_log(dialog)
    assert log.count("levels: level 99 is not in the cache; it has levels 0-19") == 1, log
    assert "Execution failed" in log
    dialog.hide()


@pytest.mark.parametrize("name, algorithm", [("exportExtent", "exporttiles"),
                                             ("extent", "importtiles")])
def test_dialog_extent_left_alone_is_empty(dialogs, name, algorithm):
    """The dialog as it opens: the extent line shows QGIS's "not set" (not a box of
    zeros) and the algorithm gets no extent, so the whole cache is taken."""
    from qgis.PyQt.QtWidgets import QLineEdit
    single, _ = dialogs
    wrapper = single(algorithm).mainWidget().wrappers[name]
    line = wrapper.wrappedWidget().findChild(QLineEdit, "mCondensedLineEdit")
    assert wrapper.parameterValue() is None
    assert not any(character.isdigit() for character in line.text()), line.text()


@pytest.mark.parametrize("load", [False, True], ids=["unticked", "ticked"])
def test_batch_honours_load_layers_on_completion(dialogs, tmp_path, world_project, load):
    from qgis.core import QgsProject
    from qgis.PyQt.QtWidgets import QApplication
    _, batch = dialogs
    dialog = batch("createmaptilepackage")
    dialog.show()
    panel = dialog.mainWidget()
    panel.checkLoadLayersOnCompletion.setChecked(load)
    panel.wrappers[0][panel.parameter_to_column["in_map"]].setParameterValue(
        world_project[:1], context())
    output = str(tmp_path / "batch.tpkx")
    panel.tblParameters.cellWidget(1, panel.parameter_to_column["output_file"]).setValue(output)
    before = set(QgsProject.instance().mapLayers())
    dialog.runAlgorithm()  # what the Run button does
    QApplication.processEvents()
    assert os.path.exists(output)
    added = [QgsProject.instance().mapLayer(layer_id) for layer_id in
             set(QgsProject.instance().mapLayers()) - before]
    assert [layer.source() for layer in added] == ([output] if load else [])
    QgsProject.instance().removeMapLayers([layer.id() for layer in added])
    dialog.hide()

"""The QGIS graphical modeler driven through its own classes, for tests.

- ``model_inputs`` / ``add_inputs``: one model input of each type a user can
  add in the Model Designer; ``ACCEPTED_INPUTS``: which of them each kind of
  parameter must accept;
- ``add_child``: a child algorithm added by the designer's own
  ``addAlgorithm``, its parameters dialog filled programmatically and accepted;
- ``described`` / ``child_sources``: child parameter sources as plain values;
- ``Complaints``: what QGIS, Qt, Python and the C libraries say meanwhile;
- ``error_recorder``: a feedback keeping the errors a model run reports.

QGIS is imported inside the functions: the test kit is also imported where
QGIS is not (benchmarks, fuzzers).
"""


def model_inputs():
    """One model input of each type a user can add in the designer, by name."""
    from qgis.core import (QgsProcessingParameterAuthConfig, QgsProcessingParameterBoolean,
                           QgsProcessingParameterColor, QgsProcessingParameterEnum,
                           QgsProcessingParameterExtent, QgsProcessingParameterFeatureSource,
                           QgsProcessingParameterFile, QgsProcessingParameterMultipleLayers,
                           QgsProcessingParameterNumber, QgsProcessingParameterString)
    return [QgsProcessingParameterFile("package", "Tile package", fileFilter="All files (*)"),
            QgsProcessingParameterFile("cache", "Tile cache",
                                       behavior=QgsProcessingParameterFile.Folder),
            QgsProcessingParameterExtent("extent", "Extent"),
            QgsProcessingParameterString("text", "Text"),
            QgsProcessingParameterNumber("number", "Number"),
            QgsProcessingParameterBoolean("flag", "Flag"),
            QgsProcessingParameterEnum("choice", "Choice", options=["a", "b", "c"]),
            QgsProcessingParameterFeatureSource("polygons", "Polygons"),
            QgsProcessingParameterMultipleLayers("layers", "Layers"),
            QgsProcessingParameterColor("color", "Color"),
            QgsProcessingParameterAuthConfig("auth", "Authentication")]


#: The model inputs each kind of parameter must accept: what a user of the
#: designer connects to it (a choice list also takes REST text or an index).
ACCEPTED_INPUTS = {"file": ("package", "cache", "text"), "enum": ("choice", "text", "number"),
                   "extent": ("extent", "polygons", "text"), "string": ("text",),
                   "number": ("number",), "boolean": ("flag",), "source": ("polygons",),
                   "multilayer": ("layers",), "color": ("color",), "authcfg": ("auth",)}


def add_inputs(model, names):
    """The ``model_inputs()`` called ``names``, added to ``model`` as its inputs."""
    from qgis.core import QgsProcessingModelParameter
    for parameter in model_inputs():
        if parameter.name() in names:
            model.addModelParameter(parameter, QgsProcessingModelParameter(parameter.name()))


def add_child(designer, monkeypatch, algorithm_id, sources):
    """Add ``algorithm_id`` the way the designer does, its parameters dialog
    filled with ``sources`` ({name: QgsProcessingModelChildParameterSource},
    or the model output's name for a destination) and accepted; the new child's id."""
    from processing.modeler.ModelerParametersDialog import ModelerParametersDialog

    def fill_and_accept(dialog):
        wrappers = dialog.widget.widget.wrappers
        for name, source in sources.items():
            if isinstance(source, str):
                wrappers[name].setToModelOutput(source)
            else:
                wrappers[name].setWidgetValue(source)
        dialog.okPressed()
        return dialog.result()
    before = set(designer.model().childAlgorithms())
    monkeypatch.setattr(ModelerParametersDialog, "exec_", fill_and_accept)
    designer.addAlgorithm(algorithm_id)
    added = set(designer.model().childAlgorithms()) - before
    assert len(added) == 1, f"the designer did not add {algorithm_id}"
    return added.pop()


def described(source):
    """A child parameter source as plain values, for comparisons."""
    from qgis.core import QgsProcessingModelChildParameterSource as Source
    kind = source.source()
    if kind == Source.ModelParameter:
        return ("input", source.parameterName())
    if kind == Source.ChildOutput:
        return ("output", source.outputChildId(), source.outputName())
    return ("static", source.staticValue())


def child_sources(model, child_id, names):
    sources = model.childAlgorithm(child_id).parameterSources()
    return {name: [described(source) for source in sources[name]] for name in names}


class Complaints:
    """What QGIS, Qt, PROJ/GDAL (stderr) and Python say while it is collected."""

    def __init__(self, capfd):
        self.capfd = capfd
        self.said = []

    def __enter__(self):
        import warnings
        from qgis.core import QgsApplication
        from qgis.PyQt.QtCore import qInstallMessageHandler
        self.capfd.readouterr()
        self._log = QgsApplication.messageLog()
        self._log.messageReceived.connect(self._logged)
        self._qt = qInstallMessageHandler(lambda kind, where, text: self.said.append(text))
        self._warnings = warnings.catch_warnings(record=True)
        self._caught = self._warnings.__enter__()
        warnings.simplefilter("always")
        return self

    def _logged(self, message, tag, level):
        self.said.append(f"{tag}: {message}")

    def __exit__(self, *exc):
        from qgis.PyQt.QtCore import qInstallMessageHandler
        self._warnings.__exit__(*exc)
        qInstallMessageHandler(self._qt)
        self._log.messageReceived.disconnect(self._logged)
        self.said += [str(warning.message) for warning in self._caught]
        self.said += [line for line in self.capfd.readouterr().err.splitlines() if line.strip()]


def error_recorder():
    from qgis.core import QgsProcessingFeedback

    class ErrorsSeen(QgsProcessingFeedback):
        """A feedback that keeps the errors reported: a model's exception only
        says which child failed."""

        def __init__(self):
            super().__init__()
            self.seen = []

        def reportError(self, error, fatalError=False):  # noqa: N802 - QGIS API name
            self.seen.append(error)
    return ErrorsSeen()

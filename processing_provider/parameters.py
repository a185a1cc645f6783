"""Parameter building blocks every tile algorithm (and every module adding
parameters to one) uses, so the dialog, batch mode and the modeler accept
what the labels say.

- ``advanced(parameter)`` puts a parameter under "Advanced Parameters".
- ``choice_parameter`` is an option list that shows readable names while
  the REST values (and indices) still work from qgis_process and scripts.
- ``explained(parameter, text)`` gives a parameter its help text, shown as
  the tooltip of its label and field: labels stay short enough for the
  dialog's default width, the details are one hover away.
- ``path_parameter`` is a File parameter whose value may also be a folder:
  QGIS refuses folders for a File parameter unless its filter ends in
  "All files (*)" (a "(*.*)" filter demands a dot in the name).
- ``OutputPathParameter`` is a File destination that lets the algorithm name
  a temporary output, also inside a model.
"""
from qgis.core import (QgsProcessing, QgsProcessingParameterDefinition,
                       QgsProcessingParameterEnum, QgsProcessingParameterFile,
                       QgsProcessingParameterFileDestination)

from ..qgis_support.tr import tr

#: The filter that lets a File parameter hold a folder path as well.
ANY_PATH_FILTER = "(*)"


def advanced(parameter):
    """``parameter`` flagged advanced (shown collapsed in the dialog); returned for chaining."""
    parameter.setFlags(parameter.flags() | QgsProcessingParameterDefinition.FlagAdvanced)
    return parameter


def explained(parameter, text):
    """``parameter`` with ``text`` before its help (the dialog's tooltip); returned for
    chaining."""
    parameter.setHelp(" ".join(part for part in (text, parameter.help()) if part))
    return parameter


def choice_parameter(name, label, choices, default=None, optional=False):
    """An option list of ``choices`` = ``[(rest_value, readable_label), ...]``.

    The dialog shows the readable labels and hands over indices; REST text in
    any case keeps working because the algorithms read these parameters with
    ``common.enum_text`` over ``rest_values(choices)``. The REST values are in
    the help (the tooltip) rather than in the options: "Compact V2 bundles
    (esriMapCacheStorageModeCompactV2)" would widen the dialog past its default size.
    """
    values = rest_values(choices)
    index = values.index(default) if default is not None else 0
    parameter = QgsProcessingParameterEnum(name, label, options=[text for _, text in choices],
                                           defaultValue=index, optional=optional)
    parameter.setHelp(tr("REST values: {values}").format(values=", ".join(values)))
    return parameter


def rest_values(choices):
    """The REST values of ``choices``, in their order (index i is option i)."""
    return [value for value, _ in choices]


def path_parameter(name, label, file_filter, optional=False):
    """A File parameter that also takes a folder (a cache folder, typed or pasted)."""
    return QgsProcessingParameterFile(
        name, label, behavior=QgsProcessingParameterFile.File, optional=optional,
        fileFilter=file_filter + ";;" + tr("Cache folders and all files") + " " +
        ANY_PATH_FILTER)


class OutputPathParameter(QgsProcessingParameterFileDestination):
    """A File destination whose temporary value the algorithm names.

    A model gives a child's destination that is not a model output the name
    this method returns; QGIS's would be ``OUTPUT.<first filter's extension>``
    (``OUTPUT.tpkx``), which contradicts tilePackage=false or a Compact V1
    package, so the child failed. QGIS's "temporary output" marker instead
    reaches the algorithm, which names the output after what it writes, as it
    does for "[Save to temporary file]" in the dialog.
    """

    def generateTemporaryDestination(self):  # noqa: N802 - QGIS API name
        return QgsProcessing.TEMPORARY_OUTPUT

    def clone(self):
        copy = OutputPathParameter(self.name(), self.description(), self.fileFilter(),
                                   self.defaultValue(), self.flags() & self.FlagOptional,
                                   self.createByDefault())
        copy.setFlags(self.flags())
        return copy

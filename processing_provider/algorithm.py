"""The base of every tile algorithm, and the one place errors become QgsProcessingException.

Everything below the algorithms (the core, the parameter readers, the input
modes) raises what it raises: core errors (``TileCacheError``, one line
naming the file or parameter), ``OSError``, or anything unexpected.
``TileAlgorithm`` turns each into the one-line QgsProcessingException the
user sees, at the two doors QGIS calls: ``checkParameterValues`` (before a
run) and ``processAlgorithm`` (the run).
"""
import traceback

from qgis.core import QgsProcessingAlgorithm, QgsProcessingException
from qgis.PyQt.QtGui import QIcon

from ..qgis_support.icons import icon_path
from ..qgis_support.tr import tr
from ..tilecache.errors import TileCacheError
from ..tilecache.packages import package_kinds
from . import console_errors
from .error_text import translated_error

README_URL = "https://github.com/tile-package-tools/tile-package-tools/blob/main/README.md"
#: What people search the toolbox for when they look for this plugin: the package
#: kinds by name, and these words.
COMMON_TAGS = (*sorted(kind.name for kind in package_kinds()), "esri", "arcgis", "tile cache",
               "tile package", "tiles", "compact cache", "bundle", "rest")


def processing_exception(exc, feedback=None):
    """The one-line QgsProcessingException the user sees for ``exc``.

    Core errors already read "path: reason" (the REST error text). Unexpected
    errors are still one line for the user; their traceback goes to the debug
    log only (when there is a feedback), where a developer can find it.
    """
    if isinstance(exc, QgsProcessingException):
        return exc
    if isinstance(exc, TileCacheError):
        # In the user's language; the REST bodies keep the core's English.
        return QgsProcessingException(translated_error(exc))
    if isinstance(exc, OSError):
        where = exc.filename or ""
        reason = exc.strerror or str(exc)
        return QgsProcessingException(f"{where}: {reason}" if where else reason)
    if isinstance(exc, MemoryError):
        return QgsProcessingException(tr("Not enough memory to finish the operation."))
    if feedback is not None:
        feedback.pushDebugInfo("".join(traceback.format_exception(exc)))
    text = " ".join(str(exc).split()) or type(exc).__name__
    return QgsProcessingException(f"{type(exc).__name__}: {text}")


class TileAlgorithm(QgsProcessingAlgorithm):
    """What every tile algorithm shares: its toolbox group, how QGIS clones it,
    how its parameters are checked before a run, and how its errors reach the user.

    Subclasses set ``LENIENT`` (parameters QGIS must not check, see
    ``check_parameters``), implement ``check_values`` (cheap checks before the
    run) and ``process`` (the run). Both may raise anything: core errors,
    OSError, QgsProcessingException; the user sees one line.
    """

    LENIENT = frozenset()
    #: The README section the Help button opens (an anchor of README_URL).
    HELP_ANCHOR = "parameters"
    #: Search words beyond the name: the toolbox search matches these.
    TAGS = ()

    def group(self):
        # No group: three algorithms read better straight under the provider
        # than under one lone folder.
        return ""

    def groupId(self):  # noqa: N802 - QGIS API name
        return ""

    def tags(self):
        return [*COMMON_TAGS, *self.TAGS]

    def helpUrl(self):  # noqa: N802 - QGIS API name
        return f"{README_URL}#{self.HELP_ANCHOR}"

    def icon(self):
        return QIcon(self.svgIconPath())

    def svgIconPath(self):  # noqa: N802 - QGIS API name
        return icon_path(self.name())

    def createInstance(self):  # noqa: N802 - QGIS API name
        return type(self)()

    def checkParameterValues(self, parameters, context):  # noqa: N802 - QGIS API name
        if console_errors.active():
            # qgis_process prints a refused check as two lines, "An error was
            # encountered while checking parameter values" first; checked when the
            # run starts instead, the message is the failed run's one line.
            return True, ""
        return self.parameter_problem(parameters, context)

    def parameter_problem(self, parameters, context):
        """``(ok, message)``: QGIS's own checks, then the algorithm's (check_values)."""
        ok, message = check_parameters(self, parameters, context, self.LENIENT)
        if not ok:
            return ok, message
        try:
            self.check_values(parameters, context)
        except Exception as exc:  # noqa: BLE001 - every failure is one line, see module
            return False, str(processing_exception(exc))
        return True, ""

    def check_values(self, parameters, context):
        """The algorithm's own cheap checks; raise on a bad value."""

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802 - QGIS API name
        try:
            if console_errors.active():
                ok, message = self.parameter_problem(parameters, context)
                if not ok:
                    raise QgsProcessingException(message)
            return self.process(parameters, context, feedback)
        except Exception as exc:  # noqa: BLE001 - every failure is one line, see module
            error = processing_exception(exc, feedback)
            console_errors.raised(str(error))
            raise error from None

    def process(self, parameters, context, feedback):
        """The run; the algorithm's outputs."""
        raise NotImplementedError


def check_parameters(algorithm, parameters, context, lenient):
    """Run QGIS's own value checks except for ``lenient`` names; (ok, message).

    Lenient parameters (REST spellings QGIS would refuse, such as a folder for
    a File parameter or a JSON envelope for an extent) are parsed by the
    algorithm itself, which reports its own one-line errors.
    """
    for definition in algorithm.parameterDefinitions():
        name = definition.name()
        if name in lenient:
            continue
        value = parameters.get(name)
        if not definition.checkValueIsAcceptable(value, context):
            return False, tr("Incorrect parameter value for {name}").format(name=name)
    return True, ""

"""QGIS-side helpers shared by the tile algorithms.

They turn Processing parameter values (extent widget strings, rectangles,
layers, REST text) into the core's plain values, run core calls so that every
failure reaches the user as one line, and format REST-style responses.
"""
import html
import json
import os
import traceback

from qgis.core import (QgsCoordinateReferenceSystem, QgsFeatureRequest, QgsMapLayer,
                       QgsProcessing, QgsProcessingAlgorithm, QgsProcessingException,
                       QgsProcessingFeatureSourceDefinition,
                       QgsProcessingUtils, QgsRectangle, QgsReferencedRectangle, QgsWkbTypes)
from qgis.PyQt.QtCore import QVariant
from qgis.PyQt.QtGui import QIcon

from ..qgis_support.icons import icon_path
from ..qgis_support.tr import tr
from ..tilecache.errors import TileCacheError
from ..tilecache.feedback import Feedback
from ..tilecache.model import Extent
from ..tilecache.params import geometry_input
from ..tilecache.scheme.spatial_reference import SpatialReference
from . import console_errors

RESPONSE_FORMATS = ["json", "pjson", "html"]
README_URL = "https://github.com/tile-package-tools/tile-package-tools/blob/main/README.md"
#: What people search the toolbox for when they look for this plugin.
COMMON_TAGS = ("tpk", "tpkx", "esri", "arcgis", "tile cache", "tile package", "tiles",
               "compact cache", "bundle", "rest")


class TileAlgorithm(QgsProcessingAlgorithm):
    """What every tile algorithm shares: its toolbox group, how QGIS clones it,
    and how its parameters are checked before a run.

    Subclasses set ``LENIENT`` (parameters QGIS must not check, see
    ``check_parameters``) and implement ``check_values``, which raises
    QgsProcessingException for the first bad value.
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
        ok, message = check_parameters(self, parameters, context, self.LENIENT)
        if not ok:
            return ok, message
        try:
            self.check_values(parameters, context)
        except QgsProcessingException as exc:
            return False, str(exc)
        return True, ""

    def check_values(self, parameters, context):
        """The algorithm's own cheap checks; raise QgsProcessingException on a bad value."""

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802 - QGIS API name
        try:
            return self.process(parameters, context, feedback)
        except QgsProcessingException as exc:
            console_errors.raised(str(exc))
            raise

    def process(self, parameters, context, feedback):
        """The run; the algorithm's outputs. Raise QgsProcessingException to fail."""
        raise NotImplementedError


# ---- running the core --------------------------------------------------------

def run_core(feedback, fn, *args, **kwargs):
    """Call ``fn``; any failure becomes a one-line QgsProcessingException.

    Core errors already read "path: reason" (the REST error text). Unexpected
    errors are still one line for the user; their traceback goes to the debug
    log only, where a developer can find it.
    """
    try:
        return fn(*args, **kwargs)
    except QgsProcessingException:
        raise
    except TileCacheError as exc:
        raise QgsProcessingException(str(exc)) from None
    except OSError as exc:
        where = exc.filename or ""
        reason = exc.strerror or str(exc)
        raise QgsProcessingException(f"{where}: {reason}" if where else reason) from None
    except MemoryError:
        raise QgsProcessingException(tr("Not enough memory to finish the operation.")) from None
    except Exception as exc:  # noqa: BLE001 - see docstring: never a traceback for users
        if feedback is not None:
            feedback.pushDebugInfo(traceback.format_exc())
        text = " ".join(str(exc).split()) or type(exc).__name__
        raise QgsProcessingException(f"{type(exc).__name__}: {text}") from None


class QgisFeedback(Feedback):
    """The core's Feedback over a QgsProcessingFeedback: progress bar, cancel button, log."""

    def __init__(self, feedback):
        self._feedback = feedback
        self._last = None

    def progress(self, fraction, message=None):
        self._feedback.setProgress(100.0 * max(0.0, min(1.0, fraction)))
        # One line per new message: per bundle, not per tile.
        if message and message != self._last:
            self._last = message
            self._feedback.setProgressText(message)

    def is_cancelled(self):
        return self._feedback.isCanceled()

    def info(self, message):
        self._feedback.pushInfo(message)

    def warning(self, message):
        self._feedback.pushWarning(message)


# ---- enumerations and other raw values ---------------------------------------

def raw_value(parameters, name):
    """The value as given (None for missing/empty), unwrapped from property definitions."""
    value = parameters.get(name)
    # qgis_process hands "key=" over as a NULL QVariant rather than "".
    if isinstance(value, QVariant):
        value = None if value.isNull() else value.value()
    if value is None:
        return None
    if hasattr(value, "staticValue") and hasattr(value, "propertyType"):
        value = value.staticValue()
    if isinstance(value, str) and not value.strip():
        return None
    return value


def enum_text(parameters, name, options, default, aliases=None):
    """A static-string enum read leniently: REST text in any case, or an index.

    QGIS compares static strings exactly, but REST clients write "levelId" for
    "LevelID" and older scripts pass indices, so matching is done here.
    Raises QgsProcessingException listing the allowed values.
    """
    value = raw_value(parameters, name)
    if value is None:
        return default
    if isinstance(value, (list, tuple)) and len(value) == 1:
        value = value[0]
    if not isinstance(value, bool) and isinstance(value, (int, float)) and value == int(value):
        value = str(int(value))
    text = str(value).strip()
    if text.isdigit() and int(text) < len(options):
        return options[int(text)]
    lowered = {option.lower(): option for option in options}
    lowered.update({alias.lower(): target for alias, target in (aliases or {}).items()})
    if text.lower() in lowered:
        return lowered[text.lower()]
    raise QgsProcessingException(
        tr("{name}: \"{value}\" is not one of {allowed}").format(
            name=name, value=text, allowed=", ".join(options)))


#: Words read as a boolean, in any case; QGIS itself reads any other non-empty
#: text ("no", "off") as true, which turned replaceTiles=no into replacing.
_TRUE_WORDS = {"true", "yes", "on", "1"}
_FALSE_WORDS = {"false", "no", "off", "0"}


def bool_value(algorithm, parameters, name, context):
    """A boolean parameter: a text value must be a true/false word, else an error."""
    value = raw_value(parameters, name)
    if isinstance(value, str):
        word = value.strip().lower()
        if word in _TRUE_WORDS or word in _FALSE_WORDS:
            return word in _TRUE_WORDS
        raise QgsProcessingException(
            tr("{name}: \"{value}\" is neither true nor false (true/false, yes/no, "
               "on/off, 1/0)").format(name=name, value=value.strip()))
    return algorithm.parameterAsBool(parameters, name, context)


def add_format_parameter(algorithm, default=RESPONSE_FORMATS[0]):
    """The REST ``f`` parameter, an advanced option list (json, pjson, html)."""
    from .parameters import advanced, choice_parameter
    choices = [("json", tr("JSON")), ("pjson", tr("Indented JSON")),
               ("html", tr("HTML report"))]
    algorithm.addParameter(advanced(choice_parameter(
        "f", tr("Response format (f)"), choices, default)))


def response_format(parameters, default=RESPONSE_FORMATS[0]):
    """The REST ``f`` parameter: json, pjson or html."""
    return enum_text(parameters, "f", RESPONSE_FORMATS, default)


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


# ---- extents -----------------------------------------------------------------

def spatial_reference_of(crs):
    """A core SpatialReference for a QgsCoordinateReferenceSystem (None if invalid)."""
    if crs is None or not crs.isValid():
        return None
    authid = crs.authid() or ""
    authority, _, code = authid.partition(":")
    if authority.upper() in ("EPSG", "ESRI") and code.isdigit():
        return SpatialReference(wkid=int(code))
    return SpatialReference(wkt=crs.toWkt(QgsCoordinateReferenceSystem.WKT_PREFERRED))


def _rectangle_extent(rect, crs, name):
    if rect.isNull() or rect.isEmpty():
        raise QgsProcessingException(tr("{name}: the extent is empty").format(name=name))
    extent = Extent(rect.xMinimum(), rect.yMinimum(), rect.xMaximum(), rect.yMaximum())
    return extent, spatial_reference_of(crs)


def extent_parameter(algorithm, parameters, name, context):
    """``(Extent, SpatialReference|None)`` from any extent form, or None when unset.

    Strings go to the core parser, which knows the QGIS widget form
    ``xmin,xmax,ymin,ymax [EPSG:n]``, the bare REST form ``xmin,ymin,xmax,ymax``
    and the REST JSON envelope; QGIS would read a bare string in its own order.
    Rectangles and layers (models, Python callers) are resolved by QGIS.
    """
    value = raw_value(parameters, name)
    if value is None:
        return None
    if isinstance(value, QgsReferencedRectangle):
        return _rectangle_extent(value, value.crs(), name)
    if isinstance(value, QgsRectangle):
        return _rectangle_extent(value, None, name)
    if isinstance(value, dict):
        return run_core(None, geometry_input.parse_extent, value, name)
    if isinstance(value, str) and _looks_like_extent_text(value):
        return run_core(None, geometry_input.parse_extent, value, name)
    rect = algorithm.parameterAsExtent(parameters, name, context)
    if isinstance(value, str) and (rect.isNull() or rect.isEmpty()):
        # QGIS looked for a layer of that name and found none.
        raise QgsProcessingException(
            tr("{name}: \"{value}\" is not an extent (xmin,xmax,ymin,ymax [EPSG:n], a REST "
               "envelope in JSON, or a layer)").format(name=name, value=value.strip()))
    crs = algorithm.parameterAsExtentCrs(parameters, name, context)
    return _rectangle_extent(rect, crs, name)


def _looks_like_extent_text(text):
    """Numbers or JSON rather than a layer id / path, which QGIS resolves instead."""
    text = text.strip()
    if text.startswith("{"):
        return True
    head = text.split("[", 1)[0]
    return head.count(",") == 3 and not any(ch.isalpha() and ch not in "eE" for ch in head)


# ---- areas of interest -------------------------------------------------------

def area_parameter(algorithm, parameters, name, context, feedback=None):
    """``(shapely polygon, SpatialReference|None)`` or None when unset.

    One parameter takes both a polygon layer (GUI, batch, models) and the REST
    Esri JSON FeatureSet text, so the REST call pastes into qgis_process as is.
    """
    value = raw_value(parameters, name)
    if value is None:
        return None
    if isinstance(value, (dict, list)) or (isinstance(value, str) and
                                           value.lstrip().startswith(("{", "["))):
        return run_core(feedback, geometry_input.parse_area_of_interest, value, name)
    if isinstance(value, QgsMapLayer) or isinstance(value, QgsProcessingFeatureSourceDefinition) \
            or isinstance(value, str):
        source = algorithm.parameterAsSource(parameters, name, context)
        if source is None:
            raise QgsProcessingException(
                tr("{name}: \"{value}\" is neither a polygon layer nor Esri JSON").format(
                    name=name, value=str(value)[:80]))
        return _source_geometry(source, name, feedback)
    raise QgsProcessingException(
        tr("{name}: unsupported value {value}").format(name=name, value=repr(value)[:80]))


def _source_geometry(source, name, feedback):
    """The union of a source's polygons as shapely, via WKB, with the source's CRS."""
    import shapely
    if QgsWkbTypes.geometryType(source.wkbType()) != QgsWkbTypes.PolygonGeometry:
        raise QgsProcessingException(
            tr("{name}: the layer must hold polygons").format(name=name))
    parts = []
    request = QgsFeatureRequest().setNoAttributes()
    for feature in source.getFeatures(request):
        if feedback is not None and feedback.isCanceled():
            raise QgsProcessingException(tr("Cancelled by the user; nothing was written."))
        geometry = feature.geometry()
        if geometry is None or geometry.isEmpty():
            continue
        parts.append(shapely.from_wkb(bytes(geometry.asWkb())))
    if not parts:
        raise QgsProcessingException(
            tr("{name}: the layer holds no polygons").format(name=name))
    area = geometry_input.polygonal_part(shapely.union_all(parts))
    # Curved or 3D input arrives flattened by WKB parsing; only area matters.
    if area.is_empty or area.area <= 0:
        raise QgsProcessingException(tr("{name}: the polygons have no area").format(name=name))
    return area, spatial_reference_of(source.sourceCrs())


# ---- responses ---------------------------------------------------------------

def response_outputs(body, response_format, name, stem):
    """Algorithm outputs for a REST body: ``name`` holds it in the ``f`` form asked for,
    and with f=html the same page is also the REPORT file ``stem``.html.
    """
    text = format_response(body, response_format)
    outputs = {name: text}
    if response_format == "html":
        outputs["REPORT"] = write_html_file(text, stem)
    return outputs


def format_response(obj, f):
    """``obj`` as the REST ``f`` asks: compact json, indented pjson, or an HTML report."""
    if f == "pjson":
        return json.dumps(obj, indent=2, ensure_ascii=False)
    if f == "html":
        return html_report(obj)
    return json.dumps(obj, separators=(",", ":"), ensure_ascii=False)


def html_report(obj, title=None):
    """A small self-contained page; every value escaped."""
    heading = html.escape(title or tr("Tile Package Tools"))
    rows = "".join(_html_rows(obj, ""))
    return ("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>"
            f"{heading}</title></head><body><h2>{heading}</h2>"
            f"<table border=\"1\" cellpadding=\"3\" cellspacing=\"0\">{rows}</table>"
            "</body></html>\n")


def _html_rows(obj, prefix):
    if isinstance(obj, dict):
        for key, value in obj.items():
            yield from _html_rows(value, f"{prefix}.{key}" if prefix else str(key))
    elif isinstance(obj, list) and obj and all(isinstance(item, dict) for item in obj):
        for number, item in enumerate(obj, 1):
            yield from _html_rows(item, f"{prefix}[{number}]")
    else:
        text = obj if isinstance(obj, str) else json.dumps(obj, ensure_ascii=False)
        yield f"<tr><th align=\"left\">{html.escape(prefix)}</th><td>{html.escape(text)}</td></tr>"


def write_html_file(text, stem="report"):
    """Write an HTML report where Processing keeps temporary files; its path.

    REPORT is declared a file output, not an HTML output: QGIS 3.22 ends every
    run of an algorithm with HTML outputs with "HTML output has been
    generated", even when f=json wrote none.
    """
    path = QgsProcessingUtils.generateTempFilename(f"{stem}.html")
    with open(path, "w", encoding="utf-8") as out:
        out.write(text)
    return path


def temporary_output(parameters, name):
    """True when the user left a destination at QGIS's "[Save to temporary file]"."""
    value = parameters.get(name)
    if hasattr(value, "sink"):
        value = value.sink.staticValue()
    return value == QgsProcessing.TEMPORARY_OUTPUT

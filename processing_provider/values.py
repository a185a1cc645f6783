"""The parameters of one run, read the way REST clients and QGIS write them.

``ParameterValues(algorithm, parameters, context, feedback)`` is handed to the
readers instead of those four values: each reader asks it for a value by
name. Bad values raise ``ParameterError`` naming the parameter; the base
algorithm shows them as one line.
"""
from qgis.core import QgsProcessing
from qgis.PyQt.QtCore import QVariant

from ..qgis_support.tr import tr
from ..tilecache.errors import ParameterError
from . import geometry_values

#: Words read as a boolean, in any case; QGIS itself reads any other non-empty
#: text ("no", "off") as true, which turned replaceTiles=no into replacing.
_TRUE_WORDS = {"true", "yes", "on", "1"}
_FALSE_WORDS = {"false", "no", "off", "0"}


class ParameterValues:
    """One run's parameter values; ``feedback`` is None for the checks before a run."""

    def __init__(self, algorithm, parameters, context, feedback=None):
        self.algorithm = algorithm
        self.parameters = parameters
        self.context = context
        self.feedback = feedback

    def defines(self, name):
        """True when the algorithm has a parameter ``name``."""
        return self.algorithm.parameterDefinition(name) is not None

    def raw(self, name):
        """The value as given (None for missing/empty), unwrapped from property definitions."""
        value = self.parameters.get(name)
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

    def text(self, name):
        """A string parameter, stripped ("" when unset)."""
        return self.algorithm.parameterAsString(self.parameters, name, self.context).strip()

    def enum(self, name, options, default, aliases=None):
        """A static-string enum read leniently: REST text in any case, or an index.

        QGIS compares static strings exactly, but REST clients write "levelId" for
        "LevelID" and older scripts pass indices, so matching is done here.
        """
        value = self.raw(name)
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
        raise ParameterError(tr("{name}: \"{value}\" is not one of {allowed}").format(
            name=name, value=text, allowed=", ".join(options)))

    def boolean(self, name):
        """A boolean parameter: a text value must be a true/false word, else an error."""
        value = self.raw(name)
        if isinstance(value, str):
            word = value.strip().lower()
            if word in _TRUE_WORDS or word in _FALSE_WORDS:
                return word in _TRUE_WORDS
            raise ParameterError(
                tr("{name}: \"{value}\" is neither true nor false (true/false, yes/no, "
                   "on/off, 1/0)").format(name=name, value=value.strip()))
        return self.algorithm.parameterAsBool(self.parameters, name, self.context)

    def whole_number(self, name, default):
        """An integer given as a number or text; ``default`` when unset."""
        value = self.raw(name)
        if value is None:
            return default
        try:
            number = float(value)
        except (TypeError, ValueError):
            number = float("nan")
        if number != number or number != int(number):
            raise ParameterError(
                tr("{name}: \"{value}\" is not a whole number").format(name=name, value=value))
        return int(number)

    def number(self, name, default):
        """A Double parameter; ``default`` when unset."""
        if self.raw(name) is None:
            return default
        return self.algorithm.parameterAsDouble(self.parameters, name, self.context)

    def count(self, name):
        """An Integer parameter as QGIS reads it (its default when unset)."""
        return self.algorithm.parameterAsInt(self.parameters, name, self.context)

    def colour(self, name):
        """A colour parameter as a QColor, or None when unset or invalid."""
        if self.raw(name) is None:
            return None
        colour = self.algorithm.parameterAsColor(self.parameters, name, self.context)
        return colour if colour.isValid() else None

    def file(self, name):
        """A File parameter's path ("" when unset)."""
        return self.algorithm.parameterAsFile(self.parameters, name, self.context)

    def file_output(self, name):
        """A file destination's path ("" when unset)."""
        return self.algorithm.parameterAsFileOutput(self.parameters, name, self.context)

    def layers(self, name):
        """A multiple-layers parameter's layers."""
        return self.algorithm.parameterAsLayerList(self.parameters, name, self.context)

    def is_temporary(self, name):
        """True when the user left a destination at QGIS's "[Save to temporary file]"."""
        value = self.parameters.get(name)
        if hasattr(value, "sink"):
            value = value.sink.staticValue()
        return value == QgsProcessing.TEMPORARY_OUTPUT

    def extent(self, name):
        """``(Extent, SpatialReference|None)`` from any extent form, or None when unset."""
        return geometry_values.read_extent(self, name)

    def area(self, name):
        """``(shapely polygon, SpatialReference|None)``, or None when unset."""
        return geometry_values.read_area(self, name)

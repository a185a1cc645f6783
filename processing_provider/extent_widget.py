"""The extent parameter whose dialog value always carries its CRS.

Four bare numbers are REST order (xmin,ymin,xmax,ymax) for the algorithms,
as both REST pages define them. QGIS's extent widget writes QGIS order
(xmin,xmax,ymin,ymax) and adds " [EPSG:n]" only when its output CRS is set,
which it is not when the user types numbers (QgsExtentWidget leaves its CRS
unset until a layer, the canvas or a typed "[EPSG:n]" gives one). So the
dialog would hand over a bare string meant in QGIS order. Here the widget
gets a CRS the moment it is made: the project's, or EPSG:4326, the CRS QGIS
gives a new project. Drawn, layer and typed extents then all arrive as
"xmin,xmax,ymin,ymax [EPSG:n]".

QGIS's Processing dialogs build a parameter's widget from the class named in
its ``widget_wrapper`` metadata; ``ExtentWithCrs`` makes QGIS's own extent
wrapper there and gives its widget the CRS, so everything else the widget
does (map canvas, layers, batch rows) stays QGIS's.
"""
from qgis.core import (QgsCoordinateReferenceSystem, QgsProcessingParameterExtent,
                       QgsProject)
from qgis.gui import QgsExtentWidget, QgsGui, QgsProcessingGui
from qgis.PyQt import sip

#: The dialog classes of Processing (by class name) and the widget kind each wants.
_DIALOG_TYPES = {"AlgorithmDialog": QgsProcessingGui.Standard,
                 "BatchAlgorithmDialog": QgsProcessingGui.Batch}
#: What QGIS gives a new project when no other CRS is configured.
FALLBACK_CRS = "EPSG:4326"


def extent_with_crs(name, label, optional=True):
    """An extent parameter whose dialog value always names its CRS."""
    parameter = QgsProcessingParameterExtent(name, label, optional=optional)
    parameter.setMetadata({"widget_wrapper": {"class": ExtentWithCrs}})
    return parameter


def dialog_crs():
    """The CRS a typed extent is meant in: the project's, else a new project's."""
    crs = QgsProject.instance().crs()
    return crs if crs.isValid() else QgsCoordinateReferenceSystem(FALLBACK_CRS)


class ExtentWithCrs:
    """Processing calls this class with (param, dialog, row, col); it answers
    QGIS's own wrapper, whose widget gets the CRS when it is created."""

    def __new__(cls, param, dialog, row=0, col=0):  # noqa: ARG003 - Processing's call
        kind = dialog.__class__.__name__
        if kind == "ModelerParametersDialog":
            # The modeler's widget wraps the extent widget out of reach; its
            # static values are the modeler's own, like every QGIS algorithm's.
            return QgsGui.processingGuiRegistry().createModelerParameterWidget(
                dialog.model, dialog.childId, param, dialog.context)
        wrapper = QgsGui.processingGuiRegistry().createParameterWidgetWrapper(
            param, _DIALOG_TYPES.get(kind, QgsProcessingGui.Standard))
        wrapper.setDialog(dialog)
        create = wrapper.createWrappedWidget

        def create_with_crs(context):
            widget = create(context)
            extent_widget = sip.cast(wrapper.wrappedWidget(), QgsExtentWidget)
            if extent_widget is not None and not extent_widget.outputCrs().isValid():
                empty = not extent_widget.isValid()
                extent_widget.setOutputCrs(dialog_crs())
                if empty:
                    # Setting a CRS shows the null box as "0,0,0,0 [EPSG:n]"; an
                    # untouched optional extent stays an empty line (the CRS is kept).
                    extent_widget.clear()
            return widget
        # Processing's panels call createWrappedWidget from Python, so the
        # instance attribute is what they call.
        wrapper.createWrappedWidget = create_with_crs
        return wrapper

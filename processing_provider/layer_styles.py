"""The style of a layer given by path: what its file stores, never a random colour.

Processing loads a layer named by a path or URI without its default style
(QgsProcessingUtils sets ``loadDefaultStyle = false``), and a vector layer
without a style gets a random colour: two runs of one command then drew two
different maps, so neither a resume nor a cluster run could match. Layers of
the project (or given as layer objects) keep their styles; a layer given by path
gets, in order:

1. its default style (``loadDefaultStyle``: a .qml beside the file, or the
   style the data source marks as default, e.g. GeoPackage ``layer_styles``
   with ``useAsDefault``);
2. else the first style the data source stores for it (``listStylesInDatabase``
   lists the layer's own styles first);
3. else a fixed symbol of one colour.
"""
from qgis.core import QgsMapLayerType, QgsSingleSymbolRenderer, QgsSymbol
from qgis.PyQt.QtGui import QColor
from qgis.PyQt.QtXml import QDomDocument

#: The colour of layers that store no style: QGIS's sand, with a dark outline.
FIXED_FILL = QColor(190, 178, 151)
FIXED_LINE = QColor(60, 60, 60)


def given_by_path(layer, context):
    """True when Processing loaded ``layer`` from a path or URI: such layers live in the
    context's temporary layer store (layers of the project, or layer objects handed
    to processing.run, keep the style they have)."""
    return context.temporaryLayerStore().mapLayer(layer.id()) is layer


def apply_stored_style(layer):
    """Give ``layer`` the style its source stores (see the module's order); its name."""
    _message, loaded = layer.loadDefaultStyle()
    if loaded:
        return "default"
    if layer.type() != QgsMapLayerType.VectorLayer:
        return "provider"  # rasters draw the same without a stored style
    if _first_stored_style(layer):
        return "first stored"
    _fixed_symbol(layer)
    return "fixed"


def _first_stored_style(layer):
    related, ids = layer.listStylesInDatabase()[:2]
    if not related:
        return False
    text = layer.getStyleFromDatabase(ids[0])[0]
    document = QDomDocument()
    if not text or not document.setContent(text)[0]:
        return False
    return layer.importNamedStyle(document)[0]


def _fixed_symbol(layer):
    symbol = QgsSymbol.defaultSymbol(layer.geometryType())
    if symbol is None:
        return
    symbol.setColor(FIXED_LINE if symbol.type() == QgsSymbol.Line else FIXED_FILL)
    if symbol.type() == QgsSymbol.Fill and symbol.symbolLayerCount():
        symbol.symbolLayer(0).setStrokeColor(FIXED_LINE)
    layer.setRenderer(QgsSingleSymbolRenderer(symbol))

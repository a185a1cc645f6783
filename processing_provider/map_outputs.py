"""Outputs on the map: what the tile algorithms ask QGIS to show after a run.

``load_output_on_completion`` asks QGIS to add an exported cache folder or
package to the project when the run ends, as a layer of the plugin's
``tilepackage`` provider (maplayer/), reading it in place: the layer is made
here, kept in the run's temporary layer store, and QGIS moves it into the
project for toolbox and batch runs (and ``processing.runAndLoadResults``);
``processing.run`` and qgis_process ignore the request.

Two runs must not add their output: a graphical model's intermediate output
(QGIS would load it with the model's results), and a batch run with "Load
layers on completion" unticked (QGIS hands each row a file output as plain
text either way and loads whatever the run asks for, so that box is read from
the batch dialog).

``refresh_layers_of`` shows an import's tiles in the open layers of the cache.
"""
import os

from qgis.core import QgsProcessing, QgsProcessingContext
from qgis.PyQt.QtWidgets import QApplication

from ..qgis_support.maplayer.layers import tile_layer
from ..qgis_support.maplayer.provider import PROVIDER_KEY


def model_intermediate(context, raw_output):
    """True for a child of a graphical model whose output is not a model output: QGIS
    runs the children with the model's expression scope in the context and hands an
    intermediate output over as TEMPORARY_OUTPUT."""
    in_model = any(scope.name() == "Model" for scope in context.expressionContext().scopes())
    return in_model and raw_output == QgsProcessing.TEMPORARY_OUTPUT


def batch_declines_loading(algorithm_id):
    """True while a batch dialog of ``algorithm_id`` is open with "Load layers on
    completion" unticked."""
    for widget in QApplication.topLevelWidgets():
        if type(widget).__name__ == "BatchAlgorithmDialog" and widget.isVisible() \
                and widget.algorithm().id() == algorithm_id:
            return not widget.mainWidget().checkLoadLayersOnCompletion.isChecked()
    return False


def load_output_on_completion(context, output, algorithm_id="", raw_output=None):
    """Ask QGIS to show the cache folder or package ``output`` when the run ends; True if
    asked. Call on the main thread (postProcessAlgorithm): the layer is made here.
    ``raw_output``, the output parameter as given, tells a model's intermediate."""
    if context.project() is None or not os.path.exists(output):
        return False
    if model_intermediate(context, raw_output) or batch_declines_loading(algorithm_id):
        return False
    layer = tile_layer(output)
    if not layer.isValid():
        return False
    context.temporaryLayerStore().addMapLayer(layer)
    details = QgsProcessingContext.LayerDetails(layer.name(), context.project(), "OUTPUT")
    context.addLayerToLoadOnCompletion(layer.id(), details)
    return True


def refresh_layers_of(project, cache_folder):
    """Show the new tiles of ``cache_folder`` in the project's layers of it; how many.
    (Each draw reads the cache as it is now; a repaint is all it takes.)"""
    if project is None:
        return 0
    folder = os.path.realpath(cache_folder)
    count = 0
    for layer in project.mapLayers().values():
        if layer.providerType() != PROVIDER_KEY:
            continue
        source = os.path.realpath(layer.source())
        if folder in (source, os.path.dirname(source)):
            layer.triggerRepaint()
            count += 1
    return count

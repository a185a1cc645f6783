"""Outputs on the map: what the tile algorithms ask QGIS to show after a run.

``load_output_on_completion`` asks QGIS to add an exported cache folder or
package to the project when the run ends. QGIS loads such layers for toolbox
and batch runs (and ``processing.runAndLoadResults``) only; ``processing.run``
and qgis_process ignore the request, so scripts see no change. A folder QGIS's
GDAL reads as it is is registered as its conf.xml. Anything else (a package,
512 px tiles on GDAL < 3.9.1, PNG8) must never be handed to that GDAL: QGIS
would refuse it or crash. Those go through the plugin's drop-handler path,
``plugin.map_opener.open_in_map``, which builds a view in the background:
QGIS can only load layers on completion through its own providers, so the run
registers a stand-in (a memory table) whose post-processor, called where QGIS
loads results, removes it and opens the output with ``open_in_map``.

``refresh_layers_of`` shows an import's tiles in the open layers of the cache.
"""
import os

from osgeo import gdal
from qgis.core import (QgsProcessingContext, QgsProcessingLayerPostProcessorInterface,
                       QgsProject, QgsVectorLayer)
from qgis.PyQt.QtCore import QTimer

from ..tilecache.errors import TileCacheError
from ..tilecache.view.build import view_needs


def load_output_on_completion(context, output):
    """Ask QGIS to show the cache folder or package ``output`` when the run ends; True if
    asked. Call on the main thread (postProcessAlgorithm): a stand-in layer is made here."""
    if context.project() is None or not os.path.exists(output):
        return False
    try:
        direct = view_needs(output, gdal.VersionInfo()).direct
    except TileCacheError:
        return False
    name = os.path.splitext(os.path.basename(os.path.normpath(output)))[0]
    details = QgsProcessingContext.LayerDetails(name, context.project(), "OUTPUT")
    if direct:
        context.addLayerToLoadOnCompletion(os.path.join(output, "conf.xml"), details)
        return True
    stand_in = QgsVectorLayer("None", name, "memory")
    context.temporaryLayerStore().addMapLayer(stand_in)
    details.setPostProcessor(OutputOpener.keep(stand_in, output))
    context.addLayerToLoadOnCompletion(stand_in.id(), details)
    return True


class OutputOpener(QgsProcessingLayerPostProcessorInterface):
    """Swaps the stand-in QGIS loaded for the output, opened as a dropped package is."""

    #: Openers by stand-in id: QGIS keeps no Python reference to a post-processor.
    LIVE = {}

    def __init__(self, output):
        super().__init__()
        self.output = output

    @classmethod
    def keep(cls, stand_in, output):
        opener = cls.LIVE[stand_in.id()] = cls(output)
        # A run whose results are never loaded (processing.run) drops the stand-in.
        stand_in.willBeDeleted.connect(lambda layer_id=stand_in.id(): cls.LIVE.pop(layer_id, None))
        return opener

    def postProcessLayer(self, layer, context, feedback):  # noqa: N802 - QGIS API name
        from qgis.utils import iface
        from ..qgis_support.map_opener import open_in_map
        project = context.project() or QgsProject.instance()
        # Removed once QGIS is done with the stand-in it just added.
        QTimer.singleShot(0, lambda layer_id=layer.id(): project.removeMapLayer(layer_id))
        open_in_map(self.output, iface.messageBar() if iface is not None else None, project)


def refresh_layers_of(project, cache_folder):
    """Show the new tiles of ``cache_folder`` in the project's layers of it; how many.

    A layer reading the cache reloads at once; a layer showing a view of it (tiles GDAL
    must not read as they are) gets a fresh view, built in the background."""
    if project is None:
        return 0
    from qgis.utils import iface
    from ..qgis_support.map_opener import SOURCE_PROPERTY, open_in_map, source_key
    conf = os.path.realpath(os.path.join(cache_folder, "conf.xml"))
    count = 0
    for layer in project.mapLayers().values():
        if os.path.realpath(layer.source().split("|", 1)[0]) == conf:
            layer.dataProvider().reloadData()
            layer.triggerRepaint()
        elif layer.customProperty(SOURCE_PROPERTY) == source_key(cache_folder):
            open_in_map(cache_folder, iface.messageBar() if iface is not None else None,
                        project, layer)
        else:
            continue
        count += 1
    return count

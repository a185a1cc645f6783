"""Outputs on the map: what the tile algorithms ask QGIS to show after a run.

``load_output_on_completion`` registers an exported cache folder as a layer
to load when the run ends. QGIS loads such layers for toolbox and batch runs
only; ``processing.run`` and qgis_process ignore the request, so scripts see
no change. Only a folder QGIS's GDAL reads as it is is registered (never a
512 px cache on GDAL < 3.9.1, which would crash QGIS); packages open through
the plugin's drop handler and Layer menu.

``refresh_layers_of`` repaints open layers of a cache after an import.
"""
import os

from osgeo import gdal
from qgis.core import QgsProcessingContext

from ..tilecache.errors import TileCacheError
from ..tilecache.view.build import view_needs


def load_output_on_completion(context, output):
    """Ask QGIS to add the cache folder ``output`` to the project when the run ends."""
    conf = os.path.join(output, "conf.xml")
    if not os.path.isfile(conf) or context.project() is None:
        return False
    try:
        if not view_needs(output, gdal.VersionInfo()).direct:
            return False
    except TileCacheError:
        return False
    name = os.path.basename(os.path.normpath(output))
    context.addLayerToLoadOnCompletion(
        conf, QgsProcessingContext.LayerDetails(name, context.project(), "OUTPUT"))
    return True


def refresh_layers_of(project, cache_folder):
    """Reload and repaint the project's layers showing ``cache_folder``; how many."""
    if project is None:
        return 0
    conf = os.path.realpath(os.path.join(cache_folder, "conf.xml"))
    count = 0
    for layer in project.mapLayers().values():
        source = layer.source().split("|", 1)[0]
        if os.path.realpath(source) == conf:
            layer.dataProvider().reloadData()
            layer.triggerRepaint()
            count += 1
    return count

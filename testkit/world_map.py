"""The world map QGIS ships (world_map.gpkg), as styled layers for render tests and the bench.

Its layers carry their styles in the GeoPackage; labels are switched on here
(country names) so that tests see labels at tile edges.
"""
import os

WORLD_MAP = "/usr/share/qgis/resources/data/world_map.gpkg"
LAYERS = ("countries", "states_provinces", "disputed_borders")


def available():
    return os.path.exists(WORLD_MAP)


def world_layers(names=LAYERS, labels=True):
    """QgsVectorLayers of world_map.gpkg (default styles loaded), country names labelled."""
    from qgis.core import QgsVectorLayer
    layers = []
    for name in names:
        layer = QgsVectorLayer(f"{WORLD_MAP}|layername={name}", name, "ogr")
        if not layer.isValid():
            raise RuntimeError(f"{WORLD_MAP}: no layer {name}")
        if labels and name == "countries":
            label_names(layer, "NAME")
        layers.append(layer)
    return layers


def label_names(layer, field):
    from qgis.core import QgsPalLayerSettings, QgsTextFormat, QgsVectorLayerSimpleLabeling
    from qgis.PyQt.QtGui import QColor
    settings = QgsPalLayerSettings()
    settings.fieldName = field
    text = QgsTextFormat()
    text.setSize(9)
    text.setColor(QColor(20, 20, 20))
    settings.setFormat(text)
    layer.setLabeling(QgsVectorLayerSimpleLabeling(settings))
    layer.setLabelsEnabled(True)


def write_project(path, names=LAYERS):
    """A .qgz project holding the world map's layers (labels on), for --PROJECT_PATH runs."""
    from qgis.core import QgsProject
    project = QgsProject()
    project.addMapLayers(world_layers(names))
    if not project.write(str(path)):
        raise RuntimeError(f"{path}: cannot write the project")
    return path

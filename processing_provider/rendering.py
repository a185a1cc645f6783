"""QGIS draws the map for the core's render export: map settings, parallel map jobs.

The core (tilecache/render) asks for RGBA pixels of extents; this module
answers with several QgsMapRendererSequentialJob at once, each drawing one
metatile on its own thread, so every core is busy. (A ParallelJob draws each
layer into an image of its own and composes them: measured here 3-4 times
slower per metatile of 2304 px than one sequential job.)
"""
import hashlib
import os

import numpy as np
from qgis.core import (QgsCoordinateReferenceSystem, QgsCoordinateTransform, QgsGeometry,
                       QgsLabelingEngineSettings,
                       QgsMapRendererSequentialJob, QgsMapSettings, QgsRectangle)
from qgis.PyQt.QtCore import QSize
from qgis.PyQt.QtGui import QColor, QImage
from qgis.PyQt.QtXml import QDomDocument

from ..tilecache.model import Extent
from ..tilecache.render.metatiles import DEFAULT_MARGIN

#: Map jobs drawn at once: one per core.
DEFAULT_JOBS = max(1, os.cpu_count() or 1)


def map_settings(layers, crs, dpi, antialiasing, background, context):
    """The QgsMapSettings every metatile starts from: layers (first on top), CRS, styling."""
    settings = QgsMapSettings()
    settings.setLayers(layers)
    settings.setDestinationCrs(crs)
    settings.setTransformContext(context.transformContext())
    settings.setOutputDpi(dpi)
    settings.setBackgroundColor(QColor(*background))
    settings.setOutputImageFormat(QImage.Format_ARGB32_Premultiplied)
    settings.setFlag(QgsMapSettings.Antialiasing, antialiasing)
    settings.setFlag(QgsMapSettings.DrawLabeling, True)
    settings.setFlag(QgsMapSettings.UseAdvancedEffects, True)
    settings.setFlag(QgsMapSettings.RenderMapTile, True)
    if context.project() is not None:
        settings.setEllipsoid(context.project().ellipsoid())
        settings.setLabelingEngineSettings(context.project().labelingEngineSettings())
    return settings


class QgisRenderer:
    """The core's Renderer: ``render_many`` draws up to ``batch`` extents at once.

    Labels are placed only wholly inside a metatile, not in its ``margin`` (pixels
    the core draws around it and throws away): QGIS places the labels of each
    metatile on its own, so a label crossing a metatile edge was drawn on one side
    and placed elsewhere, or not at all, on the other ("ance" for France). Inside
    its metatile, a label lies in tiles cut from the same image.
    """

    def __init__(self, settings, jobs=DEFAULT_JOBS, margin=DEFAULT_MARGIN):
        self.template = settings
        self.batch = max(1, int(jobs))
        self.margin = margin

    def render_many(self, requests):
        jobs = [QgsMapRendererSequentialJob(self._settings(*request)) for request in requests]
        for job in jobs:
            job.start()
        images = []
        for job in jobs:
            job.waitForFinished()
            images.append(rgba_array(job.renderedImage()))
        return images

    def _settings(self, extent, width, height):
        settings = QgsMapSettings(self.template)
        settings.setOutputSize(QSize(width, height))
        settings.setExtent(QgsRectangle(*extent))
        if self.margin:
            pad_x = extent.width / width * self.margin
            pad_y = extent.height / height * self.margin
            core = QgsRectangle(extent.xmin + pad_x, extent.ymin + pad_y,
                                extent.xmax - pad_x, extent.ymax - pad_y)
            settings.setLabelBoundaryGeometry(QgsGeometry.fromRect(core))
            engine = settings.labelingEngineSettings()
            engine.setFlag(QgsLabelingEngineSettings.UsePartialCandidates, False)
            settings.setLabelingEngineSettings(engine)
        return settings


def rgba_array(image):
    """A QImage as a height x width x 4 uint8 array, straight (not premultiplied) alpha."""
    image = image.convertToFormat(QImage.Format_RGBA8888)
    width, height = image.width(), image.height()
    data = image.constBits().asstring(image.bytesPerLine() * height)
    array = np.frombuffer(data, dtype=np.uint8).reshape(height, image.bytesPerLine())
    return array[:, :width * 4].reshape(height, width, 4).copy()


def layers_extent(layers, crs, context):
    """The layers' combined extent in ``crs``, limited to where ``crs`` is valid; or None."""
    total = None
    for layer in layers:
        rect = _layer_extent(layer, crs, context)
        if rect is not None:
            total = rect.union(total)
    return total


def _layer_extent(layer, crs, context):
    """Through WGS84, cut to the CRS's area of use: Web Mercator has no poles."""
    rect = layer.extent()
    if rect.isNull() or rect.isEmpty() or not layer.crs().isValid():
        return None
    wgs84 = QgsCoordinateReferenceSystem("EPSG:4326")
    transforms = context.transformContext()
    try:
        geo = QgsCoordinateTransform(layer.crs(), wgs84, transforms).transformBoundingBox(rect)
        if not crs.bounds().isEmpty():
            geo = geo.intersect(crs.bounds())
        if geo.isEmpty():
            return None
        out = QgsCoordinateTransform(wgs84, crs, transforms).transformBoundingBox(geo)
    except Exception:  # noqa: BLE001 - QgsCsException: the layer lies outside the CRS
        return None
    if out.isEmpty():
        return None
    return Extent(out.xMinimum(), out.yMinimum(), out.xMaximum(), out.yMaximum())


def drawing_fingerprint(layers, dpi, antialiasing):
    """What decides the pixels besides the scheme: layer sources, styles, dpi, antialiasing.

    Styles are hashed from their content, not their XML text: Qt writes an
    element's attributes in the order of a per-process hash seed, so the text of
    one style differs from one run to the next and a resume in a new process
    would never match.
    """
    digest = hashlib.sha256(f"{dpi}|{antialiasing}".encode())
    for layer in layers:
        document = QDomDocument()
        layer.exportNamedStyle(document)
        digest.update(layer.source().encode())
        _hash_node(digest, document.documentElement())
    return digest.hexdigest()


def _hash_node(digest, node):
    """An element's name, attributes sorted by name, text and children in order."""
    element = node.toElement()
    digest.update(b"<" + element.tagName().encode())
    attributes = element.attributes()
    pairs = sorted((attributes.item(i).nodeName(), attributes.item(i).nodeValue())
                   for i in range(attributes.count()))
    for name, value in pairs:
        digest.update(f" {name}=".encode())
        _hash_value(digest, value)
    digest.update(b">")
    child = node.firstChild()
    while not child.isNull():
        if child.isElement():
            _hash_node(digest, child)
        elif child.isText() or child.isCDATASection():
            _hash_value(digest, child.nodeValue())
        child = child.nextSibling()
    digest.update(b"</>")


def _hash_value(digest, value):
    """Text, or XML kept as text (a symbol inside a labeling Option): hashed as content."""
    if value.startswith("<"):
        inner = QDomDocument()
        if inner.setContent(value)[0]:
            _hash_node(digest, inner.documentElement())
            return
    digest.update(repr(value).encode())

"""Opening a tile cache or package in the map, whatever QGIS's GDAL can read.

``open_in_map(path)`` adds a raster layer: a cache folder GDAL reads as it is
opens directly; anything else (a .tpk/.tpkx, 512 px tiles on GDAL < 3.9.1,
PNG8 tiles) first gets a view built by the core (tilecache/view) in a
``QgsTask``, reused while the package is unchanged. GDAL is never handed
something that could crash QGIS. Repaired and undecodable tiles are reported
in the message bar. A layer showing a view names its source in the custom
property SOURCE_PROPERTY; ``open_in_map(path, layer=that_layer)`` points it
at a fresh view of a changed source instead of adding a layer.
"""
import os
import shutil

from osgeo import gdal
from qgis.core import (Qgis, QgsApplication, QgsMessageLog, QgsProject, QgsRasterLayer,
                       QgsTask)
from qgis.PyQt import sip

from ..tilecache.errors import TileCacheError
from ..tilecache.pipeline.opening import open_cache
from ..tilecache.view.build import build_view, view_needs
from . import package_views
from .package_views import built_view, view_folder
from .task_feedback import TaskFeedback
from .tr import tr

#: The layer's custom property holding source_key() of what its view shows.
SOURCE_PROPERTY = "tile_package_tools/source"
#: Tasks still running, kept referenced: QGIS's task manager does not keep
#: the Python object alive, and a collected task never reports back.
_RUNNING = set()


def source_key(path):
    """The real path of a package or cache folder (for its conf.xml as well)."""
    real = os.path.realpath(path)
    return os.path.dirname(real) if os.path.basename(real).lower() == "conf.xml" else real


def layer_title(path):
    """The package's own title (iteminfo), else the file or folder name."""
    try:
        with open_cache(path) as reader:
            title = reader.item_info.title if reader.item_info else None
    except TileCacheError:
        title = None
    base = path[:-len("conf.xml")] if path.lower().endswith("conf.xml") else path
    return title or os.path.splitext(os.path.basename(base.rstrip("/\\")))[0]


def open_in_map(path, message_bar=None, project=None, layer=None):
    """Add ``path`` as a layer now, or start the task that builds its view; the task or None.
    With ``layer`` (a layer showing a view of ``path``), that layer shows the new view."""
    project = project or QgsProject.instance()
    try:
        needs = view_needs(path, gdal.VersionInfo())
    except TileCacheError as exc:
        _tell(message_bar, str(exc), Qgis.Critical)
        return None
    if needs.direct and layer is None:
        conf = path if os.path.isfile(path) else os.path.join(path, "conf.xml")
        _add_layer(conf, layer_title(path), project, message_bar)
        return None
    existing = built_view(path)
    if existing:
        _show_view(existing, path, project, message_bar, layer)
        return None
    task = ViewTask(path, needs, message_bar, project)
    task.replacing = layer
    _RUNNING.add(task)
    QgsApplication.taskManager().addTask(task)
    return task


def _add_layer(conf, title, project, message_bar):
    layer = QgsRasterLayer(conf, title, "gdal")
    if not layer.isValid():
        _tell(message_bar, tr("{path}: QGIS cannot open the tile cache").format(path=conf),
              Qgis.Critical)
        return None
    project.addMapLayer(layer)
    return layer


def _show_view(conf, path, project, message_bar, layer=None):
    """The view ``conf`` of ``path`` as a new layer, or in ``layer`` in place of its old view
    (which is deleted); the layer."""
    if layer is None:
        layer = _add_layer(conf, layer_title(path), project, message_bar)
    elif sip.isdeleted(layer):
        return None  # removed from the project while its new view was built
    else:
        old = os.path.dirname(layer.source())
        layer.setDataSource(conf, layer.name(), "gdal")
        layer.triggerRepaint()
        if os.path.dirname(old) == package_views.views_root() and old != os.path.dirname(conf):
            shutil.rmtree(old, ignore_errors=True)
    if layer is not None:
        layer.setCustomProperty(SOURCE_PROPERTY, source_key(path))
    return layer


def _tell(message_bar, text, level=Qgis.Info):
    QgsMessageLog.logMessage(text, tr("Tile Package Tools"), level)
    if message_bar is not None:
        message_bar.pushMessage(tr("Tile Package Tools"), text, level, 10)


class ViewTask(QgsTask):
    """Builds a package's view in the background, then adds it to the map."""

    def __init__(self, path, needs, message_bar, project):
        super().__init__(tr("Preparing {name} for the map").format(
            name=os.path.basename(path)), QgsTask.CanCancel)
        self.path, self.needs = path, needs
        self.message_bar, self.project = message_bar, project
        self.report, self.error, self.layer = None, None, None
        #: A layer showing an older view of ``path``, to show this one instead.
        self.replacing = None

    def run(self):
        folder = view_folder(self.path)
        try:
            os.makedirs(os.path.dirname(folder), exist_ok=True)
            self.report = build_view(self.path, folder, self.needs, TaskFeedback(self))
        except (TileCacheError, OSError) as exc:
            self.error = str(exc)
            return False
        return True

    def finished(self, result):  # noqa: D401 - QgsTask API
        _RUNNING.discard(self)
        if not result:
            _tell(self.message_bar, self.error or tr("{path}: cancelled").format(path=self.path),
                  Qgis.Critical)
            return
        self.layer = _show_view(self.report.conf_xml, self.path, self.project,
                                self.message_bar, self.replacing)
        self._report_fixes()

    def _report_fixes(self):
        if self.report.repaired:
            _tell(self.message_bar, tr(
                "{name}: {count} tiles lacked the first 4 bytes of the PNG signature and were "
                "repaired").format(name=os.path.basename(self.path), count=self.report.repaired))
        if self.report.damaged:
            _tell(self.message_bar, "{}: {}".format(os.path.basename(self.path),
                                                    self.report.damage_text()), Qgis.Warning)

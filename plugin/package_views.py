"""Where the views of tile packages live, and when one can be reused.

A view is keyed by the package's absolute path, size and modification time:
while the package is unchanged its view is reused; a changed package gets a
new view. All views sit under one folder of the QGIS profile, which the
plugin's "Remove tile package views" action empties.
"""
import hashlib
import os
import shutil

from qgis.core import QgsApplication


def views_root():
    """The folder holding every view (in the active QGIS profile)."""
    return os.path.join(QgsApplication.qgisSettingsDirPath(), "tile_package_tools", "views")


def view_folder(path):
    """The view folder for ``path`` as it is now (not necessarily built yet)."""
    real = os.path.realpath(path)
    stat = os.stat(real)
    digest = hashlib.sha256(f"{real}|{stat.st_size}|{stat.st_mtime_ns}".encode()).hexdigest()
    stem = os.path.splitext(os.path.basename(real))[0][:40]
    return os.path.join(views_root(), f"{stem}-{digest[:16]}")


def built_view(path):
    """The conf.xml of a finished view of ``path`` as it is now, or None."""
    conf = os.path.join(view_folder(path), "conf.xml")
    return conf if os.path.isfile(conf) else None


def remove_views():
    """Delete every view; returns how many folders went."""
    root = views_root()
    if not os.path.isdir(root):
        return 0
    names = os.listdir(root)
    shutil.rmtree(root, ignore_errors=True)
    return len(names)

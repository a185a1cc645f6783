"""Where the views of tile packages live, and when one can be reused.

A view is keyed by the source's absolute path and state (a package's size
and modification time, a cache folder's conf.xml and level folder times):
while the source is unchanged its view is reused; a changed one (a package
rewritten, tiles imported into a cache) gets a new view. All views sit under
one folder of the QGIS profile, which the plugin's "Remove tile package views"
action empties.
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
    digest = hashlib.sha256(f"{real}|{source_state(real)}".encode()).hexdigest()
    stem = os.path.splitext(os.path.basename(real))[0][:40]
    return os.path.join(views_root(), f"{stem}-{digest[:16]}")


def source_state(real):
    """What changes when the tiles of ``real`` change: a package's size and time; for a
    cache folder (or its conf.xml) the times of conf.xml and of each level folder, where
    writers rename new bundles into place. A few stats, never a walk of the tiles."""
    folder = os.path.dirname(real) if os.path.basename(real).lower() == "conf.xml" else real
    if not os.path.isdir(folder):
        stat = os.stat(real)
        return f"{stat.st_size}|{stat.st_mtime_ns}"
    levels = os.path.join(folder, "_alllayers")
    watched = [os.path.join(folder, "conf.xml"), levels]
    if os.path.isdir(levels):
        watched += sorted(entry.path for entry in os.scandir(levels) if entry.is_dir())
    return "|".join(str(os.stat(name).st_mtime_ns) for name in watched if os.path.exists(name))


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

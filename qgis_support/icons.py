"""Where the plugin's icons are: the plugin icon and one SVG per algorithm or item."""
import os

from qgis.PyQt.QtGui import QIcon

PLUGIN_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ICONS_DIR = os.path.join(PLUGIN_DIR, "icons")
#: The plugin's own icon (metadata.txt names it too).
PLUGIN_ICON = os.path.join(PLUGIN_DIR, "icon.svg")


def icon_path(name):
    """The path of ``icons/<name>.svg``."""
    return os.path.join(ICONS_DIR, f"{name}.svg")


def icon(name):
    """``icons/<name>.svg`` as a QIcon."""
    return QIcon(icon_path(name))

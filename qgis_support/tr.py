"""The single translation helper for every user-visible string."""
from qgis.PyQt.QtCore import QCoreApplication


def tr(text, context="TilePackageTools"):
    # One shared context keeps i18n/ to a single .ts file per language and
    # lets pylupdate5 find every string via the literal `tr(` call.
    return QCoreApplication.translate(context, text)

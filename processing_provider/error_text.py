"""Core errors in the user's language, at the one place they become QGIS's.

The core stays free of qgis and writes English (its text is also the REST
error body, which stays as the REST pages write it). Here, where a core error
becomes the exception QGIS shows (``algorithm.processing_exception``), its text is shown
translated: a core message reads ``[path: ][parameter: ]part; part; ...``,
and each part the table below knows is replaced by its translation, the
values it holds carried over. A part the table does not know stays as the
core wrote it.
"""
import re

from ..tilecache.errors import TileCacheError
from ..qgis_support.tr import tr

#: A leading "name: " that is a REST parameter (levels, exportExtent, ...).
_PARAMETER = re.compile(r"^(?P<name>[A-Za-z][A-Za-z0-9_]*): (?P<rest>.*)$")
_NUMBER = r"-?[\d.e+-]+"


def _table():
    """(pattern, translated template) for each known part; built per call, so the
    language loaded at that moment is used."""
    return [
        (rf"level (?P<level>-?\d+) is not in the cache",
         tr("level {level} is not in the cache")),
        (r"it has levels (?P<levels>[\d,-]+)", tr("it has levels {levels}")),
        (r"tiles exist at levels (?P<levels>[\d,-]+) within (?P<box>\S+) "
         r"\(xmin,ymin,xmax,ymax in (?P<sr>.+)\)",
         tr("tiles exist at levels {levels} within {box} (xmin,ymin,xmax,ymax in {sr})")),
        (r"it holds no tiles", tr("it holds no tiles")),
        (r"nothing to export: no tiles of the cache lie in the chosen levels and extent",
         tr("nothing to export: no tiles of the cache lie in the chosen levels and extent")),
        (r"nothing to export: the chosen levels and extent hold no tile slot of the service",
         tr("nothing to export: the chosen levels and extent hold no tile slot of the "
            "service")),
        (r"a tile cache configuration \(ArcGIS conf\.xml\) with no tiles beside it, not a "
         r"tile package: give the cache's folder, which holds conf\.xml and _alllayers, or a "
         r"\.tpk or \.tpkx",
         tr("a tile cache configuration (ArcGIS conf.xml) with no tiles beside it, not a tile "
            "package: give the cache's folder, which holds conf.xml and _alllayers, or a .tpk "
            "or .tpkx")),
        (r"not a zip archive \(tile packages are zip files\)",
         tr("not a zip archive (tile packages are zip files)")),
        (r"no such file or folder", tr("no such file or folder")),
        (r"not a tile cache: no conf\.xml \(or root\.json\) in this folder",
         tr("not a tile cache: no conf.xml (or root.json) in this folder")),
        (rf"The export would hold (?P<count>\d+) tiles, more than maxExportTilesCount "
         rf"\((?P<limit>\d+)\)\. Choose fewer levels, a smaller extent, or raise the limit\.",
         tr("The export would hold {count} tiles, more than maxExportTilesCount ({limit}). "
            "Choose fewer levels, a smaller extent, or raise the limit.")),
        (rf"(?P<low>[xy]min) (?P<a>{_NUMBER}) must be less than (?P<high>[xy]max) "
         rf"(?P<b>{_NUMBER}) \(four bare numbers are REST order xmin,ymin,xmax,ymax",
         tr("{low} {a} must be less than {high} {b} (four bare numbers are REST order "
            "xmin,ymin,xmax,ymax")),
        (r"the QGIS order xmin,xmax,ymin,ymax needs its CRS: "
         r"\"xmin,xmax,ymin,ymax \[EPSG:3857\]\"\)",
         tr("the QGIS order xmin,xmax,ymin,ymax needs its CRS: "
            "\"xmin,xmax,ymin,ymax [EPSG:3857]\")")),
        (r"the output would overwrite or sit inside the source cache",
         tr("the output would overwrite or sit inside the source cache")),
        (r"choose another place", tr("choose another place")),
        # A cancel (tilecache/render/journal.py Journal.cancelled).
        (r"Cancelled by the user", tr("Cancelled by the user")),
        (r"nothing was written\.", tr("nothing was written.")),
        (r"the output was not written\. The (?P<kept>\d+) bundles rendered so far are kept in "
         r"(?P<folder>.+): the same command run again renders only the rest",
         tr("the output was not written. The {kept} bundles rendered so far are kept in "
            "{folder}: the same command run again renders only the rest")),
        (r"the output was not written\. The (?P<kept>\d+) bundles fetched so far are kept in "
         r"(?P<folder>.+): the same command run again fetches only the rest",
         tr("the output was not written. The {kept} bundles fetched so far are kept in "
            "{folder}: the same command run again fetches only the rest")),
        (r"delete that folder to discard them\.", tr("delete that folder to discard them.")),
        (r"the exportTiles job's output holds no \.tpk or \.tpkx \(files: (?P<files>.*)\)",
         tr("the exportTiles job's output holds no .tpk or .tpkx (files: {files})")),
    ]


def translated_error(exc):
    """The text of a core error (TileCacheError) in the user's language."""
    if type(exc).__str__ is not TileCacheError.__str__:
        return str(exc)  # a subclass with its own form (VectorTilesError)
    table = [(re.compile(f"^{pattern}$"), template) for pattern, template in _table()]
    text = exc.message
    head = ""
    named = _PARAMETER.match(text)
    if named and not any(p.match(text) for p, _ in table):
        head, text = f"{named.group('name')}: ", named.group("rest")
    parts = [_translated_part(part, table) for part in text.split("; ")]
    message = head + "; ".join(parts)
    return f"{exc.path}: {message}" if exc.path else message


def _translated_part(part, table):
    for pattern, template in table:
        found = pattern.match(part)
        if found:
            return template.format(**found.groupdict())
    return part

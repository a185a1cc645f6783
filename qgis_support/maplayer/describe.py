"""What a tile layer tells the user: the package's title and summary as layer
metadata; levels, tile count, scheme and format in the layer's Information tab."""
import html as html_text
import os

from qgis.core import QgsLayerMetadata

from ..tr import tr
from ...tilecache.errors import TileCacheError
from ...tilecache.mapview.map_source import shared_source
from ...tilecache.mapview.summary import summarise

#: Summaries by source key: the tile count reads every bundle index once.
_SUMMARIES = {}


def layer_name(path):
    """The layer's and Browser item's name: the file or folder name, as users name it
    (a cache's conf.xml is named after its folder)."""
    base = os.path.normpath(path)
    if os.path.basename(base).lower() == "conf.xml":
        base = os.path.dirname(base)
    name = os.path.basename(base)
    return os.path.splitext(name)[0] if os.path.isfile(base) else name


def layer_metadata(item_info):
    """QgsLayerMetadata holding the package's title, summary, description and tags."""
    metadata = QgsLayerMetadata()
    if item_info is None:
        return metadata
    metadata.setTitle(item_info.title or item_info.name or "")
    metadata.setAbstract("\n\n".join(text for text in (item_info.summary or item_info.snippet,
                                                        item_info.description) if text))
    metadata.setKeywords({tr("Tags"): list(item_info.tags)} if item_info.tags else {})
    if item_info.license_info:
        metadata.setLicenses([item_info.license_info])
    return metadata


def summary_of(path):
    """The SourceSummary of ``path`` as it is now (computed once per state)."""
    source = shared_source(path)
    if source.key not in _SUMMARIES:
        _SUMMARIES[source.key] = source.with_reader(summarise)
    return _SUMMARIES[source.key]


def html(path):
    """The rows QGIS shows in the layer's Information tab."""
    try:
        facts = summary_of(path)
    except (TileCacheError, OSError) as exc:
        return _row(tr("Error"), str(exc))
    levels = f"{facts.levels[0]}-{facts.levels[-1]} ({len(facts.levels)})" if facts.levels \
        else "-"
    rows = [(tr("Kind"), facts.kind), (tr("Levels"), levels),
            (tr("Tile count"), f"{facts.tile_count:,}"),
            (tr("Tiling scheme"), tr("{crs}, {width} x {height} px tiles, origin {x}, {y}").format(
                crs=facts.crs, width=facts.tile_size[0], height=facts.tile_size[1],
                x=facts.origin[0], y=facts.origin[1])),
            (tr("Tile format"), facts.tile_format), (tr("Storage format"), facts.storage)]
    source = shared_source(path)
    if source.repaired:
        rows.append((tr("Tiles repaired so far (PNG signature)"), _tile_list(source.repaired)))
    if source.damaged:
        rows.append((tr("Tiles that do not decode (coarser tiles shown)"),
                     _tile_list(source.damaged)))
    return "".join(_row(name, value) for name, value in rows)


def _tile_list(keys, named=5):
    """"3: level 1 row 0 col 0, ..." for the first ``named`` tiles of ``keys``."""
    shown = ", ".join(tr("level {level} row {row} col {col}").format(level=level, row=row,
                                                                    col=col)
                      for level, row, col in sorted(keys)[:named])
    return f"{len(keys)}: {shown}" + (", …" if len(keys) > named else "")


def _row(name, value):
    return f"<tr><td class=\"highlight\">{html_text.escape(name)}</td>" \
        f"<td>{html_text.escape(str(value))}</td></tr>\n"

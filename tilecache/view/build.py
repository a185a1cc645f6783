"""A cache folder an old GDAL (QGIS's) reads safely, built from any cache or package.

``view_needs(path, gdal_version)`` says whether a path opens as it is and, if
not, what the view must change; ``build_view`` exports the source through
:class:`ViewSource` to a Compact V2 folder whose ``conf.xml`` QGIS opens.
The plugin runs it in a background task and reuses the result while the
source is unchanged; nothing here knows QGIS.
"""
import os
from dataclasses import dataclass, field
from typing import List, Optional

from ..feedback import SILENT
from ..formats.storage_format import StorageFormat
from ..pipeline.export import export_source
from ..pipeline.export_plan import ExportOptions
from ..pipeline.opening import open_cache
from ..scheme.gdal_limits import TILE_SIZE_FIX, gdal_read_problem, gdal_version_tuple
from .tile_fixes import split_factor
from .view_source import ViewSource

#: How many damaged tiles a message names before it only counts.
NAMED_DAMAGE = 5


@dataclass
class ViewNeeds:
    """What opening ``path`` in that GDAL takes: None for ``problem`` means as it is."""
    factor: int = 1
    expand_palette: bool = False
    problem: Optional[str] = None

    @property
    def direct(self):
        return self.problem is None


@dataclass
class ViewReport:
    """A built view: its conf.xml, and what was fixed or left out on the way."""
    conf_xml: str
    tiles: int
    repaired: int = 0
    damaged: List[tuple] = field(default_factory=list)

    def damage_text(self):
        """One line naming the first damaged tiles, or "" when none."""
        if not self.damaged:
            return ""
        named = ", ".join(f"level {level} row {row} col {col}"
                          for level, row, col in self.damaged[:NAMED_DAMAGE])
        more = f" and {len(self.damaged) - NAMED_DAMAGE} more" \
            if len(self.damaged) > NAMED_DAMAGE else ""
        return f"{len(self.damaged)} tiles do not decode and are left out: {named}{more}"


def view_needs(path, gdal_version):
    """ViewNeeds of a cache folder, conf.xml or package for GDAL ``gdal_version``."""
    with open_cache(path) as reader:
        scheme = reader.scheme
        folder = os.path.isdir(path) or os.path.basename(path).lower() == "conf.xml"
    problem = gdal_read_problem(scheme, gdal_version)
    if not folder:
        problem = problem or "GDAL opens tile packages only as cache folders here"
    factor = 1
    if scheme.tile_width > 256 and gdal_version_tuple(gdal_version) < TILE_SIZE_FIX:
        factor = split_factor(scheme.tile_width) or 1
    palette = scheme.tile_format.upper() == "PNG8"
    if palette:
        problem = problem or "GDAL shows palette PNG tiles (PNG8) as palette indices"
    return ViewNeeds(factor, palette, problem)


def build_view(path, output, needs, feedback=SILENT):
    """Export ``path`` through a ViewSource into the new folder ``output``; a ViewReport."""
    options = ExportOptions(storage_format=StorageFormat.COMPACT_V2, tile_package=False,
                            max_tiles=0)
    with open_cache(path) as reader:
        view = ViewSource(reader, needs.factor, needs.expand_palette)
        result = export_source(view, output, options, feedback)
    return ViewReport(os.path.join(result.output, "conf.xml"), result.tile_count,
                      view.repaired, view.damaged)

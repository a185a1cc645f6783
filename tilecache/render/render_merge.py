"""Rendered tiles merged into an existing cache folder, through the import path.

A user refreshing part of a cache after editing data renders into the
cache's own tiling scheme and imports the result: all or nothing, under the
cache's lock (pipeline/importer.py), tiles replacing those at the same
addresses, bundles merged.
"""
import os
from dataclasses import dataclass
from typing import Optional

from ..feedback import SILENT
from ..pipeline.export import ExportResult
from ..pipeline.export_merge import is_cache_folder
from ..pipeline.import_plan import ImportOptions
from ..pipeline.importer import import_source
from ..pipeline.opening import open_cache
from ..scheme.tiling_scheme import TilingScheme
from .export_render import finished_levels, render_into_journal


@dataclass(frozen=True)
class MergeTarget:
    path: str
    scheme: TilingScheme
    full_extent: Optional[object] = None


def merge_target(output):
    """A MergeTarget when ``output`` is an existing cache folder (it has a conf.xml), else None."""
    if not is_cache_folder(output):
        return None
    with open_cache(output) as cache:
        if cache.folder is None:
            return None
        return MergeTarget(os.fspath(output), cache.scheme.with_changes(full_extent=None))


def merge_rendered(source, target, options, feedback=SILENT, render=None):
    """Render ``source`` (in the target's scheme) and import it into the target cache."""
    plan = render_into_journal(source, options, feedback.phase(0.0, 0.85), render)
    finished, levels = finished_levels(source, plan)
    imported = import_source(target.path, finished, ImportOptions(levels=",".join(
        map(str, levels))), feedback.phase(0.85, 1.0))
    source.journal.remove()
    return ExportResult(output=target.path, tile_count=imported.tiles_imported, tile_bytes=0,
                        levels=imported.levels, full_extent=source.full_extent,
                        item=source.item_info)

"""exportTiles from a map: plan, render the planned bundles into the journal, write.

    plan (RenderSource: slots inside the data, limit check)
      -> render each planned bundle into the journal (resumable, per metatile progress)
      -> write the journal exactly as a cache export (temporary name, rename), or import
         it into an existing cache folder OUTPUT names
      -> remove the journal

The flow is the one every source that produces its tiles shares
(pipeline/produced.py); here is what is particular to a render: its source,
whose journal sits beside the output. A run stopped anywhere (cancel, kill,
power loss) leaves the output as it was and the journal beside it; the same
run started again skips the bundles the journal holds.
"""
from ..feedback import SILENT
from ..pipeline.produced import export_produced
from .journal import Journal, journal_path
from .schemes import grid_extent
from .source import RenderSource


def rendered_source(scheme, settings, renderer, output, item_info=None):
    """The RenderSource of a run whose output is ``output``, its journal opened.

    ``scheme.full_extent`` is the data's extent, in the scheme's CRS.
    """
    journal = Journal(journal_path(output), settings.fingerprint(scheme))
    grid = grid_extent(scheme)
    if grid is not None:
        scheme = scheme.with_changes(
            full_extent=scheme.full_extent.intersection(grid) or scheme.full_extent)
    return RenderSource(scheme, settings, renderer, journal, item_info)


def export_rendered(source, output, options, feedback=SILENT, render=None):
    """Render and write ``source`` (a RenderSource) to ``output``; an ExportResult.
    ``render(source, plan, feedback)`` replaces RenderSource.produce (a cluster's
    ClusterRender, tilecache/distributed/cluster_render.py)."""
    return export_produced(source, output, options, feedback, render)

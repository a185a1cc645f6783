"""The one export path of sources that produce their tiles when asked (a TileProducer:
rendered layers, a tiled service's tiles fetched here).

    source.plan(options)           the selection's slots inside the source's extent,
                                   the limit checked; nothing rendered or fetched
      -> produce(source, plan)     each planned bundle the journal does not hold yet,
                                   for the plan's selection only (resumable)
      -> the journal written       its JournalSource exported like a cache (temporary
                                   name, rename), or imported as it is into the
                                   existing cache folder OUTPUT names (output_target)
      -> the journal removed

A run stopped anywhere (cancel, kill, power loss) leaves the output as it
was and the journal beside it; the same run started again produces only the
bundles the journal does not hold.
"""
from dataclasses import replace

from ..errors import CancelledError
from ..feedback import SILENT
from ..render.source import JournalSource
from .export import ExportResult, export_source
from .export_merge import merge_source
from .output_target import existing_cache

#: Shares of the progress bar: planning draws or fetches nothing; writing copies
#: the journal's bundles, quick next to producing them.
PLAN_END, PRODUCE_END = 0.02, 0.9


def export_produced(source, output, options, feedback=SILENT, produce=None):
    """Plan, produce and write ``source`` (a TileProducer) to ``output``; an ExportResult.
    ``produce(source, plan, feedback)`` replaces ``source.produce`` (a cluster's)."""
    plan = source.plan(options, feedback.phase(0.0, PLAN_END))
    if not plan.bundles:
        raise source.nothing_planned()
    try:
        if produce is None:
            source.produce(plan, feedback.phase(PLAN_END, PRODUCE_END))
        else:
            produce(source, plan, feedback.phase(PLAN_END, PRODUCE_END))
    except CancelledError:
        # Here, for every way of producing (this machine, a cluster): the journal
        # stays for a resume, and the message says so.
        raise source.cancelled() from None
    finally:
        source.close()
    finished = JournalSource(source)
    levels = [level for level in plan.level_ids if finished.bundles(level)]
    if not levels:
        source.journal.remove()
        raise source.nothing_produced()
    # The journal holds only produced, non-blank tiles of the selection: all of its
    # levels are written as they are.
    exact = replace(options, levels=",".join(map(str, levels)), export_by="LevelID",
                    optimize_tiles_for_size=options.optimize_tiles_for_size and
                    not source.encodes_tiles)
    result = _write(finished, output, exact, feedback.phase(PRODUCE_END, 1.0))
    source.journal.remove()
    return result


def _write(finished, output, options, feedback):
    """The journal exported to ``output``; imported as it is when that is an existing
    cache and nothing is to be re-encoded."""
    existing = existing_cache(output, options.tile_package)
    if existing is None or options.reencode_quality is not None:
        return export_source(finished, output, options, feedback)
    imported = merge_source(existing, finished, options, feedback, options.levels)
    return ExportResult(output=existing.path, tile_count=imported.tiles_imported,
                        tile_bytes=0, levels=imported.levels,
                        full_extent=finished.full_extent, item=finished.item_info)

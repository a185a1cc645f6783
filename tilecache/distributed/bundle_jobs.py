"""What a worker runs: one planned bundle in, its finished tiles out.

Everything a job carries is a plain value that pickles: a *recipe* from which
the worker opens the TileSource (once per worker process, then kept), the
planned bundle, the selection and the re-encoding quality. The worker picks
the records exactly as pipeline/export.py does (``planned_records``,
``reencode_entries``), so the client writing the tiles in the plan's order
writes the same bytes as a run on one machine.

A recipe is any hashable, picklable object with ``open() -> TileSource``:
:class:`CacheRecipe` opens a cache folder or package on storage the workers
share with the client; a source that renders or downloads offers its own.
"""
import os
from collections import OrderedDict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import List, Optional, Tuple

from ..formats.records import TileData
from ..params.selection import Selection
from ..pipeline.export import planned_records
from ..pipeline.export_plan import PlannedBundle
from ..pipeline.opening import open_cache
from ..pipeline.reencode import reencode_entries

#: Sources opened in this worker process, by (run, recipe): opening reads
#: conf.xml and a package's directory, which every job of a run would otherwise
#: repeat. Keyed by run too, so a later run on a long-lived cluster never reads
#: through a source opened before its files were rewritten; the oldest go first.
_OPEN = OrderedDict()
_KEEP_OPEN = 4
_POOL = []


@dataclass(frozen=True)
class CacheRecipe:
    """A cache folder or package by path; the path must mean the same on every worker."""
    path: str

    def open(self):
        return open_cache(self.path)


@dataclass(frozen=True)
class BundleJob:
    #: Names the run: sources are opened afresh for each run (see _OPEN).
    run: str
    recipe: object
    planned: PlannedBundle
    selection: Selection
    #: JPEG quality for optimizeTilesForSize, None to keep the tiles' bytes.
    quality: Optional[int]


@dataclass
class ProducedBundle:
    """A bundle's tiles as the sink writes them: (row, col, bytes) in bundle order."""
    tiles: List[Tuple[int, int, bytes]]
    #: Tiles re-encoding made smaller (ExportResult.tiles_reencoded_smaller).
    smaller: int = 0


def opened(run, recipe):
    """The recipe's source for ``run`` in this process, opened on first use."""
    source = _OPEN.get((run, recipe))
    if source is None:
        while len(_OPEN) >= _KEEP_OPEN:
            _OPEN.popitem(last=False)[1].close()
        source = _OPEN[(run, recipe)] = recipe.open()
    return source


def produce_bundle(job):
    """Run on a worker: the planned bundle's tiles, read or re-encoded."""
    source = opened(job.run, job.recipe)
    with source.open_bundle(job.planned.key) as bundle:
        records = planned_records(source.scheme, job.selection, job.planned, bundle)
        if job.quality is None:
            return ProducedBundle([(r.row, r.col, bundle.read(r)) for r in records])
        entries, _ = reencode_entries(
            [TileData(r.row, r.col, r.size, (lambda r=r: bundle.read(r))) for r in records],
            job.quality, shared_pool())
    smaller = sum(1 for record, entry in zip(records, entries) if entry.size < record.size)
    return ProducedBundle([(e.row, e.col, e.fetch()) for e in entries], smaller)


def shared_pool():
    """Threads for coding tiles inside one job (one per process).

    A worker thread runs one job at a time; Pillow drops the GIL while coding,
    so a couple of threads per job still shorten re-encoding and encoding.
    """
    if not _POOL:
        _POOL.append(ThreadPoolExecutor(max_workers=max(1, min(2, os.cpu_count() or 1))))
    return _POOL[0]

"""Rendered tiles: a TileProducer that renders bundles, a TileSource over finished ones.

:class:`RenderSource` is what is planned: it knows the scheme and the data's
extent, not its tiles (``counts_exactly = False``), and renders the planned
bundles into the journal for the plan's selection (pipeline/protocols.py
TileProducer). :class:`JournalSource` reads the finished bundles back exactly
like a cache, and is what the export pipeline writes from (also for a
service's fetched tiles).
"""
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Tuple
import os

from ..errors import ParameterError
from ..feedback import SILENT
from ..params.selection import Selection
from ..pipeline.export_plan import check_limit, plan_export
from ..pipeline.windows import bundles_covering, selected_window
from .bundle_render import render_bundle
from .encoding import TRANSPARENT
from .metatiles import DEFAULT_MARGIN, DEFAULT_METATILE, BundleTask, plan_blocks
from .planned_render import render_planned

#: The whole of every bundle: what a bundle's task covers when no selection is given.
EVERYTHING = Selection.everything()


@dataclass(frozen=True)
class RenderSettings:
    tile_format: str = "PNG"
    quality: int = 75
    background: Tuple[int, int, int, int] = TRANSPARENT
    metatile: int = DEFAULT_METATILE
    margin: int = DEFAULT_MARGIN
    #: What the caller draws (layer sources, styles, dpi...): with the rest of
    #: these settings and the scheme, it decides whether a journal can resume.
    drawing: str = ""

    def fingerprint(self, scheme):
        return repr((self, scheme))


class RenderSource:
    """Tiles of a map drawn by ``renderer`` in ``scheme``, inside the scheme's full
    extent (the data's extent: nothing outside it is drawn). A TileProducer."""

    counts_exactly = False
    #: Tiles are encoded as RenderSettings ask: never re-encoded when written.
    encodes_tiles = True

    def __init__(self, scheme, settings, renderer, journal, item_info=None):
        self.scheme = scheme.with_changes(tile_format=settings.tile_format,
                                          compression_quality=settings.quality)
        self.settings = settings
        self.renderer = renderer
        self.journal = journal
        self.item_info = item_info
        self.path = journal.folder
        self._pool = None

    @property
    def full_extent(self):
        return self.scheme.full_extent

    def levels(self):
        return list(self.scheme.level_ids)

    def bundles(self, level):
        """The level's bundles meeting the data (planning keeps the selected ones)."""
        return bundles_covering(level, selected_window(self.scheme, EVERYTHING, level))

    def plan(self, options, feedback=SILENT):
        """The export plan for ``options``, checked against the tile limit; nothing drawn."""
        plan = plan_export(self, options, feedback)
        check_limit(plan, options)
        return plan

    def metatile_count(self, level, selection=EVERYTHING):
        """Metatiles covering the level's window inside the data and ``selection``: what
        drawing the level costs, at most."""
        window = selected_window(self.scheme, selection, level)
        if window is None:
            return 0
        size = self.settings.metatile
        return (window[1] // size - window[0] // size + 1) * \
            (window[3] // size - window[2] // size + 1)

    def produce(self, plan, feedback=SILENT):
        """Render every planned bundle the journal does not hold yet, for the plan's
        selection only."""
        render_planned(self, plan, feedback)

    def cancelled(self):
        """The error for a cancel while rendering: what was kept, where, how to discard it."""
        return self.journal.cancelled("rendered", "renders")

    @staticmethod
    def nothing_planned():
        return ParameterError("nothing to render: the layers do not reach into the chosen "
                              "levels and extent")

    @staticmethod
    def nothing_produced():
        return ParameterError("nothing to write: every tile of the chosen levels and extent "
                              "is blank")

    def task(self, key, selection=EVERYTHING):
        """The bundle's BundleTask: the blocks holding tiles of ``selection`` inside the
        data."""
        lod = self.scheme.lod(key.level)
        window = selected_window(self.scheme, selection, key.level, key)
        wanted = selection.contains_fn(self.scheme, lod, key)
        blocks = () if window is None else plan_blocks(window, self.settings.metatile, wanted)
        s = self.settings
        return BundleTask(key.level, key.row, key.col, self.scheme.origin_x,
                          self.scheme.origin_y, lod.resolution, self.scheme.tile_width,
                          self.scheme.tile_height, blocks, s.margin, s.tile_format,
                          s.quality, s.background)

    def render(self, key, task, feedback=SILENT):
        """Render the bundle's ``task`` into the journal unless it is there already."""
        if self.journal.finished(key, task):
            return
        if self._pool is None:
            self._pool = ThreadPoolExecutor(max_workers=max(1, os.cpu_count() or 1))
        spool = self.journal.writer(key, task)
        try:
            render_bundle(task, self.renderer, spool, self._pool, feedback)
            spool.commit()
        except BaseException:
            spool.abort()
            raise

    def close(self):
        if self._pool is not None:
            self._pool.shutdown()
            self._pool = None


class JournalSource:
    """The finished bundles of a render, read like a cache (exact counts)."""

    counts_exactly = True

    def __init__(self, rendered):
        self.scheme = rendered.scheme
        self.item_info = rendered.item_info
        self.path = rendered.path
        self.journal = rendered.journal

    @property
    def full_extent(self):
        return self.scheme.full_extent

    def levels(self):
        return self.journal.levels()

    def bundles(self, level):
        return self.journal.bundles(level)

    def open_bundle(self, key):
        return self.journal.reader(key)

    def close(self):
        """The journal holds no open files between bundles."""

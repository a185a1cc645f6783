"""Rendered tiles as TileSources: one that renders bundles, one over finished bundles.

:class:`RenderSource` is what is planned: it knows the scheme and the data's
extent, not its tiles (``counts_exactly = False``), and renders a bundle into
the journal when opened. :class:`JournalSource` reads the finished bundles
back exactly like a cache, and is what the export pipeline writes from.
"""
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Tuple
import os

from ..feedback import SILENT
from ..pipeline.windows import bundles_covering, selected_window
from ..params.selection import Selection
from .bundle_render import render_bundle
from .encoding import TRANSPARENT
from .metatiles import DEFAULT_MARGIN, DEFAULT_METATILE, BundleTask, plan_blocks


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
    extent (the data's extent: nothing outside it is drawn)."""

    counts_exactly = False

    def __init__(self, scheme, settings, renderer, journal, item_info=None):
        self.scheme = scheme.with_changes(tile_format=settings.tile_format,
                                          compression_quality=settings.quality)
        self.settings = settings
        self.renderer = renderer
        self.journal = journal
        self.item_info = item_info
        self.path = journal.folder
        #: Set by the export once planned, so blocks outside it are never drawn.
        self.selection = Selection.everything()
        self._pool = None

    @property
    def full_extent(self):
        return self.scheme.full_extent

    def levels(self):
        return list(self.scheme.level_ids)

    def _window(self, level, key=None):
        """Tile rows and columns of the level (or bundle) inside the data and selection."""
        return selected_window(self.scheme, self.selection, level, key)

    def bundles(self, level):
        return bundles_covering(level, self._window(level))

    def metatile_count(self, level):
        """Metatiles covering the level's window: what drawing the level costs, at most."""
        window = self._window(level)
        if window is None:
            return 0
        size = self.settings.metatile
        return (window[1] // size - window[0] // size + 1) * \
            (window[3] // size - window[2] // size + 1)

    def task(self, key):
        """The bundle's BundleTask: the blocks holding selected tiles inside the data."""
        lod = self.scheme.lod(key.level)
        window = self._window(key.level, key)
        wanted = self.selection.contains_fn(self.scheme, lod, key)
        blocks = () if window is None else plan_blocks(window, self.settings.metatile, wanted)
        s = self.settings
        return BundleTask(key.level, key.row, key.col, self.scheme.origin_x,
                          self.scheme.origin_y, lod.resolution, self.scheme.tile_width,
                          self.scheme.tile_height, blocks, s.margin, s.tile_format,
                          s.quality, s.background)

    def render(self, key, task=None, feedback=SILENT):
        """Render the bundle into the journal unless it is there already."""
        task = task or self.task(key)
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

    def open_bundle(self, key):
        self.render(key)
        return self.journal.reader(key)

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

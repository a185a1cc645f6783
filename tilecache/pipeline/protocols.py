"""The two roles every pipeline is written against: where tiles come from, where they go.

Export and import read a :class:`TileSource` and write a :class:`TileSink`;
they never ask which kind they hold. A cache folder or package read in place
(``cache_reader.CacheReader``) is a TileSource, and so is a journal of finished
bundles (``render.source.JournalSource``). A source that renders QGIS layers or
fetches a remote service is a :class:`TileProducer`: planned like a source,
it produces the planned bundles into its journal, which is then written like
a cache (produced.py). Sinks are made by ``sinks.make_sink`` (cache folder or
package).
"""
from typing import Iterable, List, Optional, Protocol

from ..formats.protocols import BundleReader
from ..formats.records import TileData
from ..metadata.iteminfo import ItemInfo
from ..metadata.package_files import OutputMetadata
from ..model import BundleKey, Extent
from ..scheme.tiling_scheme import TilingScheme


class TileSource(Protocol):
    """Tiles addressed by the source's own tiling scheme, bundle by bundle."""

    #: The tiling scheme: CRS, origin, tile size, LODs, tile format.
    scheme: TilingScheme
    #: What the user named (a path or a URL), for messages and metadata.
    path: str
    #: Item metadata the source carries (title, tags...), or None.
    item_info: Optional[ItemInfo]
    #: True when bundles know their tiles without producing them (caches on
    #: disk); False for sources that render or download tiles when a bundle
    #: is read, which plans count from the selection instead (export_plan).
    counts_exactly: bool

    @property
    def full_extent(self) -> Optional[Extent]: ...

    def levels(self) -> List[int]:
        """Level ids that hold (or will produce) at least one tile."""

    def bundles(self, level: int) -> List[BundleKey]:
        """The level's bundles holding tiles, sorted by row then column."""

    def open_bundle(self, key: BundleKey) -> Optional[BundleReader]:
        """A reader of one bundle's tiles (a context manager), or None."""

    def close(self) -> None: ...


class TileProducer(Protocol):
    """A source that produces its tiles when asked (rendered layers, a service's tiles
    fetched here) into a journal of finished bundles; pipeline/produced.py exports it.

    Planned like a TileSource (``scheme``, ``path``, ``item_info``, ``full_extent``,
    ``levels()``, ``bundles(level)``) with ``counts_exactly = False``: plans count
    the selection's slots, nothing is produced. The selection then travels in the
    plan: nothing outside ``plan.selection`` is produced.
    """

    scheme: TilingScheme
    path: str
    item_info: Optional[ItemInfo]
    counts_exactly: bool
    #: True when tiles are made in the output's encoding (never re-encoded).
    encodes_tiles: bool
    #: The finished bundles (render/journal.py), read back by JournalSource.
    journal: object

    @property
    def full_extent(self) -> Optional[Extent]: ...

    def levels(self) -> List[int]: ...

    def bundles(self, level: int) -> List[BundleKey]:
        """The level's bundles meeting the source's extent."""

    def plan(self, options, feedback) -> object:
        """The ExportPlan for ``options`` (export_plan.plan_export), limit checked."""

    def produce(self, plan, feedback) -> None:
        """Produce into the journal every bundle of ``plan`` it does not hold yet, only
        the tiles of ``plan.selection``."""

    def cancelled(self) -> Exception:
        """The error for a cancel while producing: it names what the journal keeps for a
        resume, where, and how to discard it (Journal.cancelled)."""

    def nothing_planned(self) -> Exception:
        """The error for a plan without bundles."""

    def nothing_produced(self) -> Exception:
        """The error for a journal left without tiles (all blank, none on the service)."""

    def close(self) -> None: ...


class TileSink(Protocol):
    """An output being written: bundles in, then finish() renames it into place."""

    #: True when copy_bundle takes the tiles one by one from ``reader.keyed_tiles``
    #: (the open kinds): the tile check then runs on that stream (tile_check.
    #: CheckedBundle) instead of reading every tile's head first.
    checks_in_stream: bool

    def can_copy(self, reader: BundleReader) -> bool:
        """True when the bundle behind ``reader`` can pass unchanged as one block."""

    def copy_bundle(self, key: BundleKey, reader: BundleReader) -> None: ...

    def write_bundle(self, key: BundleKey, entries: Iterable[TileData], tile_format: str) -> None:
        """Write one bundle's tiles, whose sizes are known before their bytes."""

    def finish(self, metadata: OutputMetadata) -> str:
        """Write the metadata files and rename the output into place; its path."""

    def abort(self) -> None:
        """Remove everything written; the output path is left as it was."""

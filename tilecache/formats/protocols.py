"""The roles a storage format plays, as protocols: what the pipelines may rely on.

A storage format (Compact V2, Compact V1, exploded) is one subpackage that
provides a :class:`CacheFormat` and is listed in the registry (``formats/__init__.py``);
nothing outside the subpackage knows its layout.
"""
from typing import BinaryIO, ContextManager, Iterator, List, Optional, Protocol, Sequence, Tuple

from ..model import BundleKey, TileKey
from .compact_common import MergeCount, MergeRules
from .records import TileData, TileRecord
from .storage_format import StorageFormat


class BundleReader(Protocol):
    """The tiles of one bundle (128 x 128 tiles of one level), whatever the format."""

    def records(self) -> List[TileRecord]: ...

    def record(self, row: int, col: int) -> Optional[TileRecord]: ...

    def read(self, record: TileRecord) -> bytes: ...

    def tile(self, row: int, col: int) -> Optional[bytes]: ...

    def keyed_tiles(self, key: BundleKey) -> Iterator[Tuple[TileKey, bytes]]: ...

    def records_read(self, records: List[TileRecord]) -> Iterator[Tuple[TileRecord, bytes]]: ...

    @property
    def tile_count(self) -> int: ...

    def close(self) -> None: ...


class BundleTarget(Protocol):
    """Where a sink puts bundle files: a folder on disk or entries of a zip being written."""

    def open(self, rel: str, size: int) -> ContextManager[BinaryIO]:
        """A writable file at ``rel`` (under the tiles root) that will hold ``size`` bytes."""


class LevelFiles(Protocol):
    """One level of a cache in some store, listed once."""

    def bundle_keys(self) -> List[BundleKey]: ...

    def open_bundle(self, key: BundleKey) -> Optional[BundleReader]: ...

    def prepare_import(self, txn, key: BundleKey, entries: Sequence[TileData],
                       rules: MergeRules) -> MergeCount:
        """Stage in the FileTransaction ``txn`` the files that merge ``entries`` in."""


class CacheFormat(Protocol):
    storage: StorageFormat
    #: True when tiles are stored in 128 x 128 bundle files.
    has_bundles: bool

    def open_level(self, store, level: int, level_rel: str) -> LevelFiles: ...

    def write_bundle(self, target: BundleTarget, key: BundleKey, entries: Sequence[TileData],
                     tile_format: str) -> int:
        """Write one bundle's tiles; returns the bytes written."""

    def can_copy(self, reader: BundleReader) -> bool:
        """True when ``reader``'s bundle can be written as one block copy."""

    def copy_bundle(self, target: BundleTarget, key: BundleKey, reader: BundleReader) -> int: ...

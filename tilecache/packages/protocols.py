"""The role a package kind plays (.tpkx, .tpk; MBTiles or GeoPackage would be more).

A package kind is one module of this subpackage exposing ``KIND``, listed in
the registry (``packages/__init__.py``); nothing outside this subpackage
spells a package kind's name or extension (tests/test_code_shape.py).
"""
from typing import Optional, Protocol

from ..formats.storage_format import StorageFormat
from ..metadata.iteminfo import ItemType
from ..metadata.package_files import OutputMetadata


class PackageKind(Protocol):
    #: The kind's name as REST, iteminfo and CacheReader.kind spell it ("tpkx").
    name: str
    #: The file extension, lower case with its dot (".tpkx").
    extension: str
    #: The storage format of its bundles: exports of that storage with
    #: tilePackage=true write this kind.
    storage: StorageFormat
    #: Where the bundles sit inside the package (the sinks write there).
    tiles_prefix: str
    #: How the package presents itself in its item metadata.
    item_type: ItemType
    #: What a package of this kind holds, for "not a tile package" messages.
    signature: str

    def files(self, metadata: OutputMetadata, kind_keywords: frozenset) -> dict:
        """The metadata files of a package, by member name. ``kind_keywords`` are the
        type keywords naming any package kind, dropped from the item's own."""

    def open(self, store, path: str) -> Optional[object]:
        """A CacheReader of the zip ``store`` when it is a package of this kind, else None."""


class OpenKind(Protocol):
    """A kind of tile container other tools use (MBTiles, GeoPackage, an XYZ folder).

    Unlike a package kind it holds no Esri bundles: an OUTPUT's name alone chooses it,
    its sink takes tiles one by one and its reader serves the tiles as bundles in the
    container's own scheme (tilecache/open_formats holds the code)."""
    #: The kind's name in messages ("MBTiles").
    name: str

    def names_output(self, path: str) -> bool:
        """True when an OUTPUT path asks for this kind."""

    def make_sink(self, output: str, scheme, levels):
        """The TileSink writing ``levels`` of ``scheme`` to ``output``; refuses a scheme
        the kind cannot hold before anything is written."""

    def is_input(self, path: str) -> bool:
        """True when an INPUT path is of this kind."""

    def open(self, path: str):
        """The reader (a CacheReader-like tile source) of the input ``path``."""

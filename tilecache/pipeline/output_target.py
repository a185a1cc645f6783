"""Where an export goes, decided once for every export (cache, service, render):
a new cache folder or package, or an existing cache folder the tiles are merged into.

OUTPUT naming an existing cache folder (it has a conf.xml) while no package
is asked for means "merge into it" (export_merge.py): replacing the folder
would lose every tile the export does not carry. A render reads the target
first, to draw in the cache's own tiling scheme.
"""
import os
from dataclasses import dataclass

from ..formats.storage_format import StorageFormat
from ..io.names import find_name
from ..scheme.tiling_scheme import TilingScheme
from .opening import open_cache


@dataclass(frozen=True)
class ExistingCache:
    """An existing cache folder an export is merged into."""
    path: str
    #: The cache's tiling scheme, without its full extent (the export brings its own).
    scheme: TilingScheme
    storage: StorageFormat


def is_cache_folder(output):
    """Whether ``output`` is an existing folder holding a cache (a conf.xml)."""
    return bool(output) and os.path.isdir(output) and \
        find_name(os.listdir(output), "conf.xml") is not None


def existing_cache(output, tile_package=False):
    """The ExistingCache an export to ``output`` merges into, or None for a new output."""
    if tile_package or not is_cache_folder(output):
        return None
    with open_cache(output) as cache:
        if cache.folder is None:
            return None
        return ExistingCache(os.fspath(output), cache.scheme.with_changes(full_extent=None),
                             cache.storage)

"""Pure-Python core for Esri tile caches and tile packages.

Knows nothing of QGIS: every entry point takes plain values plus optional
``progress(fraction, message)`` and ``is_cancelled()`` callbacks and raises
:class:`TileCacheError` subclasses.
"""
from .errors import (  # noqa: F401
    TileCacheError, FormatError, UnsafeArchiveError, SchemeError,
    ParameterError, LevelRangeError, TileLimitError, SchemeMismatchError,
    CancelledError, CacheLockedError, VectorTilesError,
)
from .model import TileKey, BundleKey, Extent, LOD, BUNDLE_SIZE  # noqa: F401
from .scheme.spatial_reference import SpatialReference  # noqa: F401
from .scheme.tiling_scheme import TilingScheme  # noqa: F401
from .formats.storage_format import StorageFormat  # noqa: F401


def open_cache(path):
    """Open any cache or package (folder, conf.xml, .tpk, .tpkx) for reading."""
    from .pipeline.opening import open_cache as _open
    return _open(path)

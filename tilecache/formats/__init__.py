"""Storage formats, one subpackage each, found through one registry.

A new storage format is a new subpackage with a ``FORMAT`` object (see
``protocols.CacheFormat``) listed here; no other module names formats.
"""
from . import compact_v1, compact_v2, exploded
from .storage_format import StorageFormat

_REGISTRY = {module.FORMAT.storage: module.FORMAT for module in (compact_v2, compact_v1, exploded)}


def format_for(storage):
    """The CacheFormat for a StorageFormat (or its conf.xml / REST spelling)."""
    if isinstance(storage, str) and not isinstance(storage, StorageFormat):
        storage = StorageFormat.parse(storage, "storageFormatType")
    return _REGISTRY[storage]


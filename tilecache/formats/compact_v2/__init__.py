"""Compact Cache V2: one .bundle per 128 x 128 tiles, its index inside (docs/formats.md#compact-v2-bundle)."""
from ...io.byte_sources import open_all_or_close
from ..compact_common import CompactFormat, default_bundle_rel
from ..storage_format import StorageFormat
from .merge import prepare_v2
from .reader import V2BundleReader
from .writer import copy_v2_bundle, v2_bundle_size, write_v2_bundle  # noqa: F401 - the format's API


class CompactV2Format(CompactFormat):
    storage = StorageFormat.COMPACT_V2
    merge = staticmethod(prepare_v2)

    @staticmethod
    def open_reader(store, rel):
        return open_all_or_close(V2BundleReader, store.source(rel))

    def write_bundle(self, target, key, entries, tile_format):
        entries = list(entries)
        rel = default_bundle_rel(key.level_folder, key)
        size = v2_bundle_size(entries)
        with target.open(rel, size) as out:
            write_v2_bundle(out, entries, rel)
        return size

    def can_copy(self, reader):
        return isinstance(reader, V2BundleReader)

    def copy_bundle(self, target, key, reader):
        with target.open(default_bundle_rel(key.level_folder, key), reader.source.size) as out:
            return copy_v2_bundle(reader, out)


FORMAT = CompactV2Format()

"""Compact Cache V1: a .bundle of tiles and a .bundlx index per 128 x 128 tiles (docs/formats.md#compact-v1-bundle)."""
from ...errors import FormatError
from ...io.byte_sources import copy_range, open_all_or_close
from ..compact_common import CompactFormat, default_bundle_rel
from ..storage_format import StorageFormat
from .layout import BUNDLX_FOOTER, BUNDLX_SIZE
from .merge import index_path, prepare_v1
from .reader import V1BundleReader
from .writer import v1_bundle_size, write_v1_bundle  # noqa: F401 - the format's API


def _open_reader(store, rel):
    index_rel = index_path(rel)
    if not store.exists(index_rel):
        raise FormatError("V1 bundle has no .bundlx index beside it", store.display_name(rel))
    return open_all_or_close(V1BundleReader, store.source(rel), store.source(index_rel))


def _copy_source(target, rel, source):
    with target.open(rel, source.size) as out:
        copy_range(source, 0, source.size, out)
    return source.size


def _copy_index(target, rel, source):
    """Copy a .bundlx, giving one read without its footer the footer back."""
    missing = BUNDLX_SIZE - source.size  # the footer's 16 bytes, or none
    with target.open(rel, BUNDLX_SIZE) as out:
        copy_range(source, 0, source.size, out)
        out.write(BUNDLX_FOOTER[len(BUNDLX_FOOTER) - missing:])
    return BUNDLX_SIZE


class CompactV1Format(CompactFormat):
    storage = StorageFormat.COMPACT_V1
    merge = staticmethod(prepare_v1)
    open_reader = staticmethod(_open_reader)

    def write_bundle(self, target, key, entries, tile_format):
        entries = list(entries)
        rel = default_bundle_rel(key.level_folder, key)
        size = v1_bundle_size(entries)
        with target.open(rel, size) as out:
            bundlx = write_v1_bundle(out, entries, rel)
        with target.open(index_path(rel), len(bundlx)) as out:
            out.write(bundlx)
        return size + len(bundlx)

    def can_copy(self, reader):
        return isinstance(reader, V1BundleReader)

    def copy_bundle(self, target, key, reader):
        rel = default_bundle_rel(key.level_folder, key)
        return _copy_source(target, rel, reader.source) + \
            _copy_index(target, index_path(rel), reader.index_source)


FORMAT = CompactV1Format()

"""Output writers: a cache folder (V2, V1, exploded) or a package (.tpkx, .tpk).

Bundles are the unit of writing.  Everything goes to a temporary name beside
the output and is renamed into place by ``finish``; ``abort`` removes it, so a
failed or cancelled run leaves nothing behind.
"""
import os
import time
import zipfile

from ..formats import bundle_writer as bw
from ..io.atomic import clean_stale_temps, fsync_path, remove_path, temp_sibling
from ..errors import FormatError, ParameterError
from ..formats.exploded import write_tiles
from ..formats.storage_format import StorageFormat

#: Root folder name inside a .tpk; ArcGIS writes "Layers" (readers accept any).
TPK_ROOT = "v101/Layers"


class _Sink:
    def __init__(self, output, storage):
        self.output = os.path.abspath(output)
        self.storage = storage
        self.bytes_written = 0
        folder, base = os.path.split(self.output)
        if not os.path.isdir(folder):
            raise ParameterError("the folder for the output does not exist", folder)
        clean_stale_temps(folder, base)
        self.temp = temp_sibling(self.output)

    def can_copy(self, source_storage):
        """Whole bundles pass as blocks only between identical compact layouts."""
        return source_storage is self.storage and self.storage is not StorageFormat.EXPLODED

    def abort(self):
        remove_path(self.temp)


class FolderSink(_Sink):
    """A cache folder: conf.xml, conf.cdi, conf.properties, _alllayers."""

    def __init__(self, output, storage):
        super().__init__(output, storage)
        if os.path.exists(self.output) and not os.path.isdir(self.output):
            raise ParameterError("the output exists and is a file, not a cache folder",
                                 self.output)
        if os.path.isdir(self.output) and os.listdir(self.output) and \
                not any(name.lower() == "conf.xml" for name in os.listdir(self.output)):
            raise ParameterError("the output folder exists, is not empty and is not a tile "
                                 "cache; refusing to overwrite it", self.output)
        os.makedirs(os.path.join(self.temp, "_alllayers"))

    def _level_dir(self, level):
        path = os.path.join(self.temp, "_alllayers", f"L{level:02d}")
        os.makedirs(path, exist_ok=True)
        return path

    def write_bundle(self, key, entries, tile_format="PNG"):
        folder = self._level_dir(key.level)
        if self.storage is StorageFormat.EXPLODED:
            self.bytes_written += write_tiles(folder, key, entries, tile_format)
            return
        stem = os.path.join(folder, key.file_stem)
        with open(stem + ".bundle", "wb") as out:
            if self.storage is StorageFormat.COMPACT_V2:
                self.bytes_written += bw.write_v2_bundle(out, entries, stem + ".bundle")
            else:
                bundlx = bw.write_v1_bundle(out, entries, stem + ".bundle")
        if self.storage is StorageFormat.COMPACT_V1:
            with open(stem + ".bundlx", "wb") as out:
                out.write(bundlx)
            self.bytes_written += os.path.getsize(stem + ".bundle") + len(bundlx)

    def copy_bundle(self, key, reader):
        stem = os.path.join(self._level_dir(key.level), key.file_stem)
        with open(stem + ".bundle", "wb") as out:
            if self.storage is StorageFormat.COMPACT_V2:
                self.bytes_written += bw.copy_v2_bundle(reader, out)
            else:
                self.bytes_written += bw.copy_raw(reader.source, out)
        if self.storage is StorageFormat.COMPACT_V1:
            with open(stem + ".bundlx", "wb") as out:
                self.bytes_written += bw.copy_raw(reader.index_source, out)

    def finish(self, metadata):
        for name, data in metadata.folder_files().items():
            with open(os.path.join(self.temp, name), "wb") as out:
                out.write(data)
        fsync_path(self.temp)
        if os.path.isdir(self.output):
            # Swap an earlier export out of the way first, so the output path
            # always holds one complete cache.
            old = temp_sibling(self.output, ".old")
            os.rename(self.output, old)
            os.rename(self.temp, self.output)
            remove_path(old)
        else:
            os.rename(self.temp, self.output)
        fsync_path(os.path.dirname(self.output))
        return self.output


class PackageSink(_Sink):
    """A .tpkx (V2) or .tpk (V1): a zip written as a stream, every entry STORED."""

    def __init__(self, output, storage):
        check_output_name(output, storage, True)
        super().__init__(output, storage)
        self.kind = storage.package_extension.lstrip(".")
        self._date = time.localtime()[:6]
        self._zip = zipfile.ZipFile(self.temp, "w", zipfile.ZIP_STORED, allowZip64=True)

    def _bundle_name(self, key, extension=".bundle"):
        if self.kind == "tpkx":
            return f"tile/{key.relative_stem}{extension}"
        return f"{TPK_ROOT}/_alllayers/{key.relative_stem}{extension}"

    def _entry(self, name, size):
        info = zipfile.ZipInfo(name, date_time=self._date)
        info.compress_type = zipfile.ZIP_STORED
        info.file_size = size
        info.external_attr = 0o644 << 16
        self.bytes_written += size
        return self._zip.open(info, "w", force_zip64=size > 0x7FFF0000)

    def _add(self, name, data):
        with self._entry(name, len(data)) as out:
            out.write(data)

    def write_bundle(self, key, entries, tile_format="PNG"):
        entries = list(entries)
        name = self._bundle_name(key)
        if self.storage is StorageFormat.COMPACT_V2:
            with self._entry(name, bw.v2_bundle_size(entries)) as out:
                bw.write_v2_bundle(out, entries, name)
            return
        with self._entry(name, bw.v1_bundle_size(entries)) as out:
            bundlx = bw.write_v1_bundle(out, entries, name)
        self._add(self._bundle_name(key, ".bundlx"), bundlx)

    def copy_bundle(self, key, reader):
        name = self._bundle_name(key)
        with self._entry(name, reader.source.size) as out:
            if self.storage is StorageFormat.COMPACT_V2:
                bw.copy_v2_bundle(reader, out)
            else:
                bw.copy_raw(reader.source, out)
        if self.storage is StorageFormat.COMPACT_V1:
            with self._entry(self._bundle_name(key, ".bundlx"), reader.index_source.size) as out:
                bw.copy_raw(reader.index_source, out)

    def finish(self, metadata):
        files = metadata.tpkx_files() if self.kind == "tpkx" else metadata.tpk_files(TPK_ROOT)
        for name, data in files.items():
            self._add(name, data)
        self._zip.close()
        fsync_path(self.temp)
        os.replace(self.temp, self.output)
        fsync_path(os.path.dirname(self.output))
        return self.output

    def abort(self):
        try:
            self._zip.close()
        except Exception:  # noqa: BLE001 - the file is deleted next anyway
            pass
        super().abort()


def check_output_name(output, storage, tile_package):
    """Refuse an output name that contradicts the output kind; never rename it.

    Separate from the sinks so callers can check before any work starts.
    """
    if isinstance(storage, str):
        storage = StorageFormat.parse(storage, "storageFormatType")
    if tile_package:
        expected = storage.package_extension
        if expected is None:
            raise ParameterError("a tile package holds Compact V2 (.tpkx) or Compact V1 (.tpk) "
                                 "bundles, not exploded tiles", "storageFormatType")
        if not str(output).lower().endswith(expected):
            raise ParameterError(f"{storage.value} packages must be named *{expected}; "
                                 f"the output is {os.path.basename(str(output))}", "OUTPUT")
    elif str(output).lower().endswith((".tpk", ".tpkx", ".zip")):
        raise FormatError("tilePackage is false, so the output is a cache folder; the name "
                          "looks like a package file", output)
    return storage


def make_sink(output, storage, tile_package):
    storage = check_output_name(output, storage, tile_package)
    if tile_package:
        return PackageSink(output, storage)
    return FolderSink(output, storage)

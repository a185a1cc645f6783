"""Output writers: a cache folder (any storage format), a package (.tpkx, .tpk) or an open
kind (MBTiles, GeoPackage, XYZ folder), each package and open kind as the kind registry (tilecache/packages) describes it.

Bundles are the unit of writing: a sink hands each bundle to its storage
format, which writes the files through the sink's target. Everything goes to
a temporary name beside the output and is renamed into place by ``finish``;
``abort`` removes it, so a failed or cancelled run leaves nothing behind.
"""
import os
import time
import zipfile

from ..errors import FormatError, ParameterError
from ..formats import format_for
from ..io.atomic import (clean_stale_temps, fsync_path, remove_path, rename_folder_into_place,
                         temp_sibling)
from ..packages import is_package_name, kind_for_storage, output_kind, package_files

#: Largest entry zipfile writes without ZIP64 extra fields.
ZIP64_FROM = 0x7FFF0000


class FolderTarget:
    """Bundle files under a folder on disk, folders made as needed."""

    def __init__(self, root):
        self.root = root

    def open(self, rel, size):
        path = os.path.join(self.root, *rel.split("/"))
        del size  # a file on disk needs no size up front
        os.makedirs(os.path.dirname(path), exist_ok=True)
        return open(path, "wb")


class ZipTarget:
    """Entries of a zip being written as a stream, every one STORED."""

    def __init__(self, archive, prefix=""):
        self.archive = archive
        self.prefix = prefix
        self._date = time.localtime()[:6]

    def open(self, rel, size):
        info = zipfile.ZipInfo(self.prefix + rel, date_time=self._date)
        info.compress_type = zipfile.ZIP_STORED
        info.file_size = size
        info.external_attr = 0o644 << 16
        return self.archive.open(info, "w", force_zip64=size > ZIP64_FROM)

    def add(self, rel, data):
        with self.open(rel, len(data)) as out:
            out.write(data)


class _Sink:
    """What both sinks share: the temporary name, and writing bundles through a target."""

    def __init__(self, output, storage):
        self.output = os.path.abspath(output)
        self.format = format_for(storage)
        folder, base = os.path.split(self.output)
        if not os.path.isdir(folder):
            raise ParameterError("the folder for the output does not exist", folder)
        clean_stale_temps(folder, base)
        self.temp = temp_sibling(self.output)
        self.target = None

    #: Blocks pass as bytes (a bundle file copied): the tiles are checked before.
    checks_in_stream = False

    def can_copy(self, reader):
        """True when ``reader``'s bundle can pass into this output as one block."""
        return self.format.can_copy(reader)

    def write_bundle(self, key, entries, tile_format):
        self.format.write_bundle(self.target, key, entries, tile_format)

    def copy_bundle(self, key, reader):
        self.format.copy_bundle(self.target, key, reader)

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
        tiles = os.path.join(self.temp, "_alllayers")
        os.makedirs(tiles)
        self.target = FolderTarget(tiles)

    def finish(self, metadata):
        for name, data in metadata.folder_files().items():
            with open(os.path.join(self.temp, name), "wb") as out:
                out.write(data)
        fsync_path(self.temp)
        rename_folder_into_place(self.temp, self.output)
        fsync_path(os.path.dirname(self.output))
        return self.output


class PackageSink(_Sink):
    """A package, as the package kind that carries the storage format lays it out."""

    def __init__(self, output, storage):
        super().__init__(output, storage)
        self.kind = kind_for_storage(storage)
        self._zip = zipfile.ZipFile(self.temp, "w", zipfile.ZIP_STORED, allowZip64=True)
        self.target = ZipTarget(self._zip, self.kind.tiles_prefix)
        self._metadata_target = ZipTarget(self._zip)

    def finish(self, metadata):
        for name, data in package_files(self.kind, metadata).items():
            self._metadata_target.add(name, data)
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
    Returns the storage format's CacheFormat, or None for an open kind (MBTiles,
    GeoPackage, XYZ), which its name alone decides.
    """
    if output_kind(output) is not None:
        return None
    fmt = format_for(storage)
    if tile_package:
        kind = kind_for_storage(storage)
        if kind is None:
            raise ParameterError("a tile package holds Compact V2 (.tpkx) or Compact V1 (.tpk) "
                                 "bundles, not exploded tiles", "storageFormatType")
        expected = kind.extension
        if not str(output).lower().endswith(expected):
            raise ParameterError(f"{fmt.storage.value} packages must be named *{expected}; "
                                 f"the output is {os.path.basename(str(output))}", "OUTPUT")
    elif is_package_name(output) or str(output).lower().endswith(".zip"):
        raise FormatError("tilePackage is false, so the output is a cache folder; the name "
                          "looks like a package file", output)
    return fmt


def make_sink(output, storage, tile_package, source_scheme=None, levels=()):
    """The sink for an output path; implements the TileSink protocol.

    An open kind's sink (chosen by the output's name) needs the source's scheme and
    the levels to write, to refuse a scheme it cannot hold before anything is written.
    """
    kind = output_kind(output)
    if kind is not None:
        return kind.make_sink(output, source_scheme, levels)
    fmt = check_output_name(output, storage, tile_package)
    return (PackageSink if tile_package else FolderSink)(output, fmt.storage)

"""Read tile packages in place, treating every archive as hostile.

Members are validated once when the archive opens (names, sizes, methods);
STORED members are then read by seeking straight into the archive file.
"""
import posixpath
import struct
import zipfile

from .byte_sources import FileSource, InflatingSource, SliceSource, read_exact
from ..errors import FormatError, UnsafeArchiveError

LOCAL_HEADER = struct.Struct(
    "<"
    "4s"  # signature PK\x03\x04
    "H"   # version needed
    "H"   # flags
    "H"   # compression method
    "H"   # modification time
    "H"   # modification date
    "I"   # CRC-32
    "I"   # compressed size
    "I"   # uncompressed size
    "H"   # file name length
    "H"   # extra field length
)
LOCAL_SIGNATURE = b"PK\x03\x04"

#: Metadata members (XML, JSON, thumbnails) are read whole; nothing honest is near this.
MAX_METADATA_SIZE = 16 << 20
#: Tiles (JPEG, PNG, LERC) barely deflate, so a large member that inflates to
#: more than this many times its stored size is a bomb, not a bundle.
MAX_INFLATE_RATIO = 100
#: Below this size ratios prove nothing: a nearly empty bundle index is zeros.
INFLATE_RATIO_FLOOR = 16 << 20
#: Far beyond any real package, small enough that listing one stays cheap.
MAX_MEMBERS = 2_000_000
#: Junk that real packages carry and readers should simply pass over.
_JUNK = (".DS_Store", "__MACOSX/", "Thumbs.db")


def clean_member_name(name, archive):
    """Refuse names that could escape a folder: absolute, drive letters, '..'."""
    unified = name.replace("\\", "/")
    parts = unified.split("/")
    if unified.startswith("/") or (len(parts[0]) == 2 and parts[0][1] == ":"):
        raise UnsafeArchiveError(f"member {name!r} has an absolute path", archive)
    if any(part == ".." for part in parts):
        raise UnsafeArchiveError(f"member {name!r} climbs out of the archive with '..'", archive)
    if "\x00" in unified:
        raise UnsafeArchiveError(f"member {name!r} holds a NUL character", archive)
    return posixpath.normpath(unified) if unified.strip("/") else ""


class SafeZip:
    def __init__(self, path):
        self.path = str(path)
        self._file = FileSource(path)
        try:
            head = self._file.read_at(0, 4)
            if head[:2] != b"PK":
                raise FormatError("not a zip archive (tile packages are zip files)", path)
            try:
                self._zip = zipfile.ZipFile(self.path)
            except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError,
                    EOFError, struct.error, NotImplementedError) as exc:
                # NotImplementedError: zipfile's word for "version needed" past 6.3.
                raise FormatError(f"not a readable zip archive: {exc}", path) from None
            self.members = self._index()
        except BaseException:
            self.close()
            raise

    def _index(self):
        infos = self._zip.infolist()
        if len(infos) > MAX_MEMBERS:
            raise UnsafeArchiveError(f"{len(infos)} members is more than any tile package holds",
                                     self.path)
        members = {}
        for info in infos:
            # endswith, not is_dir(): a hostile directory may hold an empty name.
            if info.filename.endswith("/") or any(junk in info.filename for junk in _JUNK):
                continue
            name = clean_member_name(info.filename, self.path)
            if not name or name == ".":
                continue
            if name in members:
                raise UnsafeArchiveError(f"member {name!r} appears twice", self.path)
            if info.flag_bits & 0x1:
                raise FormatError(f"member {name!r} is encrypted", self.path)
            if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
                raise FormatError(f"member {name!r} uses unsupported compression method "
                                  f"{info.compress_type}", self.path)
            if info.compress_type == zipfile.ZIP_STORED and info.compress_size != info.file_size:
                raise UnsafeArchiveError(f"member {name!r} declares {info.file_size} bytes but "
                                         f"stores {info.compress_size}", self.path)
            if info.compress_type == zipfile.ZIP_DEFLATED and \
                    info.file_size > INFLATE_RATIO_FLOOR and \
                    info.file_size > MAX_INFLATE_RATIO * max(1, info.compress_size):
                raise UnsafeArchiveError(f"member {name!r} would inflate {info.compress_size} "
                                         f"bytes to {info.file_size}; refusing a zip bomb",
                                         self.path)
            if info.header_offset + info.compress_size > self._file.size:
                raise UnsafeArchiveError(f"member {name!r} claims to extend past the end of "
                                         "the archive", self.path)
            members[name] = info
        return members

    def names(self):
        return self.members.keys()

    def info(self, name):
        return self.members.get(name)

    def display_name(self, name):
        return f"{self.path}!{name}"

    def source(self, name):
        info = self.members[name]
        display = self.display_name(name)
        if info.compress_type == zipfile.ZIP_DEFLATED:
            return InflatingSource(lambda: self._zip.open(info), info.file_size, display)
        header = LOCAL_HEADER.unpack(read_exact(self._file, info.header_offset,
                                                LOCAL_HEADER.size, "zip local header"))
        if header[0] != LOCAL_SIGNATURE:
            raise FormatError(f"member {name!r} has no local header where the directory "
                              "says", self.path)
        start = info.header_offset + LOCAL_HEADER.size + header[9] + header[10]
        if start + info.file_size > self._file.size:
            raise UnsafeArchiveError(f"member {name!r} claims to extend past the end of the "
                                     "archive", self.path)
        return SliceSource(self._file, start, info.file_size, display)

    def read(self, name, max_size=MAX_METADATA_SIZE):
        """Read a small member whole; sizes are checked before anything inflates."""
        info = self.members[name]
        if info.file_size > max_size:
            raise UnsafeArchiveError(f"member {name!r} is {info.file_size} bytes; metadata is "
                                     f"limited to {max_size}", self.path)
        if info.compress_type == zipfile.ZIP_STORED:
            return read_exact(self.source(name), 0, info.file_size, f"member {name!r}")
        try:
            with self._zip.open(info) as stream:
                data = stream.read(max_size + 1)
        except Exception as exc:  # zlib.error, BadZipFile (CRC), EOFError
            raise FormatError(f"member {name!r} cannot be inflated: {exc}", self.path) from None
        if len(data) > max_size:
            raise UnsafeArchiveError(f"member {name!r} inflates past {max_size} bytes",
                                     self.path)
        return data

    def close(self):
        zf = getattr(self, "_zip", None)
        if zf is not None:
            zf.close()
        self._file.close()

"""Zips built member by member: copies of packages with members swapped, and liars.

``write_raw_zip`` writes every header byte by byte, so names, sizes, CRCs and
methods are exactly what a ``RawMember`` says, true or not; ``rezip`` copies
a package that way with some members replaced, added, dropped or renamed;
``patch_central`` / ``patch_local`` then overwrite single header fields.
``rewrite_zip`` is the honest counterpart: zipfile itself, any compression.
"""
import io
import struct
import zipfile
import zlib
from pathlib import Path

from .bytes_layout import patch


def read_members(zip_path):
    """Every member of a (valid) zip as an ordered list of (name, bytes)."""
    with zipfile.ZipFile(zip_path) as archive:
        return [(info.filename, archive.read(info)) for info in archive.infolist()]


def rewrite_zip(src, dst, compression=zipfile.ZIP_STORED, rename=lambda name: name):
    """Copy a zip through zipfile, every member in ``compression``, names through ``rename``."""
    with zipfile.ZipFile(src) as old, zipfile.ZipFile(dst, "w", compression) as new:
        for info in old.infolist():
            new.writestr(rename(info.filename), old.read(info), compress_type=compression)


class RawMember:
    """One member of a hand-built zip: every field may lie."""

    def __init__(self, name, payload, method=0, crc=None, usize=None, csize=None, flags=0):
        self.name = name.encode("utf-8") if isinstance(name, str) else name
        self.payload = payload
        self.method = method
        self.crc = zlib.crc32(payload) if crc is None else crc
        self.usize = len(payload) if usize is None else usize
        self.csize = len(payload) if csize is None else csize
        self.flags = flags


def deflated(name, data):
    """A DEFLATED RawMember holding ``data``."""
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    return RawMember(name, packer.compress(data) + packer.flush(), method=8,
                     crc=zlib.crc32(data), usize=len(data))


def write_raw_zip(path, members):
    """Write a zip byte by byte, so names, sizes and CRCs are exactly as given."""
    body = io.BytesIO()
    central = io.BytesIO()
    for member in members:
        offset = body.tell()
        body.write(struct.pack("<4s5H3I2H", b"PK\x03\x04", 20, member.flags, member.method,
                               0, 0x21, member.crc, member.csize, member.usize,
                               len(member.name), 0))
        body.write(member.name)
        body.write(member.payload)
        central.write(struct.pack("<4s6H3I5H2I", b"PK\x01\x02", 20, 20, member.flags,
                                  member.method, 0, 0x21, member.crc, member.csize,
                                  member.usize, len(member.name), 0, 0, 0, 0, 0o644 << 16,
                                  offset))
        central.write(member.name)
    start = body.tell()
    directory = central.getvalue()
    body.write(directory)
    body.write(struct.pack("<4s4H2IH", b"PK\x05\x06", 0, 0, len(members), len(members),
                           len(directory), start, 0))
    Path(path).write_bytes(body.getvalue())
    return Path(path)


def rezip(src, dest, replace=None, add=(), drop=(), rename=None):
    """Copy a package member by member, swapping, adding, dropping or renaming some.

    ``replace`` maps a name to bytes or to a RawMember (for lying members).
    """
    replace = replace or {}
    rename = rename or {}
    members = []
    for name, data in read_members(src):
        if name in drop:
            continue
        new = replace.get(name, data)
        if isinstance(new, RawMember):
            members.append(new)
        else:
            members.append(RawMember(rename.get(name, name), new))
    members.extend(m if isinstance(m, RawMember) else RawMember(*m) for m in add)
    return write_raw_zip(dest, members)


def central_entry_offset(data, name):
    """Offset of the central directory header of member ``name``."""
    needle = name.encode()
    position = data.rfind(b"PK\x05\x06")
    (start,) = struct.unpack_from("<I", data, position + 16)
    while data[start:start + 4] == b"PK\x01\x02":
        name_len, extra_len, comment_len = struct.unpack_from("<3H", data, start + 28)
        if data[start + 46:start + 46 + name_len] == needle:
            return start
        start += 46 + name_len + extra_len + comment_len
    raise KeyError(name)


#: Fields of a central directory entry and of a local header: (offset, struct format).
CENTRAL_FIELDS = {"method": (10, "<H"), "crc": (16, "<I"), "csize": (20, "<I"),
                  "usize": (24, "<I"), "offset": (42, "<I"), "flags": (8, "<H")}
LOCAL_FIELDS = {"signature": (0, "<4s"), "name_len": (26, "<H"), "extra_len": (28, "<H"),
                "usize": (22, "<I"), "csize": (18, "<I")}


def patch_central(path, name, **fields):
    """Overwrite fields of one central directory entry (crc, csize, usize, method, offset)."""
    data = Path(path).read_bytes()
    _patch_fields(path, data, central_entry_offset(data, name), CENTRAL_FIELDS, fields)


def patch_local(path, name, **fields):
    """Overwrite fields of one member's local header (signature, name_len, extra_len)."""
    data = Path(path).read_bytes()
    (local,) = struct.unpack_from("<I", data, central_entry_offset(data, name) + 42)
    _patch_fields(path, data, local, LOCAL_FIELDS, fields)


def _patch_fields(path, data, start, layout, fields):
    for key, value in fields.items():
        where, fmt = layout[key]
        data = patch(data, start + where, fmt, value)
    Path(path).write_bytes(data)

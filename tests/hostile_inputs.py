"""Generators of hostile files: broken zips, bombs, lying headers, evil XML.

Everything is built at test time from the sample data (never modified) and
from the core's own writers, so no binary blob is committed and each hostile
file differs from a valid one in exactly the way its name says.
"""
import functools
import hashlib
import io
import json
import os
import shutil
import struct
import sys
import zipfile
import zlib
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PKGROOT = REPO / "build" / "pkgroot"
if str(PKGROOT) not in sys.path:
    sys.path.insert(0, str(PKGROOT))

from tile_package_tools.tilecache.formats.compact_v1.writer import write_v1_bundle  # noqa: E402
from tile_package_tools.tilecache.formats.compact_v2.writer import write_v2_bundle  # noqa: E402
from tile_package_tools.tilecache.formats.records import from_bytes  # noqa: E402

SAMPLE_V2 = REPO / "sample_data" / "esri-sample-cache-v2"
SAMPLE_TPK = REPO / "sample_data" / "tpk-v1-alt-root-name" / "alt_root_name.tpk"

V2 = "esriMapCacheStorageModeCompactV2"
V1 = "esriMapCacheStorageModeCompact"
EXPLODED = "esriMapCacheStorageModeExploded"

#: What a zip bomb claims to hold: far more than any RLIMIT_AS the tests set.
BOMB_SIZE = 2 << 30
_ZERO_CHUNK = 1 << 24


# ---- snapshots -------------------------------------------------------------------

def tree_digest(root):
    """{relative path: sha256} of every file under ``root`` (folders as None)."""
    found = {}
    root = Path(root)
    for folder, dirs, files in os.walk(root):
        for name in dirs:
            found[os.path.relpath(os.path.join(folder, name), root)] = None
        for name in files:
            path = os.path.join(folder, name)
            digest = hashlib.sha256()
            with open(path, "rb") as handle:
                for block in iter(lambda: handle.read(1 << 20), b""):
                    digest.update(block)
            found[os.path.relpath(path, root)] = digest.hexdigest()
    return found


def tree_changes(before, after):
    """Human-readable list of what differs between two tree_digest results."""
    changes = [f"removed {p}" for p in sorted(set(before) - set(after))]
    changes += [f"added {p}" for p in sorted(set(after) - set(before))]
    changes += [f"changed {p}" for p in sorted(set(before) & set(after))
                if before[p] != after[p]]
    return changes


# ---- bundles ---------------------------------------------------------------------

def tile_bytes(seed, size=300):
    """Deterministic stand-in tile content (readers never decode tiles)."""
    return (b"\xff\xd8\xff" + hashlib.sha256(str(seed).encode()).digest() * (size // 32 + 1))[:size]


def v2_bundle(tiles):
    """A valid V2 bundle holding ``{(row, col): bytes}``."""
    out = io.BytesIO()
    write_v2_bundle(
        out, [from_bytes(r, c, d) for (r, c), d in sorted(tiles.items())])
    return out.getvalue()


def v1_bundle(tiles):
    """A valid V1 pair ``(bundle bytes, bundlx bytes)`` holding ``{(row, col): bytes}``."""
    out = io.BytesIO()
    bundlx = write_v1_bundle(
        out, [from_bytes(r, c, d) for (r, c), d in sorted(tiles.items())])
    return out.getvalue(), bundlx


def patch(data, offset, fmt, *values):
    """``data`` with ``struct.pack(fmt, *values)`` written over ``offset``."""
    buf = bytearray(data)
    struct.pack_into(fmt, buf, offset, *values)
    return bytes(buf)


class MemorySource:
    """A byte source over bytes, shaped like the core's FileSource."""

    def __init__(self, data, name="memory"):
        self.data, self.name, self.size = bytes(data), name, len(data)

    def read_at(self, offset, length):
        if offset < 0 or length < 0:
            raise AssertionError(f"reader asked for a negative range {offset},{length}")
        return self.data[offset:offset + length]

    def close(self):
        pass


# ---- XML -------------------------------------------------------------------------

def billion_laughs(root_tag, depth=10):
    """The classic entity-expansion bomb (10^depth copies of "lol") as ``root_tag``."""
    entities = ['<!ENTITY lol0 "lol">'] + [
        f'<!ENTITY lol{i} "{("&lol%d;" % (i - 1)) * 10}">' for i in range(1, depth)]
    return (f'<?xml version="1.0"?>\n<!DOCTYPE {root_tag} [\n' + "\n".join(entities)
            + f"\n]>\n<{root_tag}>&lol{depth - 1};</{root_tag}>\n").encode()


def external_entity(root_tag, inner_tag="X", target="file:///etc/passwd"):
    """An XXE document that would pull ``target`` into ``inner_tag``."""
    return (f'<?xml version="1.0"?>\n<!DOCTYPE {root_tag} [\n'
            f'<!ENTITY xxe SYSTEM "{target}">\n]>\n'
            f"<{root_tag}><{inner_tag}>&xxe;</{inner_tag}></{root_tag}>\n").encode()


def xml_with_entity_in(valid_xml, element="TileCols"):
    """A valid conf.xml whose ``element`` text comes from an external entity."""
    text = valid_xml.decode("utf-8")
    start = text.index("<" + element + ">")
    end = text.index("</" + element + ">", start)
    body = text[:start] + f"<{element}>&xxe;" + text[end:]
    body = body.split("?>", 1)[-1] if body.lstrip().startswith("<?xml") else body
    root = body.lstrip().split(None, 1)[0].lstrip("<").rstrip(">")
    doctype = f'<!DOCTYPE {root} [<!ENTITY xxe SYSTEM "file:///etc/hostname">]>'
    return ('<?xml version="1.0" encoding="utf-8"?>\n' + doctype + "\n" + body.lstrip()).encode()


def drop_element(valid_xml, element):
    """``valid_xml`` without the first ``<element>...</element>``."""
    text = valid_xml.decode("utf-8")
    start = text.index("<" + element)
    end = text.index("</" + element + ">", start) + len(element) + 3
    return (text[:start] + text[end:]).encode()


def replace_text(valid_xml, element, value):
    """``valid_xml`` with the first ``<element>`` holding ``value``."""
    text = valid_xml.decode("utf-8")
    start = text.index(">", text.index("<" + element)) + 1
    end = text.index("</" + element + ">", start)
    return (text[:start] + value + text[end:]).encode()


# ---- zips ------------------------------------------------------------------------

def read_members(zip_path):
    """Every member of a (valid) zip as an ordered list of (name, bytes)."""
    with zipfile.ZipFile(zip_path) as archive:
        return [(info.filename, archive.read(info)) for info in archive.infolist()]


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


def patch_central(path, name, **fields):
    """Overwrite fields of one central directory entry (crc, csize, usize, method, offset)."""
    layout = {"method": (10, "<H"), "crc": (16, "<I"), "csize": (20, "<I"),
              "usize": (24, "<I"), "offset": (42, "<I"), "flags": (8, "<H")}
    data = Path(path).read_bytes()
    entry = central_entry_offset(data, name)
    for key, value in fields.items():
        where, fmt = layout[key]
        data = patch(data, entry + where, fmt, value)
    Path(path).write_bytes(data)


def patch_local(path, name, **fields):
    """Overwrite fields of one member's local header (signature, name_len, extra_len)."""
    layout = {"signature": (0, "<4s"), "name_len": (26, "<H"), "extra_len": (28, "<H"),
              "usize": (22, "<I"), "csize": (18, "<I")}
    data = Path(path).read_bytes()
    (local,) = struct.unpack_from("<I", data, central_entry_offset(data, name) + 42)
    for key, value in fields.items():
        where, fmt = layout[key]
        data = patch(data, local + where, fmt, value)
    Path(path).write_bytes(data)


@functools.lru_cache(maxsize=None)
def _zero_blocks():
    """One deflate block of 16 MiB zeros, repeatable after a full flush, and the tail."""
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = packer.compress(bytes(_ZERO_CHUNK)) + packer.flush(zlib.Z_FULL_FLUSH)
    return block, packer.flush()


@functools.lru_cache(maxsize=None)
def _zeros_crc(start_crc, chunks):
    crc, chunk = start_crc, bytes(_ZERO_CHUNK)
    for _ in range(chunks):
        crc = zlib.crc32(chunk, crc)
    return crc


def bomb_inflated_size(head_len, size=BOMB_SIZE):
    """What bomb_member(head=<head_len bytes>, size=size) really inflates to."""
    return head_len + (size - head_len) // _ZERO_CHUNK * _ZERO_CHUNK


def bomb_member(name, head=b"", size=BOMB_SIZE, declared=None):
    """A DEFLATED member: ``head`` then zeros up to ``size`` bytes, a few MB compressed.

    Full flushes make every 16 MiB block of zeros compress to identical bytes,
    so the stream is assembled by repetition instead of compressing gigabytes.
    ``declared`` lets the directory lie about the inflated size.
    """
    real = bomb_inflated_size(len(head), size)
    chunks = (real - len(head)) // _ZERO_CHUNK
    block, tail = _zero_blocks()
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    prefix = packer.compress(head) + packer.flush(zlib.Z_FULL_FLUSH) if head else b""
    payload = prefix + block * chunks + tail
    return RawMember(name, payload, method=8, crc=_zeros_crc(zlib.crc32(head), chunks),
                     usize=real if declared is None else declared)


# ---- valid bases built from the samples -----------------------------------------

def copy_sample_v2(dest):
    """A writable copy of the V2 sample cache folder."""
    shutil.copytree(SAMPLE_V2, dest)
    return Path(dest)


@functools.lru_cache(maxsize=None)
def bases(root):
    """Valid .tpkx, .tpk and V1 folder exported once into ``root``/bases."""
    from tile_package_tools.tilecache.pipeline.export import ExportOptions, export_tiles
    folder = Path(root) / "bases"
    folder.mkdir(parents=True, exist_ok=True)
    made = {}
    for key, storage, package, name in (("tpkx", V2, True, "base.tpkx"),
                                        ("tpk", V1, True, "base.tpk"),
                                        ("v1", V1, False, "v1cache")):
        made[key] = Path(export_tiles(str(SAMPLE_V2), str(folder / name),
                                      ExportOptions(storage_format=storage,
                                                    tile_package=package)).output)
    return made


def root_json_with(root_json, change):
    """root.json bytes after ``change(doc)`` edited the parsed document in place."""
    doc = json.loads(root_json)
    change(doc)
    return json.dumps(doc, allow_nan=True).encode()


# ---- the samples stay read-only -------------------------------------------------

def sample_data_guard():
    """A generator fixture body: fail if anything under sample_data changed."""
    before = tree_digest(REPO / "sample_data")
    yield
    changes = tree_changes(before, tree_digest(REPO / "sample_data"))
    assert not changes, f"sample_data was modified: {changes}"

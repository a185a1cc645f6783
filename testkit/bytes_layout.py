"""Independent parsers for bundle bytes, written from docs/formats.md alone.

Tests compare the project's readers and writers against these, so they use
literal offsets and struct formats rather than the project's layout modules.
"""
import struct
import zipfile
from pathlib import Path

V2_HEADER = struct.Struct("<4I3Q6I")     # 64 bytes
V1_HEADER = struct.Struct("<4I3Q5I")     # 60 bytes
BUNDLX_HEAD = bytes.fromhex("03000000100000000040000005000000")
BUNDLX_FOOT = bytes.fromhex("00000000100000001000000000000000")


def patch(data, offset, fmt, *values):
    """``data`` with ``struct.pack(fmt, *values)`` written over ``offset``."""
    buf = bytearray(data)
    struct.pack_into(fmt, buf, offset, *values)
    return bytes(buf)


def parse_v2(data):
    """Tiles of a V2 bundle: {(row, col): bytes}, row-major index after 64 bytes."""
    records = struct.unpack("<16384Q", data[64:64 + 131072])
    tiles = {}
    for index, value in enumerate(records):
        offset, size = value & (2 ** 40 - 1), value >> 40
        if size:
            assert struct.unpack("<I", data[offset - 4:offset])[0] == size
            tiles[(index // 128, index % 128)] = data[offset:offset + size]
    return tiles


def parse_v1(bundle, bundlx):
    """Tiles of a V1 bundle: column-major bundlx offsets point at size fields."""
    tiles = {}
    for index in range(16384):
        start = 16 + 5 * index
        offset = int.from_bytes(bundlx[start:start + 5], "little")
        (size,) = struct.unpack("<I", bundle[offset:offset + 4])
        if size:
            tiles[(index % 128, index // 128)] = bundle[offset + 4:offset + 4 + size]
    return tiles


def bundle_address(name):
    """(level, row0, col0) from '.../Lnn/RrrrrCcccc.bundle' (a path or zip member name)."""
    level_folder, file_name = str(name).replace("\\", "/").split("/")[-2:]
    stem = file_name.rsplit(".", 1)[0]
    row_hex, col_hex = stem[1:].lower().split("c")
    return int(level_folder[1:]), int(row_hex, 16), int(col_hex, 16)


def package_tiles(path):
    """Every tile of a .tpk or .tpkx, found with zipfile and the parsers above.

    Returns {(level, row, col): bytes} in absolute tile addresses.
    """
    tiles = {}
    with zipfile.ZipFile(path) as archive:
        names = set(archive.namelist())
        for name in names:
            if not name.lower().endswith(".bundle"):
                continue
            level, row0, col0 = bundle_address(name)
            data = archive.read(name)
            index_name = name[:-len(".bundle")] + ".bundlx"
            found = parse_v1(data, archive.read(index_name)) if index_name in names \
                else parse_v2(data)
            for (row, col), tile in found.items():
                tiles[(level, row0 + row, col0 + col)] = tile
    return tiles


def cache_tiles(path):
    """{(level, row, col): bytes} of any cache folder (V2, V1, exploded) or package."""
    path = Path(path)
    if path.is_file():
        return package_tiles(path)
    tiles = {}
    for level_dir in (path / "_alllayers").iterdir():
        level = int(level_dir.name[1:])
        for bundle in level_dir.glob("*.bundle"):
            _level, row0, col0 = bundle_address(bundle)
            bundlx = bundle.with_suffix(".bundlx")
            found = parse_v1(bundle.read_bytes(), bundlx.read_bytes()) if bundlx.exists() \
                else parse_v2(bundle.read_bytes())
            tiles.update({(level, row0 + r, col0 + c): t for (r, c), t in found.items()})
        for tile in level_dir.glob("R*/C*.*"):
            tiles[(level, int(tile.parent.name[1:], 16), int(tile.stem[1:], 16))] = \
                tile.read_bytes()
    return tiles

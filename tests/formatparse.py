"""Independent parsers for bundle bytes, written from formats.md alone.

Tests compare the project's readers and writers against these, so they use
literal offsets and struct formats rather than the project's layout modules.
"""
import struct
import zipfile

V2_HEADER = struct.Struct("<4I3Q6I")     # 64 bytes
V1_HEADER = struct.Struct("<4I3Q5I")     # 60 bytes
BUNDLX_HEAD = bytes.fromhex("03000000100000000040000005000000")
BUNDLX_FOOT = bytes.fromhex("00000000100000001000000000000000")


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


def _bundle_address(name):
    """(level, row0, col0) from '.../Lnn/RrrrrCcccc.bundle'."""
    level_folder, file_name = name.split("/")[-2:]
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
            level, row0, col0 = _bundle_address(name)
            data = archive.read(name)
            index_name = name[:-len(".bundle")] + ".bundlx"
            found = parse_v1(data, archive.read(index_name)) if index_name in names \
                else parse_v2(data)
            for (row, col), tile in found.items():
                tiles[(level, row0 + row, col0 + col)] = tile
    return tiles

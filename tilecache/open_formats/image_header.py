"""A tile's pixel size from its header, without decoding it (PNG and JPEG).

Readers of MBTiles and XYZ folders learn the tile size from a tile; decoding
one would hand a decompression bomb to the image library, while these few
header bytes say the size the tile claims and nothing more.
"""
import struct

from ..errors import FormatError

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
#: After the signature: chunk length (4, big-endian), b"IHDR", width (4), height (4).
PNG_IHDR = struct.Struct(">I4sII")
#: A JPEG marker segment: 0xFF, marker, segment length (2, big-endian, counting itself).
JPEG_SEGMENT = struct.Struct(">BBH")
#: A start-of-frame segment's body: precision (1), height (2), width (2).
JPEG_FRAME = struct.Struct(">BHH")
#: SOF0-SOF15 except DHT (C4), JPG (C8) and DAC (CC), which share the range.
JPEG_FRAMES = frozenset(range(0xC0, 0xD0)) - {0xC4, 0xC8, 0xCC}
#: Markers that stand alone, without a length: TEM, RST0-7, SOI.
JPEG_STANDALONE = frozenset([0x01, *range(0xD0, 0xD9)])
#: How many tiles readers try for the tile size (some real tiles are damaged).
SNIFFED_TILES = 16
#: A tile larger than this many pixels a side is not a tile.
MAX_TILE_SIDE = 8192


def tile_size(data, where, path):
    """(width, height) a PNG or JPEG tile says it has; FormatError naming ``path``."""
    if data.startswith(PNG_SIGNATURE) and len(data) >= 8 + PNG_IHDR.size:
        _, name, width, height = PNG_IHDR.unpack_from(data, 8)
        size = (width, height) if name == b"IHDR" else None
    elif data.startswith(b"\xff\xd8"):
        size = _jpeg_size(data)
    else:
        raise FormatError(f"{where}: the tile is neither PNG nor JPEG (starts "
                          f"{data[:8].hex(' ')})", path)
    if size is None:
        raise FormatError(f"{where}: the tile's image header is damaged", path)
    if not all(1 <= side <= MAX_TILE_SIDE for side in size):
        raise FormatError(f"{where}: the tile claims {size[0]} x {size[1]} pixels; a tile has "
                          f"1 to {MAX_TILE_SIDE} a side", path)
    return size


def _jpeg_size(data):
    offset = 2
    while offset + JPEG_SEGMENT.size <= len(data):
        mark, marker, length = JPEG_SEGMENT.unpack_from(data, offset)
        if mark != 0xFF:
            return None
        if marker in JPEG_STANDALONE or marker == 0xFF:
            offset += 1 if marker == 0xFF else 2
            continue
        if marker in JPEG_FRAMES and offset + 4 + JPEG_FRAME.size <= len(data):
            _, height, width = JPEG_FRAME.unpack_from(data, offset + 4)
            return width, height
        if length < 2:
            return None
        offset += 2 + length
    return None


def first_tile_size(tiles, path):
    """The size of the first of ``tiles`` ([(where, bytes)]) whose header reads.

    Real files hold damaged tiles (docs/formats.md#damaged-tiles-in-real-files),
    which are copied as they are; one of them must not make the whole file
    unreadable, so the error of the first tile is raised only when none reads.
    """
    first_error = None
    for where, data in tiles:
        try:
            return tile_size(data, where, path)
        except FormatError as exc:
            first_error = first_error or exc
    raise first_error or FormatError("holds no tiles", path)

"""What a tile's first bytes must be for the cache's tile format, and the one
known damage that can be repaired (docs/formats.md, "Damaged tiles").

A check of the first bytes is cheap (no decode) and catches what real
packages hold: Esri's own ``Usa.tpkx`` stores its level 0 and 1 PNG tiles
without the first four bytes of the PNG signature (``\\x89PNG``); they start
at ``\\r\\n\\x1a\\n`` followed by the IHDR chunk. GDAL 3.6 and 3.10 refuse
such a tile ("IReadBlock failed", "Read failed"); putting the four bytes back
gives the intended image.
"""
from .tile_format import TileFormatFamily, tile_format_family

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
#: What a PNG missing its first four bytes starts with: the signature's tail
#: and the IHDR chunk that must follow it.
TRUNCATED_PNG_START = PNG_SIGNATURE[4:] + b"\x00\x00\x00\x0dIHDR"
#: JPEG's start-of-image marker and the first byte of the next marker.
JPEG_START = b"\xff\xd8\xff"
#: The image tiles the cache formats JPEG, PNG (PNG8/24/32) and MIXED hold.
#: Either kind passes in any of them: readers (GDAL, ArcGIS) sniff each tile,
#: and a PNG tile in a JPEG cache is legitimate (imported, or an old MIXED).
IMAGE_STARTS = (JPEG_START, PNG_SIGNATURE)
#: Families whose tiles are checked; LERC's and others' first bytes are not
#: verified here, so their tiles pass unchecked.
_CHECKED = (TileFormatFamily.JPEG, TileFormatFamily.PNG, TileFormatFamily.MIXED)


def repair(data: bytes):
    """``(bytes, repaired)``: a PNG missing its signature's first 4 bytes gets them back."""
    if data.startswith(TRUNCATED_PNG_START):
        return PNG_SIGNATURE[:4] + data, True
    return data, False


def tile_starts(tile_format):
    """The byte strings a tile of ``tile_format`` may start with; None: not checked."""
    return IMAGE_STARTS if tile_format_family(tile_format) in _CHECKED else None


def is_jpeg(data):
    return data[:3] == JPEG_START

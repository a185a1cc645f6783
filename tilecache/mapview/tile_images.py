"""One tile's bytes as pixels: repaired where the defect is known, any palette expanded.

Pixels are ``uint32`` values in Qt's ARGB32 premultiplied layout (0xAARRGGBB,
colour already multiplied by alpha), the form QGIS draws without another pass.

Facts (docs/formats.md, "Readers' limits"): Esri's own ``Usa.tpkx`` stores
level 0 and 1 PNG tiles without the first four bytes of the PNG signature
(they start at ``\\r\\n\\x1a\\n``); putting them back gives the intended image.
Palette PNGs (PNG8) decode to indices; converting through RGBA gives their
true colours.
"""
import io

import numpy as np
from PIL import Image

from ..scheme.tile_signature import repair

#: Byte order of an ARGB32 pixel in memory on a little-endian machine, from
#: Pillow's premultiplied RGBA ("RGBa"): blue, green, red, alpha.
BGRA = [2, 1, 0, 3]


class TileDamage(Exception):
    """The tile's bytes do not decode as an image of the scheme's tile size."""


def decode_tile(data: bytes, width: int, height: int):
    """``(pixels, repaired)``: a ``(height, width)`` uint32 ARGB32 premultiplied array.

    Raises TileDamage when the bytes are no image or not ``width`` x ``height``.
    """
    data, repaired = repair(data)
    try:
        image = Image.open(io.BytesIO(data))
        image.load()
        rgba = image.convert("RGBA")
    except Exception as exc:  # noqa: BLE001 - Pillow raises many kinds for bad bytes
        raise TileDamage(str(exc) or type(exc).__name__) from None
    if rgba.size != (width, height):
        raise TileDamage(f"{rgba.size[0]} x {rgba.size[1]} pixels, not {width} x {height}")
    if rgba.getextrema()[3][0] < 255:
        rgba = rgba.convert("RGBa")  # some transparency: premultiply
    pixels = np.asarray(rgba)[:, :, BGRA]
    return np.ascontiguousarray(pixels).view(np.uint32)[:, :, 0], repaired

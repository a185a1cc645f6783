"""Rendered RGBA pixels -> tile bytes in the tile format asked for, and blank tiles.

Formats are CacheTileFormat names (docs/formats.md#tile-image-formats):

- PNG: PNG8 where the tile has at most 256 colours and no partial
  transparency (converted losslessly), else PNG32, as ArcGIS's PNG does;
- PNG8 (palette, quantised when there are more colours), PNG24 (RGB),
  PNG32 (RGBA);
- JPEG (composited over the background, white when it is transparent);
- MIXED: JPEG where the tile is fully opaque, PNG32 where it is not.

A blank tile (every pixel the background, or fully transparent) is not
stored: ArcGIS does not store them either.
"""
import io
import zlib

import numpy as np
from PIL import Image

from ..errors import ParameterError
from .png_writer import unfiltered_png

TILE_FORMATS = ("PNG", "PNG8", "PNG24", "PNG32", "JPEG", "MIXED")
WHITE = (255, 255, 255, 255)
TRANSPARENT = (0, 0, 0, 0)


def check_tile_format(name):
    """The canonical tile format name; ParameterError for others."""
    text = str(name or "").strip().upper()
    text = "JPEG" if text == "JPG" else text
    if text not in TILE_FORMATS:
        raise ParameterError(f"tileFormat {name!r} is not one of {', '.join(TILE_FORMATS)}")
    return text


def is_blank(rgba, background):
    """True when every pixel is fully transparent or exactly the background colour."""
    alpha = rgba[..., 3]
    if not alpha.any():
        return True
    if background[3] == 0:
        return False
    return bool((rgba == np.asarray(background, dtype=np.uint8)).all())


def encode_tile(rgba, tile_format, quality=75, background=TRANSPARENT):
    """Bytes of one tile (``rgba``: height x width x 4 uint8), or None when blank."""
    if is_blank(rgba, background):
        return None
    opaque = bool((rgba[..., 3] == 255).all())
    if tile_format == "MIXED":
        tile_format = "JPEG" if opaque else "PNG32"
    if tile_format == "JPEG":
        return _save(Image.fromarray(_flatten(rgba, background), "RGB"), "JPEG",
                     quality=int(quality))
    if tile_format == "PNG24":
        return _truecolour(_flatten(rgba, background))
    if tile_format == "PNG32":
        return _truecolour(rgba)
    if tile_format == "PNG8":
        return _save(_palette(rgba) or _quantised(rgba), "PNG")
    palette = _palette(rgba)
    return _truecolour(rgba) if palette is None else _save(palette, "PNG")


def _truecolour(pixels):
    """PNG bytes of RGB or RGBA ``pixels``: unfiltered (png_writer.py), or Pillow's
    filtered PNG when the unfiltered one compresses poorly (photos) and that one is
    smaller. Either way lossless, and the same bytes for the same pixels."""
    data = unfiltered_png(pixels)
    if len(data) <= pixels.nbytes * FILTERED_WORTH_TRYING:
        return data
    mode = "RGBA" if pixels.shape[2] == 4 else "RGB"
    return min(data, _save(Image.fromarray(pixels, mode), "PNG"), key=len)


#: Pillow's PNGs (palette tiles, and the filtered fallback for photos) use zlib's
#: run-length strategy: on the world map's level-5 tiles PNG8 took 0.28 ms instead
#: of 0.79 ms for 7 % fewer bytes, filtered PNG32 2.4 ms instead of 3.5 ms for 1 %
#: fewer (docs/benchmarks.md); after the row filters a map tile is runs of equal
#: bytes, which is what Z_RLE looks for.
PNG_OPTIONS = {"compress_type": zlib.Z_RLE}
#: An unfiltered PNG over this share of the raw pixels' size is also written with
#: Pillow's row filters, and the smaller kept: map tiles come out at 2-10 %,
#: photos at 40 % and more, where filtering pays.
FILTERED_WORTH_TRYING = 0.25


def _save(image, kind, **options):
    if kind == "PNG":
        options = {**PNG_OPTIONS, **options}
    out = io.BytesIO()
    image.save(out, kind, **options)
    return out.getvalue()


def _flatten(rgba, background):
    """RGB pixels over the background colour (white when the background is transparent)."""
    under = np.asarray(background if background[3] else WHITE, dtype=np.float32)[:3]
    alpha = rgba[..., 3:4].astype(np.float32) / 255.0
    rgb = rgba[..., :3].astype(np.float32) * alpha + under * (1.0 - alpha)
    return np.rint(rgb).astype(np.uint8)


def _palette(rgba):
    """A lossless palette image when the tile has <= 256 colours and alpha only 0 or 255;
    None otherwise."""
    alpha = rgba[..., 3]
    if ((alpha != 0) & (alpha != 255)).any():
        return None
    clean = rgba.copy()
    clean[alpha == 0] = 0  # one transparent colour, whatever RGB the renderer left
    if Image.fromarray(clean, "RGBA").getcolors(256) is None:
        return None
    keys = clean.reshape(-1, 4).view(np.uint32).ravel()
    colours, index = np.unique(keys, return_inverse=True)
    table = colours.view(np.uint8).reshape(-1, 4)
    image = Image.fromarray(index.astype(np.uint8).reshape(alpha.shape), "P")
    image.putpalette(table[:, :3].ravel().tolist())
    transparent = np.flatnonzero(table[:, 3] == 0)
    if transparent.size:
        image.info["transparency"] = int(transparent[0])
    return image


def _quantised(rgba):
    """A palette image of at most 256 colours for a tile that has more."""
    image = Image.fromarray(rgba, "RGBA")
    return image.quantize(256, method=Image.FASTOCTREE)

"""One tile made readable by an old GDAL: repaired, expanded, split.

Facts behind each step (docs/formats.md, "Readers' limits"):

- Esri's own ``Usa.tpkx`` stores level 0 and 1 PNG tiles without the first
  four bytes of the PNG signature; ``scheme/tile_signature.repair`` puts them
  back (exports and imports repair them the same way).
- GDAL 3.6 shows a palette PNG (PNG8) as its palette indices; the same
  pixels as RGBA PNG show right.
- GDAL before 3.9.1 reads 256 px tiles only (larger ones crash it), so a
  512 px tile becomes four 256 px tiles of the same resolution.
"""
import io
from typing import List, NamedTuple, Optional, Tuple

from PIL import Image

from ..scheme.tile_signature import repair

#: The tile size old GDAL reads.
VIEW_TILE_SIZE = 256
#: Re-encoding quality of split JPEG tiles: close to the source, as a view
#: is for looking at the tiles.
SPLIT_JPEG_QUALITY = 90


class FixedTile(NamedTuple):
    """The parts of one source tile, row-major: ``(row offset, col offset, bytes)``."""
    parts: List[Tuple[int, int, bytes]]
    repaired: bool


class TileDamage(Exception):
    """The tile's bytes do not decode as an image."""


def fix_tile(data: bytes, factor: int, expand_palette: bool) -> FixedTile:
    """The tile repaired, its palette expanded if asked, cut into ``factor`` x ``factor`` parts.

    Raises TileDamage when the bytes do not decode.
    """
    data, repaired = repair(data)
    try:
        image = Image.open(io.BytesIO(data))
        image.load()
    except Exception as exc:  # noqa: BLE001 - Pillow raises many kinds for bad bytes
        raise TileDamage(str(exc) or type(exc).__name__) from None
    expand = expand_palette and image.mode in ("P", "PA", "L", "LA", "1")
    if factor == 1 and not expand:
        return FixedTile([(0, 0, data)], repaired)
    kind = "JPEG" if image.format == "JPEG" else "PNG"
    if expand or kind == "PNG":
        image = image.convert("RGBA")
    elif image.mode not in ("RGB", "L"):
        image = image.convert("RGB")
    size = image.width // factor
    parts = []
    for row in range(factor):
        for col in range(factor):
            part = image.crop((col * size, row * size, (col + 1) * size, (row + 1) * size))
            parts.append((row, col, _encode(part, kind)))
    return FixedTile(parts, repaired)


def _encode(image, kind):
    out = io.BytesIO()
    if kind == "JPEG":
        image.save(out, "JPEG", quality=SPLIT_JPEG_QUALITY)
    else:
        # A view is a local copy for drawing: fast compression beats small files.
        image.save(out, "PNG", compress_level=1)
    return out.getvalue()


def split_factor(tile_size: int) -> Optional[int]:
    """How many view tiles a source tile spans per side, or None when it cannot be split."""
    if tile_size % VIEW_TILE_SIZE:
        return None
    return tile_size // VIEW_TILE_SIZE

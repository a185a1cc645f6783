"""Tile payloads: every tile recognisable, some of them real images.

- ``marked_tile`` / ``tiles_in``: short byte strings with a real JPEG or
  PNG signature (all a reader or the import looks at) and their address and
  a tag in them, so every tile of every cache is recognisable when compared;
- ``stand_in_tile``: deterministic JPEG-looking bytes of a chosen size;
- ``noise_tile``, ``noise_jpegs``, ``jpeg_with_comment``, ``solid_tile``, ``quadrant_tile``:
  images that decode (PIL), for caches that GDAL or re-encoding must read.
"""
import hashlib
import io
import random

from tile_package_tools.tilecache import TileKey

JPEG_MAGIC = b"\xff\xd8\xff\xe0"
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"

_NOISE_CACHE = {}


def marked_tile(level, row, col, tag="cache", fmt="JPEG"):
    """A JPEG or PNG signature, then ``tag:L<level>R<row>C<col>`` and padding."""
    magic = JPEG_MAGIC if fmt == "JPEG" else PNG_MAGIC
    # Lengths vary with the tag so a replaced tile rarely has the old size.
    return magic + f"{tag}:L{level}R{row}C{col}".encode() + b"." * (len(tag) * 7 % 50)


def tiles_in(level, rows, cols, tag="cache", fmt="JPEG"):
    """{TileKey: marked_tile} for every row x col of ``level``."""
    return {TileKey(level, r, c): marked_tile(level, r, c, tag, fmt) for r in rows for c in cols}


def stand_in_tile(seed, size=300):
    """Deterministic stand-in tile content (readers never decode tiles)."""
    digest = hashlib.sha256(str(seed).encode()).digest()
    return (b"\xff\xd8\xff" + digest * (size // 32 + 1))[:size]


def noise_jpegs(count=4, size=256, quality=80, seed=1234):
    """``count`` distinct random-noise JPEGs of about 10 KB each (cached per process).

    Noise so they do not shrink under compression and have realistic sizes.
    """
    key = (count, size, quality, seed)
    if key not in _NOISE_CACHE:
        from PIL import Image
        rng = random.Random(seed)
        payloads = []
        for _ in range(count):
            # Grey noise keeps a 256 x 256 JPEG around 10 KB at this quality;
            # coloured noise would triple it.
            image = Image.frombytes("L", (size, size), rng.randbytes(size * size))
            image = image.resize((size // 4, size // 4)).resize((size, size)).convert("RGB")
            buffer = io.BytesIO()
            image.save(buffer, "JPEG", quality=quality)
            payloads.append(buffer.getvalue())
        _NOISE_CACHE[key] = payloads
    return _NOISE_CACHE[key]


def jpeg_with_comment(jpeg, text):
    """Splice a COM segment after SOI: the image still decodes, the bytes differ."""
    comment = text.encode("ascii")
    length = (len(comment) + 2).to_bytes(2, "big")
    return b"".join((jpeg[:2], b"\xff\xfe", length, comment, jpeg[2:]))


def noise_tile(level, row, col):
    """The generator's default tile: one of the noise JPEGs marked with its own address."""
    payloads = noise_jpegs()
    return jpeg_with_comment(payloads[(level + row + col) % len(payloads)],
                             f"L{level}R{row}C{col}")


def solid_tile(colour, fmt="PNG", size=256):
    """A one-colour image of ``size`` x ``size`` pixels."""
    from PIL import Image
    buffer = io.BytesIO()
    Image.new("RGB", (size, size), colour).save(buffer, fmt, quality=95)
    return buffer.getvalue()


#: The colours of ``quadrant_tile``'s quarters: top left, top right, bottom left, bottom right.
QUADRANT_COLOURS = ((200, 30, 30), (30, 200, 30), (30, 30, 200), (220, 220, 40))


def quadrant_tile(size=256, fmt="PNG", palette=False):
    """An image whose four quarters have the QUADRANT_COLOURS; ``palette``: a PNG8."""
    from PIL import Image
    image = Image.new("RGB", (size, size))
    half = size // 2
    for index, colour in enumerate(QUADRANT_COLOURS):
        left, top = index % 2 * half, index // 2 * half
        image.paste(colour, (left, top, left + half, top + half))
    if palette:
        image = image.quantize(colors=8)
    buffer = io.BytesIO()
    image.save(buffer, fmt, quality=95)
    return buffer.getvalue()


def addressed_png(key, size=256):
    """A PNG whose quarters take colours from the tile's address: a tile read from the
    wrong place, or turned over, shows other pixels."""
    from PIL import Image
    image = Image.new("RGB", (size, size))
    half = size // 2
    seed = (key[0] * 7919 + key[1] * 104729 + key[2] * 1299709) & 0xFFFFFF
    for index in range(4):
        value = (seed * (index + 3)) & 0xFFFFFF
        colour = (value >> 16 & 0xFF, value >> 8 & 0xFF, value & 0xFF)
        left, top = index % 2 * half, index // 2 * half
        image.paste(colour, (left, top, left + half, top + half))
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


#: What Usa.tpkx's two damaged PNG tiles start with: the PNG signature without its
#: first four bytes (docs/formats.md, "Damaged tiles").
TRUNCATED_PNG = b"\r\n\x1a\n\x00\x00\x00\x0dIHDR"


def as_exported(tiles):
    """``tiles`` (key -> bytes) as an export writes them: a PNG missing the first four
    bytes of its signature gets them back; written here from the PNG standard, not
    from the core's repair, so a wrong repair fails the comparison."""
    return {key: b"\x89PNG" + data if data.startswith(TRUNCATED_PNG) else data
            for key, data in tiles.items()}

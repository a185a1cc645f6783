"""Zip bombs that cost a few MB to build and claim gigabytes."""
import functools
import zlib

from ..zips import RawMember

#: What a zip bomb claims to hold: far more than any RLIMIT_AS the tests set.
BOMB_SIZE = 2 << 30
_ZERO_CHUNK = 1 << 24


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


def png_bomb(side=60000, rows=4096):
    """A PNG claiming ``side`` x ``side`` grey pixels, ``rows`` of them present (all: a
    valid image), a few hundred KB compressed: decoding it takes side² bytes (3.6 GB at
    the default), which Pillow refuses past 179 million pixels and decodes below."""
    import struct

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + \
            struct.pack(">I", zlib.crc32(kind + data))

    packer = zlib.compressobj(9)
    row = bytes(1 + side)  # filter byte 0, then one grey byte per pixel
    body = b"".join(packer.compress(row) for _ in range(min(side, rows))) + packer.flush()
    header = struct.pack(">IIBBBBB", side, side, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", body) + \
        chunk(b"IEND", b"")

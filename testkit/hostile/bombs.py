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

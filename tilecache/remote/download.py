"""A result file downloaded to a temporary name, resumed with HTTP ranges,
verified against its announced length, and renamed into place.

The file is asked for in pieces (``Range: bytes=<have>-<have + PIECE - 1>``)
into a temporary file beside the target (``<target>.download``), which stays
there when a run stops, so the next run asks only for the bytes it lacks; a
server that ignores ranges (200) is read whole from the start.
"""
import os
import re

from ..feedback import SILENT
from ..io.atomic import remove_path
from .client import ServiceError
from .http import NetworkError

PARTIAL_SUFFIX = ".download"
#: Bytes asked for per request: QGIS's blocking requests hold an answer in memory.
PIECE = 16 * 1024 * 1024
CONTENT_RANGE = re.compile(r"bytes (\d+)-(\d+)/(\d+|\*)")


def download(client, url, target, feedback=SILENT):
    """Fetch ``url`` into ``target`` through ``client`` (its token and retry policy),
    ``PIECE`` bytes per request, so no fetch function ever holds more in memory."""
    partial = target + PARTIAL_SUFFIX
    failures = 0
    while True:
        feedback.check_cancelled()
        have = os.path.getsize(partial) if os.path.exists(partial) else 0
        response = client.request("", byte_range=(have, have + PIECE - 1), url=url)
        if response.status == 416 and have and failures < client.retries:
            remove_path(partial)  # what we hold is not a prefix of this file
            failures += 1
            continue
        if response.status not in (200, 206):
            raise ServiceError(f"download failed: HTTP {response.status}", url)
        extent = _extent(response, have, url)
        total = extent[1]
        try:
            _append(response, partial, have if response.status == 206 else 0, extent, feedback)
        except NetworkError:
            failures += 1
            if failures > client.retries:
                raise ServiceError(f"download cut short {failures} times; run again to resume "
                                   f"from {os.path.getsize(partial)} bytes", url) from None
            client.sleep(client.backoff * 2 ** (failures - 1))
            continue
        failures = 0  # retries are per piece: a long download may be cut many times
        size = os.path.getsize(partial)
        if total is None or size >= total:
            break
    if total is not None and size != total:
        raise ServiceError(f"download cut short: {size} of {total} bytes", url)
    os.replace(partial, target)
    return target


def _extent(response, have, url):
    """(where this answer's bytes end, the whole file's length): from Content-Range
    (206) or Content-Length (200); None where the server does not say."""
    if response.status == 206:
        match = CONTENT_RANGE.match(response.header("Content-Range") or "")
        if not match or int(match.group(1)) != have:
            raise ServiceError("the server answered a range it was not asked for", url)
        return int(match.group(2)) + 1, None if match.group(3) == "*" else int(match.group(3))
    length = response.header("Content-Length")
    total = int(length) if length and length.strip().isdigit() else None
    return total, total


def _append(response, partial, offset, extent, feedback):
    """Write the body at ``offset`` of ``partial``; NetworkError if it stops before the
    end ``extent`` (from _extent) announces."""
    end, total = extent
    with open(partial, "r+b" if offset else "wb") as stream:
        stream.seek(offset)
        stream.truncate()
        written = offset
        for chunk in response.body:
            stream.write(chunk)
            written += len(chunk)
            if total:
                feedback.progress(written / total, f"Downloading: {written} of {total} bytes")
    if end is not None and written < end:
        raise NetworkError(f"{written} of {end} bytes arrived")

"""A result file downloaded to a temporary name, resumed with HTTP ranges,
verified against its announced length, and renamed into place.

The temporary file sits beside the target (``<target>.download``) and stays
there when a run stops, so the next run asks only for the bytes it lacks
(``Range: bytes=<have>-``); a server that ignores the range (200) is read
from the start again.
"""
import os
import re

from ..feedback import SILENT
from ..io.atomic import remove_path
from .client import ServiceError
from .http import NetworkError

PARTIAL_SUFFIX = ".download"
CONTENT_RANGE = re.compile(r"bytes (\d+)-(\d+)/(\d+|\*)")


def download(client, url, target, feedback=SILENT):
    """Fetch ``url`` into ``target`` through ``client`` (its token and retry policy)."""
    partial = target + PARTIAL_SUFFIX
    for attempt in range(client.retries + 1):
        feedback.check_cancelled()
        have = os.path.getsize(partial) if os.path.exists(partial) else 0
        response = client.request("", byte_range=(have, None) if have else None, url=url)
        if response.status == 416 and have:
            remove_path(partial)  # what we hold is not a prefix of this file
            continue
        if response.status not in (200, 206):
            raise ServiceError(f"download failed: HTTP {response.status}", url)
        total = _total(response, have, url)
        try:
            _append(response, partial, have if response.status == 206 else 0, total, feedback)
        except NetworkError:
            client.sleep(client.backoff * 2 ** attempt)
            continue
        size = os.path.getsize(partial)
        if total is not None and size != total:
            raise ServiceError(f"download cut short: {size} of {total} bytes", url)
        os.replace(partial, target)
        return target
    raise ServiceError(f"download cut short {client.retries + 1} times; run again to "
                       f"resume from {os.path.getsize(partial)} bytes", url)


def _total(response, have, url):
    """The whole file's length, from Content-Range (206) or Content-Length (200)."""
    if response.status == 206:
        match = CONTENT_RANGE.match(response.header("Content-Range") or "")
        if not match or int(match.group(1)) != have:
            raise ServiceError("the server answered a range it was not asked for", url)
        return None if match.group(3) == "*" else int(match.group(3))
    length = response.header("Content-Length")
    return int(length) if length and length.strip().isdigit() else None


def _append(response, partial, offset, total, feedback):
    """Write the body at ``offset`` of ``partial``, flushing as it goes."""
    with open(partial, "r+b" if offset else "wb") as stream:
        stream.seek(offset)
        stream.truncate()
        written = offset
        for chunk in response.body:
            stream.write(chunk)
            written += len(chunk)
            if total:
                feedback.progress(written / total, f"Downloading: {written} of {total} bytes")
        stream.flush()
    if total is not None and written < total:
        raise NetworkError(f"{written} of {total} bytes arrived")

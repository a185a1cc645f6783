"""The fetch contract: plain request and response values, and a urllib fetch.

A fetch function takes a :class:`Request` and returns a :class:`Response` for
any HTTP status; it raises :class:`NetworkError` when no status came back
(host unreachable, timeout, connection dropped). Response bodies are streams
of chunks, so a download never has to sit in memory.
"""
import http.client
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from typing import Iterator, Mapping, Optional, Tuple

#: Seconds to wait for an answer before the request counts as failed.
DEFAULT_TIMEOUT = 30.0
CHUNK = 64 * 1024


class NetworkError(Exception):
    """No HTTP answer: unreachable, timed out, or cut off mid-body."""


@dataclass(frozen=True)
class Request:
    method: str
    url: str
    params: Mapping[str, str] = field(default_factory=dict)
    headers: Mapping[str, str] = field(default_factory=dict)
    #: (first, last) byte offsets to ask for with a Range header, or None.
    byte_range: Optional[Tuple[int, Optional[int]]] = None
    timeout: float = DEFAULT_TIMEOUT

    def full_url(self):
        """The URL with ``params`` in its query (GET) or as it is (POST)."""
        if self.method == "POST" or not self.params:
            return self.url
        joiner = "&" if "?" in self.url else "?"
        return self.url + joiner + urllib.parse.urlencode(self.params)

    def form_body(self):
        return urllib.parse.urlencode(self.params).encode("ascii") \
            if self.method == "POST" else None

    def all_headers(self):
        headers = dict(self.headers)
        if self.byte_range is not None:
            first, last = self.byte_range
            headers["Range"] = f"bytes={first}-{'' if last is None else last}"
        if self.method == "POST":
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        return headers


@dataclass
class Response:
    status: int
    headers: Mapping[str, str]
    #: The body as chunks of bytes; read it once.
    body: Iterator[bytes]

    def header(self, name):
        wanted = name.lower()
        return next((v for k, v in self.headers.items() if k.lower() == wanted), None)

    def read(self, limit):
        """The whole body, at most ``limit`` bytes (NetworkError beyond: no honest
        answer of this kind is that big)."""
        parts, size = [], 0
        for chunk in self.body:
            size += len(chunk)
            if size > limit:
                raise NetworkError(f"answer larger than {limit} bytes")
            parts.append(chunk)
        self.check_length(size)
        return b"".join(parts)

    def check_length(self, size):
        """NetworkError when fewer (or more) bytes came than Content-Length said:
        a connection dropped mid-body can end like a complete answer."""
        declared = self.header("Content-Length")
        if declared is not None and declared.strip().isdigit() and int(declared) != size:
            raise NetworkError(f"{size} of {int(declared)} bytes arrived")


def urllib_fetch(request: Request) -> Response:
    """A fetch function over urllib (no proxy or auth settings beyond the
    environment's): for the core's tests, the bench and scripts."""
    req = urllib.request.Request(request.full_url(), data=request.form_body(),
                                 headers=request.all_headers(), method=request.method)
    try:
        answer = urllib.request.urlopen(req, timeout=request.timeout)  # noqa: S310 - http(s) only, checked by service.service_url
    except urllib.error.HTTPError as exc:
        answer = exc
    except (OSError, http.client.HTTPException) as exc:
        raise NetworkError(str(getattr(exc, "reason", exc))) from None
    return Response(answer.status if hasattr(answer, "status") else answer.code,
                    dict(answer.headers.items()), _chunks(answer))


def _chunks(answer):
    try:
        while True:
            try:
                chunk = answer.read(CHUNK)
            except (OSError, ValueError, http.client.HTTPException) as exc:
                raise NetworkError(f"connection cut mid-answer: {exc}") from None
            if not chunk:
                return
            yield chunk
    finally:
        answer.close()

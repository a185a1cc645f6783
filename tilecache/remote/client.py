"""Talking to one ArcGIS REST service: JSON answers, tiles, retries, tokens.

Every answer is treated as hostile: JSON goes through decode_json with a
size cap, ArcGIS error bodies sent with HTTP 200 are errors, 498/499 are
token errors. Transient failures (5xx, 429, no answer) are retried with
exponential backoff; anything else fails at once with one line naming the
service.
"""
import threading
import time
from dataclasses import dataclass
from typing import Callable

from ..errors import TileCacheError
from ..io.json_text import JsonTextError, decode_json
from .http import NetworkError, Request

#: JSON answers of a service are small; a tile is at most a few MB.
MAX_JSON = 8 * 1024 * 1024
MAX_TILE = 32 * 1024 * 1024
DEFAULT_RETRIES = 5
#: First wait before a retry, doubled each time (0.5, 1, 2, 4, 8 s).
DEFAULT_BACKOFF = 0.5
TRANSIENT = frozenset({429, 500, 502, 503, 504})
TOKEN_ERRORS = {498: "Invalid Token", 499: "Token Required"}


class ServiceError(TileCacheError):
    """The service refused, failed or could not be reached; the text names it."""


@dataclass(frozen=True)
class RetryPolicy:
    """How often and how patiently a transient failure is tried again.

    ``sleep`` is injectable so tests need not wait out the backoff.
    """
    retries: int = DEFAULT_RETRIES
    backoff: float = DEFAULT_BACKOFF
    sleep: Callable = time.sleep


class ServiceClient:
    """Requests to one service URL through ``fetch``, with retries and a token."""

    def __init__(self, fetch, url, token=None, policy=RetryPolicy()):
        self.fetch, self.url, self.token = fetch, url.rstrip("/"), token
        self.policy = policy
        self.retries, self.backoff, self.sleep = policy.retries, policy.backoff, policy.sleep
        self._lock = threading.Lock()
        #: Requests sent and retries made, for the log and the tests.
        self.requests = 0
        self.retried = 0

    def request(self, path, params=None, method="GET", byte_range=None, url=None):
        """The Response of a request, retried while the failure is transient."""
        params = dict(params or {})
        if self.token:
            params["token"] = self.token
        target = url or (self.url + ("/" + path if path else ""))
        request = Request(method, target, params, byte_range=byte_range)
        for attempt in range(self.retries + 1):
            with self._lock:
                self.requests += 1
            try:
                response = self.fetch(request)
            except NetworkError as exc:
                failure = str(exc)
            else:
                if response.status not in TRANSIENT:
                    return response
                failure = f"HTTP {response.status}"
            if attempt == self.retries:
                break
            with self._lock:
                self.retried += 1
            self.sleep(self.backoff * 2 ** attempt)
        raise ServiceError(f"no answer after {self.retries + 1} attempts ({failure})",
                           self.url)

    def json(self, path="", params=None, method="GET", url=None):
        """The JSON object a REST resource answers with ``f=json``; ``url`` names a
        resource outside the service (a job's output directory)."""
        response = self.request(path, {**(params or {}), "f": "json"}, method, url=url)
        where = url or self.url
        check_status(response.status, where)
        try:
            data = response.read(MAX_JSON)
        except NetworkError as exc:
            raise ServiceError(f"answer cut short: {exc}", where) from None
        return parse_json(data, where)

    def tile(self, level, row, col):
        """The tile's bytes, or None when the service has no tile there.

        A body cut off mid-way is asked for again, as a 5xx would be.
        """
        for attempt in range(self.retries + 1):
            response = self.request(f"tile/{level}/{row}/{col}")
            if response.status in (404, 204):
                return None
            check_status(response.status, self.url)
            try:
                data = response.read(MAX_TILE)
            except NetworkError:
                with self._lock:
                    self.retried += 1
                self.sleep(self.backoff * 2 ** attempt)
                continue
            return self._tile_bytes(response, data)
        raise ServiceError(f"tile {level}/{row}/{col} cut short {self.retries + 1} times",
                           self.url)

    def _tile_bytes(self, response, data):
        kind = (response.header("Content-Type") or "").lower()
        if kind.startswith(("application/json", "text/")):
            # ArcGIS answers a missing tile with an error body, sometimes with 200.
            check_answer(parse_json(data, self.url, missing_ok=True), self.url,
                         missing_ok=True)
            return None
        return data


def check_status(status, url):
    if status in TOKEN_ERRORS:
        raise ServiceError(f"{status} {TOKEN_ERRORS[status]}", url)
    if status >= 400:
        raise ServiceError(f"HTTP {status}", url)


def parse_json(data, url, missing_ok=False):
    try:
        doc = decode_json(data, MAX_JSON)
    except JsonTextError as exc:
        raise ServiceError(f"not an ArcGIS REST answer ({exc.reason})", url) from None
    if not isinstance(doc, dict):
        raise ServiceError("not an ArcGIS REST answer (not a JSON object)", url)
    return check_answer(doc, url, missing_ok)


def check_answer(doc, url, missing_ok=False):
    """``doc`` unless it is an ArcGIS error body ({"error": {code, message, details}})."""
    error = doc.get("error")
    if error is None:
        return doc
    if not isinstance(error, dict):
        raise ServiceError(f"error: {str(error)[:200]}", url)
    code = error.get("code")
    if missing_ok and code == 404:
        return None
    message = str(error.get("message") or TOKEN_ERRORS.get(code, "error"))[:200]
    details = error.get("details")
    extra = "; ".join(str(d)[:200] for d in details[:3]) if isinstance(details, list) else ""
    text = f"{code} {message}" if isinstance(code, int) else message
    raise ServiceError(f"{text}{' (' + extra + ')' if extra else ''}", url)

"""The core's fetch function over QGIS's network stack, and a pool of QThreads.

Requests go through QgsBlockingNetworkRequest, so QGIS's proxy, SSL and
authentication settings apply (an ``authcfg`` is attached to each request).
QGIS's network objects need threads started by Qt (timers do not run in
plain Python threads), hence :class:`QThreadPoolExecutor` for the fetches.
"""
import queue
from concurrent.futures import Executor, Future

from qgis.core import QgsApplication, QgsAuthMethodConfig, QgsBlockingNetworkRequest
from qgis.PyQt.QtCore import QByteArray, QThread, QUrl
from qgis.PyQt.QtNetwork import QNetworkRequest

from ..tilecache.remote.http import NetworkError, Response


def qgis_fetch(authcfg=""):
    """A fetch function (tilecache/remote/http.py) over QGIS's network manager."""
    def fetch(request):
        qrequest = QNetworkRequest(QUrl(request.full_url()))
        for name, value in request.all_headers().items():
            qrequest.setRawHeader(name.encode("latin-1"), str(value).encode("latin-1"))
        qrequest.setTransferTimeout(int(request.timeout * 1000))
        blocking = QgsBlockingNetworkRequest()
        if authcfg:
            blocking.setAuthCfg(authcfg)
        if request.method == "POST":
            blocking.post(qrequest, QByteArray(request.form_body()), True)
        else:
            blocking.get(qrequest, True)
        reply = blocking.reply()
        status = reply.attribute(QNetworkRequest.HttpStatusCodeAttribute)
        if status is None:
            raise NetworkError(blocking.errorMessage() or "no answer")
        headers = {bytes(name).decode("latin-1"): bytes(reply.rawHeader(name)).decode("latin-1")
                   for name in reply.rawHeaderList()}
        return Response(int(status), headers, iter([bytes(reply.content())]))
    return fetch


def basic_credentials(authcfg):
    """(username, password) of a Basic authentication configuration, or None for
    other kinds (OAuth2, PKI...), which are attached to each request instead."""
    config = QgsAuthMethodConfig()
    manager = QgsApplication.authManager()
    if not manager.loadAuthenticationConfig(authcfg, config, True):
        raise NetworkError(f"authentication configuration {authcfg} cannot be loaded")
    if config.method() != "Basic":
        return None
    return config.config("username"), config.config("password")


class QThreadPoolExecutor(Executor):
    """An executor whose workers are QThreads, for QgsBlockingNetworkRequest."""

    def __init__(self, workers):
        self._queue = queue.SimpleQueue()
        self._threads = []
        for _ in range(max(1, workers)):
            thread = QThread()
            thread.run = self._work
            self._threads.append(thread)
            thread.start()

    def _work(self):
        while True:
            item = self._queue.get()
            if item is None:
                return
            future, fn, args, kwargs = item
            if not future.set_running_or_notify_cancel():
                continue
            try:
                future.set_result(fn(*args, **kwargs))
            except BaseException as exc:  # noqa: BLE001 - handed to the waiting caller
                future.set_exception(exc)

    def submit(self, fn, /, *args, **kwargs):
        future = Future()
        self._queue.put((future, fn, args, kwargs))
        return future

    def shutdown(self, wait=True, *, cancel_futures=False):
        if cancel_futures:
            self._drain()
        for _ in self._threads:
            self._queue.put(None)
        if wait:
            for thread in self._threads:
                thread.wait()

    def _drain(self):
        while True:
            try:
                item = self._queue.get_nowait()
            except queue.Empty:
                return
            if item is not None:
                item[0].cancel()

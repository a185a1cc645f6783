"""Where bundles are produced: the CLUSTER parameter and the Dask client behind it.

    ""                 this machine, as without a cluster (no dask needed)
    "local:N"          a LocalCluster of N worker processes, started and stopped by the run
    "tcp://host:8786"  the scheduler of a running cluster (also tls://, or host:port)

dask.distributed is imported only when a cluster is asked for, so the plugin
runs without it; without it, CLUSTER fails with one line saying what to install.
"""
import contextlib
import multiprocessing
import os
import re
import sys
from dataclasses import dataclass
from typing import Optional

from ..errors import ParameterError, TileCacheError

#: What to install for CLUSTER; the versions requirements-dev.txt pins and tests.
INSTALL_HINT = "python3 -m pip install 'distributed>=2024.1'"
#: Seconds to wait for a scheduler before saying it cannot be reached.
CONNECT_TIMEOUT = 10
_LOCAL = re.compile(r"^local:(\d+)$", re.IGNORECASE)
_ADDRESS = re.compile(r"^(?:(tcp|tls|ws|wss)://)?[\w.\-\[\]:]+:\d+/?$", re.IGNORECASE)


@dataclass(frozen=True)
class ClusterSpec:
    """A parsed CLUSTER value: ``local_workers`` for a LocalCluster, else ``address``."""
    local_workers: Optional[int] = None
    address: Optional[str] = None

    @classmethod
    def parse(cls, text):
        """The spec for a CLUSTER value; None for this machine (empty)."""
        text = (text or "").strip()
        if not text:
            return None
        local = _LOCAL.match(text)
        if local:
            workers = int(local.group(1))
            if not 1 <= workers <= 256:
                raise ParameterError(f"CLUSTER {text}: local:N takes 1 to 256 workers")
            return cls(local_workers=workers)
        if _ADDRESS.match(text):
            return cls(address=text if "://" in text else f"tcp://{text}")
        raise ParameterError(f"CLUSTER {text!r}: give local:N (N worker processes on this "
                             "machine) or a scheduler address such as tcp://host:8786")

    def __str__(self):
        return f"local:{self.local_workers}" if self.address is None else self.address


def import_distributed():
    """The dask.distributed module, or a ParameterError saying what to install."""
    try:
        import distributed
    except ImportError:
        raise ParameterError(f"CLUSTER needs Dask, which is not installed in QGIS' Python; "
                             f"install it with: {INSTALL_HINT}") from None
    return distributed


@contextlib.contextmanager
def connected(spec, feedback, needs=()):
    """A Client for ``spec`` (LocalCluster started here and stopped on exit), its
    workers checked to import the modules ``needs`` names."""
    distributed = import_distributed()
    with contextlib.ExitStack() as stack:
        try:
            if spec.address is None:
                _spawn_this_python()
                cluster = stack.enter_context(distributed.LocalCluster(
                    n_workers=spec.local_workers, threads_per_worker=1, processes=True,
                    dashboard_address=":0", silence_logs=40))
                client = stack.enter_context(distributed.Client(cluster))
            else:
                client = stack.enter_context(distributed.Client(
                    spec.address, timeout=CONNECT_TIMEOUT))
        except (OSError, TimeoutError) as exc:
            raise TileCacheError(f"cannot reach the Dask scheduler: {_reason(exc)}",
                                 str(spec)) from None
        _announce(client, spec, feedback)
        _check_workers(client, needs)
        yield client


def _spawn_this_python():
    """Have worker processes started with the interpreter running this code.

    Inside QGIS (qgis_process, the desktop) Python is embedded: sys.executable
    names QGIS or whatever ``python3`` is first on PATH, possibly another
    Python that cannot import QGIS' modules. The interpreter of this Python's
    own installation is the one whose workers import the same packages.
    """
    own = os.path.join(sys.base_exec_prefix, "bin",
                       f"python{sys.version_info.major}.{sys.version_info.minor}")
    current = os.path.realpath(sys.executable or "")
    if os.path.isfile(own) and not (
            os.path.basename(current).startswith("python")
            and current.startswith(os.path.realpath(sys.base_exec_prefix) + os.sep)):
        multiprocessing.get_context("spawn").set_executable(own)


def _announce(client, spec, feedback):
    """Log the workers and the dashboard address (when the scheduler serves one)."""
    info = client.scheduler_info()
    workers = info.get("workers", {})
    threads = sum(worker.get("nthreads", 1) for worker in workers.values())
    feedback.info(f"Dask cluster {spec}: {len(workers)} workers, {threads} threads")
    if _dashboard_served(client):
        feedback.info(f"Dask dashboard: {client.dashboard_link}")
    else:
        feedback.info("Dask dashboard: not served by this scheduler (started with "
                      "--no-dashboard, or without bokeh; pip install 'bokeh>=3.1' there)")


def _dashboard_served(client):
    """Whether the scheduler draws its dashboard.

    Its web server runs either way (services always name a "dashboard"), and
    without bokeh or with --no-dashboard its link leads to a notice or nothing;
    the scheduler imports its dashboard module only when it draws one. Asked
    with the builtin ``eval``, which the scheduler unpickles whatever it has.
    """
    try:
        return bool(client.run_on_scheduler(
            eval, "'distributed.dashboard.scheduler' in __import__('sys').modules"))
    except Exception:  # pylint: disable=broad-except
        # Only a log line depends on it: a scheduler refusing the question still runs jobs.
        return "dashboard" in client.scheduler_info().get("services", {})


def _check_workers(client, modules):
    """Refuse a cluster whose scheduler or workers cannot import what the jobs need.

    A job is pickled by reference to this plugin's modules; a worker that cannot
    import them does not fail the job: Dask drops that worker, the nanny starts
    it again, and the run would wait with nothing done. So ask first, with the
    builtin ``exec`` (it pickles as itself, unlike any function of this plugin).
    """
    if not modules:
        return
    code = "\n".join(f"import {name}" for name in modules)
    try:
        # Dask's scheduler unpickles each job too (it fails them all otherwise).
        client.run_on_scheduler(exec, code, {})
    except ImportError as exc:
        raise TileCacheError(f"the Dask scheduler at {client.scheduler.address} cannot "
                             f"import {exc.name or _reason(exc)}; it unpickles every job, so "
                             "it needs this plugin too (docs/scale-out.md)") from None
    answers = client.run(exec, code, {}, on_error="return")
    failed = {worker: exc for worker, exc in answers.items() if isinstance(exc, Exception)}
    if failed:
        worker, exc = sorted(failed.items())[0]
        missing = getattr(exc, "name", None) or _reason(exc)
        raise TileCacheError(f"{len(failed)} of {len(answers)} Dask workers cannot import "
                             f"{missing} (first: {worker}); every worker needs QGIS, this "
                             "plugin and its packages (docs/scale-out.md)")


def _reason(exc):
    return " ".join(str(exc).split()) or type(exc).__name__

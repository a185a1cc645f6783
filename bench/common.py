"""Shared plumbing for the benchmarks: import paths, timing, machine facts.

Benchmarks import the checkout as ``tile_package_tools`` through the same
build/pkgroot symlink the tests use, and the cache generator from the test
kit (``tile_package_tools.testkit``).
"""
import os
import platform
import runpy
import subprocess
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
BUILD = REPO / "build" / "bench"
MIB = 1 << 20


def setup_paths():
    """Make ``tile_package_tools`` (the core and the test kit) importable."""
    runpy.run_path(str(REPO / "testkit" / "pkgroot.py"))["ensure"]()


def best_of(runs, func):
    """Fastest of ``runs`` calls: the one least disturbed by other work on the box."""
    best, value = None, None
    for _ in range(runs):
        start = time.perf_counter()
        value = func()
        elapsed = time.perf_counter() - start
        best = elapsed if best is None else min(best, elapsed)
    return best, value


def files_under(folder, suffix=""):
    return sorted(str(p) for p in Path(folder).rglob(f"*{suffix}") if p.is_file())


def read_raw(paths, buffer_size=MIB):
    """Read files front to back with one reused buffer: the I/O floor for a reader."""
    buffer = bytearray(buffer_size)
    view = memoryview(buffer)
    total = 0
    for path in paths:
        with open(path, "rb", buffering=0) as stream:
            while True:
                got = stream.readinto(view)
                if not got:
                    break
                total += got
    return total


def warm_up(paths):
    """Pull files into the page cache so both sides of a comparison start warm.

    Dropping OS caches needs root and is not portable; warming is the fair
    alternative and is what repeated real use sees.
    """
    read_raw(paths)


def folder_bytes(folder):
    return sum(os.path.getsize(p) for p in files_under(folder))


def machine_info():
    cpu = "unknown"
    try:
        with open("/proc/cpuinfo") as info:
            for line in info:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    ram = "unknown"
    try:
        with open("/proc/meminfo") as info:
            kib = int(info.readline().split()[1])
            ram = f"{kib / (1 << 20):.1f} GiB"
    except (OSError, ValueError, IndexError):
        pass
    try:
        from osgeo import gdal
        gdal_version = gdal.__version__
    except ImportError:
        gdal_version = "not installed"
    zip_version = subprocess.run(["zip", "-v"], capture_output=True, text=True).stdout
    zip_version = next((line.strip() for line in zip_version.splitlines()
                        if line.startswith("This is Zip")), "zip").rstrip(".")
    try:
        load = "load average " + " ".join(f"{v:.1f}" for v in os.getloadavg())
    except OSError:
        load = "load unknown"
    return {
        "CPU": cpu,
        "nproc": str(os.cpu_count()),
        "RAM": ram,
        "OS": f"{platform.system()} {platform.release()}",
        "Python": platform.python_version(),
        "GDAL": gdal_version,
        "zip": zip_version,
        "at start": load,
    }

"""Readers nobody here wrote, each run in a child process: GDAL 3.6, GDAL 3.10, tpkutils, MapProxy.

- GDAL 3.6 is Debian's (QGIS's), imported as ``osgeo`` by ``.venv``'s Python;
- GDAL 3.10 (rasterio's wheel), tpkutils and MapProxy live in ``.venv-readers``,
  a plain venv ``make setup`` builds from requirements-readers.txt (they need
  numpy 2, Pillow >= 10 and lxml >= 6, which must not enter ``.venv``).

The scripts in ``reader_scripts/`` import only the standard library and the
reader, never this project, and print one JSON line. A reader that crashes
(GDAL before 3.9.1 on tiles over 256 px dies by SIGSEGV or SIGABRT) fails the
test that ran it with the signal's name, and the run goes on.
"""
import io
import json
import os
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

from .pkgroot import REPO
from .workers import child_env

READERS_PYTHON = REPO / ".venv-readers" / "bin" / "python"
SCRIPTS = Path(__file__).resolve().parent / "reader_scripts"
GDAL_SCRIPT = SCRIPTS / "gdal_tiles.py"
TPKUTILS_SCRIPT = SCRIPTS / "tpkutils_tiles.py"
MAPPROXY_SCRIPT = SCRIPTS / "mapproxy_tiles.py"
#: Seconds a reader may take on the small caches the tests give it.
TIMEOUT = 120


class ReaderFailed(AssertionError):
    """A reader's child process died or exited non-zero; the message says how."""

    def __init__(self, script, returncode, stderr):
        self.returncode = returncode
        self.signal = signal.Signals(-returncode).name if returncode < 0 else None
        how = f"was killed by {self.signal}" if self.signal else f"exited {returncode}"
        tail = " | ".join(stderr.strip().splitlines()[-3:])
        super().__init__(f"{Path(script).name} {how}: {tail}")


def readers_python():
    """.venv-readers' Python; without it the test fails in CI (``make setup`` makes it)
    and is skipped elsewhere."""
    import pytest
    if READERS_PYTHON.exists():
        return READERS_PYTHON
    if os.environ.get("CI") == "true":
        pytest.fail(f"{READERS_PYTHON} is missing: make setup installs the other readers")
    pytest.skip("the other readers are not installed: run make setup")


def readers_env():
    """The environment of a .venv-readers child: no PROJ_DATA, whose Debian proj.db the
    wheels' newer PROJ refuses (every EPSG lookup would fail)."""
    env = child_env()
    for name in ("PROJ_DATA", "PROJ_LIB", "GDAL_DATA", "PYTHONPATH"):
        env.pop(name, None)
    return env


def run_reader(python, script, *args, env=None):
    """Run ``script`` with ``python``; its JSON answer, or ReaderFailed."""
    run = subprocess.run([str(python), str(script), *map(str, args)], capture_output=True,
                         text=True, timeout=TIMEOUT, env=env or child_env(), cwd=str(REPO))
    if run.returncode != 0:
        raise ReaderFailed(script, run.returncode, run.stderr)
    return json.loads(run.stdout.strip().splitlines()[-1])


def tile_text(key):
    return f"{key[0]}/{key[1]}/{key[2]}"


def gdal_read(dataset, scheme, keys, system_gdal, open_options=None):
    """GDAL's pixels of the tiles ``keys`` of ``dataset`` (a conf.xml or a .tpkx).

    ``system_gdal``: Debian's GDAL through .venv's Python, else GDAL 3.10 from
    .venv-readers. Returns (report, {key: band-sequential bytes}); the report
    has GDAL's version, block size and band count, and per tile the part of it
    read, ``[dx, dy, width, height]``, or why none was. Tiles are placed from
    ``scheme``'s origin by docs/formats.md#tile-addressing.
    """
    python, env = (sys.executable, child_env()) if system_gdal else \
        (readers_python(), readers_env())
    with tempfile.TemporaryDirectory() as work:
        tiles = []
        for key in keys:
            resolution = scheme.lod(key[0]).resolution
            tiles.append({"key": tile_text(key), "resolution": resolution,
                          "xmin": scheme.origin_x + key[2] * scheme.tile_width * resolution,
                          "ymax": scheme.origin_y - key[1] * scheme.tile_height * resolution,
                          "size": scheme.tile_width})
        job_path = Path(work) / "job.json"
        job_path.write_text(json.dumps({"open_options": open_options or {}, "tiles": tiles}),
                            encoding="utf-8")
        report = run_reader(python, GDAL_SCRIPT, dataset, job_path, work, env=env)
        report["tiles"] = {key: report["tiles"][tile_text(key)] for key in keys}
        pixels = {}
        for key in keys:
            raw = Path(work) / (tile_text(key).replace("/", "_") + ".raw")
            if raw.exists():
                pixels[key] = raw.read_bytes()
    return report, pixels


def tpkutils_read(package):
    """tpkutils' view of a .tpk: zoom_levels, bounds, format and [z, x, y, sha1] per tile."""
    return run_reader(readers_python(), TPKUTILS_SCRIPT, package, env=readers_env())


def mapproxy_read(folder, version, keys):
    """{key: sha1 or None} of MapProxy's compact cache reader on a V1 or V2 folder."""
    with tempfile.TemporaryDirectory() as work:
        keys_path = Path(work) / "keys.json"
        keys_path.write_text(json.dumps([tile_text(key) for key in keys]), encoding="utf-8")
        found = run_reader(readers_python(), MAPPROXY_SCRIPT, folder, version, keys_path,
                           env=readers_env())
    return {key: found[tile_text(key)] for key in keys}


def decoded(tile, bands, part=None):
    """Pillow's decoding of ``tile`` as GDAL lays out ``bands`` bands: band-sequential bytes,
    of the whole tile or of ``part`` = ``[dx, dy, width, height]``."""
    import numpy as np
    from PIL import Image
    mode = {3: "RGB", 4: "RGBA"}[bands]
    with Image.open(io.BytesIO(tile)) as image:
        array = np.asarray(image.convert(mode))
    if part is not None:
        dx, dy, width, height = part
        array = array[dy:dy + height, dx:dx + width]
    return np.ascontiguousarray(array.transpose(2, 0, 1)).tobytes()


def pixel_difference(expected, got):
    """How two equally laid out pixel strings differ: (largest, mean, share over 8 levels).

    Two JPEG decoders (Pillow's and a GDAL wheel's libjpeg) round chroma
    differently: a mean below 1 and a few samples off by up to ~30 is the same
    tile, while another tile or a shifted one differs by tens on average.
    """
    import numpy as np
    a = np.frombuffer(expected, dtype=np.uint8).astype(np.int16)
    b = np.frombuffer(got, dtype=np.uint8).astype(np.int16)
    if a.shape != b.shape or not a.size:
        return 255, 255.0, 1.0
    difference = np.abs(a - b)
    return int(difference.max()), float(difference.mean()), float((difference > 8).mean())

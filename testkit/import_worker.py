"""A separate process that runs one import, for the kill and concurrency tests.

    .venv/bin/python testkit/import_worker.py

It loads everything first and says "ready", then waits for one stdin line
"CACHE<TAB>PACKAGE<TAB>pause|run", so the parent's timer (kill delay,
simultaneous start) measures the import itself rather than Python's start-up.
It says "renaming <time>" when the renames begin and before each one (with
"pause" it then waits for a line, so the parent can kill it at that exact
point), and ends with "done <tiles imported> <first bundle started> <finished>"
(times); bundles start only once the cache lock is held.
"""
import os
import runpy
import sys
import time

if __name__ == "__main__":  # run as a file: reach the package through build/pkgroot
    runpy.run_path(os.path.join(os.path.dirname(os.path.realpath(__file__)),
                                "pkgroot.py"))["ensure"](__file__)

import pyproj  # noqa: E402

from tile_package_tools.tilecache.metadata import conf_writer  # noqa: E402,F401
from tile_package_tools.tilecache.metadata import iteminfo  # noqa: E402,F401
from tile_package_tools.tilecache.metadata import service_json  # noqa: E402,F401
from tile_package_tools.tilecache.feedback import CallbackFeedback  # noqa: E402
from tile_package_tools.tilecache.pipeline.importer import (  # noqa: E402
    ImportOptions, import_tiles)

# The first CRS built loads PROJ's database: do it before "ready" too.
pyproj.CRS.from_epsg(3857).to_wkt()


def main():
    print("ready", flush=True)
    line = sys.stdin.readline().rstrip("\n")
    if not line:
        return 0
    cache, package, pause = line.split("\t")
    first_bundle = []

    def progress(_fraction, message):
        if message.startswith("Level ") and not first_bundle:
            first_bundle.append(time.time())
        if message.startswith("Renaming"):
            # Lets the parent aim kills between renames, the shortest phase.
            print(f"renaming {time.time()}", flush=True)
            if pause == "pause":
                sys.stdin.readline()

    result = import_tiles(cache, package, ImportOptions(), CallbackFeedback(progress))
    print(f"done {result.tiles_imported} {first_bundle[0] if first_bundle else 0} {time.time()}",
          flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

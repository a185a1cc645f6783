"""Child process: read every tile of one cache and report memory use as JSON.

A separate process per cache because peak RSS is a high-water mark for the
whole process: measured in the parent, the bigger run would hide the smaller.
The child's own peak comes from the test kit's memory module: ru_maxrss alone
would report the mark it inherits from this parent.
"""
import json
import sys
import tracemalloc

from common import setup_paths


def main(path):
    setup_paths()
    from measures import read_all_tiles
    from tile_package_tools.testkit.memory import peak_kib, reset_peak
    reset_peak()
    before = peak_kib()
    tracemalloc.start()
    tiles, total = read_all_tiles(path)
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    after = peak_kib()
    print(json.dumps({"tiles": tiles, "bytes": total, "maxrss_before_kib": before,
                      "maxrss_after_kib": after, "python_peak_bytes": peak}))


if __name__ == "__main__":
    main(sys.argv[1])

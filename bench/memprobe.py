"""Child process: read every tile of one cache and report memory use as JSON.

A separate process per cache because ru_maxrss is a high-water mark for the
whole process: measured in the parent, the bigger run would hide the smaller.
"""
import json
import resource
import sys
import tracemalloc

from common import setup_paths


def main(path):
    setup_paths()
    from tile_package_tools.tilecache import open_cache
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    tracemalloc.start()
    tiles = total = 0
    with open_cache(path) as cache:
        for _key, data in cache.iter_tiles():
            tiles += 1
            total += len(data)
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"tiles": tiles, "bytes": total, "maxrss_before_kib": before,
                      "maxrss_after_kib": after, "python_peak_bytes": peak}))


if __name__ == "__main__":
    main(sys.argv[1])

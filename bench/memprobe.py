"""Child process: read every tile of one cache and report memory use as JSON.

A separate process per cache because peak RSS is a high-water mark for the
whole process: measured in the parent, the bigger run would hide the smaller.
A child also inherits its parent's mark through fork (ru_maxrss survives
exec), so the mark is reset through /proc/self/clear_refs first and read
back as VmHWM; ru_maxrss is the fallback where /proc does not allow that.
"""
import json
import resource
import sys
import tracemalloc

from common import setup_paths


def reset_peak_rss():
    try:
        with open("/proc/self/clear_refs", "w") as handle:
            handle.write("5")
        return True
    except OSError:
        return False


def peak_rss_kib(resettable):
    if resettable:
        with open("/proc/self/status") as handle:
            for line in handle:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def main(path):
    setup_paths()
    from tile_package_tools.tilecache import open_cache
    resettable = reset_peak_rss()
    before = peak_rss_kib(resettable)
    tracemalloc.start()
    tiles = total = 0
    with open_cache(path) as cache:
        for _key, data in cache.iter_tiles():
            tiles += 1
            total += len(data)
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    after = peak_rss_kib(resettable)
    print(json.dumps({"tiles": tiles, "bytes": total, "maxrss_before_kib": before,
                      "maxrss_after_kib": after, "python_peak_bytes": peak}))


if __name__ == "__main__":
    main(sys.argv[1])

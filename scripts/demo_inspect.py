"""Print what the pure-Python core reads from a cache: levels and tile counts.

Used by scripts/demo.sh before the exporttiles algorithm exists. The reader
API is still being written, so this probes a few plausible attribute names
instead of hard-coding one, and says plainly when the core cannot read yet.
"""
import collections
import sys


def _first_attr(obj, names):
    for name in names:
        value = getattr(obj, name, None)
        if value is not None:
            return value() if callable(value) and name.startswith(("iter", "get")) else value
    return None


def _tile_keys(cache):
    for name in ("iter_tiles", "iter_tile_keys", "tile_keys", "keys", "tiles"):
        value = getattr(cache, name, None)
        if value is None:
            continue
        items = value() if callable(value) else value
        for item in items:
            # Accept TileKey, (key, data) pairs, or objects with .key
            key = getattr(item, "key", item)
            if isinstance(key, tuple) and len(key) == 2 and isinstance(key[0], tuple):
                key = key[0]
            yield key
        return
    raise AttributeError("no tile iterator found on %r" % type(cache).__name__)


def main(path):
    from tile_package_tools.tilecache import open_cache

    cache = open_cache(path)
    try:
        print("opened %s as %s" % (path, type(cache).__name__))
        scheme = _first_attr(cache, ("scheme", "tiling_scheme", "get_scheme"))
        storage = _first_attr(cache, ("storage_format", "storage"))
        if storage is not None:
            print("storage format: %s" % getattr(storage, "value", storage))
        lods = list(_first_attr(scheme, ("lods", "levels")) or []) if scheme else []
        counts = collections.Counter(k.level for k in _tile_keys(cache))
        print("levels: %d (tiles in %d)" % (len(lods) or len(counts), len(counts)))
        empty = 0
        for lod in lods:
            n = counts.get(lod.level, 0)
            if not n:
                empty += 1  # schemes define ~20 levels; samples fill a few
                continue
            print("  L%02d resolution=%-14.6g scale=%-14.6g tiles=%d"
                  % (lod.level, lod.resolution, lod.scale, n))
        if empty:
            print("  (+%d levels in the tiling scheme without tiles)" % empty)
        if not lods:
            for level in sorted(counts):
                print("  L%02d tiles=%d" % (level, counts[level]))
        print("total tiles: %d" % sum(counts.values()))
    finally:
        close = getattr(cache, "close", None)
        if callable(close):
            close()


if __name__ == "__main__":
    try:
        for arg in sys.argv[1:]:
            main(arg)
    except (ImportError, AttributeError, NotImplementedError) as exc:
        # The core is under construction: report, don't fail the demo.
        print("core reader not ready yet (%s: %s)" % (type(exc).__name__, exc))

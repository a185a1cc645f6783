"""What changes when the tiles of a cache or package change, in a few stats.

A package's size and modification time; for a cache folder (or its
conf.xml) the times of conf.xml and of each level folder, where writers
rename new bundles into place. Never a walk of the tiles.
"""
import os


def source_state(real):
    """A text that changes when the tiles under the real path ``real`` change."""
    folder = os.path.dirname(real) if os.path.basename(real).lower() == "conf.xml" else real
    if not os.path.exists(folder):
        return "missing"  # open_cache then says what is wrong
    if not os.path.isdir(folder):
        stat = os.stat(real)
        return f"{stat.st_size}|{stat.st_mtime_ns}"
    levels = os.path.join(folder, "_alllayers")
    watched = [os.path.join(folder, "conf.xml"), levels]
    if os.path.isdir(levels):
        watched += sorted(entry.path for entry in os.scandir(levels) if entry.is_dir())
    return "|".join(str(os.stat(name).st_mtime_ns) for name in watched if os.path.exists(name))

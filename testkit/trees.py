"""Snapshots of folders: checksums before and after, what changed, what was left behind."""
import hashlib
import os
from pathlib import Path

#: The cache lock: a persistent empty file by design (flock on it), so its
#: appearance after an import is not a change to the cache's content.
LOCK_NAME = ".tilepackagetools.lock"
#: What the core's temporary files and folders have in their names.
TEMP_MARKER = ".tpt-tmp-"


def file_digest(path):
    """sha256 hex digest of one file, read in 1 MiB blocks."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def tree_digest(root, folders=True):
    """{relative path: sha256} of every file under ``root``; folders as None.

    ``folders=False`` leaves folders out (only file contents count). A file
    as ``root`` gives ``{".": sha256}``.
    """
    root = Path(root)
    if root.is_file():
        return {".": file_digest(root)}
    found = {}
    for folder, dirs, files in os.walk(root):
        if folders:
            for name in dirs:
                found[os.path.relpath(os.path.join(folder, name), root)] = None
        for name in files:
            path = os.path.join(folder, name)
            found[os.path.relpath(path, root)] = file_digest(path)
    return found


def without_lock(digest):
    """A tree_digest without the cache lock file, which the first import leaves behind."""
    return {path: value for path, value in digest.items() if not path.endswith(LOCK_NAME)}


def content_digest(root):
    """The files' checksums under ``root`` without the cache lock: a cache's content."""
    return without_lock(tree_digest(root, folders=False))


def tree_changes(before, after):
    """Human-readable list of what differs between two tree_digest results."""
    changes = [f"removed {p}" for p in sorted(set(before) - set(after))]
    changes += [f"added {p}" for p in sorted(set(after) - set(before))]
    changes += [f"changed {p}" for p in sorted(set(before) & set(after))
                if before[p] != after[p]]
    return changes


def temporaries(folder):
    """Relative paths of the core's temporary files and folders anywhere under ``folder``."""
    found = []
    for root, dirs, files in os.walk(folder):
        found += [os.path.relpath(os.path.join(root, name), folder)
                  for name in dirs + files if TEMP_MARKER in name]
    return sorted(found)


def make_read_only(folder):
    """Files 0444 in folders 0555 under ``folder``; undo with ``make_writable``."""
    for root, _dirs, files in os.walk(folder, topdown=False):
        for name in files:
            os.chmod(os.path.join(root, name), 0o444)
        os.chmod(root, 0o555)


def make_writable(folder):
    """Folders under ``folder`` 0755 again, so they can be deleted."""
    for root, _dirs, _files in os.walk(folder):
        os.chmod(root, 0o755)

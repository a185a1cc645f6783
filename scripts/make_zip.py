#!/usr/bin/env python3
"""Build the plugins.qgis.org zip: one top folder `tile_package_tools/`.

Usage: make_zip.py OUTPUT.zip

Files come from git (tracked plus untracked-but-not-ignored) so .venv, build
products and editor junk never ship, yet a freshly added module is packaged
before it is committed.
"""
import os
import subprocess
import sys
import zipfile

TOP = "tile_package_tools"
INCLUDE_DIRS = ("plugin/", "processing_provider/", "qgis_support/", "tilecache/", "i18n/", "icons/")
INCLUDE_FILES = ("metadata.txt", "__init__.py", "icon.svg", "LICENSE", "README.md")
# Never shipped even if they sit inside an included folder.
SKIP_PARTS = {"__pycache__", "tests", "test"}
SKIP_SUFFIXES = (".pyc", ".pyo", ".ts", ".pro")


def repo_files(root):
    try:
        out = subprocess.run(
            ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
            cwd=root, check=True, capture_output=True,
        ).stdout.decode()
        return [p for p in out.split("\0") if p]
    except (OSError, subprocess.CalledProcessError):
        # Not a git checkout (e.g. unpacked source tarball): walk the tree.
        found = []
        for dirpath, dirnames, filenames in os.walk(root):
            dirnames[:] = [d for d in dirnames if not d.startswith(".")]
            for name in filenames:
                found.append(os.path.relpath(os.path.join(dirpath, name), root))
        return found


def wanted(path):
    parts = path.split("/")
    if SKIP_PARTS.intersection(parts) or path.endswith(SKIP_SUFFIXES):
        return False
    return path in INCLUDE_FILES or path.startswith(INCLUDE_DIRS)


def main(argv):
    if len(argv) != 2:
        sys.exit(__doc__)
    out = argv[1]
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    files = sorted(p for p in repo_files(root) if wanted(p) and os.path.isfile(os.path.join(root, p)))
    missing = [f for f in ("metadata.txt", "__init__.py") if f not in files]
    if missing:
        sys.exit("make_zip: required files missing: %s" % ", ".join(missing))
    os.makedirs(os.path.dirname(os.path.abspath(out)), exist_ok=True)
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for rel in files:
            zf.write(os.path.join(root, rel), "%s/%s" % (TOP, rel))
    print("wrote %s (%d files)" % (out, len(files)))


if __name__ == "__main__":
    main(sys.argv)

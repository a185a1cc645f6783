"""Where the checkout becomes importable as the package ``tile_package_tools``.

The checkout folder can have any name, so the package is reached through the
symlink ``build/pkgroot/tile_package_tools -> ../..`` (the Makefile's
``pkgroot`` target makes the same link). This module uses the standard
library only, because it runs before the package can be imported: entry
points (tests/conftest.py, bench/, fuzz/, the scripts of this package run as
child processes) run it by path::

    runpy.run_path(".../testkit/pkgroot.py")["ensure"]()

after which ``import tile_package_tools.testkit...`` is a normal import.
"""
import os
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PKGROOT = REPO / "build" / "pkgroot"


def ensure(script=None):
    """Make the symlink if needed and put ``build/pkgroot`` first on sys.path.

    ``script``: the ``__file__`` of a module of this package run as a file.
    Python then put the module's own folder first on sys.path; it is taken
    off, so sibling modules are only ever imported as package modules (once,
    under one name) and cannot shadow the standard library.
    """
    link = PKGROOT / "tile_package_tools"
    PKGROOT.mkdir(parents=True, exist_ok=True)
    if not link.is_symlink() or os.readlink(link) != "../..":
        tmp = PKGROOT / ".tile_package_tools.tmp{}".format(os.getpid())
        os.symlink("../..", tmp)
        os.replace(tmp, link)  # atomic: parallel sessions never see it missing
    if script is not None:
        own = os.path.dirname(os.path.realpath(script))
        sys.path[:] = [p for p in sys.path if os.path.realpath(p or ".") != own]
    if str(PKGROOT) not in sys.path:
        sys.path.insert(0, str(PKGROOT))
    os.environ.setdefault("PROJ_DATA", "/usr/share/proj")
    return PKGROOT

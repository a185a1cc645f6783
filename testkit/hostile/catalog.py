"""Every hostile case, by name: the catalogs register theirs in cases.CASES on import.

A module of its own so that cases.py (the Case type and the registry the
catalogs fill) does not import the catalogs that import it.
"""
from . import catalog_archives, catalog_bundles, catalog_open_formats  # noqa: F401 - registering
from .cases import CASES


def all_cases():
    """Every registered case, by name."""
    return CASES

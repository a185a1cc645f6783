"""An export whose OUTPUT is an existing cache folder: the tiles merged into it.

Replacing the folder would lose every tile the export does not carry (other
levels, other areas) from a cache the user may have built over months. ArcGIS's
Export Tile Cache adds to an existing cache, and a render into one merges
(render/render_merge.py); so does this: the export is written to a temporary
cache folder beside OUTPUT, imported from there through the import path (the
cache's lock, all or nothing, tiles at the same addresses replaced, the cache's
own storage format kept), and the temporary folder removed.
"""
import os
from dataclasses import replace

from ..formats.storage_format import StorageFormat
from ..io.atomic import clean_stale_temps, remove_path, temp_sibling
from ..io.names import find_name
from .import_plan import ImportOptions
from .importer import import_source
from .opening import open_cache

#: Share of the progress bar for writing the export; importing it is the rest.
WRITE_SHARE = 0.7


def is_cache_folder(output):
    """Whether ``output`` is an existing folder holding a cache (a conf.xml)."""
    return bool(output) and os.path.isdir(output) and \
        find_name(os.listdir(output), "conf.xml") is not None


def merge_export(write, output, options, feedback):
    """``write(folder, feedback) -> ExportResult`` into a temporary folder, then
    imported into the cache at ``output``; the ExportResult names ``output``."""
    existing, asked = _storage_of(output).value, StorageFormat(options.storage_format).value
    if existing != asked:
        feedback.warning(f"{output} is an existing {existing} cache: the tiles are merged "
                         f"into it in its own storage format, not {asked}")
    folder, base = os.path.split(os.path.abspath(output))
    clean_stale_temps(folder, base)
    temp = temp_sibling(output, ".export")
    try:
        written = write(temp, feedback.phase(0.0, WRITE_SHARE))
        with open_cache(temp) as exported:
            imported = import_source(output, exported, ImportOptions(),
                                     feedback.phase(WRITE_SHARE, 1.0))
    finally:
        remove_path(temp)
    feedback.info(f"Merged into the existing cache {output}: {imported.tiles_imported} tiles")
    return replace(written, output=os.fspath(output))


def _storage_of(output):
    with open_cache(output) as cache:
        return cache.storage

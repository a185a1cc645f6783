"""An export into an existing cache folder (output_target.ExistingCache): the tiles
merged into it through the import path.

Replacing the folder would lose every tile the export does not carry (other
levels, other areas) from a cache the user may have built over months. ArcGIS's
Export Tile Cache adds to an existing cache; so does this: tiles are imported
(the cache's lock, all or nothing, tiles at the same addresses replaced, the
cache's own storage format kept). A cache or package source is first written
to a temporary cache folder beside OUTPUT, which is imported and removed; a
journal of produced tiles (produced.py) is imported as it is.
"""
import os
from dataclasses import replace

from ..io.atomic import clean_stale_temps, remove_path, temp_sibling
from .import_plan import ImportOptions
from .importer import import_source
from .opening import open_cache

#: Share of the progress bar for writing the export; importing it is the rest.
WRITE_SHARE = 0.7


def merge_export(write, existing, options, feedback):
    """``write(folder, feedback) -> ExportResult`` into a temporary folder, then
    imported into the ``existing`` cache; the ExportResult names the cache."""
    output = existing.path
    folder, base = os.path.split(os.path.abspath(output))
    clean_stale_temps(folder, base)
    temp = temp_sibling(output, ".export")
    try:
        written = write(temp, feedback.phase(0.0, WRITE_SHARE))
        with open_cache(temp) as exported:
            merge_source(existing, exported, options, feedback.phase(WRITE_SHARE, 1.0))
    finally:
        remove_path(temp)
    return replace(written, output=os.fspath(output))


def merge_source(existing, source, options, feedback, levels=None):
    """Import every tile of ``source`` (of ``levels``, a levels text, when given) into the
    ``existing`` cache; the ImportResult. ``options`` are the export's: a storage format
    other than the cache's is said to be ignored."""
    asked = options.storage_format.value
    if existing.storage.value != asked:
        feedback.warning(f"{existing.path} is an existing {existing.storage.value} cache: the "
                         f"tiles are merged into it in its own storage format, not {asked}")
    imported = import_source(existing.path, source, ImportOptions(levels=levels), feedback)
    feedback.info(f"Merged into the existing cache {existing.path}: "
                  f"{imported.tiles_imported} tiles")
    return imported

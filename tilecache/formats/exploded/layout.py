"""Exploded cache names: one file per tile, ``Lnn/Rrrrrrrrr/Ccccccccc.ext`` in hex.

See docs/formats.md#exploded-cache. Bundles do not exist on disk here, but
the rest of the core thinks in 128 x 128 blocks, so tiles are grouped into
virtual bundles by address.
"""
import re

from ...errors import FormatError
from ...scheme.tile_format import TileFormatFamily, tile_format_family

ROW_FOLDER = re.compile(r"^R([0-9a-fA-F]{8})$")
TILE_FILE = re.compile(r"^C([0-9a-fA-F]{8})\.([A-Za-z0-9]+)$")

#: Extensions ArcGIS uses for exploded tiles, by the tile's own signature.
EXTENSIONS = ("png", "jpg", "jpeg", "lerc", "pbf", "tif")


def tile_extension(data, tile_format="PNG"):
    """The extension a tile's bytes call for: MIXED caches hold both kinds."""
    if data[:3] == b"\xff\xd8\xff":
        return "jpg"
    if data[:8] == b"\x89PNG\r\n\x1a\n":
        return "png"
    family = tile_format_family(tile_format)
    if family is TileFormatFamily.LERC:
        return "lerc"
    return "jpg" if family is TileFormatFamily.JPEG else "png"


def row_folder(row):
    return f"R{row:08x}"


def tile_file(col, extension):
    return f"C{col:08x}.{extension}"


def _hex(name, pattern, where):
    match = pattern.match(name)
    if not match:
        return None
    if match.group(0) != name:
        raise FormatError(f"{name!r} is not a hex tile name", where)
    return match


def rows_in_level(store, level_rel):
    for name, is_dir in store.listdir(level_rel):
        if is_dir and (match := _hex(name, ROW_FOLDER, store.display_name(level_rel))):
            yield int(match.group(1), 16)


def cols_in_row(store, level_rel, row):
    rel = f"{level_rel}/{row_folder(row)}"
    for name, is_dir in store.listdir(rel):
        if not is_dir and (match := _hex(name, TILE_FILE, store.display_name(rel))):
            if match.group(2).lower() in EXTENSIONS:
                yield int(match.group(1), 16), name

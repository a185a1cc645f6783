"""Names in an XYZ folder: OUTPUT templates, zoom/column folders, tile files."""
import os
import re

#: What marks an OUTPUT or INPUT as an XYZ folder: the {z}/{x}/{y} template.
TEMPLATE = re.compile(r"[\\/]\{z\}[\\/]\{x\}[\\/]\{y\}(\.(png|jpg|jpeg))?$", re.IGNORECASE)
NUMBER = re.compile(r"^(0|[1-9][0-9]{0,9})$")
TILE_FILE = re.compile(r"^(0|[1-9][0-9]{0,9})\.(png|jpg|jpeg)$", re.IGNORECASE)
#: The metadata file mb-util and others write beside the zoom folders: the MBTiles
#: metadata rows as one JSON object.
METADATA_FILE = "metadata.json"
#: gdal2tiles' description of a TMS folder, whose rows count from the bottom.
TMS_FILE = "tilemapresource.xml"


def split_template(path):
    """(root folder, extension or None) of an XYZ template path; None when it is not one."""
    match = TEMPLATE.search(str(path))
    if not match:
        return None
    extension = match.group(2).lower() if match.group(2) else None
    return str(path)[:match.start()] or os.sep, "jpg" if extension == "jpeg" else extension


def tile_extension(data):
    """The extension a tile's own bytes call for."""
    return "jpg" if data[:3] == b"\xff\xd8\xff" else "png"


def numbered(folder, files=False):
    """{number: name} of the entries of ``folder`` named as XYZ numbers (folders, or tile
    files with ``files``); symbolic links are never followed."""
    found = {}
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return found
    for entry in entries:
        if entry.is_symlink():
            continue
        if files:
            match = TILE_FILE.match(entry.name)
            if match and entry.is_file(follow_symlinks=False):
                found.setdefault(int(match.group(1)), entry.name)
        elif NUMBER.match(entry.name) and entry.is_dir(follow_symlinks=False):
            found[int(entry.name)] = entry.name
    return found


def looks_like_xyz(folder):
    """A folder of zoom folders holding column folders, with no Esri scheme file."""
    if not os.path.isdir(folder):
        return False
    names = {name.lower() for name in os.listdir(folder)}
    if names & {"conf.xml", "root.json"}:
        return False
    zooms = numbered(folder)
    return bool(zooms) and any(numbered(os.path.join(folder, name))
                               for name in zooms.values())

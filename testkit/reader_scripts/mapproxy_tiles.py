"""Child process: MapProxy's compact cache reader loads tiles from a V1 or V2 folder.

Run with .venv-readers' Python by testkit/other_readers.py; imports only the
standard library and MapProxy, never this project.

    mapproxy_tiles.py CACHE_FOLDER VERSION KEYS_JSON

VERSION is 1 or 2; KEYS_JSON a list of "level/row/col". MapProxy is given the
folder's ``_alllayers`` (what a mapproxy.yaml ``cache: {type: compact,
directory: ...}`` names) and loads each tile as (x = column, y = row,
z = LevelID). Prints one JSON object: key -> sha1 of the tile bytes, or null
when MapProxy finds no tile.
"""
import hashlib
import json
import os
import sys

from mapproxy.cache.compact import CompactCacheV1, CompactCacheV2
from mapproxy.cache.tile import Tile


def main(folder, version, keys_path):
    cache_class = {"1": CompactCacheV1, "2": CompactCacheV2}[version]
    cache = cache_class(cache_dir=os.path.join(folder, "_alllayers"))
    with open(keys_path, encoding="utf-8") as keys_file:
        keys = json.load(keys_file)
    found = {}
    for key in keys:
        level, row, col = map(int, key.split("/"))
        tile = Tile((col, row, level))
        if cache.load_tile(tile):
            found[key] = hashlib.sha1(tile.image_result.as_buffer().read()).hexdigest()
        else:
            found[key] = None
    print(json.dumps(found))


if __name__ == "__main__":
    main(*sys.argv[1:4])

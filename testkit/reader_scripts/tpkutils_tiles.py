"""Child process: tpkutils opens a .tpk and reads every tile.

Run with .venv-readers' Python by testkit/other_readers.py; imports only the
standard library and tpkutils, never this project.

    tpkutils_tiles.py PACKAGE

Prints one JSON line: ``zoom_levels`` (tpkutils' Web Mercator zoom for each
LOD of conf.xml, in list order), ``bounds`` (from mapserver.json
resourceInfo.geoFullExtent) and ``tiles``: ``[z, x, y, sha1]`` as tpkutils
yields them (x = column, y = row, unflipped).
"""
import hashlib
import json
import sys

from tpkutils import TPK


def main(package):
    with TPK(package) as tpk:
        tiles = [[tile.z, tile.x, tile.y, hashlib.sha1(tile.data).hexdigest()]
                 for tile in tpk.read_tiles()]
        print(json.dumps({"zoom_levels": tpk.zoom_levels, "bounds": tpk.bounds,
                          "format": tpk.format, "tiles": tiles}))


if __name__ == "__main__":
    main(sys.argv[1])

"""Tiling schemes for rendering: the built-in Web Mercator one, or one taken from a file.

The built-in scheme is the ArcGIS Online / Bing / Google one (docs/formats.md
#standard-web-mercator-scheme): 24 LODs, origin (-20037508.342787, 20037508.342787),
256 px tiles at 96 DPI. A file gives the scheme of an existing cache so new
tiles line up with it tile for tile.
"""
import math
import os

from ..errors import SchemeError
from ..io.safe_xml import local_name, parse_xml
from ..metadata.conf_reader import read_conf_xml
from ..model import LOD, Extent
from ..scheme.spatial_reference import SpatialReference
from ..scheme.tiling_scheme import TilingScheme

WEB_MERCATOR_HALF = 20037508.342787
#: Level 0 of the standard scheme: the world's 40075 km on one 256 px tile.
LEVEL0_RESOLUTION = 156543.03392800014
LEVEL0_SCALE = 591657527.591555
WEB_MERCATOR_LODS = 24


def arcgis_online_scheme(tile_format="PNG"):
    """The ArcGIS Online / Bing / Google Web Mercator scheme (WKID 102100 = 3857)."""
    lods = tuple(LOD(level, LEVEL0_RESOLUTION / 2 ** level, LEVEL0_SCALE / 2 ** level)
                 for level in range(WEB_MERCATOR_LODS))
    return TilingScheme(SpatialReference(wkid=102100, latest_wkid=3857),
                        -WEB_MERCATOR_HALF, WEB_MERCATOR_HALF, 256, 256, 96, lods,
                        tile_format=tile_format)


def grid_extent(scheme):
    """Where the scheme's tiles are defined, when known: the Web Mercator square.

    QGIS's area of use for EPSG:3857 reaches latitude 85.06, a little past the
    square's edge (85.0511), which would add a row of tiles below the grid.
    """
    web_mercator = scheme.spatial_reference.epsg == 3857
    if web_mercator and math.isclose(scheme.origin_x, -WEB_MERCATOR_HALF, abs_tol=1e-3) and \
            math.isclose(scheme.origin_y, WEB_MERCATOR_HALF, abs_tol=1e-3):
        return Extent(-WEB_MERCATOR_HALF, -WEB_MERCATOR_HALF,
                      WEB_MERCATOR_HALF, WEB_MERCATOR_HALF)
    return None


def scheme_from_file(path):
    """The tiling scheme of a cache (folder, conf.xml, root.json, .tpk, .tpkx) or of an
    ArcGIS tiling-scheme XML file; SchemeError/FormatError naming the file otherwise."""
    from ..pipeline.opening import open_cache
    path = os.fspath(path)
    base = os.path.basename(path).lower()
    if os.path.isfile(path) and base.endswith(".xml") and base != "conf.xml":
        return _tiling_scheme_xml(path)
    with open_cache(path) as reader:
        return reader.scheme.with_changes(full_extent=None)


def _tiling_scheme_xml(path):
    """ArcGIS writes tiling-scheme files as whole <CacheInfo> documents (what conf.xml
    holds); older ones hold only the <TileCacheInfo> part, which is wrapped here."""
    with open(path, "rb") as stream:
        data = stream.read()
    root = parse_xml(data, path)
    name = local_name(root.tag)
    if name == "CacheInfo":
        return read_conf_xml(data, path)
    if name != "TileCacheInfo":
        raise SchemeError(f"root element is <{name}>, not <CacheInfo> or <TileCacheInfo>",
                          path)
    start = data.index(b"<", data.index(b"TileCacheInfo") - 1)
    body = data[start:]
    wrapped = (b"<CacheInfo>" + body +
               b"<TileImageInfo><CacheTileFormat>PNG</CacheTileFormat></TileImageInfo>"
               b"</CacheInfo>")
    return read_conf_xml(wrapped, path)

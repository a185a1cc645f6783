"""Which levels of a tiling scheme are zoom levels of the web's XYZ grid.

The XYZ grid (MBTiles, {z}/{x}/{y} folders) is Web Mercator with the origin at
the top-left corner of the square of half-side 20037508.342789 m and 2^z tiles
across at zoom z, whatever the tile size (docs/formats.md#xyz-grid). An Esri
level goes tile for tile to zoom z when its tiles have that span; its level id
is only a label and need not be z.
"""
import math

from ..errors import ParameterError
from ..model import LOD, Extent
from ..scheme.spatial_reference import SpatialReference
from ..scheme.tiling_scheme import TilingScheme

#: Half the side of the Web Mercator square in metres (pi * 6378137).
HALF_WORLD = math.pi * 6378137.0
#: ArcGIS writes the origin rounded to 20037508.342787; that is 2 mm off.
ORIGIN_TOLERANCE = 0.01
#: A level's tile span must be this close (relatively) to the world / 2^z.
SPAN_TOLERANCE = 1e-6
#: Tile sizes the web's XYZ readers take (GDAL reads MBTiles of either).
TILE_SIZES = (256, 512)
#: Zooms beyond this are not in any web map.
MAX_ZOOM = 30
#: Latitude of the square's edge, where the XYZ grid ends.
MAX_LATITUDE = 85.0511287798066
INCHES_PER_METRE = 1 / 0.0254


def xyz_zooms(scheme, target):
    """{level id: zoom} of every LOD of ``scheme`` on the XYZ grid.

    ParameterError naming ``target`` (the kind being written) when the scheme
    is not Web Mercator with the XYZ origin and a tile size the grid allows:
    such a scheme goes only to a GeoPackage.
    """
    reason = _not_xyz(scheme)
    if reason:
        raise ParameterError(f"{target} holds Web Mercator tiles on the XYZ grid only; this "
                             f"cache {reason}. Write a GeoPackage (.gpkg), which keeps the "
                             f"cache's own tiling scheme", "OUTPUT")
    zooms = {}
    for lod in scheme.lods:
        zoom = _zoom(scheme.tile_width * lod.resolution)
        if zoom is not None:
            zooms[lod.level] = zoom
    return zooms


def check_levels(zooms, levels, target):
    """ParameterError when a level to write has no zoom: naming it and GeoPackage."""
    off_grid = [level for level in levels if level not in zooms]
    if off_grid:
        raise ParameterError(f"{target} holds standard zoom levels only; level(s) "
                             f"{', '.join(map(str, off_grid))} of this cache are not one. Leave "
                             f"them out (levels) or write a GeoPackage (.gpkg)", "OUTPUT")


def _not_xyz(scheme):
    if scheme.spatial_reference.epsg != 3857:
        return f"is in {scheme.spatial_reference.describe()}, not Web Mercator"
    if abs(scheme.origin_x + HALF_WORLD) > ORIGIN_TOLERANCE or \
            abs(scheme.origin_y - HALF_WORLD) > ORIGIN_TOLERANCE:
        return f"has its origin at ({scheme.origin_x}, {scheme.origin_y}), not the top-left " \
               "corner of the Web Mercator square"
    if scheme.tile_width != scheme.tile_height or scheme.tile_width not in TILE_SIZES:
        return f"has {scheme.tile_width} x {scheme.tile_height} px tiles, not 256 or 512 px"
    return None


def _zoom(span):
    tiles_across = 2 * HALF_WORLD / span
    zoom = round(math.log2(tiles_across)) if tiles_across > 0 else -1
    if 0 <= zoom <= MAX_ZOOM and abs(tiles_across / 2 ** zoom - 1) <= SPAN_TOLERANCE:
        return zoom
    return None


def xyz_scheme(zooms, tile_size, tile_format, full_extent=None, storage=None):
    """An Esri scheme for tiles on the XYZ grid: level id = zoom, ArcGIS's Web Mercator
    numbers (WKID 102100, 96 DPI), the given zooms as LODs."""
    lods = []
    for zoom in sorted(zooms):
        resolution = 2 * HALF_WORLD / (tile_size * 2 ** zoom)
        lods.append(LOD(zoom, resolution, resolution * 96 * INCHES_PER_METRE))
    changes = {} if storage is None else {"storage_format": storage}
    return TilingScheme(SpatialReference(wkid=102100, latest_wkid=3857), -HALF_WORLD, HALF_WORLD,
                        tile_size, tile_size, 96, tuple(lods), tile_format=tile_format,
                        full_extent=full_extent, **changes)


def lonlat_to_mercator(box):
    """A (west, south, east, north) box in degrees as Web Mercator metres."""
    west, south, east, north = box
    south, north = (max(-MAX_LATITUDE, min(MAX_LATITUDE, v)) for v in (south, north))
    y = (lambda lat: 6378137.0 * math.log(math.tan(math.pi / 4 + math.radians(lat) / 2)))
    return Extent(math.radians(west) * 6378137.0, y(south), math.radians(east) * 6378137.0,
                  y(north))

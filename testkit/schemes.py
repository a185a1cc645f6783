"""Tiling schemes for tests and benchmarks: the one Web Mercator factory.

Numbers are the standard ArcGIS Online / Bing / Google scheme (docs/formats.md),
written out here rather than taken from the core, so a wrong constant there
cannot make a test agree with itself.
"""
from tile_package_tools.tilecache import LOD, Extent, SpatialReference, StorageFormat, TilingScheme

#: Half the side of the Web Mercator square, in metres.
WORLD = 20037508.342787
WORLD_EXTENT = Extent(-WORLD, -WORLD, WORLD, WORLD)
LEVEL0_RESOLUTION = 156543.03392800014
LEVEL0_SCALE = 591657527.591555

#: Storage formats as the core's enum ...
V2, V1, EXPLODED = StorageFormat.COMPACT_V2, StorageFormat.COMPACT_V1, StorageFormat.EXPLODED
#: ... and as the text REST parameters and conf.xml carry.
V2_TEXT, V1_TEXT, EXPLODED_TEXT = V2.value, V1.value, EXPLODED.value


def web_mercator(storage=V2, tile_format="JPEG", lod_count=20, first=0, origin=(-WORLD, WORLD),
                 wkid=102100, tile_size=256, full_extent=None):
    """Web Mercator with ``lod_count`` LODs; level id i has standard level ``first + i``'s
    resolution and scale.

    ``full_extent`` is left out of the scheme unless given (``WORLD_EXTENT``
    is the whole square); ``wkid`` 102100 carries latest wkid 3857.
    """
    lods = tuple(LOD(i, LEVEL0_RESOLUTION / 2 ** (first + i), LEVEL0_SCALE / 2 ** (first + i))
                 for i in range(lod_count))
    return TilingScheme(SpatialReference(wkid=wkid, latest_wkid=3857 if wkid == 102100 else None),
                        origin[0], origin[1], tile_size, tile_size, 96, lods,
                        tile_format=tile_format, storage_format=StorageFormat(storage),
                        full_extent=full_extent)


def utm_512(storage=V1, tile_format="PNG"):
    """UTM zone 11N (EPSG:32611), 512 px tiles, ArcGIS-like scales 1:250,000, 1:125,000 and
    1:64,000 (the last ratio is not 2); origin at the zone's false origin, as ArcGIS puts it."""
    scales = (250000.0, 125000.0, 64000.0)
    lods = tuple(LOD(i, scale * 0.0254 / 96, scale) for i, scale in enumerate(scales))
    return TilingScheme(SpatialReference(wkid=32611, latest_wkid=32611), -5120900.0, 9998100.0,
                        512, 512, 96, lods, tile_format=tile_format,
                        storage_format=StorageFormat(storage))


def state_plane_feet(storage=V1, tile_format="PNG"):
    """California zone VI in US feet by Esri's WKID 102646, which has no EPSG code; the
    origin far up and left as ArcGIS's State Plane schemes have it; scales 12,500, 8,000
    and 4,000 (ratios 1.5625 and 2)."""
    scales = (12500.0, 8000.0, 4000.0)
    lods = tuple(LOD(i, scale / (96 * 12), scale) for i, scale in enumerate(scales))
    return TilingScheme(SpatialReference(wkid=102646), -120039300.0, 136407000.0, 256, 256, 96,
                        lods, tile_format=tile_format, storage_format=StorageFormat(storage))


def wgs84_512(storage=V1, tile_format="PNG"):
    """WGS 84 degrees (EPSG:4326), 512 px tiles from (-180, 90), level 0 one tile of 360
    degrees (ArcGIS's 512 px geographic scheme), three levels halving the resolution."""
    lods = tuple(LOD(i, 0.703125 / 2 ** i, 295828763.7957775 / 2 ** i) for i in range(3))
    return TilingScheme(SpatialReference(wkid=4326, latest_wkid=4326), -180.0, 90.0, 512, 512,
                        96, lods, tile_format=tile_format, storage_format=StorageFormat(storage))

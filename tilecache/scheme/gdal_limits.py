"""Which tiling schemes GDAL's ESRIC driver can read, and from which GDAL version.

Facts about other people's code (docs/formats.md#other-readers), kept as pure
functions so the export and the plugin decide from the same numbers:

- **Tile size.** Before 3.9.1 the driver reads in 256 x 256 blocks whatever
  ``TileCols`` says: larger tiles overflow the heap at the first pixel read
  (the process dies), smaller ones come out as wrong pixels. GDAL's bug, fixed
  by commit 767eed57dc07d62d7fdf1f4ca70da46ef76f38fb ("ESRIC: validate tile
  size"), first released in GDAL 3.9.1. No conf.xml works around it.
- **Raster size.** GDAL makes one raster at the finest listed LOD, assuming a
  grid symmetric about (0, 0): ``-2 * originX / resolution`` by
  ``2 * originY / resolution`` pixels, and refuses the cache ("Too many levels,
  resulting raster size exceeds the GDAL limit") when either is below 1 or
  above 2^31 - 1. 256 px Web Mercator opens with LevelIDs 0-22 and not with 23.
  Every version up to 3.10 (the newest checked) has this limit.
- **Palette tiles.** Before 3.8.0 the driver hands out a PNG8 tile's colour
  indices as if they were colours; commit 7c1977ea396c (".tpkx support in
  the ESRIC driver", #7799, GDAL 3.8.0) expands them.
- Square tiles only ("Non-square tiles are not supported").
"""
import re

from .tile_format import may_hold_palette_png

#: The largest raster side GDAL accepts (INT32_MAX).
GDAL_MAX_RASTER_SIZE = 2 ** 31 - 1
#: The first GDAL release whose ESRIC driver reads tiles of any size.
TILE_SIZE_FIX = (3, 9, 1)
#: The only tile size GDAL reads correctly before TILE_SIZE_FIX.
OLD_BLOCK_SIZE = 256
#: The first GDAL release that shows palette (PNG8) tiles in their colours.
PALETTE_FIX = (3, 8, 0)


def gdal_version_tuple(version):
    """``(major, minor, patch)`` of ``"3.6.2"``, ``"3.10.0dev"``, ``3060200`` or ``"3060200"``.

    The last two are ``gdal.VersionInfo()``'s form (major * 1e6 + minor * 1e4 +
    patch * 100); the first is ``gdal.__version__`` or ``rasterio.__gdal_version__``.
    """
    text = str(version).strip()
    if text.isdigit():
        number = int(text)
        return number // 1000000, number // 10000 % 100, number // 100 % 100
    parts = re.match(r"^(\d+)\.(\d+)(?:\.(\d+))?", text)
    if parts is None:
        raise ValueError(f"not a GDAL version: {version!r}")
    return tuple(int(part or 0) for part in parts.groups())


def gdal_raster_size(scheme, resolution):
    """Width and height in pixels of the raster GDAL makes when ``resolution`` is the finest."""
    return -2 * scheme.origin_x / resolution, 2 * scheme.origin_y / resolution


def gdal_sizes_raster(scheme, resolution):
    """False when a finest LOD of ``resolution`` makes GDAL's raster too large to open.

    Only the upper bound: trimming LODs cannot help an origin that is not
    left of and above (0, 0).
    """
    return max(gdal_raster_size(scheme, resolution)) <= GDAL_MAX_RASTER_SIZE


def gdal_read_problem(scheme, gdal_version):
    """Why GDAL ``gdal_version`` cannot read a Compact V2 cache folder of ``scheme``, or None.

    One line for the user, or None when this GDAL opens the folder's conf.xml
    and reads its tiles right. The caller should never hand GDAL a folder this
    refuses: with tiles over 256 px, GDAL before 3.9.1 kills the process.
    """
    version = gdal_version_tuple(gdal_version)
    shown = ".".join(map(str, version))
    if scheme.tile_width != scheme.tile_height:
        return (f"GDAL reads square tiles only; these are {scheme.tile_width} x "
                f"{scheme.tile_height} px")
    if scheme.tile_width != OLD_BLOCK_SIZE and version < TILE_SIZE_FIX:
        effect = "crashes reading" if scheme.tile_width > OLD_BLOCK_SIZE else "misreads"
        return (f"GDAL {shown} {effect} {scheme.tile_width} px tiles (GDAL's bug, fixed in "
                f"GDAL 3.9.1); it reads 256 px tiles only")
    if may_hold_palette_png(scheme.tile_format) and version < PALETTE_FIX:
        return (f"GDAL {shown} shows palette (PNG8) tiles as colour indices, not colours, and "
                f"{scheme.tile_format} tiles may be PNG8 (fixed in GDAL 3.8.0)")
    finest = min(scheme.lods, key=lambda lod: lod.resolution)
    width, height = gdal_raster_size(scheme, finest.resolution)
    if min(width, height) < 1:
        return (f"GDAL assumes the tile origin is the top-left corner of a grid centred on "
                f"(0, 0); ({scheme.origin_x:g}, {scheme.origin_y:g}) is not")
    if max(width, height) > GDAL_MAX_RASTER_SIZE:
        return (f"level {finest.level} makes GDAL's raster {max(width, height):.0f} px wide, "
                f"more than the {GDAL_MAX_RASTER_SIZE} GDAL allows")
    return None

"""CacheTileFormat names and the families they fall into (docs/formats.md#tile-image-formats).

conf.xml and root.json spell one image format several ways (JPEG/JPG,
PNG/PNG8/PNG24/PNG32, MIXED, LERC/LERC2D...); every decision about tile
formats goes through :func:`tile_format_family` so they are read one way.
"""
import enum


class TileFormatFamily(str, enum.Enum):
    JPEG = "JPEG"
    PNG = "PNG"
    #: JPEG where a tile is opaque, PNG where it is not.
    MIXED = "MIXED"
    LERC = "LERC"
    OTHER = "OTHER"


def tile_format_family(tile_format):
    """The family of a CacheTileFormat name, in any case."""
    name = str(tile_format or "").strip().upper()
    if name in ("JPEG", "JPG"):
        return TileFormatFamily.JPEG
    if name.startswith("PNG"):
        return TileFormatFamily.PNG
    if name == "MIXED":
        return TileFormatFamily.MIXED
    if name.startswith("LERC"):
        return TileFormatFamily.LERC
    return TileFormatFamily.OTHER


def may_hold_palette_png(tile_format):
    """True when tiles of this format may be palette PNGs.

    PNG8 always is; ArcGIS's PNG (and our renderer's) writes PNG8 wherever a
    tile has at most 256 colours, and MIXED writes PNG where a tile is not
    opaque, so both may hold palette tiles. PNG24 and PNG32 never do.
    """
    name = str(tile_format or "").strip().upper()
    return name in ("PNG", "PNG8", "MIXED")


def holds_jpeg(tile_format):
    """True when tiles of this format may be JPEG (what optimizeTilesForSize re-encodes)."""
    return tile_format_family(tile_format) in (TileFormatFamily.JPEG, TileFormatFamily.MIXED)

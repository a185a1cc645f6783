"""MBTiles metadata rows: written from Esri facts, read back into them.

MBTiles keeps them in its metadata table; an XYZ folder in metadata.json
(as mb-util writes it). See docs/formats.md#mbtiles for the rows.
"""
import math

from ..errors import FormatError
from ..metadata.iteminfo import ItemInfo, geographic_extent
from ..model import Extent
from ..scheme.tile_format import TileFormatFamily, tile_format_family
from .web_mercator import MAX_LATITUDE, lonlat_to_mercator

#: Our own row (the spec allows more rows): the Esri CacheTileFormat, so a MIXED or
#: PNG8 cache comes back as it was; readers that do not know it ignore it.
ESRI_TILE_FORMAT = "esri_tile_format"
#: MIME types and older short names of the `format` row, by tile format family.
FORMAT_NAMES = {"png": TileFormatFamily.PNG, "image/png": TileFormatFamily.PNG,
                "jpg": TileFormatFamily.JPEG, "jpeg": TileFormatFamily.JPEG,
                "image/jpeg": TileFormatFamily.JPEG}
#: `format` values of vector tiles (gzip-compressed protobuf): not raster tiles.
VECTOR_FORMATS = ("pbf", "mvt", "application/vnd.mapbox-vector-tile", "application/x-protobuf")


def format_row(tile_format):
    """The `format` row for an Esri CacheTileFormat: jpg for JPEG caches, png otherwise
    (a MIXED cache's PNG and JPEG tiles are both decoded by their own bytes)."""
    return "jpg" if tile_format_family(tile_format) is TileFormatFamily.JPEG else "png"


def metadata_rows(metadata, zooms):
    """The metadata table's rows: name, format, bounds, center, minzoom, maxzoom,
    attribution (the package credits), description, type, version."""
    item, scheme = metadata.item, metadata.scheme
    rows = {"name": item.title or item.name, "format": format_row(scheme.tile_format),
            "type": "baselayer", "version": "1.0",
            ESRI_TILE_FORMAT: scheme.tile_format}
    if zooms:
        rows.update(minzoom=str(zooms[0]), maxzoom=str(zooms[-1]))
    box = geographic_extent(metadata.full_extent, scheme.spatial_reference)
    if box is not None:
        west, south, east, north = box
        south, north = max(south, -MAX_LATITUDE), min(north, MAX_LATITUDE)
        rows["bounds"] = ",".join(_number(v) for v in (west, south, east, north))
        centre = ((west + east) / 2, (south + north) / 2)
        rows["center"] = ",".join([_number(centre[0]), _number(centre[1]),
                                   str(zooms[0] if zooms else 0)])
    for name, value in (("attribution", item.access_information),
                        ("description", item.description or item.summary)):
        if value:
            rows[name] = value
    return rows


def _number(value):
    # Every digit: GDAL starts its raster at the bounds, on the pixel grid only if the
    # degrees carry the metres back exactly (sink_base.snapped).
    return repr(value) if math.isfinite(value) else "0"


def tile_format_of(metadata, path):
    """The Esri CacheTileFormat a tile set's metadata gives; FormatError for vector tiles."""
    name = metadata.get("format", "").strip().lower()
    if name in VECTOR_FORMATS:
        raise FormatError(f"holds vector tiles (format {name}); only raster tiles are "
                          f"supported", path)
    esri = metadata.get(ESRI_TILE_FORMAT, "").strip()
    if tile_format_family(esri) in (TileFormatFamily.JPEG, TileFormatFamily.PNG,
                                    TileFormatFamily.MIXED):
        return esri
    family = FORMAT_NAMES.get(name)
    return "JPEG" if family is TileFormatFamily.JPEG else "PNG" if family else "MIXED"


def bounds_of(text):
    """The `bounds` row (west, south, east, north degrees) in Web Mercator metres; None if
    absent or unreadable (it is only a suggestion of the spec)."""
    try:
        box = [float(part) for part in (text or "").split(",")]
        box = Extent.checked(box, ValueError)
    except (ValueError, TypeError):
        return None
    if box.xmin < -180 or box.xmax > 180 or box.ymin < -90 or box.ymax > 90:
        return None
    return lonlat_to_mercator(box)


def item_from_metadata(metadata, scheme):
    """Esri item information from MBTiles metadata: name, description, attribution as
    credits (the reverse of the sink's metadata_rows)."""
    name = metadata.get("name", "").strip() or "tiles"
    description = metadata.get("description", "")
    return ItemInfo(name=name, title=name, summary=description[:250], snippet=description[:250],
                    description=description, access_information=metadata.get("attribution", ""),
                    tags=("tiles", "MBTiles"), spatial_reference=scheme.spatial_reference)

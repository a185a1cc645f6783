"""Read a cache folder's conf.xml (tiling scheme) and conf.cdi (data extent)."""
from ..errors import FormatError, SchemeError
from ..model import BUNDLE_SIZE, LOD, Extent
from ..io.safe_xml import (child, child_bool, child_float, child_int, child_text, children,
                       local_name, parse_xml, require_child)
from ..scheme.spatial_reference import SpatialReference
from ..scheme.tiling_scheme import TilingScheme
from ..formats import format_for
from ..formats.storage_format import StorageFormat

#: Caches made before ArcGIS 9.3 have no <CacheStorageInfo>: every cache was
#: exploded then, and ArcGIS still reads such a cache as exploded.
DEFAULT_STORAGE = StorageFormat.EXPLODED


def read_conf_xml(data, path=None):
    """The TilingScheme a conf.xml describes; SchemeError naming what is missing."""
    root = parse_xml(data, path)
    if local_name(root.tag) != "CacheInfo":
        raise SchemeError(f"root element is <{local_name(root.tag)}>, not <CacheInfo>", path)
    info = require_child(root, "TileCacheInfo", path, SchemeError)
    origin = require_child(info, "TileOrigin", path, SchemeError)
    fields = dict(
        spatial_reference=read_spatial_reference(
            require_child(info, "SpatialReference", path, SchemeError), path),
        origin_x=child_float(origin, "X", path, SchemeError),
        origin_y=child_float(origin, "Y", path, SchemeError),
        tile_width=child_int(info, "TileCols", path, SchemeError),
        tile_height=child_int(info, "TileRows", path, SchemeError),
        dpi=_read_dpi(info, path),
        lods=_read_lods(require_child(info, "LODInfos", path, SchemeError), path),
    )
    fields.update(_read_image_info(require_child(root, "TileImageInfo", path, SchemeError), path))
    fields.update(_read_storage_info(child(root, "CacheStorageInfo"), path))
    return build_scheme(fields, path)


def read_conf_cdi(data, path=None):
    """The data extent in conf.cdi (an EnvelopeN)."""
    root = parse_xml(data, path)
    if local_name(root.tag) not in ("EnvelopeN", "Envelope"):
        raise FormatError(f"root element is <{local_name(root.tag)}>, not <EnvelopeN>", path)
    values = (child_float(root, name, path) for name in ("XMin", "YMin", "XMax", "YMax"))
    return Extent.checked(values, lambda reason: FormatError(f"envelope: {reason}", path),
                          allow_flat=True)


def read_spatial_reference(element, path=None):
    """An Esri XML <SpatialReference>; an UnknownCoordinateSystem gives an empty one."""
    wkid = child_int(element, "WKID", path, SchemeError, default=None)
    latest = child_int(element, "LatestWKID", path, SchemeError, default=None)
    wkt = child_text(element, "WKT") or None
    # ArcGIS writes WKID 0 for custom systems that only have a WKT.
    return SpatialReference(wkid=wkid or None, latest_wkid=latest or None, wkt=wkt)


def build_scheme(fields, path):
    """Make the TilingScheme, giving its validation errors the file's path."""
    try:
        return TilingScheme(**fields)
    except SchemeError as exc:
        raise SchemeError(exc.message, exc.path or path) from None


def _read_dpi(info, path):
    # PreciseDPI carries the fraction DPI (an integer element) rounds away.
    precise = child_float(info, "PreciseDPI", path, SchemeError, default=None)
    return precise if precise is not None else child_float(info, "DPI", path, SchemeError)


def _read_lods(lod_infos, path):
    lods = []
    for item in children(lod_infos, "LODInfo"):
        lods.append(LOD(level=child_int(item, "LevelID", path, SchemeError),
                        resolution=child_float(item, "Resolution", path, SchemeError),
                        scale=child_float(item, "Scale", path, SchemeError)))
    if not lods:
        raise SchemeError("<LODInfos> holds no <LODInfo>", path)
    return tuple(sorted(lods, key=lambda lod: lod.level))


def _read_image_info(image, path):
    tile_format = child_text(image, "CacheTileFormat")
    if not tile_format:
        raise SchemeError("<TileImageInfo> has no <CacheTileFormat> value", path)
    fields = dict(
        tile_format=tile_format,
        antialiasing=child_bool(image, "Antialiasing", path, SchemeError),
        band_count=child_int(image, "BandCount", path, SchemeError, default=None),
        lerc_error=child_float(image, "LERCError", path, SchemeError, default=None),
    )
    quality = child_int(image, "CompressionQuality", path, SchemeError, default=None)
    if quality is not None:
        fields["compression_quality"] = quality
    return fields


def _read_storage_info(storage, path):
    if storage is None:
        return dict(storage_format=DEFAULT_STORAGE)
    text = child_text(storage, "StorageFormat")
    storage_format = StorageFormat.parse(text, path) if text else DEFAULT_STORAGE
    packet_size = child_int(storage, "PacketSize", path, SchemeError,
                            default=BUNDLE_SIZE)
    if not format_for(storage_format).has_bundles:
        # One file a tile: the packet size means nothing and old caches write odd ones.
        packet_size = BUNDLE_SIZE
    return dict(storage_format=storage_format, packet_size=packet_size)

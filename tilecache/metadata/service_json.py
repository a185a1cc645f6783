"""Tiling schemes in JSON: a .tpkx's root.json and a .tpk's mapserver.json.

Both files come from outside, so every value is type-checked and every
failure is a SchemeError/FormatError naming the file and the JSON key.
"""
import json
import math

from .conf_reader import build_scheme
from ..scheme.crs_info import esri_units
from ..errors import FormatError, ParameterError, SchemeError
from ..model import BUNDLE_SIZE, LOD, Extent
from ..scheme.spatial_reference_json import spatial_reference_from_json
from ..formats.storage_format import StorageFormat
from ..io.json_text import JsonTextError, decode_json

#: Largest JSON file we parse; root.json with legend images stays far below.

#: Written into root.json: the tile package spec's version and bundle folder.
ROOT_JSON_VERSION = 1.0
TILE_BUNDLES_PATH = "./tile"

#: mapserver.json's service version: ArcGIS 10.3.1's, as in ArcGIS-made .tpk files.
MAPSERVER_VERSION = 10.31
#: Image formats a map service may be asked for, copied from ArcGIS-made files.
SUPPORTED_IMAGE_FORMATS = "PNG32,PNG24,PNG,JPG,DIB,TIFF,EMF,PS,PDF,GIF,SVG,SVGZ,BMP"
#: A tile-only service that allows exportTiles, which is what the package is.
MAPSERVER_CAPABILITIES = "Map,TilesOnly"
#: The REST default for how many tiles one exportTiles request may hold.
MAX_EXPORT_TILES_COUNT = 100000
#: What ArcGIS-made mapserver.json files say of the map document and of the
#: (query) limits of a map service; copied as they are (docs/formats.md#mapserverjson).
MAPSERVER_DOCUMENT_INFO = {"Title": "", "Author": "", "Comments": "", "Subject": "",
                           "Category": "", "AntialiasingMode": "Best",
                           "TextAntialiasingMode": "Force", "Keywords": ""}
MAPSERVER_LIMITS = {"supportedQueryFormats": "JSON, AMF", "maxRecordCount": 1000,
                    "maxImageHeight": 4096, "maxImageWidth": 4096}
#: resourceInfo.geoFullExtent when the extent cannot be placed on the globe:
#: tpkutils reads that key with no fallback, so it is never left out.
WHOLE_WORLD_DEGREES = Extent(-180.0, -90.0, 180.0, 90.0)
#: ArcGIS's XY domain of Web Mercator (its XOrigin, YOrigin, XYScale), as in
#: ArcGIS-made .tpk files. ArcGIS derives other systems' domains from its own
#: projection tables, which this project does not have: for them the key is
#: left out rather than guessed (no reader here uses it).
WEB_MERCATOR_DOMAIN = {"xmin": -20037700, "ymin": -30241100, "xmax": 40444500,
                       "ymax": 30241100}
WEB_MERCATOR = 3857

#: mapserver.json exists only in .tpk packages, whose bundles are Compact V1.
MAPSERVER_DEFAULT_STORAGE = StorageFormat.COMPACT_V1


def read_root_json(data, path=None):
    """The TilingScheme of a .tpkx root.json (or a V2 cache's root.json)."""
    doc = load_json(data, path)
    tile_info = _get(doc, "tileInfo", dict, path)
    image_info = _maybe(doc, "tileImageInfo", dict, path) or {}
    storage = _maybe(doc, "storageInfo", dict, path) or {}
    fields = _tile_info_fields(tile_info, doc, path, "tileInfo")
    tile_format = _maybe(image_info, "format", str, path, "tileImageInfo") \
        or _maybe(tile_info, "format", str, path, "tileInfo")
    if not tile_format:
        raise SchemeError("tileImageInfo has no format", path)
    fields["tile_format"] = tile_format
    image = "tileImageInfo"
    fields.update(_present(
        compression_quality=_maybe(image_info, "compressionQuality", int, path, image),
        band_count=_maybe(image_info, "bandCount", int, path, image),
        lerc_error=_maybe(image_info, "lercError", float, path, image),
        antialiasing=_maybe(image_info, "antialiasing", bool, path, image),
        packet_size=_maybe(storage, "packetSize", int, path, "storageInfo")))
    text = _maybe(storage, "storageFormat", str, path, "storageInfo")
    fields["storage_format"] = StorageFormat.parse(text, path) if text \
        else StorageFormat.COMPACT_V2
    fields["full_extent"] = _extent(doc, "fullExtent", path)
    fields["extra"] = _extra(doc, "name", path)
    bundles_path = _maybe(doc, "tileBundlesPath", str, path)
    if bundles_path:
        fields["extra"]["tile_bundles_path"] = bundles_path
    return build_scheme(fields, path)


def read_mapserver_json(data, path=None):
    """The TilingScheme in a .tpk's mapserver.json ``tileInfo`` block.

    ArcGIS wraps the service description as {"name": "MapServer", "contents":
    {...}}; a bare service description is read as well.
    """
    doc = load_json(data, path)
    contents = doc.get("contents", doc)
    if not isinstance(contents, dict):
        raise FormatError("contents is not a JSON object", path)
    tile_info = _maybe(contents, "tileInfo", dict, path)
    if tile_info is None:
        raise SchemeError("no tileInfo: the map service it describes is not cached", path)
    fields = _tile_info_fields(tile_info, contents, path, "tileInfo")
    fields["tile_format"] = _get(tile_info, "format", str, path, "tileInfo")
    fields.update(_present(compression_quality=_maybe(tile_info, "compressionQuality", int,
                                                      path, "tileInfo")))
    fields["storage_format"] = MAPSERVER_DEFAULT_STORAGE
    fields["full_extent"] = _extent(contents, "fullExtent", path)
    fields["extra"] = _extra(contents, "mapName", path)
    return build_scheme(fields, path)


def write_root_json(scheme, name, full_extent, initial_extent=None, levels=None):
    """root.json bytes; ``levels`` are the level ids holding tiles (default: all LODs)."""
    wanted = None if levels is None else set(levels)
    present = [lod for lod in scheme.lods if wanted is None or lod.level in wanted]
    if not present:
        raise ParameterError(f"none of the levels {levels!r} is in the tiling scheme")
    spatial_reference = scheme.spatial_reference.to_json()
    doc = {
        "name": str(name),
        "version": ROOT_JSON_VERSION,
        "serviceDescription": "",
        "tileBundlesPath": TILE_BUNDLES_PATH,
        "minLOD": min(lod.level for lod in present),
        "maxLOD": max(lod.level for lod in present),
        "minScale": _coarsest(present).scale,
        "maxScale": _finest(present).scale,
        "resampling": False,
        "units": esri_units(scheme.spatial_reference),
        "initialExtent": _extent_json(initial_extent or full_extent, spatial_reference,
                                      "initial_extent"),
        "fullExtent": _extent_json(full_extent, spatial_reference, "full_extent"),
        "spatialReference": spatial_reference,
        "tileInfo": _tile_info_json(scheme, spatial_reference),
        "tileImageInfo": _image_info_json(scheme),
        "storageInfo": {"storageFormat": scheme.storage_format.value,
                        "packetSize": BUNDLE_SIZE},
        "exportTilesAllowed": True,
    }
    return _dump(doc)


def write_mapserver_json(scheme, name, full_extent, description="", geo_extent=None):
    """servicedescriptions/mapserver/mapserver.json bytes, laid out as ArcGIS writes it.

    ``geo_extent`` is ``full_extent`` in WGS 84 degrees (None: the whole
    world). Where this differs from ArcGIS-made files, the comment says why.
    """
    spatial_reference = scheme.spatial_reference.to_json()
    extent = _extent_json(full_extent, spatial_reference, "full_extent")
    tile_info = _tile_info_json(scheme, spatial_reference)
    tile_info["format"] = scheme.tile_format
    tile_info["compressionQuality"] = scheme.compression_quality
    contents = {
        "currentVersion": MAPSERVER_VERSION,
        "serviceDescription": str(description),
        "mapName": str(name),
        "description": str(description),
        "copyrightText": "",
        "supportsDynamicLayers": False,
        # ArcGIS lists the map's (feature) layers; a package of tiles has none.
        "layers": [],
        "tables": [],
        "spatialReference": spatial_reference,
        # ArcGIS 10.3 wrote false and no tileInfo; the service is a cache, and
        # ArcGIS Online reads the tiling scheme from here.
        "singleFusedMapCache": True,
        "tileInfo": tile_info,
        "initialExtent": extent,
        "fullExtent": extent,
        # ArcGIS Online refuses a tile package whose service has no scale range.
        "minScale": _coarsest(scheme.lods).scale,
        "maxScale": _finest(scheme.lods).scale,
        "units": esri_units(scheme.spatial_reference),
        "supportedImageFormatTypes": SUPPORTED_IMAGE_FORMATS,
        "documentInfo": dict(MAPSERVER_DOCUMENT_INFO),
        "capabilities": MAPSERVER_CAPABILITIES,
        "supportedQueryFormats": MAPSERVER_LIMITS["supportedQueryFormats"],
        # ArcGIS writes false unless the service allows exportTiles; a package
        # is there to be exported from.
        "exportTilesAllowed": True,
        "maxRecordCount": MAPSERVER_LIMITS["maxRecordCount"],
        "maxImageHeight": MAPSERVER_LIMITS["maxImageHeight"],
        "maxImageWidth": MAPSERVER_LIMITS["maxImageWidth"],
        "maxExportTilesCount": MAX_EXPORT_TILES_COUNT,
    }
    return _dump({"name": "MapServer", "contents": contents,
                  "resourceInfo": _resource_info(scheme, geo_extent),
                  "resources": [{"name": "layers", "resources": []},
                                {"name": "tables", "resources": []},
                                {"name": "legend", "contents": {"layers": []}}]})


def _resource_info(scheme, geo_extent):
    """mapserver.json's resourceInfo: the extents in degrees, and the XY domain.

    Initial and full extent are the same in what this project writes.
    """
    xmin, ymin, xmax, ymax = geo_extent or WHOLE_WORLD_DEGREES
    degrees = {"xmin": xmin, "ymin": ymin, "xmax": xmax, "ymax": ymax}
    info = {"geoFullExtent": degrees}
    if scheme.spatial_reference.epsg == WEB_MERCATOR:
        info["spatialReferenceDomain"] = dict(WEB_MERCATOR_DOMAIN)
    info["geoInitialExtent"] = dict(degrees)
    return info


# ---- reading helpers --------------------------------------------------------

def load_json(data, path=None):
    """A JSON object from an untrusted file (docs/formats.md#rootjson)."""
    try:
        doc = decode_json(data)
    except JsonTextError as exc:
        raise FormatError(f"not valid JSON: {exc.reason}", path) from None
    if not isinstance(doc, dict):
        raise FormatError("JSON is not an object", path)
    return doc


_KIND_NAMES = {dict: "an object", list: "an array", str: "a string", int: "a whole number",
               float: "a number", bool: "true or false"}


def _get(obj, key, kind, path, where=""):
    """``obj[key]``, which must be present, checked to be of ``kind``."""
    if obj.get(key) is None:
        raise SchemeError(f"{where}.{key} is missing" if where else f"{key} is missing", path)
    return _maybe(obj, key, kind, path, where)


def _maybe(obj, key, kind, path, where=""):
    """``obj[key]`` checked to be of ``kind`` (floats finite, ints whole), or None if absent."""
    label = f"{where}.{key}" if where else key
    value = obj.get(key)
    if value is None:
        return None
    if kind in (int, float):
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise SchemeError(f"{label} must be {_KIND_NAMES[kind]}, not {value!r:.40}", path)
        try:
            finite = math.isfinite(value)
        except OverflowError:  # an integer literal too long for a double
            finite = False
        if not finite:
            raise SchemeError(f"{label} is not a finite number", path)
        if kind is int:
            if not float(value).is_integer():
                raise SchemeError(f"{label} must be a whole number, not {value!r}", path)
            return int(value)
        return float(value)
    if not isinstance(value, kind):
        raise SchemeError(f"{label} must be {_KIND_NAMES[kind]}, not {value!r:.40}", path)
    return value


def _present(**fields):
    """The fields the file gave a value for (the scheme's defaults stand for the rest)."""
    return {name: value for name, value in fields.items() if value is not None}


def _tile_info_fields(tile_info, doc, path, where):
    origin = _get(tile_info, "origin", dict, path, where)
    sr_json = _maybe(tile_info, "spatialReference", dict, path, where) \
        or _maybe(doc, "spatialReference", dict, path)
    if sr_json is None:
        raise SchemeError(f"{where}.spatialReference is missing", path)
    lods = _get(tile_info, "lods", list, path, where)
    if not lods:
        raise SchemeError(f"{where}.lods is empty", path)
    return dict(
        spatial_reference=spatial_reference_from_json(
            sr_json, lambda reason: SchemeError(f"{where}.{reason}", path)),
        origin_x=_get(origin, "x", float, path, f"{where}.origin"),
        origin_y=_get(origin, "y", float, path, f"{where}.origin"),
        tile_width=_get(tile_info, "cols", int, path, where),
        tile_height=_get(tile_info, "rows", int, path, where),
        dpi=_get(tile_info, "dpi", float, path, where),
        lods=tuple(sorted((_lod(item, path, f"{where}.lods[{index}]")
                           for index, item in enumerate(lods)), key=lambda lod: lod.level)),
    )


def _lod(item, path, where):
    if not isinstance(item, dict):
        raise SchemeError(f"{where} is not an object", path)
    return LOD(level=_get(item, "level", int, path, where),
               resolution=_get(item, "resolution", float, path, where),
               scale=_get(item, "scale", float, path, where))


def _extent(doc, key, path):
    obj = _maybe(doc, key, dict, path)
    # Esri JSON spells an empty envelope with xmin null or "NaN".
    if obj is None or obj.get("xmin") in (None, "NaN"):
        return None
    return Extent.checked((_get(obj, name, float, path, key)
                           for name in ("xmin", "ymin", "xmax", "ymax")),
                          lambda reason: SchemeError(f"{key}: {reason}", path), allow_flat=True)


def _extra(doc, name_key, path):
    extra = {}
    name = _maybe(doc, name_key, str, path)
    if name:
        extra["name"] = name
    initial = _extent(doc, "initialExtent", path)
    if initial is not None:
        extra["initial_extent"] = initial
    return extra


# ---- writing helpers --------------------------------------------------------

def _coarsest(lods):
    return max(lods, key=lambda lod: lod.resolution)


def _finest(lods):
    return min(lods, key=lambda lod: lod.resolution)


def _extent_json(extent, spatial_reference, label):
    if extent is None:
        raise ParameterError(f"{label} is missing")
    xmin, ymin, xmax, ymax = Extent.of_numbers(
        extent, lambda reason: ParameterError(f"{label}: {reason}"))
    return {"xmin": xmin, "ymin": ymin, "xmax": xmax, "ymax": ymax,
            "spatialReference": dict(spatial_reference)}


def _tile_info_json(scheme, spatial_reference):
    return {
        "rows": scheme.tile_height,
        "cols": scheme.tile_width,
        "dpi": scheme.dpi,
        "origin": {"x": scheme.origin_x, "y": scheme.origin_y},
        "spatialReference": dict(spatial_reference),
        "lods": [{"level": lod.level, "resolution": lod.resolution, "scale": lod.scale}
                 for lod in scheme.lods],
    }


def _image_info_json(scheme):
    info = {"format": scheme.tile_format, "compressionQuality": scheme.compression_quality}
    if scheme.band_count is not None:
        info["bandCount"] = scheme.band_count
    if scheme.lerc_error is not None:
        info["lercError"] = scheme.lerc_error
    if scheme.antialiasing:
        info["antialiasing"] = True
    return info


def _dump(doc):
    # allow_nan=False: a NaN that slipped through must fail here, not in ArcGIS.
    try:
        return json.dumps(doc, indent=2, ensure_ascii=False, allow_nan=False).encode("utf-8")
    except ValueError as exc:
        raise ParameterError(f"cannot write JSON: {exc}") from None

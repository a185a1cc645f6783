"""The loopback server's service description: a documented example, adapted.

The document is the ArcGIS REST API reference's Map Service resource, "JSON
Response examples", example one (``recorded/map-service-example-one.json``,
as printed there), not what this project's own writer makes: a reader
checked only against its own writer agrees with itself by construction.
Only the fields that describe the served cache are replaced (tiling scheme,
extents, scale and LOD range, capabilities, export limits); docs/arcgis-servers.md
lists them and where each shape comes from.
"""
import json
from pathlib import Path

RECORDED = Path(__file__).resolve().parent / "recorded" / "map-service-example-one.json"
#: World services and hosted tile layers list LODs 0-23 whatever levels hold tiles.
LISTED_LODS = 24
#: How the served description names the levels that hold tiles.
LEVEL_FIELDS = ("lod", "scale", "none")


def describe(service):
    """The ``?f=json`` document of ``service`` (an ArcGisServer)."""
    doc = json.loads(RECORDED.read_text(encoding="utf-8"))
    scheme, options = service.scheme, service.options
    sr = scheme.spatial_reference.to_json()
    lods = listed_lods(scheme)
    doc.update({
        "mapName": options.name,
        "spatialReference": sr,
        "tileInfo": {"rows": scheme.tile_height, "cols": scheme.tile_width, "dpi": scheme.dpi,
                     "format": scheme.tile_format, "compressionQuality": 75,
                     "origin": {"x": scheme.origin_x, "y": scheme.origin_y},
                     "spatialReference": sr, "lods": lods},
        "storageInfo": {"storageFormat": scheme.storage_format.value, "packetSize": 128},
        "initialExtent": _extent(service.full_extent, sr),
        "fullExtent": _extent(service.full_extent, sr),
        # A cache that only serves tiles: ArcGIS lists TilesOnly, and Tilemap
        # where the tilemap resource exists (Compact V2).
        "capabilities": "Map,TilesOnly" + (",Tilemap" if options.tilemap else ""),
        "exportTilesAllowed": options.export_allowed,
        "maxExportTilesCount": options.max_export_tiles,
    })
    doc.pop("tileServers", None)  # the example's hosts do not exist
    doc.update(_level_range(service, lods))
    if options.kind == "ImageServer":
        # Guessed (docs/arcgis-servers.md): an image service's own fields beside
        # the same tiling ones; the client reads only the tiling ones.
        for key in ("layers", "tables", "supportsDynamicLayers", "documentInfo"):
            doc.pop(key, None)
        doc.update({"name": options.name, "serviceDataType": "esriImageServiceDataTypeRGB",
                    "bandCount": 3, "pixelType": "U8"})
    return doc


def listed_lods(scheme):
    """The scheme's LODs continued (halving, as the standard schemes do) to 0-23."""
    lods = [{"level": lod.level, "resolution": lod.resolution, "scale": lod.scale}
            for lod in scheme.lods]
    while len(lods) < LISTED_LODS:
        last = lods[-1]
        lods.append({"level": last["level"] + 1, "resolution": last["resolution"] / 2,
                     "scale": last["scale"] / 2})
    return lods


def _level_range(service, lods):
    """minLOD/maxLOD (10.7.1+) or minScale/maxScale of the levels holding tiles."""
    held = sorted({level for level, _, _ in service.tiles})
    if not held:
        return {"minScale": 0, "maxScale": 0}
    scales = {lod["level"]: lod["scale"] for lod in lods}
    fields = service.options.level_fields
    found = {"minScale": scales[held[0]], "maxScale": scales[held[-1]]}
    if fields == "lod":
        found.update({"minLOD": held[0], "maxLOD": held[-1]})
    elif fields == "none":
        found = {"minScale": 0, "maxScale": 0}
    return found


def _extent(extent, sr):
    xmin, ymin, xmax, ymax = extent
    return {"xmin": xmin, "ymin": ymin, "xmax": xmax, "ymax": ymax, "spatialReference": sr}

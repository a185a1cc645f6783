<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1">
<context>
    <name>TilePackageTools</name>
    <message>
        <location filename="../processing_provider/common.py" line="275"/>
        <source>Tile Package Tools</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../processing_provider/common.py" line="31"/>
        <source>Tile caches</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../processing_provider/common.py" line="60"/>
        <source>Not enough memory to finish the operation.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../processing_provider/common.py" line="131"/>
        <source>{name}: &quot;{value}&quot; is not one of {allowed}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../processing_provider/common.py" line="149"/>
        <source>Incorrect parameter value for {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../processing_provider/common.py" line="168"/>
        <source>{name}: the extent is empty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../processing_provider/common.py" line="224"/>
        <source>{name}: &quot;{value}&quot; is neither a polygon layer nor Esri JSON</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../processing_provider/common.py" line="228"/>
        <source>{name}: unsupported value {value}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../processing_provider/common.py" line="236"/>
        <source>{name}: the layer must hold polygons</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../processing_provider/common.py" line="242"/>
        <source>Cancelled by the user; nothing was written.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../processing_provider/common.py" line="248"/>
        <source>{name}: the layer holds no polygons</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../processing_provider/common.py" line="253"/>
        <source>{name}: the polygons have no area</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../processing_provider/export_algorithm.py" line="42"/>
        <source>Tile cache (folder or conf.xml) or tile package (.tpk/.tpkx)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../processing_provider/export_algorithm.py" line="45"/>
        <source>Storage format (storageFormatType)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../processing_provider/export_algorithm.py" line="48"/>
        <source>Write a tile package (tilePackage); otherwise a cache folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../processing_provider/export_algorithm.py" line="51"/>
        <source>Extent to export (exportExtent)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../processing_provider/export_algorithm.py" line="53"/>
        <source>Recompress JPEG tiles (optimizeTilesForSize)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../processing_provider/export_algorithm.py" line="56"/>
        <source>JPEG quality 0-100 (compressionQuality)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../processing_provider/export_algorithm.py" line="59"/>
        <source>Levels are given as (exportBy)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../processing_provider/export_algorithm.py" line="62"/>
        <source>Levels, e.g. 1,2,3 or 0-7 (levels)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../processing_provider/import_algorithm.py" line="150"/>
        <source>Area of interest: polygon layer or Esri JSON (areaOfInterest)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../processing_provider/import_algorithm.py" line="153"/>
        <source>Response format (f)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../processing_provider/export_algorithm.py" line="84"/>
        <source>storageFormatType: a tile package holds Compact V2 (.tpkx) or Compact V1 (.tpk) bundles; esriMapCacheStorageModeExploded needs tilePackage=false</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../processing_provider/export_algorithm.py" line="117"/>
        <source>{name}: &quot;{value}&quot; is not a whole number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../processing_provider/export_algorithm.py" line="126"/>
        <source>INPUT: no tile cache or tile package given</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../processing_provider/import_algorithm.py" line="38"/>
        <source>{path}: no such file or folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../processing_provider/export_algorithm.py" line="143"/>
        <source>OUTPUT: no output path given</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../processing_provider/export_algorithm.py" line="195"/>
        <source>Export tiles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../processing_provider/export_algorithm.py" line="198"/>
        <source>Exports tiles of an Esri tile cache or tile package, like the ArcGIS REST exportTiles operation; parameter names and values are the REST ones.

INPUT: a cache folder, its conf.xml, a .tpk or a .tpkx.
tilePackage=false writes a cache folder (conf.xml, conf.cdi, _alllayers) in the chosen storageFormatType; true writes a .tpkx (CompactV2) or .tpk (Compact). OUTPUT must carry the matching extension; it is never renamed.
exportExtent: the QGIS form &apos;xmin,xmax,ymin,ymax [EPSG:n]&apos;, the REST form &apos;xmin,ymin,xmax,ymax&apos; (no CRS: in the cache&apos;s spatial reference) or a REST JSON envelope with spatialReference.
areaOfInterest: a polygon layer or an Esri JSON FeatureSet; it supersedes exportExtent. A tile is exported when it shares area with the extent or polygons.
exportBy/levels: level ids, scales or resolutions, as lists and ranges (&apos;1,2,3&apos;, &apos;1-4,7-9&apos;); empty = every level holding tiles.
optimizeTilesForSize re-encodes JPEG tiles at compressionQuality (default 75), keeping a tile when that is not smaller.
maxExportTilesCount (0 = no limit) is checked before anything is written.
f: json, pjson or html form of the JOB output.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../processing_provider/export_algorithm.py" line="219"/>
        <source>Most tiles allowed, 0 = no limit (maxExportTilesCount)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../processing_provider/export_algorithm.py" line="224"/>
        <source>Output tile package or cache folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../processing_provider/export_algorithm.py" line="226"/>
        <source>Job (REST response)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../processing_provider/export_algorithm.py" line="227"/>
        <source>Tiles exported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../processing_provider/export_algorithm.py" line="228"/>
        <source>Export report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../processing_provider/export_algorithm.py" line="250"/>
        <source>compressionQuality is used only with optimizeTilesForSize=true; tiles are copied unchanged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../processing_provider/export_algorithm.py" line="257"/>
        <source>Planning the export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../processing_provider/export_algorithm.py" line="262"/>
        <source>Writing {count} tiles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../processing_provider/estimate_algorithm.py" line="26"/>
        <source>Estimate export tiles size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../processing_provider/estimate_algorithm.py" line="29"/>
        <source>Counts the tiles an &apos;Export tiles&apos; run with the same parameters would write and sums their sizes as stored in the source (before any JPEG re-encoding), like the ArcGIS REST estimateExportTilesSize operation. Nothing is written.

Parameters are exportTiles&apos; REST parameters; see &apos;Export tiles&apos; for their forms. JOB holds {&quot;totalTilesToExport&quot;: n, &quot;totalSize&quot;: bytes} in the form f asks.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../processing_provider/estimate_algorithm.py" line="39"/>
        <source>Tiles to export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../processing_provider/estimate_algorithm.py" line="40"/>
        <source>Size of those tiles (bytes)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../processing_provider/estimate_algorithm.py" line="41"/>
        <source>Estimate (REST response)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../processing_provider/estimate_algorithm.py" line="42"/>
        <source>Estimate report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../processing_provider/estimate_algorithm.py" line="68"/>
        <source>{count} tiles, {size} bytes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../processing_provider/import_algorithm.py" line="36"/>
        <source>{name}: no path given</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../processing_provider/import_algorithm.py" line="51"/>
        <source>sourceItemId: the package is the cache itself; nothing to import</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../processing_provider/import_algorithm.py" line="99"/>
        <source>Import tiles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../processing_provider/import_algorithm.py" line="102"/>
        <source>Merges the tiles of a tile package into an existing Esri tile cache, like the ArcGIS REST importTiles operation; parameter names and values are the REST ones.

INPUT: the cache that receives the tiles: its folder or its conf.xml (Compact V2, Compact V1 or exploded storage).
sourceItemId: the .tpkx or .tpk (a cache folder works too). Its tiling scheme must match the cache&apos;s: spatial reference, tile origin, tile size, and each level&apos;s resolution must be one of the cache&apos;s LODs. Level ids may differ: tiles land in the cache level of the same resolution.
extent: picks the package&apos;s bundles that intersect it, as REST does (whole bundles of 128 x 128 tiles); forms: &apos;minx,miny,maxx,maxy&apos; in the cache&apos;s spatial reference, the REST JSON Extent with spatialReference, or the QGIS form &apos;xmin,xmax,ymin,ymax [EPSG:n]&apos;. For tile-exact clipping use areaOfInterest.
levels: the cache&apos;s level ids to import, as lists and ranges (&apos;1,2,3&apos;, &apos;0-7&apos;); empty = every level of the package. A level beyond the cache&apos;s LODs fails with &apos;Specified level id &quot;N&quot; is not within the min and max scale range.&apos;; with levels given, package levels outside them are simply left out.
mergeBundle (default true): tiles are merged into the cache&apos;s bundles, keeping the tiles the package does not have; false: each bundle the package holds replaces the cache&apos;s bundle of the same name. Exploded caches have no bundle files: their tiles are always written one by one.
replaceTiles (default true): when merging, package tiles replace tiles the cache already has; false only fills gaps.
areaOfInterest (as ArcGIS Pro&apos;s Import Tile Cache): a polygon layer or an Esri JSON FeatureSet; only tiles sharing area with it are imported.
f: json (default), pjson or html (a report) form of RESPONSE.

Nothing is half-written: new bundles are prepared beside the old ones and renamed into place only when all are ready; a failure or cancel leaves the cache unchanged, and after a crash the same import run again completes it. Imports into one cache wait for each other. A package of another image format (PNG into JPEG) is imported with a warning and the cache is recorded as MIXED.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../processing_provider/import_algorithm.py" line="135"/>
        <source>Tile cache to import into (folder or conf.xml)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../processing_provider/import_algorithm.py" line="138"/>
        <source>Tile package to import (sourceItemId)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../processing_provider/import_algorithm.py" line="141"/>
        <source>Import the package&apos;s bundles intersecting (extent)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../processing_provider/import_algorithm.py" line="143"/>
        <source>Cache levels to import, e.g. 1,2,3 or 0-7 (levels)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../processing_provider/import_algorithm.py" line="145"/>
        <source>Merge into existing bundles (mergeBundle)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../processing_provider/import_algorithm.py" line="147"/>
        <source>Package tiles replace existing tiles (replaceTiles)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../processing_provider/import_algorithm.py" line="156"/>
        <source>Tile cache</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../processing_provider/import_algorithm.py" line="157"/>
        <source>Response (REST importTiles)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../processing_provider/import_algorithm.py" line="158"/>
        <source>Tiles imported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../processing_provider/import_algorithm.py" line="159"/>
        <source>Tiles kept because replaceTiles is false</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../processing_provider/import_algorithm.py" line="161"/>
        <source>Import report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../processing_provider/import_algorithm.py" line="179"/>
        <source>Reading the parameters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../processing_provider/import_algorithm.py" line="194"/>
        <source>Imported {imported} tiles into {bundles} bundles of levels {levels}; {skipped} existing tiles kept</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>

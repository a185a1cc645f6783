<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de">
  <context>
    <name>TilePackageTools</name>
    <message>
      <location filename="../processing_provider/cluster_parameter.py" line="23" />
      <source>Dask cluster: empty = this machine, local:N = N worker processes here, tcp://host:8786 = a running scheduler</source>
      <translation>Dask-Cluster: leer = dieser Rechner, local:N = N Worker-Prozesse hier, tcp://host:8786 = ein laufender Scheduler</translation>
    </message>
    <message>
      <location filename="../processing_provider/cluster_parameter.py" line="44" />
      <source>CLUSTER {cluster} is not used: the tiles of a service are downloaded on this machine, since the service and maxConcurrentRequests set the pace, not this machine's processors, and workers would multiply the requests to the server and need its token or authentication</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../processing_provider/common.py" line="184" />
      <source>JSON</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../processing_provider/common.py" line="184" />
      <source>Indented JSON</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../processing_provider/common.py" line="185" />
      <source>HTML report</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../processing_provider/common.py" line="340" />
      <source>Tile Package Tools</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../processing_provider/common.py" line="106" />
      <source>Not enough memory to finish the operation.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../processing_provider/common.py" line="177" />
      <source>{name}: "{value}" is not one of {allowed}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../processing_provider/common.py" line="187" />
      <source>Response format (f)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../processing_provider/common.py" line="288" />
      <source>{name}: unsupported value {value}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../processing_provider/common.py" line="301" />
      <source>Cancelled by the user; nothing was written.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../processing_provider/common.py" line="227" />
      <source>{name}: the extent is empty</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../processing_provider/common.py" line="296" />
      <source>{name}: the layer must hold polygons</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../processing_provider/common.py" line="308" />
      <source>{name}: the layer holds no polygons</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../processing_provider/common.py" line="312" />
      <source>{name}: the polygons have no area</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../processing_provider/common.py" line="208" />
      <source>Incorrect parameter value for {name}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../processing_provider/common.py" line="284" />
      <source>{name}: "{value}" is neither a polygon layer nor Esri JSON</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../processing_provider/estimate_algorithm.py" line="28" />
      <source>Estimate export tiles size</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../processing_provider/estimate_algorithm.py" line="36" />
      <source>Examples (qgis_process run tilepackage:estimateexporttilessize -- ...):
The whole package: INPUT=/data/Usa.tpkx
Levels 0-5 inside a box in degrees: INPUT=/data/cache/conf.xml levels=0-5 'exportExtent=-100,-90,35,45 [EPSG:4326]'</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../processing_provider/estimate_algorithm.py" line="31" />
      <source>Counts the tiles an 'Export tiles' run with the same parameters would write and sums their sizes as stored in the source (before any JPEG re-encoding), like the ArcGIS REST estimateExportTilesSize operation. Nothing is written.

Parameters are exportTiles' REST parameters; see 'Export tiles' for their forms. JOB holds {"totalTilesToExport": n, "totalSize": bytes} in the form f asks.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../processing_provider/estimate_algorithm.py" line="46" />
      <source>Tiles to export</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../processing_provider/estimate_algorithm.py" line="47" />
      <source>Size of those tiles (bytes)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../processing_provider/estimate_algorithm.py" line="48" />
      <source>Estimate (REST response)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../processing_provider/estimate_algorithm.py" line="50" />
      <source>Estimate report (HTML, with f=html)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../processing_provider/estimate_algorithm.py" line="68" />
      <source>{count} tiles, {size} bytes</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../processing_provider/export_algorithm.py" line="38" />
      <source>Compact V2 bundles</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../processing_provider/export_algorithm.py" line="39" />
      <source>Compact V1 bundles</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../processing_provider/export_algorithm.py" line="40" />
      <source>Exploded, one file per tile</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../processing_provider/export_algorithm.py" line="42" />
      <source>Level ids</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../processing_provider/export_algorithm.py" line="42" />
      <source>Resolutions</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../processing_provider/export_algorithm.py" line="43" />
      <source>Scales</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../processing_provider/export_algorithm.py" line="170" />
      <source>Export tiles</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../processing_provider/export_algorithm.py" line="54" />
      <source>Tile cache (folder or conf.xml) or tile package (.tpk/.tpkx)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../processing_provider/export_algorithm.py" line="55" />
      <source>Tile caches and packages (conf.xml *.tpk *.tpkx *.TPK *.TPKX)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../processing_provider/export_algorithm.py" line="57" />
      <source>Storage format (storageFormatType)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../processing_provider/export_algorithm.py" line="59" />
      <source>Write a tile package (tilePackage); otherwise a cache folder</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../processing_provider/export_algorithm.py" line="62" />
      <source>Extent to export (exportExtent)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../processing_provider/export_algorithm.py" line="72" />
      <source>Levels, e.g. 1,2,3 or 0-7 (levels)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../processing_provider/export_algorithm.py" line="74" />
      <source>Area of interest: polygon layer or Esri JSON (areaOfInterest)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../processing_provider/export_algorithm.py" line="87" />
      <source>storageFormatType: a tile package holds Compact V2 (.tpkx) or Compact V1 (.tpk) bundles; esriMapCacheStorageModeExploded needs tilePackage=false</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../processing_provider/export_algorithm.py" line="129" />
      <source>INPUT: no tile cache or tile package given</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../processing_provider/export_algorithm.py" line="146" />
      <source>OUTPUT: no output path given</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../processing_provider/export_algorithm.py" line="192" />
      <source>Examples (qgis_process run tilepackage:exporttiles -- ...):
A .tpkx of levels 0-7 around Redlands, JPEG re-encoded at quality 60: INPUT=/data/World_Imagery/conf.xml tilePackage=true exportBy=LevelID levels=0-7 'exportExtent={"xmin":-13051380,"ymin":4030276,"xmax":-13037288,"ymax":4041136,"spatialReference":{"wkid":102100}}' optimizeTilesForSize=true compressionQuality=60 OUTPUT=/tmp/redlands.tpkx
A Compact V1 cache folder of a polygon (REST example three): INPUT=cache.tpk storageFormatType=esriMapCacheStorageModeCompact 'areaOfInterest={"features":[{"geometry":{"rings":[[[-100,35],[-100,45],[-90,45],[-90,35],[-100,35]]],"spatialReference":{"wkid":4326}}}]}' OUTPUT=/tmp/aoi_cache
Levels by scale: exportBy=Scale levels=73957190.948944,36978595.474472</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../processing_provider/export_algorithm.py" line="64" />
      <source>Recompress JPEG tiles (optimizeTilesForSize)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../processing_provider/export_algorithm.py" line="67" />
      <source>JPEG quality 0-100 (compressionQuality)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../processing_provider/export_algorithm.py" line="70" />
      <source>Levels are given as (exportBy)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../processing_provider/export_algorithm.py" line="173" />
      <source>Exports tiles of an Esri tile cache or tile package, like the ArcGIS REST exportTiles operation; parameter names and values are the REST ones.

INPUT: a cache folder, its conf.xml, a .tpk or a .tpkx.
tilePackage=false writes a cache folder (conf.xml, conf.cdi, _alllayers) in the chosen storageFormatType; true writes a .tpkx (CompactV2) or .tpk (Compact). OUTPUT must carry the matching extension; it is never renamed.
exportExtent: the QGIS form 'xmin,xmax,ymin,ymax [EPSG:n]', the REST JSON envelope (with spatialReference, or in the cache's spatial reference without), or four bare numbers; bare numbers are read in the one order, REST 'xmin,ymin,xmax,ymax' or QGIS 'xmin,xmax,ymin,ymax', that gives a box, and refused with both readings shown when both do.
areaOfInterest: a polygon layer or an Esri JSON FeatureSet; it supersedes exportExtent. A tile is exported when it shares area with the extent or polygons.
exportBy/levels: level ids, scales or resolutions, as lists and ranges ('1,2,3', '1-4,7-9'); empty = every level holding tiles.
optimizeTilesForSize re-encodes JPEG tiles at compressionQuality (default 75), keeping a tile when that is not smaller.
maxExportTilesCount (0 = no limit) is checked before anything is written.
f: json, pjson or html form of the JOB output.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../processing_provider/export_algorithm.py" line="218" />
      <source>Output cache folder, or tile package with tilePackage</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../processing_provider/export_algorithm.py" line="221" />
      <source>Job (REST response)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../processing_provider/export_algorithm.py" line="222" />
      <source>Tiles exported</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../processing_provider/export_algorithm.py" line="224" />
      <source>Export report (HTML, with f=html)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../processing_provider/export_algorithm.py" line="264" />
      <source>compressionQuality is used only with optimizeTilesForSize=true; tiles are copied unchanged</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../processing_provider/export_algorithm.py" line="121" />
      <source>{name}: "{value}" is not a whole number</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../processing_provider/export_algorithm.py" line="132" />
      <source>{path}: no such file or folder</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../processing_provider/export_algorithm.py" line="210" />
      <source>Most tiles allowed, 0 = no limit (maxExportTilesCount)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../processing_provider/export_algorithm.py" line="219" />
      <source>Cache folder, no extension (*);;Compact V2 tile package (*.tpkx);;Compact V1 tile package (*.tpk)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../processing_provider/import_algorithm.py" line="107" />
      <source>Import tiles</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../processing_provider/import_algorithm.py" line="53" />
      <source>sourceItemId: the package is the cache itself; nothing to import</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../processing_provider/import_algorithm.py" line="140" />
      <source>Examples (qgis_process run tilepackage:importtiles -- ...):
Fill the gaps of a cache from a package: INPUT=/data/cache sourceItemId=/tmp/redlands.tpkx replaceTiles=false
Levels 3-5 of the bundles around Redlands (REST example): INPUT=/data/cache sourceItemId=/tmp/redlands.tpkx levels=3-5 'extent={"xmin":-13051380,"ymin":4030276,"xmax":-13037288,"ymax":4041136,"spatialReference":{"wkid":102100}}'
Each package bundle replaces the cache's: mergeBundle=false</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../processing_provider/import_algorithm.py" line="89" />
      <source>Imported {imported} tiles into {bundles} bundles of levels {levels}; {skipped} existing tiles kept</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../processing_provider/import_algorithm.py" line="110" />
      <source>Merges the tiles of a tile package into an existing Esri tile cache, like the ArcGIS REST importTiles operation; parameter names and values are the REST ones.

INPUT: the cache that receives the tiles: its folder or its conf.xml (Compact V2, Compact V1 or exploded storage).
sourceItemId: the .tpkx or .tpk (a cache folder works too). Its tiling scheme must match the cache's: spatial reference, tile origin, tile size, and each level's resolution must be one of the cache's LODs. Level ids may differ: tiles land in the cache level of the same resolution.
extent: picks the package's bundles that intersect it, as REST does (whole bundles of 128 x 128 tiles); forms: 'minx,miny,maxx,maxy' in the cache's spatial reference, the REST JSON Extent with spatialReference, or the QGIS form 'xmin,xmax,ymin,ymax [EPSG:n]'. For tile-exact clipping use areaOfInterest.
levels: the cache's level ids to import, as lists and ranges ('1,2,3', '0-7'); empty = every level of the package. A level beyond the cache's LODs fails with 'Specified level id "N" is not within the min and max scale range.'; with levels given, package levels outside them are simply left out.
mergeBundle (default true): tiles are merged into the cache's bundles, keeping the tiles the package does not have; false: each bundle the package holds replaces the cache's bundle of the same name. Exploded caches have no bundle files: their tiles are always written one by one.
replaceTiles (default true): when merging, package tiles replace tiles the cache already has; false only fills gaps.
areaOfInterest (as ArcGIS Pro's Import Tile Cache): a polygon layer or an Esri JSON FeatureSet; only tiles sharing area with it are imported.
f: json (default), pjson or html (a report) form of RESPONSE.

Nothing is half-written: new bundles are prepared beside the old ones and renamed into place only when all are ready; a failure or cancel leaves the cache unchanged, and after a crash the same import run again completes it. Imports into one cache wait for each other. A package of another image format (PNG into JPEG) is imported with a warning and the cache is recorded as MIXED.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../processing_provider/import_algorithm.py" line="152" />
      <source>Tile cache to import into (folder or conf.xml)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../processing_provider/import_algorithm.py" line="153" />
      <source>Tile cache configuration (conf.xml)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../processing_provider/import_algorithm.py" line="155" />
      <source>Tile package or cache to import (sourceItemId)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../processing_provider/import_algorithm.py" line="156" />
      <source>Tile packages (*.tpkx *.tpk *.TPKX *.TPK)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../processing_provider/import_algorithm.py" line="158" />
      <source>Import the package's bundles intersecting (extent)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../processing_provider/import_algorithm.py" line="160" />
      <source>Cache levels to import, e.g. 1,2,3 or 0-7 (levels)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../processing_provider/import_algorithm.py" line="170" />
      <source>Tile cache</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../processing_provider/import_algorithm.py" line="171" />
      <source>Response (REST importTiles)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../processing_provider/import_algorithm.py" line="172" />
      <source>Tiles imported</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../processing_provider/import_algorithm.py" line="174" />
      <source>Tiles kept because replaceTiles is false</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../processing_provider/import_algorithm.py" line="176" />
      <source>Import report (HTML, with f=html)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../processing_provider/import_algorithm.py" line="36" />
      <source>{name}: no path given</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../processing_provider/import_algorithm.py" line="162" />
      <source>Merge into existing bundles (mergeBundle)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../processing_provider/import_algorithm.py" line="164" />
      <source>Package tiles replace existing tiles (replaceTiles)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../processing_provider/parameters.py" line="50" />
      <source>Cache folders and all files</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../processing_provider/remote_export.py" line="27" />
      <source>Server job for packages, otherwise fetch tiles</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../processing_provider/remote_export.py" line="28" />
      <source>The service builds the package (exportTiles job)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../processing_provider/remote_export.py" line="29" />
      <source>Fetch the tiles here, tile by tile</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../processing_provider/remote_export.py" line="39" />
      <source>Token of a secured service (token)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../processing_provider/remote_export.py" line="41" />
      <source>Authentication for a secured service (username and password are turned into a token)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../processing_provider/remote_export.py" line="49" />
      <source>Requests to the service at a time</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../processing_provider/remote_export.py" line="53" />
      <source>From a service: how the tiles are taken offline</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../processing_provider/render_export.py" line="42" />
      <source>Layers to render, first on top (instead of INPUT)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../processing_provider/render_export.py" line="45" />
      <source>Tiling scheme from a cache, package or tiling-scheme XML (empty: ArcGIS Online Web Mercator)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../processing_provider/render_export.py" line="50" />
      <source>Tile format of rendered tiles</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../processing_provider/render_export.py" line="53" />
      <source>DPI of rendered tiles (empty: the tiling scheme's)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../processing_provider/render_export.py" line="56" />
      <source>Antialiasing</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../processing_provider/render_export.py" line="58" />
      <source>Background colour (empty: transparent; white under JPEG)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../processing_provider/render_export.py" line="156" />
      <source>tilingScheme: QGIS does not know its coordinate reference system</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../processing_provider/render_export.py" line="169" />
      <source>LAYERS: the layers have no extent in the tiling scheme's coordinate reference system</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../processing_provider/render_export.py" line="48" />
      <source>Tiling schemes (conf.xml root.json *.tpk *.tpkx *.xml);;All files (*)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../processing_provider/render_export.py" line="107" />
      <source>tilingScheme: {path}: no such file or folder</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../processing_provider/render_export.py" line="62" />
      <source>Package {name} (empty: from the project)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../plugin/browser_items.py" line="25" />
      <source>{title} (levels {levels})</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../plugin/map_menu.py" line="27" />
      <source>Add Tile Package Layer…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../plugin/map_menu.py" line="30" />
      <source>Remove Tile Package Views</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../plugin/map_menu.py" line="36" />
      <source>Add Tile Package Layer</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../plugin/map_menu.py" line="37" />
      <source>Tile packages and caches (*.tpkx *.tpk conf.xml)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../plugin/map_menu.py" line="47" />
      <source>{count} tile package views removed</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../plugin/map_opener.py" line="69" />
      <source>{path}: QGIS cannot open the tile cache</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../plugin/map_opener.py" line="86" />
      <source>Preparing {name} for the map</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../plugin/map_opener.py" line="114" />
      <source>{name}: {count} tiles lacked the first 4 bytes of the PNG signature and were repaired</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../plugin/map_opener.py" line="105" />
      <source>{path}: cancelled</source>
      <translation type="unfinished" />
    </message>
  </context>
</TS>

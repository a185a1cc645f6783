<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de">
  <context>
    <name>TilePackageTools</name>
    <message>
      <location filename="../qgis_support/maplayer/describe.py" line="57" />
      <source>Kind</source>
      <translation>Art</translation>
    </message>
    <message>
      <location filename="../qgis_support/maplayer/describe.py" line="57" />
      <source>Levels</source>
      <translation>Stufen</translation>
    </message>
    <message>
      <location filename="../qgis_support/maplayer/describe.py" line="58" />
      <source>Tile count</source>
      <translation>Anzahl der Kacheln</translation>
    </message>
    <message>
      <location filename="../qgis_support/maplayer/describe.py" line="59" />
      <source>Tiling scheme</source>
      <translation>Kachelschema</translation>
    </message>
    <message>
      <location filename="../qgis_support/maplayer/describe.py" line="62" />
      <source>Tile format</source>
      <translation>Kachelformat</translation>
    </message>
    <message>
      <location filename="../qgis_support/maplayer/describe.py" line="62" />
      <source>Storage format</source>
      <translation>Speicherformat</translation>
    </message>
    <message>
      <location filename="../qgis_support/maplayer/describe.py" line="35" />
      <source>Tags</source>
      <translation>Schlagwörter</translation>
    </message>
    <message>
      <location filename="../qgis_support/maplayer/describe.py" line="54" />
      <source>Error</source>
      <translation>Fehler</translation>
    </message>
    <message>
      <location filename="../qgis_support/maplayer/describe.py" line="65" />
      <source>Tiles repaired so far (PNG signature)</source>
      <translation>Bisher reparierte Kacheln (PNG-Signatur)</translation>
    </message>
    <message>
      <location filename="../qgis_support/maplayer/describe.py" line="67" />
      <source>Tiles that do not decode (coarser tiles shown)</source>
      <translation>Nicht lesbare Kacheln (gröbere Kacheln angezeigt)</translation>
    </message>
    <message>
      <location filename="../qgis_support/maplayer/describe.py" line="59" />
      <source>{crs}, {width} x {height} px tiles, origin {x}, {y}</source>
      <translation>{crs}, Kacheln mit {width} x {height} px, Ursprung {x}, {y}</translation>
    </message>
    <message>
      <location filename="../qgis_support/maplayer/describe.py" line="74" />
      <source>level {level} row {row} col {col}</source>
      <translation>Stufe {level} Zeile {row} Spalte {col}</translation>
    </message>
    <message>
      <location filename="../qgis_support/maplayer/layers.py" line="64" />
      <source>Tile Package Tools</source>
      <translation>Tile Package Tools</translation>
    </message>
    <message>
      <location filename="../qgis_support/maplayer/layers.py" line="44" />
      <source>{path}: not a tile cache or package</source>
      <translation>{path}: weder ein Kachel-Cache noch ein Kachelpaket</translation>
    </message>
    <message>
      <location filename="../qgis_support/maplayer/provider.py" line="110" />
      <source>Tiles</source>
      <translation>Kacheln</translation>
    </message>
    <message>
      <location filename="../processing_provider/algorithm.py" line="46" />
      <source>Not enough memory to finish the operation.</source>
      <translation>Nicht genug Arbeitsspeicher, um den Vorgang abzuschließen.</translation>
    </message>
    <message>
      <location filename="../processing_provider/algorithm.py" line="144" />
      <source>Incorrect parameter value for {name}</source>
      <translation>Ungültiger Parameterwert für {name}</translation>
    </message>
    <message>
      <location filename="../processing_provider/error_text.py" line="26" />
      <source>level {level} is not in the cache</source>
      <translation>Stufe {level} ist nicht im Cache</translation>
    </message>
    <message>
      <location filename="../processing_provider/error_text.py" line="27" />
      <source>it has levels {levels}</source>
      <translation>er hat die Stufen {levels}</translation>
    </message>
    <message>
      <location filename="../processing_provider/error_text.py" line="30" />
      <source>tiles exist at levels {levels} within {box} (xmin,ymin,xmax,ymax in {sr})</source>
      <translation>Kacheln gibt es in den Stufen {levels} innerhalb von {box} (xmin,ymin,xmax,ymax in {sr})</translation>
    </message>
    <message>
      <location filename="../processing_provider/error_text.py" line="31" />
      <source>it holds no tiles</source>
      <translation>er enthält keine Kacheln</translation>
    </message>
    <message>
      <location filename="../processing_provider/error_text.py" line="33" />
      <source>nothing to export: no tiles of the cache lie in the chosen levels and extent</source>
      <translation>nichts zu exportieren: keine Kacheln des Caches liegen in den gewählten Stufen und der gewählten Ausdehnung</translation>
    </message>
    <message>
      <location filename="../processing_provider/error_text.py" line="35" />
      <source>nothing to export: the chosen levels and extent hold no tile slot of the service</source>
      <translation>nichts zu exportieren: die gewählten Stufen und die gewählte Ausdehnung enthalten keinen Kachelplatz des Dienstes</translation>
    </message>
    <message>
      <location filename="../processing_provider/error_text.py" line="40" />
      <source>a tile cache configuration (ArcGIS conf.xml) with no tiles beside it, not a tile package: give the cache's folder, which holds conf.xml and _alllayers, or a .tpk or .tpkx</source>
      <translation>eine Kachel-Cache-Konfiguration (ArcGIS-conf.xml) ohne Kacheln daneben, kein Kachelpaket: geben Sie den Ordner des Caches an, der conf.xml und _alllayers enthält, oder eine .tpk- oder .tpkx-Datei</translation>
    </message>
    <message>
      <location filename="../processing_provider/error_text.py" line="44" />
      <source>not a zip archive (tile packages are zip files)</source>
      <translation>kein ZIP-Archiv (Kachelpakete sind ZIP-Dateien)</translation>
    </message>
    <message>
      <location filename="../processing_provider/error_text.py" line="45" />
      <source>no such file or folder</source>
      <translation>Datei oder Ordner nicht gefunden</translation>
    </message>
    <message>
      <location filename="../processing_provider/error_text.py" line="47" />
      <source>not a tile cache: no conf.xml (or root.json) in this folder</source>
      <translation>kein Kachel-Cache: keine conf.xml (oder root.json) in diesem Ordner</translation>
    </message>
    <message>
      <location filename="../processing_provider/error_text.py" line="50" />
      <source>The export would hold {count} tiles, more than maxExportTilesCount ({limit}). Choose fewer levels, a smaller extent, or raise the limit.</source>
      <translation>Der Export enthielte {count} Kacheln, mehr als maxExportTilesCount ({limit}). Wählen Sie weniger Stufen, eine kleinere Ausdehnung oder erhöhen Sie das Limit.</translation>
    </message>
    <message>
      <location filename="../processing_provider/error_text.py" line="54" />
      <source>{low} {a} must be less than {high} {b} (four bare numbers are REST order xmin,ymin,xmax,ymax</source>
      <translation>{low} {a} muss kleiner als {high} {b} sein (vier bloße Zahlen sind in REST-Reihenfolge xmin,ymin,xmax,ymax</translation>
    </message>
    <message>
      <location filename="../processing_provider/error_text.py" line="58" />
      <source>the QGIS order xmin,xmax,ymin,ymax needs its CRS: "xmin,xmax,ymin,ymax [EPSG:3857]")</source>
      <translation>die QGIS-Reihenfolge xmin,xmax,ymin,ymax braucht ihr KBS: "xmin,xmax,ymin,ymax [EPSG:3857]")</translation>
    </message>
    <message>
      <location filename="../processing_provider/error_text.py" line="61" />
      <source>the output would overwrite or sit inside the source cache</source>
      <translation>die Ausgabe würde den Quell-Cache überschreiben oder in ihm liegen</translation>
    </message>
    <message>
      <location filename="../processing_provider/error_text.py" line="62" />
      <source>choose another place</source>
      <translation>wählen Sie einen anderen Ort</translation>
    </message>
    <message>
      <location filename="../processing_provider/error_text.py" line="64" />
      <source>Cancelled by the user</source>
      <translation>Vom Benutzer abgebrochen</translation>
    </message>
    <message>
      <location filename="../processing_provider/error_text.py" line="65" />
      <source>nothing was written.</source>
      <translation>es wurde nichts geschrieben.</translation>
    </message>
    <message>
      <location filename="../processing_provider/error_text.py" line="68" />
      <source>the output was not written. The {kept} bundles rendered so far are kept in {folder}: the same command run again renders only the rest</source>
      <translation>die Ausgabe wurde nicht geschrieben. Die {kept} bisher gerenderten Bundles werden in {folder} aufbewahrt: derselbe Befehl rendert beim nächsten Aufruf nur den Rest</translation>
    </message>
    <message>
      <location filename="../processing_provider/error_text.py" line="72" />
      <source>the output was not written. The {kept} bundles fetched so far are kept in {folder}: the same command run again fetches only the rest</source>
      <translation>die Ausgabe wurde nicht geschrieben. Die {kept} bisher abgerufenen Bundles werden in {folder} aufbewahrt: derselbe Befehl ruft beim nächsten Aufruf nur den Rest ab</translation>
    </message>
    <message>
      <location filename="../processing_provider/error_text.py" line="74" />
      <source>delete that folder to discard them.</source>
      <translation>löschen Sie diesen Ordner, um sie zu verwerfen.</translation>
    </message>
    <message>
      <location filename="../processing_provider/error_text.py" line="76" />
      <source>the exportTiles job's output holds no .tpk or .tpkx (files: {files})</source>
      <translation>die Ausgabe des exportTiles-Jobs enthält keine .tpk- oder .tpkx-Datei (Dateien: {files})</translation>
    </message>
    <message>
      <location filename="../processing_provider/estimate_algorithm.py" line="35" />
      <source>Estimate export tiles size</source>
      <translation>Größe eines Kachelexports schätzen</translation>
    </message>
    <message>
      <location filename="../processing_provider/estimate_algorithm.py" line="43" />
      <source>Examples (qgis_process run tilepackage:estimateexporttilessize -- ...):
The whole package: INPUT=/data/Usa.tpkx
Levels 0-5 inside a box in degrees: INPUT=/data/cache/conf.xml levels=0-5 'exportExtent=-100,-90,35,45 [EPSG:4326]'</source>
      <translation>Beispiele (qgis_process run tilepackage:estimateexporttilessize -- ...):
Das ganze Paket: INPUT=/data/Usa.tpkx
Stufen 0-5 innerhalb eines Rechtecks in Grad: INPUT=/data/cache/conf.xml levels=0-5 'exportExtent=-100,-90,35,45 [EPSG:4326]'</translation>
    </message>
    <message>
      <location filename="../processing_provider/estimate_algorithm.py" line="38" />
      <source>Counts the tiles an 'Export tiles' run with the same parameters would write and sums their sizes as stored in the source (before any JPEG re-encoding), like the ArcGIS REST estimateExportTilesSize operation. Nothing is written.

Parameters are exportTiles' REST parameters; see 'Export tiles' for their forms. JOB holds {"totalTilesToExport": n, "totalSize": bytes} in the form f asks.</source>
      <translation>Zählt die Kacheln, die „Kacheln exportieren“ mit denselben Parametern schreiben würde, und summiert ihre Größen, wie sie in der Quelle gespeichert sind (vor jeder JPEG-Neukodierung), wie die ArcGIS-REST-Operation estimateExportTilesSize. Es wird nichts geschrieben.

Die Parameter sind die REST-Parameter von exportTiles; ihre Formen siehe „Kacheln exportieren“. JOB enthält {"totalTilesToExport": n, "totalSize": Bytes} in der Form, die f verlangt.</translation>
    </message>
    <message>
      <location filename="../processing_provider/estimate_algorithm.py" line="54" />
      <source>Tiles to export</source>
      <translation>Zu exportierende Kacheln</translation>
    </message>
    <message>
      <location filename="../processing_provider/estimate_algorithm.py" line="55" />
      <source>Size of those tiles (bytes)</source>
      <translation>Größe dieser Kacheln (Bytes)</translation>
    </message>
    <message>
      <location filename="../processing_provider/estimate_algorithm.py" line="56" />
      <source>Estimate (REST response)</source>
      <translation>Schätzung (REST-Antwort)</translation>
    </message>
    <message>
      <location filename="../processing_provider/estimate_algorithm.py" line="58" />
      <source>Estimate report (HTML, with f=html)</source>
      <translation>Schätzungsbericht (HTML, mit f=html)</translation>
    </message>
    <message>
      <location filename="../processing_provider/estimate_algorithm.py" line="67" />
      <source>{count} tiles, {size} bytes</source>
      <translation>{count} Kacheln, {size} Bytes</translation>
    </message>
    <message>
      <location filename="../processing_provider/export_algorithm.py" line="46" />
      <source>Export tiles</source>
      <translation>Kacheln exportieren</translation>
    </message>
    <message>
      <location filename="../processing_provider/export_algorithm.py" line="97" />
      <source>Job (REST response)</source>
      <translation>Auftrag (REST-Antwort)</translation>
    </message>
    <message>
      <location filename="../processing_provider/export_algorithm.py" line="98" />
      <source>Tiles exported</source>
      <translation>Exportierte Kacheln</translation>
    </message>
    <message>
      <location filename="../processing_provider/export_algorithm.py" line="100" />
      <source>Export report (HTML, with f=html)</source>
      <translation>Exportbericht (HTML, mit f=html)</translation>
    </message>
    <message>
      <location filename="../processing_provider/export_algorithm.py" line="75" />
      <source>Examples (qgis_process run tilepackage:exporttiles -- ...):
A .tpkx of levels 0-7 around Redlands, JPEG re-encoded at quality 60: INPUT=/data/World_Imagery/conf.xml tilePackage=true exportBy=LevelID levels=0-7 'exportExtent={"xmin":-13051380,"ymin":4030276,"xmax":-13037288,"ymax":4041136,"spatialReference":{"wkid":102100}}' optimizeTilesForSize=true compressionQuality=60 OUTPUT=/tmp/redlands.tpkx
A Compact V1 cache folder of a polygon (REST example three): INPUT=cache.tpk storageFormatType=esriMapCacheStorageModeCompact 'areaOfInterest={"features":[{"geometry":{"rings":[[[-100,35],[-100,45],[-90,45],[-90,35],[-100,35]]],"spatialReference":{"wkid":4326}}}]}' OUTPUT=/tmp/aoi_cache
Levels by scale: exportBy=Scale levels=73957190.948944,36978595.474472</source>
      <translation>Beispiele (qgis_process run tilepackage:exporttiles -- ...):
Ein .tpkx der Stufen 0-7 um Redlands, JPEG mit Qualität 60 neu kodiert: INPUT=/data/World_Imagery/conf.xml tilePackage=true exportBy=LevelID levels=0-7 'exportExtent={"xmin":-13051380,"ymin":4030276,"xmax":-13037288,"ymax":4041136,"spatialReference":{"wkid":102100}}' optimizeTilesForSize=true compressionQuality=60 OUTPUT=/tmp/redlands.tpkx
Ein Compact-V1-Cache-Ordner eines Polygons (drittes REST-Beispiel): INPUT=cache.tpk storageFormatType=esriMapCacheStorageModeCompact 'areaOfInterest={"features":[{"geometry":{"rings":[[[-100,35],[-100,45],[-90,45],[-90,35],[-100,35]]],"spatialReference":{"wkid":4326}}}]}' OUTPUT=/tmp/aoi_cache
Stufen nach Maßstab: exportBy=Scale levels=73957190.948944,36978595.474472</translation>
    </message>
    <message>
      <location filename="../processing_provider/export_algorithm.py" line="69" />
      <source>Other sources: INPUT may also be the URL of an ArcGIS MapServer or ImageServer with cached tiles (token or authcfg for a secured one; exportMethod chooses the service's own job or fetching the tiles here). To draw map layers into tiles, use Create map tile package (tilepackage:createmaptilepackage).
In the dialog, a label's tooltip gives the parameter's REST name and details.</source>
      <translation>Weitere Quellen: INPUT kann auch die URL eines ArcGIS-MapServers oder -ImageServers mit gecachten Kacheln sein (token oder authcfg für einen gesicherten Dienst; exportMethod wählt den eigenen Job des Dienstes oder das Abrufen der Kacheln hier). Um Kartenlayer in Kacheln zu rendern, verwenden Sie Kartenkachelpaket erstellen (tilepackage:createmaptilepackage).
Im Dialog nennt der Tooltip einer Beschriftung den REST-Namen des Parameters und Einzelheiten.</translation>
    </message>
    <message>
      <location filename="../processing_provider/export_algorithm.py" line="49" />
      <source>Exports tiles of an Esri tile cache or tile package, like the ArcGIS REST exportTiles operation; parameter names and values are the REST ones.

INPUT: a cache folder, its conf.xml, a .tpk or a .tpkx.
tilePackage=false writes a cache folder (conf.xml, conf.cdi, _alllayers) in the chosen storageFormatType; true writes a .tpkx (CompactV2) or .tpk (Compact). OUTPUT must carry the matching extension; it is never renamed. An OUTPUT that is an existing cache folder gets the tiles merged in (as importtiles does); its other tiles stay.
exportExtent: the QGIS form 'xmin,xmax,ymin,ymax [EPSG:n]', the REST JSON envelope (with spatialReference, or in the cache's spatial reference without), or four bare numbers, always REST order 'xmin,ymin,xmax,ymax' as the REST pages define them (the dialog adds its CRS to what it sends).
areaOfInterest: a polygon layer or an Esri JSON FeatureSet; it supersedes exportExtent. A tile is exported when it shares area with the extent or polygons.
exportBy/levels: level ids, scales or resolutions, as lists and ranges ('1,2,3', '1-4,7-9'); empty = every level holding tiles.
optimizeTilesForSize re-encodes JPEG tiles at compressionQuality (default 75), keeping a tile when that is not smaller.
maxExportTilesCount (0 = no limit) is checked before anything is written.
f: json, pjson or html form of the JOB output.</source>
      <translation>Exportiert Kacheln eines Esri-Kachel-Caches oder -Kachelpakets wie die ArcGIS-REST-Operation exportTiles; Parameternamen und -werte sind die von REST.

INPUT: ein Cache-Ordner, seine conf.xml, ein .tpk oder ein .tpkx.
tilePackage=false schreibt einen Cache-Ordner (conf.xml, conf.cdi, _alllayers) im gewählten storageFormatType; true schreibt ein .tpkx (CompactV2) oder ein .tpk (Compact). OUTPUT muss die passende Endung tragen; es wird nie umbenannt. Ist OUTPUT ein bestehender Cache-Ordner, werden die Kacheln eingefügt (wie mit importtiles); seine übrigen Kacheln bleiben.
exportExtent: die QGIS-Form 'xmin,xmax,ymin,ymax [EPSG:n]', das REST-JSON-Envelope (mit spatialReference, oder ohne im Raumbezug des Caches) oder vier bloße Zahlen, immer in REST-Reihenfolge 'xmin,ymin,xmax,ymax', wie die REST-Seiten sie festlegen (der Dialog fügt dem, was er übergibt, sein KBS hinzu).
areaOfInterest: ein Polygonlayer oder ein Esri-JSON-FeatureSet; hat Vorrang vor exportExtent. Eine Kachel wird exportiert, wenn sie Fläche mit der Ausdehnung oder den Polygonen teilt.
exportBy/levels: Stufen-IDs, Maßstäbe oder Auflösungen, als Listen und Bereiche ('1,2,3', '1-4,7-9'); leer = jede Stufe, die Kacheln enthält.
optimizeTilesForSize kodiert JPEG-Kacheln mit compressionQuality (Standard 75) neu und behält eine Kachel, wenn das Ergebnis nicht kleiner ist.
maxExportTilesCount (0 = keine Grenze) wird geprüft, bevor etwas geschrieben wird.
f: json-, pjson- oder html-Form der Ausgabe JOB.</translation>
    </message>
    <message>
      <location filename="../processing_provider/export_from_cache.py" line="18" />
      <source>compressionQuality is used only with optimizeTilesForSize=true; tiles are copied unchanged</source>
      <translation>compressionQuality wirkt nur mit optimizeTilesForSize=true; die Kacheln werden unverändert kopiert</translation>
    </message>
    <message>
      <location filename="../processing_provider/export_from_service.py" line="22" />
      <source>The service builds the package (exportTiles job)</source>
      <translation>Der Dienst erstellt das Paket (exportTiles-Auftrag)</translation>
    </message>
    <message>
      <location filename="../processing_provider/export_from_service.py" line="43" />
      <source>CLUSTER {cluster} is not used: the tiles of a service are downloaded on this machine, since the service and maxConcurrentRequests set the pace, not this machine's processors, and workers would multiply the requests to the server and need its token or authentication</source>
      <translation>CLUSTER {cluster} wird nicht verwendet: die Kacheln eines Dienstes werden auf diesem Rechner heruntergeladen, denn das Tempo bestimmen der Dienst und maxConcurrentRequests, nicht die Prozessoren dieses Rechners, und Worker würden die Anfragen an den Server vervielfachen und sein Token oder seine Authentifizierung brauchen</translation>
    </message>
    <message>
      <location filename="../processing_provider/export_parameters.py" line="41" />
      <source>MBTiles, GeoPackage and XYZ folders: an OUTPUT ending in .mbtiles or .gpkg, or an XYZ folder template such as /data/tiles/{z}/{x}/{y}.png, writes that kind (tilePackage and storageFormatType are then not used). MBTiles and XYZ folders hold Web Mercator tiles on the standard zoom levels; a GeoPackage holds any tiling scheme in the cache's own coordinate system. Tiles are copied, never re-encoded. INPUT may be any of the three.</source>
      <translation>MBTiles, GeoPackage und XYZ-Ordner: Ein OUTPUT mit der Endung .mbtiles oder .gpkg oder eine XYZ-Ordnervorlage wie /data/tiles/{z}/{x}/{y}.png schreibt diese Art (tilePackage und storageFormatType werden dann nicht verwendet). MBTiles und XYZ-Ordner enthalten Web-Mercator-Kacheln auf den Standard-Zoomstufen; ein GeoPackage enthält jedes Kachelschema im Koordinatensystem des Caches. Kacheln werden kopiert, nie neu kodiert. INPUT kann ebenfalls eine der drei Arten sein.</translation>
    </message>
    <message>
      <location filename="../processing_provider/export_parameters.py" line="18" />
      <source>Compact V2 bundles</source>
      <translation>Compact-V2-Bundles</translation>
    </message>
    <message>
      <location filename="../processing_provider/export_parameters.py" line="19" />
      <source>Compact V1 bundles</source>
      <translation>Compact-V1-Bundles</translation>
    </message>
    <message>
      <location filename="../processing_provider/export_parameters.py" line="20" />
      <source>Exploded, one file per tile</source>
      <translation>Explodiert, eine Datei pro Kachel</translation>
    </message>
    <message>
      <location filename="../processing_provider/export_parameters.py" line="22" />
      <source>Level ids</source>
      <translation>Stufen-IDs</translation>
    </message>
    <message>
      <location filename="../processing_provider/export_parameters.py" line="22" />
      <source>Resolutions</source>
      <translation>Auflösungen</translation>
    </message>
    <message>
      <location filename="../processing_provider/export_parameters.py" line="23" />
      <source>Scales</source>
      <translation>Maßstäbe</translation>
    </message>
    <message>
      <location filename="../processing_provider/export_parameters.py" line="27" />
      <source>Automatic</source>
      <translation>Automatisch</translation>
    </message>
    <message>
      <location filename="../processing_provider/export_parameters.py" line="28" />
      <source>Server job (exportTiles)</source>
      <translation>Job des Servers (exportTiles)</translation>
    </message>
    <message>
      <location filename="../processing_provider/export_parameters.py" line="29" />
      <source>Fetch the tiles here</source>
      <translation>Kacheln hier abrufen</translation>
    </message>
    <message>
      <location filename="../processing_provider/export_parameters.py" line="55" />
      <source>A cache folder or its conf.xml, a .tpk or .tpkx, or the URL of an ArcGIS MapServer or ImageServer with cached tiles.</source>
      <translation>Ein Cache-Ordner oder seine conf.xml, ein .tpk oder .tpkx, oder die URL eines ArcGIS-MapServers oder -ImageServers mit gecachten Kacheln.</translation>
    </message>
    <message>
      <location filename="../processing_provider/export_parameters.py" line="62" />
      <source>Storage format (storageFormatType)</source>
      <translation>Speicherformat (storageFormatType)</translation>
    </message>
    <message>
      <location filename="../processing_provider/export_parameters.py" line="65" />
      <source>Checked (true): a .tpkx (Compact V2) or .tpk (Compact V1) file. Unchecked (false): a cache folder (conf.xml, conf.cdi, _alllayers).</source>
      <translation>Angehakt (true): eine .tpkx- (Compact V2) oder .tpk-Datei (Compact V1). Nicht angehakt (false): ein Cache-Ordner (conf.xml, conf.cdi, _alllayers).</translation>
    </message>
    <message>
      <location filename="../processing_provider/export_parameters.py" line="68" />
      <source>Extent to export (exportExtent)</source>
      <translation>Zu exportierende Ausdehnung (exportExtent)</translation>
    </message>
    <message>
      <location filename="../processing_provider/export_parameters.py" line="82" />
      <source>Level ids, scales or resolutions as 'Levels are given as' says, in lists and ranges; empty: every level holding tiles.</source>
      <translation>Stufen-IDs, Maßstäbe oder Auflösungen, wie „Stufen angegeben als“ es sagt, in Listen und Bereichen; leer: jede Stufe mit Kacheln.</translation>
    </message>
    <message>
      <location filename="../processing_provider/export_parameters.py" line="87" />
      <source>A polygon layer, or an Esri JSON FeatureSet typed in; it supersedes the extent.</source>
      <translation>Ein Polygonlayer oder ein eingegebenes Esri-JSON-FeatureSet; es ersetzt die Ausdehnung.</translation>
    </message>
    <message>
      <location filename="../processing_provider/export_parameters.py" line="142" />
      <source>A new cache folder, or an existing cache folder to merge the tiles into (its other tiles are kept); with 'Write a tile package' checked, a .tpkx or .tpk file, named with that extension.</source>
      <translation>Ein neuer Cache-Ordner oder ein bestehender Cache-Ordner, in den die Kacheln eingefügt werden (seine übrigen Kacheln bleiben); mit „Kachelpaket schreiben“ eine .tpkx- oder .tpk-Datei, mit dieser Endung benannt.</translation>
    </message>
    <message>
      <location filename="../processing_provider/export_parameters.py" line="52" />
      <source>Cache, package or service URL</source>
      <translation>Cache, Paket oder Dienst-URL</translation>
    </message>
    <message>
      <location filename="../processing_provider/export_parameters.py" line="53" />
      <source>Tile caches, packages, MBTiles and GeoPackages (conf.xml *.tpk *.tpkx *.mbtiles *.gpkg *.TPK *.TPKX)</source>
      <translation>Kachel-Caches, Kachelpakete, MBTiles und GeoPackages (conf.xml *.tpk *.tpkx *.mbtiles *.gpkg *.TPK *.TPKX)</translation>
    </message>
    <message>
      <location filename="../processing_provider/export_parameters.py" line="64" />
      <source>Write a tile package (tilePackage)</source>
      <translation>Kachelpaket schreiben (tilePackage)</translation>
    </message>
    <message>
      <location filename="../processing_provider/export_parameters.py" line="72" />
      <source>JPEG tiles are re-encoded at the JPEG quality; a tile is kept as it is when that is not smaller.</source>
      <translation>JPEG-Kacheln werden mit der JPEG-Qualität neu kodiert; eine Kachel bleibt unverändert, wenn sie dadurch nicht kleiner wird.</translation>
    </message>
    <message>
      <location filename="../processing_provider/export_parameters.py" line="77" />
      <source>0-100, default 75; used when JPEG tiles are recompressed or rendered.</source>
      <translation>0-100, Standard 75; gilt, wenn JPEG-Kacheln neu komprimiert oder gerendert werden.</translation>
    </message>
    <message>
      <location filename="../processing_provider/export_parameters.py" line="79" />
      <source>Levels are given as (exportBy)</source>
      <translation>Stufen angegeben als (exportBy)</translation>
    </message>
    <message>
      <location filename="../processing_provider/export_parameters.py" line="81" />
      <source>Levels, e.g. 1,2,3 or 0-7 (levels)</source>
      <translation>Stufen, z. B. 1,2,3 oder 0-7 (levels)</translation>
    </message>
    <message>
      <location filename="../processing_provider/export_parameters.py" line="85" />
      <source>Area of interest (areaOfInterest)</source>
      <translation>Interessenbereich (areaOfInterest)</translation>
    </message>
    <message>
      <location filename="../processing_provider/export_parameters.py" line="95" />
      <source>The token of a secured ArcGIS service.</source>
      <translation>Das Token eines gesicherten ArcGIS-Dienstes.</translation>
    </message>
    <message>
      <location filename="../processing_provider/export_parameters.py" line="98" />
      <source>A QGIS authentication configuration for a secured service; a username and password are turned into a token.</source>
      <translation>Eine QGIS-Authentifizierungskonfiguration für einen gesicherten Dienst; Benutzername und Passwort werden in ein Token umgewandelt.</translation>
    </message>
    <message>
      <location filename="../processing_provider/export_parameters.py" line="106" />
      <source>Requests to the service at a time</source>
      <translation>Gleichzeitige Anfragen an den Dienst</translation>
    </message>
    <message>
      <location filename="../processing_provider/export_parameters.py" line="111" />
      <source>How the tiles of a service are taken offline. Automatic: the service's own exportTiles job when a package is written and the service allows it, else the tiles are fetched here, tile by tile.</source>
      <translation>Wie die Kacheln eines Dienstes offline genommen werden. Automatisch: der eigene exportTiles-Job des Dienstes, wenn ein Paket geschrieben wird und der Dienst es erlaubt, sonst werden die Kacheln hier Kachel für Kachel abgerufen.</translation>
    </message>
    <message>
      <location filename="../processing_provider/export_parameters.py" line="122" />
      <source>The most tiles the export may hold, checked before anything is written; 0: no limit.</source>
      <translation>Die höchste Zahl an Kacheln, die der Export enthalten darf, geprüft bevor etwas geschrieben wird; 0: keine Grenze.</translation>
    </message>
    <message>
      <location filename="../processing_provider/export_parameters.py" line="130" />
      <source>Empty: this machine; local:N: N worker processes here; tcp://host:8786: a running scheduler.</source>
      <translation>Leer: dieser Rechner; local:N: N Worker-Prozesse hier; tcp://host:8786: ein laufender Scheduler.</translation>
    </message>
    <message>
      <location filename="../processing_provider/export_parameters.py" line="138" />
      <source>Output cache folder or package</source>
      <translation>Ausgabe-Cache-Ordner oder -Paket</translation>
    </message>
    <message>
      <location filename="../processing_provider/export_parameters.py" line="70" />
      <source>Recompress JPEG tiles</source>
      <translation>JPEG neu komprimieren</translation>
    </message>
    <message>
      <location filename="../processing_provider/export_parameters.py" line="75" />
      <source>JPEG quality, 0-100</source>
      <translation>JPEG-Qualität, 0-100</translation>
    </message>
    <message>
      <location filename="../processing_provider/export_parameters.py" line="94" />
      <source>Service token (token)</source>
      <translation>Dienst-Token (token)</translation>
    </message>
    <message>
      <location filename="../processing_provider/export_parameters.py" line="97" />
      <source>Service authentication</source>
      <translation>Authentifizierung des Dienstes</translation>
    </message>
    <message>
      <location filename="../processing_provider/export_parameters.py" line="110" />
      <source>Service export method</source>
      <translation>Exportmethode des Dienstes</translation>
    </message>
    <message>
      <location filename="../processing_provider/export_parameters.py" line="119" />
      <source>Tile limit (maxExportTilesCount)</source>
      <translation>Kachelgrenze (maxExportTilesCount)</translation>
    </message>
    <message>
      <location filename="../processing_provider/export_parameters.py" line="129" />
      <source>Dask cluster (CLUSTER)</source>
      <translation>Dask-Cluster (CLUSTER)</translation>
    </message>
    <message>
      <location filename="../processing_provider/export_parameters.py" line="139" />
      <source>Cache folder, no extension (*);;Compact V2 tile package (*.tpkx);;Compact V1 tile package (*.tpk);;MBTiles (*.mbtiles);;GeoPackage (*.gpkg)</source>
      <translation>Cache-Ordner, ohne Endung (*);;Compact-V2-Kachelpaket (*.tpkx);;Compact-V1-Kachelpaket (*.tpk);;MBTiles (*.mbtiles);;GeoPackage (*.gpkg)</translation>
    </message>
    <message>
      <location filename="../processing_provider/export_request.py" line="79" />
      <source>storageFormatType: a tile package holds Compact V2 (.tpkx) or Compact V1 (.tpk) bundles; esriMapCacheStorageModeExploded needs tilePackage=false</source>
      <translation>storageFormatType: Ein Kachelpaket enthält Compact-V2- (.tpkx) oder Compact-V1-Bundles (.tpk); esriMapCacheStorageModeExploded erfordert tilePackage=false</translation>
    </message>
    <message>
      <location filename="../processing_provider/export_request.py" line="102" />
      <source>INPUT: no tile cache or tile package given</source>
      <translation>INPUT: Weder Kachel-Cache noch Kachelpaket angegeben</translation>
    </message>
    <message>
      <location filename="../processing_provider/export_request.py" line="118" />
      <source>OUTPUT: no output path given</source>
      <translation>OUTPUT: Kein Ausgabepfad angegeben</translation>
    </message>
    <message>
      <location filename="../processing_provider/export_request.py" line="104" />
      <source>{path}: no such file or folder</source>
      <translation>{path}: Datei oder Ordner nicht gefunden</translation>
    </message>
    <message>
      <location filename="../processing_provider/geometry_values.py" line="94" />
      <source>{name}: unsupported value {value}</source>
      <translation>{name}: Wert {value} wird nicht unterstützt</translation>
    </message>
    <message>
      <location filename="../processing_provider/geometry_values.py" line="106" />
      <source>Cancelled by the user; nothing was written.</source>
      <translation>Vom Benutzer abgebrochen; es wurde nichts geschrieben.</translation>
    </message>
    <message>
      <location filename="../processing_provider/geometry_values.py" line="32" />
      <source>{name}: the extent is empty</source>
      <translation>{name}: Die Ausdehnung ist leer</translation>
    </message>
    <message>
      <location filename="../processing_provider/geometry_values.py" line="59" />
      <source>{name}: "{value}" is not an extent (xmin,xmax,ymin,ymax [EPSG:n], a REST envelope in JSON, or a layer)</source>
      <translation>{name}: „{value}“ ist keine Ausdehnung (xmin,xmax,ymin,ymax [EPSG:n], eine REST-Hülle in JSON oder ein Layer)</translation>
    </message>
    <message>
      <location filename="../processing_provider/geometry_values.py" line="101" />
      <source>{name}: the layer must hold polygons</source>
      <translation>{name}: Der Layer muss Polygone enthalten</translation>
    </message>
    <message>
      <location filename="../processing_provider/geometry_values.py" line="112" />
      <source>{name}: the layer holds no polygons</source>
      <translation>{name}: Der Layer enthält keine Polygone</translation>
    </message>
    <message>
      <location filename="../processing_provider/geometry_values.py" line="116" />
      <source>{name}: the polygons have no area</source>
      <translation>{name}: Die Polygone haben keine Fläche</translation>
    </message>
    <message>
      <location filename="../processing_provider/geometry_values.py" line="90" />
      <source>{name}: "{value}" is neither a polygon layer nor Esri JSON</source>
      <translation>{name}: „{value}“ ist weder ein Polygonlayer noch Esri-JSON</translation>
    </message>
    <message>
      <location filename="../processing_provider/import_algorithm.py" line="128" />
      <source>Import tiles</source>
      <translation>Kacheln importieren</translation>
    </message>
    <message>
      <location filename="../processing_provider/import_algorithm.py" line="68" />
      <source>sourceItemId: the package is the cache itself; nothing to import</source>
      <translation>sourceItemId: Das Paket ist der Cache selbst; nichts zu importieren</translation>
    </message>
    <message>
      <location filename="../processing_provider/import_algorithm.py" line="108" />
      <source>No tile was imported.</source>
      <translation>Keine Kachel wurde importiert.</translation>
    </message>
    <message>
      <location filename="../processing_provider/import_algorithm.py" line="169" />
      <source>sourceItemId may also be an MBTiles file, a GeoPackage or an XYZ folder (/data/tiles or /data/tiles/{z}/{x}/{y}.png); its tiles go in through the same import, all or nothing, under the cache's lock.</source>
      <translation>sourceItemId kann auch eine MBTiles-Datei, ein GeoPackage oder ein XYZ-Ordner sein (/data/tiles oder /data/tiles/{z}/{x}/{y}.png); seine Kacheln kommen über denselben Import hinein, ganz oder gar nicht, unter der Sperre des Caches.</translation>
    </message>
    <message>
      <location filename="../processing_provider/import_algorithm.py" line="177" />
      <source>The cache folder or its conf.xml; Compact V2, Compact V1 or exploded.</source>
      <translation>Der Cache-Ordner oder seine conf.xml; Compact V2, Compact V1 oder explodiert.</translation>
    </message>
    <message>
      <location filename="../processing_provider/import_algorithm.py" line="182" />
      <source>A .tpkx or .tpk (a cache folder works too) with the cache's tiling scheme.</source>
      <translation>Ein .tpkx oder .tpk (ein Cache-Ordner geht auch) mit dem Kachelschema des Caches.</translation>
    </message>
    <message>
      <location filename="../processing_provider/import_algorithm.py" line="185" />
      <source>Only the package's bundles that intersect this extent are imported.</source>
      <translation>Nur die Bundles des Pakets, die diese Ausdehnung schneiden, werden importiert.</translation>
    </message>
    <message>
      <location filename="../processing_provider/import_algorithm.py" line="188" />
      <source>The cache's level ids to import, as lists and ranges ('1,2,3', '0-7'); empty: every level of the package.</source>
      <translation>Die Stufen-IDs des Caches, die importiert werden, als Listen und Bereiche („1,2,3“, „0-7“); leer: jede Stufe des Pakets.</translation>
    </message>
    <message>
      <location filename="../processing_provider/import_algorithm.py" line="201" />
      <source>A polygon layer, or an Esri JSON FeatureSet typed in: only tiles sharing area with it are imported.</source>
      <translation>Ein Polygonlayer oder ein eingegebenes Esri-JSON-FeatureSet: nur Kacheln, die eine Fläche mit ihm teilen, werden importiert.</translation>
    </message>
    <message>
      <location filename="../processing_provider/import_algorithm.py" line="204" />
      <source>Tile cache</source>
      <translation>Kachel-Cache</translation>
    </message>
    <message>
      <location filename="../processing_provider/import_algorithm.py" line="205" />
      <source>Response (REST importTiles)</source>
      <translation>Antwort (REST importTiles)</translation>
    </message>
    <message>
      <location filename="../processing_provider/import_algorithm.py" line="206" />
      <source>Tiles imported</source>
      <translation>Importierte Kacheln</translation>
    </message>
    <message>
      <location filename="../processing_provider/import_algorithm.py" line="208" />
      <source>Tiles kept because replaceTiles is false</source>
      <translation>Behaltene Kacheln, da replaceTiles false ist</translation>
    </message>
    <message>
      <location filename="../processing_provider/import_algorithm.py" line="210" />
      <source>Import report (HTML, with f=html)</source>
      <translation>Importbericht (HTML, mit f=html)</translation>
    </message>
    <message>
      <location filename="../processing_provider/import_algorithm.py" line="39" />
      <source>{name}: no path given</source>
      <translation>{name}: Kein Pfad angegeben</translation>
    </message>
    <message>
      <location filename="../processing_provider/import_algorithm.py" line="103" />
      <source>Imported {imported} tiles into {bundles} bundles at levels {levels}.</source>
      <translation>{imported} Kacheln in {bundles} Bundles der Stufen {levels} importiert.</translation>
    </message>
    <message>
      <location filename="../processing_provider/import_algorithm.py" line="112" />
      <source>{skipped} tiles of the package were not imported: the cache has tiles there and replaceTiles is false.</source>
      <translation>{skipped} Kacheln des Pakets wurden nicht importiert: der Cache hat dort Kacheln und replaceTiles ist false.</translation>
    </message>
    <message>
      <location filename="../processing_provider/import_algorithm.py" line="161" />
      <source>Examples (qgis_process run tilepackage:importtiles -- ...):
Fill the gaps of a cache from a package: INPUT=/data/cache sourceItemId=/tmp/redlands.tpkx replaceTiles=false
Levels 3-5 of the bundles around Redlands (REST example): INPUT=/data/cache sourceItemId=/tmp/redlands.tpkx levels=3-5 'extent={"xmin":-13051380,"ymin":4030276,"xmax":-13037288,"ymax":4041136,"spatialReference":{"wkid":102100}}'
Each package bundle replaces the cache's: mergeBundle=false</source>
      <translation>Beispiele (qgis_process run tilepackage:importtiles -- ...):
Die Lücken eines Caches aus einem Paket füllen: INPUT=/data/cache sourceItemId=/tmp/redlands.tpkx replaceTiles=false
Stufen 3-5 der Bundles um Redlands (REST-Beispiel): INPUT=/data/cache sourceItemId=/tmp/redlands.tpkx levels=3-5 'extent={"xmin":-13051380,"ymin":4030276,"xmax":-13037288,"ymax":4041136,"spatialReference":{"wkid":102100}}'
Jedes Bundle des Pakets ersetzt das des Caches: mergeBundle=false</translation>
    </message>
    <message>
      <location filename="../processing_provider/import_algorithm.py" line="176" />
      <source>Tile cache to import into</source>
      <translation>Kachel-Cache, in den importiert wird</translation>
    </message>
    <message>
      <location filename="../processing_provider/import_algorithm.py" line="176" />
      <source>Tile cache configuration (conf.xml)</source>
      <translation>Kachel-Cache-Konfiguration (conf.xml)</translation>
    </message>
    <message>
      <location filename="../processing_provider/import_algorithm.py" line="179" />
      <source>Package to import (sourceItemId)</source>
      <translation>Zu importierendes Paket (sourceItemId)</translation>
    </message>
    <message>
      <location filename="../processing_provider/import_algorithm.py" line="180" />
      <source>Tile packages, MBTiles and GeoPackages (*.tpkx *.tpk *.mbtiles *.gpkg *.TPKX *.TPK)</source>
      <translation>Kachelpakete, MBTiles und GeoPackages (*.tpkx *.tpk *.mbtiles *.gpkg *.TPKX *.TPK)</translation>
    </message>
    <message>
      <location filename="../processing_provider/import_algorithm.py" line="184" />
      <source>Bundles intersecting (extent)</source>
      <translation>Bundles, die schneiden (extent)</translation>
    </message>
    <message>
      <location filename="../processing_provider/import_algorithm.py" line="187" />
      <source>Cache levels, e.g. 0-7 (levels)</source>
      <translation>Cache-Stufen, z. B. 0-7 (levels)</translation>
    </message>
    <message>
      <location filename="../processing_provider/import_algorithm.py" line="192" />
      <source>Tiles are merged into the cache's bundles; unchecked (false): each package bundle replaces the cache's bundle of the same name.</source>
      <translation>Kacheln werden in die Bundles des Caches eingefügt; nicht angehakt (false): jedes Bundle des Pakets ersetzt das gleichnamige Bundle des Caches.</translation>
    </message>
    <message>
      <location filename="../processing_provider/import_algorithm.py" line="196" />
      <source>Package tiles replace tiles the cache already has; unchecked (false): only gaps are filled.</source>
      <translation>Kacheln des Pakets ersetzen Kacheln, die der Cache schon hat; nicht angehakt (false): nur Lücken werden gefüllt.</translation>
    </message>
    <message>
      <location filename="../processing_provider/import_algorithm.py" line="131" />
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
      <translation>Führt die Kacheln eines Kachelpakets mit einem vorhandenen Esri-Kachel-Cache zusammen, wie die ArcGIS-REST-Operation importTiles; Parameternamen und -werte sind die von REST.

INPUT: der Cache, der die Kacheln aufnimmt: sein Ordner oder seine conf.xml (Speicherung Compact V2, Compact V1 oder explodiert).
sourceItemId: das .tpkx oder .tpk (ein Cache-Ordner geht auch). Sein Kachelschema muss zu dem des Caches passen: Raumbezug, Kachelursprung, Kachelgröße, und die Auflösung jeder Stufe muss eine der LODs des Caches sein. Stufen-IDs dürfen abweichen: Die Kacheln landen in der Cache-Stufe gleicher Auflösung.
extent: wählt wie REST die Bundles des Pakets, die diese Ausdehnung schneiden (ganze Bundles zu 128 x 128 Kacheln); Formen: 'minx,miny,maxx,maxy' im Raumbezug des Caches, das REST-JSON-Extent mit spatialReference oder die QGIS-Form 'xmin,xmax,ymin,ymax [EPSG:n]'. Für kachelgenaues Zuschneiden areaOfInterest verwenden.
levels: die zu importierenden Stufen-IDs des Caches, als Listen und Bereiche ('1,2,3', '0-7'); leer = jede Stufe des Pakets. Eine Stufe jenseits der LODs des Caches schlägt fehl mit 'Specified level id "N" is not within the min and max scale range.'; sind levels angegeben, werden Paketstufen außerhalb davon einfach ausgelassen.
mergeBundle (Standard true): Die Kacheln werden in die Bundles des Caches eingefügt, wobei die Kacheln erhalten bleiben, die das Paket nicht hat; false: Jedes Bundle des Pakets ersetzt das gleichnamige Bundle des Caches. Explodierte Caches haben keine Bundle-Dateien: Ihre Kacheln werden immer einzeln geschrieben.
replaceTiles (Standard true): Beim Zusammenführen ersetzen Paketkacheln die Kacheln, die der Cache schon hat; false füllt nur Lücken.
areaOfInterest (wie „Kachel-Cache importieren“ in ArcGIS Pro): ein Polygonlayer oder ein Esri-JSON-FeatureSet; nur Kacheln, die Fläche mit ihm teilen, werden importiert.
f: json- (Standard), pjson- oder html-Form (ein Bericht) von RESPONSE.

Nichts wird halb geschrieben: Neue Bundles werden neben den alten vorbereitet und erst an ihren Platz umbenannt, wenn alle fertig sind; ein Fehler oder Abbruch lässt den Cache unverändert, und nach einem Absturz vollendet derselbe Import, erneut gestartet, die Arbeit. Importe in denselben Cache warten aufeinander. Ein Paket in einem anderen Bildformat (PNG in JPEG) wird mit einer Warnung importiert, und der Cache wird als MIXED vermerkt.</translation>
    </message>
    <message>
      <location filename="../processing_provider/import_algorithm.py" line="191" />
      <source>Merge bundles (mergeBundle)</source>
      <translation>Bundles zusammenführen (mergeBundle)</translation>
    </message>
    <message>
      <location filename="../processing_provider/import_algorithm.py" line="195" />
      <source>Replace existing tiles (replaceTiles)</source>
      <translation>Vorhandene Kacheln ersetzen (replaceTiles)</translation>
    </message>
    <message>
      <location filename="../processing_provider/map_tile_input.py" line="62" />
      <source>Drawn with their styles and labels, the first on top. Empty: the project's visible layers. A layer given by path gets the style stored with it.</source>
      <translation>Mit ihren Stilen und Beschriftungen gezeichnet, der erste oben. Leer: die sichtbaren Layer des Projekts. Ein als Pfad angegebener Layer erhält den mit ihm gespeicherten Stil.</translation>
    </message>
    <message>
      <location filename="../processing_provider/map_tile_input.py" line="67" />
      <source>ONLINE: ArcGIS Online / Bing Maps / Google Maps Web Mercator. EXISTING: the scheme of the cache, package or tiling-scheme XML given as service_file.</source>
      <translation>ONLINE: Web Mercator von ArcGIS Online / Bing Maps / Google Maps. EXISTING: das Schema des Caches, Pakets oder Kachelschema-XML in service_file.</translation>
    </message>
    <message>
      <location filename="../processing_provider/map_tile_input.py" line="72" />
      <source>Used with service_type EXISTING.</source>
      <translation>Mit service_type EXISTING verwendet.</translation>
    </message>
    <message>
      <location filename="../processing_provider/map_tile_input.py" line="73" />
      <source>From level (min_level_of_detail)</source>
      <translation>Von Stufe (min_level_of_detail)</translation>
    </message>
    <message>
      <location filename="../processing_provider/map_tile_input.py" line="74" />
      <source>To level (level_of_detail)</source>
      <translation>Bis Stufe (level_of_detail)</translation>
    </message>
    <message>
      <location filename="../processing_provider/map_tile_input.py" line="80" />
      <source>Empty: the layers' extent.</source>
      <translation>Leer: die Ausdehnung der Layer.</translation>
    </message>
    <message>
      <location filename="../processing_provider/map_tile_input.py" line="84" />
      <source>PNG: 8, 24 or 32 bits, whichever holds the tile's colours; MIXED: JPEG where a tile is opaque, PNG elsewhere.</source>
      <translation>PNG: 8, 24 oder 32 Bit, je nachdem, was die Farben der Kachel brauchen; MIXED: JPEG, wo eine Kachel deckend ist, sonst PNG.</translation>
    </message>
    <message>
      <location filename="../processing_provider/map_tile_input.py" line="90" />
      <source>A .tpkx or .tpk file; a name without extension gets package_type's. An existing cache folder (with a conf.xml) gets the tiles merged in, its other tiles kept.</source>
      <translation>Eine .tpkx- oder .tpk-Datei; ein Name ohne Endung erhält die von package_type. Ein vorhandener Cache-Ordner (mit conf.xml) erhält die Kacheln eingefügt, seine übrigen Kacheln bleiben.</translation>
    </message>
    <message>
      <location filename="../processing_provider/map_tile_input.py" line="172" />
      <source>service_file: QGIS does not know the tiling scheme's coordinate reference system</source>
      <translation>service_file: QGIS kennt das Koordinatenbezugssystem des Kachelschemas nicht</translation>
    </message>
    <message>
      <location filename="../processing_provider/map_tile_input.py" line="185" />
      <source>in_map: the layers have no extent in the tiling scheme's coordinate reference system</source>
      <translation>in_map: die Layer haben keine Ausdehnung im Koordinatenbezugssystem des Kachelschemas</translation>
    </message>
    <message>
      <location filename="../processing_provider/map_tile_input.py" line="210" />
      <source>service_file: service_type EXISTING needs the cache, package or XML whose tiling scheme to use</source>
      <translation>service_file: service_type EXISTING braucht den Cache, das Paket oder das XML, dessen Kachelschema verwendet werden soll</translation>
    </message>
    <message>
      <location filename="../processing_provider/map_tile_input.py" line="225" />
      <source>output_file: no output path given</source>
      <translation>output_file: kein Ausgabepfad angegeben</translation>
    </message>
    <message>
      <location filename="../processing_provider/map_tile_input.py" line="60" />
      <source>Map: layers to render (in_map)</source>
      <translation>Karte: zu zeichnende Layer (in_map)</translation>
    </message>
    <message>
      <location filename="../processing_provider/map_tile_input.py" line="65" />
      <source>Tiling scheme (service_type)</source>
      <translation>Kachelschema (service_type)</translation>
    </message>
    <message>
      <location filename="../processing_provider/map_tile_input.py" line="70" />
      <source>Tiling scheme from (service_file)</source>
      <translation>Kachelschema aus (service_file)</translation>
    </message>
    <message>
      <location filename="../processing_provider/map_tile_input.py" line="71" />
      <source>Tiling schemes (conf.xml root.json *.tpk *.tpkx *.xml);;All files (*)</source>
      <translation>Kachelschemata (conf.xml root.json *.tpk *.tpkx *.xml);;Alle Dateien (*)</translation>
    </message>
    <message>
      <location filename="../processing_provider/map_tile_input.py" line="79" />
      <source>Extent (extent)</source>
      <translation>Ausdehnung (extent)</translation>
    </message>
    <message>
      <location filename="../processing_provider/map_tile_input.py" line="82" />
      <source>Tile format (format_type)</source>
      <translation>Kachelformat (format_type)</translation>
    </message>
    <message>
      <location filename="../processing_provider/map_tile_input.py" line="87" />
      <source>Output tile package (output_file)</source>
      <translation>Ausgabe-Kachelpaket (output_file)</translation>
    </message>
    <message>
      <location filename="../processing_provider/map_tile_input.py" line="96" />
      <source>Package type (package_type)</source>
      <translation>Pakettyp (package_type)</translation>
    </message>
    <message>
      <location filename="../processing_provider/map_tile_input.py" line="101" />
      <source>1-100, for JPEG and MIXED tiles.</source>
      <translation>1-100, für JPEG- und MIXED-Kacheln.</translation>
    </message>
    <message>
      <location filename="../processing_provider/map_tile_input.py" line="105" />
      <source>Polygons: only tiles sharing area with them are drawn; supersedes the extent.</source>
      <translation>Polygone: nur Kacheln, die Fläche mit ihnen teilen, werden gezeichnet; ersetzt die Ausdehnung.</translation>
    </message>
    <message>
      <location filename="../processing_provider/map_tile_input.py" line="112" />
      <source>Empty: the tiling scheme's DPI.</source>
      <translation>Leer: die DPI des Kachelschemas.</translation>
    </message>
    <message>
      <location filename="../processing_provider/map_tile_input.py" line="114" />
      <source>Antialiasing</source>
      <translation>Kantenglättung</translation>
    </message>
    <message>
      <location filename="../processing_provider/map_tile_input.py" line="117" />
      <source>Empty: transparent, and white for JPEG tiles.</source>
      <translation>Leer: transparent, bei JPEG-Kacheln weiß.</translation>
    </message>
    <message>
      <location filename="../processing_provider/map_tile_input.py" line="121" />
      <source>The most tile slots the chosen levels and extent may hold, checked before anything is drawn; 0: no limit.</source>
      <translation>Die meisten Kachelplätze, die die gewählten Stufen und die Ausdehnung enthalten dürfen, geprüft, bevor etwas gezeichnet wird; 0: kein Limit.</translation>
    </message>
    <message>
      <location filename="../processing_provider/map_tile_input.py" line="125" />
      <source>Report the tile slots and an upper bound of the package size, and stop.</source>
      <translation>Die Kachelplätze und eine obere Grenze der Paketgröße melden und anhalten.</translation>
    </message>
    <message>
      <location filename="../processing_provider/map_tile_input.py" line="88" />
      <source>Tile package (*.tpkx);;Tile package, ArcGIS 10 (*.tpk);;Existing cache folder to merge into (*)</source>
      <translation>Kachelpaket (*.tpkx);;Kachelpaket, ArcGIS 10 (*.tpk);;Vorhandener Cache-Ordner zum Einfügen (*)</translation>
    </message>
    <message>
      <location filename="../processing_provider/map_tile_input.py" line="99" />
      <source>JPEG quality (compression_quality)</source>
      <translation>JPEG-Qualität (compression_quality)</translation>
    </message>
    <message>
      <location filename="../processing_provider/map_tile_input.py" line="103" />
      <source>Area of interest (area_of_interest)</source>
      <translation>Interessenbereich (area_of_interest)</translation>
    </message>
    <message>
      <location filename="../processing_provider/map_tile_input.py" line="109" />
      <source>Empty: from the project's metadata.</source>
      <translation>Leer: aus den Metadaten des Projekts.</translation>
    </message>
    <message>
      <location filename="../processing_provider/map_tile_input.py" line="111" />
      <source>DPI</source>
      <translation>DPI</translation>
    </message>
    <message>
      <location filename="../processing_provider/map_tile_input.py" line="116" />
      <source>Background colour</source>
      <translation>Hintergrundfarbe</translation>
    </message>
    <message>
      <location filename="../processing_provider/map_tile_input.py" line="119" />
      <source>Tile limit</source>
      <translation>Kachellimit</translation>
    </message>
    <message>
      <location filename="../processing_provider/map_tile_input.py" line="124" />
      <source>Only estimate (draw nothing)</source>
      <translation>Nur schätzen (nichts zeichnen)</translation>
    </message>
    <message>
      <location filename="../processing_provider/map_tile_input.py" line="197" />
      <source>level_of_detail {high} must not be below min_level_of_detail {low}</source>
      <translation>level_of_detail {high} darf nicht unter min_level_of_detail {low} liegen</translation>
    </message>
    <message>
      <location filename="../processing_provider/map_tile_input.py" line="213" />
      <source>service_file: {path}: no such file or folder</source>
      <translation>service_file: {path}: Datei oder Ordner nicht gefunden</translation>
    </message>
    <message>
      <location filename="../processing_provider/map_tile_input.py" line="108" />
      <source>Package {name}</source>
      <translation>Paket: {name}</translation>
    </message>
    <message>
      <location filename="../processing_provider/map_tile_package_algorithm.py" line="37" />
      <source>Create map tile package</source>
      <translation>Kartenkachelpaket erstellen</translation>
    </message>
    <message>
      <location filename="../processing_provider/map_tile_package_algorithm.py" line="40" />
      <source>Draws a map into tiles and packs them into a tile package (.tpkx or .tpk) that ArcGIS, QGIS (this plugin) and GDAL read, like ArcGIS Pro's Create Map Tile Package; parameter names are Pro's.

Map: the layers to draw, the first on top, with their styles and labels; empty: the project's visible layers. A layer given by a file path gets the style stored with it (its default, else its first), never a random colour.
Tiling scheme: ONLINE is the Web Mercator grid of ArcGIS Online, Google and OpenStreetMap; EXISTING takes the grid of a cache, package or tiling-scheme XML (service_file), so the tiles line up with it.
Levels: from min_level_of_detail to level_of_detail (0-23). Each level has four times the tiles of the one before: the tile limit (advanced, default 100,000 tile slots) refuses a run that would hold more, before anything is drawn. 'Only estimate' reports the slots and an upper bound of the size.
Extent or area of interest: only tiles there are drawn; empty: the layers' extent.
Output: a .tpkx or .tpk file, or an existing cache folder the tiles are merged into.

A stopped run (Cancel, a crash, a power cut) keeps the finished bundles beside the output, in a folder ending in .render-journal: the same command run again draws only the rest. Delete that folder to start afresh.

Examples: qgis_process run tilepackage:createmaptilepackage --PROJECT_PATH=world.qgz -- level_of_detail=7 output_file=world.tpkx</source>
      <translation>Zeichnet eine Karte in Kacheln und packt sie in ein Kachelpaket (.tpkx oder .tpk), das ArcGIS, QGIS (dieses Plugin) und GDAL lesen, wie ArcGIS Pros Werkzeug Create Map Tile Package; die Parameternamen sind die von Pro.

Karte: die zu zeichnenden Layer, der erste oben, mit ihren Stilen und Beschriftungen; leer: die sichtbaren Layer des Projekts. Ein als Dateipfad angegebener Layer erhält den mit ihm gespeicherten Stil (seinen Standardstil, sonst den ersten), nie eine zufällige Farbe.
Kachelschema: ONLINE ist das Web-Mercator-Raster von ArcGIS Online, Google und OpenStreetMap; EXISTING übernimmt das Raster eines Caches, Pakets oder Kachelschema-XML (service_file), damit die Kacheln darauf passen.
Stufen: von min_level_of_detail bis level_of_detail (0-23). Jede Stufe hat viermal so viele Kacheln wie die vorige: das Kachellimit (erweitert, standardmäßig 100.000 Kachelplätze) lehnt einen Lauf ab, der mehr enthielte, bevor etwas gezeichnet wird. „Nur schätzen“ meldet die Kachelplätze und eine obere Grenze der Größe.
Ausdehnung oder Interessenbereich: nur Kacheln dort werden gezeichnet; leer: die Ausdehnung der Layer.
Ausgabe: eine .tpkx- oder .tpk-Datei, oder ein vorhandener Cache-Ordner, in den die Kacheln eingefügt werden.

Ein angehaltener Lauf (Abbrechen, ein Absturz, ein Stromausfall) behält die fertigen Bundles neben der Ausgabe, in einem Ordner mit der Endung .render-journal: derselbe Befehl zeichnet erneut gestartet nur den Rest. Löschen Sie diesen Ordner, um neu zu beginnen.

Examples: qgis_process run tilepackage:createmaptilepackage --PROJECT_PATH=world.qgz -- level_of_detail=7 output_file=world.tpkx</translation>
    </message>
    <message>
      <location filename="../processing_provider/map_tile_package_algorithm.py" line="67" />
      <source>Tiles written</source>
      <translation>Geschriebene Kacheln</translation>
    </message>
    <message>
      <location filename="../processing_provider/map_tile_package_algorithm.py" line="68" />
      <source>Tile slots</source>
      <translation>Kachelplätze</translation>
    </message>
    <message>
      <location filename="../processing_provider/map_tile_package_algorithm.py" line="70" />
      <source>Upper bound of the size, in bytes</source>
      <translation>Obere Grenze der Größe, in Bytes</translation>
    </message>
    <message>
      <location filename="../processing_provider/map_tile_package_algorithm.py" line="71" />
      <source>Summary</source>
      <translation>Zusammenfassung</translation>
    </message>
    <message>
      <location filename="../processing_provider/map_tile_package_algorithm.py" line="85" />
      <source>in_map: no layers to render: choose layers, or open a project with visible layers</source>
      <translation>in_map: keine Layer zu zeichnen: wählen Sie Layer, oder öffnen Sie ein Projekt mit sichtbaren Layern</translation>
    </message>
    <message>
      <location filename="../processing_provider/map_tile_package_algorithm.py" line="90" />
      <source>{slots} tile slots in {bundles} bundles of levels {levels}; at most {mib:.0f} MiB</source>
      <translation>{slots} Kachelplätze in {bundles} Bundles der Stufen {levels}; höchstens {mib:.0f} MiB</translation>
    </message>
    <message>
      <location filename="../processing_provider/parameters.py" line="53" />
      <source>REST values: {values}</source>
      <translation>REST-Werte: {values}</translation>
    </message>
    <message>
      <location filename="../processing_provider/parameters.py" line="66" />
      <source>Cache folders and all files</source>
      <translation>Cache-Ordner und alle Dateien</translation>
    </message>
    <message>
      <location filename="../processing_provider/responses.py" line="16" />
      <source>JSON</source>
      <translation>JSON</translation>
    </message>
    <message>
      <location filename="../processing_provider/responses.py" line="16" />
      <source>Indented JSON</source>
      <translation>Eingerücktes JSON</translation>
    </message>
    <message>
      <location filename="../processing_provider/responses.py" line="17" />
      <source>HTML report</source>
      <translation>HTML-Bericht</translation>
    </message>
    <message>
      <location filename="../processing_provider/responses.py" line="19" />
      <source>Response format (f)</source>
      <translation>Antwortformat (f)</translation>
    </message>
    <message>
      <location filename="../processing_provider/values.py" line="72" />
      <source>{name}: "{value}" is not one of {allowed}</source>
      <translation>{name}: „{value}“ ist keiner der Werte {allowed}</translation>
    </message>
    <message>
      <location filename="../processing_provider/values.py" line="83" />
      <source>{name}: "{value}" is neither true nor false (true/false, yes/no, on/off, 1/0)</source>
      <translation>{name}: „{value}“ ist weder wahr noch falsch (true/false, yes/no, on/off, 1/0)</translation>
    </message>
    <message>
      <location filename="../processing_provider/values.py" line="98" />
      <source>{name}: "{value}" is not a whole number</source>
      <translation>{name}: „{value}“ ist keine ganze Zahl</translation>
    </message>
    <message>
      <location filename="../plugin/map_menu.py" line="26" />
      <source>Add Tile Package Layer…</source>
      <translation>Kachelpaket-Layer hinzufügen…</translation>
    </message>
    <message>
      <location filename="../plugin/map_menu.py" line="36" />
      <source>Add Tile Package Layer</source>
      <translation>Kachelpaket-Layer hinzufügen</translation>
    </message>
    <message>
      <location filename="../plugin/map_menu.py" line="37" />
      <source>Tile packages and caches ({patterns})</source>
      <translation>Kachelpakete und Kachel-Caches ({patterns})</translation>
    </message>
    <message>
      <location filename="../plugin/source_select.py" line="48" />
      <source>Tile Package</source>
      <translation>Kachelpaket</translation>
    </message>
    <message>
      <location filename="../plugin/source_select.py" line="23" />
      <source>Tile packages (.tpkx, .tpk) or the conf.xml of cache folders, read where they are</source>
      <translation>Kachelpakete (.tpkx, .tpk) oder die conf.xml von Cache-Ordnern, gelesen, wo sie liegen</translation>
    </message>
  </context>
</TS>

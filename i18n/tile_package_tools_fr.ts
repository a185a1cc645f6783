<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr">
  <context>
    <name>TilePackageTools</name>
    <message>
      <location filename="../qgis_support/maplayer/describe.py" line="57" />
      <source>Kind</source>
      <translation>Type</translation>
    </message>
    <message>
      <location filename="../qgis_support/maplayer/describe.py" line="57" />
      <source>Levels</source>
      <translation>Niveaux</translation>
    </message>
    <message>
      <location filename="../qgis_support/maplayer/describe.py" line="58" />
      <source>Tile count</source>
      <translation>Nombre de tuiles</translation>
    </message>
    <message>
      <location filename="../qgis_support/maplayer/describe.py" line="59" />
      <source>Tiling scheme</source>
      <translation>Schéma de tuilage</translation>
    </message>
    <message>
      <location filename="../qgis_support/maplayer/describe.py" line="62" />
      <source>Tile format</source>
      <translation>Format des tuiles</translation>
    </message>
    <message>
      <location filename="../qgis_support/maplayer/describe.py" line="62" />
      <source>Storage format</source>
      <translation>Format de stockage</translation>
    </message>
    <message>
      <location filename="../qgis_support/maplayer/describe.py" line="35" />
      <source>Tags</source>
      <translation>Mots-clés</translation>
    </message>
    <message>
      <location filename="../qgis_support/maplayer/describe.py" line="54" />
      <source>Error</source>
      <translation>Erreur</translation>
    </message>
    <message>
      <location filename="../qgis_support/maplayer/describe.py" line="65" />
      <source>Tiles repaired so far (PNG signature)</source>
      <translation>Tuiles réparées jusqu'ici (signature PNG)</translation>
    </message>
    <message>
      <location filename="../qgis_support/maplayer/describe.py" line="67" />
      <source>Tiles that do not decode (coarser tiles shown)</source>
      <translation>Tuiles illisibles (tuiles moins détaillées affichées)</translation>
    </message>
    <message>
      <location filename="../qgis_support/maplayer/describe.py" line="59" />
      <source>{crs}, {width} x {height} px tiles, origin {x}, {y}</source>
      <translation>{crs}, tuiles de {width} x {height} px, origine {x}, {y}</translation>
    </message>
    <message>
      <location filename="../qgis_support/maplayer/describe.py" line="74" />
      <source>level {level} row {row} col {col}</source>
      <translation>niveau {level} ligne {row} colonne {col}</translation>
    </message>
    <message>
      <location filename="../qgis_support/maplayer/layers.py" line="64" />
      <source>Tile Package Tools</source>
      <translation>Tile Package Tools</translation>
    </message>
    <message>
      <location filename="../qgis_support/maplayer/layers.py" line="44" />
      <source>{path}: not a tile cache or package</source>
      <translation>{path} : ni un cache de tuiles ni un paquet de tuiles</translation>
    </message>
    <message>
      <location filename="../qgis_support/maplayer/provider.py" line="110" />
      <source>Tiles</source>
      <translation>Tuiles</translation>
    </message>
    <message>
      <location filename="../processing_provider/algorithm.py" line="46" />
      <source>Not enough memory to finish the operation.</source>
      <translation>Pas assez de mémoire pour terminer l'opération.</translation>
    </message>
    <message>
      <location filename="../processing_provider/algorithm.py" line="144" />
      <source>Incorrect parameter value for {name}</source>
      <translation>Valeur incorrecte pour le paramètre {name}</translation>
    </message>
    <message>
      <location filename="../processing_provider/error_text.py" line="26" />
      <source>level {level} is not in the cache</source>
      <translation>le niveau {level} n'est pas dans le cache</translation>
    </message>
    <message>
      <location filename="../processing_provider/error_text.py" line="27" />
      <source>it has levels {levels}</source>
      <translation>il a les niveaux {levels}</translation>
    </message>
    <message>
      <location filename="../processing_provider/error_text.py" line="30" />
      <source>tiles exist at levels {levels} within {box} (xmin,ymin,xmax,ymax in {sr})</source>
      <translation>des tuiles existent aux niveaux {levels} dans {box} (xmin,ymin,xmax,ymax en {sr})</translation>
    </message>
    <message>
      <location filename="../processing_provider/error_text.py" line="31" />
      <source>it holds no tiles</source>
      <translation>il ne contient aucune tuile</translation>
    </message>
    <message>
      <location filename="../processing_provider/error_text.py" line="33" />
      <source>nothing to export: no tiles of the cache lie in the chosen levels and extent</source>
      <translation>rien à exporter : aucune tuile du cache ne se trouve dans les niveaux et l'emprise choisis</translation>
    </message>
    <message>
      <location filename="../processing_provider/error_text.py" line="35" />
      <source>nothing to export: the chosen levels and extent hold no tile slot of the service</source>
      <translation>rien à exporter : les niveaux et l'emprise choisis ne contiennent aucun emplacement de tuile du service</translation>
    </message>
    <message>
      <location filename="../processing_provider/error_text.py" line="40" />
      <source>a tile cache configuration (ArcGIS conf.xml) with no tiles beside it, not a tile package: give the cache's folder, which holds conf.xml and _alllayers, or a .tpk or .tpkx</source>
      <translation>une configuration de cache de tuiles (conf.xml d'ArcGIS) sans tuiles à côté, pas un paquet de tuiles : indiquez le dossier du cache, qui contient conf.xml et _alllayers, ou un .tpk ou un .tpkx</translation>
    </message>
    <message>
      <location filename="../processing_provider/error_text.py" line="44" />
      <source>not a zip archive (tile packages are zip files)</source>
      <translation>pas une archive zip (les paquets de tuiles sont des fichiers zip)</translation>
    </message>
    <message>
      <location filename="../processing_provider/error_text.py" line="45" />
      <source>no such file or folder</source>
      <translation>fichier ou dossier introuvable</translation>
    </message>
    <message>
      <location filename="../processing_provider/error_text.py" line="47" />
      <source>not a tile cache: no conf.xml (or root.json) in this folder</source>
      <translation>pas un cache de tuiles : aucun conf.xml (ni root.json) dans ce dossier</translation>
    </message>
    <message>
      <location filename="../processing_provider/error_text.py" line="50" />
      <source>The export would hold {count} tiles, more than maxExportTilesCount ({limit}). Choose fewer levels, a smaller extent, or raise the limit.</source>
      <translation>L'export contiendrait {count} tuiles, plus que maxExportTilesCount ({limit}). Choisissez moins de niveaux, une emprise plus petite, ou augmentez la limite.</translation>
    </message>
    <message>
      <location filename="../processing_provider/error_text.py" line="54" />
      <source>{low} {a} must be less than {high} {b} (four bare numbers are REST order xmin,ymin,xmax,ymax</source>
      <translation>{low} {a} doit être inférieur à {high} {b} (quatre nombres seuls sont dans l'ordre REST xmin,ymin,xmax,ymax</translation>
    </message>
    <message>
      <location filename="../processing_provider/error_text.py" line="58" />
      <source>the QGIS order xmin,xmax,ymin,ymax needs its CRS: "xmin,xmax,ymin,ymax [EPSG:3857]")</source>
      <translation>l'ordre QGIS xmin,xmax,ymin,ymax demande son SCR : "xmin,xmax,ymin,ymax [EPSG:3857]")</translation>
    </message>
    <message>
      <location filename="../processing_provider/error_text.py" line="61" />
      <source>the output would overwrite or sit inside the source cache</source>
      <translation>la sortie écraserait le cache source ou se trouverait à l'intérieur</translation>
    </message>
    <message>
      <location filename="../processing_provider/error_text.py" line="62" />
      <source>choose another place</source>
      <translation>choisissez un autre emplacement</translation>
    </message>
    <message>
      <location filename="../processing_provider/error_text.py" line="64" />
      <source>Cancelled by the user</source>
      <translation>Annulé par l'utilisateur</translation>
    </message>
    <message>
      <location filename="../processing_provider/error_text.py" line="65" />
      <source>nothing was written.</source>
      <translation>rien n'a été écrit.</translation>
    </message>
    <message>
      <location filename="../processing_provider/error_text.py" line="68" />
      <source>the output was not written. The {kept} bundles rendered so far are kept in {folder}: the same command run again renders only the rest</source>
      <translation>la sortie n'a pas été écrite. Les {kept} bundles rendus jusqu'ici sont conservés dans {folder} : la même commande relancée ne rend que le reste</translation>
    </message>
    <message>
      <location filename="../processing_provider/error_text.py" line="72" />
      <source>the output was not written. The {kept} bundles fetched so far are kept in {folder}: the same command run again fetches only the rest</source>
      <translation>la sortie n'a pas été écrite. Les {kept} bundles téléchargés jusqu'ici sont conservés dans {folder} : la même commande relancée ne télécharge que le reste</translation>
    </message>
    <message>
      <location filename="../processing_provider/error_text.py" line="74" />
      <source>delete that folder to discard them.</source>
      <translation>supprimez ce dossier pour les abandonner.</translation>
    </message>
    <message>
      <location filename="../processing_provider/error_text.py" line="76" />
      <source>the exportTiles job's output holds no .tpk or .tpkx (files: {files})</source>
      <translation>la sortie de la tâche exportTiles ne contient aucun .tpk ni .tpkx (fichiers : {files})</translation>
    </message>
    <message>
      <location filename="../processing_provider/estimate_algorithm.py" line="35" />
      <source>Estimate export tiles size</source>
      <translation>Estimer la taille d'un export de tuiles</translation>
    </message>
    <message>
      <location filename="../processing_provider/estimate_algorithm.py" line="43" />
      <source>Examples (qgis_process run tilepackage:estimateexporttilessize -- ...):
The whole package: INPUT=/data/Usa.tpkx
Levels 0-5 inside a box in degrees: INPUT=/data/cache/conf.xml levels=0-5 'exportExtent=-100,-90,35,45 [EPSG:4326]'</source>
      <translation>Exemples (qgis_process run tilepackage:estimateexporttilessize -- ...) :
Le paquet entier : INPUT=/data/Usa.tpkx
Niveaux 0 à 5 dans un rectangle en degrés : INPUT=/data/cache/conf.xml levels=0-5 'exportExtent=-100,-90,35,45 [EPSG:4326]'</translation>
    </message>
    <message>
      <location filename="../processing_provider/estimate_algorithm.py" line="38" />
      <source>Counts the tiles an 'Export tiles' run with the same parameters would write and sums their sizes as stored in the source (before any JPEG re-encoding), like the ArcGIS REST estimateExportTilesSize operation. Nothing is written.

Parameters are exportTiles' REST parameters; see 'Export tiles' for their forms. JOB holds {"totalTilesToExport": n, "totalSize": bytes} in the form f asks.</source>
      <translation>Compte les tuiles qu'« Exporter des tuiles » écrirait avec les mêmes paramètres et additionne leurs tailles telles qu'elles sont stockées dans la source (avant tout réencodage JPEG), comme l'opération REST ArcGIS estimateExportTilesSize. Rien n'est écrit.

Les paramètres sont ceux d'exportTiles en REST ; voir « Exporter des tuiles » pour leurs formes. JOB contient {"totalTilesToExport": n, "totalSize": octets} dans la forme demandée par f.</translation>
    </message>
    <message>
      <location filename="../processing_provider/estimate_algorithm.py" line="54" />
      <source>Tiles to export</source>
      <translation>Tuiles à exporter</translation>
    </message>
    <message>
      <location filename="../processing_provider/estimate_algorithm.py" line="55" />
      <source>Size of those tiles (bytes)</source>
      <translation>Taille de ces tuiles (octets)</translation>
    </message>
    <message>
      <location filename="../processing_provider/estimate_algorithm.py" line="56" />
      <source>Estimate (REST response)</source>
      <translation>Estimation (réponse REST)</translation>
    </message>
    <message>
      <location filename="../processing_provider/estimate_algorithm.py" line="58" />
      <source>Estimate report (HTML, with f=html)</source>
      <translation>Rapport d'estimation (HTML, avec f=html)</translation>
    </message>
    <message>
      <location filename="../processing_provider/estimate_algorithm.py" line="67" />
      <source>{count} tiles, {size} bytes</source>
      <translation>{count} tuiles, {size} octets</translation>
    </message>
    <message>
      <location filename="../processing_provider/export_algorithm.py" line="46" />
      <source>Export tiles</source>
      <translation>Exporter des tuiles</translation>
    </message>
    <message>
      <location filename="../processing_provider/export_algorithm.py" line="97" />
      <source>Job (REST response)</source>
      <translation>Tâche (réponse REST)</translation>
    </message>
    <message>
      <location filename="../processing_provider/export_algorithm.py" line="98" />
      <source>Tiles exported</source>
      <translation>Tuiles exportées</translation>
    </message>
    <message>
      <location filename="../processing_provider/export_algorithm.py" line="100" />
      <source>Export report (HTML, with f=html)</source>
      <translation>Rapport d'export (HTML, avec f=html)</translation>
    </message>
    <message>
      <location filename="../processing_provider/export_algorithm.py" line="75" />
      <source>Examples (qgis_process run tilepackage:exporttiles -- ...):
A .tpkx of levels 0-7 around Redlands, JPEG re-encoded at quality 60: INPUT=/data/World_Imagery/conf.xml tilePackage=true exportBy=LevelID levels=0-7 'exportExtent={"xmin":-13051380,"ymin":4030276,"xmax":-13037288,"ymax":4041136,"spatialReference":{"wkid":102100}}' optimizeTilesForSize=true compressionQuality=60 OUTPUT=/tmp/redlands.tpkx
A Compact V1 cache folder of a polygon (REST example three): INPUT=cache.tpk storageFormatType=esriMapCacheStorageModeCompact 'areaOfInterest={"features":[{"geometry":{"rings":[[[-100,35],[-100,45],[-90,45],[-90,35],[-100,35]]],"spatialReference":{"wkid":4326}}}]}' OUTPUT=/tmp/aoi_cache
Levels by scale: exportBy=Scale levels=73957190.948944,36978595.474472</source>
      <translation>Exemples (qgis_process run tilepackage:exporttiles -- ...) :
Un .tpkx des niveaux 0 à 7 autour de Redlands, JPEG réencodé en qualité 60 : INPUT=/data/World_Imagery/conf.xml tilePackage=true exportBy=LevelID levels=0-7 'exportExtent={"xmin":-13051380,"ymin":4030276,"xmax":-13037288,"ymax":4041136,"spatialReference":{"wkid":102100}}' optimizeTilesForSize=true compressionQuality=60 OUTPUT=/tmp/redlands.tpkx
Un dossier de cache Compact V1 d'un polygone (troisième exemple REST) : INPUT=cache.tpk storageFormatType=esriMapCacheStorageModeCompact 'areaOfInterest={"features":[{"geometry":{"rings":[[[-100,35],[-100,45],[-90,45],[-90,35],[-100,35]]],"spatialReference":{"wkid":4326}}}]}' OUTPUT=/tmp/aoi_cache
Niveaux par échelle : exportBy=Scale levels=73957190.948944,36978595.474472</translation>
    </message>
    <message>
      <location filename="../processing_provider/export_algorithm.py" line="69" />
      <source>Other sources: INPUT may also be the URL of an ArcGIS MapServer or ImageServer with cached tiles (token or authcfg for a secured one; exportMethod chooses the service's own job or fetching the tiles here). To draw map layers into tiles, use Create map tile package (tilepackage:createmaptilepackage).
In the dialog, a label's tooltip gives the parameter's REST name and details.</source>
      <translation>Autres sources : INPUT peut aussi être l'URL d'un MapServer ou ImageServer ArcGIS à tuiles en cache (token ou authcfg s'il est sécurisé ; exportMethod choisit la tâche du service ou le téléchargement des tuiles ici). Pour dessiner des couches de carte en tuiles, utilisez Créer un paquet de tuiles de carte (tilepackage:createmaptilepackage).
Dans la boîte de dialogue, l'infobulle d'un libellé donne le nom REST du paramètre et des détails.</translation>
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
      <translation>Exporte les tuiles d'un cache ou d'un paquet de tuiles Esri, comme l'opération REST ArcGIS exportTiles ; les noms et valeurs des paramètres sont ceux de REST.

INPUT : un dossier de cache, son conf.xml, un .tpk ou un .tpkx.
tilePackage=false écrit un dossier de cache (conf.xml, conf.cdi, _alllayers) dans le storageFormatType choisi ; true écrit un .tpkx (CompactV2) ou un .tpk (Compact). OUTPUT doit porter l'extension correspondante ; il n'est jamais renommé. Un OUTPUT qui est un dossier de cache existant reçoit les tuiles par fusion (comme avec importtiles) ; ses autres tuiles restent.
exportExtent : la forme QGIS 'xmin,xmax,ymin,ymax [EPSG:n]', l'enveloppe JSON REST (avec spatialReference, ou sans, dans la référence spatiale du cache) ou quatre nombres seuls, toujours dans l'ordre REST 'xmin,ymin,xmax,ymax' que définissent les pages REST (la boîte de dialogue ajoute son SCR à ce qu'elle envoie).
areaOfInterest : une couche de polygones ou un FeatureSet JSON Esri ; il prime sur exportExtent. Une tuile est exportée quand elle partage une surface avec l'emprise ou les polygones.
exportBy/levels : identifiants de niveau, échelles ou résolutions, en listes et plages ('1,2,3', '1-4,7-9') ; vide = tous les niveaux contenant des tuiles.
optimizeTilesForSize réencode les tuiles JPEG en qualité compressionQuality (75 par défaut), en gardant une tuile quand le résultat n'est pas plus petit.
maxExportTilesCount (0 = sans limite) est vérifié avant toute écriture.
f : forme json, pjson ou html de la sortie JOB.</translation>
    </message>
    <message>
      <location filename="../processing_provider/export_from_cache.py" line="18" />
      <source>compressionQuality is used only with optimizeTilesForSize=true; tiles are copied unchanged</source>
      <translation>compressionQuality ne sert qu'avec optimizeTilesForSize=true ; les tuiles sont copiées telles quelles</translation>
    </message>
    <message>
      <location filename="../processing_provider/export_from_service.py" line="22" />
      <source>The service builds the package (exportTiles job)</source>
      <translation>Le service construit le paquet (tâche exportTiles)</translation>
    </message>
    <message>
      <location filename="../processing_provider/export_from_service.py" line="43" />
      <source>CLUSTER {cluster} is not used: the tiles of a service are downloaded on this machine, since the service and maxConcurrentRequests set the pace, not this machine's processors, and workers would multiply the requests to the server and need its token or authentication</source>
      <translation>CLUSTER {cluster} n'est pas utilisé : les tuiles d'un service sont téléchargées sur cette machine, car c'est le service et maxConcurrentRequests qui fixent le rythme, pas les processeurs de cette machine, et des processus de calcul multiplieraient les requêtes au serveur et auraient besoin de son jeton ou de son authentification</translation>
    </message>
    <message>
      <location filename="../processing_provider/export_parameters.py" line="41" />
      <source>MBTiles, GeoPackage and XYZ folders: an OUTPUT ending in .mbtiles or .gpkg, or an XYZ folder template such as /data/tiles/{z}/{x}/{y}.png, writes that kind (tilePackage and storageFormatType are then not used). MBTiles and XYZ folders hold Web Mercator tiles on the standard zoom levels; a GeoPackage holds any tiling scheme in the cache's own coordinate system. Tiles are copied, never re-encoded. INPUT may be any of the three.</source>
      <translation>MBTiles, GeoPackage et dossiers XYZ : un OUTPUT finissant par .mbtiles ou .gpkg, ou un modèle de dossier XYZ tel que /data/tiles/{z}/{x}/{y}.png, écrit ce type (tilePackage et storageFormatType ne servent alors pas). MBTiles et les dossiers XYZ contiennent des tuiles Web Mercator aux niveaux de zoom standard ; un GeoPackage contient n'importe quel schéma de tuilage, dans le système de coordonnées du cache. Les tuiles sont copiées, jamais réencodées. INPUT peut aussi être l'un des trois.</translation>
    </message>
    <message>
      <location filename="../processing_provider/export_parameters.py" line="18" />
      <source>Compact V2 bundles</source>
      <translation>Bundles Compact V2</translation>
    </message>
    <message>
      <location filename="../processing_provider/export_parameters.py" line="19" />
      <source>Compact V1 bundles</source>
      <translation>Bundles Compact V1</translation>
    </message>
    <message>
      <location filename="../processing_provider/export_parameters.py" line="20" />
      <source>Exploded, one file per tile</source>
      <translation>Éclaté, un fichier par tuile</translation>
    </message>
    <message>
      <location filename="../processing_provider/export_parameters.py" line="22" />
      <source>Level ids</source>
      <translation>Identifiants de niveau</translation>
    </message>
    <message>
      <location filename="../processing_provider/export_parameters.py" line="22" />
      <source>Resolutions</source>
      <translation>Résolutions</translation>
    </message>
    <message>
      <location filename="../processing_provider/export_parameters.py" line="23" />
      <source>Scales</source>
      <translation>Échelles</translation>
    </message>
    <message>
      <location filename="../processing_provider/export_parameters.py" line="27" />
      <source>Automatic</source>
      <translation>Automatique</translation>
    </message>
    <message>
      <location filename="../processing_provider/export_parameters.py" line="28" />
      <source>Server job (exportTiles)</source>
      <translation>Tâche du serveur (exportTiles)</translation>
    </message>
    <message>
      <location filename="../processing_provider/export_parameters.py" line="29" />
      <source>Fetch the tiles here</source>
      <translation>Télécharger les tuiles ici</translation>
    </message>
    <message>
      <location filename="../processing_provider/export_parameters.py" line="55" />
      <source>A cache folder or its conf.xml, a .tpk or .tpkx, or the URL of an ArcGIS MapServer or ImageServer with cached tiles.</source>
      <translation>Un dossier de cache ou son conf.xml, un .tpk ou .tpkx, ou l'URL d'un MapServer ou ImageServer ArcGIS à tuiles en cache.</translation>
    </message>
    <message>
      <location filename="../processing_provider/export_parameters.py" line="62" />
      <source>Storage format (storageFormatType)</source>
      <translation>Format de stockage (storageFormatType)</translation>
    </message>
    <message>
      <location filename="../processing_provider/export_parameters.py" line="65" />
      <source>Checked (true): a .tpkx (Compact V2) or .tpk (Compact V1) file. Unchecked (false): a cache folder (conf.xml, conf.cdi, _alllayers).</source>
      <translation>Coché (true) : un fichier .tpkx (Compact V2) ou .tpk (Compact V1). Décoché (false) : un dossier de cache (conf.xml, conf.cdi, _alllayers).</translation>
    </message>
    <message>
      <location filename="../processing_provider/export_parameters.py" line="68" />
      <source>Extent to export (exportExtent)</source>
      <translation>Emprise à exporter (exportExtent)</translation>
    </message>
    <message>
      <location filename="../processing_provider/export_parameters.py" line="82" />
      <source>Level ids, scales or resolutions as 'Levels are given as' says, in lists and ranges; empty: every level holding tiles.</source>
      <translation>Identifiants de niveau, échelles ou résolutions selon « Niveaux donnés en », en listes et plages ; vide : tous les niveaux qui ont des tuiles.</translation>
    </message>
    <message>
      <location filename="../processing_provider/export_parameters.py" line="87" />
      <source>A polygon layer, or an Esri JSON FeatureSet typed in; it supersedes the extent.</source>
      <translation>Une couche de polygones, ou un FeatureSet Esri JSON saisi ; remplace l'emprise.</translation>
    </message>
    <message>
      <location filename="../processing_provider/export_parameters.py" line="142" />
      <source>A new cache folder, or an existing cache folder to merge the tiles into (its other tiles are kept); with 'Write a tile package' checked, a .tpkx or .tpk file, named with that extension.</source>
      <translation>Un nouveau dossier de cache, ou un dossier de cache existant où fusionner les tuiles (ses autres tuiles sont gardées) ; avec « Écrire un paquet » coché, un fichier .tpkx ou .tpk, nommé avec cette extension.</translation>
    </message>
    <message>
      <location filename="../processing_provider/export_parameters.py" line="52" />
      <source>Cache, package or service URL</source>
      <translation>Cache, paquet ou URL de service</translation>
    </message>
    <message>
      <location filename="../processing_provider/export_parameters.py" line="53" />
      <source>Tile caches, packages, MBTiles and GeoPackages (conf.xml *.tpk *.tpkx *.mbtiles *.gpkg *.TPK *.TPKX)</source>
      <translation>Caches et paquets de tuiles, MBTiles et GeoPackages (conf.xml *.tpk *.tpkx *.mbtiles *.gpkg *.TPK *.TPKX)</translation>
    </message>
    <message>
      <location filename="../processing_provider/export_parameters.py" line="64" />
      <source>Write a tile package (tilePackage)</source>
      <translation>Écrire un paquet (tilePackage)</translation>
    </message>
    <message>
      <location filename="../processing_provider/export_parameters.py" line="72" />
      <source>JPEG tiles are re-encoded at the JPEG quality; a tile is kept as it is when that is not smaller.</source>
      <translation>Les tuiles JPEG sont réencodées à la qualité JPEG ; une tuile reste telle quelle si elle n'en devient pas plus petite.</translation>
    </message>
    <message>
      <location filename="../processing_provider/export_parameters.py" line="77" />
      <source>0-100, default 75; used when JPEG tiles are recompressed or rendered.</source>
      <translation>0-100, 75 par défaut ; sert quand des tuiles JPEG sont recompressées ou rendues.</translation>
    </message>
    <message>
      <location filename="../processing_provider/export_parameters.py" line="79" />
      <source>Levels are given as (exportBy)</source>
      <translation>Niveaux exprimés en (exportBy)</translation>
    </message>
    <message>
      <location filename="../processing_provider/export_parameters.py" line="81" />
      <source>Levels, e.g. 1,2,3 or 0-7 (levels)</source>
      <translation>Niveaux, p. ex. 1,2,3 ou 0-7 (levels)</translation>
    </message>
    <message>
      <location filename="../processing_provider/export_parameters.py" line="85" />
      <source>Area of interest (areaOfInterest)</source>
      <translation>Zone d'intérêt (areaOfInterest)</translation>
    </message>
    <message>
      <location filename="../processing_provider/export_parameters.py" line="95" />
      <source>The token of a secured ArcGIS service.</source>
      <translation>Le jeton d'un service ArcGIS sécurisé.</translation>
    </message>
    <message>
      <location filename="../processing_provider/export_parameters.py" line="98" />
      <source>A QGIS authentication configuration for a secured service; a username and password are turned into a token.</source>
      <translation>Une configuration d'authentification QGIS pour un service sécurisé ; un nom d'utilisateur et un mot de passe sont changés en jeton.</translation>
    </message>
    <message>
      <location filename="../processing_provider/export_parameters.py" line="106" />
      <source>Requests to the service at a time</source>
      <translation>Requêtes simultanées vers le service</translation>
    </message>
    <message>
      <location filename="../processing_provider/export_parameters.py" line="111" />
      <source>How the tiles of a service are taken offline. Automatic: the service's own exportTiles job when a package is written and the service allows it, else the tiles are fetched here, tile by tile.</source>
      <translation>Comment les tuiles d'un service sont mises hors ligne. Automatique : la tâche exportTiles du service quand un paquet est écrit et que le service le permet, sinon les tuiles sont téléchargées ici, une à une.</translation>
    </message>
    <message>
      <location filename="../processing_provider/export_parameters.py" line="122" />
      <source>The most tiles the export may hold, checked before anything is written; 0: no limit.</source>
      <translation>Le nombre maximal de tuiles de l'export, vérifié avant toute écriture ; 0 : aucune limite.</translation>
    </message>
    <message>
      <location filename="../processing_provider/export_parameters.py" line="130" />
      <source>Empty: this machine; local:N: N worker processes here; tcp://host:8786: a running scheduler.</source>
      <translation>Vide : cette machine ; local:N : N processus de travail ici ; tcp://hôte:8786 : un ordonnanceur en marche.</translation>
    </message>
    <message>
      <location filename="../processing_provider/export_parameters.py" line="138" />
      <source>Output cache folder or package</source>
      <translation>Dossier de cache ou paquet créé</translation>
    </message>
    <message>
      <location filename="../processing_provider/export_parameters.py" line="70" />
      <source>Recompress JPEG tiles</source>
      <translation>Recompresser le JPEG</translation>
    </message>
    <message>
      <location filename="../processing_provider/export_parameters.py" line="75" />
      <source>JPEG quality, 0-100</source>
      <translation>Qualité JPEG, 0-100</translation>
    </message>
    <message>
      <location filename="../processing_provider/export_parameters.py" line="94" />
      <source>Service token (token)</source>
      <translation>Jeton du service (token)</translation>
    </message>
    <message>
      <location filename="../processing_provider/export_parameters.py" line="97" />
      <source>Service authentication</source>
      <translation>Authentification du service</translation>
    </message>
    <message>
      <location filename="../processing_provider/export_parameters.py" line="110" />
      <source>Service export method</source>
      <translation>Méthode d'export du service</translation>
    </message>
    <message>
      <location filename="../processing_provider/export_parameters.py" line="119" />
      <source>Tile limit (maxExportTilesCount)</source>
      <translation>Limite de tuiles (maxExportTilesCount)</translation>
    </message>
    <message>
      <location filename="../processing_provider/export_parameters.py" line="129" />
      <source>Dask cluster (CLUSTER)</source>
      <translation>Cluster Dask (CLUSTER)</translation>
    </message>
    <message>
      <location filename="../processing_provider/export_parameters.py" line="139" />
      <source>Cache folder, no extension (*);;Compact V2 tile package (*.tpkx);;Compact V1 tile package (*.tpk);;MBTiles (*.mbtiles);;GeoPackage (*.gpkg)</source>
      <translation>Dossier de cache, sans extension (*);;Paquet de tuiles Compact V2 (*.tpkx);;Paquet de tuiles Compact V1 (*.tpk);;MBTiles (*.mbtiles);;GeoPackage (*.gpkg)</translation>
    </message>
    <message>
      <location filename="../processing_provider/export_request.py" line="79" />
      <source>storageFormatType: a tile package holds Compact V2 (.tpkx) or Compact V1 (.tpk) bundles; esriMapCacheStorageModeExploded needs tilePackage=false</source>
      <translation>storageFormatType : un paquet de tuiles contient des bundles Compact V2 (.tpkx) ou Compact V1 (.tpk) ; esriMapCacheStorageModeExploded exige tilePackage=false</translation>
    </message>
    <message>
      <location filename="../processing_provider/export_request.py" line="102" />
      <source>INPUT: no tile cache or tile package given</source>
      <translation>INPUT : aucun cache ni paquet de tuiles indiqué</translation>
    </message>
    <message>
      <location filename="../processing_provider/export_request.py" line="118" />
      <source>OUTPUT: no output path given</source>
      <translation>OUTPUT : aucun chemin de sortie indiqué</translation>
    </message>
    <message>
      <location filename="../processing_provider/export_request.py" line="104" />
      <source>{path}: no such file or folder</source>
      <translation>{path} : fichier ou dossier introuvable</translation>
    </message>
    <message>
      <location filename="../processing_provider/geometry_values.py" line="94" />
      <source>{name}: unsupported value {value}</source>
      <translation>{name} : valeur {value} non prise en charge</translation>
    </message>
    <message>
      <location filename="../processing_provider/geometry_values.py" line="106" />
      <source>Cancelled by the user; nothing was written.</source>
      <translation>Annulé par l'utilisateur ; rien n'a été écrit.</translation>
    </message>
    <message>
      <location filename="../processing_provider/geometry_values.py" line="32" />
      <source>{name}: the extent is empty</source>
      <translation>{name} : l'emprise est vide</translation>
    </message>
    <message>
      <location filename="../processing_provider/geometry_values.py" line="59" />
      <source>{name}: "{value}" is not an extent (xmin,xmax,ymin,ymax [EPSG:n], a REST envelope in JSON, or a layer)</source>
      <translation>{name} : « {value} » n'est pas une emprise (xmin,xmax,ymin,ymax [EPSG:n], une enveloppe REST en JSON, ou une couche)</translation>
    </message>
    <message>
      <location filename="../processing_provider/geometry_values.py" line="101" />
      <source>{name}: the layer must hold polygons</source>
      <translation>{name} : la couche doit contenir des polygones</translation>
    </message>
    <message>
      <location filename="../processing_provider/geometry_values.py" line="112" />
      <source>{name}: the layer holds no polygons</source>
      <translation>{name} : la couche ne contient aucun polygone</translation>
    </message>
    <message>
      <location filename="../processing_provider/geometry_values.py" line="116" />
      <source>{name}: the polygons have no area</source>
      <translation>{name} : les polygones n'ont pas de surface</translation>
    </message>
    <message>
      <location filename="../processing_provider/geometry_values.py" line="90" />
      <source>{name}: "{value}" is neither a polygon layer nor Esri JSON</source>
      <translation>{name} : « {value} » n'est ni une couche de polygones ni du JSON Esri</translation>
    </message>
    <message>
      <location filename="../processing_provider/import_algorithm.py" line="128" />
      <source>Import tiles</source>
      <translation>Importer des tuiles</translation>
    </message>
    <message>
      <location filename="../processing_provider/import_algorithm.py" line="68" />
      <source>sourceItemId: the package is the cache itself; nothing to import</source>
      <translation>sourceItemId : le paquet est le cache lui-même ; rien à importer</translation>
    </message>
    <message>
      <location filename="../processing_provider/import_algorithm.py" line="108" />
      <source>No tile was imported.</source>
      <translation>Aucune tuile n'a été importée.</translation>
    </message>
    <message>
      <location filename="../processing_provider/import_algorithm.py" line="169" />
      <source>sourceItemId may also be an MBTiles file, a GeoPackage or an XYZ folder (/data/tiles or /data/tiles/{z}/{x}/{y}.png); its tiles go in through the same import, all or nothing, under the cache's lock.</source>
      <translation>sourceItemId peut aussi être un fichier MBTiles, un GeoPackage ou un dossier XYZ (/data/tiles ou /data/tiles/{z}/{x}/{y}.png) ; ses tuiles entrent par le même import, tout ou rien, sous le verrou du cache.</translation>
    </message>
    <message>
      <location filename="../processing_provider/import_algorithm.py" line="177" />
      <source>The cache folder or its conf.xml; Compact V2, Compact V1 or exploded.</source>
      <translation>Le dossier de cache ou son conf.xml ; Compact V2, Compact V1 ou éclaté.</translation>
    </message>
    <message>
      <location filename="../processing_provider/import_algorithm.py" line="182" />
      <source>A .tpkx or .tpk (a cache folder works too) with the cache's tiling scheme.</source>
      <translation>Un .tpkx ou .tpk (un dossier de cache convient aussi) au schéma de tuilage du cache.</translation>
    </message>
    <message>
      <location filename="../processing_provider/import_algorithm.py" line="185" />
      <source>Only the package's bundles that intersect this extent are imported.</source>
      <translation>Seuls les bundles du paquet qui coupent cette emprise sont importés.</translation>
    </message>
    <message>
      <location filename="../processing_provider/import_algorithm.py" line="188" />
      <source>The cache's level ids to import, as lists and ranges ('1,2,3', '0-7'); empty: every level of the package.</source>
      <translation>Les identifiants de niveau du cache à importer, en listes et plages ('1,2,3', '0-7') ; vide : tous les niveaux du paquet.</translation>
    </message>
    <message>
      <location filename="../processing_provider/import_algorithm.py" line="201" />
      <source>A polygon layer, or an Esri JSON FeatureSet typed in: only tiles sharing area with it are imported.</source>
      <translation>Une couche de polygones, ou un FeatureSet Esri JSON saisi : seules les tuiles qui la recouvrent en partie sont importées.</translation>
    </message>
    <message>
      <location filename="../processing_provider/import_algorithm.py" line="204" />
      <source>Tile cache</source>
      <translation>Cache de tuiles</translation>
    </message>
    <message>
      <location filename="../processing_provider/import_algorithm.py" line="205" />
      <source>Response (REST importTiles)</source>
      <translation>Réponse (REST importTiles)</translation>
    </message>
    <message>
      <location filename="../processing_provider/import_algorithm.py" line="206" />
      <source>Tiles imported</source>
      <translation>Tuiles importées</translation>
    </message>
    <message>
      <location filename="../processing_provider/import_algorithm.py" line="208" />
      <source>Tiles kept because replaceTiles is false</source>
      <translation>Tuiles conservées car replaceTiles vaut false</translation>
    </message>
    <message>
      <location filename="../processing_provider/import_algorithm.py" line="210" />
      <source>Import report (HTML, with f=html)</source>
      <translation>Rapport d'import (HTML, avec f=html)</translation>
    </message>
    <message>
      <location filename="../processing_provider/import_algorithm.py" line="39" />
      <source>{name}: no path given</source>
      <translation>{name} : aucun chemin indiqué</translation>
    </message>
    <message>
      <location filename="../processing_provider/import_algorithm.py" line="103" />
      <source>Imported {imported} tiles into {bundles} bundles at levels {levels}.</source>
      <translation>{imported} tuiles importées dans {bundles} bundles aux niveaux {levels}.</translation>
    </message>
    <message>
      <location filename="../processing_provider/import_algorithm.py" line="112" />
      <source>{skipped} tiles of the package were not imported: the cache has tiles there and replaceTiles is false.</source>
      <translation>{skipped} tuiles du paquet n'ont pas été importées : le cache a des tuiles à ces emplacements et replaceTiles vaut false.</translation>
    </message>
    <message>
      <location filename="../processing_provider/import_algorithm.py" line="161" />
      <source>Examples (qgis_process run tilepackage:importtiles -- ...):
Fill the gaps of a cache from a package: INPUT=/data/cache sourceItemId=/tmp/redlands.tpkx replaceTiles=false
Levels 3-5 of the bundles around Redlands (REST example): INPUT=/data/cache sourceItemId=/tmp/redlands.tpkx levels=3-5 'extent={"xmin":-13051380,"ymin":4030276,"xmax":-13037288,"ymax":4041136,"spatialReference":{"wkid":102100}}'
Each package bundle replaces the cache's: mergeBundle=false</source>
      <translation>Exemples (qgis_process run tilepackage:importtiles -- ...) :
Combler les lacunes d'un cache à partir d'un paquet : INPUT=/data/cache sourceItemId=/tmp/redlands.tpkx replaceTiles=false
Niveaux 3 à 5 des bundles autour de Redlands (exemple REST) : INPUT=/data/cache sourceItemId=/tmp/redlands.tpkx levels=3-5 'extent={"xmin":-13051380,"ymin":4030276,"xmax":-13037288,"ymax":4041136,"spatialReference":{"wkid":102100}}'
Chaque bundle du paquet remplace celui du cache : mergeBundle=false</translation>
    </message>
    <message>
      <location filename="../processing_provider/import_algorithm.py" line="176" />
      <source>Tile cache to import into</source>
      <translation>Cache qui reçoit les tuiles</translation>
    </message>
    <message>
      <location filename="../processing_provider/import_algorithm.py" line="176" />
      <source>Tile cache configuration (conf.xml)</source>
      <translation>Configuration de cache de tuiles (conf.xml)</translation>
    </message>
    <message>
      <location filename="../processing_provider/import_algorithm.py" line="179" />
      <source>Package to import (sourceItemId)</source>
      <translation>Paquet à importer (sourceItemId)</translation>
    </message>
    <message>
      <location filename="../processing_provider/import_algorithm.py" line="180" />
      <source>Tile packages, MBTiles and GeoPackages (*.tpkx *.tpk *.mbtiles *.gpkg *.TPKX *.TPK)</source>
      <translation>Paquets de tuiles, MBTiles et GeoPackages (*.tpkx *.tpk *.mbtiles *.gpkg *.TPKX *.TPK)</translation>
    </message>
    <message>
      <location filename="../processing_provider/import_algorithm.py" line="184" />
      <source>Bundles intersecting (extent)</source>
      <translation>Bundles coupant (extent)</translation>
    </message>
    <message>
      <location filename="../processing_provider/import_algorithm.py" line="187" />
      <source>Cache levels, e.g. 0-7 (levels)</source>
      <translation>Niveaux du cache, ex. 0-7 (levels)</translation>
    </message>
    <message>
      <location filename="../processing_provider/import_algorithm.py" line="192" />
      <source>Tiles are merged into the cache's bundles; unchecked (false): each package bundle replaces the cache's bundle of the same name.</source>
      <translation>Les tuiles sont fusionnées dans les bundles du cache ; décoché (false) : chaque bundle du paquet remplace le bundle du cache de même nom.</translation>
    </message>
    <message>
      <location filename="../processing_provider/import_algorithm.py" line="196" />
      <source>Package tiles replace tiles the cache already has; unchecked (false): only gaps are filled.</source>
      <translation>Les tuiles du paquet remplacent celles que le cache a déjà ; décoché (false) : seuls les vides sont comblés.</translation>
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
      <translation>Fusionne les tuiles d'un paquet de tuiles dans un cache de tuiles Esri existant, comme l'opération REST ArcGIS importTiles ; les noms et valeurs des paramètres sont ceux de REST.

INPUT : le cache qui reçoit les tuiles : son dossier ou son conf.xml (stockage Compact V2, Compact V1 ou éclaté).
sourceItemId : le .tpkx ou le .tpk (un dossier de cache convient aussi). Son schéma de tuilage doit correspondre à celui du cache : référence spatiale, origine des tuiles, taille des tuiles, et la résolution de chaque niveau doit être l'un des LOD du cache. Les identifiants de niveau peuvent différer : les tuiles vont dans le niveau du cache de même résolution.
extent : choisit les bundles du paquet qui l'intersectent, comme REST (bundles entiers de 128 x 128 tuiles) ; formes : 'minx,miny,maxx,maxy' dans la référence spatiale du cache, l'Extent JSON REST avec spatialReference, ou la forme QGIS 'xmin,xmax,ymin,ymax [EPSG:n]'. Pour découper à la tuile près, utilisez areaOfInterest.
levels : les identifiants de niveau du cache à importer, en listes et plages ('1,2,3', '0-7') ; vide = tous les niveaux du paquet. Un niveau au-delà des LOD du cache échoue avec 'Specified level id "N" is not within the min and max scale range.' ; quand levels est donné, les niveaux du paquet hors de cette liste sont simplement ignorés.
mergeBundle (true par défaut) : les tuiles sont fusionnées dans les bundles du cache, en gardant les tuiles que le paquet n'a pas ; false : chaque bundle du paquet remplace le bundle du cache de même nom. Les caches éclatés n'ont pas de bundles : leurs tuiles sont toujours écrites une à une.
replaceTiles (true par défaut) : lors de la fusion, les tuiles du paquet remplacent celles que le cache a déjà ; false ne fait que combler les lacunes.
areaOfInterest (comme Import Tile Cache d'ArcGIS Pro) : une couche de polygones ou un FeatureSet JSON Esri ; seules les tuiles qui partagent une surface avec elle sont importées.
f : forme json (par défaut), pjson ou html (un rapport) de RESPONSE.

Rien n'est écrit à moitié : les nouveaux bundles sont préparés à côté des anciens et renommés en place seulement quand tous sont prêts ; un échec ou une annulation laisse le cache inchangé, et après un plantage, relancer le même import le termine. Les imports dans un même cache s'attendent les uns les autres. Un paquet d'un autre format d'image (PNG dans JPEG) est importé avec un avertissement et le cache est noté MIXED.</translation>
    </message>
    <message>
      <location filename="../processing_provider/import_algorithm.py" line="191" />
      <source>Merge bundles (mergeBundle)</source>
      <translation>Fusionner les bundles (mergeBundle)</translation>
    </message>
    <message>
      <location filename="../processing_provider/import_algorithm.py" line="195" />
      <source>Replace existing tiles (replaceTiles)</source>
      <translation>Remplacer les tuiles (replaceTiles)</translation>
    </message>
    <message>
      <location filename="../processing_provider/map_tile_input.py" line="62" />
      <source>Drawn with their styles and labels, the first on top. Empty: the project's visible layers. A layer given by path gets the style stored with it.</source>
      <translation>Dessinées avec leurs styles et étiquettes, la première au-dessus. Vide : les couches visibles du projet. Une couche donnée par un chemin reçoit le style enregistré avec elle.</translation>
    </message>
    <message>
      <location filename="../processing_provider/map_tile_input.py" line="67" />
      <source>ONLINE: ArcGIS Online / Bing Maps / Google Maps Web Mercator. EXISTING: the scheme of the cache, package or tiling-scheme XML given as service_file.</source>
      <translation>ONLINE : Web Mercator d'ArcGIS Online / Bing Maps / Google Maps. EXISTING : le schéma du cache, du paquet ou du XML de schéma de tuilage donné dans service_file.</translation>
    </message>
    <message>
      <location filename="../processing_provider/map_tile_input.py" line="72" />
      <source>Used with service_type EXISTING.</source>
      <translation>Utilisé avec service_type EXISTING.</translation>
    </message>
    <message>
      <location filename="../processing_provider/map_tile_input.py" line="73" />
      <source>From level (min_level_of_detail)</source>
      <translation>Du niveau (min_level_of_detail)</translation>
    </message>
    <message>
      <location filename="../processing_provider/map_tile_input.py" line="74" />
      <source>To level (level_of_detail)</source>
      <translation>Au niveau (level_of_detail)</translation>
    </message>
    <message>
      <location filename="../processing_provider/map_tile_input.py" line="80" />
      <source>Empty: the layers' extent.</source>
      <translation>Vide : l'emprise des couches.</translation>
    </message>
    <message>
      <location filename="../processing_provider/map_tile_input.py" line="84" />
      <source>PNG: 8, 24 or 32 bits, whichever holds the tile's colours; MIXED: JPEG where a tile is opaque, PNG elsewhere.</source>
      <translation>PNG : 8, 24 ou 32 bits, selon ce que demandent les couleurs de la tuile ; MIXED : JPEG où la tuile est opaque, PNG ailleurs.</translation>
    </message>
    <message>
      <location filename="../processing_provider/map_tile_input.py" line="90" />
      <source>A .tpkx or .tpk file; a name without extension gets package_type's. An existing cache folder (with a conf.xml) gets the tiles merged in, its other tiles kept.</source>
      <translation>Un fichier .tpkx ou .tpk ; un nom sans extension reçoit celle de package_type. Un dossier de cache existant (avec un conf.xml) reçoit les tuiles fusionnées, ses autres tuiles sont conservées.</translation>
    </message>
    <message>
      <location filename="../processing_provider/map_tile_input.py" line="172" />
      <source>service_file: QGIS does not know the tiling scheme's coordinate reference system</source>
      <translation>service_file : QGIS ne connaît pas le système de coordonnées de référence du schéma de tuilage</translation>
    </message>
    <message>
      <location filename="../processing_provider/map_tile_input.py" line="185" />
      <source>in_map: the layers have no extent in the tiling scheme's coordinate reference system</source>
      <translation>in_map : les couches n'ont pas d'emprise dans le système de coordonnées de référence du schéma de tuilage</translation>
    </message>
    <message>
      <location filename="../processing_provider/map_tile_input.py" line="210" />
      <source>service_file: service_type EXISTING needs the cache, package or XML whose tiling scheme to use</source>
      <translation>service_file : service_type EXISTING demande le cache, le paquet ou le XML dont prendre le schéma de tuilage</translation>
    </message>
    <message>
      <location filename="../processing_provider/map_tile_input.py" line="225" />
      <source>output_file: no output path given</source>
      <translation>output_file : aucun chemin de sortie donné</translation>
    </message>
    <message>
      <location filename="../processing_provider/map_tile_input.py" line="60" />
      <source>Map: layers to render (in_map)</source>
      <translation>Carte : couches à dessiner (in_map)</translation>
    </message>
    <message>
      <location filename="../processing_provider/map_tile_input.py" line="65" />
      <source>Tiling scheme (service_type)</source>
      <translation>Schéma de tuilage (service_type)</translation>
    </message>
    <message>
      <location filename="../processing_provider/map_tile_input.py" line="70" />
      <source>Tiling scheme from (service_file)</source>
      <translation>Schéma de tuilage pris dans (service_file)</translation>
    </message>
    <message>
      <location filename="../processing_provider/map_tile_input.py" line="71" />
      <source>Tiling schemes (conf.xml root.json *.tpk *.tpkx *.xml);;All files (*)</source>
      <translation>Schémas de tuilage (conf.xml root.json *.tpk *.tpkx *.xml);;Tous les fichiers (*)</translation>
    </message>
    <message>
      <location filename="../processing_provider/map_tile_input.py" line="79" />
      <source>Extent (extent)</source>
      <translation>Emprise (extent)</translation>
    </message>
    <message>
      <location filename="../processing_provider/map_tile_input.py" line="82" />
      <source>Tile format (format_type)</source>
      <translation>Format des tuiles (format_type)</translation>
    </message>
    <message>
      <location filename="../processing_provider/map_tile_input.py" line="87" />
      <source>Output tile package (output_file)</source>
      <translation>Paquet de tuiles en sortie (output_file)</translation>
    </message>
    <message>
      <location filename="../processing_provider/map_tile_input.py" line="96" />
      <source>Package type (package_type)</source>
      <translation>Type de paquet (package_type)</translation>
    </message>
    <message>
      <location filename="../processing_provider/map_tile_input.py" line="101" />
      <source>1-100, for JPEG and MIXED tiles.</source>
      <translation>1-100, pour les tuiles JPEG et MIXED.</translation>
    </message>
    <message>
      <location filename="../processing_provider/map_tile_input.py" line="105" />
      <source>Polygons: only tiles sharing area with them are drawn; supersedes the extent.</source>
      <translation>Polygones : seules les tuiles qui partagent une surface avec eux sont dessinées ; remplace l'emprise.</translation>
    </message>
    <message>
      <location filename="../processing_provider/map_tile_input.py" line="112" />
      <source>Empty: the tiling scheme's DPI.</source>
      <translation>Vide : le DPI du schéma de tuilage.</translation>
    </message>
    <message>
      <location filename="../processing_provider/map_tile_input.py" line="114" />
      <source>Antialiasing</source>
      <translation>Anticrénelage</translation>
    </message>
    <message>
      <location filename="../processing_provider/map_tile_input.py" line="117" />
      <source>Empty: transparent, and white for JPEG tiles.</source>
      <translation>Vide : transparent, et blanc pour les tuiles JPEG.</translation>
    </message>
    <message>
      <location filename="../processing_provider/map_tile_input.py" line="121" />
      <source>The most tile slots the chosen levels and extent may hold, checked before anything is drawn; 0: no limit.</source>
      <translation>Le plus d'emplacements de tuiles que les niveaux et l'emprise choisis peuvent contenir, vérifié avant tout dessin ; 0 : pas de limite.</translation>
    </message>
    <message>
      <location filename="../processing_provider/map_tile_input.py" line="125" />
      <source>Report the tile slots and an upper bound of the package size, and stop.</source>
      <translation>Indiquer les emplacements de tuiles et un majorant de la taille du paquet, puis s'arrêter.</translation>
    </message>
    <message>
      <location filename="../processing_provider/map_tile_input.py" line="88" />
      <source>Tile package (*.tpkx);;Tile package, ArcGIS 10 (*.tpk);;Existing cache folder to merge into (*)</source>
      <translation>Paquet de tuiles (*.tpkx);;Paquet de tuiles, ArcGIS 10 (*.tpk);;Dossier de cache existant où fusionner (*)</translation>
    </message>
    <message>
      <location filename="../processing_provider/map_tile_input.py" line="99" />
      <source>JPEG quality (compression_quality)</source>
      <translation>Qualité JPEG (compression_quality)</translation>
    </message>
    <message>
      <location filename="../processing_provider/map_tile_input.py" line="103" />
      <source>Area of interest (area_of_interest)</source>
      <translation>Zone d'intérêt (area_of_interest)</translation>
    </message>
    <message>
      <location filename="../processing_provider/map_tile_input.py" line="109" />
      <source>Empty: from the project's metadata.</source>
      <translation>Vide : d'après les métadonnées du projet.</translation>
    </message>
    <message>
      <location filename="../processing_provider/map_tile_input.py" line="111" />
      <source>DPI</source>
      <translation>PPP</translation>
    </message>
    <message>
      <location filename="../processing_provider/map_tile_input.py" line="116" />
      <source>Background colour</source>
      <translation>Couleur de fond</translation>
    </message>
    <message>
      <location filename="../processing_provider/map_tile_input.py" line="119" />
      <source>Tile limit</source>
      <translation>Limite de tuiles</translation>
    </message>
    <message>
      <location filename="../processing_provider/map_tile_input.py" line="124" />
      <source>Only estimate (draw nothing)</source>
      <translation>Estimer seulement (ne rien dessiner)</translation>
    </message>
    <message>
      <location filename="../processing_provider/map_tile_input.py" line="197" />
      <source>level_of_detail {high} must not be below min_level_of_detail {low}</source>
      <translation>level_of_detail {high} ne doit pas être inférieur à min_level_of_detail {low}</translation>
    </message>
    <message>
      <location filename="../processing_provider/map_tile_input.py" line="213" />
      <source>service_file: {path}: no such file or folder</source>
      <translation>service_file : {path} : fichier ou dossier introuvable</translation>
    </message>
    <message>
      <location filename="../processing_provider/map_tile_input.py" line="108" />
      <source>Package {name}</source>
      <translation>Paquet : {name}</translation>
    </message>
    <message>
      <location filename="../processing_provider/map_tile_package_algorithm.py" line="37" />
      <source>Create map tile package</source>
      <translation>Créer un paquet de tuiles de carte</translation>
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
      <translation>Dessine une carte en tuiles et les range dans un paquet de tuiles (.tpkx ou .tpk) que lisent ArcGIS, QGIS (cette extension) et GDAL, comme l'outil Create Map Tile Package d'ArcGIS Pro ; les noms des paramètres sont ceux de Pro.

Carte : les couches à dessiner, la première au-dessus, avec leurs styles et étiquettes ; vide : les couches visibles du projet. Une couche donnée par un chemin de fichier reçoit le style enregistré avec elle (son style par défaut, sinon le premier), jamais une couleur aléatoire.
Schéma de tuilage : ONLINE est la grille Web Mercator d'ArcGIS Online, Google et OpenStreetMap ; EXISTING prend la grille d'un cache, d'un paquet ou d'un XML de schéma de tuilage (service_file), pour que les tuiles s'y alignent.
Niveaux : de min_level_of_detail à level_of_detail (0-23). Chaque niveau a quatre fois les tuiles du précédent : la limite de tuiles (avancé, 100 000 emplacements par défaut) refuse un calcul qui en contiendrait davantage, avant tout dessin. « Estimer seulement » indique les emplacements et un majorant de la taille.
Emprise ou zone d'intérêt : seules les tuiles qui s'y trouvent sont dessinées ; vide : l'emprise des couches.
Sortie : un fichier .tpkx ou .tpk, ou un dossier de cache existant dans lequel les tuiles sont fusionnées.

Un calcul arrêté (Annuler, un plantage, une coupure de courant) garde les bundles terminés à côté de la sortie, dans un dossier se terminant par .render-journal : la même commande relancée ne dessine que le reste. Supprimez ce dossier pour repartir de zéro.

Examples: qgis_process run tilepackage:createmaptilepackage --PROJECT_PATH=world.qgz -- level_of_detail=7 output_file=world.tpkx</translation>
    </message>
    <message>
      <location filename="../processing_provider/map_tile_package_algorithm.py" line="67" />
      <source>Tiles written</source>
      <translation>Tuiles écrites</translation>
    </message>
    <message>
      <location filename="../processing_provider/map_tile_package_algorithm.py" line="68" />
      <source>Tile slots</source>
      <translation>Emplacements de tuiles</translation>
    </message>
    <message>
      <location filename="../processing_provider/map_tile_package_algorithm.py" line="70" />
      <source>Upper bound of the size, in bytes</source>
      <translation>Majorant de la taille, en octets</translation>
    </message>
    <message>
      <location filename="../processing_provider/map_tile_package_algorithm.py" line="71" />
      <source>Summary</source>
      <translation>Résumé</translation>
    </message>
    <message>
      <location filename="../processing_provider/map_tile_package_algorithm.py" line="85" />
      <source>in_map: no layers to render: choose layers, or open a project with visible layers</source>
      <translation>in_map : aucune couche à dessiner : choisissez des couches, ou ouvrez un projet avec des couches visibles</translation>
    </message>
    <message>
      <location filename="../processing_provider/map_tile_package_algorithm.py" line="90" />
      <source>{slots} tile slots in {bundles} bundles of levels {levels}; at most {mib:.0f} MiB</source>
      <translation>{slots} emplacements de tuiles dans {bundles} bundles des niveaux {levels} ; au plus {mib:.0f} Mio</translation>
    </message>
    <message>
      <location filename="../processing_provider/parameters.py" line="53" />
      <source>REST values: {values}</source>
      <translation>Valeurs REST : {values}</translation>
    </message>
    <message>
      <location filename="../processing_provider/parameters.py" line="66" />
      <source>Cache folders and all files</source>
      <translation>Dossiers de cache et tous les fichiers</translation>
    </message>
    <message>
      <location filename="../processing_provider/responses.py" line="16" />
      <source>JSON</source>
      <translation>JSON</translation>
    </message>
    <message>
      <location filename="../processing_provider/responses.py" line="16" />
      <source>Indented JSON</source>
      <translation>JSON indenté</translation>
    </message>
    <message>
      <location filename="../processing_provider/responses.py" line="17" />
      <source>HTML report</source>
      <translation>Rapport HTML</translation>
    </message>
    <message>
      <location filename="../processing_provider/responses.py" line="19" />
      <source>Response format (f)</source>
      <translation>Format de la réponse (f)</translation>
    </message>
    <message>
      <location filename="../processing_provider/values.py" line="72" />
      <source>{name}: "{value}" is not one of {allowed}</source>
      <translation>{name} : « {value} » ne fait pas partie de {allowed}</translation>
    </message>
    <message>
      <location filename="../processing_provider/values.py" line="83" />
      <source>{name}: "{value}" is neither true nor false (true/false, yes/no, on/off, 1/0)</source>
      <translation>{name} : « {value} » n'est ni vrai ni faux (true/false, yes/no, on/off, 1/0)</translation>
    </message>
    <message>
      <location filename="../processing_provider/values.py" line="98" />
      <source>{name}: "{value}" is not a whole number</source>
      <translation>{name} : « {value} » n'est pas un nombre entier</translation>
    </message>
    <message>
      <location filename="../plugin/map_menu.py" line="26" />
      <source>Add Tile Package Layer…</source>
      <translation>Ajouter une couche de paquet de tuiles…</translation>
    </message>
    <message>
      <location filename="../plugin/map_menu.py" line="36" />
      <source>Add Tile Package Layer</source>
      <translation>Ajouter une couche de paquet de tuiles</translation>
    </message>
    <message>
      <location filename="../plugin/map_menu.py" line="37" />
      <source>Tile packages and caches ({patterns})</source>
      <translation>Paquets et caches de tuiles ({patterns})</translation>
    </message>
    <message>
      <location filename="../plugin/source_select.py" line="48" />
      <source>Tile Package</source>
      <translation>Paquet de tuiles</translation>
    </message>
    <message>
      <location filename="../plugin/source_select.py" line="23" />
      <source>Tile packages (.tpkx, .tpk) or the conf.xml of cache folders, read where they are</source>
      <translation>Paquets de tuiles (.tpkx, .tpk) ou conf.xml de dossiers de cache, lus là où ils sont</translation>
    </message>
  </context>
</TS>

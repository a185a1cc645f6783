"""The server builds the package: the REST ``exportTiles`` and
``estimateExportTilesSize`` jobs, followed to the end, their result fetched.

    submit  <service>/exportTiles?...&f=json              -> {"jobId", "jobStatus"}
    follow  <service>/jobs/<jobId>?f=json                 -> status, messages
    result  <service>/jobs/<jobId>/results/out_service_url?f=json -> {"value": ...}
    package the value as servers give it (docs/arcgis-servers.md): the URL of
            the job's output directory, whose ?f=json listing names the .tpk/.tpkx
            (ArcGIS Server); a file URL; or, on ArcGIS Online, the job's own
            output.outputUrl list

Job messages go to the log as they appear; the wait between polls grows
from one second to ten, so a long job is never polled in a tight loop.
"""
import json
import os
import urllib.parse

from ..errors import ParameterError, TileCacheError
from ..feedback import SILENT
from ..io.atomic import remove_path
from ..packages import is_package_name
from ..pipeline.export import ExportResult
from ..pipeline.opening import open_cache
from .client import ServiceError
from .download import download
from .service import read_service
from .source import ServiceSource

SUCCEEDED, FAILED = "esriJobSucceeded", ("esriJobFailed", "esriJobCancelled", "esriJobTimedOut")
RESULT = "results/out_service_url"
FIRST_POLL, LAST_POLL = 1.0, 10.0
#: The downloaded package's name until it has been read through.
FETCHED_SUFFIX = ".fetched"


def export_parameters(options):
    """exportTiles' REST parameters from ExportOptions (the same names and values)."""
    params = {"tilePackage": "true" if options.tile_package else "false",
              "exportBy": options.export_by,
              "storageFormatType": options.storage_format.value,
              "optimizeTilesForSize": "true" if options.optimize_tiles_for_size else "false"}
    if options.levels:
        params["levels"] = options.levels
    if options.compression_quality is not None:
        params["compressionQuality"] = str(options.compression_quality)
    if options.extent is not None:
        box = dict(zip(("xmin", "ymin", "xmax", "ymax"), options.extent))
        if options.extent_sr is not None:
            box["spatialReference"] = options.extent_sr.to_json()
        params["exportExtent"] = json.dumps(box)
    if options.area_of_interest is not None:
        params["areaOfInterest"] = json.dumps(_area_json(options))
    return params


def _area_json(options):
    """areaOfInterest as Esri JSON rings (the geometry is a shapely polygon)."""
    from shapely.geometry import mapping
    shape = mapping(options.area_of_interest)
    polygons = shape["coordinates"] if shape["type"] == "MultiPolygon" else [shape["coordinates"]]
    rings = [[list(point[:2]) for point in ring] for polygon in polygons for ring in polygon]
    feature = {"geometry": {"rings": rings}}
    if options.area_sr is not None:
        feature["geometry"]["spatialReference"] = options.area_sr.to_json()
    return {"features": [feature]}


def run_job(client, operation, params, feedback=SILENT):
    """Submit ``operation``, follow it to the end; ``(job id, last job document)``."""
    job = client.json(operation, params, method="POST")
    job_id = job.get("jobId")
    if not isinstance(job_id, str) or not job_id or "/" in job_id:
        raise ServiceError(f"{operation} answered without a job id", client.url)
    wait, seen = FIRST_POLL, 0
    while True:
        status = job.get("jobStatus")
        messages = job.get("messages") if isinstance(job.get("messages"), list) else []
        for message in messages[seen:]:
            if isinstance(message, dict):
                feedback.info(str(message.get("description", ""))[:500])
        seen = max(seen, len(messages))
        if status == SUCCEEDED:
            return job_id, job
        if status in FAILED:
            said = "; ".join(str(m.get("description", ""))[:300] for m in messages
                             if isinstance(m, dict) and "Error" in str(m.get("type", "")))
            raise ServiceError(f"the {operation} job {status[7:].lower()}"
                               f"{': ' + said if said else ''}", client.url)
        feedback.check_cancelled()
        feedback.progress(0.0, f"{operation} job {job_id}: {status}")
        client.sleep(wait)
        wait = min(LAST_POLL, wait * 1.5)
        job = client.json(f"jobs/{job_id}")


def job_result(client, job_id):
    """The value of the job's out_service_url result."""
    doc = client.json(f"jobs/{job_id}/{RESULT}")
    return doc.get("value")


def package_url(client, job_id, job):
    """The URL of the package a succeeded exportTiles job made, followed as servers
    give it; a ServiceError naming the URL where the answer is none of those."""
    output = job.get("output")
    if isinstance(output, dict) and "outputUrl" in output:
        # ArcGIS Online's hosted tile layers: a list of file URLs on the job itself.
        urls = output["outputUrl"]
        urls = urls if isinstance(urls, list) else [urls]
        return _package_among(urls, f"{client.url}/jobs/{job_id}")
    value = job_result(client, job_id)
    if isinstance(value, dict):
        value = value.get("url")  # a GPDataFile value
    if not _is_http(value):
        raise ServiceError("the exportTiles job's out_service_url result is no URL "
                           f"(value: {str(value)[:80]})", f"{client.url}/jobs/{job_id}/{RESULT}")
    if is_package_name(_path_of(value)):
        return value
    # ArcGIS Server: the job's output directory; its listing names the files.
    listing = client.json(url=value)
    files = listing.get("files")
    if not isinstance(files, list):
        raise ServiceError("the exportTiles job's result is neither a package nor an output "
                           "directory listing files", value)
    return _package_among([f.get("url") for f in files if isinstance(f, dict)], value)


def _package_among(urls, where):
    """The first .tpkx/.tpk among ``urls``; a ServiceError naming ``where`` otherwise."""
    urls = [url for url in urls if _is_http(url)]
    for url in urls:
        if is_package_name(_path_of(url)):
            return url
    names = ", ".join(_path_of(url).rsplit("/", 1)[-1] for url in urls[:5]) or "none"
    raise ServiceError(f"the exportTiles job's output holds no .tpk or .tpkx (files: {names})",
                       where)


def _is_http(value):
    return isinstance(value, str) and value.startswith(("http://", "https://"))


def _path_of(url):
    return urllib.parse.urlsplit(url).path.rstrip("/")


def export_on_server(client, info, options, output, feedback=SILENT):
    """Have the service build the package, download it beside ``output``, check it
    opens as a package, and rename it onto ``output``; an ExportResult."""
    if not options.tile_package:
        raise ParameterError("the server's exportTiles job makes tile packages; a cache "
                             "folder is fetched tile by tile (exportMethod client)")
    # In the REST API maxExportTilesCount is a property of the service, not a
    # parameter of exportTiles: the job request has no place for ours. So the
    # parameter, and the service's own limit, are checked here, on the slots a
    # fetch here would plan, before the job is submitted. Without any limit there
    # is nothing to count (and a service's finest levels are too many to plan).
    info.check_export_allowed()
    options = info.with_default_levels(options, feedback)
    if info.tile_limit(options.max_tiles):
        ServiceSource(info, client, journal=None).plan(options)
    job_id, job = run_job(client, "exportTiles", export_parameters(options),
                          feedback.phase(0, 0.5))
    url = package_url(client, job_id, job)
    os.makedirs(os.path.dirname(os.path.abspath(output)) or ".", exist_ok=True)
    fetched = download(client, url, output + FETCHED_SUFFIX, feedback.phase(0.5, 1.0))
    try:
        result = package_result(fetched, output)
    except TileCacheError as exc:
        remove_path(fetched)
        raise ServiceError(f"the package the job made cannot be read: {exc}", url) from None
    os.replace(fetched, output)
    return result


def package_result(path, output):
    """The ExportResult describing a downloaded package (read through, so verified)."""
    with open_cache(path) as reader:
        count = size = 0
        for level in reader.levels():
            for key in reader.bundles(level):
                with reader.open_bundle(key) as bundle:
                    records = bundle.records()
                    count += len(records)
                    size += sum(record.size for record in records)
        return ExportResult(output=output, tile_count=count, tile_bytes=size,
                            levels=reader.levels(), full_extent=reader.full_extent,
                            item=reader.item_info)


def estimate_on_server(client, options, feedback=SILENT):
    """The service's estimateExportTilesSize answer: {"totalSize", "totalTilesToExport"}.

    The server requires ``levels``; without them, the levels the service holds."""
    options = read_service(client).with_default_levels(options, feedback)
    params = export_parameters(options)
    job_id, _ = run_job(client, "estimateExportTilesSize", params, feedback)
    value = job_result(client, job_id)
    if not isinstance(value, dict):
        raise ServiceError("the estimateExportTilesSize job gave no estimate", client.url)
    return {key: value.get(key) for key in ("totalSize", "totalTilesToExport")}


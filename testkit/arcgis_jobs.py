"""The loopback server's geoprocessing side: exportTiles and estimateExportTilesSize
jobs (run by the core on the served cache), job resources, output directories
and result downloads with HTTP ranges. Used by arcgis_server.py.

Shapes (docs/arcgis-servers.md names the source of each): both operations
refuse a request without ``levels`` (400 "'levels' must be specified.", an
error body with HTTP 200); a succeeded export's ``results/out_service_url``
is ``{"paramName", "dataType": "GPString", "value": <output directory URL>}``
and the directory's ``?f=json`` listing has ``files`` (name, url, size) and
``folders``; ArcGIS Online's variant answers the submit with ``status``
instead of ``jobStatus`` and puts ``output.outputUrl`` (file URLs) on the job.
"""
import json
import os
import re
import tempfile
import threading
import uuid

from tile_package_tools.tilecache.model import Extent
from tile_package_tools.tilecache.packages import kind_for_storage
from tile_package_tools.tilecache.params.geometry_input import parse_area_of_interest
from tile_package_tools.tilecache.pipeline.export import (ExportOptions, estimate_export,
                                                          export_tiles)
from tile_package_tools.tilecache.scheme.spatial_reference_json import spatial_reference_from_json

RANGE = re.compile(r"bytes=(\d+)-(\d*)")
#: Where ArcGIS Server puts a job's output: /rest/directories/arcgisoutput/...
OUTPUT_DIRECTORIES = "arcgisoutput"
#: The answer of both operations to a request without levels (measured).
LEVELS_REQUIRED = {"error": {"code": 400, "message": "'levels' must be specified.",
                             "details": []}}


def options_of(params):
    """ExportOptions from exportTiles' REST parameters."""
    extent = sr = None
    if params.get("exportExtent"):
        box = json.loads(params["exportExtent"])
        extent = Extent(box["xmin"], box["ymin"], box["xmax"], box["ymax"])
        sr = spatial_reference_from_json(box["spatialReference"]) \
            if "spatialReference" in box else None
    return ExportOptions(storage_format=params.get("storageFormatType",
                                                   "esriMapCacheStorageModeCompactV2"),
                         tile_package=params.get("tilePackage", "false") == "true",
                         levels=params.get("levels") or None,
                         export_by=params.get("exportBy", "LevelID"),
                         extent=extent, extent_sr=sr, **_area_of(params))


def _area_of(params):
    found = parse_area_of_interest(params.get("areaOfInterest") or None)
    return {} if found is None else {"area_of_interest": found[0], "area_sr": found[1]}


class Jobs:
    """Jobs of one server: run on a thread each, results in a temporary folder."""

    def __init__(self, service):
        self.service = service
        self.folder = tempfile.mkdtemp(prefix="arcgis-jobs-")
        self.jobs = {}
        #: The parameters of each job submitted, in order.
        self.submitted = []
        self._lock = threading.Lock()

    def submit(self, operation, params):
        if not (params.get("levels") or "").strip():
            return LEVELS_REQUIRED
        job_id = "j" + uuid.uuid4().hex
        job = {"jobId": job_id, "jobStatus": "esriJobSubmitted",
               "messages": [{"type": "esriJobMessageTypeInformative",
                             "description": "Submitted."}]}
        with self._lock:
            self.jobs[job_id] = job
            self.submitted.append(dict(params))
        threading.Thread(target=self._run, args=(job, operation, params), daemon=True).start()
        if self.service.options.result == "outputUrl":
            return {"jobId": job_id, "status": "success"}
        return {"jobId": job_id, "jobStatus": "esriJobSubmitted"}

    def _run(self, job, operation, params):
        job["jobStatus"] = "esriJobExecuting"
        job["messages"].append({"type": "esriJobMessageTypeInformative",
                                "description": "Executing..."})
        try:
            if self.service.options.fail_jobs:
                raise RuntimeError("ERROR 001117: the tiles could not be read")
            options = options_of(params)
            if operation == "estimateExportTilesSize":
                job["value"] = estimate_export(str(self.service.cache_path), options)
            else:
                job["value"] = self._export(job["jobId"], options)
        except Exception as exc:  # noqa: BLE001 - a failed job, as a server reports it
            job["messages"].append({"type": "esriJobMessageTypeError",
                                    "description": str(exc)})
            job["jobStatus"] = "esriJobFailed"
            return
        job["messages"].append({"type": "esriJobMessageTypeInformative",
                                "description": "Succeeded."})
        job["jobStatus"] = "esriJobSucceeded"

    def _export(self, job_id, options):
        # 10.x servers name the package Layers (a client appends "/Layers.tpk"
        # to the output directory).
        name = "Layers" + (kind_for_storage(options.storage_format).extension
                           if options.tile_package else "")
        folder = os.path.join(self.folder, job_id)
        os.makedirs(folder)
        export_tiles(str(self.service.cache_path), os.path.join(folder, name), options)
        if self.service.options.result == "empty":
            os.replace(os.path.join(folder, name), os.path.join(folder, "export.log"))
            name = "export.log"
        return self.directory(job_id) + "/" + name

    def directory(self, job_id):
        return f"{self.service.root}/rest/directories/{OUTPUT_DIRECTORIES}/{job_id}"

    def status(self, job_id):
        job = self.jobs.get(job_id)
        if job is None:
            return {"error": {"code": 400, "message": "Job not found", "details": []}}
        doc = {key: job[key] for key in ("jobId", "jobStatus", "messages")}
        if job["jobStatus"] == "esriJobSucceeded" and isinstance(job.get("value"), str):
            if self.service.options.result == "outputUrl":
                doc["output"] = {"outputUrl": [job["value"]]}
            else:
                doc["results"] = {"out_service_url": {"paramUrl": "results/out_service_url"}}
        return doc

    def result(self, job_id):
        job = self.jobs.get(job_id)
        if job is None or "value" not in job:
            return {"error": {"code": 400, "message": "Result not available", "details": []}}
        value = job["value"]
        if isinstance(value, dict):  # the estimate's {"totalSize", "totalTilesToExport"}
            return {"paramName": "out_service_url", "dataType": "GPString", "value": value}
        if self.service.options.result != "file":
            value = self.directory(job_id)
        return {"paramName": "out_service_url", "dataType": "GPString", "value": value}

    def listing(self, job_id):
        """The output directory's ?f=json answer: its files and folders."""
        folder = os.path.join(self.folder, os.path.basename(job_id))
        if not os.path.isdir(folder):
            return {"error": {"code": 404, "message": "Directory not found", "details": []}}
        files = [{"name": name, "url": f"{self.directory(job_id)}/{name}",
                  "size": os.path.getsize(os.path.join(folder, name))}
                 for name in sorted(os.listdir(folder))]
        return {"folders": [], "files": files}

    def file(self, job_id, name):
        path = os.path.join(self.folder, os.path.basename(job_id), os.path.basename(name))
        return path if os.path.isfile(path) else None


def byte_range(header, size):
    """(first, last) of a ``Range: bytes=a-b`` header within ``size``; None for none."""
    match = RANGE.fullmatch((header or "").strip())
    if not match:
        return None
    first = int(match.group(1))
    last = min(size - 1, int(match.group(2))) if match.group(2) else size - 1
    return first, last

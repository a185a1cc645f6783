"""The ArcGIS REST response bodies, built from the core's results.

The Processing algorithms only turn these dicts into the ``f`` form the caller
asked for (json, pjson, html). Keys and fixed values are REST's, so scripts
written against exportTiles, estimateExportTilesSize and importTiles read them
unchanged.

The builders are pure: job ids, times and sizes come in as plain values, so the
same arguments always give the same body. ``new_job_id``, ``output_size`` and
``service_id`` are the few helpers that make those values (a random id, a walk
over the output, a path resolved through symlinks).
"""
import hashlib
import os
import uuid

#: exportTiles: the job ended well.
JOB_SUCCEEDED = "esriJobSucceeded"
#: exportTiles: the type of every job message we write.
INFORMATIVE = "esriJobMessageTypeInformative"
#: exportTiles: a message about tiles repaired or left out.
WARNING = "esriJobMessageTypeWarning"
#: exportTiles: the one result parameter, pointing at the package or cache folder.
RESULT_PARAM = "out_service_url"
#: How the job's last message writes the time it ended.
TIME_FORMAT = "%Y-%m-%d %H:%M:%S"
#: importTiles: the "type" of the service, a cache folder here.
SERVICE_TYPE = "Map Service"


def new_job_id():
    """A REST-looking job id: "j" and 32 hex digits."""
    return "j" + uuid.uuid4().hex


def output_size(path):
    """Bytes of a file, or of every file under a folder: the job's ``totalSize``."""
    if os.path.isfile(path):
        return os.path.getsize(path)
    total = 0
    for folder, _, names in os.walk(path):
        total += sum(os.path.getsize(os.path.join(folder, name)) for name in names)
    return total


def _message(description):
    return {"type": INFORMATIVE, "description": description}


def export_summary(result, total_size):
    """The job message that says what was exported; also the log line."""
    levels = ",".join(str(level) for level in result.levels)
    return (f"Exported {result.tile_count} tiles of levels {levels} "
            f"({total_size} bytes) to {result.output}")


def export_job_body(result, job_id, total_size, finished, elapsed):
    """The finished exportTiles job for an ExportResult.

    ``total_size``: bytes of the output (``output_size``); ``finished``: a
    ``datetime`` (local time) the job ended at; ``elapsed``: seconds it took.
    """
    return {
        "jobId": job_id,
        "jobStatus": JOB_SUCCEEDED,
        "results": {
            RESULT_PARAM: {
                "paramUrl": f"results/{RESULT_PARAM}",
                "paramName": RESULT_PARAM,
                "dataType": "GPDataFile",
                "value": result.output,
                "tileCount": result.tile_count,
                "totalSize": total_size,
                "levels": result.levels,
            },
        },
        "messages": [
            _message("Submitted."),
            _message("Executing..."),
            _message(export_summary(result, total_size)),
            *({"type": WARNING, "description": line}
              for line in result.tile_findings),
            _message(f"Succeeded at {finished.strftime(TIME_FORMAT)} "
                     f"(Elapsed Time: {elapsed:.2f} seconds)"),
        ],
    }


def estimate_body(plan):
    """The estimateExportTilesSize answer for an ExportPlan: tiles and their stored bytes."""
    return {"totalTilesToExport": plan.tile_count, "totalSize": plan.tile_bytes}


def service_id(folder):
    """A stable id per cache folder, as a service keeps its id between calls."""
    return hashlib.sha1(os.path.realpath(folder).encode("utf-8")).hexdigest()[:16]


def import_success_body(result, job_id, folder):
    """The importTiles success answer for an ImportResult; ``folder`` is the cache's folder."""
    return {
        "id": service_id(folder),
        "name": os.path.basename(os.path.normpath(folder)),
        "itemId": result.item_id,
        "status": "Success",
        "type": SERVICE_TYPE,
        "jobId": job_id,
        "message": "success",
    }


def error_body(exc):
    """The REST failure answer for a TileCacheError: its code and its one-line text."""
    return {"error": {"code": exc.code, "message": str(exc), "details": None}}

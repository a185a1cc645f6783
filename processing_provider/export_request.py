"""exporttiles and estimateexporttilessize, read once: the ExportRequest.

The parameters are read here, once per run, into plain values; the
algorithms switch once on ``request.source``, whose type says the input mode:

- ``CacheInput``: a cache folder, its conf.xml, a .tpk or .tpkx, an MBTiles, GeoPackage
  or XYZ folder (INPUT);
- ``ServiceInput``: an ArcGIS MapServer / ImageServer (INPUT a URL, or a layer
  showing one), reached through QGIS's network stack (service_input.py).

Map layers are drawn into tiles by createmaptilepackage (map_tile_input.py),
not here. The mode modules (export_from_cache, export_from_service) take the
request, never the algorithm. ``read_export_request(..., checking=True)``
is the cheap reading the checks before a run make: no polygon layer read, no
network, no renderer.
"""
import os
from dataclasses import dataclass
from typing import Optional, Union

from qgis.core import QgsProcessingUtils

from ..qgis_support.tr import tr
from ..tilecache.distributed.cluster import ClusterSpec
from ..tilecache.errors import ParameterError
from ..tilecache.packages import input_kind, kind_for_storage
from ..tilecache.pipeline.export import DEFAULT_MAX_TILES, ExportOptions
from ..tilecache.pipeline.sinks import check_output_name
from .export_parameters import EXPORT_BY, STORAGE_FORMATS
from .responses import response_format
from .service_input import ServiceInput, read_service_input, service_url_of


@dataclass(frozen=True)
class CacheInput:
    """A cache or package on disk (or on storage the cluster's workers share)."""
    path: str


@dataclass(frozen=True)
class ExportRequest:
    """Everything one exporttiles or estimateexporttilessize run was asked for."""
    source: Union[CacheInput, ServiceInput]
    options: ExportOptions
    #: The package file or cache folder written; None for the estimate.
    output: Optional[str]
    #: Where the bundles are produced: None for this machine.
    cluster: Optional[ClusterSpec]
    #: The REST ``f`` of the JOB output.
    response_format: str


def read_export_request(values, checking=False):
    """The ExportRequest of ``values`` (a ParameterValues)."""
    options = read_options(values, with_area=not checking)
    f = response_format(values)
    output = _output(values, options) if values.defines("OUTPUT") else None
    # CLUSTER is read for the run only: its errors are the run's, as they always were.
    cluster = ClusterSpec.parse(values.text("CLUSTER")) \
        if values.defines("CLUSTER") and not checking else None
    if (url := service_url_of(values)):
        source = read_service_input(values, url, checking)
    else:
        source = CacheInput(input_path(values))
    if output is not None and not values.is_temporary("OUTPUT"):
        check_output_name(output, options.storage_format, options.tile_package)
    return ExportRequest(source, options, output, cluster, f)


def read_options(values, with_area=True):
    """ExportOptions from the parameters.

    ``with_area=False`` skips reading a polygon layer, for the cheap checks
    made before the run.
    """
    storage = values.enum("storageFormatType", STORAGE_FORMATS, STORAGE_FORMATS[0])
    tile_package = values.boolean("tilePackage")
    if tile_package and kind_for_storage(storage) is None:
        raise ParameterError(tr(
            "storageFormatType: a tile package holds Compact V2 (.tpkx) or Compact V1 (.tpk) "
            "bundles; esriMapCacheStorageModeExploded needs tilePackage=false"))
    extent = values.extent("exportExtent")
    area = values.area("areaOfInterest") if with_area else None
    return ExportOptions(
        storage_format=storage,
        tile_package=tile_package,
        levels=values.text("levels") or None,
        export_by=values.enum("exportBy", EXPORT_BY, EXPORT_BY[0]),
        extent=extent[0] if extent else None,
        extent_sr=extent[1] if extent else None,
        area_of_interest=area[0] if area else None,
        area_sr=area[1] if area else None,
        optimize_tiles_for_size=values.boolean("optimizeTilesForSize"),
        compression_quality=values.whole_number("compressionQuality", None),
        max_tiles=values.whole_number("maxExportTilesCount", DEFAULT_MAX_TILES))


def input_path(values):
    """The INPUT path; a folder is fine although the GUI picker offers files."""
    path = values.file("INPUT")
    if not path:
        raise ParameterError(tr("INPUT: no tile cache or tile package given"))
    if not os.path.exists(path) and input_kind(path) is None:
        raise ParameterError(tr("{path}: no such file or folder").format(path=path))
    return path


def _output(values, options):
    """OUTPUT: the package file or the cache folder."""
    if values.is_temporary("OUTPUT"):
        # QGIS would name a temporary output after the first filter (.tpkx);
        # name it after what will really be written instead.
        extension = kind_for_storage(options.storage_format).extension \
            if options.tile_package else ""
        return QgsProcessingUtils.generateTempFilename("exported_tiles" + extension)
    path = values.file_output("OUTPUT")
    if not path:
        raise ParameterError(tr("OUTPUT: no output path given"))
    return path

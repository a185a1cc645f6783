"""Child process: GDAL reads tile windows of a cache folder's conf.xml or a .tpkx.

Run by testkit/other_readers.py, either with .venv's Python (Debian's GDAL
through ``osgeo``) or with .venv-readers' (GDAL 3.10 inside rasterio's
wheel). Standard library plus one of those only: it never imports this
project, whose dependencies the readers venv does not have.

    gdal_tiles.py DATASET JOB_JSON OUT_DIR

JOB_JSON: ``{"open_options": {...}, "tiles": [{"key": "L/R/C", "resolution": r,
"xmin": x, "ymax": y, "size": px}]}``, a tile's top-left corner in map units.
For each tile the script finds GDAL's level (full resolution or overview)
whose pixel size matches, places the tile by the dataset's geotransform (a
.tpkx opens cropped to its fullExtent), reads the part of it inside the raster
and writes those pixels to ``OUT_DIR/<key with _>.raw``, bands one after the
other. Prints one JSON line: GDAL's version, the driver, raster and block
size, band count, the CRS as WKT, and per tile ``[dx, dy, width, height]`` of the part read,
or why nothing was. A crash in GDAL kills only this process.
"""
import json
import os
import sys

#: Overviews are matched to LODs by resolution within this relative tolerance;
#: LODs of one scheme differ by far more (the closest seen: 12500 / 8000).
TOLERANCE = 0.01


class _OsgeoLevels:
    def __init__(self, path, options):
        from osgeo import gdal
        gdal.UseExceptions()
        self.version = gdal.__version__
        self.dataset = gdal.OpenEx(path, gdal.OF_RASTER,
                                   open_options=[f"{k}={v}" for k, v in options.items()])
        first = self.dataset.GetRasterBand(1)
        self.driver = self.dataset.GetDriver().ShortName
        self.block = first.GetBlockSize()
        self.bands = self.dataset.RasterCount
        self.transform = self.dataset.GetGeoTransform()
        self.wkt = self.dataset.GetProjection()
        self.size = (self.dataset.RasterXSize, self.dataset.RasterYSize)
        full = [self.dataset.GetRasterBand(i + 1) for i in range(self.bands)]
        self.levels = [full] + [[band.GetOverview(k) for band in full]
                                for k in range(first.GetOverviewCount())]
        self.count = len(self.levels)

    def level_size(self, index):
        band = self.levels[index][0]
        return band.XSize, band.YSize

    def read(self, index, window):
        return b"".join(band.ReadRaster(*window) for band in self.levels[index])


class _RasterioLevels:
    def __init__(self, path, options):
        import rasterio
        self.version = rasterio.__gdal_version__
        dataset = rasterio.open(path, **options)
        self.driver = dataset.driver
        self.block = list(dataset.block_shapes[0][::-1])
        self.bands = dataset.count
        self.transform = dataset.transform.to_gdal()
        self.wkt = dataset.crs.to_wkt() if dataset.crs else ""
        self.size = (dataset.width, dataset.height)
        self.datasets = [dataset] + [rasterio.open(path, overview_level=k, **options)
                                     for k in range(len(dataset.overviews(1)))]
        self.count = len(self.datasets)

    def level_size(self, index):
        return self.datasets[index].width, self.datasets[index].height

    def read(self, index, window):
        from rasterio.windows import Window
        return self.datasets[index].read(window=Window(*window)).tobytes()


def open_levels(path, options):
    try:
        return _OsgeoLevels(path, options)
    except ImportError:
        return _RasterioLevels(path, options)


def level_index(levels, resolution):
    """Index of the level (0 = full resolution) whose pixel size is ``resolution``, or None."""
    for index in range(levels.count):
        level_resolution = levels.transform[1] * levels.size[0] / levels.level_size(index)[0]
        if abs(level_resolution - resolution) <= TOLERANCE * resolution:
            return index
    return None


def place(levels, index, tile):
    """``(window, part)``: the tile's pixels inside level ``index`` as a GDAL window, and
    where they lie in the tile; a reason instead when there are none."""
    width, height = levels.level_size(index)
    # An overview's pixel size is the LOD's resolution; its width, a whole
    # number, only approximates the ratio.
    resolution = tile["resolution"]
    x = (tile["xmin"] - levels.transform[0]) / resolution
    y = (levels.transform[3] - tile["ymax"]) / resolution
    if abs(x - round(x)) > 1e-3 or abs(y - round(y)) > 1e-3:
        return "not on GDAL's pixel grid", None
    x, y, size = round(x), round(y), tile["size"]
    left, top = max(x, 0), max(y, 0)
    right, bottom = min(x + size, width), min(y + size, height)
    if right <= left or bottom <= top:
        return "outside the raster", None
    return (left, top, right - left, bottom - top), [left - x, top - y, right - left, bottom - top]


def main(dataset, job_path, out_dir):
    with open(job_path, encoding="utf-8") as job_file:
        job = json.load(job_file)
    levels = open_levels(dataset, job.get("open_options", {}))
    report = {"version": levels.version, "driver": levels.driver, "block": list(levels.block),
              "size": list(levels.size), "bands": levels.bands, "wkt": levels.wkt,
              "tiles": {}}
    for tile in job["tiles"]:
        index = level_index(levels, tile["resolution"])
        if index is None:
            report["tiles"][tile["key"]] = "no level at this resolution"
            continue
        window, part = place(levels, index, tile)
        if part is None:
            report["tiles"][tile["key"]] = window
            continue
        with open(os.path.join(out_dir, tile["key"].replace("/", "_") + ".raw"), "wb") as out:
            out.write(levels.read(index, window))
        report["tiles"][tile["key"]] = part
    print(json.dumps(report))


if __name__ == "__main__":
    main(*sys.argv[1:4])

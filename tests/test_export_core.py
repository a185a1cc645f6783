"""The export pipeline (tilecache.pipeline.export) over the two samples, without QGIS."""
import io
import json
import os
import struct
import zipfile

import pytest
from PIL import Image

from tile_package_tools.tilecache.feedback import CallbackFeedback
from tile_package_tools.tilecache.pipeline import export as ex
from tile_package_tools.tilecache.errors import (CancelledError, ParameterError,
                                                 TileCacheError, TileLimitError)
from tile_package_tools.tilecache.params.geometry_input import parse_area_of_interest, parse_extent
from tile_package_tools.tilecache.pipeline.opening import open_cache

from tile_package_tools.testkit.caches import read_tiles
from tile_package_tools.testkit.samples import SAMPLE_TPK, SAMPLE_V2
from tile_package_tools.testkit.schemes import (EXPLODED_TEXT as EXPLODED, V1_TEXT as V1,
                                                V2_TEXT as V2, WORLD)
from tile_package_tools.testkit.trees import temporaries

V2_SAMPLE, TPK_SAMPLE = str(SAMPLE_V2), str(SAMPLE_TPK)
#: (storage format, tilePackage, output name)
OUTPUT_KINDS = [(V2, False, "v2"), (V1, False, "v1"), (EXPLODED, False, "exploded"),
                (V2, True, "out.tpkx"), (V1, True, "out.tpk")]


def export(source, output, **options):
    return ex.export_tiles(source, str(output), ex.ExportOptions(**options))


@pytest.mark.parametrize("source", [V2_SAMPLE, os.path.join(V2_SAMPLE, "conf.xml"), TPK_SAMPLE],
                         ids=["v2-folder", "conf.xml", "tpk"])
@pytest.mark.parametrize("storage,package,name", OUTPUT_KINDS, ids=[k[2] for k in OUTPUT_KINDS])
def test_every_output_kind_holds_the_source_tiles_unchanged(tmp_path, source, storage,
                                                            package, name):
    result = export(source, tmp_path / name, storage_format=storage, tile_package=package)
    expected = read_tiles(source)
    assert result.tile_count == len(expected) and result.tile_bytes == sum(
        len(data) for data in expected.values())
    assert read_tiles(result.output) == expected
    assert temporaries(tmp_path) == []


@pytest.mark.parametrize("storage,package,name", OUTPUT_KINDS, ids=[k[2] for k in OUTPUT_KINDS])
def test_outputs_of_the_tool_export_again_unchanged(tmp_path, storage, package, name):
    first = export(V2_SAMPLE, tmp_path / name, storage_format=storage, tile_package=package)
    second = export(first.output, tmp_path / "again.tpkx", tile_package=True)
    assert read_tiles(second.output) == read_tiles(V2_SAMPLE)


def test_whole_bundles_are_block_copied_with_documented_header(tmp_path):
    result = export(V2_SAMPLE, tmp_path / "v2")
    assert result.blocks_copied == 3
    for level in (0, 1, 2):
        path = tmp_path / "v2" / "_alllayers" / f"L{level:02d}" / "R0000C0000.bundle"
        head = struct.unpack("<4I3Q6I", path.read_bytes()[:64])
        version, records, _largest, offset_bytes, _slack, size, user_offset, user_size, \
            *legacy, index_size = head
        assert (version, records, offset_bytes) == (3, 16384, 5)
        assert (user_offset, user_size, index_size) == (40, 131092, 131072)
        assert legacy == [3, 16, 16384, 5]
        assert size == path.stat().st_size


def test_tpkx_layout(tmp_path):
    result = export(V2_SAMPLE, tmp_path / "out.tpkx", tile_package=True)
    with zipfile.ZipFile(result.output) as archive:
        infos = archive.infolist()
        assert all(info.compress_type == zipfile.ZIP_STORED for info in infos)
        names = {info.filename for info in infos}
        assert {"root.json", "iteminfo.json", "thumbnail.png",
                "tile/L00/R0000C0000.bundle"} <= names
        with Image.open(io.BytesIO(archive.read("thumbnail.png"))) as thumb:
            thumb.load()
            assert thumb.size == (200, 133)
        item = json.loads(archive.read("iteminfo.json"))
        root = json.loads(archive.read("root.json"))
    assert item["type"] == "Compact Tile Package" and item["guid"]
    assert item["title"] and item["summary"] and item["tags"]
    assert (root["minLOD"], root["maxLOD"]) == (0, 2)


def test_tpk_layout_and_new_guid(tmp_path):
    result = export(TPK_SAMPLE, tmp_path / "out.tpk", storage_format=V1, tile_package=True)
    with zipfile.ZipFile(result.output) as archive, zipfile.ZipFile(TPK_SAMPLE) as source:
        assert all(info.compress_type == zipfile.ZIP_STORED for info in archive.infolist())
        names = set(archive.namelist())
        assert {"v101/Layers/conf.xml", "v101/Layers/conf.cdi", "esriinfo/iteminfo.xml",
                "esriinfo/item.pkinfo", "esriinfo/thumbnail/thumbnail.png",
                "servicedescriptions/mapserver/mapserver.json",
                "v101/Layers/_alllayers/L00/R0000C0000.bundlx"} <= names
        mapserver = json.loads(archive.read("servicedescriptions/mapserver/mapserver.json"))
        assert mapserver["contents"]["minScale"] > mapserver["contents"]["maxScale"] > 0
        with Image.open(io.BytesIO(archive.read("esriinfo/thumbnail/thumbnail.png"))) as thumb:
            assert thumb.size == (200, 133)
        new_item = archive.read("esriinfo/iteminfo.xml").decode()
        old_item = source.read("esriinfo/iteminfo.xml").decode()
    with open_cache(TPK_SAMPLE) as reader, open_cache(result.output) as out:
        assert out.item_info.guid != reader.item_info.guid
        assert out.item_info.title == reader.item_info.title
    assert "<title>" in new_item and "<title>" in old_item


def test_gdal_reads_an_exported_v2_folder_like_the_source_tiles(tmp_path):
    from osgeo import gdal
    import numpy as np
    result = export(V2_SAMPLE, tmp_path / "v2", levels="1-2")
    dataset = gdal.Open(os.path.join(result.output, "conf.xml"))
    assert dataset.GetDriver().ShortName == "ESRIC"
    # The sample's 20 LODs are all listed, as ArcGIS lists them: the finest
    # (level 19) is the full-resolution raster, each coarser LOD the next
    # overview, so level z is overview 18 - z, 2^z x 2^z tiles.
    assert (dataset.RasterXSize, dataset.RasterYSize) == (256 * 2 ** 19, 256 * 2 ** 19)
    tiles = read_tiles(V2_SAMPLE)
    for level, row, col in [(2, 1, 2), (1, 1, 0)]:
        with Image.open(io.BytesIO(tiles[(level, row, col)])) as image:
            expected = np.asarray(image.convert("RGB"), dtype=np.int16)
        bands = [dataset.GetRasterBand(i).GetOverview(18 - level) for i in (1, 2, 3)]
        assert bands[0].XSize == 256 * 2 ** level
        got = np.dstack([band.ReadAsArray(col * 256, row * 256, 256, 256)
                         for band in bands]).astype(np.int16)
        assert np.abs(got - expected).max() <= 2


def test_tile_limit_refused_before_writing(tmp_path):
    with pytest.raises(TileLimitError) as caught:
        export(V2_SAMPLE, tmp_path / "out.tpkx", tile_package=True, max_tiles=20)
    assert "21" in str(caught.value) and "20" in str(caught.value)
    assert os.listdir(tmp_path) == []
    assert export(V2_SAMPLE, tmp_path / "ok", max_tiles=0).tile_count == 21


def test_unknown_level_lists_the_cache_levels(tmp_path):
    with pytest.raises(ParameterError) as caught:
        export(V2_SAMPLE, tmp_path / "x", levels="25")
    assert "25" in str(caught.value) and "0-19" in str(caught.value)
    with pytest.raises(ParameterError) as caught:
        export(V2_SAMPLE, tmp_path / "x", levels="123", export_by="Scale")
    assert "591657527" in str(caught.value)
    assert os.listdir(tmp_path) == []


def test_levels_by_scale_and_resolution_with_tolerance(tmp_path):
    by_scale = export(V2_SAMPLE, tmp_path / "s", levels="591658000,147914000",
                      export_by="scale")
    by_resolution = export(V2_SAMPLE, tmp_path / "r", levels="78271.52", export_by="Resolution")
    assert by_scale.levels == [0, 2] and by_resolution.levels == [1]
    # What was written, not only what the result says: the sample's tiles of those levels.
    sample = read_tiles(V2_SAMPLE)
    for result, levels in ((by_scale, {0, 2}), (by_resolution, {1})):
        assert read_tiles(result.output) == {key: data for key, data in sample.items()
                                             if key.level in levels}


def test_extent_in_wgs84_selects_level_two_subset(tmp_path):
    extent, sr = parse_extent('{"xmin":-10,"ymin":-10,"xmax":80,"ymax":60,'
                              '"spatialReference":{"wkid":4326}}')
    result = export(V2_SAMPLE, tmp_path / "e", levels="2", extent=extent, extent_sr=sr)
    # x -10..80 degrees covers columns 1 and 2, y -10..60 rows 1 and 2.
    assert set(read_tiles(result.output)) == {(2, 1, 1), (2, 1, 2), (2, 2, 1), (2, 2, 2)}
    # conf.cdi holds what was exported: the extent, not the source's whole world.
    with open_cache(result.output) as reader:
        box = reader.full_extent
    assert -1113195 < box.xmin < -1113194 and 8905559 < box.xmax < 8905560
    assert -1118890 < box.ymin < -1118889 and 8399737 < box.ymax < 8399738


def test_area_of_interest_with_hole_skips_edge_touching_tiles(tmp_path):
    edge = WORLD / 2
    outer = [[-WORLD, -WORLD], [-WORLD, WORLD], [WORLD, WORLD],
             [WORLD, -WORLD], [-WORLD, -WORLD]]
    hole = [[-edge, -edge], [edge, -edge], [edge, edge], [-edge, edge], [-edge, -edge]]
    area, sr = parse_area_of_interest(json.dumps({"features": [{"geometry": {
        "rings": [outer, hole], "spatialReference": {"wkid": 102100}}}]}))
    extent, extent_sr = parse_extent("0,0,1,1")  # superseded by the area
    result = export(V2_SAMPLE, tmp_path / "a", levels="2", area_of_interest=area, area_sr=sr,
                    extent=extent, extent_sr=extent_sr)
    keys = set(read_tiles(result.output))
    # The hole is exactly the four middle tiles; the ring touches them only along edges.
    assert len(keys) == 12 and not keys & {(2, 1, 1), (2, 1, 2), (2, 2, 1), (2, 2, 2)}


def test_optimize_tiles_for_size_shrinks_jpegs(tmp_path):
    result = export(V2_SAMPLE, tmp_path / "q", optimize_tiles_for_size=True,
                    compression_quality=10)
    source, output = read_tiles(V2_SAMPLE), read_tiles(result.output)
    assert set(source) == set(output) and result.blocks_copied == 0
    assert all(len(output[key]) <= len(source[key]) for key in source)
    assert sum(map(len, output.values())) < sum(map(len, source.values())) / 2
    assert all(data[:3] == b"\xff\xd8\xff" for data in output.values())
    conf = (tmp_path / "q" / "conf.xml").read_text()
    assert "<CompressionQuality>10</CompressionQuality>" in conf


def test_optimize_reencodes_the_jpeg_tiles_of_mixed_caches(tmp_path):
    mixed = export(V2_SAMPLE, tmp_path / "mixed", levels="0")
    conf = tmp_path / "mixed" / "conf.xml"
    conf.write_text(conf.read_text().replace("<CacheTileFormat>JPEG<", "<CacheTileFormat>MIXED<"))
    result = export(mixed.output, tmp_path / "out", optimize_tiles_for_size=True,
                    compression_quality=10)
    (key, before), = read_tiles(mixed.output).items()
    after = read_tiles(result.output)[key]
    assert len(after) < len(before) and after[:3] == b"\xff\xd8\xff"


def test_optimize_leaves_png_tiles_alone(tmp_path):
    result = export(TPK_SAMPLE, tmp_path / "p.tpk", storage_format=V1, tile_package=True,
                    optimize_tiles_for_size=True, compression_quality=10)
    assert read_tiles(result.output) == read_tiles(TPK_SAMPLE) and result.blocks_copied == 2


def test_cancel_after_first_bundle_leaves_nothing(tmp_path):
    calls = []

    def progress(fraction, message):
        calls.append(message)

    def cancelled():
        return sum(1 for message in calls if message.startswith("Level")) >= 1

    for name, package in (("c.tpkx", True), ("c", False)):
        with pytest.raises(CancelledError):
            ex.export_tiles(V2_SAMPLE, str(tmp_path / name), ex.ExportOptions(
                tile_package=package), CallbackFeedback(progress, cancelled))
        calls.clear()
    assert os.listdir(tmp_path) == []


def test_estimate_counts_tiles_and_bytes():
    estimate = ex.estimate_export(V2_SAMPLE, ex.ExportOptions())
    tiles = read_tiles(V2_SAMPLE)
    assert estimate["totalTilesToExport"] == 21 == len(tiles)
    assert estimate["totalSize"] == sum(len(data) for data in tiles.values())


def test_package_name_contradicting_storage_is_an_error(tmp_path):
    for name, storage, package in (("x.tpk", V2, True), ("x.tpkx", V1, True),
                                   ("x.tpkx", V2, False), ("x.tpk", EXPLODED, True)):
        with pytest.raises(TileCacheError):
            export(V2_SAMPLE, tmp_path / name, storage_format=storage, tile_package=package)
    assert os.listdir(tmp_path) == []


class _ProducingSource:
    """A source that only says which bundles it can produce, like a renderer or a
    remote service: planning must count slots, never open a bundle."""

    counts_exactly = False

    def __init__(self, reader):
        self._reader = reader
        self.scheme, self.path, self.item_info = reader.scheme, reader.path, None
        self.full_extent = reader.full_extent

    def levels(self):
        return self._reader.levels()

    def bundles(self, level):
        return self._reader.bundles(level)

    def open_bundle(self, key):
        raise AssertionError("planning opened a bundle of a producing source")


def test_plan_of_a_producing_source_counts_selected_slots_without_opening_bundles():
    from tile_package_tools.tilecache.pipeline.export_plan import plan_export
    with open_cache(SAMPLE_V2) as reader:
        exact = plan_export(reader, ex.ExportOptions(levels="0-2"))
        bounded = plan_export(_ProducingSource(reader), ex.ExportOptions(levels="0-2"))
    # Levels 0-2 of the world: 1 + 4 + 16 slots inside the full extent, every
    # one of which the ArcGIS sample holds.
    assert bounded.tile_count == 21 == exact.tile_count
    assert bounded.tile_bytes == 0
    assert [b.key for b in bounded.bundles] == [b.key for b in exact.bundles]


def test_a_package_of_scattered_coarse_tiles_has_a_thumbnail(tmp_path):
    # Two tiles on a diagonal: the window around the median row and column holds
    # neither; the export once failed there with "max() arg is an empty sequence".
    from tile_package_tools.testkit.caches import make_v2_cache
    from tile_package_tools.testkit.tiles import noise_tile
    make_v2_cache(str(tmp_path / "cache"), {3: (0, 7, 0, 7)},
                  lambda z, r, c: noise_tile(z, r, c) if (r, c) in ((0, 7), (7, 0)) else None)
    result = export(tmp_path / "cache", tmp_path / "out.tpkx", tile_package=True)
    with zipfile.ZipFile(result.output) as archive:
        with Image.open(io.BytesIO(archive.read("thumbnail.png"))) as thumb:
            colours = thumb.convert("RGB").getcolors(1 << 16)
    assert len(colours) > 1  # the tile's noise, not the plain grey of "no tile decodes"


def test_transparent_pixels_of_a_palette_tile_are_white_in_the_thumbnail():
    # A PNG8 tile as ArcGIS and our renderer write it: palette alpha in tRNS
    # bytes, transparent entries black. Converted straight to RGB they were black
    # (and Pillow warned); over the canvas they are white.
    import warnings
    from tile_package_tools.tilecache.metadata.thumbnail import make_thumbnail
    tile = Image.new("P", (256, 256), 0)
    tile.putpalette([0, 0, 0, 200, 30, 30])
    tile.paste(1, (0, 0, 128, 256))
    out = io.BytesIO()
    tile.save(out, "PNG", transparency=bytes([0, 255]))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        data = make_thumbnail([(0, 0, out.getvalue())], 256, 256)
    with Image.open(io.BytesIO(data)) as thumb:
        rgb = thumb.convert("RGB")
        assert rgb.getpixel((10, 66)) == (200, 30, 30)
        assert rgb.getpixel((190, 66)) == (255, 255, 255)

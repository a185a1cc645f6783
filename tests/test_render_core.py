"""The render TileSource without QGIS: a fake map (testkit/fake_map.py) drawn into tiles.

Checks: seams (tiles side by side equal one render of their area), tiles per
level equal the tiles that hold something, blank tiles neither stored nor
(outside the data) rendered, every tile format decodes as what it claims,
schemes taken from files, resume after a failure, merge into a cache.
"""
import glob
import io
import os
import signal
import subprocess
import sys
import time

import numpy as np
import pytest
from PIL import Image

from tile_package_tools.testkit.caches import read_tiles, write_cache
from tile_package_tools.testkit.fake_map import FakeMap, mosaic
from tile_package_tools.testkit.schemes import web_mercator
from tile_package_tools.testkit.tiles import marked_tile
from tile_package_tools.tilecache import Extent, TileKey
from tile_package_tools.tilecache.errors import CancelledError, ParameterError
from tile_package_tools.tilecache.feedback import CallbackFeedback
from tile_package_tools.tilecache.pipeline.export_plan import ExportOptions
from tile_package_tools.tilecache.pipeline.output_target import existing_cache
from tile_package_tools.tilecache.render.encoding import encode_tile
from tile_package_tools.tilecache.render.export_render import export_rendered, rendered_source
from tile_package_tools.tilecache.render.journal import journal_path
from tile_package_tools.tilecache.render.metatiles import plan_blocks
from tile_package_tools.tilecache.render.renderer import FunctionRenderer
from tile_package_tools.tilecache.render.schemes import arcgis_online_scheme, scheme_from_file
from tile_package_tools.tilecache.render.source import RenderSettings

DATA = Extent(-1.4e7, -1.0e7, 1.4e7, 1.0e7)


def render_to(output, fake=None, levels="0-3", settings=None, scheme=None, data=DATA,
              **options):
    fake = fake or FakeMap()
    scheme = scheme or arcgis_online_scheme()
    source = rendered_source(scheme.with_changes(full_extent=data), settings or RenderSettings(),
                             FunctionRenderer(fake.render), str(output))
    options.setdefault("tile_package", str(output).endswith(".tpkx"))
    return export_rendered(source, str(output), ExportOptions(levels=levels, **options))


def test_builtin_scheme_is_arcgis_online():
    scheme = arcgis_online_scheme()
    assert len(scheme.lods) == 24
    assert (scheme.origin_x, scheme.origin_y) == (-20037508.342787, 20037508.342787)
    assert (scheme.tile_width, scheme.dpi) == (256, 96)
    assert scheme.spatial_reference.epsg == 3857
    assert scheme.lod(0).scale == pytest.approx(591657527.591555)


def test_tiles_side_by_side_equal_one_render_across_metatiles_and_bundles(tmp_path):
    # Level 8 around (0, 0): four bundles meet there, and 2 x 2 tile metatiles
    # with a 16 px margin cut the disc's ring at many edges.
    settings = RenderSettings(tile_format="PNG32", metatile=2, margin=16)
    area = Extent(-1.5e6, -1.5e6, 1.5e6, 1.5e6)
    result = render_to(tmp_path / "out", levels="8", settings=settings, extent=area)
    scheme = arcgis_online_scheme()
    window = scheme.tile_window(scheme.lod(8), area)
    tiles = read_tiles(result.output)
    assert {key.bundle for key in tiles} == {(8, 0, 0), (8, 0, 128), (8, 128, 0), (8, 128, 128)}
    extent = scheme.tiles_footprint(8, *window)
    whole = FakeMap().render(extent, (window[3] - window[2] + 1) * 256,
                             (window[1] - window[0] + 1) * 256)
    assert np.array_equal(mosaic(tiles.items(), 8, window), whole)


def _tiles_holding_something(scheme, level, data):
    fake, count = FakeMap(), 0
    window = scheme.tile_window(scheme.lod(level), data)
    for row in range(window[0], window[1] + 1):
        for col in range(window[2], window[3] + 1):
            pixels = fake.render(scheme.tile_footprint(TileKey(level, row, col)), 256, 256)
            count += bool(pixels[..., 3].any())
    return count


def test_tiles_per_level_are_the_tiles_that_hold_something(tmp_path):
    result = render_to(tmp_path / "out.tpkx", levels="0-4")
    tiles = read_tiles(result.output)
    scheme = arcgis_online_scheme()
    for level in range(5):
        stored = sum(1 for key in tiles if key.level == level)
        assert stored == _tiles_holding_something(scheme, level, DATA), level
    assert result.tile_count == len(tiles)
    assert not os.path.exists(journal_path(result.output))


def test_nothing_is_rendered_outside_the_data_or_the_extent(tmp_path):
    fake = FakeMap()
    area = Extent(-1.0e6, -1.0e6, 1.0e6, 1.0e6)
    render_to(tmp_path / "out", fake=fake, levels="6",
              settings=RenderSettings(metatile=4, margin=8), extent=area)
    scheme = arcgis_online_scheme()
    window = scheme.tile_window(scheme.lod(6), area)
    assert fake.calls == len(plan_blocks(window, 4))
    with pytest.raises(ParameterError, match="nothing to render"):
        render_to(tmp_path / "none", levels="3", data=Extent(1.9e7, -1.99e7, 1.99e7, -1.9e7),
                  extent=Extent(-1e6, -1e6, 1e6, 1e6))


@pytest.mark.parametrize("fmt, flat_mode, busy_mode, flat_kind", [
    ("PNG", "P", "RGBA", "PNG"), ("PNG8", "P", "P", "PNG"), ("PNG24", "RGB", "RGB", "PNG"),
    ("PNG32", "RGBA", "RGBA", "PNG"), ("JPEG", "RGB", "RGB", "JPEG"),
])
def test_tile_formats_decode_as_claimed(fmt, flat_mode, busy_mode, flat_kind):
    flat = np.zeros((256, 256, 4), np.uint8)
    flat[:100] = (30, 120, 40, 255)
    busy = np.random.default_rng(1).integers(0, 255, (256, 256, 4), dtype=np.uint8)
    busy[..., 3] = np.where(busy[..., 3] > 127, 255, 90)
    for pixels, mode in ((flat, flat_mode), (busy, busy_mode)):
        image = Image.open(io.BytesIO(encode_tile(pixels, fmt)))
        assert (image.format, image.mode) == (flat_kind, mode)
    if fmt == "PNG":  # lossless: PNG8 only where it changes nothing
        decoded = np.asarray(Image.open(io.BytesIO(encode_tile(flat, fmt))).convert("RGBA"))
        assert np.array_equal(decoded[:100], flat[:100]) and not decoded[100:, :, 3].any()


def test_mixed_chooses_per_tile_and_blank_tiles_are_dropped(tmp_path):
    result = render_to(tmp_path / "mixed", levels="4", settings=RenderSettings("MIXED"))
    kinds = {Image.open(io.BytesIO(data)).format for data in read_tiles(result.output).values()}
    assert kinds == {"JPEG", "PNG"}  # inside a disc: opaque; at its edge: transparent parts
    assert encode_tile(np.zeros((256, 256, 4), np.uint8), "PNG") is None
    white = np.full((256, 256, 4), 255, np.uint8)
    assert encode_tile(white, "JPEG", background=(255, 255, 255, 255)) is None


def test_scheme_from_a_cache_conf_xml_and_a_tiling_scheme_file(tmp_path):
    utm = web_mercator(tile_format="PNG", lod_count=4, origin=(-5120900.0, 9998100.0),
                       wkid=32633, tile_size=512)
    cache = write_cache(str(tmp_path / "utm"), utm, {TileKey(0, 0, 0): marked_tile(0, 0, 0)})
    scheme = scheme_from_file(os.path.join(cache, "conf.xml"))
    assert (scheme.origin_x, scheme.tile_width, scheme.spatial_reference.epsg) == \
        (-5120900.0, 512, 32633)
    conf = open(os.path.join(cache, "conf.xml"), encoding="utf-8").read()
    body = conf[conf.index("<TileCacheInfo"):conf.index("</TileCacheInfo>") + 16].replace(
        "<TileCacheInfo", '<TileCacheInfo xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
        'xmlns:typens="http://www.esri.com/schemas/ArcGIS/10.1"', 1)
    tiling = tmp_path / "scheme.xml"
    tiling.write_text('<?xml version="1.0" encoding="utf-8"?>\n' + body, encoding="utf-8")
    assert scheme_from_file(str(tiling)).lods == scheme.lods


def test_rendered_tiles_line_up_with_a_non_web_mercator_cache(tmp_path):
    # Level 6: tiles of about 2,400 km, so the disc spans several, across metatiles.
    utm = web_mercator(tile_format="PNG", lod_count=7, origin=(-5120900.0, 9998100.0),
                       wkid=32633, tile_size=512)
    cache = write_cache(str(tmp_path / "utm"), utm, {TileKey(2, 3, 3): marked_tile(2, 3, 3)})
    discs = ((-4.0e6, 8.0e6, 1.0e6),)
    data = Extent(-5.1e6, 6.9e6, -2.9e6, 9.1e6)
    result = render_to(tmp_path / "out", fake=FakeMap(discs), levels="6",
                       scheme=scheme_from_file(cache), data=data,
                       settings=RenderSettings(metatile=2, margin=8))
    tiles = read_tiles(result.output)
    # Each tile placed from the cache's origin and level 6's resolution, worked
    # out here rather than by the scheme code under test.
    span = utm.lod(6).resolution * 512
    rows = range(int((9998100.0 - data.ymax) // span), int((9998100.0 - data.ymin) // span) + 1)
    cols = range(int((data.xmin + 5120900.0) // span), int((data.xmax + 5120900.0) // span) + 1)
    expected = {}
    for row in rows:
        for col in cols:
            left, top = -5120900.0 + col * span, 9998100.0 - row * span
            pixels = FakeMap(discs).render(Extent(left, top - span, left + span, top), 512, 512)
            if pixels[..., 3].any():
                expected[TileKey(6, row, col)] = pixels
    assert expected and set(tiles) == set(expected)
    for key, data_bytes in tiles.items():
        decoded = np.asarray(Image.open(io.BytesIO(data_bytes)).convert("RGBA"))
        drawn = decoded[..., 3] > 0
        assert np.array_equal(drawn, expected[key][..., 3] > 0), key
        assert np.array_equal(decoded[drawn], expected[key][drawn]), key


def test_resume_after_a_failure_renders_only_what_was_not_finished(tmp_path):
    output = tmp_path / "out.tpkx"
    settings = RenderSettings(metatile=2, margin=8)
    reference = render_to(tmp_path / "ref.tpkx", levels="0-5", settings=settings)
    total = FakeMap()
    render_to(tmp_path / "count.tpkx", fake=total, levels="0-5", settings=settings)
    with pytest.raises(RuntimeError):
        render_to(output, fake=FakeMap(fail_after=total.calls * 3 // 4), levels="0-5",
                  settings=settings)
    assert not output.exists() and os.path.isdir(journal_path(output))
    again = FakeMap()
    result = render_to(output, fake=again, levels="0-5", settings=settings)
    # Level 5 is one bundle, the one in flight when the run failed: only it is drawn again.
    in_flight = FakeMap()
    render_to(tmp_path / "level5.tpkx", fake=in_flight, levels="5", settings=settings)
    assert again.calls == in_flight.calls < total.calls
    assert read_tiles(result.output) == read_tiles(reference.output)
    assert not os.path.exists(journal_path(output))


def test_cancel_leaves_no_output(tmp_path):
    fake = FakeMap()
    source = rendered_source(arcgis_online_scheme().with_changes(full_extent=DATA),
                             RenderSettings(metatile=2),
                             FunctionRenderer(fake.render), str(tmp_path / "out"))
    feedback = CallbackFeedback(is_cancelled=lambda: fake.calls >= 3)
    with pytest.raises(CancelledError) as caught:
        export_rendered(source, str(tmp_path / "out"), ExportOptions(levels="0-5"), feedback)
    assert fake.calls == 3
    assert sorted(os.listdir(tmp_path)) == ["out.render-journal"]
    # Levels 0 and 1 (one metatile each) are finished: the message says what is kept,
    # where, and how to discard it, instead of "nothing was written".
    assert str(caught.value) == (
        "Cancelled by the user; the output was not written. The 2 bundles rendered so far "
        f"are kept in {tmp_path / 'out.render-journal'}: the same command run again renders "
        "only the rest; delete that folder to discard them.")


def test_render_merges_into_an_existing_cache(tmp_path):
    scheme = web_mercator(tile_format="PNG", lod_count=6)
    kept = {TileKey(5, 0, 0): marked_tile(5, 0, 0), TileKey(5, 15, 16): marked_tile(5, 15, 16)}
    cache = write_cache(str(tmp_path / "cache"), scheme, kept)
    target = existing_cache(cache)
    assert target is not None and existing_cache(str(tmp_path)) is None
    assert existing_cache(cache, tile_package=True) is None
    source = rendered_source(target.scheme.with_changes(full_extent=Extent(-3e6, -3e6, 3e6, 3e6)),
                             RenderSettings(), FunctionRenderer(FakeMap().render), cache)
    result = export_rendered(source, cache, ExportOptions(levels="5"))
    tiles = read_tiles(cache)
    assert tiles[TileKey(5, 0, 0)] == kept[TileKey(5, 0, 0)]
    assert tiles[TileKey(5, 15, 16)] != kept[TileKey(5, 15, 16)]  # replaced by the render
    assert result.tile_count == len(tiles) - 1
    assert not os.path.exists(journal_path(cache))


@pytest.mark.slow  # kill -9 of a child render
def test_resume_after_sigkill_gives_the_tiles_of_an_uninterrupted_run(tmp_path):
    from tile_package_tools.testkit import render_worker
    from tile_package_tools.testkit.workers import RENDER_WORKER, child_env
    reference = render_worker.render(str(tmp_path / "ref"), "0-4", FakeMap())
    output = str(tmp_path / "out")
    child = subprocess.Popen([sys.executable, str(RENDER_WORKER), output, "0-4", "0.02"],
                             env=child_env())
    journal = journal_path(output)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and child.poll() is None:
        finished = glob.glob(os.path.join(journal, "L0*", "*.npy"))
        if len(finished) >= 3:
            break
        time.sleep(0.01)
    child.send_signal(signal.SIGKILL)
    child.wait()
    assert len(finished) >= 3 and not os.path.exists(output)
    again = FakeMap()
    result = render_worker.render(output, "0-4", again)
    # Levels 0-4 are one bundle each: the three finished ones are not drawn again.
    assert 0 < again.calls <= _calls(tmp_path, "3-4") < _calls(tmp_path, "0-4")
    assert read_tiles(result.output) == read_tiles(reference.output)


def _calls(tmp_path, levels):
    from tile_package_tools.testkit import render_worker
    fake = FakeMap()
    render_worker.render(str(tmp_path / f"count{levels}"), levels, fake)
    return fake.calls


@pytest.mark.slow  # seconds of paced drawing
def test_the_time_left_follows_the_rate_so_far(tmp_path):
    # Every metatile costs about the same (40 ms of drawing plus its encoding),
    # so the estimate, made from the rate so far, must come within a factor of
    # two of the time the render really still took; and it says nothing before
    # a second has passed, when a rate would be noise.
    import re
    fake = FakeMap()

    def slow(extent, width, height):
        time.sleep(0.04)
        return fake.render(extent, width, height)

    said, started = [], time.monotonic()

    def progress(_fraction, message):
        if message and " metatiles" in message:
            said.append((time.monotonic() - started, message))

    source = rendered_source(arcgis_online_scheme().with_changes(full_extent=DATA),
                             RenderSettings(), FunctionRenderer(slow), str(tmp_path / "out"))
    export_rendered(source, str(tmp_path / "out"), ExportOptions(levels="5-6"),
                    CallbackFeedback(progress=progress))
    finished = said[-1][0]
    pattern = re.compile(r"of \d+ metatiles(?:, about (\d+) s left)?$")
    estimates = []
    for elapsed, message in said:
        left = pattern.search(message).group(1)
        if left is not None:
            assert elapsed >= 1.0, message
            estimates.append((int(left), finished - elapsed))
    assert len(estimates) > 5
    for left, truth in estimates:
        assert truth / 2 - 1 <= left <= truth * 2 + 1, (left, truth)

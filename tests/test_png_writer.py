"""Rendered tiles written as unfiltered PNG (render/png_writer.py) decode exactly everywhere.

A writer and its reader can share a mistake, so the bytes are decoded by
three decoders that share no code with the writer: Pillow, Qt (libpng), and
GDAL 3.6 and 3.10 in child processes. Random images cover both colour types,
odd sizes and every alpha value; the encoder keeps Pillow's filtered PNG only
where that is smaller (photos), and a flat map tile stays unfiltered.
"""
import hashlib
import io
import subprocess
import sys
import zlib

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st
from PIL import Image

from tile_package_tools.testkit.other_readers import readers_env, readers_python
from tile_package_tools.tilecache.render import png_writer
from tile_package_tools.tilecache.render.encoding import encode_tile

#: Band count and SHA-1 of the band-sequential pixels GDAL reads from each PNG given:
#: Debian's GDAL 3.6 through osgeo, GDAL 3.10 through the rasterio wheel.
GDAL_DIGESTS = ("import hashlib, sys\n"
                "try:\n"
                "    from osgeo import gdal\n"
                "    gdal.UseExceptions()\n"
                "    def read(path):\n"
                "        ds = gdal.Open(path)\n"
                "        return ds.RasterCount, ds.ReadRaster(), gdal.__version__\n"
                "except ImportError:\n"
                "    import rasterio\n"
                "    def read(path):\n"
                "        with rasterio.open(path) as ds:\n"
                "            return ds.count, ds.read().tobytes(), rasterio.__gdal_version__\n"
                "for path in sys.argv[1:]:\n"
                "    bands, data, version = read(path)\n"
                "    print(bands, hashlib.sha1(data).hexdigest(), version)\n")


def _pixels(seed, height, width, samples, colours):
    """An image of ``colours`` random colours in random runs: map-like when few, noise when
    many (alpha takes every value, partial ones included)."""
    rng = np.random.default_rng(seed)
    palette = rng.integers(0, 256, (colours, samples), dtype=np.uint8)
    runs = rng.integers(0, colours, (height, max(1, width // 7) + 1))
    return palette[np.repeat(runs, 7, axis=1)[:, :width]]


def _band_sequential_sha1(pixels):
    return hashlib.sha1(np.ascontiguousarray(pixels.transpose(2, 0, 1)).tobytes()).hexdigest()


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 10**6), st.integers(1, 300), st.integers(1, 300), st.sampled_from([3, 4]),
       st.sampled_from([1, 5, 300, 5000]))
def test_pillow_decodes_exactly_what_was_written(seed, height, width, samples, colours):
    pixels = _pixels(seed, height, width, samples, colours)
    data = png_writer.unfiltered_png(pixels)
    with Image.open(io.BytesIO(data)) as image:
        image.load()  # Pillow checks every chunk's CRC here
        assert image.mode == ("RGBA" if samples == 4 else "RGB")
        assert (np.asarray(image) == pixels).all()


def test_the_layout_is_the_specifications():
    pixels = _pixels(1, 3, 2, 4, 4)
    data = png_writer.unfiltered_png(pixels)
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert data[8:33] == (b"\x00\x00\x00\x0dIHDR" + b"\x00\x00\x00\x02\x00\x00\x00\x03"
                          b"\x08\x06\x00\x00\x00" + zlib.crc32(
                              b"IHDR\x00\x00\x00\x02\x00\x00\x00\x03\x08\x06\x00\x00\x00")
                          .to_bytes(4, "big"))
    assert data.endswith(b"\x00\x00\x00\x00IEND\xaeB`\x82")
    raw = zlib.decompress(data[41:-16])
    assert raw == b"".join(b"\x00" + row.tobytes() for row in pixels)


def test_qt_decodes_exactly_what_was_written():
    from qgis.PyQt.QtGui import QImage
    for samples in (3, 4):
        pixels = _pixels(7, 256, 256, samples, 40)
        image = QImage.fromData(png_writer.unfiltered_png(pixels), "PNG")
        assert not image.isNull()
        image = image.convertToFormat(QImage.Format_RGBA8888 if samples == 4
                                      else QImage.Format_RGB888)
        line = image.bytesPerLine()
        got = np.frombuffer(image.constBits().asstring(line * 256), np.uint8).reshape(256, line)
        assert (got[:, :256 * samples].reshape(256, 256, samples) == pixels).all()


@pytest.mark.parametrize("system_gdal", [True, False], ids=["gdal36", "gdal310"])
def test_gdal_decodes_exactly_what_was_written(tmp_path, system_gdal):
    images = [_pixels(seed, 256, 256, samples, colours) for seed, samples, colours in
              ((1, 4, 12), (2, 3, 12), (3, 4, 4000), (4, 3, 1))]
    paths = []
    for index, pixels in enumerate(images):
        paths.append(tmp_path / f"{index}.png")
        paths[-1].write_bytes(png_writer.unfiltered_png(pixels))
    python, env = (sys.executable, None) if system_gdal else (readers_python(), readers_env())
    run = subprocess.run([str(python), "-c", GDAL_DIGESTS, *map(str, paths)], env=env,
                         capture_output=True, text=True, timeout=120, check=True)
    answers = [line.split() for line in run.stdout.strip().splitlines()]
    assert {version[:4] for _, _, version in answers} == {"3.6." if system_gdal else "3.10"}
    assert [answer[:2] for answer in answers] == \
        [[str(pixels.shape[2]), _band_sequential_sha1(pixels)] for pixels in images]


def test_map_tiles_stay_unfiltered_and_photos_get_pillows_filtered_png():
    flat = _pixels(3, 256, 256, 4, 6)
    flat[..., 3] = np.where(flat[..., 3] > 128, 255, 100)  # partial alpha: PNG32
    assert encode_tile(flat, "PNG") == png_writer.unfiltered_png(flat)
    ramp = np.zeros((256, 256, 4), np.uint8)  # a smooth gradient: filters predict it
    ramp[..., 0] = np.arange(256)[None, :]
    ramp[..., 1] = np.arange(256)[:, None]
    ramp[..., 2] = (np.arange(256)[None, :] + np.arange(256)[:, None]) // 2
    ramp[..., 3] = 200
    photo = encode_tile(ramp, "PNG32")
    assert photo != png_writer.unfiltered_png(ramp)
    assert len(photo) < len(png_writer.unfiltered_png(ramp))
    with Image.open(io.BytesIO(photo)) as image:
        assert (np.asarray(image) == ramp).all()

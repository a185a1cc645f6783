"""Zip quirks that zipfile reports with unusual exception types.

Found by `make fuzz`: a central directory claiming "version needed to
extract 9.5" made zipfile raise NotImplementedError, which escaped as a
traceback instead of a one-line error.
"""
import struct

import pytest

from tile_package_tools.tilecache.errors import FormatError
from tile_package_tools.tilecache.pipeline.export import ExportOptions, export_tiles
from tile_package_tools.testkit.samples import SAMPLE_V2
from tile_package_tools.tilecache.pipeline.opening import open_cache

CENTRAL_SIGNATURE = b"PK\x01\x02"
#: Offset of "version needed to extract" in a central directory header.
VERSION_NEEDED = 6


def test_future_zip_version_is_a_one_line_error(tmp_path):
    package = tmp_path / "sample.tpkx"
    export_tiles(str(SAMPLE_V2), str(package), ExportOptions(tile_package=True))
    data = bytearray(package.read_bytes())
    first = data.index(CENTRAL_SIGNATURE)
    struct.pack_into("<H", data, first + VERSION_NEEDED, 95)
    broken = tmp_path / "future.tpkx"
    broken.write_bytes(bytes(data))
    with pytest.raises(FormatError, match="not a readable zip archive") as caught:
        open_cache(str(broken))
    assert str(broken) in str(caught.value) and "\n" not in str(caught.value)

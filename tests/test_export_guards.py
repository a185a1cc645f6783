"""An export never lands on top of, or inside, the cache it reads."""
import hashlib
import os
import shutil

import pytest

from tile_package_tools.tilecache.errors import ParameterError
from tile_package_tools.tilecache.pipeline.export import ExportOptions, export_tiles

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
V2_SAMPLE = os.path.join(REPO, "sample_data", "esri-sample-cache-v2")
TPK_SAMPLE = os.path.join(REPO, "sample_data", "tpk-v1-alt-root-name", "alt_root_name.tpk")


def checksums(root):
    if os.path.isfile(root):
        return {root: hashlib.sha256(open(root, "rb").read()).hexdigest()}
    found = {}
    for folder, _, names in os.walk(root):
        for name in names:
            path = os.path.join(folder, name)
            with open(path, "rb") as handle:
                found[path] = hashlib.sha256(handle.read()).hexdigest()
    return found


@pytest.mark.parametrize("output_of, tile_package", [
    (lambda cache: cache, False),                                  # the cache itself
    (lambda cache: os.path.join(cache, "conf.xml"), False),        # named by its conf.xml
    (lambda cache: os.path.join(cache, "_alllayers", "x"), False),  # inside it
    (lambda cache: os.path.dirname(cache), False),                  # holding it
])
def test_export_onto_its_own_cache_is_refused(tmp_path, output_of, tile_package):
    cache = str(tmp_path / "cache")
    shutil.copytree(V2_SAMPLE, cache)
    before = checksums(cache)
    with pytest.raises(ParameterError, match="overwrite or sit inside the source"):
        export_tiles(os.path.join(cache, "conf.xml"), output_of(cache),
                     ExportOptions(tile_package=tile_package))
    assert checksums(cache) == before


def test_export_onto_its_own_package_is_refused(tmp_path):
    package = str(tmp_path / "alt_root_name.tpk")
    shutil.copy(TPK_SAMPLE, package)
    before = checksums(package)
    with pytest.raises(ParameterError, match="overwrite or sit inside the source"):
        export_tiles(package, package, ExportOptions(
            tile_package=True, storage_format="esriMapCacheStorageModeCompact"))
    assert checksums(package) == before


def test_export_beside_the_source_is_fine(tmp_path):
    cache = str(tmp_path / "cache")
    shutil.copytree(V2_SAMPLE, cache)
    result = export_tiles(cache, str(tmp_path / "copy"), ExportOptions())
    assert result.tile_count == 21

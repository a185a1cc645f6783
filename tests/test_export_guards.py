"""An export never lands on top of, or inside, the cache it reads."""
import os
import shutil

import pytest

from tile_package_tools.tilecache.errors import ParameterError
from tile_package_tools.tilecache.pipeline.export import ExportOptions, export_tiles

from tile_package_tools.testkit.caches import read_tiles
from tile_package_tools.testkit.samples import SAMPLE_TPK as TPK_SAMPLE, SAMPLE_V2 as V2_SAMPLE
from tile_package_tools.testkit.trees import tree_digest


@pytest.mark.parametrize("output_of, tile_package", [
    (lambda cache: cache, False),                                  # the cache itself
    (lambda cache: os.path.join(cache, "conf.xml"), False),        # named by its conf.xml
    (lambda cache: os.path.join(cache, "_alllayers", "x"), False),  # inside it
    (lambda cache: os.path.dirname(cache), False),                  # holding it
])
def test_export_onto_its_own_cache_is_refused(tmp_path, output_of, tile_package):
    cache = str(tmp_path / "cache")
    shutil.copytree(V2_SAMPLE, cache)
    before = tree_digest(cache)
    with pytest.raises(ParameterError, match="overwrite or sit inside the source"):
        export_tiles(os.path.join(cache, "conf.xml"), output_of(cache),
                     ExportOptions(tile_package=tile_package))
    assert tree_digest(cache) == before


def test_export_onto_its_own_package_is_refused(tmp_path):
    package = str(tmp_path / "alt_root_name.tpk")
    shutil.copy(TPK_SAMPLE, package)
    before = tree_digest(package)
    with pytest.raises(ParameterError, match="overwrite or sit inside the source"):
        export_tiles(package, package, ExportOptions(
            tile_package=True, storage_format="esriMapCacheStorageModeCompact"))
    assert tree_digest(package) == before


def test_export_beside_the_source_is_fine(tmp_path):
    cache = str(tmp_path / "cache")
    shutil.copytree(V2_SAMPLE, cache)
    before = tree_digest(cache)
    result = export_tiles(cache, str(tmp_path / "copy"), ExportOptions())
    assert result.tile_count == 21
    assert read_tiles(tmp_path / "copy") == read_tiles(cache) and tree_digest(cache) == before

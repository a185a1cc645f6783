"""Sources are only ever read: exports and imports never open them for writing.

Two angles: every file under sample_data keeps its checksum across exports
and imports that read it in place, and every os.open of a path inside a
source asks for O_RDONLY (root ignores 0444, so permissions alone prove
nothing when the suite runs as root).
"""
import os
import shutil

import pytest

from tile_package_tools.testkit.caches import read_tiles
from tile_package_tools.testkit.samples import (SAMPLE_DATA, SAMPLE_TPK, SAMPLE_V2, copy_sample,
                                                sample_data_guard)
from tile_package_tools.testkit.schemes import EXPLODED, V1
from tile_package_tools.testkit.trees import make_read_only, make_writable, tree_digest
from tile_package_tools.tilecache.pipeline.export import (ExportOptions, estimate_export,
                                                          export_tiles)
from tile_package_tools.tilecache.pipeline.importer import ImportOptions, import_tiles

sample_data_untouched = pytest.fixture(scope="module", autouse=True)(sample_data_guard)

WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_APPEND

EXPORTS = [
    ("v2-to-tpkx", SAMPLE_V2, "out.tpkx", dict(tile_package=True)),
    ("v2-to-tpk", SAMPLE_V2, "out.tpk", dict(tile_package=True, storage_format=V1)),
    ("v2-to-folder-reencoded", SAMPLE_V2, "out", dict(optimize_tiles_for_size=True,
                                                         compression_quality=30)),
    ("v2-to-exploded", SAMPLE_V2 / "conf.xml", "out", dict(storage_format=EXPLODED)),
    ("tpk-to-tpkx", SAMPLE_TPK, "out.tpkx", dict(tile_package=True)),
    ("tpk-to-v1-folder", SAMPLE_TPK, "out", dict(storage_format=V1)),
    ("tpk-level-0", SAMPLE_TPK, "out", dict(levels="0")),
]


@pytest.fixture
def opened_for_writing(monkeypatch):
    """Paths passed to os.open (and builtins.open) with any write flag."""
    written = []
    real_open = os.open

    def spy(path, flags, *args, **kwargs):
        if flags & WRITE_FLAGS:
            written.append(os.path.abspath(os.fsdecode(path)))
        return real_open(path, flags, *args, **kwargs)
    monkeypatch.setattr(os, "open", spy)
    real_builtin = open

    def spy_builtin(file, mode="r", *args, **kwargs):
        if isinstance(file, (str, bytes, os.PathLike)) and any(c in mode for c in "wax+"):
            written.append(os.path.abspath(os.fsdecode(file)))
        return real_builtin(file, mode, *args, **kwargs)
    monkeypatch.setattr("builtins.open", spy_builtin)
    return written


def _inside(paths, folder):
    folder = os.path.abspath(folder)
    return [p for p in paths if p == folder or p.startswith(folder + os.sep)]


@pytest.mark.parametrize("name,source,output,options", EXPORTS, ids=[e[0] for e in EXPORTS])
def test_export_reads_sample_in_place(tmp_path, opened_for_writing, name, source, output,
                                      options):
    before = tree_digest(SAMPLE_DATA)
    estimate_export(str(source), ExportOptions(**options))
    export_tiles(str(source), str(tmp_path / output), ExportOptions(**options))
    assert (tmp_path / output).exists()
    if (tmp_path / output).is_dir():
        assert _inside(opened_for_writing, tmp_path), "the spy saw no write at all"
    assert not _inside(opened_for_writing, SAMPLE_DATA)
    assert tree_digest(SAMPLE_DATA) == before


def test_import_reads_package_in_place(tmp_path, opened_for_writing):
    cache = tmp_path / "cache"
    export_tiles(str(SAMPLE_TPK), str(cache), ExportOptions(storage_format=V1))
    package = tmp_path / "p.tpkx"
    export_tiles(str(SAMPLE_V2), str(package), ExportOptions(tile_package=True, levels="0"))
    shutil.copytree(SAMPLE_V2, tmp_path / "v2cache")
    package_before = tree_digest(tmp_path)["p.tpkx"]
    import_tiles(str(tmp_path / "v2cache"), str(package), ImportOptions())
    import_tiles(str(tmp_path / "v2cache"), str(SAMPLE_TPK), ImportOptions(levels="0-19"))
    assert not _inside(opened_for_writing, SAMPLE_DATA)
    assert str(package) not in opened_for_writing
    assert tree_digest(tmp_path)["p.tpkx"] == package_before


def test_read_only_copy_exports(tmp_path):
    """Files 0444 in 0555 folders: nothing in the export path needs write access."""
    cache = copy_sample(tmp_path / "cache")
    make_read_only(cache)
    try:
        result = export_tiles(str(cache), str(tmp_path / "ro.tpkx"),
                              ExportOptions(tile_package=True))
        assert result.tile_count == 21
        assert read_tiles(tmp_path / "ro.tpkx") == read_tiles(SAMPLE_V2)
    finally:
        make_writable(cache)

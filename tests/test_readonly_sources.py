"""Sources are only ever read: exports and imports never open them for writing.

Two angles: every file under sample_data keeps its checksum across exports
and imports that read it in place, and every os.open of a path inside a
source asks for O_RDONLY (root ignores 0444, so permissions alone prove
nothing when the suite runs as root).
"""
import os
import shutil
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

import hostile_inputs as hi  # noqa: E402

from tile_package_tools.tilecache.pipeline.export import (ExportOptions, estimate_export,  # noqa: E402
                                                 export_tiles)
from tile_package_tools.tilecache.pipeline.importer import ImportOptions, import_tiles  # noqa: E402

sample_data_untouched = pytest.fixture(scope="module", autouse=True)(hi.sample_data_guard)

WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_APPEND

EXPORTS = [
    ("v2-to-tpkx", hi.SAMPLE_V2, "out.tpkx", dict(tile_package=True)),
    ("v2-to-tpk", hi.SAMPLE_V2, "out.tpk", dict(tile_package=True, storage_format=hi.V1)),
    ("v2-to-folder-reencoded", hi.SAMPLE_V2, "out", dict(optimize_tiles_for_size=True,
                                                         compression_quality=30)),
    ("v2-to-exploded", hi.SAMPLE_V2 / "conf.xml", "out", dict(storage_format=hi.EXPLODED)),
    ("tpk-to-tpkx", hi.SAMPLE_TPK, "out.tpkx", dict(tile_package=True)),
    ("tpk-to-v1-folder", hi.SAMPLE_TPK, "out", dict(storage_format=hi.V1)),
    ("tpk-level-0", hi.SAMPLE_TPK, "out", dict(levels="0")),
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
    before = hi.tree_digest(hi.REPO / "sample_data")
    estimate_export(str(source), ExportOptions(**options))
    export_tiles(str(source), str(tmp_path / output), ExportOptions(**options))
    assert (tmp_path / output).exists()
    if (tmp_path / output).is_dir():
        assert _inside(opened_for_writing, tmp_path), "the spy saw no write at all"
    assert not _inside(opened_for_writing, hi.REPO / "sample_data")
    assert hi.tree_digest(hi.REPO / "sample_data") == before


def test_import_reads_package_in_place(tmp_path, opened_for_writing):
    cache = tmp_path / "cache"
    export_tiles(str(hi.SAMPLE_TPK), str(cache), ExportOptions(storage_format=hi.V1))
    package = tmp_path / "p.tpkx"
    export_tiles(str(hi.SAMPLE_V2), str(package), ExportOptions(tile_package=True, levels="0"))
    shutil.copytree(hi.SAMPLE_V2, tmp_path / "v2cache")
    package_before = hi.tree_digest(tmp_path)["p.tpkx"]
    import_tiles(str(tmp_path / "v2cache"), str(package), ImportOptions())
    import_tiles(str(tmp_path / "v2cache"), str(hi.SAMPLE_TPK), ImportOptions(levels="0-19"))
    assert not _inside(opened_for_writing, hi.REPO / "sample_data")
    assert str(package) not in opened_for_writing
    assert hi.tree_digest(tmp_path)["p.tpkx"] == package_before


def test_read_only_copy_exports(tmp_path):
    """Files 0444 in 0555 folders: nothing in the export path needs write access."""
    cache = hi.copy_sample_v2(tmp_path / "cache")
    for folder, _dirs, files in os.walk(cache, topdown=False):
        for name in files:
            os.chmod(os.path.join(folder, name), 0o444)
        os.chmod(folder, 0o555)
    try:
        result = export_tiles(str(cache), str(tmp_path / "ro.tpkx"),
                              ExportOptions(tile_package=True))
        assert result.tile_count == 21
    finally:
        for folder, _dirs, _files in os.walk(cache):
            os.chmod(folder, 0o755)

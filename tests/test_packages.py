"""Tile packages: read in place from the zip, odd layouts, and what export writes.

Expected tiles come from zipfile plus the docs/formats.md parsers in testkit.bytes_layout,
never from the project's own readers.
"""
import gzip
import io
import json
import shutil
import struct
import subprocess
import zipfile

import pytest
from PIL import Image

from tile_package_tools.tilecache import open_cache
from tile_package_tools.tilecache.errors import FormatError
from tile_package_tools.tilecache.io.byte_sources import InflatingSource, SliceSource
from tile_package_tools.tilecache.pipeline.export import ExportOptions, export_tiles
from tile_package_tools.tilecache.model import TileKey
from tile_package_tools.tilecache.formats.storage_format import StorageFormat

from tile_package_tools.testkit.bundles import entries_of, v2_bundle
from tile_package_tools.testkit.bytes_layout import cache_tiles, package_tiles
from tile_package_tools.testkit.caches import read_tiles
from tile_package_tools.testkit.samples import (SAMPLE_TPK as TPK_SAMPLE, SAMPLE_V2 as V2_SAMPLE,
                                                sample_exports)
from tile_package_tools.testkit.zips import rewrite_zip


@pytest.fixture(scope="module")
def sample_tpkx(tmp_path_factory):
    return sample_exports(tmp_path_factory.mktemp("tpkx"), ["tpkx"])["tpkx"]


@pytest.fixture(scope="module")
def sample_tpk(tmp_path_factory):
    return sample_exports(tmp_path_factory.mktemp("tpk"), ["tpk"])["tpk"]


# ---- the ArcGIS-made .tpk --------------------------------------------------

def test_arcgis_tpk_with_odd_root_name_reads_in_place():
    expected = package_tiles(TPK_SAMPLE)
    assert sorted(expected) == [(0, 0, 0), (1, 0, 0)]
    with open_cache(TPK_SAMPLE) as cache:
        assert cache.kind == "tpk"
        assert cache.storage is StorageFormat.COMPACT_V1
        assert cache.levels() == [0, 1]
        assert cache.tile_count() == 2
        assert {tuple(k): d for k, d in cache.iter_tiles()} == expected
        assert cache.tile(TileKey(1, 0, 0)) == expected[(1, 0, 0)]
        assert cache.tile(TileKey(1, 1, 1)) is None
        reader = cache.open_bundle(cache.bundles(0)[0])
        try:
            # In place: a window on the archive file, nothing extracted or inflated.
            assert isinstance(reader.source, SliceSource)
            assert isinstance(reader.index_source, SliceSource)
            record = reader.records()[0]
            raw = TPK_SAMPLE.read_bytes()
            start = reader.source._start + record.offset
            assert raw[start:start + record.size] == expected[(0, 0, 0)]
        finally:
            reader.close()


def test_deflated_copy_of_a_tpk_still_reads(tmp_path):
    copy = tmp_path / "deflated.tpk"
    rewrite_zip(TPK_SAMPLE, copy, zipfile.ZIP_DEFLATED)
    with zipfile.ZipFile(copy) as archive:
        assert {i.compress_type for i in archive.infolist()} == {zipfile.ZIP_DEFLATED}
    with open_cache(copy) as cache:
        reader = cache.open_bundle(cache.bundles(1)[0])
        assert isinstance(reader.source, InflatingSource)
        reader.close()
    assert read_tiles(copy) == package_tiles(TPK_SAMPLE)


def test_deflated_copy_of_a_tpkx_still_reads(tmp_path, sample_tpkx):
    copy = tmp_path / "deflated.tpkx"
    rewrite_zip(sample_tpkx, copy, zipfile.ZIP_DEFLATED)
    assert copy.stat().st_size < sample_tpkx.stat().st_size
    assert read_tiles(copy) == cache_tiles(V2_SAMPLE)


def test_capitalised_conf_xml_in_a_tpk(tmp_path):
    copy = tmp_path / "capital.tpk"
    rewrite_zip(TPK_SAMPLE, copy, rename=lambda n: n.replace("/conf.xml", "/Conf.xml"))
    with zipfile.ZipFile(copy) as archive:
        assert "v101/TPK Root Name/Conf.xml" in archive.namelist()
    assert read_tiles(copy) == package_tiles(TPK_SAMPLE)


def test_capitalised_conf_xml_in_a_folder(tmp_path):
    folder = tmp_path / "cache"
    shutil.copytree(V2_SAMPLE, folder)
    (folder / "conf.xml").rename(folder / "Conf.xml")
    assert read_tiles(folder) == cache_tiles(V2_SAMPLE)
    assert read_tiles(folder / "Conf.xml") == cache_tiles(V2_SAMPLE)


def test_tpk_with_another_root_name_and_junk_entries(tmp_path):
    copy = tmp_path / "junk.tpk"
    rewrite_zip(TPK_SAMPLE, copy, rename=lambda n: n.replace("TPK Root Name", "Some Other_Root"))
    with zipfile.ZipFile(copy, "a") as archive:
        archive.writestr(".DS_Store", b"\x00\x00\x00\x01Bud1")
        archive.writestr("__MACOSX/._conf.xml", b"junk")
    assert read_tiles(copy) == package_tiles(TPK_SAMPLE)


# ---- packages written by export -------------------------------------------

def stored_names(package):
    """The member names of a written package, every entry checked to be STORED."""
    with zipfile.ZipFile(package) as archive:
        infos = archive.infolist()
    assert {info.compress_type for info in infos} == {zipfile.ZIP_STORED}
    return {info.filename for info in infos}


def test_written_tpkx_layout_stored_entries_and_thumbnail(sample_tpkx):
    names = stored_names(sample_tpkx)
    assert {"root.json", "iteminfo.json", "thumbnail.png"} <= names
    assert {f"tile/L0{z}/R0000C0000.bundle" for z in range(3)} <= names
    with zipfile.ZipFile(sample_tpkx) as archive:
        thumbnail = archive.read("thumbnail.png")
    assert thumbnail[:8] == b"\x89PNG\r\n\x1a\n"
    with Image.open(io.BytesIO(thumbnail)) as image:
        assert image.width > 0 and image.height > 0
    assert package_tiles(sample_tpkx) == cache_tiles(V2_SAMPLE)


def test_written_tpk_layout_stored_entries_and_thumbnail(sample_tpk):
    names = stored_names(sample_tpk)
    with zipfile.ZipFile(sample_tpk) as archive:
        assert {"esriinfo/iteminfo.xml", "esriinfo/item.pkinfo",
                "esriinfo/thumbnail/thumbnail.png", "v101/Layers/conf.xml",
                "v101/Layers/_alllayers/L02/R0000C0000.bundle",
                "v101/Layers/_alllayers/L02/R0000C0000.bundlx"} <= names
        assert len(archive.read("v101/Layers/_alllayers/L02/R0000C0000.bundlx")) == 81952
        assert archive.read("esriinfo/thumbnail/thumbnail.png")[:8] == b"\x89PNG\r\n\x1a\n"
    assert package_tiles(sample_tpk) == cache_tiles(V2_SAMPLE)


@pytest.mark.parametrize("fixture", ["sample_tpkx", "sample_tpk"])
def test_open_cache_on_written_packages_matches_the_source(fixture, request):
    package = request.getfixturevalue(fixture)
    with open_cache(package) as cache:
        assert cache.kind == package.suffix[1:]
        assert cache.levels() == [0, 1, 2]
        assert cache.tile_count() == 21
        reader = cache.open_bundle(cache.bundles(2)[0])
        assert isinstance(reader.source, SliceSource)
        reader.close()
    assert read_tiles(package) == read_tiles(V2_SAMPLE) == cache_tiles(V2_SAMPLE)


def test_unzip_accepts_written_packages(sample_tpkx, sample_tpk):
    """Info-ZIP's unzip checks CRCs and directory structures independently of Python."""
    for package in (sample_tpkx, sample_tpk):
        result = subprocess.run(["unzip", "-tq", str(package)], capture_output=True, text=True)
        assert result.returncode == 0, result.stdout + result.stderr


def _has_zip64_records(path):
    data = path.read_bytes()
    tail = data[-(1 << 16) - 100:]
    return b"PK\x06\x06" in tail and b"PK\x06\x07" in tail


@pytest.mark.parametrize("storage, suffix", [(StorageFormat.COMPACT_V2, ".tpkx"),
                                             (StorageFormat.COMPACT_V1, ".tpk")])
def test_zip64_package_when_limits_are_passed(tmp_path, monkeypatch, storage, suffix):
    """ZIP64 without writing 4 GiB: lower zipfile's limit for this one export.

    zipfile decides ZIP64 (per-entry extra fields, ZIP64 end records) by
    comparing sizes and offsets with the module global ZIP64_LIMIT, so a
    100 KB limit makes a 1 MB package take exactly the code paths a 5 GB
    one would. unzip then validates the result without Python's help.
    """
    normal = tmp_path / f"normal{suffix}"
    export_tiles(str(V2_SAMPLE), str(normal),
                 ExportOptions(storage_format=storage, tile_package=True))
    assert not _has_zip64_records(normal)
    monkeypatch.setattr(zipfile, "ZIP64_LIMIT", 100_000)
    big = tmp_path / f"zip64{suffix}"
    export_tiles(str(V2_SAMPLE), str(big), ExportOptions(storage_format=storage,
                                                         tile_package=True))
    monkeypatch.undo()
    assert _has_zip64_records(big)
    with zipfile.ZipFile(big) as archive:
        bundles = [info for info in archive.infolist() if info.filename.endswith(".bundle")]
        # Extra field id 0x0001 is the ZIP64 extended information.
        assert any(struct.unpack_from("<H", info.extra)[0] == 1 for info in bundles
                   if info.extra)
        assert {info.compress_type for info in archive.infolist()} == {zipfile.ZIP_STORED}
    result = subprocess.run(["unzip", "-tq", str(big)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert package_tiles(big) == cache_tiles(V2_SAMPLE)
    assert read_tiles(big) == cache_tiles(V2_SAMPLE)


# ---- vector tile packages: refused by name ----------------------------------

#: A vector tile package's root.json, cut down to the hints (docs/formats.md#tpkx-package).
VECTOR_ROOT_JSON = {
    "currentVersion": 10.9, "name": "roads", "capabilities": "TilesOnly", "type": "indexedVector",
    "defaultStyles": "resources/styles", "tiles": ["tile/{z}/{y}/{x}.pbf"],
    "tileInfo": {"rows": 512, "cols": 512, "dpi": 96, "format": "pbf",
                 "origin": {"x": -20037508.342787, "y": 20037508.342787},
                 "spatialReference": {"wkid": 102100, "latestWkid": 3857},
                 "lods": [{"level": 0, "resolution": 78271.516964, "scale": 295828763.795777}]},
}
VECTOR_ERROR = "is a vector tile package; only raster tile packages are supported"


def _vector_members(root_json=VECTOR_ROOT_JSON):
    return {"esriinfo/iteminfo.xml": b"<ESRI_ItemInformation/>",
            "p12/root.json": json.dumps(root_json).encode(),
            "p12/tilemap/root.json": b'{"index": [1]}',
            "p12/resources/styles/root.json": b'{"version": 8, "layers": []}',
            "p12/tile/L00/R0000C0000.bundle":
                v2_bundle(entries_of({(0, 0): gzip.compress(b"mvt")}))}


def _write_members(root, members):
    for name, data in members.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    return root


@pytest.fixture
def vtpk(tmp_path):
    path = tmp_path / "roads.vtpk"
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in _vector_members().items():
            archive.writestr(name, data)
    return path


def test_a_vtpk_is_named_as_a_vector_tile_package(vtpk, tmp_path):
    for attempt in (lambda: open_cache(str(vtpk)),
                    lambda: export_tiles(str(vtpk), str(tmp_path / "out"), ExportOptions())):
        with pytest.raises(FormatError) as caught:
            attempt()
        assert str(caught.value) == f"{vtpk} {VECTOR_ERROR}"
    assert not (tmp_path / "out").exists()


def test_an_unpacked_vector_tile_cache_is_named_as_one_wherever_it_is_opened(tmp_path):
    folder = _write_members(tmp_path / "unpacked", _vector_members())
    for path in (folder, folder / "p12", folder / "p12" / "root.json"):
        with pytest.raises(FormatError) as caught:
            open_cache(str(path))
        assert str(caught.value) == f"{path} {VECTOR_ERROR}"


@pytest.mark.parametrize("hint", [{"type": "vectorTile"}, {"defaultStyles": "styles"},
                                  {"tileInfo": {**VECTOR_ROOT_JSON["tileInfo"], "format": "PBF"}}])
def test_each_vector_hint_of_a_root_json_is_enough(tmp_path, hint):
    """A root.json at the top (a .tpkx-like zip) with any one hint is refused as vector."""
    doc = {key: value for key, value in VECTOR_ROOT_JSON.items()
           if key not in ("type", "defaultStyles")}
    doc["tileInfo"] = {**doc["tileInfo"], "format": "PNG"}
    doc.update(hint)
    path = tmp_path / "odd.tpkx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("root.json", json.dumps(doc))
    with pytest.raises(FormatError, match="is a vector tile package"):
        open_cache(str(path))


def test_a_raster_tpkx_is_not_taken_for_a_vector_one(sample_tpkx):
    with open_cache(str(sample_tpkx)) as reader:
        assert reader.scheme.tile_format == "JPEG"

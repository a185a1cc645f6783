"""Every storage / package combination keeps every tile byte, chained or direct.

Each output is checked with the independent docs/formats.md parsers (and, for
generated caches, against the generator's own tile function), not only by
reading it back through open_cache.
"""
from pathlib import Path

import pytest

from tile_package_tools.tilecache.pipeline.export import ExportOptions, export_tiles

from tile_package_tools.testkit.bytes_layout import cache_tiles, package_tiles
from tile_package_tools.testkit.caches import make_v2_cache, read_tiles
from tile_package_tools.testkit.samples import SAMPLE_TPK as TPK_SAMPLE, SAMPLE_V2 as V2_SAMPLE
from tile_package_tools.testkit.schemes import EXPLODED, V1, V2
from tile_package_tools.testkit.tiles import jpeg_with_comment, solid_tile
#: (name, storage, tile_package, suffix) for every output exportTiles can make.
KINDS = {
    "v2": (V2, False, ""), "v1": (V1, False, ""), "exploded": (EXPLODED, False, ""),
    "tpkx": (V2, True, ".tpkx"), "tpk": (V1, True, ".tpk"),
}

#: Level 8 crosses bundle borders in both directions (rows 120-135, cols
#: 120-260): six bundles, some at non-zero hex addresses, most partly filled.
GENERATED_LEVELS = {0: (0, 0, 0, 0), 1: (0, 1, 0, 1), 2: (0, 3, 0, 3), 8: (120, 135, 120, 260)}
_SMALL_JPEG = solid_tile((30, 90, 200), "JPEG", size=16)


def generated_tile(level, row, col):
    # Leave a hole so empty slots inside a bundle are part of every round trip.
    if level == 8 and (row + col) % 7 == 0:
        return None
    return jpeg_with_comment(_SMALL_JPEG, f"{level}/{row}/{col}")


def generated_expected():
    tiles = {}
    for level, (row0, row1, col0, col1) in GENERATED_LEVELS.items():
        for row in range(row0, row1 + 1):
            for col in range(col0, col1 + 1):
                data = generated_tile(level, row, col)
                if data:
                    tiles[(level, row, col)] = data
    return tiles


def export(source, folder, kind):
    storage, package, suffix = KINDS[kind]
    out = Path(folder) / f"{kind}-out{suffix}"
    result = export_tiles(str(source), str(out), ExportOptions(storage_format=storage,
                                                               tile_package=package))
    return out, result


@pytest.fixture(scope="module")
def generated_cache(tmp_path_factory):
    folder = tmp_path_factory.mktemp("generated") / "cache"
    count, _ = make_v2_cache(folder, GENERATED_LEVELS, generated_tile)
    assert count == len(generated_expected())
    return folder


@pytest.fixture(params=["v2-sample", "tpk-sample", "generated"])
def source(request):
    """(path, expected tiles), the expectation found without the project's readers."""
    if request.param == "v2-sample":
        expected = cache_tiles(V2_SAMPLE)
        assert len(expected) == 21
        return V2_SAMPLE, expected
    if request.param == "tpk-sample":
        expected = package_tiles(TPK_SAMPLE)
        assert len(expected) == 2
        return TPK_SAMPLE, expected
    return request.getfixturevalue("generated_cache"), generated_expected()


@pytest.mark.parametrize("kind", list(KINDS))
def test_every_output_kind_keeps_every_tile(source, kind, tmp_path):
    path, expected = source
    out, result = export(path, tmp_path, kind)
    assert result.tile_count == len(expected)
    assert result.tile_bytes == sum(len(t) for t in expected.values())
    assert cache_tiles(out) == expected
    assert read_tiles(out) == expected


@pytest.mark.parametrize("order", [
    ["v1", "exploded", "tpk", "tpkx", "v2", "tpk", "v1", "tpkx", "exploded", "v2"],
    ["tpkx", "tpk", "exploded", "v1", "v2", "tpkx"],
])
def test_chained_conversions_keep_every_tile(source, order, tmp_path):
    path, expected = source
    for step, kind in enumerate(order):
        folder = tmp_path / f"step{step}"
        folder.mkdir()
        path, _ = export(path, folder, kind)
        assert cache_tiles(path) == expected, f"after step {step} ({kind})"
    assert read_tiles(path) == expected


def test_generated_bundle_files_are_named_by_hex_row_and_col(generated_cache, tmp_path):
    out, _ = export(generated_cache, tmp_path, "v1")
    names = sorted(p.name for p in (out / "_alllayers" / "L08").iterdir())
    stems = sorted({name.rsplit(".", 1)[0] for name in names})
    assert stems == ["R0000C0000", "R0000C0080", "R0000C0100",
                     "R0080C0000", "R0080C0080", "R0080C0100"]
    assert len(names) == 12  # a .bundlx beside every .bundle


def test_exported_exploded_tiles_use_hex_names_and_jpeg_extension(generated_cache, tmp_path):
    out, _ = export(generated_cache, tmp_path, "exploded")
    tile = out / "_alllayers" / "L08" / f"R{121:08x}" / f"C{260:08x}.jpg"
    assert tile.read_bytes() == generated_tile(8, 121, 260)

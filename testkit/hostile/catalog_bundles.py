"""Hostile bundles (V2, V1), cache folders, parameters and imports."""
from ..bytes_layout import patch
from ..samples import copy_sample
from ..schemes import EXPLODED_TEXT, V1_TEXT, V2_TEXT
from ..zips import read_members
from .cases import BUNDLE0, CASES, Case, _bundle, _tpkx, _v1, case, export, opened

# ---- V2 bundles in a cache folder ---------------------------------------------------

@case("R0000C0000.bundle", cli=True)
def bundle_wrong_version(d, base):
    return export(_bundle(d, data=lambda b: patch(b, 0, "<I", 2)), d / "out.tpkx",
                  tilePackage="true")


@case("R0000C0000.bundle")
def bundle_wrong_index_size(d, base):
    return opened(_bundle(d, data=lambda b: patch(b, 60, "<I", 4096)))


@case("R0000C0000.bundle", cli=True)
def bundle_truncated_in_index(d, base):
    return opened(_bundle(d, data=lambda b: b[:5000]))


@case("R0000C0000.bundle")
def bundle_truncated_in_tiles(d, base):
    return opened(_bundle(d, data=lambda b: b[:len(b) - 1000]))


@case("R0000C0000.bundle")
def bundle_empty_file(d, base):
    return opened(_bundle(d, data=lambda b: b""))


def _first_record(data):
    import struct
    for slot in range(16384):
        (value,) = struct.unpack_from("<Q", data, 64 + 8 * slot)
        if value >> 40:
            return slot, value
    raise AssertionError("sample bundle has no tile")


@case("R0000C0000.bundle")
def bundle_entry_past_end(d, base):
    def change(data):
        slot, value = _first_record(data)
        return patch(data, 64 + 8 * slot, "<Q", (value >> 40 << 40) | (len(data) + 10))
    return opened(_bundle(d, data=change))


@case("R0000C0000.bundle")
def bundle_entry_in_header(d, base):
    def change(data):
        slot, value = _first_record(data)
        return patch(data, 64 + 8 * slot, "<Q", (value >> 40 << 40) | 8)
    return opened(_bundle(d, data=change))


@case("R0000C0000.bundle")
def bundle_entry_huge_size(d, base):
    def change(data):
        slot, value = _first_record(data)
        return patch(data, 64 + 8 * slot, "<Q", (0xFFFFFF << 40) | (value & (1 << 40) - 1))
    return opened(_bundle(d, data=change))


@case("RzzzzCzzzz.bundle", cli=True)
def bundle_name_not_hex(d, base):
    return opened(_bundle(d, rename="RzzzzCzzzz.bundle"))


@case("R0001C0000.bundle")
def bundle_name_not_packet_multiple(d, base):
    return opened(_bundle(d, rename="R0001C0000.bundle"))


@case("L45")
def level_folder_out_of_range(d, base):
    cache = _bundle(d)
    (cache / "_alllayers" / "L00").rename(cache / "_alllayers" / "L45")
    return export(cache, d / "out")


@case("L00")
def bundle_is_a_folder_twin(d, base):
    cache = _bundle(d)
    (cache / "_alllayers" / "L00" / "R0000C0000.bundle").unlink()
    (cache / "_alllayers" / "L00" / "R0000C0000.bundle").mkdir()
    (cache / "_alllayers" / "L00" / "R0000C0080.bundle").write_bytes(b"\x03")
    return opened(cache)


# ---- V1 bundles ---------------------------------------------------------------------

@case("R0000C0000.bundlx", cli=True)
def bundlx_wrong_size(d, base):
    def change(level):
        path = level / "R0000C0000.bundlx"
        path.write_bytes(path.read_bytes()[:-1])  # 81,936 (no footer) is read
    return export(_v1(d, base, change), d / "out.tpk", tilePackage="true",
                  storageFormatType=V1_TEXT)


@case("R0000C0000.bundle")
def bundlx_missing(d, base):
    return opened(_v1(d, base, lambda level: (level / "R0000C0000.bundlx").unlink()))


@case("R0000C0000.bundle")
def v1_bundle_wrong_version(d, base):
    def change(level):
        path = level / "R0000C0000.bundle"
        path.write_bytes(patch(path.read_bytes(), 0, "<I", 7))
    return opened(_v1(d, base, change))


def _v1_first_offset(d, base, offset):
    """The V1 sample with the .bundlx's first 5-byte offset set to ``offset``."""
    def change(level):
        path = level / "R0000C0000.bundlx"
        data = bytearray(path.read_bytes())
        data[16:21] = offset.to_bytes(5, "little")
        path.write_bytes(bytes(data))
    return opened(_v1(d, base, change))


@case("R0000C0000.bundle")
def v1_offset_past_end(d, base):
    return _v1_first_offset(d, base, 10 ** 11)


@case("R0000C0000.bundle")
def v1_offset_in_header(d, base):
    return _v1_first_offset(d, base, 12)


@case("R0000C0000.bundle")
def v1_tile_size_past_end(d, base):
    def change(level):
        bundle = level / "R0000C0000.bundle"
        data = bundle.read_bytes()
        bundle.write_bytes(patch(data, 60 + 4 * 16384, "<I", 0x7FFFFFFF))
    return opened(_v1(d, base, change))


@case("R0000C0000.bundle")
def v1_bundle_header_only(d, base):
    return opened(_v1(d, base, lambda level: (level / "R0000C0000.bundle").write_bytes(
        (level / "R0000C0000.bundle").read_bytes()[:60])))


# ---- parameters -------------------------------------------------------------------

def _param_case(**params):
    def build(d, base):
        rest = dict(params)
        op = rest.pop("OP", "export")
        name = rest.pop("OUTPUT_NAME", "out.tpkx" if rest.get("tilePackage") == "true" else "out")
        cache = copy_sample(d / "cache")
        return {"op": op, "input": str(cache), "output": str(d / name), "params": rest}
    return build


AOI_OK = ('{"features":[{"geometry":{"rings":[[[-100,35],[-100,45],[-90,45],[-90,35],'
          '[-100,35]]],"spatialReference":{"wkid":4326}}}]}')

for _name, _needle, _cli, _params in (
        ("levels_letters", "levels", True, dict(levels="abc")),
        ("levels_reversed_range", "levels", True, dict(levels="5-2")),
        ("levels_outside_scheme", "99", True, dict(levels="99")),
        ("levels_negative", "levels", False, dict(levels="-3")),
        ("levels_empty_items", "levels", False, dict(levels=",,,-")),
        ("levels_huge_range", "levels", False, dict(levels="0-99999999999")),
        ("levels_unknown_scale", "levels", True, dict(levels="12345", exportBy="Scale")),
        ("levels_unknown_resolution", "levels", False, dict(levels="0.5", exportBy="Resolution")),
        ("export_by_unknown", "exportBy", True, dict(levels="1", exportBy="Furlongs")),
        ("quality_over_100", "compressionQuality", True,
         dict(optimizeTilesForSize="true", compressionQuality="101")),
        ("quality_negative", "compressionQuality", False,
         dict(optimizeTilesForSize="true", compressionQuality="-1")),
        ("aoi_not_json", "areaOfInterest", True, dict(areaOfInterest="{features: [")),
        ("aoi_features_not_list", "areaOfInterest", False, dict(areaOfInterest='{"features": 5}')),
        ("aoi_ring_of_strings", "areaOfInterest", False,
         dict(areaOfInterest='{"rings": [[["a","b"],["c","d"],["e","f"]]]}')),
        ("aoi_nan_coordinates", "areaOfInterest", False,
         dict(areaOfInterest=AOI_OK.replace("-100,35]]", "NaN,35]]"))),
        ("aoi_unknown_wkid", "areaOfInterest", False,
         dict(areaOfInterest=AOI_OK.replace("4326", "999999999"))),
        ("extent_min_above_max", "exportExtent", True, dict(exportExtent="10,10,0,0")),
        ("extent_letters", "exportExtent", False, dict(exportExtent="a,b,c,d")),
        ("extent_three_numbers", "exportExtent", False, dict(exportExtent="1,2,3")),
        ("extent_json_missing_key", "exportExtent", False,
         dict(exportExtent='{"xmin": 0, "ymin": 0, "xmax": 1}')),
        ("extent_infinite", "exportExtent", False, dict(exportExtent="0,0,inf,1")),
        ("output_tpk_for_v2", "OUTPUT", True,
         dict(tilePackage="true", storageFormatType=V2_TEXT, OUTPUT_NAME="out.tpk")),
        ("output_tpkx_for_v1", "OUTPUT", False,
         dict(tilePackage="true", storageFormatType=V1_TEXT, OUTPUT_NAME="out.tpkx")),
        ("output_package_name_for_folder", "out.tpkx", True,
         dict(tilePackage="false", OUTPUT_NAME="out.tpkx")),
        ("package_of_exploded", "storageFormatType", False,
         dict(tilePackage="true", storageFormatType=EXPLODED_TEXT)),
        ("storage_format_unknown", "storageFormatType", False,
         dict(storageFormatType="esriMapCacheStorageModeFloppy")),
        ("output_folder_missing", "nowhere", True,
         dict(tilePackage="true", OUTPUT_NAME="nowhere/out.tpkx")),
        ("estimate_levels_reversed", "levels", False, dict(levels="9-1", OP="estimate"))):
    CASES[_name] = Case(_name, _param_case(**_params), _needle, _cli)


@case("x.tpkx", cli=True)
def import_zip_slip_package(d, base):
    return {"op": "import", "input": str(copy_sample(d / "cache")),
            "params": {"sourceItemId": str(_tpkx(d, base, rename={
                BUNDLE0: "tile/L00/../../../../R0000C0000.bundle"}))}}


@case('"42"', cli=True)
def import_levels_outside_cache(d, base):
    return {"op": "import", "input": str(copy_sample(d / "cache")),
            "params": {"sourceItemId": str(base["tpkx"]), "levels": "42"}}


@case("root.json")
def import_broken_root_json(d, base):
    return {"op": "import", "input": str(copy_sample(d / "cache")),
            "params": {"sourceItemId": str(_tpkx(d, base, replace={"root.json": b"{"}))}}


@case("R0000C0000.bundle", cli=True)
def import_truncated_bundle(d, base):
    cut = dict(read_members(base["tpkx"]))[BUNDLE0][:-500]
    return {"op": "import", "input": str(copy_sample(d / "cache")),
            "params": {"sourceItemId": str(_tpkx(d, base, replace={BUNDLE0: cut}))}}


@case("INPUT")
def import_into_package(d, base):
    return {"op": "import", "input": str(_tpkx(d, base)),
            "params": {"sourceItemId": str(base["tpkx"])}}

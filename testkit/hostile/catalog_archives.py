"""Hostile archives and metadata: zip slip, bombs, lying sizes, evil JSON and XML."""
from ..bundles import v2_bundle
from ..bytes_layout import patch
from ..zips import RawMember, deflated, patch_central, patch_local, read_members
from .bombs import bomb_inflated_size, bomb_member
from .cases import (BUNDLE0, CASES, Case, _conf, _pkg_export, _root, _tpk, _tpkx, case, export,
                    opened)
from .documents import (billion_laughs, drop_element, external_entity, replace_text,
                        root_json_with, xml_with_entity_in)

# ---- zip slip and archive structure ------------------------------------------------



@case("x.tpkx", cli=True)
def zip_slip_bundle_dotdot(d, base):
    return _pkg_export(_tpkx(d, base, rename={BUNDLE0: "tile/../../../evil.bundle"}), d)


@case("x.tpkx")
def zip_slip_bundle_absolute(d, base):
    return opened(_tpkx(d, base, rename={BUNDLE0: "/tmp/tile/L00/R0000C0000.bundle"}))


@case("x.tpkx", cli=True)
def zip_slip_metadata_dotdot(d, base):
    return _pkg_export(_tpkx(d, base, rename={"iteminfo.json": "../../iteminfo.json"}), d)


@case("x.tpkx")
def zip_slip_backslash(d, base):
    return opened(_tpkx(d, base, rename={"thumbnail.png": "..\\..\\thumbnail.png"}))


@case("x.tpkx")
def zip_slip_drive_letter(d, base):
    return opened(_tpkx(d, base, rename={"root.json": "C:/root.json"}))


@case("x.tpk", cli=True)
def zip_slip_tpk_conf(d, base):
    return opened(_tpk(d, base, rename={"esriinfo/iteminfo.xml": "esriinfo/../../iteminfo.xml"}))


@case("x.tpkx")
def tile_bundles_path_escapes(d, base):
    root = root_json_with(_root(base), lambda doc: doc.update(tileBundlesPath="../../etc"))
    return opened(_tpkx(d, base, replace={"root.json": root}))


@case("x.tpkx")
def duplicate_member(d, base):
    return opened(_tpkx(d, base, add=[("root.json", _root(base))]))


@case("x.tpkx")
def encrypted_member(d, base):
    return opened(_tpkx(d, base, replace={"root.json": RawMember("root.json", _root(base),
                                                                   flags=1)}))


@case("x.tpkx")
def unsupported_compression(d, base):
    return opened(_tpkx(d, base, replace={"root.json": RawMember("root.json", _root(base),
                                                                   method=12)}))


# ---- bombs and lying sizes ---------------------------------------------------------

@case("x.tpkx", cli=True)
def bomb_root_json(d, base):
    return _pkg_export(_tpkx(d, base, replace={"root.json": bomb_member("root.json")}), d)


@case("root.json")
def bomb_root_json_declared_small(d, base):
    bomb = bomb_member("root.json", head=_root(base), declared=len(_root(base)) + 10)
    return opened(_tpkx(d, base, replace={"root.json": bomb}))


@case("x.tpkx", cli=True)
def bomb_bundle(d, base):
    # A valid header and index whose one tile lies just before the end of 2 GiB of
    # zeros: reading it would inflate everything in front of it.
    head = v2_bundle({})[:64 + 131072]
    end = bomb_inflated_size(len(head))
    head = patch(head, 64, "<Q", ((100 << 40) | (end - 1000)))
    return _pkg_export(_tpkx(d, base, replace={BUNDLE0: bomb_member(BUNDLE0, head=head)}), d)


@case("x.tpkx")
def bomb_iteminfo_json(d, base):
    return opened(_tpkx(d, base, replace={"iteminfo.json": bomb_member("iteminfo.json")}))


@case("x.tpkx", cli=True)
def stored_sizes_disagree(d, base):
    path = _tpkx(d, base)
    patch_central(path, "root.json", usize=123)
    return opened(path)


@case("x.tpkx")
def sizes_past_end(d, base):
    path = _tpkx(d, base)
    patch_central(path, BUNDLE0, usize=0x7FFFFFF0, csize=0x7FFFFFF0)
    return opened(path)


@case("x.tpkx")
def local_extra_length_lies(d, base):
    path = _tpkx(d, base)
    patch_local(path, BUNDLE0, extra_len=0xFFFF)
    return opened(path)


@case("x.tpkx")
def local_signature_missing(d, base):
    path = _tpkx(d, base)
    patch_local(path, BUNDLE0, signature=b"JUNK")
    return opened(path)


@case("x.tpkx")
def deflated_crc_wrong(d, base):
    member = deflated("root.json", _root(base))
    member.crc ^= 0xFFFF
    return opened(_tpkx(d, base, replace={"root.json": member}))


@case("x.tpkx")
def directory_offset_lies(d, base):
    path = _tpkx(d, base)
    patch_central(path, "root.json", offset=3)
    return opened(path)


# ---- not packages at all -----------------------------------------------------------

@case("empty.tpkx", cli=True)
def empty_package(d, base):
    (d / "empty.tpkx").write_bytes(b"")
    return _pkg_export(d / "empty.tpkx", d)


@case("text.tpkx", cli=True)
def not_a_zip(d, base):
    (d / "text.tpkx").write_text("this is not a zip archive\n" * 20)
    return _pkg_export(d / "text.tpkx", d)


@case("half.tpkx")
def truncated_zip(d, base):
    data = base["tpkx"].read_bytes()
    (d / "half.tpkx").write_bytes(data[:len(data) // 2])
    return opened(d / "half.tpkx")


@case("x.tpkx")
def zip_without_scheme(d, base):
    return opened(_tpkx(d, base, drop=("root.json",)))


@case("missing.tpkx")
def input_missing(d, base):
    return opened(d / "missing.tpkx")


# ---- root.json -------------------------------------------------------------------

def _root_case(change):
    def build(d, base):
        data = change(_root(base)) if callable(change) else change
        return opened(_tpkx(d, base, replace={"root.json": data}))
    return build


def _lods(key, value):
    def change(doc):
        doc["tileInfo"]["lods"][1][key] = value
    return lambda raw: root_json_with(raw, change)


def _tile_info(key, value):
    return lambda raw: root_json_with(raw, lambda doc: doc["tileInfo"].update({key: value}))


for _name, _change, _cli in (
        ("root_json_not_json", b"{this is not json", True),
        ("root_json_array", b"[1, 2, 3]", False),
        ("root_json_binary", bytes(range(256)) * 4, False),
        ("root_json_zero_resolution", _lods("resolution", 0), True),
        ("root_json_negative_resolution", _lods("resolution", -10.5), False),
        ("root_json_nan_resolution", _lods("resolution", float("nan")), True),
        ("root_json_resolution_string", _lods("resolution", "big"), False),
        ("root_json_zero_tile_size", _tile_info("rows", 0), False),
        ("root_json_negative_tile_size", _tile_info("cols", -256), True),
        ("root_json_huge_tile_size", _tile_info("cols", 10 ** 9), False),
        ("root_json_infinite_origin", _tile_info("origin", {"x": float("inf"), "y": 0}), False),
        ("root_json_no_lods", _tile_info("lods", []), False),
        ("root_json_level_out_of_range", _lods("level", 1000), False)):
    CASES[_name] = Case(_name, _root_case(_change), "root.json", _cli)


@case("iteminfo.json")
def iteminfo_json_not_json(d, base):
    return opened(_tpkx(d, base, replace={"iteminfo.json": b"\xff\xfe garbage"}))


@case("iteminfo.xml", cli=True)
def iteminfo_xml_billion_laughs(d, base):
    return opened(_tpk(d, base, replace={
        "esriinfo/iteminfo.xml": billion_laughs("ESRI_ItemInformation")}))


@case("iteminfo.xml")
def iteminfo_xml_external_entity(d, base):
    return opened(_tpk(d, base, replace={
        "esriinfo/iteminfo.xml": external_entity("ESRI_ItemInformation", "name")}))


@case("conf.xml")
def tpk_conf_xml_external_entity(d, base):
    name = "v101/Layers/conf.xml"
    return opened(_tpk(d, base, replace={
        name: xml_with_entity_in(dict(read_members(base["tpk"]))[name])}))


# ---- conf.xml / conf.cdi ------------------------------------------------------------

def _xml_case(fn):
    def build(d, base):
        return export(_conf(d, fn), d / "out", tilePackage="false")
    return build


for _name, _fn, _needle, _cli in (
        ("conf_xml_external_entity", lambda p: xml_with_entity_in(p.read_bytes()),
         "conf.xml", True),
        ("conf_xml_billion_laughs", lambda p: billion_laughs("CacheInfo"), "conf.xml", True),
        ("conf_xml_not_xml", lambda p: b"<CacheInfo><TileCacheInfo>", "conf.xml", False),
        ("conf_xml_empty", lambda p: b"", "conf.xml", False),
        ("conf_xml_wrong_root", lambda p: b"<Something/>", "conf.xml", False),
        ("conf_xml_no_tile_cache_info", lambda p: drop_element(p.read_bytes(),
                                                                   "TileCacheInfo"),
         "conf.xml", True),
        ("conf_xml_no_lod_infos", lambda p: drop_element(p.read_bytes(), "LODInfos"),
         "conf.xml", False),
        ("conf_xml_no_tile_origin", lambda p: drop_element(p.read_bytes(), "TileOrigin"),
         "conf.xml", False),
        ("conf_xml_tile_cols_text", lambda p: replace_text(p.read_bytes(), "TileCols",
                                                              "wide"), "conf.xml", False),
        ("conf_xml_zero_dpi", lambda p: replace_text(p.read_bytes(), "DPI", "0"),
         "conf.xml", False),
        ("conf_xml_negative_resolution", lambda p: replace_text(p.read_bytes(),
                                                                   "Resolution", "-1"),
         "conf.xml", False),
        ("conf_xml_nan_scale", lambda p: replace_text(p.read_bytes(), "Scale", "NaN"),
         "conf.xml", False),
        ("conf_xml_unknown_storage", lambda p: replace_text(p.read_bytes(), "StorageFormat",
                                                               "esriFloppyDisk"),
         "conf.xml", False)):
    CASES[_name] = Case(_name, _xml_case(_fn), _needle, _cli)


@case("conf.cdi")
def conf_cdi_external_entity(d, base):
    return export(_conf(d, external_entity("EnvelopeN", "XMin"), "conf.cdi"), d / "out")


@case("conf.cdi")
def conf_cdi_billion_laughs(d, base):
    return export(_conf(d, billion_laughs("EnvelopeN"), "conf.cdi"), d / "out")


@case("conf.cdi")
def conf_cdi_inverted(d, base):
    return export(_conf(d, lambda p: replace_text(p.read_bytes(), "XMin", "3e7"),
                        "conf.cdi"), d / "out")


@case("R0000C0000.bundle")
def bomb_bundle_declared_small(d, base):
    head = v2_bundle({})[:64 + 131072]
    end = bomb_inflated_size(len(head))
    head = patch(head, 64, "<Q", ((100 << 40) | (end - 1000)))
    bomb = bomb_member(BUNDLE0, head=head, declared=1 << 20)
    return opened(_tpkx(d, base, replace={BUNDLE0: bomb}))

"""Fuzz targets: one per parser, each with valid seed inputs.

A target takes raw bytes and feeds them to one reader. TileCacheError is the
expected answer to bad input; any other exception escaping is a finding.
Seeds are generated from the sample data with the test kit, like the tests'
hostile inputs.

Importing this module makes the package importable and imports nothing of it:
fuzz_target.py imports the core afterwards, under atheris' instrumentation,
and a module imported before that would not be instrumented. Targets and
seeds import what they need when called.
"""
import functools
import os
import runpy
import tempfile
from pathlib import Path

runpy.run_path(str(Path(__file__).resolve().parent.parent / "testkit" / "pkgroot.py"))["ensure"]()

#: Scratch folder for the package target, which needs a real file to open.
SCRATCH = Path(os.environ.get("FUZZ_SCRATCH", "/dev/shm" if os.path.isdir("/dev/shm")
                              else tempfile.gettempdir()))


def _text(data):
    return data.decode("utf-8", "replace")


def bundle_v2(data):
    from tile_package_tools.testkit.bundles import read_v2_bundle
    read_v2_bundle(data)


def bundle_v1(data):
    from tile_package_tools.testkit.bundles import read_v1_bundle
    from tile_package_tools.tilecache.formats.compact_v1 import layout as v1
    read_v1_bundle(data[v1.BUNDLX_SIZE:], data[:v1.BUNDLX_SIZE])


def conf_xml(data):
    from tile_package_tools.tilecache.metadata.conf_reader import read_conf_cdi, read_conf_xml
    try:
        read_conf_xml(data, "conf.xml")
    finally:
        read_conf_cdi(data, "conf.cdi")


def root_json(data):
    from tile_package_tools.tilecache.metadata.service_json import read_mapserver_json, read_root_json
    try:
        read_root_json(data, "root.json")
    finally:
        read_mapserver_json(data, "mapserver.json")


def iteminfo(data):
    from tile_package_tools.tilecache.metadata.iteminfo import read_iteminfo_json, read_iteminfo_xml
    if data[:1] == b"<":
        read_iteminfo_xml(data, "iteminfo.xml")
    else:
        read_iteminfo_json(data, "iteminfo.json")


def package(data):
    from tile_package_tools.testkit.caches import read_everything
    path = SCRATCH / f"tpt-fuzz-{os.getpid()}.tpkx"
    path.write_bytes(data)
    try:
        read_everything(path)
    finally:
        path.unlink()


@functools.lru_cache(maxsize=None)
def _scheme():
    from tile_package_tools.testkit.samples import SAMPLE_V2
    from tile_package_tools.tilecache.metadata.conf_reader import read_conf_xml
    return read_conf_xml((SAMPLE_V2 / "conf.xml").read_bytes(), "conf.xml")


def levels(data):
    from tile_package_tools.tilecache.params.levels import resolve_levels
    mode = ("LevelID", "Scale", "Resolution", _text(data[:1]))[data[0] % 4] if data else "LevelID"
    resolve_levels(_text(data[1:]), _scheme(), mode, available=[0, 1, 2])


def area_of_interest(data):
    from tile_package_tools.tilecache.params.geometry_input import parse_area_of_interest
    parse_area_of_interest(_text(data))


def extent(data):
    from tile_package_tools.tilecache.params.geometry_input import parse_extent
    parse_extent(_text(data))


TARGETS = {f.__name__: f for f in (bundle_v2, bundle_v1, conf_xml, root_json, iteminfo,
                                   package, levels, area_of_interest, extent)}


def seeds(name, folder):
    """Valid inputs for target ``name`` (and a few near misses), as bytes.

    Packages are level 0 only, exported once into ``folder``: small seeds keep
    each iteration cheap.
    """
    from tile_package_tools.testkit.bundles import v1_bundle, v2_bundle
    from tile_package_tools.testkit.samples import SAMPLE_V2, sample_exports
    from tile_package_tools.testkit.tiles import stand_in_tile
    from tile_package_tools.testkit.zips import read_members
    tiles = {(0, 0): stand_in_tile(1, 200), (3, 9): stand_in_tile(2, 50)}
    if name == "bundle_v2":
        return [v2_bundle(tiles), v2_bundle({})]
    if name == "bundle_v1":
        bundle, index = v1_bundle(tiles)
        return [index + bundle]
    if name == "conf_xml":
        return [(SAMPLE_V2 / "conf.xml").read_bytes(), (SAMPLE_V2 / "conf.cdi").read_bytes()]
    made = sample_exports(folder, levels="0")
    members = dict(read_members(made["tpkx"]))
    members.update(read_members(made["tpk"]))
    if name == "root_json":
        return [members["root.json"], members["servicedescriptions/mapserver/mapserver.json"]]
    if name == "iteminfo":
        return [members["iteminfo.json"], members["esriinfo/iteminfo.xml"]]
    if name == "package":
        return [made["tpkx"].read_bytes(), made["tpk"].read_bytes()]
    if name == "levels":
        return [b"\x000-2", b"\x001-4,7-9", b"\x01591657527.591555", b"\x0278271.516964"]
    if name == "area_of_interest":
        return [b'{"features":[{"geometry":{"rings":[[[-100,35],[-100,45],[-90,45],[-90,35],'
                b'[-100,35]]],"spatialReference":{"wkid":4326}}}]}',
                b'{"rings":[[[0,0],[0,1e6],[1e6,1e6],[0,0]]]}']
    if name == "extent":
        return [b"-1e6,-1e6,1e6,1e6", b"-10,10,-5,5 [EPSG:4326]",
                b'{"xmin":0,"ymin":0,"xmax":1,"ymax":1,"spatialReference":{"wkid":3857}}']
    raise KeyError(name)


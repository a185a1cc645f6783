"""Property tests: whatever bytes the readers get, only TileCacheErrors come out.

Inputs are random bytes and random mutations (bit flips, truncations,
splices, planted integers, replaced JSON/XML values) of valid files built at
test time. A reader may accept a mutated file; it may not raise anything but
a TileCacheError subclass, hang, or read past what it was given.
"""
import functools
import json
import struct
import tempfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tile_package_tools.testkit.bundles import read_v1_bundle, read_v2_bundle, v1_bundle, v2_bundle
from tile_package_tools.testkit.caches import read_everything
from tile_package_tools.testkit.hostile.documents import replace_text
from tile_package_tools.testkit.hypothesis_profiles import examples
from tile_package_tools.testkit.samples import SAMPLE_V2, sample_data_guard, sample_exports
from tile_package_tools.testkit.tiles import stand_in_tile
from tile_package_tools.testkit.zips import read_members
from tile_package_tools.tilecache import TileCacheError
from tile_package_tools.tilecache.metadata.conf_reader import read_conf_cdi, read_conf_xml
from tile_package_tools.tilecache.metadata.iteminfo import (read_iteminfo_json,
                                                   read_iteminfo_xml)
from tile_package_tools.tilecache.metadata.service_json import (read_mapserver_json,
                                                      read_root_json)
from tile_package_tools.tilecache.io.safe_zip import SafeZip

#: Counted in the final report; kept moderate so the file runs in well under a minute.
#: Scaled by the Hypothesis profile (testkit/hypothesis_profiles.py): a tenth in the quick loop.
FEW, SOME, MANY = examples(100), examples(200), examples(400)
INTERESTING = (0, 1, 3, 4, 5, 60, 63, 64, 0x7F, 0x80, 0xFF, 0xFFFF, 131072, 131136,
               0x7FFFFFFF, 0x80000000, 0xFFFFFFFF)

sample_data_untouched = pytest.fixture(scope="module", autouse=True)(sample_data_guard)


def fuzz_settings(examples):
    return settings(max_examples=examples, deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


class Blob(bytes):
    """Bytes whose repr is short, so a failing example does not print a megabyte."""

    def __repr__(self):
        return f"Blob({len(self)} bytes, head={bytes(self[:48])!r})"


def only_tile_cache_errors(call, *args):
    try:
        call(*args)
    except TileCacheError as exc:
        assert "\n" not in str(exc)


# ---- valid originals ----------------------------------------------------------------

TILES = {(0, 0): stand_in_tile(1, 500), (5, 7): stand_in_tile(2, 40),
         (127, 127): stand_in_tile(3)}
V2_BUNDLE = v2_bundle(TILES)
V1_BUNDLE, V1_BUNDLX = v1_bundle(TILES)
CONF_XML = (SAMPLE_V2 / "conf.xml").read_bytes()
CONF_CDI = (SAMPLE_V2 / "conf.cdi").read_bytes()


@functools.lru_cache(maxsize=None)
def packages():
    """Small valid .tpkx and .tpk (level 0 only) and their metadata members."""
    folder = tempfile.mkdtemp(prefix="tpt-properties-")
    paths = sample_exports(folder, levels="0")
    made = {kind: path.read_bytes() for kind, path in paths.items()}
    members = dict(read_members(paths["tpkx"]))
    members.update(read_members(paths["tpk"]))
    return paths["tpkx"].parent, made, members


# ---- mutations ----------------------------------------------------------------------

def mutation(size, hot=()):
    """One edit of a ``size``-byte file; ``hot`` offsets (headers) attract edits."""
    position = st.integers(0, max(0, size - 1))
    if hot:
        position = st.one_of(position, st.builds(lambda base, delta: min(size - 1, base + delta),
                                                 st.sampled_from(hot), st.integers(0, 64)))
    return st.one_of(
        st.tuples(st.just("flip"), position, st.integers(0, 7)),
        st.tuples(st.just("truncate"), st.integers(0, size)),
        st.tuples(st.just("splice"), position, position, st.integers(1, 4096)),
        st.tuples(st.just("int"), position, st.sampled_from(INTERESTING)),
        st.tuples(st.just("insert"), position, st.binary(min_size=1, max_size=64)),
        st.tuples(st.just("delete"), position, st.integers(1, 1024)),
    )


def apply(data, edits):
    buf = bytearray(data)
    for edit in edits:
        kind, where = edit[0], min(edit[1], len(buf))
        if kind == "flip" and where < len(buf):
            buf[where] ^= 1 << edit[2]
        elif kind == "truncate":
            del buf[where:]
        elif kind == "splice":
            source = min(edit[2], len(buf))
            buf[where:where + edit[3]] = buf[source:source + edit[3]]
        elif kind == "int" and where + 4 <= len(buf):
            struct.pack_into("<I", buf, where, edit[2])
        elif kind == "insert":
            buf[where:where] = edit[2]
        elif kind == "delete":
            del buf[where:where + edit[2]]
    return bytes(buf)


def mutated(data, hot=(), max_edits=4):
    return st.lists(mutation(len(data), hot), min_size=1, max_size=max_edits).map(
        lambda edits: Blob(apply(data, edits)))


def zip_hot_spots(data):
    spots = []
    for signature in (b"PK\x03\x04", b"PK\x01\x02", b"PK\x05\x06"):
        start = data.find(signature)
        while start >= 0:
            spots.append(start)
            start = data.find(signature, start + 1)
    return tuple(spots) or (0,)


# ---- bundles ------------------------------------------------------------------------

read_v2 = functools.partial(read_v2_bundle, probe=(5, 7))
read_v1 = functools.partial(read_v1_bundle, probe=(127, 127))


def index_record(slot, offset, size):
    return ("record", slot, offset, size)


@fuzz_settings(MANY)
@given(data=mutated(V2_BUNDLE, hot=(0, 32, 56, 64, 64 + 8 * 645)),
       records=st.lists(st.tuples(st.integers(0, 16383), st.integers(0, (1 << 40) - 1),
                                  st.integers(0, (1 << 24) - 1)), max_size=3))
def test_v2_bundle_mutations(data, records):
    buf = bytearray(data)
    for slot, offset, size in records:
        if 64 + 8 * slot + 8 <= len(buf):
            struct.pack_into("<Q", buf, 64 + 8 * slot, (size << 40) | offset)
    only_tile_cache_errors(read_v2, bytes(buf))


@fuzz_settings(SOME)
@given(bundle=mutated(V1_BUNDLE, hot=(0, 60, 65596)), bundlx=mutated(V1_BUNDLX, hot=(0, 16)),
       which=st.sampled_from(("bundle", "bundlx", "both")))
def test_v1_bundle_mutations(bundle, bundlx, which):
    only_tile_cache_errors(read_v1, bundle if which != "bundlx" else V1_BUNDLE,
                           bundlx if which != "bundle" else V1_BUNDLX)


@fuzz_settings(FEW)
@given(st.binary(max_size=200_000).map(Blob))
def test_random_bytes_as_bundles(data):
    only_tile_cache_errors(read_v2, data)
    only_tile_cache_errors(read_v1, data, V1_BUNDLX)


# ---- metadata -----------------------------------------------------------------------

def _leaf_paths(doc, prefix=()):
    if isinstance(doc, dict):
        for key, value in doc.items():
            yield from _leaf_paths(value, prefix + (key,))
    elif isinstance(doc, list):
        for index, value in enumerate(doc):
            yield from _leaf_paths(value, prefix + (index,))
    yield prefix


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(-2 ** 70, 2 ** 70) | st.text(max_size=20)
    | st.floats(allow_nan=True, allow_infinity=True),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner,
                                                                max_size=3),
    max_leaves=8)


def json_edits(raw):
    doc = json.loads(raw)
    paths = [p for p in _leaf_paths(doc) if p]

    def edit(choices):
        copy = json.loads(raw)
        for path, value in choices:
            target = copy
            try:
                for key in path[:-1]:
                    target = target[key]
                target[path[-1]] = value
            except (TypeError, KeyError, IndexError):
                pass  # an earlier edit replaced a parent of this path
        return json.dumps(copy, allow_nan=True).encode()
    return st.lists(st.tuples(st.sampled_from(paths), JSON_VALUES), min_size=1,
                    max_size=3).map(edit)


def json_inputs(raw):
    return st.one_of(json_edits(raw), mutated(raw), st.binary(max_size=2000))


def xml_inputs(raw):
    text = raw.decode("utf-8")
    tags = sorted({t.split(">")[0].split()[0] for t in text.split("<")[1:]
                   if t and t[0] not in "/?!"})

    def replace(choices):
        out = raw
        for tag, value in choices:
            try:
                out = replace_text(out, tag, value)
            except ValueError:
                pass
        return out
    edits = st.lists(st.tuples(st.sampled_from(tags), st.text(max_size=30)), min_size=1,
                     max_size=3).map(replace)
    return st.one_of(edits, mutated(raw), st.binary(max_size=2000))


@fuzz_settings(MANY)
@given(xml_inputs(CONF_XML))
def test_conf_xml(data):
    only_tile_cache_errors(read_conf_xml, data, "conf.xml")


@fuzz_settings(SOME)
@given(xml_inputs(CONF_CDI))
def test_conf_cdi(data):
    only_tile_cache_errors(read_conf_cdi, data, "conf.cdi")


@fuzz_settings(MANY)
@given(st.data())
def test_root_json(data):
    raw = packages()[2]["root.json"]
    only_tile_cache_errors(read_root_json, data.draw(json_inputs(raw)), "root.json")


@fuzz_settings(SOME)
@given(st.data())
def test_mapserver_json(data):
    raw = packages()[2]["servicedescriptions/mapserver/mapserver.json"]
    only_tile_cache_errors(read_mapserver_json, data.draw(json_inputs(raw)), "mapserver.json")


@fuzz_settings(SOME)
@given(st.data())
def test_iteminfo_json(data):
    raw = packages()[2]["iteminfo.json"]
    only_tile_cache_errors(read_iteminfo_json, data.draw(json_inputs(raw)), "iteminfo.json")


@fuzz_settings(SOME)
@given(st.data())
def test_iteminfo_xml(data):
    raw = packages()[2]["esriinfo/iteminfo.xml"]
    only_tile_cache_errors(read_iteminfo_xml, data.draw(xml_inputs(raw)), "iteminfo.xml")


# ---- whole packages -----------------------------------------------------------------

def open_and_read(folder, kind, data):
    path = folder / f"mutant.{kind}"
    path.write_bytes(data)
    try:
        SafeZip(path).close()
    except TileCacheError:
        pass
    read_everything(path)


@pytest.mark.parametrize("kind", ["tpkx", "tpk"])
@fuzz_settings(SOME)
@given(st.data())
def test_package_mutations(kind, data):
    folder, made, _members = packages()
    blob = data.draw(mutated(made[kind], hot=zip_hot_spots(made[kind]), max_edits=3))
    only_tile_cache_errors(open_and_read, folder, kind, blob)


@fuzz_settings(FEW)
@given(st.binary(max_size=5000), st.sampled_from(["tpkx", "tpk"]))
def test_random_bytes_as_packages(data, kind):
    folder = packages()[0]
    only_tile_cache_errors(open_and_read, folder, kind, b"PK\x03\x04" + data)

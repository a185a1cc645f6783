"""Hostile and broken XML never gets past safe_xml, whichever reader is used."""
import time

import pytest

from tile_package_tools.tilecache.metadata.conf_reader import read_conf_cdi, read_conf_xml
from tile_package_tools.tilecache.errors import FormatError
from tile_package_tools.tilecache.metadata.iteminfo import read_iteminfo_xml
from tile_package_tools.tilecache.io.safe_xml import (
    MAX_XML_BYTES, child, child_bool, child_float, child_int, children, local_name, parse_xml)
from tile_package_tools.testkit.hostile.documents import billion_laughs, external_entity

BILLION_LAUGHS = billion_laughs("CacheInfo")
EXTERNAL_ENTITY = external_entity("CacheInfo", "TileCacheInfo")
EXTERNAL_DTD = b'<?xml version="1.0"?><!DOCTYPE c SYSTEM "http://example.com/x.dtd"><CacheInfo/>'


@pytest.mark.parametrize("data", [BILLION_LAUGHS, EXTERNAL_ENTITY, EXTERNAL_DTD],
                         ids=["laughs", "xxe", "dtd"])
@pytest.mark.parametrize("reader", [read_conf_xml, read_conf_cdi, read_iteminfo_xml])
def test_hostile_xml_is_refused_quickly(data, reader):
    start = time.monotonic()
    with pytest.raises(FormatError, match="^evil.xml: XML refused"):
        reader(data, "evil.xml")
    assert time.monotonic() - start < 1.0


@pytest.mark.parametrize("data", [b"", b"<CacheInfo>", b"\xff\xfe\x00junk", b"{}",
                                  b'<?xml version="1.0" encoding="klingon"?><a/>',
                                  b" " * (MAX_XML_BYTES + 1)],
                         # Short ids: the last value as an id is megabytes of spaces
                         # in every report that names the test.
                         ids=["empty", "unclosed", "not-utf8", "json", "klingon", "too-big"])
def test_broken_xml_is_a_one_line_format_error(data):
    with pytest.raises(FormatError, match="^broken.xml: ") as info:
        read_conf_xml(data, "broken.xml")
    assert "\n" not in str(info.value)


def test_lookups_ignore_namespaces():
    root = parse_xml(b'<a xmlns="urn:one" xmlns:t="urn:two"><t:B>1.5</t:B><B>2</B>'
                     b'<C>true</C><!-- note --><D>x</D></a>')
    assert local_name(root.tag) == "a"
    assert [e.text for e in children(root, "B")] == ["1.5", "2"]
    assert child_float(root, "B", "f") == 1.5 and child_int(child(root, "B"), "X", "f",
                                                          default=7) == 7
    assert child_bool(root, "C", "f") is True
    with pytest.raises(FormatError, match="^f: <B> is not a whole number"):
        child_int(root, "B", "f")
    with pytest.raises(FormatError, match="^f: <D> is not true or false"):
        child_bool(root, "D", "f")
    with pytest.raises(FormatError, match="^f: <a> has no <E> value"):
        child_float(root, "E", "f")

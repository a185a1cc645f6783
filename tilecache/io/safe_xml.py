"""Parse untrusted XML safely and walk it by local names.

Every XML file we read comes out of a cache folder or a package someone sent
us, so parsing goes through defusedxml with DTDs refused outright: no file
ArcGIS writes has one, and refusing them stops entity-expansion bombs and
external-entity reads before expat does any work. Esri moves its ``typens``
namespace between versions (10.0, 10.3, ...), hence lookups by local name.
"""
import math
import xml.etree.ElementTree as ET

import defusedxml
import defusedxml.ElementTree as DET

from ..errors import FormatError

#: Largest XML file we agree to parse; real conf.xml files are a few kB.
MAX_XML_BYTES = 16 * 1024 * 1024

#: The declaration ArcGIS puts in front of every XML file it writes.
XML_DECLARATION = '<?xml version="1.0" encoding="utf-8" ?>'


def parse_xml(data, path=None):
    """Parse ``data`` (bytes or str) into its root element or raise FormatError."""
    if isinstance(data, str):
        data = data.encode("utf-8")
    if not isinstance(data, (bytes, bytearray, memoryview)):
        raise FormatError(f"expected XML bytes, got {type(data).__name__}", path)
    if len(data) > MAX_XML_BYTES:
        raise FormatError(f"XML file is {len(data)} bytes, more than the "
                          f"{MAX_XML_BYTES} accepted", path)
    try:
        return DET.fromstring(bytes(data), forbid_dtd=True, forbid_entities=True,
                              forbid_external=True)
    except defusedxml.DefusedXmlException as exc:
        raise FormatError(f"XML refused: it declares a DTD or entities ({type(exc).__name__})",
                          path) from None
    except ET.ParseError as exc:
        raise FormatError(f"not well-formed XML ({exc})", path) from None
    except (ValueError, LookupError) as exc:
        # expat raises these for unknown encodings named in the declaration.
        raise FormatError(f"unreadable XML ({exc})", path) from None


def local_name(tag):
    """``{namespace}Name`` -> ``Name``; plain names pass through."""
    if not isinstance(tag, str):
        return ""  # comments and processing instructions have callable tags
    return tag.rsplit("}", 1)[-1]


def children(element, name):
    """Direct children of ``element`` whose local name is ``name``."""
    return [child for child in element if local_name(child.tag) == name]


def child(element, name):
    """The first direct child named ``name``, or None."""
    for item in element:
        if local_name(item.tag) == name:
            return item
    return None


def require_child(element, name, path, error=FormatError):
    found = child(element, name)
    if found is None:
        raise error(f"<{local_name(element.tag)}> has no <{name}> element", path)
    return found


def child_text(element, name):
    """Stripped text of the first child ``name``; None when absent, '' when empty."""
    found = child(element, name)
    if found is None:
        return None
    return (found.text or "").strip()


#: The ``default`` of child values that must be present.
REQUIRED = object()


def child_float(element, name, path, error=FormatError, default=REQUIRED):
    """The finite number in child ``name``; ``default`` when absent (REQUIRED: an error)."""
    text = child_text(element, name)
    if not text:
        if default is REQUIRED:
            raise error(f"<{local_name(element.tag)}> has no <{name}> value", path)
        return default
    try:
        value = float(text)
    except ValueError:
        raise error(f"<{name}> is not a number: {text[:40]!r}", path) from None
    if not math.isfinite(value):
        raise error(f"<{name}> is not a finite number: {text[:40]!r}", path)
    return value


def child_int(element, name, path, error=FormatError, default=REQUIRED):
    value = child_float(element, name, path, error, None if default is not REQUIRED else default)
    if value is None:
        return default
    if not value.is_integer():
        raise error(f"<{name}> is not a whole number: {value!r}", path)
    return int(value)


def child_bool(element, name, path, error=FormatError, default=False):
    text = child_text(element, name)
    if not text:
        return default
    lowered = text.lower()
    if lowered in ("true", "1"):
        return True
    if lowered in ("false", "0"):
        return False
    raise error(f"<{name}> is not true or false: {text[:40]!r}", path)


def to_xml_bytes(root, indent=True, prologue=""):
    """Serialise an ElementTree element the way ArcGIS files start: declaration first."""
    if indent:
        ET.indent(root)
    body = ET.tostring(root, encoding="unicode")
    return (XML_DECLARATION + "\n" + prologue + body + "\n").encode("utf-8")

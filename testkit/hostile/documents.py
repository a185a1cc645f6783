"""Hostile and broken metadata documents: entity bombs, XXE, missing or bad values."""
import json


def billion_laughs(root_tag, depth=10):
    """The classic entity-expansion bomb (10^depth copies of "lol") as ``root_tag``."""
    entities = ['<!ENTITY lol0 "lol">'] + [
        f'<!ENTITY lol{i} "{("&lol%d;" % (i - 1)) * 10}">' for i in range(1, depth)]
    return (f'<?xml version="1.0"?>\n<!DOCTYPE {root_tag} [\n' + "\n".join(entities)
            + f"\n]>\n<{root_tag}>&lol{depth - 1};</{root_tag}>\n").encode()


def external_entity(root_tag, inner_tag="X", target="file:///etc/passwd"):
    """An XXE document that would pull ``target`` into ``inner_tag``."""
    return (f'<?xml version="1.0"?>\n<!DOCTYPE {root_tag} [\n'
            f'<!ENTITY xxe SYSTEM "{target}">\n]>\n'
            f"<{root_tag}><{inner_tag}>&xxe;</{inner_tag}></{root_tag}>\n").encode()


def xml_with_entity_in(valid_xml, element="TileCols"):
    """A valid conf.xml whose ``element`` text comes from an external entity."""
    text = valid_xml.decode("utf-8")
    start = text.index("<" + element + ">")
    end = text.index("</" + element + ">", start)
    body = text[:start] + f"<{element}>&xxe;" + text[end:]
    body = body.split("?>", 1)[-1] if body.lstrip().startswith("<?xml") else body
    root = body.lstrip().split(None, 1)[0].lstrip("<").rstrip(">")
    doctype = f'<!DOCTYPE {root} [<!ENTITY xxe SYSTEM "file:///etc/hostname">]>'
    return ('<?xml version="1.0" encoding="utf-8"?>\n' + doctype + "\n" + body.lstrip()).encode()


def drop_element(valid_xml, element):
    """``valid_xml`` without the first ``<element>...</element>``."""
    text = valid_xml.decode("utf-8")
    start = text.index("<" + element)
    end = text.index("</" + element + ">", start) + len(element) + 3
    return (text[:start] + text[end:]).encode()


def replace_text(valid_xml, element, value):
    """``valid_xml`` with the first ``<element>`` holding ``value``."""
    text = valid_xml.decode("utf-8")
    start = text.index(">", text.index("<" + element)) + 1
    end = text.index("</" + element + ">", start)
    return (text[:start] + value + text[end:]).encode()


def root_json_with(root_json, change):
    """root.json bytes after ``change(doc)`` edited the parsed document in place."""
    doc = json.loads(root_json)
    change(doc)
    return json.dumps(doc, allow_nan=True).encode()

#!/usr/bin/env python3
"""`make translations`: refresh i18n/*.ts from the sources, compile them to .qm.

Strings are found by reading the Python source (ast): every call
``tr("literal")`` in the plugin's QGIS layers (qgis_support/, processing_provider/, plugin/).
This replaces pylupdate5, which filed bare ``tr()`` calls under the context
"@default" (never matched at runtime) and needed every module listed by hand.
Existing translations are kept; a source that disappeared is dropped; a new
one arrives untranslated (type="unfinished"). Then ``lrelease`` compiles.

Usage: translations.py [--check]   (--check: report, change nothing)
Standard library only, so tests import ``source_strings`` / ``read_ts``.
"""
import ast
import pathlib
import subprocess
import sys
import xml.etree.ElementTree as ET

REPO = pathlib.Path(__file__).resolve().parent.parent
#: Folders whose modules hold user-visible strings (the core has none: its
#: errors are REST texts, the same in every language).
SOURCE_DIRS = ("qgis_support", "processing_provider", "plugin")
CONTEXT = "TilePackageTools"  # qgis_support/tr.py translates in this context
LANGUAGES = ("fr", "de")


def ts_path(language):
    return REPO / "i18n" / f"tile_package_tools_{language}.ts"


def source_strings():
    """{text: "path:line" of its first use} for every tr("literal") call, in source order."""
    found = {}
    for folder in SOURCE_DIRS:
        for path in sorted((REPO / folder).rglob("*.py")):
            tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
            for node in ast.walk(tree):
                text = _tr_literal(node)
                if text is not None and text not in found:
                    found[text] = f"{path.relative_to(REPO)}:{node.lineno}"
    return found


def _tr_literal(node):
    if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
            and node.func.id == "tr" and node.args):
        return None
    first = node.args[0]
    if isinstance(first, ast.Constant) and isinstance(first.value, str):
        return first.value
    return None


def read_ts(path):
    """{source: translation or ""} of a .ts file ("" also for unfinished ones)."""
    if not path.exists():
        return {}
    messages = {}
    for message in ET.parse(path).getroot().iter("message"):
        translation = message.find("translation")
        done = translation is not None and translation.get("type") != "unfinished"
        messages[message.findtext("source")] = (translation.text or "") if done else ""
    return messages


def write_ts(path, language, strings, known):
    root = ET.Element("TS", version="2.1", language=language)
    context = ET.SubElement(root, "context")
    ET.SubElement(context, "name").text = CONTEXT
    for text, where in strings.items():
        message = ET.SubElement(context, "message")
        filename, line = where.rsplit(":", 1)
        ET.SubElement(message, "location", filename="../" + filename, line=line)
        ET.SubElement(message, "source").text = text
        translation = ET.SubElement(message, "translation")
        if known.get(text):
            translation.text = known[text]
        else:
            translation.set("type", "unfinished")
    ET.indent(root)
    body = ET.tostring(root, encoding="unicode")
    path.write_text('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + body + "\n",
                    encoding="utf-8")


def main(argv):
    strings = source_strings()
    check = "--check" in argv
    for language in LANGUAGES:
        path = ts_path(language)
        known = read_ts(path)
        missing = [text for text in strings if text not in known]
        untranslated = [text for text in strings if not known.get(text)]
        print(f"{path.name}: {len(strings)} strings, {len(missing)} new, "
              f"{len(untranslated)} untranslated")
        if not check:
            write_ts(path, language, strings, known)
            subprocess.run(["lrelease", "-silent", str(path)], check=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

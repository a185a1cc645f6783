"""REST responses: the ``f`` parameter and the outputs holding a body in that form
(compact JSON, indented pjson, or an HTML report also written as REPORT)."""
import html
import json

from qgis.core import QgsProcessingUtils

from ..qgis_support.tr import tr
from .parameters import advanced, choice_parameter

RESPONSE_FORMATS = ["json", "pjson", "html"]


def add_format_parameter(algorithm, default=RESPONSE_FORMATS[0]):
    """The REST ``f`` parameter, an advanced option list (json, pjson, html)."""
    choices = [("json", tr("JSON")), ("pjson", tr("Indented JSON")),
               ("html", tr("HTML report"))]
    algorithm.addParameter(advanced(choice_parameter(
        "f", tr("Response format (f)"), choices, default)))


def response_format(values, default=RESPONSE_FORMATS[0]):
    """The REST ``f`` parameter of ``values`` (a ParameterValues): json, pjson or html."""
    return values.enum("f", RESPONSE_FORMATS, default)


def response_outputs(body, response_format, name, stem):
    """Algorithm outputs for a REST body: ``name`` holds it in the ``f`` form asked for,
    and with f=html the same page is also the REPORT file ``stem``.html.
    """
    text = format_response(body, response_format)
    outputs = {name: text}
    if response_format == "html":
        outputs["REPORT"] = write_html_file(text, stem)
    return outputs


def format_response(obj, f):
    """``obj`` as the REST ``f`` asks: compact json, indented pjson, or an HTML report."""
    if f == "pjson":
        return json.dumps(obj, indent=2, ensure_ascii=False)
    if f == "html":
        return html_report(obj)
    return json.dumps(obj, separators=(",", ":"), ensure_ascii=False)


def html_report(obj, title=None):
    """A small self-contained page; every value escaped."""
    heading = html.escape(title or tr("Tile Package Tools"))
    rows = "".join(_html_rows(obj, ""))
    return ("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>"
            f"{heading}</title></head><body><h2>{heading}</h2>"
            f"<table border=\"1\" cellpadding=\"3\" cellspacing=\"0\">{rows}</table>"
            "</body></html>\n")


def _html_rows(obj, prefix):
    if isinstance(obj, dict):
        for key, value in obj.items():
            yield from _html_rows(value, f"{prefix}.{key}" if prefix else str(key))
    elif isinstance(obj, list) and obj and all(isinstance(item, dict) for item in obj):
        for number, item in enumerate(obj, 1):
            yield from _html_rows(item, f"{prefix}[{number}]")
    else:
        text = obj if isinstance(obj, str) else json.dumps(obj, ensure_ascii=False)
        yield f"<tr><th align=\"left\">{html.escape(prefix)}</th><td>{html.escape(text)}</td></tr>"


def write_html_file(text, stem="report"):
    """Write an HTML report where Processing keeps temporary files; its path.

    REPORT is declared a file output, not an HTML output: QGIS 3.22 ends every
    run of an algorithm with HTML outputs with "HTML output has been
    generated", even when f=json wrote none.
    """
    path = QgsProcessingUtils.generateTempFilename(f"{stem}.html")
    with open(path, "w", encoding="utf-8") as out:
        out.write(text)
    return path

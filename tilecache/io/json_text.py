"""JSON from untrusted text: size-capped, NaN and Infinity refused, one error per caller.

Python's json module accepts NaN and Infinity and recurses without limit;
neither belongs in a tiling scheme or a geometry, so every JSON the core
reads (root.json, mapserver.json, iteminfo.json, REST parameters) comes
through :func:`decode_json`.
"""
import json

#: Metadata and parameters are small; nothing honest is near this.
MAX_JSON_BYTES = 16 * 1024 * 1024


class JsonTextError(ValueError):
    """The text is not acceptable JSON; ``reason`` says why in a few words."""

    def __init__(self, reason):
        self.reason = " ".join(str(reason).split())
        super().__init__(self.reason)


def _refuse_constant(name):
    raise JsonTextError(f"{name} is not a number JSON allows")


def decode_json(data, max_bytes=MAX_JSON_BYTES):
    """The JSON value in ``data`` (text or UTF-8 bytes, BOM allowed); JsonTextError if not."""
    if isinstance(data, str):
        data = data.encode("utf-8")
    if not isinstance(data, (bytes, bytearray, memoryview)):
        raise JsonTextError(f"expected JSON text, got {type(data).__name__}")
    if len(data) > max_bytes:
        raise JsonTextError(f"{len(data)} bytes is more than the {max_bytes} accepted")
    try:
        return json.loads(bytes(data).decode("utf-8-sig"), parse_constant=_refuse_constant)
    except UnicodeDecodeError:
        raise JsonTextError("not UTF-8 text") from None
    except RecursionError:
        raise JsonTextError("nested too deeply") from None
    except JsonTextError:
        raise
    except json.JSONDecodeError as exc:
        raise JsonTextError(_described(exc)) from None
    except ValueError as exc:
        raise JsonTextError(str(exc)) from None


def _described(exc):
    """The decoder's reason; for text after a complete value, that text too, since
    a bracket closed too early (as in a REST page's own example) hides there."""
    if not exc.msg.startswith("Extra data"):
        return str(exc)
    stray = exc.doc[exc.pos:]
    shown = stray if len(stray) <= 40 else stray[:37] + "..."
    return (f"the JSON value ends at character {exc.pos} and is followed by {shown!r}; "
            "a bracket closes too early")

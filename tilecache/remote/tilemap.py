"""A service's tilemap: which tile slots of a window hold tiles, in one request.

``tilemap/{level}/{row}/{col}/{width}/{height}`` answers ``{"adjusted": bool,
"location": {"left", "top", "width", "height"}, "data": [0|1, ...]}`` (data
row by row over the location, which the server may have moved: "adjusted").
"""
from .client import ServiceError


def present_slots(client, level, window):
    """The (row, col) slots of ``window`` (row_min, row_max, col_min, col_max) the
    tilemap marks as holding a tile; None when the service gives no usable map."""
    row_min, row_max, col_min, col_max = window
    width, height = col_max - col_min + 1, row_max - row_min + 1
    try:
        doc = client.json(f"tilemap/{level}/{row_min}/{col_min}/{width}/{height}")
    except ServiceError as exc:
        if " 49" in f" {exc.message}"[:4]:  # 498/499: the token is the problem
            raise
        return None
    return _read_map(doc, window)


def _read_map(doc, window):
    location, data = doc.get("location"), doc.get("data")
    if not isinstance(location, dict) or not isinstance(data, list):
        return None
    try:
        left, top = int(location["left"]), int(location["top"])
        width, height = int(location["width"]), int(location["height"])
    except (KeyError, TypeError, ValueError):
        return None
    if width <= 0 or height <= 0 or len(data) != width * height:
        return None
    row_min, row_max, col_min, col_max = window
    if top > row_min or left > col_min or top + height - 1 < row_max or \
            left + width - 1 < col_max:
        return None  # the map does not cover the window: ask tile by tile
    return {(top + i // width, left + i % width) for i, flag in enumerate(data) if flag}

"""Reading the REST ``levels`` parameter (with ``exportBy``) into LODs.

``levels`` holds level ids, scales or resolutions as a comma-separated list of
values and ranges ("1,2,3", "1-4,7-9", "591657527.591555-73957190.948944").
"""
import math
import re

from ..errors import LevelRangeError, ParameterError

#: People type scales and resolutions rounded to about six significant digits
#: ("591658000"), so a looser tolerance than the scheme's own 1e-6 is needed.
#: LODs of one scheme differ far more than this, so a value never fits two.
TYPED_VALUE_TOLERANCE = 1e-4

_NUMBER = r"\+?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?"
# A range's dash is the one not inside an exponent: "2.1e-05-1.0e-05" is a range.
_TOKEN = re.compile(rf"^({_NUMBER})(?:\s*-\s*({_NUMBER}))?$")
_LEVEL_ID = re.compile(r"^\+?\d+$")

_EXPORT_BY = {"levelid": "LevelID", "scale": "Scale", "resolution": "Resolution"}


def level_ranges_text(ids):
    """Level ids as compact text: [0, 1, 2, 3, 5, 7, 8, 9] -> "0-3,5,7-9"."""
    runs = []
    for level in sorted(set(int(i) for i in ids)):
        if runs and level == runs[-1][1] + 1:
            runs[-1][1] = level
        else:
            runs.append([level, level])
    return ",".join(str(a) if a == b else f"{a}-{b}" for a, b in runs)


def check_levels_within(level_ids, scheme):
    """Raise LevelRangeError for the first id outside the scheme's min..max ids."""
    known = scheme.level_ids
    lowest, highest = min(known), max(known)
    for level in level_ids:
        if not lowest <= level <= highest:
            raise LevelRangeError(level)


def named_level_ids(spec):
    """Every whole number ``spec`` names as a level id or range end, through the one grammar.

    Malformed items are passed over here; resolve_levels reports them.
    """
    ids = []
    for token in _tokens(spec) or ():
        match = _TOKEN.match(token)
        if match:
            ids.extend(int(text) for text in match.groups()
                       if text is not None and _LEVEL_ID.match(text))
    return ids


def normalise_export_by(export_by, parameter="exportBy"):
    """The canonical spelling of ``exportBy`` (REST also writes "levelId")."""
    if export_by is None or str(export_by).strip() == "":
        return "LevelID"
    key = str(export_by).strip().lower()
    if key not in _EXPORT_BY:
        raise ParameterError(
            f'{parameter}: "{export_by}" is not one of LevelID, Scale, Resolution')
    return _EXPORT_BY[key]


def resolve_levels(spec, scheme, export_by="LevelID", available=None, parameter="levels"):
    """The scheme's LODs that ``spec`` names, sorted by level id.

    An empty ``spec`` means every LOD holding tiles (``available``: level ids)
    or, without ``available``, every LOD of the scheme.
    """
    mode = normalise_export_by(export_by)
    tokens = _tokens(spec)
    if tokens is None:
        wanted = None if available is None else {int(level) for level in available}
        return sorted((lod for lod in scheme.lods if wanted is None or lod.level in wanted),
                      key=lambda lod: lod.level)
    if not tokens:
        raise ParameterError(f'{parameter}: "{spec}" names no levels')
    chosen = {}
    for token in tokens:
        if mode == "LevelID":
            lods = _by_level_id(token, scheme, parameter)
        else:
            lods = _by_value(token, scheme, mode, parameter)
        for lod in lods:
            chosen[lod.level] = lod
    return [chosen[level] for level in sorted(chosen)]


def _tokens(spec):
    """The comma-separated items of ``spec``, or None when spec is empty."""
    if spec is None:
        return None
    if isinstance(spec, (list, tuple, set, frozenset)):
        spec = ",".join(str(item) for item in spec)
    text = str(spec).strip()
    if not text:
        return None
    return [item.strip() for item in text.split(",") if item.strip()]


def _split(token, parameter, what):
    match = _TOKEN.match(token)
    if not match:
        raise ParameterError(f'{parameter}: "{token}" is not a {what} or a range of them')
    return match.group(1), match.group(2)


def _by_level_id(token, scheme, parameter):
    first, last = _split(token, parameter, "level id")
    for text in (first, last):
        if text is not None and not _LEVEL_ID.match(text):
            raise ParameterError(f'{parameter}: "{text}" is not a whole-number level id')
    known = sorted(scheme.level_ids)
    have = f"it has levels {level_ranges_text(known)}"
    low = int(first)
    if last is None:
        lod = scheme.lod(low)
        if lod is None:
            raise ParameterError(f"{parameter}: level {low} is not in the cache; {have}")
        return [lod]
    high = int(last)
    if high < low:
        raise ParameterError(f'{parameter}: range "{token}" runs backwards')
    for end in (low, high):
        if not known[0] <= end <= known[-1]:
            raise ParameterError(f"{parameter}: level {end} is not in the cache; {have}")
    lods = [lod for lod in scheme.lods if low <= lod.level <= high]
    if not lods:
        raise ParameterError(f'{parameter}: range "{token}" holds no level of the cache; {have}')
    return lods


def _by_value(token, scheme, mode, parameter):
    noun = mode.lower()
    first, last = _split(token, parameter, noun)
    values = [float(text) for text in (first, last) if text is not None]
    for value in values:
        if not (math.isfinite(value) and value > 0):
            raise ParameterError(f'{parameter}: {noun} "{token}" must be a positive number')
    attr = "scale" if mode == "Scale" else "resolution"
    if len(values) == 1:
        lod = scheme.nearest_lod(attr, values[0], TYPED_VALUE_TOLERANCE)
        if lod is None:
            raise ParameterError(f"{parameter}: {noun} {first} is not in the cache; "
                                 f"it has {noun}s {_values_text(scheme, attr)}")
        return [lod]
    # Large scales are coarse levels, so people write scale ranges either way round.
    low, high = min(values), max(values)
    low *= 1 - TYPED_VALUE_TOLERANCE
    high *= 1 + TYPED_VALUE_TOLERANCE
    lods = [lod for lod in scheme.lods if low <= getattr(lod, attr) <= high]
    if not lods:
        raise ParameterError(f'{parameter}: {noun} range "{token}" holds no level of the cache; '
                             f"it has {noun}s {_values_text(scheme, attr)}")
    return lods


def _values_text(scheme, attr):
    ordered = sorted(scheme.lods, key=lambda lod: lod.level)
    return ", ".join(format(getattr(lod, attr), ".12g") for lod in ordered)

"""optimizeTilesForSize: re-encode JPEG tiles at a chosen quality with Pillow."""
import io

from ..formats.records import TileData
from ..scheme.tile_signature import is_jpeg


def reencode_jpeg(data, quality):
    """``(bytes, decoded)``: the tile re-encoded at ``quality``, or the original when
    that is not smaller; ``decoded`` is False for a JPEG Pillow cannot decode,
    which keeps its bytes.

    PNG, LERC and anything else pass through untouched: only JPEG tiles can be
    recompressed without changing what they mean.
    """
    if not is_jpeg(data):
        return data, True
    from PIL import Image
    try:
        with Image.open(io.BytesIO(data)) as image:
            image.load()
            if image.mode not in ("RGB", "L", "CMYK"):
                image = image.convert("RGB")
            out = io.BytesIO()
            image.save(out, format="JPEG", quality=int(quality), optimize=True)
    except Exception:  # noqa: BLE001 - Pillow raises many kinds for bad bytes
        return data, False
    smaller = out.getvalue()
    return (smaller if len(smaller) < len(data) else data), True


def reencode_entries(entries, quality, pool):
    """``(TileData list, undecodable entries)``: JPEGs re-encoded in parallel (Pillow
    drops the GIL)."""
    def work(entry):
        return entry, reencode_jpeg(entry.fetch(), quality)
    done = list(pool.map(work, entries))
    return ([TileData(entry.row, entry.col, len(data), (lambda d=data: d))
             for entry, (data, _) in done],
            [entry for entry, (_, decoded) in done if not decoded])

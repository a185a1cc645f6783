"""optimizeTilesForSize: re-encode JPEG tiles at a chosen quality with Pillow."""
import io

from ..formats.records import TileData

JPEG_MAGIC = b"\xff\xd8\xff"


def is_jpeg(data):
    return data[:3] == JPEG_MAGIC


def reencode_jpeg(data, quality):
    """The tile re-encoded at ``quality``, or the original when that is not smaller.

    PNG, LERC and anything else pass through untouched: only JPEG tiles can be
    recompressed without changing what they mean.
    """
    if not is_jpeg(data):
        return data
    from PIL import Image
    try:
        with Image.open(io.BytesIO(data)) as image:
            image.load()
            if image.mode not in ("RGB", "L", "CMYK"):
                image = image.convert("RGB")
            out = io.BytesIO()
            image.save(out, format="JPEG", quality=int(quality), optimize=True)
    except Exception:  # noqa: BLE001 - a tile Pillow cannot decode keeps its bytes
        return data
    smaller = out.getvalue()
    return smaller if len(smaller) < len(data) else data


def reencode_entries(reader, records, quality, pool):
    """TileData for ``records`` with JPEGs re-encoded in parallel (Pillow drops the GIL)."""
    def work(record):
        return record, reencode_jpeg(reader.read(record), quality)
    return [TileData(record.row, record.col, len(data), (lambda d=data: d))
            for record, data in pool.map(work, records)]

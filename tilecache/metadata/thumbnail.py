"""The thumbnail.png every package carries, drawn from the package's own tiles."""
import io

#: ArcGIS writes 200 x 133 thumbnails; portals crop to that ratio anyway.
THUMBNAIL_SIZE = (200, 133)
#: A mosaic wider than this is pointless at 200 pixels.
MAX_MOSAIC_TILES = 4


def make_thumbnail(tiles, tile_width, tile_height):
    """A PNG from up to 4 x 4 tiles of one level: ``tiles`` is [(row, col, bytes)].

    Falls back to a plain grey image when no tile decodes (LERC, vector).
    """
    from PIL import Image
    canvas = None
    if tiles:
        rows = sorted({row for row, _, _ in tiles})
        cols = sorted({col for _, col, _ in tiles})
        mid_row, mid_col = rows[len(rows) // 2], cols[len(cols) // 2]
        half = MAX_MOSAIC_TILES // 2
        # Around the median row and column; scattered tiles (a diagonal) may leave
        # that window empty, and then the window starts at the first tile.
        for row0, col0 in ((max(rows[0], mid_row - half), max(cols[0], mid_col - half)),
                           tiles[0][:2]):
            chosen = [(r, c, d) for r, c, d in tiles if row0 <= r < row0 + MAX_MOSAIC_TILES
                      and col0 <= c < col0 + MAX_MOSAIC_TILES]
            if chosen:
                break
        width = (max(c for _, c, _ in chosen) - col0 + 1) * tile_width
        height = (max(r for r, _, _ in chosen) - row0 + 1) * tile_height
        for row, col, data in chosen:
            try:
                with Image.open(io.BytesIO(data)) as image:
                    if image.size != (tile_width, tile_height):
                        # Not a tile of this cache (a decompression bomb claims gigapixels):
                        # opening read its header only; decoding it is never tried.
                        continue
                    # Through RGBA, pasted with its alpha: transparent pixels show the
                    # white canvas, not whatever colour the tile's palette gives them.
                    image = image.convert("RGBA")
                    if canvas is None:
                        canvas = Image.new("RGB", (width, height), (255, 255, 255))
                    canvas.paste(image, ((col - col0) * tile_width, (row - row0) * tile_height),
                                 image)
            except Exception:  # noqa: BLE001 - an undecodable tile just leaves a gap
                continue
    if canvas is None:
        canvas = Image.new("RGB", THUMBNAIL_SIZE, (200, 200, 200))
    canvas = _fit(canvas, THUMBNAIL_SIZE)
    out = io.BytesIO()
    canvas.save(out, format="PNG")
    return out.getvalue()


def _fit(image, size):
    """Scale to cover ``size`` and crop the middle, keeping the aspect."""
    from PIL import Image
    target_w, target_h = size
    scale = max(target_w / image.width, target_h / image.height)
    resized = image.resize((max(1, round(image.width * scale)), max(1, round(image.height * scale))),
                           Image.LANCZOS)
    left = (resized.width - target_w) // 2
    top = (resized.height - target_h) // 2
    return resized.crop((left, top, left + target_w, top + target_h))

"""Render one bundle: its metatiles drawn, cut into tiles, encoded, spooled.

    blocks --(renderer, batch at a time)--> images --(encode threads)--> tiles -> spool

``render_bundle`` is a function of plain values (a BundleTask, a renderer, a
spool writer), so bundles can be handed to other workers as they are.
Encoding runs on a thread pool while the renderer draws the next batch
(Pillow and numpy release the GIL), so it stays off the rendering path.
"""
from collections import deque

from ..feedback import SILENT
from .encoding import encode_tile
from .metatiles import block_request, cut_block


def render_bundle(task, renderer, spool, pool, feedback=SILENT):
    """Render ``task``'s blocks into ``spool`` (a SpoolWriter); the number of tiles stored.

    Blank tiles are dropped. ``pool`` is an executor for encoding. Cancelling
    stops before the next batch: within one metatile's time.
    """
    blocks = task.blocks
    pending = deque()
    for start in range(0, len(blocks), max(1, renderer.batch)):
        feedback.check_cancelled()
        batch = blocks[start:start + max(1, renderer.batch)]
        images = renderer.render_many([block_request(task, block) for block in batch])
        for block, image in zip(batch, images):
            pending.append(pool.submit(_encode_block, task, block, image))
        # Keep at most two batches of images alive: memory stays flat.
        while len(pending) > 2 * len(batch):
            _store(pending.popleft().result(), task, spool)
        feedback.progress((start + len(batch)) / len(blocks))
    while pending:
        _store(pending.popleft().result(), task, spool)
    return spool.tile_count


def _encode_block(task, block, image):
    tiles = []
    for row, col, pixels in cut_block(task, block, image):
        data = encode_tile(pixels, task.tile_format, task.quality, task.background)
        if data is not None:
            tiles.append((row, col, data))
    return tiles


def _store(tiles, task, spool):
    for row, col, data in tiles:
        spool.add(row - task.row, col - task.col, data)

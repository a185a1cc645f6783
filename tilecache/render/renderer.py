"""What the core asks of whoever draws the map: RGBA pixels for an extent.

The core never draws. A renderer turns render requests ``(extent, width,
height)`` into ``height x width x 4`` uint8 RGBA arrays (straight, not
premultiplied alpha). ``render_many`` takes up to ``batch`` requests at once
so a renderer can draw them in parallel (QGIS: several map jobs at once);
:class:`FunctionRenderer` adapts a plain ``render(extent, width, height)``.
"""
from typing import List, Protocol, Sequence, Tuple

import numpy as np

from ..model import Extent

RenderRequest = Tuple[Extent, int, int]


class Renderer(Protocol):
    #: How many requests render_many is best given at once.
    batch: int

    def render_many(self, requests: Sequence[RenderRequest]) -> List[np.ndarray]:
        """One RGBA array per request, in order."""


class FunctionRenderer:
    """A renderer from ``render(extent, width, height) -> RGBA array``, one at a time."""

    batch = 1

    def __init__(self, render):
        self._render = render

    def render_many(self, requests):
        return [self._render(*request) for request in requests]

"""Spans of a text found by the line they touch: the reading pane draws one line at a time."""

from __future__ import annotations

from bisect import bisect_left

from store.model import Span


class SpanIndex:
    """Spans in text order (they may overlap), looked up by the stretch of text a line shows."""

    def __init__(self, spans: tuple[Span, ...] = ()) -> None:
        self.spans = spans
        self._starts = [start for start, _ in spans]
        self._longest = max((end - start for start, end in spans), default=0)

    def between(self, start: int, end: int) -> list[tuple[int, Span]]:
        """(index, span) of the spans that share a character with `start`-`end`."""
        low = bisect_left(self._starts, start - self._longest)
        high = bisect_left(self._starts, end)
        return [(i, self.spans[i]) for i in range(low, high) if self.spans[i][1] > start]


def index_at(offset: int, found: list[tuple[int, Span]]) -> int | None:
    """The index of the first of `found` that holds `offset`."""
    return next((i for i, (start, end) in found if start <= offset < end), None)

"""Two bounds that make one range: "more than 10 and less than 20", "at most 100 and at least 20",
"higher or equal than one hundred, lower or equal than three hundred" are each one figure from 10 to 20,
20 to 100, 100 to 300 (the text names no single number, so `value` is None)."""

from __future__ import annotations

import re
from dataclasses import replace

from store.extract.vocabulary import S
from store.model import Figure

_JOIN = re.compile(rf"{S}*+(?:,{S}*+)?(?:(?:and|but){S}++)?\Z")


def merge_bounds(text: str, figures: list[Figure]) -> list[Figure]:
    """The figures with each lower bound and upper bound written side by side made one range."""
    merged: list[Figure] = []
    for figure in figures:
        previous = merged[-1] if merged else None
        if previous is not None and _pair(text, previous, figure):
            low = previous.low if previous.low is not None else figure.low
            high = previous.high if previous.high is not None else figure.high
            merged[-1] = replace(previous, end=figure.end, text=text[previous.start:figure.end], value=None, low=low,
                                 high=high, qualifier=None, approximate=previous.approximate or figure.approximate)
        else:
            merged.append(figure)
    return merged


def _pair(text: str, first: Figure, second: Figure) -> bool:
    if first.sentence != second.sentence or first.kind != second.kind or first.unit != second.unit:
        return False
    between = text[first.end:second.start]
    if len(between) > 8 or not between.strip(" ,") or _JOIN.fullmatch(between) is None:
        return False
    bounds = [_bound(first), _bound(second)]
    if sorted(b for b in bounds if b is not None) != ["high", "low"]:
        return False
    low = first.low if bounds[0] == "low" else second.low
    high = first.high if bounds[0] == "high" else second.high
    return isinstance(low, int | float) and isinstance(high, int | float) and low < high


def _bound(figure: Figure) -> str | None:
    """"low" for a figure that is only a lower bound ("more than 10"), "high" for only an upper one."""
    if figure.value is None or figure.change is not None or figure.from_value is not None:
        return None
    if figure.low is not None and figure.high is None:
        return "low"
    if figure.high is not None and figure.low is None and not figure.approximate:
        return "high"
    return None

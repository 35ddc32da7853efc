"""Figures in news text: counts, money, percentages, measured quantities, durations, rates and dates.

One compiled pattern finds every candidate in one pass over the text; each match is then read
locally (its own groups, a few words around it for the subject and the change, its sentence for the
source). Nothing re-scans the whole text. `extract_figures` never raises on any `str`.

What a figure is (kinds, values, ranges, movements, qualifiers, vague amounts, what is not a figure)
is written once, in the README's "Figure conventions"; tests/unit/test_figure_conventions.py holds the
code to every row of it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from store.extract.amounts import read_figure
from store.extract.bounds import merge_bounds
from store.extract.context import Context
from store.extract.dates import read_date
from store.extract.patterns import (
    DATE_OR_SKIP,
    FIGURE,
    PREFIX_REVERSED,
    SIGN_AFTER_HYPHEN,
    SIGN_BLOCKERS,
    TRIGGER,
    TRIGGER_AT_START,
)
from store.extract.sentences import split_sentences
from store.model import Figure

__all__ = ["Figure", "extract_figures"]


def extract_figures(text: str, published: str | None = None, sentences: list[tuple[int, int]] | None = None) -> list[Figure]:
    """All figures in text, sorted by start, non-overlapping. `published` is an ISO date "2024-12-19"
    used for the year of dates that lack one; `sentences`, `split_sentences(text)` when the caller
    has it already (import does: splitting twice was a tenth of import time). Never raises on any str input."""
    if not isinstance(text, str) or not text:
        return []
    context = Context(text, published, split_sentences(text) if sentences is None else sentences)
    figures: list[Figure] = []
    reverse = text[::-1]
    position = 0
    for at in _triggers(text):
        if at < position:
            continue
        match = _match_at(text, reverse, at, position)
        if match is None:
            continue
        position = match.end()
        if match.lastgroup == "skip":
            continue
        figure = read_date(match, context) if match.lastgroup == "date" else None
        if figure is None:
            fig = match if match.lastgroup == "fig" else FIGURE.match(text, match.start("y5") if match.group("y5") else match.start())
            if fig is None:
                continue
            position = max(position, fig.end())
            figure = read_figure(fig, context)
            if figure is not None and figure.end < fig.end():
                position = figure.end  # a change before a level ("rose 6.5% to 164p"): the level is read next
        if figure is not None and (not figures or figure.start >= figures[-1].end):
            figures.append(figure)
            position = max(position, figure.end)
    return merge_bounds(text, figures)


def _triggers(text: str) -> Iterator[int]:
    """Where a figure can begin: a digit, a sign, a currency, a number word, a month, a weekday, a word of a
    relative date, each at the start of a word."""
    if TRIGGER_AT_START.match(text):
        yield 0
    for found in TRIGGER.finditer(text):
        before = found.start()
        sign = found.group("sign")
        if sign is not None and text[before] in "-−" and not sign[0].isdigit() and sign[0] not in "-−+." and (
                before == 0 or not (text[before - 1].isalnum() or text[before - 1] in SIGN_BLOCKERS)):
            yield before  # "-$3.2 million": the minus before a currency is the figure's sign
            continue
        if sign is not None and text[before] in SIGN_BLOCKERS and not (
                text[before] == "-" and SIGN_AFTER_HYPHEN.search(text, max(0, before - 5), before + 1)):
            continue
        yield before + 1


def _match_at(text: str, reverse: str, at: int, floor: int) -> re.Match[str] | None:
    """The candidate that covers the trigger at `at`, starting at the longest prefix before it
    ("at least", "a", "in") that still gives a match, and never before `floor`."""
    mirrored = len(text) - at
    back = PREFIX_REVERSED.match(reverse, mirrored)
    starts = [at]
    if back is not None and back.end() > mirrored:
        article = back.end("a") - mirrored if back.group("a") is not None else 0
        starts = [at - (back.end() - mirrored), at - article, at] if article else [at - (back.end() - mirrored), at]
        if back.group("outer") is not None:  # "from about $350 to $680": the range begins at "from"
            starts.insert(1, at - (back.start("outer") - mirrored))
    best = None
    for start in starts:
        if start < floor:
            continue
        match = DATE_OR_SKIP.match(text, start) or FIGURE.match(text, start)
        if match is not None and match.end() > at and (best is None or match.end() > best.end()):
            best = match  # "from 14 to 16 December" is a date, not the count "from 14 to 16"
    return best

"""Figures in news text: counts, money, percentages, measured quantities, durations, rates and dates.

One compiled pattern finds every candidate in one pass over the text; each match is then read
locally (its own groups, a few words after it for the subject, its sentence for the source). Nothing
re-scans the whole text. `extract_figures` never raises on any `str`.

Conventions (`value`, `low`, `high` are int when integral, else float; dates are ISO 8601 strings):

| text                               | kind     | value        | low          | high         | approx | qualifier     | unit  |
| ---------------------------------- | -------- | ------------ | ------------ | ------------ | ------ | ------------- | ----- |
| "500 officers"                     | count    | 500          | None         | None         | False  | None          | None  |
| "at least 30" (more than, over...) | count    | 30           | 30           | None         | False  | "at least"    | None  |
| "exceeds three thousand"           | count    | 3000         | 3000         | None         | False  | "exceeds"     | None  |
| "as many as 1,200" (up to, under)  | count    | 1200         | None         | 1200         | False  | "as many as"  | None  |
| "nearly 500" (almost, close to)    | count    | 500          | None         | 500          | True   | "nearly"      | None  |
| "approximately 12 000" (about...)  | count    | 12000        | None         | None         | True   | "approximately" | None |
| "another thousand", "three more"   | count    | 1000, 3      | None         | None         | False  | "another", "more" | None |
| "10,000 to 12,000", "between 5 and 7", "14-15" | count | None  | 10000        | 12000        | False  | None          | None  |
| "several hundred" (vague: table in `store.numbers`) | count | None | 300     | 900          | True   | None          | None  |
| "a couple hundred"                 | count    | 200          | 200          | 300          | True   | None          | None  |
| "$5.6 billion", "€20m"             | money    | 5600000000   | None         | None         | False  | None          | "USD", "EUR" |
| "20%", "20 percent"                | percent  | 20           | None         | None         | False  | None          | "%"   |
| "3 percentage points"              | percent  | 3            | None         | None         | False  | None          | "pp"  |
| "rose by 5%"                       | percent  | 5            | None         | None         | False  | "rose by"     | "%"   |
| "several hundred square kilometers" | quantity | None        | 300          | 900          | True   | None          | "km2" |
| "two-thirds", "half of"            | quantity | 0.666…, 0.5  | None         | None         | False  | None          | "fraction" |
| "two weeks", "a 10-day"            | duration | 2, 10        | None         | None         | False  | None          | "week", "day" |
| "1,200 troops a day"               | rate     | 1200         | None         | None         | False  | None          | "/day" ("USD/month" for money) |
| "October 24" / "17 December"       | date     | "2024-10-24" | None         | None         | False  | None          | None  |
| "December 14-15"                   | date     | "2024-12-14" | "2024-12-14" | "2024-12-15" | False  | None          | None  |
| "20 January 2025", "2024-12-19"    | date     | "2025-01-20" | None         | None         | False  | None          | None  |
| "October 2024", "mid-October"      | date     | "2024-10"    | None         | None         | False, True | None, "mid" | None |
| "in 2022" (a bare year)            | date     | "2022"       | None         | None         | False  | None          | None  |
| "last week", "on Monday", "the day before" | date | first day, resolved against `published` | first day | last day (ranges) | False | None | None |

- A range's `value` is None (the text names no single number); a date range's `value` is its first day.
- Dates without a year take the year of `published`; with no `published` they are written without a
  year in the ISO 8601 "--MM-DD" / "--MM" form. Relative dates ("last week", "on Monday", "today",
  "two days ago") have `relative: True` and resolve against `published`; without it their value is None.
- The span covers the qualifier ("at least 30"), the currency and scale ("$5.6 billion"), the unit
  ("20%", "several hundred square kilometers") and, for rates, the thing counted and the period
  ("1,200 troops a day"). Prepositions before dates ("on", "in") are not part of the span.
- Not figures: ordinals ("first", "22nd"), numbers inside words or codes ("F-16", "COVID-19", "G7"),
  identifiers ("Article 5", "No. 3", "Boeing 737"), URLs, e-mail addresses, phone numbers, versions,
  clock times, "24/7", and a lone "one" ("one of them") unless qualified ("at least one").
- `subject`: the noun phrase counted and the participles it belongs to ("soldiers killed and wounded"),
  taken from the words after the figure, or from "the number of X" before it.
- `source`: who asserts it, from the sentence ("according to X", "X said", "said X", "reported by X",
  "citing X"), else from the nearest earlier sentence of the same paragraph that names one.
"""

from __future__ import annotations

import re

from store.extract.amounts import read_figure
from store.extract.bounds import merge_bounds
from store.extract.context import Context
from store.extract.dates import read_date
from store.extract.patterns import FIGURE_ONLY, PATTERN, PREFIX_REVERSED, TRIGGER
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
    for trigger in TRIGGER.finditer(text):
        if trigger.start() < position:
            continue
        match = _match_at(text, reverse, trigger.start(), position)
        if match is None:
            continue
        position = match.end()
        if match.lastgroup == "skip":
            continue
        figure = read_date(match, context) if match.lastgroup == "date" else None
        if figure is None:
            fig = match if match.lastgroup == "fig" else FIGURE_ONLY.match(text, match.start("y5") if match.group("y5") else match.start())
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
        match = PATTERN.match(text, start)
        if match is not None and match.end() > at and (best is None or match.end() > best.end()):
            best = match  # "from 14 to 16 December" is a date, not the count "from 14 to 16"
    return best

"""The date of a brief that has no date marker, from a statement such as "Today, December 23".

The statement gives month and day only; the year is the one most dated briefs in the store have, so a
brief about last December's fighting lands in that December. The date is marked `published_inferred`
so the reader and the export can say it was read from the text, not given.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from datetime import date

from store.extract.vocabulary import MONTH_NAMES
from store.model import Figure

_MONTH = "|".join(MONTH_NAMES)
_TODAY = re.compile(
    rf"\btoday,?\s+(?:on\s+)?(?:(?P<month>{_MONTH})\s+(?P<day>\d{{1,2}})|(?P<day2>\d{{1,2}})\s+(?P<month2>{_MONTH}))\b",
    re.IGNORECASE,
)


def today_statement(text: str) -> tuple[int, int] | None:
    """(month, day) of the first "Today, December 23" (or "today, 23 December") in the text."""
    match = _TODAY.search(text)
    if match is None:
        return None
    month = match.group("month") or match.group("month2")
    return MONTH_NAMES.index(month.casefold()) + 1, int(match.group("day") or match.group("day2"))


def usual_year(dates: list[str | None]) -> int | None:
    """The year most of these ISO dates have (the latest on a tie), or None when none is given."""
    years = Counter(int(d[:4]) for d in dates if d)
    return max(years, key=lambda y: (years[y], y)) if years else None


def infer_date(text: str, year: int | None) -> str | None:
    """The ISO date a "Today, …" statement or a yearless dateline ("KYIV, Dec 19 (Reuters) -") gives
    in `year`, or None."""
    found = today_statement(text)
    if found is None and (wire := dateline(text)) is not None:
        found = wire[1:]
    if found is None or year is None:
        return None
    try:
        return date(year, *found).isoformat()
    except ValueError:  # "Today, February 30"
        return None


_MONTH_ABBREV = r"jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec"
# "KYIV, Dec 19 (Reuters) -", "SEOUL, December 19, 2024 (AP) —": a wire story's opening place and date.
_DATELINE = re.compile(
    rf"^[ \t]*[A-Z][A-Za-z .'’/-]{{1,40}},[ \t]+(?P<month>{_MONTH}|{_MONTH_ABBREV})\.?[ \t]+(?P<day>\d{{1,2}})"
    rf"(?:,?[ \t]+(?P<year>\d{{4}}))?[ \t]*(?:\([A-Za-z .&]{{1,30}}\))?[ \t]*[-–—]",
    re.IGNORECASE | re.MULTILINE,
)
DATELINE_REACH = 600  # characters from the start in which a dateline is looked for: it opens the story


def dateline(text: str) -> tuple[int | None, int, int] | None:
    """(year or None, month, day) of a wire dateline near the start of the text, or None."""
    match = _DATELINE.search(text[:DATELINE_REACH])
    if match is None:
        return None
    month = match.group("month").casefold()[:3]
    number = next(n for n, name in enumerate(MONTH_NAMES, 1) if name.startswith(month))
    return (int(match.group("year")) if match.group("year") else None), number, int(match.group("day"))


# --- what an undated text still says about its date, and the day each figure refers to ----------

# A sentence about what is to come ("might not complete … before the inauguration on 20 January 2025")
# names a day the brief was not written after, so its dates bound nothing.
_AHEAD = re.compile(r"\b(will|would|might|may|could|shall|expected|expects|scheduled|plans?|planned|until|ahead of)\b", re.IGNORECASE)


_A_DAY = re.compile(r"^(\d{4}|-)-\d{2}-\d{2}$")  # "2024-12-16" or "--12-16"


def day_in_year(iso: str | None, year: int | None) -> str | None:
    """A figure's day as YYYY-MM-DD: "--12-16" takes `year` (None without one); months and years are not days."""
    if not iso:
        return None
    if len(iso) == 10 and iso[4] == "-" and iso[:4].isdigit():
        return iso
    if iso.startswith("--") and len(iso) == 7 and year is not None:
        try:
            return date(year, int(iso[2:4]), int(iso[5:7])).isoformat()
        except ValueError:
            return None
    return None


def last_day(figure: Figure) -> str | None:
    """The last day a date figure names ("December 14-15" is the 15th), ISO or "--MM-DD"; None for a
    month, a year, or a figure that is no date."""
    if figure.kind != "date":
        return None
    value = figure.high if isinstance(figure.high, str) else figure.value
    return value if isinstance(value, str) and _A_DAY.match(value) else None


def latest_reported(figures: Sequence[Figure], sentences: Sequence[str], year: int | None, upto: str | None = None) -> str | None:
    """The latest day the text reports as past, as YYYY-MM-DD: an undated brief was written no earlier.

    Days in a sentence about what is to come are left out, and so are days after `upto` (the import
    day). A day without a year takes `year`; with no year known, only days that carry one count.
    """
    days = []
    for figure in figures:
        day = day_in_year(last_day(figure), year) if not figure.relative else None
        if day is None or (upto is not None and day > upto):
            continue
        sentence = sentences[figure.sentence] if 0 <= figure.sentence < len(sentences) else ""
        if not _AHEAD.search(sentence):
            days.append(day)
    return max(days, default=None)


def with_reference_days(figures: Sequence[Figure], sentences: Sequence[str]) -> tuple[Figure, ...]:
    """Each figure other than a date given the day its sentence names (`as_of`): the nearest date
    before it in the sentence, else the first after it. A day in a sentence about what is to come
    ("before the inauguration on 20 January") is a deadline, not the figure's day."""
    days_by_sentence: dict[int, list[tuple[int, str]]] = {}
    ahead: dict[int, bool] = {}  # sentence -> it speaks of what is to come (searched once a sentence)
    for figure in figures:
        day = last_day(figure)
        if day is None:
            continue
        number = figure.sentence
        if number not in ahead:
            ahead[number] = 0 <= number < len(sentences) and _AHEAD.search(sentences[number]) is not None
        if not ahead[number]:
            days_by_sentence.setdefault(number, []).append((figure.start, day))
    placed = []
    for figure in figures:
        days = days_by_sentence.get(figure.sentence)
        if figure.kind == "date" or not days:
            placed.append(figure)
            continue
        before = [day for start, day in days if start < figure.start]
        placed.append(replace(figure, as_of=before[-1] if before else days[0][1]))
    return tuple(placed)

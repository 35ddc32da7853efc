"""The publication date a file gives: a date field, a `Date:` line, a wire dateline.

A date is read or refused, never guessed: 03/04/2024 is 3 April in London and March 4 in New York,
so a numeric date whose day and month could swap is refused with both readings named.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from dateutil import parser as date_parser

from store.extract.dating import dateline

# "date 2024-12-19" at the very head of a brief: a publication date, not part of the title.
DATE_MARKER = re.compile(r"\A\s*date\s+(\d{4}-\d{2}-\d{2})\b[ \t]*", re.IGNORECASE)
# "Date: 19 December 2024" or "Published: 2024-12-19" on a line of its own near the head.
DATE_LINE = re.compile(r"^[ \t]*(?:date|dated|published|publication date)[ \t]*:[ \t]*(?P<value>\S[^\n]*?)[ \t]*$", re.IGNORECASE | re.MULTILINE)
HEAD_LINES = 6  # a `Date:` line counts only among the first lines of a brief
_NUMERIC = re.compile(r"^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})\b")
_MONTH_NAMES = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]


class DateProblem(ValueError):
    """A value that is not a date, or one that reads as two dates."""


class AmbiguousDate(DateProblem):
    """A date whose day and month could swap: 03/04/2024."""


def parse_date(value: str) -> str:
    """The ISO date (YYYY-MM-DD) a written date names, or DateProblem saying why there is none."""
    try:
        return date.fromisoformat(value.strip()).isoformat()  # the usual form, 50 times cheaper than dateutil
    except ValueError:
        pass
    numeric = _NUMERIC.match(value)
    if numeric:
        first, second = int(numeric.group(1)), int(numeric.group(2))
        if first != second and first <= 12 and second <= 12:
            year = numeric.group(3)
            raise AmbiguousDate(
                f"date {value.strip()!r} is ambiguous ({second} {_MONTH_NAMES[first - 1]} or {first} {_MONTH_NAMES[second - 1]} {year}); "
                "write it as YYYY-MM-DD"
            )
    try:
        return str(date_parser.parse(value, fuzzy=False, dayfirst=bool(numeric and int(numeric.group(1)) > 12)).date().isoformat())
    except (ValueError, OverflowError, TypeError):
        raise DateProblem(f"{value.strip()!r} is not a date") from None


@dataclass(frozen=True, slots=True)
class HeadDate:
    """A date the head of a text gives, and where the metadata line that gave it ends (0: inside the text)."""

    published: str
    marker_end: int


def head_date(text: str) -> HeadDate | None:
    """The date a text's head gives: a `date YYYY-MM-DD` marker, a `Date:`/`Published:` line, or a
    dateline with a year. AmbiguousDate for a `Date:` line such as `Date: 03/04/2024`; a line
    such as `Published: by the wire desk` is no date line and is passed over.

    A marker or a `Date:` line that opens the text is metadata (its end is returned, so no sentence or
    figure is made of it); a dateline is part of the story and stays in it.
    """
    marker = DATE_MARKER.match(text)
    if marker:
        try:
            return HeadDate(parse_date(marker.group(1)), marker.end())
        except DateProblem:
            pass
    head = "\n".join(text.split("\n", HEAD_LINES)[:HEAD_LINES])
    for line in DATE_LINE.finditer(head):
        try:
            published = parse_date(line.group("value"))
        except AmbiguousDate:
            raise
        except DateProblem:
            continue
        opens = not text[: line.start()].strip()
        return HeadDate(published, line.end() if opens else 0)
    wire = dateline(text)
    if wire is None:
        return None
    year, month, day = wire
    if year is None:
        return None  # a yearless dateline takes its year from the store, when the brief is stored
    try:
        return HeadDate(date(year, month, day).isoformat(), 0)
    except ValueError:
        return None

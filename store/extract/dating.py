"""The date of a brief that has no date marker, from a statement such as "Today, December 23".

The statement gives month and day only; the year is the one most dated briefs in the store have, so a
brief about last December's fighting lands in that December. The date is marked `published_inferred`
so the reader and the export can say it was read from the text, not given.
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import date

_MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"]
_MONTH = "|".join(_MONTHS)
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
    return _MONTHS.index(month.casefold()) + 1, int(match.group("day") or match.group("day2"))


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
    number = next(n for n, name in enumerate(_MONTHS, 1) if name.startswith(month))
    return (int(match.group("year")) if match.group("year") else None), number, int(match.group("day"))

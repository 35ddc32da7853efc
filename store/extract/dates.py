"""Dates in news text: ISO and numeric dates, "October 24", "17 December", "December 14-15", "October 2024",
"mid-October", a bare year ("in 2022"), and relative dates ("last week", "on Monday", "two days ago")
resolved against the publication date.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

from store.extract.context import Context
from store.extract.numbers import parse_words
from store.extract.patterns import SPACES
from store.extract.vocabulary import MONTHS, WEEKDAYS, S
from store.model import Figure

_PLURAL_AFTER = re.compile(rf"{S}+(?!(?:was|is|has|as|its|this|his|thus|across|plus|us|ss)\b)[a-z]+s\b|{S}+[A-Z]")
_STRONG_YEAR_PREFIXES = frozenset(
    ["in", "since", "until", "till", "during", "before", "after", "early", "mid", "late", "the end of", "end of",
     "the start of", "the beginning of", "through"]
)
_YEAR_QUALIFIERS = frozenset(["early", "mid", "late", "the end of", "end of", "the start of", "the beginning of"])


def read_date(match: re.Match[str], context: Context) -> Figure | None:
    """The date figure of a match of `patterns.DATE_OR_SKIP`'s date alternative, or None when it is no date
    (a day that does not exist, "sent 2000 troops")."""
    group = match.group
    if group("iso"):
        value = _iso(int(group("iy")), int(group("im")), int(group("id")))
        return context.figure(match.start("iso"), match.end("iso"), "date", value) if value else None
    if group("numeric"):
        return _numeric_date(match, context)
    if group("md") or group("dm"):
        first = "1" if group("md") else "2"
        month = _month(group("m" + first))
        year_text = group("y" + first)
        year = int(year_text) if year_text else context.year()
        day, last = _day(group("d" + first)), group("d" + first + "b")
        value = _iso(year, month, day)
        if value is None:
            return None
        span = "md" if first == "1" else "dm"
        if last:
            high = _iso(year, month, _day(last))
            if high is None or _day(last) <= day:
                return None
            return context.figure(match.start(span), match.end(span), "date", value, value, high)
        return context.figure(match.start(span), match.end(span), "date", value)
    if group("my"):
        value = _iso(int(group("y3")), _month(group("m3")))
        qualifier = group("mq") and group("mq").lower()
        return context.figure(match.start("my"), match.end("my"), "date", value,
                               approximate=bool(qualifier), qualifier=qualifier) if value else None
    if group("m4"):
        return _bare_month(match, context)
    if group("y5"):
        return _year(match, context)
    if group("rel"):
        return _relative(match, context)
    return None


def _iso(year: int | None, month: int, day: int | None = None) -> str | None:
    if day is not None:
        try:
            date(year if year is not None else 2000, month, day)  # 2000: a leap year, so "--02-29" passes
        except ValueError:
            return None
        return f"{year:04d}-{month:02d}-{day:02d}" if year is not None else f"--{month:02d}-{day:02d}"
    if not 1 <= month <= 12:
        return None
    return f"{year:04d}-{month:02d}" if year is not None else f"--{month:02d}"


def _month(text: str) -> int:
    return MONTHS.get(text.rstrip(".").lower(), 0)


def _day(text: str) -> int:
    return int(text.rstrip("stndrhSTNDRH"))



def _numeric_date(match: re.Match[str], context: Context) -> Figure | None:
    a, b, c = int(match.group("na")), int(match.group("nb")), match.group("nc")
    year = int(c) if len(c) == 4 else 2000 + int(c)
    if (match.group("nsep") == "/" and a <= 12 and not b > 12) or b > 12:
        month, day = a, b  # 12/19/2024, the American order
    else:
        month, day = b, a  # 19.12.2024 / 19/12/2024
    value = _iso(year, month, day) if 1 <= month <= 12 else None
    return context.figure(match.start("numeric"), match.end("numeric"), "date", value) if value else None


def _bare_month(match: re.Match[str], context: Context) -> Figure | None:
    prefix = match.group("mp").lower()
    month = _month(match.group("m4"))
    year = context.year()
    if prefix in ("early", "mid", "late"):
        value = _iso(year, month)
        return context.figure(match.start("mp"), match.end("m4"), "date", value, approximate=True,
                               qualifier=prefix) if value else None
    if prefix in ("last", "next", "this"):
        today = context.day()
        value = None
        if today is not None:
            if prefix == "this":
                candidate = today.year
            elif prefix == "last":
                candidate = today.year if month < today.month else today.year - 1
            else:
                candidate = today.year if month > today.month else today.year + 1
            value = _iso(candidate, month)
        return context.figure(match.start("mp"), match.end("m4"), "date", value, relative=True)
    value = _iso(year, month)
    return context.figure(match.start("m4"), match.end("m4"), "date", value) if value else None



def _year(match: re.Match[str], context: Context) -> Figure | None:
    prefix = (match.group("yp") or "").lower()
    prefix = SPACES.sub(" ", prefix)
    strong = prefix in _STRONG_YEAR_PREFIXES
    if not strong and _PLURAL_AFTER.match(context.text, match.end()):
        return None  # "sent 2000 troops": a count
    first, last = match.group("y5"), match.group("y5b")
    qualifier = prefix if prefix in _YEAR_QUALIFIERS else None
    start = match.start("yp") if qualifier else match.start("y5")
    if last:
        if int(last) <= int(first):
            return None
        return context.figure(start, match.end(), "date", first, first, last, qualifier=qualifier,
                     approximate=bool(qualifier))
    return context.figure(start, match.end("y5"), "date", first, qualifier=qualifier, approximate=bool(qualifier))


def _relative(match: re.Match[str], context: Context) -> Figure:
    text = SPACES.sub(" ", match.group("rel").lower())
    today = context.day()
    start, end = match.start("rel"), match.end("rel")
    value = low = high = None
    if today is not None:
        value, low, high = _resolve(text, today, match)
    return context.figure(start, end, "date", value, low, high, relative=True)


def _resolve(text: str, today: date, match: re.Match[str]) -> tuple[str | None, str | None, str | None]:
    words = text.split()
    if match.group("ago"):
        amount = match.group("ago")
        count = int(amount) if amount.isdigit() else (1 if amount in ("a", "an") else int(parse_words(amount) or 0))
        unit = match.group("agounit").lower().rstrip("s")
        delta = {"day": relativedelta(days=count), "week": relativedelta(weeks=count),
                 "month": relativedelta(months=count), "year": relativedelta(years=count)}[unit]
        day = today - delta
        if unit == "year":
            return f"{day.year:04d}", None, None
        if unit == "month":
            return _iso(day.year, day.month), None, None
        return day.isoformat(), None, None
    if text in ("today", "tonight", "this morning", "this evening", "this afternoon"):
        return today.isoformat(), None, None
    if text in ("yesterday", "last night", "the day before", "the previous day", "the night before"):
        return (today - timedelta(days=1)).isoformat(), None, None
    if text in ("tomorrow", "the day after", "the following day", "the next day"):
        return (today + timedelta(days=1)).isoformat(), None, None
    last = words[-1]
    if last in WEEKDAYS:
        weekday = WEEKDAYS[last]
        if words[0] == "next":
            day = today + timedelta(days=(weekday - today.weekday()) % 7 or 7)
        else:
            day = today - timedelta(days=(today.weekday() - weekday) % 7)
            if words[0] == "last" and day == today:
                day -= timedelta(days=7)
        return day.isoformat(), None, None
    head = words[1] if words[0] == "the" and len(words) > 2 else words[0]
    step = -1 if head in ("last", "past", "previous") or "before" in words else (
        1 if head in ("next", "coming", "following") or "after" in words else 0)
    if last in ("week", "weekend"):
        monday = today - timedelta(days=today.weekday()) + timedelta(weeks=step)
        if head == "past":
            first, final = today - timedelta(days=7), today
        elif last == "weekend" and step == 0 and words[0] != "this":
            # "the weekend", "at the weekend": the one just gone
            saturday = monday - timedelta(days=2) if today.weekday() < 5 else monday + timedelta(days=5)
            first, final = saturday, saturday + timedelta(days=1)
        elif last == "weekend":
            first, final = monday + timedelta(days=5), monday + timedelta(days=6)
        else:
            first, final = monday, monday + timedelta(days=6)
        return first.isoformat(), first.isoformat(), final.isoformat()
    if last == "month":
        day = today + relativedelta(months=step)
        return _iso(day.year, day.month), None, None
    if last == "year":
        return f"{today.year + step:04d}", None, None
    if last in ("night", "morning", "evening", "afternoon"):
        return (today + timedelta(days=step)).isoformat(), None, None
    return None, None, None


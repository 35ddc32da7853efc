"""Amounts: a match of the figure pattern read into a figure, with its number, range, qualifier, currency,
percentage, unit or duration; and the numbers that are not figures ("one of them", "Boeing 737").
"""

from __future__ import annotations

import re
from decimal import Decimal

from store.extract.context import Context
from store.extract.numbers import (
    DENOMINATORS,
    PLURAL_SCALES,
    SCALE_WORDS,
    parse_digits,
    parse_fraction,
    parse_scale,
    parse_words,
    to_number,
    vague_amount,
)
from store.extract.patterns import MEASURE_UNITS, SPACES
from store.extract.subjects import counted
from store.extract.vocabulary import (
    APPROXIMATE,
    APPROXIMATE_UPPER,
    CHANGE_ONLY,
    CURRENCY_CODES,
    CURRENCY_SYMBOLS,
    CURRENCY_WORDS,
    DURATIONS,
    LOWER_BOUNDS,
    MONTHS,
    PERCENT_CHANGE_ONLY,
    UPPER_BOUNDS,
    WEEKDAYS,
    S,
)
from store.model import Figure

_VAGUE_HEADS = frozenset(["several", "few", *PLURAL_SCALES])
_AGO = re.compile(rf"{S}+ago\b", re.IGNORECASE)
_TRIM = " \t\u00a0\u2009\u202f"
_NAME_BEFORE = re.compile(rf"(?<![\w.])([A-Z][A-Za-z]*[a-z]|[a-z]+[A-Z][A-Za-z]*){S}\Z")
_NOT_NAMES = frozenset(
    ["The", "In", "On", "At", "By", "About", "Some", "Over", "Nearly", "Almost", "Around", "Approximately", "Roughly",
     "Up", "To", "Of", "With", "For", "From", "Since", "Until", "Between", "And", "Or", "But", "Only", "Just", "More",
     "Less", "Fewer", "Than", "All", "Another", "Estimated", "Its", "Their", "His", "Her", "Our", "Those", "These",
     "After", "Before", "During", "Were", "Was", "Are", "Is", "Had", "Have", "Has", "Killed", "Lost", "Sent", "Total",
     "Plus", "Minus", "Under", "Below", "Above", "When", "While", "As", "If", "Day", "Week", "Year", "Number"]
    + [name.capitalize() for name in (*MONTHS, *WEEKDAYS)]
)

Amount = tuple[Decimal | None, Decimal | None, Decimal | None, bool, str]  # value, low, high, approximate, form


def _amount(number: str, scale: str | None) -> Amount:
    """(value, low, high, approximate, form) of one matched number with its scale word."""
    multiplier = parse_scale(scale) if scale else 1
    head = number.lstrip("-−")
    if head[:1].isdigit() or head[:1] == ".":
        if len(head) > 24:
            return None, None, None, False, "digits"  # an identifier or garbage, not a figure
        value = parse_digits(number)
        return (value * multiplier if value is not None else None), None, None, False, "digits"
    words = number.lower().split()
    if words[0] in _VAGUE_HEADS or words[:2] in (["a", "couple"], ["a", "few"]):
        value, low, high = vague_amount(number)
        return (value * multiplier if value is not None else None), low * multiplier, high * multiplier, True, "vague"
    if number.lower().rsplit("-", 1)[-1].split()[-1] in DENOMINATORS:
        value = parse_fraction(number)
        return (value * multiplier if value is not None else None), None, None, False, "fraction"
    value = parse_words(number)
    return (value * multiplier if value is not None else None), None, None, False, "words"


def read_figure(match: re.Match[str], context: Context) -> Figure | None:
    """The figure a match of the figure pattern names, or None when it is none ("one of them")."""
    text = context.text
    group = match.group
    qualifier = group("qual")
    qualifier = SPACES.sub(" ", qualifier.lower()) if qualifier else None
    number = group("n1")
    value, low, high, approximate, form = _amount(number, group("sc1"))
    if value is None and low is None:
        return None
    start = match.start("qual") if qualifier else (match.start("cur") if group("cur") else match.start("n1"))
    end = match.end()
    kind, unit = "count", None
    currency = group("cur") or group("cur2")
    if currency:
        kind, unit = "money", CURRENCY_SYMBOLS.get(currency.strip(_TRIM).lower(),
                                                     currency.strip(_TRIM).upper())
    elif group("cursfx"):
        word = group("cursfx").split()[-1].lower().rstrip(".")
        if word == "sterling":
            word = "pound"
        kind, unit = "money", (word.upper() if word.upper() in CURRENCY_CODES else CURRENCY_WORDS.get(word.rstrip("s"), CURRENCY_WORDS.get(word, word)))
    elif group("pct") or group("pct1") or group("pct2"):
        kind, unit = "percent", "pp" if "point" in (group("pct") or group("pct1") or group("pct2")).lower() else "%"
    elif group("meas"):
        measure = group("meas").lstrip(_TRIM + "-")
        kind, unit = "quantity", next((u for p, u in MEASURE_UNITS if p.fullmatch(measure)), measure.lower())
    elif group("dur"):
        word = group("dur").lstrip(_TRIM + "-").lower().split("-")[0].rstrip("s")
        kind, unit = "duration", DURATIONS.get(word, DURATIONS.get(word + "s", word))
    elif form == "fraction":
        kind, unit = "quantity", "fraction"

    # a range: "10,000 to 12,000", "between 5 and 7 million", "$5-7 million"
    if group("n2"):
        second, _, _, _, _ = _amount(group("n2"), group("sc2"))
        if second is None or value is None or form == "vague":
            return None
        scale = parse_scale(group("sc2")) if group("sc2") else _trailing_scale(group("n2"))
        if scale > 1 and not group("sc1") and form in ("digits", "words") and value < second / scale:
            value *= scale  # "5 to 7 million", "five to six thousand"
        separator = group("rsep").strip()
        if value >= second:
            if separator in ("-", "–", "—") or value == second:
                return None  # a score or a code ("3-1"), not a range
            value, second = second, value
        low, high, value = value, second, None
        if qualifier in ("between", "from"):
            qualifier = None
    elif qualifier in ("between", "from"):
        qualifier, start = None, (match.start("cur") if group("cur") else match.start("n1"))
    if ((qualifier in CHANGE_ONLY and kind not in ("percent", "money") and unit != "points")
            or (qualifier in PERCENT_CHANGE_ONLY and kind != "percent")):
        qualifier, start = None, (match.start("cur") if group("cur") else match.start("n1"))

    # identifiers and things that are not figures
    plain = not (qualifier or group("n2") or kind != "count" or group("sc1") or group("post"))
    if form == "words" and number.lower() in ("one", "a", "an") and (plain or (kind == "duration" and not qualifier)):
        return None  # "one of them", "One day, ..."
    if form in ("words", "fraction") and number[:1].isupper() and start > 0 and not context.starts_sentence(start):
        return None  # "the Group of Seven", "Big Three"
    if plain and form == "digits" and number.isdigit() and len(number) <= 4 and _after_name(context, start):
        return None  # "Boeing 737", "Leopard 2", "Resolution 2231"

    post = group("post")
    if post:
        post = SPACES.sub(" ", post.strip(_TRIM + "-").lower())
        if post == "+":
            post = "plus"
    semantics = qualifier or post
    if (value is not None and low is None and high is None) or form == "vague":
        if semantics in LOWER_BOUNDS:
            low, high = (value if value is not None else low), None
        elif semantics in UPPER_BOUNDS:
            high = value if value is not None else high
            if form == "vague":
                low = None
        elif semantics in APPROXIMATE_UPPER:
            high, approximate = (value if value is not None else high), True
        elif semantics in APPROXIMATE:
            approximate = True
    qualifier = qualifier or post

    ago = _AGO.match(text, end) if kind == "duration" else None
    if ago is not None:
        return context.figure(start, ago.end(), "date", None, relative=True, qualifier=qualifier,
                              approximate=approximate)

    found = counted(group("meas"), context, start, end, kind, unit)
    return context.figure(start, found.end, found.kind, to_number(value), to_number(low), to_number(high),
                          approximate=approximate, qualifier=qualifier, unit=found.unit, subject=found.subject)


def _trailing_scale(number: str) -> int:
    last = number.lower().replace("-", " ").split()[-1]
    return SCALE_WORDS.get(last, 1) if last != "dozen" else 1


def _after_name(context: Context, start: int) -> bool:
    """Whether a capitalised word (not a sentence opener) stands right before: "Boeing 737"."""
    found = _NAME_BEFORE.search(context.text, max(0, start - 30), start)
    if not found or found.group(1) in _NOT_NAMES:
        return False
    return not context.starts_sentence(found.start(1))

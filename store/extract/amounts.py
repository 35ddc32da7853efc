"""Amounts: a match of the figure pattern read into a figure, with its number, range, qualifier, currency,
percentage, unit or duration; and the numbers that are not figures ("one of them", "Boeing 737").
"""

from __future__ import annotations

import re
from decimal import Decimal
from itertools import pairwise

from store.extract.changes import direction_after, direction_before, is_movement, is_score
from store.extract.context import Context
from store.extract.numbers import (
    DENOMINATORS,
    MIXED,
    MULTIPLIER_WORDS,
    PLURAL_SCALES,
    SCALE_WORDS,
    SMALL_WORDS,
    VULGAR_FRACTIONS,
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
    CHANGE_WORDS,
    CURRENCY_CODES,
    CURRENCY_SYMBOLS,
    CURRENCY_WORDS,
    DURATIONS,
    GLUED_MEASURES,
    LOWER_BOUNDS,
    MONTHS,
    PERCENT_CHANGE_ONLY,
    UPPER_BOUNDS,
    WEEKDAYS,
    S,
)
from store.model import Figure

_VAGUE_HEADS = frozenset(["several", "few", *PLURAL_SCALES])
_GROUPS = ("qual", "qsym", "sub", "qual2", "neg", "cur", "n1", "sc1", "andfrac", "pct1", "meas1", "rsep", "cur2", "n2", "sc2",
           "pct2", "pct", "cursfx", "meas", "mult", "dur", "post")
_FRACTION_PAIR = re.compile(rf"{S}++(?:in|over|out{S}++of){S}++")
_SYMBOLS = {">": "more than", "<": "less than", ">=": "at least", "≥": "at least", "<=": "at most", "≤": "at most"}
_GLUED_UNITS = [(re.compile(pattern), unit) for pattern, unit in GLUED_MEASURES]
_RISES = frozenset(["rose", "increased", "grew", "jumped", "climbed", "surged", "gained", "up"])
_FALLS = frozenset(["fell", "decreased", "dropped", "declined", "plunged", "slipped", "lost", "down"])
_OR_NUMBER = re.compile(rf"{S}++or{S}++(?:\d|{SMALL_WORDS})")
_NUMBER_OR = re.compile(rf"(?:\d|{SMALL_WORDS}){S}++or{S}++\Z")
_AGO = re.compile(rf"{S}+ago\b", re.IGNORECASE)
_MIXED = re.compile(MIXED)
_GENERATION = re.compile(r"[1-9][GK]")  # "5G networks", "a 4K screen": names of a generation or a resolution
_TRIM = " \t\u00a0\u2009\u202f"
_NAME = re.compile(r"[A-Z][A-Za-z]*[a-z]|[a-z]+[A-Z][A-Za-z]*|[A-Z]{2,}|[A-Z]&[A-Z]")
_NOT_NAMES = frozenset(
    ["The", "In", "On", "At", "By", "About", "Some", "Over", "Nearly", "Almost", "Around", "Approximately", "Roughly",
     "Up", "To", "Of", "With", "For", "From", "Since", "Until", "Between", "And", "Or", "But", "Only", "Just", "More",
     "Less", "Fewer", "Than", "All", "Another", "Estimated", "Its", "Their", "His", "Her", "Our", "Those", "These",
     "After", "Before", "During", "Were", "Was", "Are", "Is", "Had", "Have", "Has", "Killed", "Lost", "Sent", "Total",
     "Plus", "Minus", "Under", "Below", "Above", "When", "While", "As", "If", "Day", "Week", "Year", "Number",
     "US", "UK", "EU", "UN", "AP", "AFP", "BBC", "CNN", "NATO", "GDP", "IMF", "UAE", "USA"]
    + [name.capitalize() for name in (*MONTHS, *WEEKDAYS)]
)

Amount = tuple[Decimal | None, Decimal | None, Decimal | None, bool, str]  # value, low, high, approximate, form


def _amount(number: str, scale: str | None) -> Amount:
    """(value, low, high, approximate, form) of one matched number with its scale word."""
    multiplier = parse_scale(scale) if scale else 1
    head = number.lstrip("-−+")
    if head.replace(",", "").replace(".", "").isdecimal():  # most numbers: '500', '12,000', '5.6'
        value = parse_digits(head) if len(head) <= 40 else None
        return _signed(number, value, multiplier), None, None, False, "digits"
    lowered = head.lower()
    if _FRACTION_PAIR.search(lowered) or lowered in MULTIPLIER_WORDS:
        value = parse_fraction(head)
        return _signed(number, value, multiplier), None, None, False, "fraction"
    if head[:1].isdigit() and _MIXED.fullmatch(head) and _falling_scales(lowered := head.lower()):  # "12 thousand 500"
        return _signed(number, parse_words(head), multiplier), None, None, False, "words"
    if head[:1].isdigit() or head[:1] == "." or head[:1] in VULGAR_FRACTIONS:
        if len(head) > 40:
            return None, None, None, False, "digits"  # an identifier or garbage, not a figure
        value = parse_digits(head)
        form = "fraction" if ("/" in head or head[-1:] in VULGAR_FRACTIONS) and value is not None and value < 1 else "digits"
        return _signed(number, value, multiplier), None, None, False, form
    words = lowered.split()
    if words[0] in _VAGUE_HEADS or words[:2] in (["a", "couple"], ["a", "few"]):
        vague, low, high = vague_amount(head)
        return (vague * multiplier if vague is not None else None), low * multiplier, high * multiplier, True, "vague"
    last = lowered.rsplit("-", 1)[-1].split()[-1]
    if last in DENOMINATORS and "and" not in words:
        return _signed(number, parse_fraction(head), multiplier), None, None, False, "fraction"
    return _signed(number, parse_words(head), multiplier), None, None, False, "words"


def _falling_scales(words: str) -> bool:
    """Whether the scale words of "4 thousand 3 hundred" fall, as in one number ("3 hundred and 2 hundred" is two)."""
    scales = [SCALE_WORDS[word] for word in words.split() if word in SCALE_WORDS]
    return all(a > b for a, b in pairwise(scales))


def _signed(number: str, value: Decimal | None, multiplier: int) -> Decimal | None:
    if value is None:
        return None
    return -value * multiplier if number[:1] in "-−" else value * multiplier


def _start(match: re.Match[str], *names: str) -> int:
    """Where the first of these groups that matched begins."""
    for name in names:
        at = match.start(name)
        if at >= 0:
            return at
    return match.start()


def _unit_of(measure: str) -> str:
    return next((u for p, u in MEASURE_UNITS if p.fullmatch(measure)), measure.lower())


def read_figure(match: re.Match[str], context: Context) -> Figure | None:
    """The figure a match of the figure pattern names, or None when it is none ("one of them", "2-0").
    A change and a level in one phrase ("rose 6.5% to 164p") give the change only: its end is before the
    level, which the caller reads next."""
    text = context.text
    if match.end() - match.start() == 2 and _GENERATION.fullmatch(match.group()) and not text.startswith(" of ", match.end()):
        return None  # but "2G of acceleration" is a measure
    group = dict(zip(_GROUPS, match.group(*_GROUPS))).__getitem__  # one call for every group read below
    qualifier = group("qual") or _SYMBOLS.get(group("qsym") or "") or ("below" if group("sub") else None)
    qualifier = SPACES.sub(" ", qualifier.lower()) if qualifier else None
    number = group("n1")
    value, low, high, approximate, form = _amount(number, group("sc1"))
    approximate = approximate or group("qual2") is not None  # "from about 350 to 680"
    if group("andfrac") and value is not None:  # "3 million and a half"
        value += (parse_words("0 " + group("andfrac")) or 0) * (parse_scale(group("sc1")) if parse_scale(group("sc1")) >= 1000 else 1)
    if value is None and form == "fraction" and _FRACTION_PAIR.search(number.lower()):
        # "8 in 5", "12 out of 10": two numbers, not a fraction; the first is read here, the second next
        head = _FRACTION_PAIR.split(number)[0]
        first_value = parse_digits(head) if head[:1].isdigit() else parse_words(head)
        if first_value is None:
            return None
        cut = match.start("n1") + len(head)
        begin = match.start("n1") if not group("neg") else match.start("neg")
        return _finish(context, match, begin, cut, "count", None, -first_value if group("neg") else first_value,
                       None, None, False, None, None, "digits", None, None)
    if value is None and low is None:
        return None
    if group("neg"):
        value, low, high = (-x if x is not None else None for x in (value, low, high))
    first = ("neg", "cur", "n1")
    start = _start(match, "qual", "qsym", "sub", *first) if qualifier else _start(match, *first)
    end = match.end()
    kind, unit = "count", None
    measure = group("meas") or group("meas1")
    percent = group("pct") or group("pct1") or group("pct2")
    currency = group("cur") or group("cur2")
    if currency:
        kind, unit = "money", CURRENCY_SYMBOLS.get(currency.strip(_TRIM).lower(), currency.strip(_TRIM).upper())
    elif group("cursfx"):
        word = group("cursfx").split()[-1].lower().rstrip(".").lstrip("-")
        if word == "sterling":
            word = "pound"
        kind, unit = "money", (word.upper() if word.upper() in CURRENCY_CODES else CURRENCY_WORDS.get(word.rstrip("s"), CURRENCY_WORDS.get(word, word)))
    elif percent:
        kind, unit = "percent", _percent_unit(percent)
    elif measure:
        trimmed = measure.lstrip(_TRIM + "-")
        unit = next((u for p, u in _GLUED_UNITS if p.fullmatch(trimmed)), None) or _unit_of(trimmed)
        kind = "money" if unit == "GBX" else "quantity"
    elif group("mult") or number.lower() in MULTIPLIER_WORDS:
        kind, unit = "quantity", "×"
    elif group("dur"):
        word = group("dur").lstrip(_TRIM + "-").lower().split("-")[0].rstrip("s")
        kind, unit = "duration", DURATIONS.get(word, DURATIONS.get(word + "s", word))
    elif form == "fraction":
        kind, unit = "quantity", "fraction"

    sentence = context.sentence_of(start)
    floor = context.sentences[sentence][0] if context.sentences else 0
    change: str | None = None
    from_value: Decimal | None = None
    # a range: "10,000 to 12,000", "between 5 and 7 million", "$5-7 million"; a movement: "fell from 9 to 7"
    if group("n2"):
        second, _, _, _, _ = _amount(group("n2"), group("sc2"))
        if second is None or value is None or form == "vague":
            return None
        separator = group("rsep").strip(_TRIM)
        direction = None if qualifier == "from" else _qualifier_direction(qualifier) or direction_before(text, start, floor, kind)
        first_unit = _percent_unit(group("pct1")) or (_unit_of(group("meas1").lstrip(_TRIM + "-")) if group("meas1") else None)
        second_unit = _percent_unit(group("pct2") or group("pct")) or (
            _unit_of(group("meas").lstrip(_TRIM + "-")) if group("meas") else None)
        if (first_unit and second_unit and first_unit != second_unit) or (separator == "to" and (
                (first_unit and not second_unit)
                or (direction and (second > 4 * abs(value) or bool(group("cur")) != bool(group("cur2")))))):
            # a change and a level: "rose 6.5% to 164p", "fell 0.4 per cent to 13176"; two units: "from 44 ml to 50 mg"
            if qualifier in ("between", "from"):
                qualifier, start = None, _start(match, *first)
            cut = next(match.end(name) for name in ("pct1", "meas1", "sc1", "n1") if group(name) is not None)
            if group("pct1"):
                kind, unit = "percent", _percent_unit(group("pct1"))
            elif group("meas1"):
                kind, unit = "quantity", _unit_of(group("meas1").lstrip(_TRIM + "-"))
            elif not group("cur"):
                kind, unit = "count", None
            return _finish(context, match, start, cut, kind, unit, value, None, None, approximate, qualifier, None,
                           form, direction or _direction(context, match, start, cut, floor, kind, unit, qualifier, number),
                           group("meas1"))
        scale = parse_scale(group("sc2")) if group("sc2") else _trailing_scale(group("n2"))
        if scale > 1 and not group("sc1") and form in ("digits", "words") and value < second / scale:
            value *= scale  # "5 to 7 million", "five to six thousand"
        hyphen = separator in ("-", "–", "—")
        if hyphen and value == value.to_integral_value() and second == second.to_integral_value() and not (
                kind != "count" or group("sc1") or group("sc2")) and max(value, second) <= 200 and is_score(text, start, end, floor):
            return None  # a score: "won 3-1", "a 9-2 lead"
        if qualifier == "from" and separator == "to" and is_movement(text, start, floor):
            from_value, value = value, second
            change = "up" if value > from_value else "down" if value < from_value else None
            qualifier = None
        else:
            if value >= second:
                if hyphen or value == second:
                    return None  # a score or a code ("3-1"), not a range
                if separator == "to" and second >= 0 and qualifier not in ("between", "from"):
                    # "voted 51 to 49": two numbers; a range is written from low to high
                    cut = next(match.end(name) for name in ("pct1", "meas1", "sc1", "n1") if group(name) is not None)
                    return _finish(context, match, start, cut, kind if group("cur") or group("pct1") or group("meas1") else "count",
                                   unit if group("cur") or group("pct1") or group("meas1") else None, value, None, None,
                                   approximate, qualifier, None, form, None, group("meas1"))
                value, second = second, value
            low, high, value = value, second, None
            if qualifier in ("between", "from"):
                qualifier = None
    elif qualifier in ("between", "from"):
        qualifier, start = None, _start(match, *first)
    if ((qualifier in CHANGE_ONLY and kind not in ("percent", "money") and unit != "points")
            or (qualifier in PERCENT_CHANGE_ONLY and kind != "percent")):
        qualifier, start = None, _start(match, *first)

    # identifiers and things that are not figures
    plain = not (qualifier or group("n2") or kind != "count" or group("sc1") or group("post") or group("neg"))
    if form == "words" and number.lower() in ("one", "a", "an") and (plain or (kind == "duration" and not qualifier)) \
            and not _OR_NUMBER.match(text, end) and not _NUMBER_OR.search(text, max(floor, start - 24), start):
        return None  # "one of them", "One day, ..."; but "one or two" is two figures
    if form in ("words", "fraction") and number[:1].isupper() and start > 0 and not context.starts_sentence(start):
        return None  # "the Group of Seven", "Big Three"
    if plain and form == "digits" and number.isdigit() and len(number) <= 4 and _after_name(context, start):
        return None  # "Boeing 737", "Leopard 2", "Resolution 2231", "S&P 500", "FTSE 100"

    post = group("post")
    if post:
        post = SPACES.sub(" ", post.strip(_TRIM + "-").lower())
        if post == "+":
            post = "plus"
    semantics = qualifier or post
    if (value is not None and low is None and high is None and from_value is None) or form == "vague":
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
    if change is None and from_value is None:
        change = _direction(context, match, start, end, floor, kind, unit, qualifier, number)
    return _finish(context, match, start, end, kind, unit, value, low, high, approximate, qualifier, from_value, form,
                   change, group("meas"))


def _direction(context: Context, match: re.Match[str], start: int, end: int, floor: int, kind: str,
               unit: str | None, qualifier: str | None, number: str) -> str | None:
    """"up", "down" or None: the figure's own qualifier ("rose by"), the verb before it, its sign, the noun after."""
    if kind not in ("percent", "money", "quantity", "count") or (kind == "quantity" and unit not in ("points", "×")):
        return None
    if qualifier in CHANGE_WORDS:
        return _qualifier_direction(qualifier)
    direction = direction_before(context.text, start, floor, kind)
    if direction is None and (kind in ("percent", "money") or unit == "points"):
        if number[:1] == "+":
            return "up"
        if number[:1] in "-−":
            return "down"
    return direction or (direction_after(context.text, end) if kind in ("percent", "money") or unit == "points" else None)


def _qualifier_direction(qualifier: str | None) -> str | None:
    """"up" or "down" for a qualifier that is a change ("rose by", "fell"), else None."""
    if qualifier not in CHANGE_WORDS:
        return None
    word = qualifier.split()[0]
    return "up" if word in _RISES else "down" if word in _FALLS else None


def _percent_unit(percent: str | None) -> str | None:
    if not percent:
        return None
    lowered = percent.lower()
    if "basis" in lowered or "bp" in lowered:
        return "bp"
    return "pp" if "point" in lowered or "pp" in lowered else "%"


def _finish(context: Context, match: re.Match[str], start: int, end: int, kind: str, unit: str | None,
            value: Decimal | None, low: Decimal | None, high: Decimal | None, approximate: bool, qualifier: str | None,
            from_value: Decimal | None, form: str, change: str | None, measure: str | None) -> Figure:
    found = counted(measure, context, start, end, kind, unit)
    return context.figure(start, found.end, found.kind, to_number(value), to_number(low), to_number(high),
                          approximate=approximate, qualifier=qualifier, unit=found.unit, subject=found.subject,
                          change=change, from_value=to_number(from_value))


def _trailing_scale(number: str) -> int:
    last = number.lower().replace("-", " ").split()[-1]
    return SCALE_WORDS.get(last, 1) if last != "dozen" else 1


def _after_name(context: Context, start: int) -> bool:
    """Whether a name (not a sentence opener) stands right before: "Boeing 737", "FTSE 100", "S&P 500".
    Read backwards by hand: a search here ran for every plain number."""
    text = context.text
    end = start - 1
    if end < 1 or text[end] not in _TRIM:
        return False
    begin = end
    while begin > 0 and (text[begin - 1].isalpha() or text[begin - 1] == "&") and end - begin < 30:
        begin -= 1
    if begin > 0 and (text[begin - 1].isalnum() or text[begin - 1] in "._"):
        return False
    word = text[begin:end]
    if not _NAME.fullmatch(word) or word in _NOT_NAMES:
        return False
    return not context.starts_sentence(begin)

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
from bisect import bisect_right
from datetime import date, timedelta
from decimal import Decimal

from dateutil.relativedelta import relativedelta

from store.extract.numbers import (
    DENOMINATORS,
    DIGITS,
    FRACTION,
    PLURAL_SCALES,
    SCALE_WORDS,
    SMALL,
    SMALL_WORDS,
    SP,
    VAGUE,
    WORD_NUMBER,
    parse_digits,
    parse_fraction,
    parse_scale,
    parse_words,
    phrases,
    to_number,
    vague_amount,
)
from store.extract.sentences import split_sentences
from store.model import Figure

S = SP  # one inline space character; figures never cross a line break


# ---------------------------------------------------------------------------------------------------
# Vocabulary
# ---------------------------------------------------------------------------------------------------

MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8,
    "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10,
    "nov": 11, "dec": 12,
}
WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6}

LOWER_BOUNDS = {
    "at least", "more than", "no fewer than", "no less than", "not less than", "upwards of", "in excess of",
    "over", "above", "exceeds", "exceeded", "exceeding", "exceed", "surpassed", "topped", "just over",
    "well over", "slightly more than", "well above", "a minimum of", "or more", "plus", "+", "as few as",
    "as little as", "greater than", "higher than",
}
UPPER_BOUNDS = {
    "at most", "less than", "fewer than", "no more than", "not more than", "as many as", "as much as",
    "as high as", "up to", "under", "below", "just under", "well under", "slightly less than",
    "slightly fewer than", "a maximum of", "lower than", "well below", "just below",
}
APPROXIMATE_UPPER = {"nearly", "almost", "close to", "just shy of"}
APPROXIMATE = {
    "about", "around", "approximately", "approx.", "approx", "roughly", "some", "an estimated", "estimated",
    "circa", "or so", "odd", "more or less", "an approximate", "something like", "upward of",
}
_QUALIFIERS = sorted(
    LOWER_BOUNDS - {"or more", "plus", "+"}
    | UPPER_BOUNDS | APPROXIMATE_UPPER | (APPROXIMATE - {"or so", "odd"})
    | {"another", "an additional", "an extra", "a further", "a total of", "between", "from",
       "rose by", "rose", "fell by", "fell", "increased by", "decreased by", "dropped by", "dropped",
       "grew by", "grew", "declined by", "declined", "jumped by", "jumped", "climbed", "climbed by",
       "surged", "surged by", "plunged", "plunged by", "slipped", "gained", "lost", "up by", "down by", "up", "down"},
    key=len,
    reverse=True,
)
CHANGES = {"rose by", "rose", "fell by", "fell", "increased by", "decreased by", "dropped by", "dropped", "grew by",
           "grew", "declined by", "declined", "jumped by", "jumped", "climbed", "climbed by", "surged", "surged by",
           "plunged", "plunged by", "slipped", "gained", "lost", "up by", "down by", "up", "down"}
# qualifiers that only qualify a change of money or a percentage ("up 5%"); elsewhere they are verbs
_CHANGE_ONLY = {"up", "down", "slipped"}  # also "points"
_PERCENT_CHANGE_ONLY = {"lost", "gained"}  # "lost 20%" is a change; "lost $5 billion" is an amount

CURRENCY_SYMBOLS = {
    "$": "USD", "us$": "USD", "a$": "AUD", "au$": "AUD", "c$": "CAD", "ca$": "CAD", "nz$": "NZD", "hk$": "HKD",
    "s$": "SGD", "€": "EUR", "£": "GBP", "¥": "JPY", "₽": "RUB", "₴": "UAH", "₩": "KRW", "₹": "INR",
}
CURRENCY_CODES = ("USD", "EUR", "GBP", "RUB", "UAH", "JPY", "CNY", "KRW", "INR", "CHF", "AUD", "CAD")
CURRENCY_WORDS = {
    "dollar": "USD", "euro": "EUR", "pound": "GBP", "ruble": "RUB", "rouble": "RUB", "hryvnia": "UAH",
    "hryvnias": "UAH", "yen": "JPY", "yuan": "CNY", "won": "KRW", "rupee": "INR", "franc": "CHF",
}

MEASURES = [  # (pattern, unit)
    (rf"square{S}+kilomet(?:er|re)s?|sq\.?{S}*km\b|km²|km2\b", "km2"),
    (rf"square{S}+miles?|sq\.?{S}*mi\b", "mi2"),
    (rf"square{S}+met(?:er|re)s?|m²", "m2"),
    (rf"cubic{S}+met(?:er|re)s?|m³", "m3"),
    (rf"cubic{S}+kilomet(?:er|re)s?|km³", "km3"),
    (r"kilomet(?:er|re)s?{S}+(?:per|an){S}+hour|km/h|kph".replace("{S}", S), "km/h"),
    (r"miles{S}+(?:per|an){S}+hour|mph".replace("{S}", S), "mph"),
    (r"kilomet(?:er|re)s?|km\b", "km"),
    (r"miles?\b", "mi"),
    (r"millimet(?:er|re)s?|mm\b", "mm"),
    (r"centimet(?:er|re)s?|cm\b", "cm"),
    (r"met(?:er|re)s?\b", "m"),
    (r"kilograms?|kilos?\b|kg\b", "kg"),
    (rf"(?:metric{S}+)?tonnes?|(?:metric{S}+)?tons?\b", "t"),
    (rf"pounds?(?={S}+of\b)|lbs?\b", "lb"),
    (r"lit(?:er|re)s?\b", "l"),
    (r"barrels?\b", "bbl"),
    (r"hectares?|ha\b", "ha"),
    (r"acres?\b", "acre"),
    (r"feet\b|foot\b|ft\b", "ft"),
    (r"megawatts?|MW\b", "MW"),
    (r"gigawatts?|GW\b", "GW"),
    (r"kWh\b|kilowatt[- ]hours?", "kWh"),
    (rf"degrees{S}+Celsius|°C", "°C"),
    (rf"degrees{S}+Fahrenheit|°F", "°F"),
    (r"knots\b", "kn"),
    (r"calib(?:er|re)\b", "caliber"),
    (r"points?\b", "points"),
]
DURATIONS = {"second": "second", "minute": "minute", "hour": "hour", "day": "day", "week": "week", "month": "month",
             "year": "year", "decade": "decade", "century": "century", "centuries": "century"}

# ---------------------------------------------------------------------------------------------------
# The pattern (case-sensitive: word lists come lower-case and Capitalised, factored by `phrases`,
# because sre rejects a literal first character at once and IGNORECASE would cost a factor of three)
# ---------------------------------------------------------------------------------------------------

_MONTH = (
    r"(?:(?:January|February|March|April|May|June|July|August|September|October|November|December)\b"
    r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)(?:\.|\b))"
)
_MONTH_FULL = r"(?:(?:January|February|March|April|May|June|July|August|September|October|November|December)\b)"
_WEEKDAY = r"(?:(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b)"
_DAY = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?![\w])(?![.,]\d)"
_YEAR = r"(?:1[89]\d\d|20\d\d)(?![\w])(?![.,]\d)"
_DAY_SEP = rf"(?:{S}*+[-–—]{S}*+|{S}++(?:to|and|through|until){S}++)"
_SPACE_OR_HYPHEN = f"(?:{S}++|-)"


def _currency(name: str) -> str:
    return rf"(?P<{name}>(?:US|AU|A|CA|C|NZ|HK|S)?\$|[€£¥₽₴₩₹]|(?:{'|'.join(CURRENCY_CODES)})(?={S}?\d)){S}?"


def _scale(name: str, currency: str) -> str:
    return (
        rf"(?P<{name}>{S}*+(?:hundred|thousand|million|billion|trillion)\b|{S}?(?:mln|mn|bln|bn|tn|trn)\b"
        rf"|(?<=\d)k\b|(?({currency})(?<=\d)(?:m|b)\b|(?!)))"
    )


_QUALIFIER = phrases(_QUALIFIERS)
_PERCENT = rf"{S}?%|{S}*+{phrases(['per cent', 'percent', 'pct'])}\b|{S}++{phrases(['percentage points', 'percentage point', 'percentage-points', 'percentage-point'])}\b"
_CURRENCY_AFTER = (
    rf"{S}++(?:of{S}++)?(?:{phrases(['US', 'U.S.', 'American', 'Canadian', 'Australian', 'Hong Kong'])}{S}++)?{phrases(['dollars', 'dollar'])}\b"
    rf"|{S}++{phrases(['euros', 'euro'])}\b|{S}++(?:British{S}++)?{phrases(['pounds', 'pound'])}(?:{S}++sterling)?\b(?!{S}++of\b)"
    rf"|{S}++{phrases(['rubles', 'ruble', 'roubles', 'rouble', 'hryvnias', 'hryvnia', 'yen', 'yuan', 'won', 'rupees', 'rupee', 'francs', 'franc'])}\b"
    rf"|{S}++(?:{'|'.join(CURRENCY_CODES)})\b"
)
_MEASURE = "|".join(f"(?:{pattern})" for pattern, _ in MEASURES)
_DURATION = (
    rf"{_SPACE_OR_HYPHEN}{phrases(['seconds', 'second', 'minutes', 'minute', 'hours', 'hour', 'days', 'day', 'weeks', 'week', 'months', 'month', 'years', 'year', 'decades', 'decade', 'century', 'centuries'], False)}\b(?:-old\b)?"
)
_NUMBER_2 = rf"(?:{DIGITS}|{WORD_NUMBER})"

_FIGURE = rf"""
(?:(?P<qual>{_QUALIFIER}){S}++)?
(?:{_currency('cur')})?
(?P<n1>[-−]?(?<![\w.,])(?:{DIGITS})|{VAGUE}|{FRACTION}|{WORD_NUMBER}|(?<=another{S})(?:hundred|thousand|million|billion)\b)
{_scale('sc1', 'cur')}?
(?P<pct1>{_PERCENT})?
(?:
  (?P<rsep>{S}*+[-–—]{S}*+|{S}++to{S}++|{S}++or{S}++|(?(qual){S}++and{S}++|(?!)))
  (?:{_currency('cur2')})?
  (?P<n2>{_NUMBER_2})
  {_scale('sc2', 'cur2')}?
  (?P<pct2>{_PERCENT})?
)?
(?(pct1)|(?(pct2)|(?:
  (?P<pct>{_PERCENT})
  |(?P<cursfx>{_CURRENCY_AFTER})
  |(?P<meas>(?:{S}*+|-)(?:{_MEASURE}))
  |(?P<dur>{_DURATION})
)?))
(?P<post>{S}++or{S}++(?:more|so)\b|\+(?![\w+])|-plus\b|-odd\b|{S}++more\b(?!{S}++than\b))?
(?![\w])
"""

_MONTH_PREFIX = phrases(["in", "since", "until", "till", "by", "from", "through", "during", "before", "after", "of",
                         "early", "mid", "late", "last", "next", "this", "between", "and", "to"])
_YEAR_PREFIX = phrases(["in", "since", "until", "till", "by", "from", "through", "during", "before", "after", "of",
                        "between", "early", "mid", "late", "the end of", "end of", "the start of",
                        "the beginning of"])
_RELATIVE = phrases(
    ["today", "tonight", "yesterday", "tomorrow", "earlier this week", "earlier this month", "earlier this year",
     "later this week", "later this month", "later this year", "the weekend"]
    + [f"{a} {b}" for a in ("last", "this", "next", "past", "previous", "coming")
       for b in ("week", "weekend", "month", "year", "night", "morning", "evening", "afternoon")]
    + [f"{a} {b}" for a in ("last", "this", "next", "coming") for b in
       ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")]
    + [f"the {a} {b}" for a in ("day", "week", "month", "year", "night") for b in ("before", "after")]
    + [f"the past {b}" for b in ("week", "month", "year")]
    + [f"the {a} {b}" for a in ("previous", "following", "next") for b in ("day", "week", "month", "year")]
)
_DATES = rf"""
  (?P<iso>(?P<iy>\d{{4}})-(?P<im>\d\d)-(?P<id>\d\d))(?![\w-])
| (?P<numeric>(?P<na>\d{{1,2}})(?P<nsep>[/.])(?P<nb>\d{{1,2}})(?P=nsep)(?P<nc>\d{{4}}|\d\d))(?![\w/.]\w)
| (?P<md>(?:{_WEEKDAY},?{S}++)?(?P<m1>{_MONTH}){S}*+(?P<d1>{_DAY})(?:{_DAY_SEP}(?P<d1b>{_DAY})(?!{S}*+{_MONTH}))?(?:,?{S}++(?P<y1>{_YEAR}))?)
| (?P<dm>(?:{_WEEKDAY},?{S}++)?(?P<d2>{_DAY})(?:{_DAY_SEP}(?P<d2b>{_DAY}))?{S}++(?:of{S}++)?(?P<m2>{_MONTH})(?:,?{S}++(?P<y2>{_YEAR}))?)
| (?P<my>(?:(?P<mq>{phrases(['early', 'mid', 'late'])}){_SPACE_OR_HYPHEN})?(?P<m3>{_MONTH}),?{S}++(?P<y3>{_YEAR}))
| (?:(?P<mp>{_MONTH_PREFIX})(?:{S}++|(?<=mid)-))
  (?P<m4>{_MONTH_FULL})(?!{S}*+\d)
| (?:(?P<yp>{_YEAR_PREFIX})(?:{S}++|(?<=mid)-))?
  (?P<y5>{_YEAR})(?:(?:{S}*+[-–—]{S}*+|{S}++(?:to|and|through){S}++)(?P<y5b>{_YEAR}))?
  (?!{S}*+(?:%|percent|per{S}?cent|(?:hundred|thousand|million|billion)\b))
| (?P<rel>
    {_RELATIVE}
  | {_WEEKDAY}(?!,?{S}++(?:{_MONTH}|\d))
  | (?P<ago>\d+|{SMALL_WORDS}|{phrases(['a', 'an'])}){S}++(?P<agounit>days?|weeks?|months?|years?){S}++ago
  )\b
"""

_IDENTIFIER_WORDS = phrases(
    ["section", "article", "articles", "row", "chapter", "page", "pages", "route", "flight", "resolution", "paragraph", "clause", "item", "room", "highway", "platform", "gate", "seat", "bill", "grade", "level", "phase", "stage", "category", "tier", "zone", "lot", "exit", "terminal", "bus", "version", "model", "apartment", "suite", "building", "block", "episode", "season", "volume", "vol.", "channel", "rule", "precinct", "district", "amendment", "code", "number", "unit", "line", "lines", "table", "figure", "step", "list"]
)
_SKIP = rf"""
  (?:https?://|www\.)[^\s<>"“”]+
| [\w.+-]+@[\w-]+(?:\.[\w-]+)+
| \+\d{{1,3}}(?:[{S[1:-1]}.-]?\(?\d{{1,4}}\)?){{2,5}}(?!\w)
| \(\d{{3}}\){S}?\d{{3}}[-.{S[1:-1]}]\d{{4}}
| \d{{3}}[-.]\d{{3}}[-.]\d{{4}}\b
| (?!\d{{1,3}}(?:\.\d{{3}}){{2,}}(?![\d.]))v?\d+(?:\.\d+){{2,}}
| \d{{1,2}}:\d\d(?::\d\d)?(?:{S}?[ap]\.?m\.?)?
| \d{{1,2}}{S}?(?:[ap]\.m\.|(?:am|pm)\b)
| \d+(?:/\d+)+
| \#\w+
| (?:No|no|Nos|nos)\.{S}*+\d+
| {_IDENTIFIER_WORDS}{S}++\d[\w.-]*(?:{S}*+(?:and|to|-|–){S}*+\d[\w.-]*)?
"""

_PATTERN = re.compile(
    rf"(?<![\w.,/:#@+\-])(?:(?P<date>{_DATES})|(?P<skip>{_SKIP})|(?P<fig>{_FIGURE}))",
    re.VERBOSE,
)
# the figure alternative alone, for a candidate that turned out not to be a date ("sent 2000 troops")
_FIGURE_ONLY = re.compile(rf"(?<![\w.,/:#@+\-])(?:{_FIGURE})", re.VERBOSE)

# Where a candidate can begin: a digit, a currency sign, a number word, a month, a weekday, a word of a
# relative date. Qualifiers and other words before the trigger ("at least", "a", "in", "mid-") are found
# by matching their mirror image in the reversed text, so the full pattern runs only at candidates.
_TRIGGER_WORDS = (
    list(SMALL) + list(SCALE_WORDS) + list(PLURAL_SCALES) + list(DENOMINATORS)
    + ["several", "few", "couple", "today", "tonight", "yesterday", "tomorrow", "week", "weekend", "month", "year",
       "night", "morning", "evening", "afternoon", "day"]
    + [m.capitalize() for m in MONTHS] + ["Sept"] + [d.capitalize() for d in WEEKDAYS]
)
_TRIGGER = re.compile(
    rf"(?<![\w.,/:#@+\-])(?:[-−]?\d|[$€£¥₽₴₩₹]|\+(?=\d)|(?:US|AU|A|CA|C|NZ|HK|S)\$|(?:{'|'.join(CURRENCY_CODES)})(?={S}?\d)"
    rf"|https?://|www\.)|(?<![\w])(?:{phrases(_TRIGGER_WORDS)})\b"
)
_PREFIX_WORDS = sorted(
    set(_QUALIFIERS) | {"in", "since", "until", "till", "by", "from", "through", "during", "before", "after", "of",
                        "between", "early", "mid", "late", "the end of", "end of", "the start of", "the beginning of",
                        "and", "to", "last", "this", "next", "past", "previous", "coming", "earlier this", "later this", "the", "the past",
                        "the previous", "the following", "the next", "No.", "Nos.", "no.", "nos."}
    | set(["section", "article", "articles", "row", "chapter", "page", "pages", "route", "flight", "resolution", "paragraph", "clause", "item", "room", "highway", "platform", "gate", "seat", "bill", "grade", "level", "phase", "stage", "category", "tier", "zone", "lot", "exit", "terminal", "bus", "version", "model", "apartment", "suite", "building", "block", "episode", "season", "volume", "vol.", "channel", "rule", "precinct", "district", "amendment", "code", "number", "unit", "line", "lines", "table", "figure", "step", "list"])
)
_PREFIX_REVERSED = re.compile(
    rf"(?P<a>{S}++(?:na|a|nA|A)(?!\w))?"
    rf"(?:{S}++{phrases(sorted({w[::-1] for w in _PREFIX_WORDS} | {(w[:1].upper() + w[1:])[::-1] for w in _PREFIX_WORDS}), False)}(?![\w])"
    rf"|-(?:dim|diM)(?!\w))?"
)

_MEASURE_UNITS = [(re.compile(rf"(?:{pattern})", re.IGNORECASE), unit) for pattern, unit in MEASURES]
_VAGUE_HEADS = frozenset(["several", "few", "dozens", "hundreds", "thousands", "millions", "billions", "tens", "scores"])
_SPACES = re.compile(rf"{S}++")

# ---------------------------------------------------------------------------------------------------
# Subjects and sources
# ---------------------------------------------------------------------------------------------------

_WORD_RUN = re.compile(rf"(?:{S}+[A-Za-z][A-Za-z'’]*(?:-[A-Za-z]+)*(?![\w-])){{1,12}}")
_WORD_IN_RUN = re.compile(r"[A-Za-z][A-Za-z'’]*(?:-[A-Za-z]+)*")
_OPEN = re.compile(r"[”\"’']?")
_NUMBER_WORDS = frozenset(
    ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety", "hundred", "thousand", "million", "billion", "trillion", "dozen", "dozens", "hundreds", "thousands", "millions", "billions", "several", "few", "couple", "half"]
)
_DETERMINERS = frozenset(["the", "a", "an", "its", "their", "his", "her", "our", "these", "those", "this", "that", "such", "all"])
_STOP = frozenset(
    ["a", "an", "the", "of", "in", "on", "at", "to", "for", "from", "with", "by", "into", "onto", "near", "across", "along", "alongside", "against", "during", "since", "until", "after", "before", "over", "under", "through", "per", "as", "than", "like", "including", "among", "around", "about", "within", "without", "between", "toward", "towards", "behind", "beyond", "via", "and", "or", "but", "while", "when", "where", "which", "that", "who", "whom", "whose", "if", "because", "so", "yet", "nor", "is", "are", "was", "were", "be", "been", "being", "has", "have", "had", "do", "does", "did", "will", "would", "can", "could", "shall", "should", "may", "might", "must", "remain", "remains", "remained", "went", "go", "goes", "says", "said", "say", "got", "get", "gets", "there", "here", "now", "then", "also", "already", "still", "just", "only", "too", "very", "not", "no", "ago", "each", "every", "more", "less", "this", "these", "those", "it", "its", "they", "them", "their", "he", "she", "him", "her", "his", "we", "us", "our", "you", "your", "i", "me", "my", "what", "how", "why", "reportedly", "allegedly", "reported", "according", "per", "cent", "percent"]
)
_AUXILIARIES = frozenset(["were", "was", "are", "is", "have", "has", "had", "been", "being", "got", "reportedly", "allegedly", "already"])
_PARTICIPLES = frozenset(
    ["killed", "wounded", "injured", "hurt", "dead", "died", "missing", "captured", "detained", "arrested", "displaced", "evacuated", "rescued", "executed", "abducted", "kidnapped", "stranded", "trapped", "infected", "hospitalized", "hospitalised", "freed", "released", "imprisoned", "surrendered"]
)
_TWO_WORD_PARTICIPLES = {("went", "missing"), ("taken", "prisoner"), ("taken", "hostage"), ("held", "hostage"),
                         ("gone", "missing"), ("taken", "captive")}
_CONNECTORS = {"money": ("in", "of", "for", "worth"), "duration": ("of",), "percent": ("of",),
               "quantity": ("of",), "count": ("of",), "rate": ("of",)}
_NUMBER_OF = re.compile(
    rf"\b(?:number|total|toll|tally|count)(?:{S}+of)(?P<np>(?:{S}+[A-Za-z][\w'’-]*){{1,8}}?)"
    rf"(?=(?:{S}+(?:in|on|at|from|during|across|near|since|has|have|had|is|was|were|are|exceeds|exceeded|stands|"
    rf"stood|rose|reached|fell|topped|surpassed|now|so)\b)|{S}*[,;:]|{S}*\Z)",
    re.IGNORECASE,
)
_RATE = re.compile(
    rf"{S}+(?:a|an|per|each|every){S}+(?P<period>second|minute|hour|day|night|week|month|year)\b|/(?P<slash>day|week|month|year|h)\b",
    re.IGNORECASE,
)
_AGO = re.compile(rf"{S}+ago\b", re.IGNORECASE)

_NAME_CHUNK = r"(?:[^,.;:!?()“”\"\n]|\([^()\n]*\)|(?<=\b[A-Z])\.(?=\s?[A-Z]))+"
_ACCORDING = re.compile(rf"\baccording{S}+to{S}+(?P<who>{_NAME_CHUNK})", re.IGNORECASE)
_BY = re.compile(
    rf"\b(?:reported|announced|stated|said|confirmed|claimed|estimated|cited|published|disclosed|revealed)"
    rf"{S}+by{S}+(?P<who>{_NAME_CHUNK})"
)
_SAID_AFTER = re.compile(
    rf"(?:[”\"’],?|,){S}+(?:said|says|added|adds|continued|wrote|writes|notes|noted|reported|reports|told{S}+\w+)"
    rf"{S}+(?P<who>{_NAME_CHUNK})"
)
_CITING = re.compile(rf"\bciting{S}+(?P<who>{_NAME_CHUNK})")
# "This was stated by Lee Seong Kwon": a sentence that names the source of the one before it.
_SOURCE_OF_PREVIOUS = re.compile(
    rf"(?:this|that|it|these\s+figures|the\s+figures?){S}+(?:was|were){S}+(?:\w+ly{S}+)?"
    rf"(?:reported|announced|stated|said|confirmed|claimed|disclosed|revealed|published){S}+by\b",
    re.IGNORECASE,
)
_SAYS = re.compile(
    r"\b(?:said|says|say|reported|reports|report|wrote|writes|stated|states|announced|announces|claimed|claims|"
    r"estimated|estimates|told|confirmed|confirms|noted|notes|added|adds|revealed|reveals|believes|believed|"
    r"assessed|assesses|warned|warns|alleged|alleges|insisted|insists|acknowledged|admitted|disclosed)\b"
)
_CLAUSE_AFTER_SUBJECT = re.compile(rf",{S}+(?:citing|speaking|who|which|quoting|in{S}+a)\b[^,]*,{S}*\Z")
_TRAILING_MODIFIER = re.compile(
    r"\s(?:on|in|at|last|this|earlier|later|yesterday|today|recently|also|first|firstly|then|previously|has|have|"
    r"had|was|were|is|are|will|would|may|might|could|officially|reportedly|allegedly|again|now|late|once|"
    r"repeatedly|publicly|initially|separately|itself|themselves|however|too)\b.*\Z",
    re.DOTALL,
)
_PRONOUNS = frozenset(["he", "she", "they", "it", "we", "i", "you", "this", "that", "which", "who", "there", "one", "some", "others"])
_PASSIVE = frozenset(["is", "are", "was", "were", "be", "been", "being"])
_NOUN_BEFORE_VERB = frozenset(["the", "a", "an", "first", "latest", "recent", "new", "earlier", "previous", "media", "news", "its", "their", "his", "her", "our", "these", "those", "such", "other", "initial"])
_PREPOSITIONS = frozenset(["from", "in", "on", "at", "by", "for", "with", "to", "of", "after", "before", "during", "since", "until"])
_SOURCE_FRONT = re.compile(r"\A(?:the|a|an)\s+", re.IGNORECASE)
_SOURCE_CUT = re.compile(r"\s+(?:that|who|which|whose|where|when|after|before|during|following|while)\b.*\Z", re.DOTALL)
_CLAUSE_BREAK = re.compile(
    r"[,;:—–]|\b(?:that|since|after|when|because|while|although|though|as|if|until|before|where|whereas|but)\b"
)
_QUOTES = str.maketrans("", "", "“”\"")

# ---------------------------------------------------------------------------------------------------
# Extraction
# ---------------------------------------------------------------------------------------------------


def extract_figures(text: str, published: str | None = None, sentences: list[tuple[int, int]] | None = None) -> list[Figure]:
    """All figures in text, sorted by start, non-overlapping. `published` is an ISO date "2024-12-19"
    used for the year of dates that lack one; `sentences`, `split_sentences(text)` when the caller
    has it already (import does: splitting twice was a tenth of import time). Never raises on any str input."""
    if not isinstance(text, str) or not text:
        return []
    context = _Context(text, _published(published), split_sentences(text) if sentences is None else sentences)
    figures: list[Figure] = []
    reverse = text[::-1]
    position = 0
    for trigger in _TRIGGER.finditer(text):
        if trigger.start() < position:
            continue
        match = _match_at(text, reverse, trigger.start(), position)
        if match is None:
            continue
        position = match.end()
        if match.lastgroup == "skip":
            continue
        figure = _date(match, context) if match.lastgroup == "date" else None
        if figure is None:
            fig = match if match.lastgroup == "fig" else _FIGURE_ONLY.match(text, match.start("y5") if match.group("y5") else match.start())
            if fig is None:
                continue
            position = max(position, fig.end())
            figure = _figure(fig, context)
        if figure is not None and (not figures or figure.start >= figures[-1].end):
            figures.append(figure)
            position = max(position, figure.end)
    return figures


def _match_at(text: str, reverse: str, at: int, floor: int) -> re.Match | None:
    """The candidate that covers the trigger at `at`, starting at the longest prefix before it
    ("at least", "a", "in") that still gives a match, and never before `floor`."""
    mirrored = len(text) - at
    back = _PREFIX_REVERSED.match(reverse, mirrored)
    starts = [at]
    if back.end() > mirrored:
        article = back.end("a") - mirrored if back.group("a") is not None else 0
        starts = [at - (back.end() - mirrored), at - article, at] if article else [at - (back.end() - mirrored), at]
    best = None
    for start in starts:
        if start < floor:
            continue
        match = _PATTERN.match(text, start)
        if match is not None and match.end() > at and (best is None or match.end() > best.end()):
            best = match  # "from 14 to 16 December" is a date, not the count "from 14 to 16"
    return best


class _Context:
    """What one extraction knows besides the match: the text, its sentences, the publication date."""

    __slots__ = ("last_noun", "last_sentence", "published", "sentences", "sources", "starts", "text")

    def __init__(self, text: str, published: date | int | None, sentences: list[tuple[int, int]]) -> None:
        self.text = text
        self.published = published
        self.sentences = sentences
        self.starts = [start for start, _ in self.sentences]
        self.sources: dict[int, str | None] = {}
        self.last_noun: str | None = None
        self.last_sentence = -1

    def sentence_of(self, position: int) -> int:
        return max(0, bisect_right(self.starts, position) - 1)

    def year(self) -> int | None:
        published = self.published
        return published.year if isinstance(published, date) else published

    def day(self) -> date | None:
        return self.published if isinstance(self.published, date) else None


def _published(published: str | None) -> date | int | None:
    if not isinstance(published, str):
        return None
    published = published.strip()
    try:
        return date.fromisoformat(published[:10])
    except ValueError:
        pass
    if len(published) >= 4 and published[:4].isdigit():
        return int(published[:4])
    return None


def _make(context: _Context, start: int, end: int, kind: str, value, low=None, high=None, *, approximate=False,
          qualifier=None, unit=None, subject=None, relative=False) -> Figure:
    sentence = context.sentence_of(start)
    return Figure(
        start=start, end=end, text=context.text[start:end], kind=kind, value=value, low=low, high=high,
        approximate=approximate, qualifier=qualifier, unit=unit, subject=subject, source=_source(context, sentence),
        sentence=sentence, relative=relative,
    )


# --- dates -----------------------------------------------------------------------------------------


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


def _date(match: re.Match, context: _Context) -> Figure | None:
    group = match.group
    if group("iso"):
        value = _iso(int(group("iy")), int(group("im")), int(group("id")))
        return value and _make(context, match.start("iso"), match.end("iso"), "date", value)
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
            return _make(context, match.start(span), match.end(span), "date", value, value, high)
        return _make(context, match.start(span), match.end(span), "date", value)
    if group("my"):
        value = _iso(int(group("y3")), _month(group("m3")))
        qualifier = group("mq") and group("mq").lower()
        return value and _make(context, match.start("my"), match.end("my"), "date", value,
                               approximate=bool(qualifier), qualifier=qualifier)
    if group("m4"):
        return _bare_month(match, context)
    if group("y5"):
        return _year(match, context)
    if group("rel"):
        return _relative(match, context)
    return None


def _numeric_date(match: re.Match, context: _Context) -> Figure | None:
    a, b, c = int(match.group("na")), int(match.group("nb")), match.group("nc")
    year = int(c) if len(c) == 4 else 2000 + int(c)
    if (match.group("nsep") == "/" and a <= 12 and not b > 12) or b > 12:
        month, day = a, b  # 12/19/2024, the American order
    else:
        month, day = b, a  # 19.12.2024 / 19/12/2024
    value = _iso(year, month, day) if 1 <= month <= 12 else None
    return value and _make(context, match.start("numeric"), match.end("numeric"), "date", value)


def _bare_month(match: re.Match, context: _Context) -> Figure | None:
    prefix = match.group("mp").lower()
    month = _month(match.group("m4"))
    year = context.year()
    if prefix in ("early", "mid", "late"):
        value = _iso(year, month)
        return value and _make(context, match.start("mp"), match.end("m4"), "date", value, approximate=True,
                               qualifier=prefix)
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
        return _make(context, match.start("mp"), match.end("m4"), "date", value, relative=True)
    value = _iso(year, month)
    return value and _make(context, match.start("m4"), match.end("m4"), "date", value)


_PLURAL_AFTER = re.compile(rf"{S}+(?!(?:was|is|has|as|its|this|his|thus|across|plus|us|ss)\b)[a-z]+s\b|{S}+[A-Z]")


def _year(match: re.Match, context: _Context) -> Figure | None:
    prefix = (match.group("yp") or "").lower()
    prefix = _SPACES.sub(" ", prefix)
    strong = prefix in ("in", "since", "until", "till", "during", "before", "after", "early", "mid", "late",
                        "the end of", "end of", "the start of", "the beginning of", "through")
    if not strong and _PLURAL_AFTER.match(context.text, match.end()):
        return None  # "sent 2000 troops": a count
    first, last = match.group("y5"), match.group("y5b")
    qualifier = prefix if prefix in ("early", "mid", "late", "the end of", "end of", "the start of", "the beginning of") else None
    start = match.start("yp") if qualifier else match.start("y5")
    if last:
        if int(last) <= int(first):
            return None
        return _make(context, start, match.end(), "date", first, first, last, qualifier=qualifier,
                     approximate=bool(qualifier))
    return _make(context, start, match.end("y5"), "date", first, qualifier=qualifier, approximate=bool(qualifier))


def _relative(match: re.Match, context: _Context) -> Figure:
    text = _SPACES.sub(" ", match.group("rel").lower())
    today = context.day()
    start, end = match.start("rel"), match.end("rel")
    value = low = high = None
    if today is not None:
        value, low, high = _resolve(text, today, match)
    return _make(context, start, end, "date", value, low, high, relative=True)


def _resolve(text: str, today: date, match: re.Match) -> tuple[str | None, str | None, str | None]:
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


# --- numbers ---------------------------------------------------------------------------------------


def _amount(number: str, scale: str | None) -> tuple[Decimal | None, Decimal | None, Decimal | None, bool, str]:
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


def _figure(match: re.Match, context: _Context) -> Figure | None:
    text = context.text
    group = match.group
    qualifier = group("qual")
    qualifier = _SPACES.sub(" ", qualifier.lower()) if qualifier else None
    number = group("n1")
    value, low, high, approximate, form = _amount(number, group("sc1"))
    if value is None and low is None:
        return None
    start = match.start("qual") if qualifier else (match.start("cur") if group("cur") else match.start("n1"))
    end = match.end()
    kind, unit = "count", None
    currency = group("cur") or group("cur2")
    if currency:
        kind, unit = "money", CURRENCY_SYMBOLS.get(currency.strip(" \t\u00a0\u2009\u202f").lower(),
                                                     currency.strip(" \t\u00a0\u2009\u202f").upper())
    elif group("cursfx"):
        word = group("cursfx").split()[-1].lower().rstrip(".")
        if word == "sterling":
            word = "pound"
        kind, unit = "money", (word.upper() if word.upper() in CURRENCY_CODES else CURRENCY_WORDS.get(word.rstrip("s"), CURRENCY_WORDS.get(word, word)))
    elif group("pct") or group("pct1") or group("pct2"):
        kind, unit = "percent", "pp" if "point" in (group("pct") or group("pct1") or group("pct2")).lower() else "%"
    elif group("meas"):
        measure = group("meas").lstrip(" \t\u00a0\u2009\u202f-")
        kind, unit = "quantity", next((u for p, u in _MEASURE_UNITS if p.fullmatch(measure)), measure.lower())
    elif group("dur"):
        word = group("dur").lstrip(" \t\u00a0\u2009\u202f-").lower().split("-")[0].rstrip("s")
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
    if ((qualifier in _CHANGE_ONLY and kind not in ("percent", "money") and unit != "points")
            or (qualifier in _PERCENT_CHANGE_ONLY and kind != "percent")):
        qualifier, start = None, (match.start("cur") if group("cur") else match.start("n1"))

    # identifiers and things that are not figures
    plain = not (qualifier or group("n2") or kind != "count" or group("sc1") or group("post"))
    if form == "words" and number.lower() in ("one", "a", "an") and (plain or (kind == "duration" and not qualifier)):
        return None  # "one of them", "One day, ..."
    if form in ("words", "fraction") and number[:1].isupper() and start > 0 and not _starts_sentence(context, start):
        return None  # "the Group of Seven", "Big Three"
    if plain and form == "digits" and number.isdigit() and len(number) <= 4 and _after_name(context, start):
        return None  # "Boeing 737", "Leopard 2", "Resolution 2231"

    post = group("post")
    if post:
        post = _SPACES.sub(" ", post.strip(" \t\u00a0\u2009\u202f-").lower())
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

    if kind == "duration" and _AGO.match(text, end):
        ago_end = _AGO.match(text, end).end()
        return _make(context, start, ago_end, "date", None, relative=True, qualifier=qualifier,
                     approximate=approximate)

    subject, end, kind, unit = _subject_and_rate(match, context, start, end, kind, unit)
    return _make(context, start, end, kind, to_number(value), to_number(low), to_number(high),
                 approximate=approximate, qualifier=qualifier, unit=unit, subject=subject)


def _trailing_scale(number: str) -> int:
    last = number.lower().replace("-", " ").split()[-1]
    return SCALE_WORDS.get(last, 1) if last != "dozen" else 1


def _starts_sentence(context: _Context, position: int) -> bool:
    index = context.sentence_of(position)
    sentence_start = context.starts[index] if context.starts else 0
    if position - sentence_start > 12:
        return False
    return context.text[sentence_start:position].strip(" \t\"“‘'(—–-") == ""


_NAME_BEFORE = re.compile(rf"(?<![\w.])([A-Z][A-Za-z]*[a-z]|[a-z]+[A-Z][A-Za-z]*){S}\Z")
_NOT_NAMES = frozenset(
    ["The", "In", "On", "At", "By", "About", "Some", "Over", "Nearly", "Almost", "Around", "Approximately", "Roughly", "Up", "To", "Of", "With", "For", "From", "Since", "Until", "Between", "And", "Or", "But", "Only", "Just", "More", "Less", "Fewer", "Than", "All", "Another", "Estimated", "Its", "Their", "His", "Her", "Our", "Those", "These", "After", "Before", "During", "Were", "Was", "Are", "Is", "Had", "Have", "Has", "Killed", "Lost", "Sent", "Total", "Plus", "Minus", "Under", "Below", "Above", "When", "While", "As", "If", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "Day", "Week", "Year", "Number"]
)


def _after_name(context: _Context, start: int) -> bool:
    """Whether a capitalised word (not a sentence opener) stands right before: "Boeing 737"."""
    found = _NAME_BEFORE.search(context.text, max(0, start - 30), start)
    if not found or found.group(1) in _NOT_NAMES:
        return False
    return not _starts_sentence(context, found.start(1))


def _subject_and_rate(match: re.Match, context: _Context, start: int, end: int, kind: str, unit: str | None):
    text = context.text
    sentence = context.sentence_of(start)
    if sentence != context.last_sentence:
        context.last_sentence, context.last_noun = sentence, None
    limit = context.sentences[sentence][1] if context.sentences else len(text)
    if kind == "date":
        return None, end, kind, unit
    words = _words_after(text, end, limit)
    noun, chain, used = _noun_phrase(words, kind)
    subject = None
    if kind == "quantity" and unit != "fraction":
        measure = _SPACES.sub(" ", match.group("meas").strip(" \t\u00a0\u2009\u202f-"))
        if match.group("meas").lstrip(" \t\u00a0\u2009\u202f")[:1] == "-":
            subject = " ".join(noun + chain) or None  # "a 10-kilometer zone"
        else:
            if noun and words and words[0][0].lower() == "of":
                subject = f"{measure} of {' '.join(noun)}"  # "tonnes of grain"
            elif " " in measure:
                subject = measure  # "square kilometers"
    elif noun:
        subject = " ".join(noun + chain)
        context.last_noun = " ".join(noun)
    elif chain:
        subject = ((context.last_noun + " ") if context.last_noun else "") + " ".join(chain)
    elif kind in ("count", "percent"):
        found = _NUMBER_OF.search(text, max(context.starts[sentence] if context.starts else 0, start - 200), start)
        if found:
            subject = _SPACES.sub(" ", found.group("np").strip())

    # a rate: "1,200 troops a day", "$5 a month", "5% a year"
    rate_at = words[used - 1][2] if used else end
    if kind in ("count", "money", "percent", "quantity"):
        rate = _RATE.match(text, rate_at, limit) or (_RATE.match(text, end, limit) if rate_at != end else None)
        if rate:
            period = (rate.group("period") or rate.group("slash")).lower()
            period = "hour" if period == "h" else ("day" if period == "night" else period)
            base = unit if kind in ("money", "quantity") or unit == "%" else ""
            if kind == "quantity" and unit == "fraction":
                base = ""
            unit = f"{base}/{period}"
            kind = "rate"
            end = rate.end()
    return subject, end, kind, unit


def _words_after(text: str, position: int, limit: int, count: int = 12) -> list[tuple[str, int, int]]:
    """Up to `count` words right after `position`, separated by spaces only: (word, start, end)."""
    opened = _OPEN.match(text, position, limit)
    run = _WORD_RUN.match(text, opened.end() if opened else position, limit)
    if run is None:
        return []
    return [(w.group(), w.start(), w.end()) for w in _WORD_IN_RUN.finditer(text, run.start(), run.end())]


def _noun_phrase(words: list[tuple[str, int, int]], kind: str) -> tuple[list[str], list[str], int]:
    """(noun phrase, participle chain, words used) from the words after a figure."""
    lowered = [w[0].lower() for w in words]
    i = 0
    if lowered and lowered[0] in _CONNECTORS.get(kind, ()):
        i = 1
        if lowered[0] == "worth" and len(lowered) > 1 and lowered[1] == "of":
            i = 2
    elif kind not in ("count", "rate"):
        return [], [], 0
    while i < len(lowered) and lowered[i] in _DETERMINERS:
        i += 1
    noun: list[str] = []
    after_connector = i > 0
    while i < len(lowered) and len(noun) < 6:
        word = lowered[i]
        following = lowered[i + 1] if i + 1 < len(lowered) else None
        if word in ("and", "or"):
            if noun and following and following not in _STOP and following not in _NUMBER_WORDS \
                    and following not in _PARTICIPLES and following not in _DETERMINERS:
                noun.append(words[i][0])
                i += 1
                continue
            break
        if word in _STOP or word in _NUMBER_WORDS:
            break
        if word in _PARTICIPLES and (following is None or following in _STOP or following in _PARTICIPLES):
            break
        if (word, following) in _TWO_WORD_PARTICIPLES:
            break
        if word.endswith("ing") and not (after_connector and not noun) and len(word) > 4:
            break
        if word.endswith("ed") and (following is None or following in _STOP or following in _DETERMINERS):
            break  # a verb: "the two countries signed a pact"
        noun.append(words[i][0])
        i += 1
    used = i
    chain: list[str] = []
    j = i
    while j < len(lowered) and lowered[j] in _AUXILIARIES:
        j += 1
    while j < len(lowered):
        word = lowered[j]
        following = lowered[j + 1] if j + 1 < len(lowered) else None
        if (word, following) in _TWO_WORD_PARTICIPLES:
            chain += [words[j][0], words[j + 1][0]]
            j += 2
        elif word in _PARTICIPLES:
            chain.append(words[j][0])
            j += 1
        else:
            break
        if j < len(lowered) and lowered[j] in ("and", "or") and j + 1 < len(lowered) and (
            lowered[j + 1] in _PARTICIPLES or (lowered[j + 1], lowered[j + 2] if j + 2 < len(lowered) else None) in _TWO_WORD_PARTICIPLES
        ):
            chain.append(words[j][0])
            j += 1
        else:
            break
    if chain:
        used = j
    return noun, chain, used


# --- sources ---------------------------------------------------------------------------------------


def _source(context: _Context, sentence: int) -> str | None:
    """Who asserts the figures of a sentence: named in it, or in an earlier sentence of its paragraph,
    or by the sentence right after it when that one begins "This was stated by …"."""
    if not context.sentences:
        return None
    found = _source_here_or_before(context, sentence)
    if (
        found is None
        and sentence + 1 < len(context.sentences)
        and _SOURCE_OF_PREVIOUS.match(context.text, context.sentences[sentence + 1][0])
    ):
        found = _sentence_source(context, sentence + 1)
    return found


def _source_here_or_before(context: _Context, sentence: int) -> str | None:
    index = sentence
    for _ in range(4):
        found = _sentence_source(context, index)
        if found or index == 0:
            return found
        previous_end = context.sentences[index - 1][1]
        if any(c in "\n\r\u2028\u2029" for c in context.text[previous_end:context.sentences[index][0]]):
            return None  # a new paragraph
        index -= 1
    return None


def _sentence_source(context: _Context, index: int) -> str | None:
    if index in context.sources:
        return context.sources[index]
    start, end = context.sentences[index]
    sentence = context.text[start:end]
    found = None
    for pattern in (_ACCORDING, _BY):
        match = pattern.search(sentence)
        if match:
            found = _clean_source(match.group("who"))
            if found:
                break
    if not found:
        found = _source_before_verb(sentence)
    if not found:
        match = _SAID_AFTER.search(sentence)
        if match:
            found = _clean_source(match.group("who"))
    if not found:
        match = _CITING.search(sentence)
        if match:
            found = _clean_source(match.group("who"))
    context.sources[index] = found
    return found


def _source_before_verb(sentence: str) -> str | None:
    for verb in _SAYS.finditer(sentence):
        left = sentence[max(0, verb.start() - 240) : verb.start()].translate(_QUOTES)
        left = _CLAUSE_AFTER_SUBJECT.sub("", left.rstrip()).rstrip()
        words = left.split()
        if not words or words[-1].lower() in _PASSIVE or words[-1].lower() in _NOUN_BEFORE_VERB:
            continue  # "is said", "the first reports"
        segment = _CLAUSE_BREAK.split(left)[-1].strip()
        segment = _TRAILING_MODIFIER.sub("", " " + segment).strip() if segment else segment
        cleaned = _clean_source(segment)
        if cleaned and len(cleaned.split()) <= 10:
            return cleaned
    return None


def _clean_source(who: str) -> str | None:
    who = _SOURCE_CUT.sub("", " ".join(who.split()))
    who = _SOURCE_FRONT.sub("", who).strip(" .'’\"“”")
    if not who or not any(c.isalpha() for c in who):
        return None
    words = who.split()
    if len(words) > 14 or words[0].lower() in _PRONOUNS or who.lower() in _PRONOUNS or words[0].lower() in _PREPOSITIONS:
        return None
    return who

"""The compiled patterns of the figure extractor, built once at import from the vocabulary.

`DATE_OR_SKIP` and `FIGURE` read a candidate as a date, a thing to skip (URL, phone, clock time,
identifier) or a figure. They are case-sensitive: word lists come lower-case and Capitalised, factored
by `phrases`, because sre rejects a literal first character at once and IGNORECASE would cost a
factor of three. `TRIGGER` finds where a candidate can begin; `PREFIX_REVERSED` finds the words
before a trigger ("at least", "a", "in", "mid-") by matching their mirror image in the reversed text.
"""

from __future__ import annotations

import re

from store.extract.numbers import (
    AND_FRACTION,
    DENOMINATORS,
    DIGITS,
    FRACTION,
    FRACTION_OF_DIGITS,
    MIXED,
    MULTIPLIER_WORDS,
    PLURAL_SCALES,
    SCALE_WORDS,
    SMALL,
    SMALL_WORDS,
    VAGUE,
    VULGAR_FRACTIONS,
    WORD_NUMBER,
    phrases,
)
from store.extract.vocabulary import (
    APPROXIMATE,
    CURRENCY_CODES,
    CURRENCY_WORDS_AFTER,
    DATE_PREFIXES,
    GLUED_MEASURES,
    IDENTIFIER_WORDS,
    MEASURES,
    MONTH_ABBREVIATIONS,
    MONTH_NAMES,
    MONTHS,
    QUALIFIERS,
    WEEKDAYS,
    S,
)

_MONTH_FULL = rf"(?:(?:{'|'.join(name.capitalize() for name in MONTH_NAMES)})\b)"
_MONTH = rf"(?:{_MONTH_FULL}|(?:{'|'.join(name.capitalize() for name in MONTH_ABBREVIATIONS)})(?:\.|\b))"
_WEEKDAY = rf"(?:(?:{'|'.join(name.capitalize() for name in WEEKDAYS)})\b)"
_DAY = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?![\w])(?![.,]\d)"
_YEAR = r"(?:1[89]\d\d|20\d\d|2100)(?![\w])(?![.,]\d)"
_DAY_SEP = rf"(?:{S}*+[-–—]{S}*+|{S}++(?:to|and|through|until){S}++)"
_SPACE_OR_HYPHEN = f"(?:{S}++|-)"


_CURRENCY_SIGNS = "$€£¥₽₴₩₹₦₱₺₪"
_DOLLAR_PREFIXES = ("US", "AU", "A", "CA", "C", "NZ", "HK", "S", "NT", "R")  # "US$5", "A$3": in this order
# the codes factored by letter: all have three letters, so at most one matches at a place, as in a plain alternation
_CODES = phrases(CURRENCY_CODES, False)
_CURRENCY_BEFORE = (
    rf"(?:{'|'.join(_DOLLAR_PREFIXES)})?\$(?:US(?![A-Za-z]))?|[{_CURRENCY_SIGNS[1:]}]"
    rf"|(?:{_CODES}|Rs\.?|RM|Rp)(?={S}?[\d.])"
)


def _currency(name: str) -> str:
    return rf"(?P<{name}>{_CURRENCY_BEFORE}){S}?"


def _scale(name: str, currency: str) -> str:
    """Scale words and letters: "4 hundred million", "5.6bn", "10k", "4.3M"; "m" is a million after a currency
    or before a plural noun ("1.2m tons"), else metres; "b" and "T" need a currency or a decimal."""
    return (
        rf"(?P<{name}>(?:(?:{S}*+|-)(?:hundred|thousand|lakh|million|crore|billion|trillion|dozens?)\b)++"
        rf"|{S}?(?:mln|mn|bln|bn|tn|trn|tln|mil|MM)\b|(?<=\d)[kKM]\b|{S}++[kKMG](?![\w'’-])(?!{S}*+[A-Za-z(])"
        rf"|(?<=\d)m\b(?({currency})|(?={S}++(?:people|men|women|children|(?!(?:was|is|has|as|this|its)\b)[a-z]+s)\b))"
        rf"|(?<=\d)[bB]\b(?({currency})|(?:(?<=\.\d[bB])|(?<=\.\d\d[bB])))"
        rf"|(?({currency}){S}?B\b|(?!))|(?({currency})(?<=\d)T\b|(?!))"
        rf"|(?<=\d\d)G\b|(?<=\.\d)G\b)"
    )


# the qualifiers after one class of their first letters, which turns a number away at once (as in `TRIGGER`)
_QUALIFIER = f"(?=[{re.escape(''.join(sorted({q[0] for q in QUALIFIERS} | {q[0].upper() for q in QUALIFIERS})))}]){phrases(QUALIFIERS)}"
_PERCENT = (
    rf"{S}?%|{S}*+{phrases(['per cent', 'per-cent', 'percent', 'pct', 'pc'])}\b"
    rf"|{S}++{phrases(['percentage points', 'percentage point', 'percentage-points', 'percentage-point', 'basis points', 'basis point'])}\b"
    rf"|{S}*+(?:bps|bp|ppts?|pp)\b"
)
_CURRENCY_AFTER = (
    rf"{S}++(?:of{S}++)?(?:{phrases(['US', 'U.S.', 'American', 'Canadian', 'Australian', 'Hong Kong', 'Singapore', 'New Zealand', 'Taiwan'])}{S}++)?{phrases(['dollars', 'dollar'])}\b"
    rf"|{S}++(?:British{S}++)?{phrases(['pounds', 'pound'])}(?:{S}++sterling)?\b(?!{S}++of\b)"
    rf"|{S}++{phrases(CURRENCY_WORDS_AFTER)}\b"
    rf"|{S}*+(?:{_CODES})\b"
    rf"|-(?:dollar|euro|pound|yen|yuan|rupee)\b"  # "a billion-dollar contract", "a 100-million-euro fund"
)


def _branches(pattern: str) -> list[str]:
    """The top-level alternatives of a regular expression ("a|(?:b|c)d" gives "a" and "(?:b|c)d")."""
    branches, depth, start, at = [], 0, 0, 0
    while at < len(pattern):
        char = pattern[at]
        if char == "\\":
            at += 1
        elif char == "[":
            at += 1 if pattern[at + 1:at + 2] != "]" else 2
            while pattern[at] != "]":
                at += 2 if pattern[at] == "\\" else 1
        elif char in "()":
            depth += 1 if char == "(" else -1
        elif char == "|" and depth == 0:
            branches.append(pattern[start:at])
            start = at + 1
        at += 1
    return [*branches, pattern[start:]]


_NOT_PLAIN = frozenset("\\[](){}.*+?^$|# \t\n") | {""}
_QUANTIFIERS = frozenset("?*+{")


def _by_first_character(patterns: list[str]) -> str:
    """The ordered alternation of `patterns`, its branches that begin with a plain character grouped by it.

    sre tries the branches of an alternation one by one; grouped, it skips every group but the one of the
    character at hand at once (the units of measure: 187 branches, tried twice after each number, were a
    quarter of a figure's match). Order is kept within a group, and a branch of another form (an optional
    word first, a class) stays where it is between the groups, so the same branch wins as before.
    """
    parts: list[str] = []
    group: dict[str, list[str]] = {}
    for branch in (b for p in patterns for b in _branches(p)):
        if branch[:1] not in _NOT_PLAIN and branch[1:2] not in _QUANTIFIERS:  # one plain character first
            group.setdefault(branch[0], []).append(branch[1:])
            continue
        parts += [f"{char}(?:{'|'.join(rests)})" for char, rests in group.items()]
        group = {}
        parts.append(branch)
    parts += [f"{char}(?:{'|'.join(rests)})" for char, rests in group.items()]
    return "|".join(parts)


_MEASURE = _by_first_character([pattern for pattern, _ in MEASURES])
_GLUED = "|".join(pattern for pattern, _ in GLUED_MEASURES)
_DURATION = (
    rf"{_SPACE_OR_HYPHEN}{phrases(['seconds', 'second', 'minutes', 'minute', 'hours', 'hour', 'days', 'day', 'weeks', 'week', 'months', 'month', 'years', 'year', 'decades', 'decade', 'century', 'centuries'], False)}\b(?:-old\b)?"
)
_NUMBER_2 = rf"(?:[-−+]?{DIGITS}|{FRACTION}|{WORD_NUMBER})"
# between the two ends of a range: "5-10", "8- to 16-meter", "0-to-60", "20 to 30", "20 through 100", "20~100"
_RANGE_SEPARATOR = rf"{S}*+[-–—](?:{S}*+to{S}++|to-)?{S}*+|{S}++(?:to|through){S}++|{S}*+~{S}*+"
_UNIT_BEFORE_RANGE = rf"(?=(?:{_RANGE_SEPARATOR}|(?(qual){S}++and{S}++|(?!)))[-−+]?[\d{_CURRENCY_SIGNS}])"

_FIGURE = rf"""
(?:(?P<qual>{_QUALIFIER}){S}++(?:(?:(?<=[Ff]rom{S})|(?<=[Bb]etween{S}))(?P<qual2>{phrases(sorted(APPROXIMATE - {"or so", "odd"}), False)}){S}++)?
  |(?<![=<>])(?P<qsym>[<>]=?|[≥≤]){S}*+|(?P<sub>[Ss]ub)-)?
(?P<neg>{phrases(['minus', 'negative'])}(?:{S}++|-)|(?<![\w.,])[-−](?={_CURRENCY_BEFORE}{S}?\d))?
(?:{_currency('cur')})?
(?P<n1>(?=[-−+.\d{''.join(VULGAR_FRACTIONS)}])(?:{FRACTION_OF_DIGITS}|(?<![\w.,]){MIXED}|[-−+]?(?(cur)|(?<![\w.,]))(?:{DIGITS}))
  |(?![-−+.\d])(?:{FRACTION}|{VAGUE}|{WORD_NUMBER}|(?<=another{S})(?:hundred|thousand|million|billion)\b))
{_scale('sc1', 'cur')}?
(?(sc1)(?P<andfrac>{AND_FRACTION})?)
(?:(?P<pct1>{_PERCENT})|(?P<meas1>(?:{S}*+|-)(?:{_MEASURE})){_UNIT_BEFORE_RANGE}|{S}++(?:per|a|an){S}++[a-z]+\b{_UNIT_BEFORE_RANGE})?
(?:
  (?P<rsep>{_RANGE_SEPARATOR}|(?(qual){S}++and{S}++|(?!)))
  (?:{_currency('cur2')})?
  (?P<n2>{_NUMBER_2})
  {_scale('sc2', 'cur2')}?
  (?P<pct2>{_PERCENT})?
)?
(?(pct1)|(?(pct2)|(?:
  (?P<pct>{_PERCENT})
  |(?P<cursfx>{_CURRENCY_AFTER})
  |(?P<meas>(?:{S}*+|-)(?:{_MEASURE})(?:\^-?\d|[²³])?|(?<=\d)(?:{_GLUED}))
  |(?P<mult>-?fold\b|{S}++times(?={S}++(?:higher|more|larger|bigger|greater|lower|less|smaller|faster|slower|cheaper|as|the|that|what|its|their|average|over)\b))
  |(?P<dur>{_DURATION})
)?))
(?P<post>{S}++{phrases(['or more', 'or so', 'or less', 'or fewer', 'or greater', 'or higher', 'or above', 'or below', 'or lower', 'or over', 'and more', 'and above', 'and below'], False)}\b(?!{S}++(?:than\b|[\d$€£]|{WORD_NUMBER}))|\+(?![\w+])|-plus\b|-odd\b|{S}++more\b(?!{S}++than\b))?
(?![\w])
"""

_MONTH_PREFIX = phrases([*DATE_PREFIXES, "early", "mid", "late", "last", "next", "this", "between", "and", "to"])
_YEAR_PREFIX = phrases([*DATE_PREFIXES, "between", "early", "mid", "late", "the end of", "end of", "the start of",
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

_TIME_ZONE = rf"{phrases(['GMT', 'BST', 'ET', 'EST', 'EDT', 'CET', 'CEST', 'UTC', 'PT', 'PST', 'PDT', 'IST', 'JST', 'AEST', 'AEDT', 'local time'], False)}\b"
_STREET = rf"{phrases(['Street', 'St', 'Avenue', 'Ave', 'Road', 'Rd', 'Boulevard', 'Blvd', 'Lane', 'Drive', 'Place', 'Square', 'Way', 'Court'], False)}\b"
_SKIP = rf"""
  (?:https?://|www\.)[^\s<>"“”]+
| [\w.+-]+@[\w-]+(?:\.[\w-]+)+
| \+\d{{1,3}}(?:[{S[1:-1]}.-]?\(?\d{{1,4}}\)?){{2,5}}(?!\w)
| \(\d{{3}}\){S}?\d{{3}}[-.{S[1:-1]}]\d{{4}}
| \d{{3}}[-.]\d{{3}}[-.]\d{{4}}\b
| (?!\d{{1,3}}(?:\.\d{{3}}){{2,}}(?![\d.]))v?\d+(?:\.\d+){{2,}}
| \d{{1,2}}:\d\d(?::\d\d)?(?:{S}?[ap]\.?m\.?)?
| \d{{1,2}}(?:[.:]\d\d)?{S}?(?:[ap]\.m\.|(?:am|pm|AM|PM)\b)
| \d{{1,2}}[.:]\d\d{S}++{_TIME_ZONE}
| \d{{4}}{S}?(?:GMT|UTC|BST|CET|hrs)\b
| (?!\d{{1,3}}/\d{{1,4}}(?![\d/]))\d+(?:/\d+)+
| \d{{1,5}}[A-Za-z]?{S}++(?:[A-Z][a-z]+{S}++){{1,3}}{_STREET}
| (?<=[A-Z][A-Z]{S})(?<![\w][A-Z][A-Z]{S})\d{{5}}(?:-\d{{4}})?(?!\w)
| \#\w+
| \d{{1,3}}{S}\d{{1,2}}(?![\d/])(?![.,]\d)
| (?:(?<=±)|(?<=\+/-)|(?<=±{S})|(?<=\+/-{S}))\d*\.?\d+(?:[eE][-+−]?\d+)?
| (?:(?<=UPDATE{S})|(?<=REFILE{S})|(?<=CORRECTED{S}))\d{{1,2}}-
| (?:No|no|Nos|nos)\.{S}*+\d+
| {phrases(IDENTIFIER_WORDS)}{S}++\d[\w.-]*(?:{S}*+(?:and|to|-|–){S}*+\d[\w.-]*)?
"""

# A candidate is a date or a thing to skip when `DATE_OR_SKIP` matches, else a figure when `FIGURE` does; a
# date that turns out to be none ("sent 2000 troops") is read again by `FIGURE`. Two patterns rather than
# one alternation, so the figure pattern (60,000 characters) is compiled once: 0.13 s at start-up.
DATE_OR_SKIP = re.compile(rf"(?<![\w.,/:#@+\-])(?:(?P<date>{_DATES})|(?P<skip>{_SKIP}))", re.VERBOSE)
FIGURE = re.compile(rf"(?<![\w.,/:#@+\-])(?P<fig>{_FIGURE})", re.VERBOSE)

# Where a candidate can begin: a digit, a currency sign, a number word, a month, a weekday, a word of a
# relative date.
_TRIGGER_WORDS = (
    list(SMALL) + list(SCALE_WORDS) + list(PLURAL_SCALES) + list(DENOMINATORS)
    + ["several", "few", "couple", "today", "tonight", "yesterday", "tomorrow", "week", "weekend", "month", "year",
       "night", "morning", "evening", "afternoon", "day"]
    + [m.capitalize() for m in MONTHS] + ["Sept"] + [d.capitalize() for d in WEEKDAYS]
    + list(MULTIPLIER_WORDS) + ["nought", "naught"]
)
_TRIGGER_SIGN = (
    rf"[-−+]?\.?\d|[{_CURRENCY_SIGNS}{''.join(VULGAR_FRACTIONS)}]|(?:{'|'.join(_DOLLAR_PREFIXES)})\$"
    rf"|(?:{_CODES}|Rs\.?|RM|Rp)(?={S}?[\d.])|https?://|www\."
)
_TRIGGER_WORD = rf"(?:{phrases(_TRIGGER_WORDS)})\b"
# The characters each can begin with: one class tried first turns away most places at once, before the
# alternatives are tried one by one (a quarter of the time of the trigger scan).
_SIGN_FIRST = "".join(sorted({"-", "−", "+", ".", *_CURRENCY_SIGNS, *VULGAR_FRACTIONS, "h", "w", "R"}
                             | {prefix[0] for prefix in _DOLLAR_PREFIXES} | {code[0] for code in CURRENCY_CODES}))
_WORD_FIRST = "".join(sorted({word[0] for word in _TRIGGER_WORDS} | {word[0].upper() for word in _TRIGGER_WORDS}))
# A trigger is found with the character before it, which lets sre skip letters at C speed (a lookbehind first
# would make it try every position: 0.075 s a MB instead of 0.043). A sign or digit after one of
# `SIGN_BLOCKERS` is inside something else ("F-16", "3,5", "v2") unless "sub-" or "minus-" comes before it.
TRIGGER = re.compile(  # a lookahead: "$$5" has two triggers
    rf"[^\w](?=(?P<sign>(?=[\d{re.escape(_SIGN_FIRST)}])(?:{_TRIGGER_SIGN}))|(?=[{_WORD_FIRST}]){_TRIGGER_WORD})"
)
TRIGGER_AT_START = re.compile(rf"(?:{_TRIGGER_SIGN}|{_TRIGGER_WORD})")
SIGN_BLOCKERS = frozenset(".,/:#@+^−-")
SIGN_AFTER_HYPHEN = re.compile(r"(?:[Ss]ub|minus)-\Z")
_PREFIX_WORDS = sorted(
    set(QUALIFIERS) | set(DATE_PREFIXES) | set(IDENTIFIER_WORDS)
    | {"between", "early", "mid", "late", "the end of", "end of", "the start of", "the beginning of",
       "and", "to", "last", "this", "next", "past", "previous", "coming", "earlier this", "later this", "the", "the past",
       "the previous", "the following", "the next", "No.", "Nos.", "no.", "nos.", "minus", "negative"}
)
PREFIX_REVERSED = re.compile(
    rf"(?P<a>{S}++(?:na|a|nA|A)(?!\w))?"
    rf"(?:{S}++{phrases(sorted({w[::-1] for w in _PREFIX_WORDS} | {(w[:1].upper() + w[1:])[::-1] for w in _PREFIX_WORDS}), False)}(?![\w])"
    rf"|-(?:dim|diM|bus|buS|sunim)(?!\w)|{S}*+(?:=[<>]|[<>≥≤]))?"
    rf"(?P<outer>(?<=[a-z]){S}++(?:morf|morF|neewteb|neewteB)(?![\w]))?"
)

MEASURE_UNITS = [(re.compile(rf"(?:{pattern})", re.IGNORECASE), unit) for pattern, unit in MEASURES]
SPACES = re.compile(rf"{S}++")

"""Numbers as news writes them: digits with separators, number words, scale words, fractions, vague amounts.

The regular-expression fragments here are pieces of the figure extractor's one compiled pattern
(`store.figures`); the functions turn a matched piece into an exact `Decimal`. Nothing here scans text.

Vague amounts (one convention, used everywhere; X is the scale word: dozen 12, hundred 100, thousand
1,000, million, billion, trillion). `value` is the number the words name when they name one
("a couple" is two), otherwise None; `low`/`high` always give the range; all are approximate:

| words                       | value | low    | high       | example                               |
| --------------------------- | ----- | ------ | ---------- | ------------------------------------- |
| a couple (of) X             | 2X    | 2X     | 3X         | "a couple hundred" → 200, 200–300      |
| a few X / few X             | None  | 2X     | 5X         | "a few thousand" → 2,000–5,000          |
| several X                   | None  | 3X     | 9X         | "several hundred" → 300–900             |
| Xs (dozens, hundreds, ...)  | None  | 2X     | 10X − 1    | "hundreds" → 200–999, "dozens" → 24–119 |
| scores (of)                 | None  | 40     | 199        | a score is 20                          |
| tens of Xs                  | None  | 20X    | 100X − 1   | "tens of thousands" → 20,000–99,999     |
| hundreds of Xs              | None  | 200X   | 1000X − 1  | "hundreds of thousands" → 200,000–999,999 |
| dozens of Xs                | None  | 24X    | 120X − 1   |                                        |

"a dozen" is 12 and "two dozen" 24, exactly (not vague).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation

# Inline white space: figures never cross a line break (a line break always ends a sentence).
SP = r"[ \t\u00a0\u2009\u202f]"

UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
SMALL = {**UNITS, **TENS}
BIG = {"thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12}
SCALE_WORDS = {"hundred": 100, "dozen": 12, **BIG}
ABBREVIATED_SCALES = {"k": 10**3, "m": 10**6, "mn": 10**6, "mln": 10**6, "b": 10**9, "bn": 10**9, "bln": 10**9, "tn": 10**12, "trn": 10**12}
DENOMINATORS = {"half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4, "fifth": 5, "fifths": 5, "tenth": 10, "tenths": 10}
PLURAL_SCALES = {"dozens": 12, "scores": 20, "tens": 10, "hundreds": 100, "thousands": 10**3, "millions": 10**6, "billions": 10**9, "trillions": 10**12}

_Trie = dict[str, "_Trie"]  # one character to the rest of the words; "" marks a word's end


def phrases(items: Iterable[str], capitalized: bool = True) -> str:
    """An alternation of words or phrases as written and Capitalised, factored into a trie by character.

    Every branch starts with a literal character, which sre rejects at once, so a long list costs little
    at each position of the text. A space in a phrase matches one or more inline spaces.
    """
    trie: _Trie = {}
    for item in items:
        for variant in {item, item[:1].upper() + item[1:]} if capitalized else {item}:
            node = trie
            for char in variant:
                node = node.setdefault(char, {})
            node[""] = {}
    return _emit(trie)


def _emit(node: _Trie) -> str:
    branches = [
        (f"{SP}++" if char == " " else re.escape(char)) + _emit(child) for char, child in sorted(node.items()) if char
    ]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if "" in node else body


_UNIT_W = phrases(UNITS)
_TENS_W = phrases(TENS)
_SCALE_W = phrases(SCALE_WORDS, capitalized=False)
_A = phrases(["a", "an"])
_SPACE_OR_HYPHEN = f"[-{SP[1:-1]}]"

# "twenty-one", "seventeen", "ninety"
SMALL_WORDS = rf"(?:{_TENS_W}(?:{_SPACE_OR_HYPHEN}{phrases(UNITS, capitalized=False)})?|{_UNIT_W})\b"
# "three thousand", "a hundred and twenty", "two dozen", "one hundred twenty-five thousand", "half a million"
WORD_NUMBER = (
    rf"(?:(?:{SMALL_WORDS}|{phrases(['half a', 'half an'])}|{_A})(?:{_SPACE_OR_HYPHEN}+{_SCALE_W}\b)+"
    rf"(?:(?:{SP}++and)?{SP}++{SMALL_WORDS}(?:{_SPACE_OR_HYPHEN}+{_SCALE_W}\b)*)*"
    rf"|{SMALL_WORDS}(?:{SP}++and{SP}++a{SP}++half\b)?)"
)
# "several hundred", "a couple of hundred", "tens of thousands", "dozens", "scores of"
VAGUE = (
    rf"(?:{phrases(['tens of', 'dozens of', 'hundreds of', 'scores of'])}{SP}++{phrases(['thousands', 'millions', 'billions'], False)}\b"
    rf"|{phrases(['a couple of', 'a couple', 'a few', 'few', 'several'])}{SP}++{phrases(['hundred', 'thousand', 'million', 'billion', 'trillion', 'dozen'], False)}\b"
    rf"|{phrases(['dozens', 'hundreds', 'thousands', 'millions', 'billions'])}\b"
    rf"|{phrases(['tens', 'scores'])}(?={SP}++of\b))"
)
# "two-thirds", "a quarter of", "half of"; "the second half" is not a fraction
FRACTION = (
    rf"(?:{phrases(['one', 'two', 'three', 'four', 'five', 'nine'])}{_SPACE_OR_HYPHEN}{phrases(DENOMINATORS, False)}\b"
    rf"|{_A}{_SPACE_OR_HYPHEN}{phrases(['half', 'third', 'quarter', 'fifth', 'tenth'], False)}(?={SP}++of\b|[.,;:!?)]|\Z)"
    rf"|(?<!first\ )(?<!second\ )(?<!other\ )(?<!latter\ )(?<!former\ )(?<!the\ ){phrases(['half'])}"
    rf"(?={SP}++(?:of|the)\b|{SP}++an?{SP}++(?!(?:hundred|thousand|million|billion|dozen)\b)))"
)
# 12,000 · 12 000 · 1.200.000 · 5.6 · 30
DIGITS = (
    r"(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\d,])"
    r"|\d{1,3}(?:[\u00a0\u2009\u202f ]\d{3})+(?!\d)(?![.,]\d)"
    r"|\d{1,3}(?:\.\d{3}){2,}(?![\d.])"
    r"|\d+(?:\.\d+)?(?![\d])"
    r"|\.\d+(?!\d))"
)


def to_number(value: Decimal | None) -> int | float | None:
    """An exact Decimal as JSON-ready int when integral, else float."""
    if value is None:
        return None
    if value == value.to_integral_value():
        return int(value)
    return float(value)


def parse_digits(text: str) -> Decimal | None:
    """'12,000' / '12 000' / '1.200.000' / '5.6' / '-3' → Decimal."""
    sign = -1 if text[:1] in "-−" else 1
    body = text.lstrip("-−")
    for space in (",", " ", "\u00a0", "\u2009", "\u202f"):
        body = body.replace(space, "")
    if body.count(".") > 1:
        body = body.replace(".", "")
    try:
        return sign * Decimal(body)
    except InvalidOperation:
        return None


_WORD_SPLIT = re.compile(rf"[-{SP[1:-1]}]+")


def parse_words(text: str) -> Decimal | None:
    """'three thousand' / 'a hundred and twenty' / 'two dozen' / 'two and a half' / 'half a million' → Decimal."""
    words = [w for w in _WORD_SPLIT.split(text.lower()) if w and w != "and"]
    total = Decimal(0)
    current: Decimal | None = None
    i = 0
    while i < len(words):
        word = words[i]
        if word in SMALL:
            current = (current or Decimal(0)) + SMALL[word]
        elif word in ("a", "an"):
            if i + 1 < len(words) and words[i + 1] == "half":  # "two and a half"
                current = (current or Decimal(0)) + Decimal("0.5")
                i += 1
            elif current is None:
                current = Decimal(1)
        elif word == "half":
            current = Decimal("0.5")
            if i + 1 < len(words) and words[i + 1] in ("a", "an"):
                i += 1
        elif word in ("hundred", "dozen"):
            current = (current if current is not None else Decimal(1)) * SCALE_WORDS[word]
        elif word in BIG:
            total += (current if current is not None else Decimal(1)) * BIG[word]
            current = None
        else:
            return None
        i += 1
    return total + (current or 0)


def parse_fraction(text: str) -> Decimal | None:
    """'two-thirds' → 2/3, 'a quarter' → 1/4, 'half' → 1/2."""
    words = [w for w in _WORD_SPLIT.split(text.lower()) if w]
    if not words or words[-1] not in DENOMINATORS:
        return None
    numerator = 1 if len(words) == 1 or words[0] in ("a", "an") else SMALL.get(words[0], 1)
    return Decimal(numerator) / Decimal(DENOMINATORS[words[-1]])


def parse_scale(text: str) -> int:
    """'million' → 10**6, 'bn' → 10**9, '' → 1."""
    word = text.strip(" \t\u00a0\u2009\u202f").lower()
    return SCALE_WORDS.get(word) or ABBREVIATED_SCALES.get(word) or 1


def vague_amount(text: str) -> tuple[Decimal | None, Decimal, Decimal]:
    """(value, low, high) of a vague amount, after the table in this module's docstring."""
    words = [w for w in _WORD_SPLIT.split(text.lower()) if w and w not in ("of", "a")]
    if len(words) == 2 and words[0] in PLURAL_SCALES and words[1] in PLURAL_SCALES:  # tens of thousands
        outer, inner = PLURAL_SCALES[words[0]], PLURAL_SCALES[words[1]]
        if words[0] == "tens":
            return None, Decimal(20 * inner), Decimal(100 * inner - 1)
        return None, Decimal(2 * outer * inner), Decimal(10 * outer * inner - 1)
    if len(words) == 1:
        scale = PLURAL_SCALES.get(words[0], 1)
        if words[0] == "tens":
            return None, Decimal(20), Decimal(99)
        return None, Decimal(2 * scale), Decimal(10 * scale - 1)
    head, scale = words[0], SCALE_WORDS.get(words[-1], 1)
    if head == "couple":
        return Decimal(2 * scale), Decimal(2 * scale), Decimal(3 * scale)
    if head == "few":
        return None, Decimal(2 * scale), Decimal(5 * scale)
    return None, Decimal(3 * scale), Decimal(9 * scale)  # several

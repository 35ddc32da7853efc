"""Numbers as news writes them: digits with separators, number words, scale words, fractions, vague amounts.

The regular-expression fragments here are pieces of the figure extractor's one compiled pattern
(`store.extract.patterns`); the functions turn a matched piece into an exact `Decimal`. Nothing here
scans text. The values of vague amounts follow the table in the README's "Figure conventions".
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation

from store.extract.vocabulary import S

UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
SMALL = {**UNITS, **TENS}
BIG = {"thousand": 10**3, "lakh": 10**5, "million": 10**6, "crore": 10**7, "billion": 10**9, "trillion": 10**12}
SCALE_WORDS = {"hundred": 100, "dozen": 12, **BIG}
ABBREVIATED_SCALES = {
    "k": 10**3, "K": 10**3, "m": 10**6, "M": 10**6, "MM": 10**6, "mn": 10**6, "mln": 10**6, "mil": 10**6,
    "b": 10**9, "B": 10**9, "bn": 10**9, "bln": 10**9, "G": 10**9, "T": 10**12, "tn": 10**12, "trn": 10**12,
    "tln": 10**12, "dozens": 12,
}
DENOMINATORS = {
    "half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4, "fourth": 4, "fourths": 4,
    "fifth": 5, "fifths": 5, "sixth": 6, "sixths": 6, "seventh": 7, "sevenths": 7, "eighth": 8, "eighths": 8,
    "ninth": 9, "ninths": 9, "tenth": 10, "tenths": 10, "twelfth": 12, "twelfths": 12, "twentieth": 20,
    "twentieths": 20, "hundredth": 100, "hundredths": 100, "thousandth": 1000, "thousandths": 1000,
}
# the denominators that are also ordinals ("the fourth attack"): a fraction only after a number word
_ORDINAL_DENOMINATORS = [d for d in DENOMINATORS if d not in ("half", "halves", "quarter", "quarters")]
VULGAR_FRACTIONS = {"½": "1/2", "⅓": "1/3", "⅔": "2/3", "¼": "1/4", "¾": "3/4", "⅕": "1/5", "⅖": "2/5", "⅗": "3/5",
                    "⅘": "4/5", "⅙": "1/6", "⅚": "5/6", "⅛": "1/8", "⅜": "3/8", "⅝": "5/8", "⅞": "7/8"}
MULTIPLIER_WORDS = {f"{word}fold": value for word, value in
                    [("two", 2), ("three", 3), ("four", 4), ("five", 5), ("six", 6), ("seven", 7), ("eight", 8),
                     ("nine", 9), ("ten", 10), ("twenty", 20), ("hundred", 100), ("thousand", 1000)]}
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
        (f"{S}++" if char == " " else re.escape(char)) + _emit(child) for char, child in sorted(node.items()) if char
    ]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if "" in node else body


_UNIT_W = phrases(UNITS)
_TENS_W = phrases(TENS)
_SCALE_W = phrases([*SCALE_WORDS, "dozens"], capitalized=False)
_A = phrases(["a", "an"])
_SPACE_OR_HYPHEN = f"[-{S[1:-1]}]"

# "twenty-one", "seventeen", "ninety", "fifty two"
SMALL_WORDS = rf"(?:{_TENS_W}(?:(?:{_SPACE_OR_HYPHEN}|{S}++){phrases(UNITS, capitalized=False)})?|{_UNIT_W})\b"
_DIGIT_WORD = rf"(?:{phrases(['oh', 'nought', 'naught'], False)}\b|{SMALL_WORDS})"
_NOT_A_NUMERATOR = rf"(?!{S}*+{phrases(DENOMINATORS, False)}\b)"
# "and a half", "and three quarters", "and two fifths"
AND_FRACTION = rf"{S}++and{S}++(?:{phrases(['a', 'an', 'one'], False)}{S}++{phrases(DENOMINATORS, False)}|{SMALL_WORDS}{S}++{phrases([d for d in DENOMINATORS if d.endswith('s')], False)})\b"
# "three thousand", "a hundred and twenty", "two dozen", "one hundred twenty-five thousand", "half a million",
# "five and a half million", "two and a half", "nine point nought four"
WORD_NUMBER = (
    rf"(?:(?:{SMALL_WORDS}(?:{S}++and{S}++an?{S}++half\b)?|{phrases(['half a', 'half an', 'a quarter of a', 'quarter of a', 'three quarters of a', 'three-quarters of a'])}|{_A})(?:{_SPACE_OR_HYPHEN}+{_SCALE_W}\b)+"
    rf"(?:(?:{S}++and)?{S}++{SMALL_WORDS}{_NOT_A_NUMERATOR}(?:{_SPACE_OR_HYPHEN}+{_SCALE_W}\b)*)*"
    rf"(?:{S}++point(?:{S}++{_DIGIT_WORD}\b)+|{AND_FRACTION})?"
    rf"|(?<![\w-]){phrases(['hundred'])}{S}++{phrases(['thousand', 'million', 'billion'], False)}\b"
    rf"|(?:{SMALL_WORDS}|{phrases(['nought', 'naught'])}\b(?={S}++point))(?:{S}++point(?:{S}++{_DIGIT_WORD}\b)+|{AND_FRACTION})?)"
)
# "several hundred", "a couple of hundred", "tens of thousands", "dozens", "scores of"
VAGUE = (
    rf"(?:{phrases(['tens of', 'dozens of', 'hundreds of', 'scores of'])}{S}++{phrases(['thousands', 'millions', 'billions'], False)}\b"
    rf"|{phrases(['a couple of', 'a couple', 'a few', 'few', 'several'])}{S}++{phrases(['hundred', 'thousand', 'million', 'billion', 'trillion', 'dozen'], False)}\b"
    rf"|{phrases(['dozens', 'hundreds', 'thousands', 'millions', 'billions'])}\b"
    rf"|{phrases(['tens', 'scores'])}(?={S}++of\b))"
)
_PERIODS = "years?|months?|weeks?|days?|hours?|minutes?|decades?|quarters?|seasons?|nights?|games?|matches?|sessions?"
_OUT_OF = (
    rf"(?:{S}++out{S}++of|{S}++in|{S}++over(?!{S}++[\w,.-]++{S}++(?:{_PERIODS})\b)){S}++(?:{WORD_NUMBER}|\d{{1,3}}(?:,\d{{3}})*(?![\d.,]))(?!{S}*+[-–])"
)
# "1 in 5", "2 out of 3", "1 over 3" (but "$2000 over 3 years" is money and a duration)
FRACTION_OF_DIGITS = rf"\d{{1,4}}{_OUT_OF}"
# "two-thirds", "three eighths", "a quarter of", "half of", "one out of three", "one in five";
# "the second half" and "the fourth attack" are not fractions
# "a quarter of a million" is a number, not a fraction
_A_SCALE = rf"{S}++an?{S}++(?:hundred|thousand|million|billion|trillion)\b"
_NOT_A_SCALE = rf"(?!{_A_SCALE})"
_NOT_OF_A_SCALE = rf"(?!{S}++of{_A_SCALE})"
FRACTION = (
    rf"(?:{SMALL_WORDS}{_SPACE_OR_HYPHEN}{S}*+(?:{phrases(DENOMINATORS, False)})\b(?!-){_NOT_OF_A_SCALE}"
    rf"|{_A}{_SPACE_OR_HYPHEN}{phrases(['half', 'third', 'quarter', 'fourth', 'fifth', 'sixth', 'eighth', 'tenth', 'hundredth', 'thousandth'], False)}(?={S}++of\b{_NOT_A_SCALE}|[.,;:!?)]|\Z)"
    rf"|(?<=by\s){_A}{_SPACE_OR_HYPHEN}{phrases(['half', 'third', 'quarter', 'fifth', 'tenth'], False)}\b{_NOT_OF_A_SCALE}"  # "fell by a quarter last year"
    rf"|{SMALL_WORDS}{_OUT_OF}"
    rf"|(?<!first\ )(?<!second\ )(?<!other\ )(?<!latter\ )(?<!former\ )(?<!the\ ){phrases(['half', 'quarter'])}"
    rf"(?={S}++(?:of\b{_NOT_A_SCALE}|the\b)|{S}++an?{S}++(?!(?:hundred|thousand|million|billion|dozen)\b)|{S}++(?:million|billion)\b)"
    rf"|{phrases(MULTIPLIER_WORDS)}\b)"
)
# 12,000 · 27,349.19 · 12,34,567 · 12 000 · 1.200.000 · 5.6 · .5 · 2 1/2 · 2½ · 1/16 · 4e14 · 1.99×10−30 · 1.1^23;
# atomic, so "1,500," is never read as "1" and "27,349.19" never as "27,349"
_EXPONENT = (
    rf"(?:[eE][-+−]?\d+(?![\w.])|{S}?[×x]{S}?10(?:\^|\*\*)?(?:[-+−]?\d+|[⁻⁺]?[⁰¹²³⁴⁵⁶⁷⁸⁹]+)(?![\w.])"
    rf"|\^[-+−]*\d+(?![\w.]))"
)
_VULGAR = f"[{''.join(VULGAR_FRACTIONS)}]"
# "4 thousand 3 hundred and 21", "3 hundred and one": digits and scale words in one number
MIXED = (
    rf"\d{{1,3}}{S}++{phrases(['hundred', 'thousand', 'million', 'billion'], False)}\b"
    rf"(?:(?:{S}++and)?{S}++(?:\d{{1,3}}(?![\d.,])|{SMALL_WORDS})(?:{S}++{phrases(['hundred', 'thousand'], False)}\b)?)+"
    rf"(?!{S}*+(?:[-–%]|{phrases(['percent', 'per cent'], False)}))"
)
DIGITS = (
    rf"(?>\d{{1,3}}{S}++\d{{1,2}}/\d{{1,3}}(?![\d/])"
    rf"|\d{{1,3}}/\d{{1,4}}(?![\d/])"
    rf"|\d*{_VULGAR}"
    rf"|\d{{1,3}},\d{{1,2}}(?={S}++(?:thousand|million|billion|trillion)\b)"  # a decimal comma: "1,5 thousand"
    r"|\d{1,3}(?:,\d{3})+(?:\.\d+)?"
    r"|\d{1,2}(?:,\d\d)+,\d{3}(?:\.\d+)?"
    r"|\d{1,3}(?:[\u00a0\u2009\u202f ]\d{3})+(?:\.\d+)?(?!\d)"
    r"|\d{1,3}(?:\.\d{3}){2,}(?![\d])"
    r"|\d+(?:\.\d+)?"
    rf"|\.\d+)(?![\d]|[.,]\d){_EXPONENT}?"
)


def to_number(value: Decimal | None) -> int | float | None:
    """An exact Decimal as JSON-ready int when integral, else float."""
    if value is None:
        return None
    if value == value.to_integral_value():
        return int(value)
    return float(value)


_SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺−", "0123456789--" + "-")
_EXPONENT_SPLIT = re.compile(rf"{S}?[×x]{S}?10(?:\^|\*\*)?|[eE](?=[-+]?\d)|\^")
_FRACTION_DENOMINATORS = frozenset([2, 3, 4, 5, 6, 8, 10, 12, 16, 20, 25, 32, 40, 50, 64, 100, 1000])


_DECIMAL_COMMA = re.compile(r"\d{1,3},\d{1,2}")


def parse_digits(text: str) -> Decimal | None:
    """'12,000' / '12 000' / '1.200.000' / '5.6' / '-3' / '.5' / '2 1/2' / '2½' / '4e14' / '1.99×10−30' → Decimal.
    None for what only looks like a number: '24/7', '9/11', a fraction that is a date ('5/17')."""
    if _DECIMAL_COMMA.fullmatch(text):
        return Decimal(text.replace(",", "."))  # "1,5" (of "1,5 thousand"): no thousands group has two digits
    plain = text.replace(",", "")
    if plain.isdecimal():
        return Decimal(plain)  # most numbers: '500', '12,000'
    text = text.translate(_SUPERSCRIPTS)
    sign = -1 if text[:1] == "-" else 1
    body = text.lstrip("-+")
    for vulgar, written in VULGAR_FRACTIONS.items():
        if vulgar in body:
            whole = body.replace(vulgar, "")
            body = f"{whole} {written}" if whole else written
    parts = _EXPONENT_SPLIT.split(body, maxsplit=1)
    if len(parts) == 2:
        base, exponent = _plain_digits(parts[0]), _plain_digits(parts[1].replace("--", ""))
        if base is None or exponent is None or abs(exponent) > 400:
            return None
        power = _EXPONENT_SPLIT.search(body)
        if power is not None and power.group() == "^":
            return sign * base ** int(exponent) if exponent == exponent.to_integral_value() and base else None
        return sign * base * Decimal(10) ** int(exponent)
    if "/" in body:
        *wholes, fraction = body.split()  # any space the pattern allows between them: "5\u00a01/2" is scraped text's
        numerator, _, denominator = fraction.partition("/")
        top, bottom = int(numerator), int(denominator)
        if not 0 < top < bottom or bottom not in _FRACTION_DENOMINATORS:
            return None
        return sign * ((Decimal("".join(wholes)) if wholes else 0) + Decimal(top) / Decimal(bottom))
    value = _plain_digits(body)
    return None if value is None else sign * value


def _plain_digits(body: str) -> Decimal | None:
    sign = -1 if body[:1] == "-" else 1
    body = body.lstrip("-+")
    for space in (",", " ", "\u00a0", "\u2009", "\u202f"):
        body = body.replace(space, "")
    if body.count(".") > 1:
        body = body.replace(".", "")
    try:
        return sign * Decimal(body)
    except InvalidOperation:
        return None


_WORD_SPLIT = re.compile(rf"[-{S[1:-1]}]+")
_DIGIT_VALUES = {"zero": 0, "oh": 0, "nought": 0, "naught": 0, **{w: v for w, v in UNITS.items() if v < 10}}


def parse_words(text: str) -> Decimal | None:
    """'three thousand' / 'a hundred and twenty' / 'two dozen' / 'two and a half' / 'half a million' / 'a quarter of a million' /
    'five and a half million' / 'nine point nought four' / 'twenty and three fifths' → Decimal."""
    words = [w for w in _WORD_SPLIT.split(text.lower()) if w and w != "and"]
    if "point" in words:
        at = words.index("point")
        whole = parse_words(" ".join(words[:at])) if words[:at] not in (["nought"], ["naught"]) else Decimal(0)
        digits = [_DIGIT_VALUES.get(d, SMALL.get(d)) for d in words[at + 1:]]
        if whole is None or not digits or None in digits:
            return None
        return whole + Decimal("0." + "".join(_join_tens(digits)))
    if len(words) > 2 and words[-1] in DENOMINATORS and words[-2] not in ("a", "an"):
        numerator = parse_words(words[-2]) if words[-2] != "one" else Decimal(1)
        whole = parse_words(" ".join(words[:-2]))
        if numerator is None or whole is None:
            return None
        unit = BIG.get(words[-3], 1)  # "two million and three fifths" is 2.6 million
        return whole + numerator / DENOMINATORS[words[-1]] * unit  # "twenty and three fifths"
    total = Decimal(0)
    current: Decimal | None = None
    last_big = 0
    i = 0
    while i < len(words):
        word = words[i]
        if word in SMALL or word.isdigit():
            current = (current or Decimal(0)) + (SMALL[word] if word in SMALL else int(word))
        elif word in ("a", "an", "one") and i + 1 < len(words) and words[i + 1] in DENOMINATORS and (current is not None or last_big):
            fraction = Decimal(1) / DENOMINATORS[words[i + 1]]  # "two and a half", "one million and a half"
            if current is None:
                total += fraction * last_big
            else:
                current += fraction
            i += 1
        elif word in ("a", "an"):
            if current is None:
                current = Decimal(1)
        elif word == "half":
            current = Decimal("0.5")
            if i + 1 < len(words) and words[i + 1] in ("a", "an"):
                i += 1
        elif word in ("quarter", "quarters") and words[i + 1:i + 3] == ["of", "a"]:
            current = (current if current is not None else Decimal(1)) / 4  # "a quarter of a million"
            i += 2
        elif word in ("hundred", "dozen", "dozens"):
            current = (current if current is not None else Decimal(1)) * (12 if word == "dozens" else SCALE_WORDS[word])
        elif word in BIG:
            if current is None and last_big:  # "three lakh crore"
                total *= BIG[word]
            else:
                total += (current if current is not None else Decimal(1)) * BIG[word]
            current, last_big = None, BIG[word]
        else:
            return None
        i += 1
    return total + (current or 0)


def _join_tens(digits: list[int | None]) -> list[str]:
    """The digits after "point" as written: "seventy one" is "71", "nought three" is "03"."""
    joined: list[str] = []
    for digit in digits:
        if joined and digit is not None and digit < 10 and joined[-1][-1:] == "0" and int(joined[-1]) >= 20:
            joined[-1] = str(int(joined[-1]) + digit)
        else:
            joined.append(str(digit))
    return joined


def parse_fraction(text: str) -> Decimal | None:
    """'two-thirds' → 2/3, 'a quarter' → 1/4, 'half' → 1/2, 'one out of three' / 'one in 5' → 1/3, 1/5,
    'threefold' → 3; None when it is no fraction ('3 in 2024', 'five in three')."""
    lowered = text.lower()
    if lowered in MULTIPLIER_WORDS:
        return Decimal(MULTIPLIER_WORDS[lowered])
    pair = _PAIR.split(lowered)
    if len(pair) == 3:
        top, bottom = _digits_or_words(pair[0]), _digits_or_words(pair[2])
        if top is None or not bottom or (pair[1] != "over" and not (0 < top < bottom < 1000)):
            return None
        return top / bottom
    words = [w for w in _WORD_SPLIT.split(lowered) if w]
    if not words or words[-1] not in DENOMINATORS:
        return None
    if len(words) == 1 or words[0] in ("a", "an"):
        numerator: Decimal | None = Decimal(1)
    else:
        numerator = parse_words(" ".join(words[:-1]))
    if numerator is None or (words[-1].endswith("s") and numerator <= 1 and words[-1] != "halves"):
        return None
    return numerator / Decimal(DENOMINATORS[words[-1]])


_PAIR = re.compile(rf"{S}++(out{S}++of|in|over){S}++")


def _digits_or_words(text: str) -> Decimal | None:
    return parse_digits(text) if text[:1].isdigit() else parse_words(text)


def parse_scale(text: str) -> int:
    """'million' → 10**6, 'hundred million' → 10**8, 'bn' → 10**9, 'M' → 10**6, '' → 1."""
    word = text.strip(" \t\u00a0\u2009\u202f-")  # "-billion" as in "$5.5-billion"
    if word in ABBREVIATED_SCALES:
        return ABBREVIATED_SCALES[word]
    scale = 1
    for part in word.lower().replace("-", " ").split():
        scale *= SCALE_WORDS.get(part) or ABBREVIATED_SCALES.get(part) or 1
    return scale


def vague_amount(text: str) -> tuple[Decimal | None, Decimal, Decimal]:
    """(value, low, high) of a vague amount, after the README's table of vague amounts."""
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

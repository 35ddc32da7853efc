"""What a figure counts: the noun phrase after it ("500 officers"), the participles it belongs to
("soldiers killed and wounded"), or "the number of X" before it; and a rate's period ("a day").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from store.extract.context import Context
from store.extract.numbers import PLURAL_SCALES, SCALE_WORDS, SMALL
from store.extract.vocabulary import CURRENCY_WORDS, S

_WORD_RUN = re.compile(rf"(?:{S}+[A-Za-z][A-Za-z'’]*(?:-[A-Za-z]+)*(?![\w-])){{1,12}}")
_OPENING_QUOTES = frozenset("”\"’'")  # one may stand between a figure and its noun
_NUMBER_WORDS = frozenset([*SMALL, *SCALE_WORDS, *PLURAL_SCALES, "several", "few", "couple", "half"])
_DETERMINERS = frozenset(["the", "a", "an", "its", "their", "his", "her", "our", "these", "those", "this", "that", "such", "all"])
_STOP = frozenset(
    ["a", "an", "the", "of", "in", "on", "at", "to", "for", "from", "with", "by", "into", "onto", "near", "across", "along", "alongside", "against", "during", "since", "until", "after", "before", "over", "under", "through", "per", "as", "than", "like", "including", "among", "around", "about", "within", "without", "between", "toward", "towards", "behind", "beyond", "via", "and", "or", "but", "while", "when", "where", "which", "that", "who", "whom", "whose", "if", "because", "so", "yet", "nor", "is", "are", "was", "were", "be", "been", "being", "has", "have", "had", "do", "does", "did", "will", "would", "can", "could", "shall", "should", "may", "might", "must", "remain", "remains", "remained", "went", "go", "goes", "says", "said", "say", "got", "get", "gets", "there", "here", "now", "then", "also", "already", "still", "just", "only", "too", "very", "not", "no", "ago", "each", "every", "more", "less", "this", "these", "those", "it", "its", "they", "them", "their", "he", "she", "him", "her", "his", "we", "us", "our", "you", "your", "i", "me", "my", "what", "how", "why", "reportedly", "allegedly", "reported", "according", "per", "cent", "percent", "overnight", "yesterday", "today", "tonight", "tomorrow", "daily", "annually", "respectively"]
)
_AUXILIARIES = frozenset(["were", "was", "are", "is", "have", "has", "had", "been", "being", "got", "reportedly", "allegedly", "already"])
_PARTICIPLES = frozenset(
    ["killed", "wounded", "injured", "hurt", "dead", "died", "missing", "captured", "detained", "arrested", "displaced", "evacuated", "rescued", "executed", "abducted", "kidnapped", "stranded", "trapped", "infected", "hospitalized", "hospitalised", "freed", "released", "imprisoned", "surrendered"]
)
# irregular past tenses that end a noun phrase ("11 scientists spent three weeks")
_PAST_VERBS = frozenset(
    ["spent", "found", "took", "made", "came", "left", "said", "told", "held", "gave", "went", "saw", "won", "lost",
     "paid", "sold", "bought", "built", "sent", "fled", "fell", "rose", "grew", "began", "became", "ran", "met", "kept",
     "brought", "stood", "led", "fought", "got", "put", "set", "cut", "hit", "shot", "drove", "flew", "wrote", "chose",
     "knew", "thought", "felt", "heard", "lay", "sat", "spoke", "threw", "wore", "swam", "struck", "sought", "taught"]
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
# what a price is quoted per ("$83.10 a barrel", "$1.25 a share"), as the unit's short name
_PRICED_PER = {"ounce": "oz", "troy ounce": "oz", "barrel": "bbl", "kilogram": "kg", "kilo": "kg", "kg": "kg",
               "tonne": "t", "metric ton": "t", "ton": "t", "litre": "l", "liter": "l", "gallon": "gal",
               "share": "share", "person": "person", "head": "person", "capita": "person"}
# a list line's label before its figure: "Killed: ", "- Missing: ", "Total casualties | ", "Deaths (confirmed): "
_LABEL = re.compile(r"[ \t]*(?:[-*•][ \t]+)?(?P<label>[A-Za-z][A-Za-z '’-]{0,40}?)[ \t]*(?:\([^)\n]{0,30}\))?[ \t]*[:|—–][ \t]*")
_PERIODS = frozenset(["second", "minute", "hour", "day", "night", "week", "month", "year", "decade"])
_BEFORE_OR_AFTER = frozenset(["ago", "earlier", "later", "before", "after", "previously", "prior"])
_RATE = re.compile(
    rf"{S}+(?:a|an|per|each|every){S}+(?P<period>second|minute|hour|day|night|week|month|year)\b"
    rf"(?!{S}+(?:{'|'.join(_BEFORE_OR_AFTER)})\b)|/(?P<slash>day|week|month|year|h)\b"
    rf"|{S}+(?:a|an|per){S}+(?P<per>{'|'.join(sorted(_PRICED_PER, key=len, reverse=True))})\b"
    rf"|{S}+(?:to|per|against){S}+(?:the{S}+|one{S}+|each{S}+)?(?P<exchange>{'|'.join(CURRENCY_WORDS)})\b",
    re.IGNORECASE,
)
_TRIM = " \t\u00a0\u2009\u202f-"
_SPACES = re.compile(rf"{S}++")


@dataclass(frozen=True, slots=True)
class Counted:
    """What the words after a figure say it counts, and where the figure ends once a rate is read."""

    subject: str | None
    end: int
    kind: str
    unit: str | None
def counted(measure_text: str | None, context: Context, start: int, end: int, kind: str, unit: str | None) -> Counted:
    """The subject of the figure at [start, end) of `kind`, and the rate it turns out to be ("a day").
    `measure_text` is the unit as written after a quantity ("square kilometers", "-kilometer")."""
    text = context.text
    sentence = context.sentence_of(start)
    if sentence != context.last_sentence:
        context.last_sentence, context.last_noun = sentence, None
    limit = context.sentences[sentence][1] if context.sentences else len(text)
    if kind == "date":
        return Counted(None, end, kind, unit)
    words, lowered = _words_after(text, end, limit)
    noun, chain, used = _noun_phrase(words, lowered, kind)
    subject: str | None = None
    if kind == "quantity" and unit != "fraction" and measure_text is not None:
        measure = _SPACES.sub(" ", measure_text.strip(_TRIM))
        if measure_text.lstrip(_TRIM[:-1])[:1] == "-":
            subject = " ".join(noun + chain) or None  # "a 10-kilometer zone"
        else:
            if noun and lowered and lowered[0] == "of":
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
    if subject is None:
        subject = _label_before(text, start)

    # a rate: "1,200 troops a day", "$5 a month", "5% a year"
    rate_at = end
    for word in words[:used]:
        rate_at = text.index(word, rate_at) + len(word)
    if kind in ("count", "money", "percent", "quantity"):
        rate = _RATE.match(text, rate_at, limit) or (_RATE.match(text, end, limit) if rate_at != end else None)
        if rate and _rate_applies(rate, kind):
            unit = f"{'' if kind == 'count' or unit == 'fraction' else unit}/{_per(rate)}"
            kind = "rate"
            end = rate.end()
    return Counted(subject, end, kind, unit)


def _label_before(text: str, start: int) -> str | None:
    """The label of a line such as "Killed: 1,200" or "- Wounded (estimate) | about 3,400": what the figure counts."""
    line_start = text.rfind("\n", max(0, start - 60), start) + 1
    if line_start == 0 and start > 60:
        return None
    found = _LABEL.fullmatch(text, line_start, start)
    return found.group("label").strip() if found else None


def _rate_applies(rate: re.Match[str], kind: str) -> bool:
    """A price per unit is money; an exchange rate is a bare number or money ("129 to the dollar", "RM4.72 to the dollar")."""
    if rate.group("per"):
        return kind == "money"
    return kind in ("count", "money") if rate.group("exchange") else True


def _per(rate: re.Match[str]) -> str:
    """What a rate is per: a period ("day"), a unit a price is quoted in ("bbl"), or a currency ("USD")."""
    if rate.group("per"):
        return _PRICED_PER[_SPACES.sub(" ", rate.group("per").lower())]
    if rate.group("exchange"):
        return CURRENCY_WORDS[rate.group("exchange").lower()]
    period = (rate.group("period") or rate.group("slash")).lower()
    return "hour" if period == "h" else ("day" if period == "night" else period)


def _words_after(text: str, position: int, limit: int) -> tuple[list[str], list[str]]:
    """Up to twelve words right after `position`, separated by spaces only, as written and lower-cased."""
    if position < limit and text[position] in _OPENING_QUOTES:
        position += 1
    run = _WORD_RUN.match(text, position, limit)
    if run is None:
        return [], []
    # the run is ASCII letters, apostrophes, hyphens and inline spaces: lower-cased whole, it splits the same
    return run.group().split(), run.group().lower().split()


def _noun_phrase(words: list[str], lowered: list[str], kind: str) -> tuple[list[str], list[str], int]:
    """(noun phrase, participle chain, words used) from the words after a figure."""
    if not words or (kind not in ("count", "rate") and lowered[0] not in _CONNECTORS.get(kind, ())):
        return [], [], 0
    i = 0
    if lowered and lowered[0] in _CONNECTORS.get(kind, ()):
        i = 1
        if lowered[0] == "worth" and len(lowered) > 1 and lowered[1] == "of":
            i = 2
    elif kind not in ("count", "rate"):
        return [], [], 0
    while i < len(lowered) and lowered[i] in _DETERMINERS:
        i += 1
    if lowered[i:i + 1] and lowered[i] in _PERIODS and lowered[i + 1:i + 2] and lowered[i + 1] in _BEFORE_OR_AFTER:
        return [], [], 0  # a time, not what is counted: "up from 1,100 a day earlier"
    if i and lowered[0] == "in" and i < len(words) and words[i].istitle():
        return [], [], 0  # a place, not what the money is for: "RM4.72 in Kuala Lumpur", but "$5m in aid"
    noun: list[str] = []
    after_connector = i > 0
    while i < len(lowered) and len(noun) < 6:
        word = lowered[i]
        following = lowered[i + 1] if i + 1 < len(lowered) else None
        if word in ("and", "or"):
            if noun and following and following not in _STOP and following not in _NUMBER_WORDS \
                    and following not in _PARTICIPLES and following not in _DETERMINERS:
                noun.append(words[i])
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
        if noun and not noun[-1].endswith("ly") and (word in _PAST_VERBS or word.endswith("ed")):
            break  # a verb after the noun: "11 scientists spent", "1,500 adults found", "3,000 troops deployed"
        noun.append(words[i])
        i += 1
    while noun and noun[-1].lower() in ("and", "or"):  # "€3.4 trillion in assets and returned 11%"
        noun.pop()
        i -= 1
    used = i
    chain: list[str] = []
    j = i
    while j < len(lowered) and lowered[j] in _AUXILIARIES:
        j += 1
    while j < len(lowered):
        word = lowered[j]
        following = lowered[j + 1] if j + 1 < len(lowered) else None
        if (word, following) in _TWO_WORD_PARTICIPLES:
            chain += [words[j], words[j + 1]]
            j += 2
        elif word in _PARTICIPLES:
            chain.append(words[j])
            j += 1
        else:
            break
        if j < len(lowered) and lowered[j] in ("and", "or") and j + 1 < len(lowered) and (
            lowered[j + 1] in _PARTICIPLES or (lowered[j + 1], lowered[j + 2] if j + 2 < len(lowered) else None) in _TWO_WORD_PARTICIPLES
        ):
            chain.append(words[j])
            j += 1
        else:
            break
    if chain:
        used = j
    return noun, chain, used

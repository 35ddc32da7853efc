"""Movements: whether a figure is a change up or down ("rose 6.5%", "a 3% drop", "+0.2%"), whether
"from X to Y" is a movement or a range, and whether "2-0" is a score rather than a range.

Only the words right around a figure are read: the verb before it (with "by", "as much as" and the like
between), the noun after it, its sign.
"""

from __future__ import annotations

import re

from store.extract.numbers import phrases
from store.extract.vocabulary import S

_UP = ["rose", "rise", "rises", "rising", "risen", "increased", "increases", "increase", "increasing", "up", "gained",
       "gains", "gain", "grew", "grows", "grown", "jumped", "jumps", "jump", "climbed", "climbs", "surged", "surges",
       "soared", "soars", "rallied", "rallies", "advanced", "advances", "added", "adds", "spiked", "rebounded",
       "rebounds", "expanded", "expands", "edged up", "ticked up", "edged higher", "inched up", "shot up", "leapt",
       "leaped", "firmed", "raised", "boosted", "lifted", "hiked", "accelerated", "widened", "higher"]
_DOWN = ["fell", "fall", "falls", "falling", "fallen", "dropped", "drops", "drop", "declined", "declines", "decline",
         "decreased", "decreases", "decrease", "down", "lost", "loses", "shed", "sheds", "slipped", "slips", "slid",
         "slides", "sank", "sinks", "sunk", "tumbled", "tumbles", "plunged", "plunges", "plummeted", "plummets",
         "slumped", "slumps", "dipped", "dips", "eased", "eases", "retreated", "retreats", "shrank", "shrinks",
         "contracted", "contracts", "edged down", "ticked down", "edged lower", "inched down", "cut", "cuts",
         "reduced", "lowered", "slashed", "trimmed", "narrowed", "lower", "tanked", "crashed", "gave up"]
# verbs that are a change only of a price, a rate or a share, not of a count ("Russia lost 1,500")
_AMOUNT_ONLY = frozenset(["lost", "loses", "gained", "gains", "gain", "added", "adds", "shed", "sheds", "up", "down",
                          "cut", "cuts", "higher", "lower", "eased", "eases", "firmed", "widened", "narrowed"])
# verbs whose object is what changed: a change only with "by" ("raised rates by 25 basis points"); "raised $13.6M"
# and "cut 1,200 jobs" are amounts
_WITH_BY_ONLY = frozenset(["raised", "boosted", "lifted", "hiked", "cut", "cuts", "reduced", "lowered", "slashed",
                           "trimmed"])
# verbs that are a change of a percentage or points ("lost 1.7%") but an amount of money ("lost $5 billion")
_PERCENT_ONLY = frozenset(["lost", "loses", "gained", "gains", "gain", "added", "adds", "shed", "sheds"])
_DIRECTION = {**{word: "up" for word in _UP}, **{word: "down" for word in _DOWN}}
_NOUNS_OF = {"a rise of": "up", "an increase of": "up", "a gain of": "up", "a jump of": "up", "a fall of": "down",
             "a drop of": "down", "a decline of": "down", "a decrease of": "down", "a loss of": "down",
             "a cut of": "down"}
# words that may stand between the verb and the figure: "fell by as much as 3%", "rose nearly 5%"
_BETWEEN = frozenset(["by", "as", "much", "nearly", "almost", "about", "around", "some", "roughly", "a", "an",
                      "further", "another", "additional", "more", "than", "over", "just", "under", "only",
                      "sharply", "slightly"])
_NOUN_AFTER = re.compile(
    rf"(?:-|{S}++)(?:{phrases(['rise', 'increase', 'gain', 'jump', 'surge', 'climb', 'advance', 'rally', 'higher'], False)}(?P<up>)"
    rf"|{phrases(['drop', 'fall', 'decline', 'decrease', 'loss', 'slump', 'cut', 'lower', 'plunge', 'slide', 'dip', 'reduction'], False)}(?P<down>))\b"
)
# before "from X to Y": the words that make it a movement rather than a range ("rose from", "was cut from")
_MOVED = re.compile(
    rf"(?<![\w-])(?:{phrases([*list(_DIRECTION), 'went', 'moved', 'changed', 'revised', 'shifted', 'swung', 'turned', 'jumped', 'upgraded', 'downgraded', 'revised up', 'revised down', 'increase', 'rise', 'fall', 'drop', 'cut', 'hike', 'reduction'])})"
    rf"(?:{S}++[a-z]+){{0,2}}?{S}++\Z"
    rf"|(?<![\w-])by{S}++[^,;.]{{1,25}},{S}*+\Z"  # "cut the risk by a third, from 12% to 8%"
)
_SCORE_BEFORE = re.compile(
    rf"(?<![\w-]){phrases(['won', 'win', 'wins', 'beat', 'beats', 'beating', 'lost', 'lose', 'loses', 'losing', 'defeated', 'drew', 'led', 'leads', 'leading', 'trailed', 'trails', 'trailing', 'thrashed', 'edged', 'routed', 'score', 'scored', 'scoreline', 'final score', 'victory', 'defeat', 'draw', 'series', 'set'])}"
    rf"(?:{S}++[\w’'.-]+){{0,3}}?{S}++\Z"
)
_SCORE_AFTER = re.compile(
    rf"{S}*+(?:{phrases(['win', 'victory', 'lead', 'loss', 'defeat', 'draw', 'scoreline', 'home win', 'away win', 'on aggregate', 'deficit', 'advantage', 'triumph', 'thrashing', 'rout', 'series lead', 'final score'], False)})\b"
)


def direction_before(text: str, start: int, floor: int, kind: str) -> str | None:
    """"up" or "down" when a change verb stands right before the figure at `start` ("rose 6.5%",
    "fell by as much as 3%", "a rise of 5%"); `floor` is where its sentence begins. Read as words, not
    searched: this runs for every figure."""
    begin = max(floor, start - 48)
    words = text[begin:start].rsplit(None, 6)
    if len(words) == 7 or (words and begin > floor and text[begin - 1].isalnum()):
        words = words[1:]  # more words than needed, or a word cut by the window
    by = False
    while words and words[-1].lower() in _BETWEEN:
        by = by or words[-1].lower() == "by"
        words.pop()
    if not words:
        return None
    last = words[-1].lower()
    if last == "of":
        return _NOUNS_OF.get(" ".join(w.lower() for w in words[-3:]))  # "a rise of 5%"
    two = f"{words[-2].lower()} {last}" if len(words) >= 2 else ""
    verb = two if two in _DIRECTION else last
    if verb not in _DIRECTION:
        return None
    if verb in _AMOUNT_ONLY and kind not in ("percent", "money", "quantity"):
        return None
    if (verb in _WITH_BY_ONLY or (verb in _PERCENT_ONLY and kind == "money")) and not by:
        return None
    return _DIRECTION[verb]


def direction_after(text: str, end: int) -> str | None:
    """"up" or "down" when a change noun follows the figure ("a 3% drop", "a 5 per cent rise")."""
    found = _NOUN_AFTER.match(text, end)
    if found is None:
        return None
    return "up" if found.group("up") is not None else "down"


def is_movement(text: str, start: int, floor: int) -> bool:
    """Whether "from X to Y" at `start` (its "from") is a movement: a change verb or noun comes before it."""
    return _MOVED.search(text, max(floor, start - 40), start) is not None


def is_score(text: str, start: int, end: int, floor: int) -> bool:
    """Whether "2-0" or "9-2" between `start` and `end` is a score: a word of a game right before or after it."""
    return _SCORE_AFTER.match(text, end) is not None or _SCORE_BEFORE.search(text, max(floor, start - 40), start) is not None

"""Sentence splitting for news text: one pass of one compiled pattern, no models.

A sentence ends at a line break (always), or at `.`, `!`, `?` or `…` (with any closing quotes and
brackets after it, which stay in the sentence) followed by white space and a character that can
start a sentence. A period does not end a sentence after a title ("Mr.", "Gen."), an initial
("John F. Kennedy"), a month before a day ("Dec. 5") or a dotted abbreviation ("U.S.", "e.g.")
unless a common sentence opener follows ("... in the U.S. The Pentagon said"). Decimals ("5.6")
never split because no space follows their point.
"""

from __future__ import annotations

import re

from store.extract.vocabulary import MONTH_ABBREVIATIONS

_LINE_BREAK = "\n\r\u2028\u2029"
# One character class first, so that sre scans for it at C speed (a lookbehind first made it try every
# position: a sixth of extraction time); what follows a stop is optional and checked after.
_CANDIDATE = re.compile(
    rf"[{_LINE_BREAK}.!?…](?:(?<=[.!?…])(?<![.!?…].)(?P<more>[.!?…]*+)[”\"'’»)\]]*+[^\S{_LINE_BREAK}]++(?=(?P<next>[^\s])))?"
)
_WORD_AFTER = re.compile(r"[\"'“‘(\[]*([A-Za-z]+)")

_TITLES = frozenset(
    ["mr", "mrs", "ms", "messrs", "dr", "prof", "gen", "lt", "col", "maj", "capt", "cpt", "sgt", "cpl", "pvt", "adm", "cmdr", "gov", "sen", "rep", "pres", "supt", "insp", "st", "rev", "hon", "fr", "sr", "vs", "v", "approx", "est", "fig", "vol", "pp", "ca", "cf", "al"]
)
_NUMBER_ABBREVIATIONS = frozenset(["no", "nos", "art", "sec", "ch", "para", "p"])
_COMPANY = frozenset(["inc", "ltd", "corp", "co", "plc", "bros", "etc"])
_OPENERS = frozenset(
    ["The", "This", "That", "These", "Those", "It", "He", "She", "They", "We", "I", "You", "In", "On", "At", "As", "After", "Before", "But", "And", "Or", "So", "Yet", "A", "An", "According", "However", "There", "Their", "His", "Her", "Its", "Our", "While", "When", "Meanwhile", "Earlier", "Later", "Since", "Although", "Despite", "If", "What", "Who", "Why", "How", "Today", "Yesterday"]
)


def split_sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) str-index spans of sentences, in order, non-overlapping, covering every non-blank
    part of the text; leading/trailing whitespace of each sentence excluded. Never raises."""
    spans: list[tuple[int, int]] = []
    begin = 0
    for match in _CANDIDATE.finditer(text):
        if text[match.start()] in _LINE_BREAK:
            _add(text, begin, match.start(), spans)
            begin = match.end()
            continue
        if match.group("next") is not None and _ends_sentence(text, match):
            end = match.end("more")
            while end < len(text) and text[end] in "”\"'’»)]":
                end += 1
            _add(text, begin, end, spans)
            begin = end
    _add(text, begin, len(text), spans)
    return spans


def _add(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    piece = text[start:end]
    kept = piece.strip()  # str.strip and str.isspace agree on white space; a loop over characters cost a tenth
    if kept:
        start += len(piece) - len(piece.lstrip())
        spans.append((start, start + len(kept)))


def _ends_sentence(text: str, match: re.Match[str]) -> bool:
    stop, following = text[match.start():match.end("more")], match.group("next")
    if following.islower():
        return False
    if stop != ".":
        return True
    window = text[max(0, match.start() - 40):match.start()]
    # the word right before the stop, as `\S+\Z` would find it (str.split and \s agree on white space)
    token = window.rsplit(None, 1)[-1].lstrip("(“\"'‘[") if window and not window[-1].isspace() else ""
    if not token:
        return True
    lower = token.lower()
    if lower in _TITLES:
        return False
    if lower in _NUMBER_ABBREVIATIONS or lower in MONTH_ABBREVIATIONS:
        return not following.isdigit()
    if len(token) == 1 and token.isupper():
        return False  # an initial
    if "." in token or lower in _COMPANY:
        opener = _WORD_AFTER.match(text, match.end())
        return opener is not None and opener.group(1) in _OPENERS
    return True

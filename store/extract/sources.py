"""Who asserts a figure: named in its sentence ("according to X", "X said", "said X", "reported by X",
"citing X"), else in the nearest earlier sentence of the same paragraph that names one, else by the
sentence right after it when that one begins "This was stated by …".
"""

from __future__ import annotations

import re

from store.extract.numbers import phrases
from store.extract.vocabulary import S

_NAME_CHUNK = r"(?:[^,.;:!?()“”\"\n]|\([^()\n]*\)|(?<=\b[A-Z])\.(?=\s?[A-Z]))+"
_ACCORDING = re.compile(rf"\baccording{S}+to{S}+(?P<who>{_NAME_CHUNK})", re.IGNORECASE)
_BY = re.compile(
    rf"\b(?:reported|announced|stated|said|confirmed|claimed|estimated|cited|published|disclosed|revealed)"
    rf"{S}+by{S}+(?P<who>{_NAME_CHUNK})"
)
_SAID_AFTER = re.compile(
    rf"[”\"’,],?{S}+(?:said|says|added|adds|continued|wrote|writes|notes|noted|reported|reports|told{S}+\w+)"
    rf"{S}+(?P<who>{_NAME_CHUNK})"
)
_CITING = re.compile(rf"\bciting{S}+(?P<who>{_NAME_CHUNK})")
# "This was stated by Lee Seong Kwon": a sentence that names the source of the one before it.
_SOURCE_OF_PREVIOUS = re.compile(
    rf"(?:this|that|it|these\s+figures|the\s+figures?){S}+(?:was|were){S}+(?:\w+ly{S}+)?"
    rf"(?:reported|announced|stated|said|confirmed|claimed|disclosed|revealed|published){S}+by\b",
    re.IGNORECASE,
)
# a reporting verb after a space: the space first lets sre jump from space to space at C speed (a leading
# \b tried the verbs at every position, half of the source time), the verbs factored by letter (a third less
# than a plain alternation of forty words)
_REPORTING_VERBS = (
    "said", "says", "say", "reported", "reports", "report", "wrote", "writes", "stated", "states", "announced", "announces",
    "claimed", "claims", "estimated", "estimates", "told", "confirmed", "confirms", "noted", "notes", "added", "adds",
    "revealed", "reveals", "believes", "believed", "assessed", "assesses", "warned", "warns", "alleged", "alleges",
    "insisted", "insists", "acknowledged", "admitted", "disclosed",
)
_SAYS = re.compile(rf"[ \t\u00a0](?:{phrases(_REPORTING_VERBS, False)})\b")
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
# what starts a clause after the source, in a source whose white space is single spaces (`_clean_source`)
_SOURCE_CUT = re.compile(r" (?:that|who|which|whose|where|when|after|before|during|following|while)\b")
_CLAUSE_WORDS = ("that", "since", "after", "when", "because", "while", "although", "though", "as", "if", "until",
                 "before", "where", "whereas", "but")
# the last clause break before a verb, found as the first one in the reversed text (a split of the whole
# left context, of which only the last piece was kept, was a third of the source time)
_CLAUSE_BREAK_REVERSED = re.compile(rf"[,;:—–]|\b(?:{'|'.join(word[::-1] for word in _CLAUSE_WORDS)})\b")
_LINE_BREAK = re.compile("[\n\r\u2028\u2029]")


class Sources:
    """The source of each sentence of one text, worked out once per sentence and kept."""

    __slots__ = ("_found", "_of", "sentences", "text")

    def __init__(self, text: str, sentences: list[tuple[int, int]]) -> None:
        self.text = text
        self.sentences = sentences
        self._found: dict[int, str | None] = {}
        self._of: dict[int, str | None] = {}

    def of(self, sentence: int) -> str | None:
        """Who asserts the figures of a sentence: named in it, or in an earlier sentence of its paragraph,
        or by the sentence right after it when that one begins "This was stated by …"."""
        if sentence not in self._of:
            self._of[sentence] = self._work_out(sentence)
        return self._of[sentence]

    def _work_out(self, sentence: int) -> str | None:
        if not self.sentences:
            return None
        found = self._here_or_before(sentence)
        if (
            found is None
            and sentence + 1 < len(self.sentences)
            and _SOURCE_OF_PREVIOUS.match(self.text, self.sentences[sentence + 1][0])
        ):
            found = self._named_in(sentence + 1)
        return found

    def _here_or_before(self, sentence: int) -> str | None:
        index = sentence
        for _ in range(4):
            found = self._named_in(index)
            if found or index == 0:
                return found
            previous_end = self.sentences[index - 1][1]
            if _LINE_BREAK.search(self.text, previous_end, self.sentences[index][0]):
                return None  # a new paragraph
            index -= 1
        return None

    def _named_in(self, index: int) -> str | None:
        if index in self._found:
            return self._found[index]
        start, end = self.sentences[index]
        found = _named_in(self.text[start:end])
        self._found[index] = found
        return found


def _named_in(sentence: str) -> str | None:
    # each pattern runs only where its key word is in the sentence: a substring test is a tenth of a search
    found = None
    lowered = sentence.lower()
    for key, pattern in (("according", _ACCORDING), ("by", _BY)):
        match = pattern.search(sentence) if key in lowered else None
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
    if not found and "citing" in lowered:
        match = _CITING.search(sentence)
        if match:
            found = _clean_source(match.group("who"))
    return found


def _source_before_verb(sentence: str) -> str | None:
    for verb in _SAYS.finditer(sentence):
        # quotes dropped by three replaces: str.translate with a table of deletions takes 25 times as long
        left = sentence[max(0, verb.start() - 239) : verb.start() + 1].replace("“", "").replace("”", "").replace('"', "").rstrip()
        if left.endswith(","):
            left = _CLAUSE_AFTER_SUBJECT.sub("", left).rstrip()
        last = left.rsplit(None, 1)[-1].lower() if left else ""
        if not last or last in _PASSIVE or last in _NOUN_BEFORE_VERB:
            continue  # "is said", "the first reports"
        cut = _CLAUSE_BREAK_REVERSED.search(left[::-1])
        segment = (left[len(left) - cut.start():] if cut else left).strip()
        segment = _TRAILING_MODIFIER.sub("", " " + segment).strip() if segment else segment
        cleaned = _clean_source(segment)
        if cleaned and len(cleaned.split()) <= 10:
            return cleaned
    return None


def _clean_source(who: str) -> str | None:
    who = " ".join(who.split())
    clause = _SOURCE_CUT.search(who)  # a space first: sre jumps from space to space (`\s+` tried every position)
    who = _SOURCE_FRONT.sub("", who[:clause.start()] if clause else who).strip(" .'’\"“”")
    if not who or not (who[0].isalpha() or any(c.isalpha() for c in who)):
        return None
    words = who.split()
    if len(words) > 14 or words[0].lower() in _PRONOUNS or who.lower() in _PRONOUNS or words[0].lower() in _PREPOSITIONS:
        return None
    return who

"""The story across briefs: figures of all briefs grouped by what they measure.

Each figure goes to the group its rule gives (`store.story.rules`). The user can move a figure to
another group or merge groups; those choices (`Regrouping`, kept by the store) win over the rules.
Rows are in story order: by the brief's date, or for an undated brief the bound its text gives ("not
before 2024-12-16"), those with neither last; or (`order="figure"`) by the day each figure refers to
(`Figure.as_of`). A figure in a paragraph that repeats an earlier brief is counted once: it is folded
into the same value's row from the brief it repeats (`also_in`; rows are folded as they come, so a
repeat the rows' order puts before the brief it repeats is a row of its own, which that brief's
figure then folds into as a re-report). One claim reported many times (the same value from the same
source: a re-report, "the day before, the AP … wrote") is one row too, with `reports` counting them
(`Folding`). A group's `drift` says whether no single number fits every row: a `conflict` when the
figures of one day disagree, a `revision` when each day's agree but the number changed from day to
day. Money never drifts, since two sums in one story are rarely the same sum.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Iterator, Sequence, Set
from dataclasses import dataclass, replace
from functools import lru_cache
from operator import attrgetter, itemgetter
from typing import TYPE_CHECKING, Protocol

from store.extract.dating import day_in_year
from store.model import Article, Figure, Record, Regrouping, Value, story_order
from store.story.rules import label_of

if TYPE_CHECKING:
    from store.story.compare_index import ComparedFigure, CompareEntry

_OPEN_BELOW = {"at least", "exceeds", "over", "more than", "above", "upwards of", "no fewer than"}
_OPEN_ABOVE = {"up to", "as many as", "at most", "fewer than", "less than", "under", "no more than"}
APPROXIMATE = 0.1  # "approximately 12,000" is read as 12,000 give or take a tenth
ValueKey = tuple[Value, Value, Value, str | None]  # what figures of one value share: value, low, high, qualifier


@dataclass(frozen=True, slots=True)
class CompareRow:
    """One figure of one brief in a compare group, with the brief's date and source beside it."""

    article_id: str
    title: str
    published: str | None
    published_inferred: bool
    brief_source: str
    figure: Figure
    moved: bool  # put in this group by the user, not by the rules
    repeat_of: str | None  # the earlier brief whose paragraph this figure's paragraph repeats
    also_in: tuple[str, ...] = ()  # briefs whose repeated paragraphs say the same, folded into this row
    not_before: str | None = None  # an undated brief's bound (see `store.model.story_day`)
    reports: int = 1  # how many times the claim is reported: this row and the folded ones (see `Folding`)

    @property
    def day(self) -> str | None:
        return figure_day(self.figure.as_of, self.published, self.not_before)

    @property
    def value_key(self) -> ValueKey:
        figure = self.figure
        return (figure.value, figure.low, figure.high, figure.qualifier)

    def to_record(self) -> Record:
        figure = self.figure
        return {
            "article_id": self.article_id,
            "title": self.title,
            "published": self.published,
            "published_inferred": self.published_inferred,
            "not_before": self.not_before,
            "day": self.day,
            "brief_source": self.brief_source,
            **{name: getattr(figure, name) for name in _ROW_FIGURE_FIELDS},
            "moved": self.moved,
            "repeat_of": self.repeat_of,
            "also_in": list(self.also_in),
            "reports": self.reports,
        }


def figure_day(as_of: str | None, published: str | None, not_before: str | None) -> str | None:
    """The day a figure refers to when its sentence names one (`as_of`), else its brief's place in the story."""
    brief_day = published or not_before
    return day_in_year(as_of, int(brief_day[:4]) if brief_day else None) or brief_day


_ROW_FIGURE_FIELDS = ("start", "end", "text", "kind", "value", "low", "high", "approximate", "qualifier", "unit", "subject", "source", "as_of")


CONFLICT = "conflict"  # figures that cannot all hold on one day: sources disagree
REVISION = "revision"  # figures that cannot all hold, but each day's agree: the number changed over time


@dataclass(frozen=True, slots=True)
class CompareGroup:
    """A group's rows in story order; `rows` may be read lazily (`store.story.compare_view`), so the
    counts a heading shows are kept beside them."""

    id: str
    label: str
    drift: str | None  # CONFLICT, REVISION, or None when one number fits every row
    rows: Sequence[CompareRow]
    brief_count: int  # briefs the rows are in, folded ones included
    widths: tuple[int, ...] = ()  # each table column's widest text, when stored (see `store.story.compare_view`)

    @classmethod
    def of(cls, group: str, drift: str | None, rows: Sequence[CompareRow]) -> CompareGroup:
        briefs = {row.article_id for row in rows} | {other for row in rows for other in row.also_in}
        return cls(group, label_of(group), drift, rows, len(briefs))

    @property
    def conflicting(self) -> bool:
        """No single number fits every row (a conflict or a revision)."""
        return self.drift is not None

    def to_record(self) -> Record:
        return {
            "id": self.id, "label": self.label, "conflicting": self.conflicting, "drift": self.drift,
            "rows": [row.to_record() for row in self.rows],
        }


def figure_range(figure: Figure) -> tuple[float, float]:
    """The numbers a figure allows: "at least 30" is 30 up, "several hundred" 300 to 900."""
    value, low, high = (_number(v) for v in (figure.value, figure.low, figure.high))
    qualifier = (figure.qualifier or "").casefold()
    if low is not None and high is not None:
        return low, high
    base = value if value is not None else low if low is not None else high
    if base is None:
        return -math.inf, math.inf
    if qualifier in _OPEN_BELOW:
        return base, math.inf
    if qualifier in _OPEN_ABOVE:
        return 0.0, base
    if figure.approximate or qualifier:
        return base * (1 - APPROXIMATE), base * (1 + APPROXIMATE)
    return base, base


def _number(value: Value) -> float | None:
    return float(value) if isinstance(value, int | float) else None


def _disagree(ranges: Sequence[tuple[float, float]]) -> bool:
    """No single number lies in every range."""
    return bool(ranges) and max(low for low, _ in ranges) > min(high for _, high in ranges)


def drift_of(rows: Sequence[CompareRow]) -> str | None:
    """CONFLICT when the rows of one day cannot all hold; else REVISION when the rows of all days
    cannot; else None. Rows without any day are compared only with the whole group. Each row's
    range is worked out once (a group of 40,000 rows at 100,000 briefs)."""
    ranges = [figure_range(row.figure) for row in rows]
    if not _disagree(ranges):
        return None
    by_day: dict[str, list[tuple[float, float]]] = {}
    for row, numbers in zip(rows, ranges, strict=True):
        day = row.day
        if day is not None:
            by_day.setdefault(day, []).append(numbers)
    return CONFLICT if any(_disagree(same_day) for same_day in by_day.values()) else REVISION


_STOPWORDS = frozenset(["a", "an", "the", "of", "in", "at", "from", "on", "for", "to", "and", "by", "with", "said", "says"])
SAME_SOURCE = 0.75  # share of one source's words the other's source and sentence must hold to be the same


_PLACE_TAIL = re.compile(r"\s+(?:in|at|from)\s+[A-Z].*$")  # "official in Washington" is the official


def _words(text: str) -> frozenset[str]:
    """Words casefolded, plurals folded ("officials" is "official"), small words left out."""
    found = re.findall(r"[\w’']+", text.casefold())
    return frozenset(word.removesuffix("s") if len(word) > 3 else word for word in found if word not in _STOPWORDS)


def _source_words(source: str) -> frozenset[str]:
    """A source's words, the place it speaks from left out ("officials in Kyiv" are the officials).
    Not a sentence's: "killed in Kursk, the Associated Press said" names its source after the place."""
    return _words(_PLACE_TAIL.sub("", source))


def _initials(words: str) -> str:
    return "".join(word[0] for word in words.split() if word[:1].isupper()).casefold()


Voice = tuple[str, str, frozenset[str]]  # a source casefolded, its initials, its words
# The words of a sentence a source is looked for in, for the sentences compared most lately (a
# paragraph that repeats an earlier brief's brings its sentences again). 65,536 held 150 MB of words
# at 100,000 briefs, when a claim's folded sentences were kept as one string.
_said_words = lru_cache(maxsize=4096)(_words)


@lru_cache(maxsize=65536)
def voice_of(source: str) -> Voice:
    """A source as `same_source` compares it."""
    return source.casefold(), _initials(source), _source_words(source)


def same_source(kept: Voice | None, kept_said: Callable[[], Set[str]], voice: Voice | None, sentence: str) -> bool:
    """Whether a figure comes from the source of a kept claim, given each one's source (`voice_of`,
    None when it names none), the words of the claim's sentences (asked for only when needed) and
    the figure's sentence: one names none (an unattributed re-report), one is the other's initials
    ("AP"), or most words of one's source are in the other's source and sentences ("the Associated
    Press, citing a senior military official")."""
    if kept is None or voice is None:
        return True
    folded_a, initials_a, words_a = kept
    folded_b, initials_b, words_b = voice
    if folded_a in (folded_b, initials_b) or folded_b == initials_a:
        return True
    return _heard(words_a, words_b, _said_words(sentence)) or _heard(words_b, words_a, kept_said())


def _heard(mine: frozenset[str], theirs: frozenset[str], said: Set[str]) -> bool:
    """Most of a source's words are in another's source or sentences (each intersection iterates the
    few words of the source, where the union of the others would copy a claim's every word)."""
    return bool(mine) and len(mine & theirs | mine & said) >= SAME_SOURCE * len(mine)


PROGRESS_EVERY = 1000  # briefs placed between two progress reports
MAX_FOLDED_SENTENCES = 2000  # characters of folded rows' sentences a later row's source is looked for in
Placed = tuple[int, "CompareEntry"]  # a brief's place in the catalog, and its entry


@dataclass(slots=True)
class _Claim:
    """A row kept while rows come, with what was folded into it."""

    row: CompareRow
    voice: Voice | None
    sentences: list[str]  # its sentence and its folded rows' (up to MAX_FOLDED_SENTENCES characters): where a source is looked for
    briefs: dict[str, None]  # the other briefs folded in, in order (a dict: an ordered set)
    reports: int = 1
    said_length: int = 0  # characters of `sentences`, as if joined by spaces
    _said: set[str] | None = None  # the words of the first `_words_of` sentences, made when first asked for (most claims never are)
    _words_of: int = 0

    def said(self) -> Set[str]:
        """The words of its sentences (`_said_words`), each sentence's taken once."""
        if self._said is None:
            self._said = set()
        for sentence in self.sentences[self._words_of :]:
            self._said.update(_said_words(sentence))
        self._words_of = len(self.sentences)
        return self._said

    def take(self, article_id: str, source: str | None, voice: Voice | None, sentence: str) -> None:
        """Fold a figure of the same claim in; a source it names is the claim's when the kept row names none."""
        if self.said_length < MAX_FOLDED_SENTENCES:
            self.sentences.append(sentence)
            self.said_length += 1 + len(sentence)
        self.counted_in(article_id)
        if self.voice is None and source:
            self.row = replace(self.row, figure=replace(self.row.figure, source=source))
            self.voice = voice

    def counted_in(self, article_id: str) -> None:
        """One more report of the claim, in this brief."""
        self.briefs[article_id] = None
        self.reports += 1

    def made(self) -> CompareRow:
        if self.reports == 1:
            return self.row
        return replace(self.row, also_in=tuple(b for b in self.briefs if b != self.row.article_id), reports=self.reports)


class Folding:
    """Figures folded as they come, in the order the groups show them: only the kept rows are made and held.

    A figure in a paragraph repeating an earlier brief's goes into the claim that brief's figure of
    the same value went into (`also_in`); a figure of the same value from the same source as a kept
    row goes into it (`reports`). Figures are compared only with kept rows of the same value, so a
    group of 40,000 rows with a few thousand values costs what its values' rows cost, not 40,000 squared.
    So each (group, value) is folded on its own, which `store.story.refold` relies on."""

    def __init__(self) -> None:
        self.claims: dict[str, list[_Claim]] = {}  # group -> its kept rows, in order
        self._by_value: dict[tuple[str, ValueKey], list[_Claim]] = {}
        self._firsts: dict[tuple[str, str, ValueKey], _Claim] = {}  # (group, brief, value) -> where its first figure went: where its repeats go

    def add(self, group: str, entry: CompareEntry, compared: ComparedFigure, moved: bool) -> None:
        value = compared.value_key
        if compared.repeat_of:
            repeated = self._firsts.get((group, compared.repeat_of, value))
            if repeated is not None:
                repeated.counted_in(entry.id)
                return
        same_value = self._by_value.setdefault((group, value), [])
        source, sentence = compared.source, compared.sentence
        voice = voice_of(source) if source else None
        for claim in same_value:
            if same_source(claim.voice, claim.said, voice, sentence):
                claim.take(entry.id, source, voice, sentence)
                break
        else:
            row = CompareRow(
                entry.id, entry.title, entry.published, entry.published_inferred, entry.source, compared.figure,
                moved, compared.repeat_of, not_before=entry.not_before,
            )
            claim = _Claim(row, voice, [sentence], {}, said_length=len(sentence))
            same_value.append(claim)
            self.claims.setdefault(group, []).append(claim)
        if not compared.repeat_of:
            self._firsts.setdefault((group, entry.id, value), claim)


def compare_figures(articles: list[Article], regrouping: Regrouping, order: str = "brief") -> list[CompareGroup]:
    """The groups of these articles (see `compare_entries`)."""
    from store.story.compare_index import entry_of

    return compare_entries(in_story_order([entry_of(article) for article in articles]), regrouping, order)


class Dated(Protocol):
    """A brief as story order reads it: a `Summary` or a `CompareEntry`."""

    @property
    def published(self) -> str | None: ...
    @property
    def not_before(self) -> str | None: ...


def story_ranks(listed: Sequence[Dated]) -> list[int]:
    """The positions of listed briefs in story order (`story_order`; briefs of one day keep the
    listing's order, since `sorted` is stable)."""
    return sorted(range(len(listed)), key=lambda n: story_order(listed[n].published, listed[n].not_before))


def in_story_order(entries: Sequence[CompareEntry]) -> list[Placed]:
    """Entries listed in catalog order, each with its place there, in story order (as `compare_entries` takes them)."""
    return [(place, entries[place]) for place in story_ranks(entries)]


def compare_entries(
    placed: Iterable[Placed], regrouping: Regrouping, order: str = "brief", progress: Callable[[int, int], None] | None = None, total: int = 0
) -> list[CompareGroup]:
    """The groups, most briefs first (see the module docstring); rows by `order` (one of `store.story.ORDERS`).

    `placed`: every brief's place in the catalog and its entry, in story order (`in_story_order`),
    read as they come: in brief order only the kept rows are held. `progress(done, total)` as briefs
    are placed, which may raise to stop."""
    folding = Folding()
    by_figure_day: list[tuple[tuple[bool, str, int, int], str, CompareEntry, ComparedFigure, bool]] = []
    for done, (seq, entry) in enumerate(placed):
        if progress and done % PROGRESS_EVERY == 0:
            progress(done, total)
        for group, compared, moved in grouped_figures(entry, regrouping):
            if order == "figure":
                day = figure_day(compared.figure.as_of, entry.published, entry.not_before)
                by_figure_day.append(((day is None, day or "", seq, compared.start), group, entry, compared, moved))
            else:
                folding.add(group, entry, compared, moved)
    by_figure_day.sort(key=itemgetter(0))
    for _, group, entry, compared, was_moved in by_figure_day:
        folding.add(group, entry, compared, was_moved)
    return ordered_groups(group_of(group, [claim.made() for claim in claims]) for group, claims in folding.claims.items())


def grouped_figures(entry: CompareEntry, regrouping: Regrouping) -> Iterator[tuple[str, ComparedFigure, bool]]:
    """A brief's compared figures in text order, each with the group it is shown in and whether the user put it there."""
    for compared in sorted(entry.figures, key=attrgetter("start")):
        moved = regrouping.moved(entry.id, compared.start) if regrouping.moves else None
        yield regrouping.final_group(moved or compared.rule_group), compared, moved is not None


def group_of(group: str, rows: Sequence[CompareRow]) -> CompareGroup:
    """A group of these rows (in story order), with its drift."""
    rows = tuple(rows)
    return CompareGroup.of(group, None if group == "money" else drift_of(rows), rows)


def ordered_groups(groups: Iterable[CompareGroup]) -> list[CompareGroup]:
    """Groups as the view lists them: most briefs first."""
    return sorted(groups, key=lambda g: (-g.brief_count, g.id))

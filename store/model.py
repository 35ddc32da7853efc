"""The records newsbrief keeps, as frozen dataclasses: briefs, figures, claims, annotations, the
compare regrouping (the changes the store applies to them are in `store.changes`).

Every record that goes to TinyDB or into an export is built here, with one `to_record()` and one
`from_record()` each, so a field is named in one place. Records are immutable: a change is a new
record (`dataclasses.replace`), which is what lets undo keep the before and the after.
"""

from __future__ import annotations

import hashlib
import operator
import re
import unicodedata
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, fields, replace
from typing import Any, TypeAlias, TypeVar

Record: TypeAlias = dict[str, Any]  # one JSON object as TinyDB and the exports hold it
Span: TypeAlias = tuple[int, int]  # [start, end) in a brief's text, Python str indices
Number: TypeAlias = int | float
Value: TypeAlias = int | float | str | None  # a figure's value: a number, an ISO date, or none

CONTEXT_CHARS = 32  # prefix and suffix kept with each annotation, so it can be re-anchored by quote


def article_id(text: str) -> str:
    """First 16 hex of SHA-256 of the text with Unicode (NFC) and whitespace normalised.

    Normalising makes the same brief re-saved with other line endings or spacing the same article.
    """
    normal = " ".join(unicodedata.normalize("NFC", text).split())  # str.split's whitespace is re's \s: a third of the time of a sub
    return hashlib.sha256(normal.encode("utf-8")).hexdigest()[:16]


def text_sha256(text: str) -> str:
    """SHA-256 of the text exactly as stored, so an annotation can tell if its text changed."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def story_day(published: str | None, not_before: str | None) -> str | None:
    """The day a brief is placed at in the story: its date, else the bound its text gives, else None."""
    return published or not_before


def story_order(published: str | None, not_before: str | None) -> tuple[bool, str]:
    """A sort key: briefs by their place in the story, those with neither a date nor a bound last."""
    day = story_day(published, not_before)
    return (day is None, day or "")


_DIGITS = re.compile(r"(\d+)")
_PART = "\x00"  # below every character a title holds: "a" sorts before "a b" and "a 2", as a tuple would


def natural_key(text: str) -> str:
    """A title as it sorts for a person: numbers by value ("brief 2" before "brief 10"), letters without case.

    A string, not a tuple of parts, so the catalog can store it and sorting 100,000 of them is one C
    comparison each: every run of digits is written as its length (three digits) and its digits, so
    runs compare by value.
    """
    parts = _DIGITS.split(text.casefold())
    for index in range(1, len(parts), 2):
        digits = parts[index].lstrip("0") or "0"
        parts[index] = f"{len(digits):03}{digits}"
    return _PART.join(parts)


Pickled = TypeVar("Pickled", bound=type)


def pickled_by_values(cls: Pickled) -> Pickled:
    """Pickle a dataclass's objects as the class and their field values, in order, which unpickling
    passes to `__init__`. The default of a dataclass with slots (`__getstate__` and `__setstate__`
    calling `fields()` for every object) took two thirds of unpickling what an import worker hands
    back: ~10 paragraphs and ~12 figures a brief."""
    values = operator.attrgetter(*(f.name for f in fields(cls)))

    def __reduce__(self: object) -> tuple[type, tuple[Any, ...]]:
        return (cls, values(self))

    setattr(cls, "__reduce__", __reduce__)  # noqa: B010 (a method assigned to a class mypy sees as `type`)
    return cls


def date_key(published: str | None, not_before: str | None, title: str) -> str:
    """The list's default order as one string: by the story's day (undated last), then by title."""
    undated, day = story_order(published, not_before)
    return f"{int(undated)}{day}{_PART}{natural_key(title)}"


@dataclass(frozen=True, slots=True)
class Brief:
    """One brief as read from a file, before the store gives it an id and its figures."""

    title: str
    text: str
    source: str
    published: str | None
    path: str
    url: str | None = None
    marker_end: int = 0  # where a leading date marker ends in `text`; 0 when there is none
    author: str | None = None
    # A feed entry or a web page: its url names a document that can change, so a new text from the
    # same url updates the stored brief instead of adding another.
    identified_by_url: bool = False


@pickled_by_values
@dataclass(frozen=True, slots=True)
class Figure:
    """One figure of a text: its span, what kind of number it is, and who says it about what."""

    start: int
    end: int
    text: str
    kind: str  # count, money, percent, quantity, duration, rate or date
    value: Value
    low: Value
    high: Value
    approximate: bool
    qualifier: str | None
    unit: str | None
    subject: str | None
    source: str | None
    sentence: int  # index into the brief's sentences
    relative: bool = False  # a date resolved against the publication date ("last week", "on Monday")
    change: str | None = None  # "up" or "down" for a movement ("rose 6.5%", "fell from 9 to 7"), else None
    from_value: float | int | None = None  # where a movement "from X to Y" starts; `value` is where it ends
    # The day a figure refers to when its sentence names one ("on December 14-15, … lost at least 30"):
    # ISO "YYYY-MM-DD", or "--MM-DD" when the text gives no year; None when the sentence names no day.
    as_of: str | None = None

    def to_record(self) -> Record:
        # One C-level attrgetter call instead of a getattr per field: import writes ~30 figures a brief.
        return dict(zip(_FIGURE_FIELDS, _FIGURE_VALUES(self), strict=True))

    @classmethod
    def from_record(cls, record: Mapping[str, Any]) -> Figure:
        return cls(**{name: record[name] for name in _FIGURE_FIELDS if name in record})

    def inside(self, span: Span) -> bool:
        return span[0] <= self.start and self.end <= span[1]


_FIGURE_FIELDS = tuple(f.name for f in fields(Figure))
_FIGURE_VALUES = operator.attrgetter(*_FIGURE_FIELDS)


@pickled_by_values
@dataclass(frozen=True, slots=True)
class Paragraph:
    """A block of a brief between blank lines; `repeated_from` names the earlier brief it repeats."""

    start: int
    end: int
    repeated_from: str | None = None

    def to_record(self) -> Record:
        return {"start": self.start, "end": self.end, "repeated_from": self.repeated_from}

    @classmethod
    def from_record(cls, record: Mapping[str, Any]) -> Paragraph:
        return cls(record["start"], record["end"], record.get("repeated_from"))


@dataclass(frozen=True, slots=True)
class Dating:
    """What `edit` sets of a brief by hand: its date (and whether it was read from the text), source and url."""

    published: str | None
    published_inferred: bool
    source: str
    url: str | None = None


@dataclass(frozen=True, slots=True)
class Summary:
    """What the list shows of a brief, without its text: the catalog's record."""

    id: str
    title: str
    published: str | None
    published_inferred: bool
    source: str
    figure_count: int
    tag_count: int = 0  # tagged claims; counted by the store from the annotations, never stored
    url: str | None = None  # a feed entry's or page's url: a new text from it replaces the brief
    not_before: str | None = None  # an undated brief's bound: the latest day its text reports (see `story_day`)

    @property
    def story_day(self) -> str | None:
        return story_day(self.published, self.not_before)

    def to_record(self) -> Record:
        return {
            "id": self.id,
            "title": self.title,
            "published": self.published,
            "published_inferred": self.published_inferred,
            "source": self.source,
            "figure_count": self.figure_count,
            "url": self.url,
            "not_before": self.not_before,
        }

    @classmethod
    def from_record(cls, record: Mapping[str, Any]) -> Summary:
        return cls(
            record["id"],
            record["title"],
            record["published"],
            record.get("published_inferred", False),
            record["source"],
            record["figure_count"],
            url=record.get("url"),
            not_before=record.get("not_before"),
        )


@pickled_by_values
@dataclass(frozen=True, slots=True)
class Article:
    """A brief in the store: its text with its sentences, figures and paragraphs, found once at import."""

    id: str
    sha256: str
    title: str
    text: str
    source: str
    published: str | None
    published_inferred: bool
    path: str
    url: str | None
    imported_at: str
    sentences: tuple[Span, ...]
    figures: tuple[Figure, ...]
    paragraphs: tuple[Paragraph, ...]
    author: str | None = None
    not_before: str | None = None  # when undated: the latest day the text reports, ISO (see `story_day`)

    @property
    def story_day(self) -> str | None:
        return story_day(self.published, self.not_before)

    @property
    def dating(self) -> Dating:
        return Dating(self.published, self.published_inferred, self.source, self.url)

    def with_dating(self, dating: Dating) -> Article:
        return replace(self, published=dating.published, published_inferred=dating.published_inferred, source=dating.source, url=dating.url)

    def summary(self, tag_count: int = 0) -> Summary:
        return Summary(
            self.id, self.title, self.published, self.published_inferred, self.source, len(self.figures), tag_count, self.url, self.not_before
        )

    def sentence_at(self, offset: int) -> int | None:
        """The index of the sentence holding `offset`, if one does."""
        return next((i for i, (start, end) in enumerate(self.sentences) if start <= offset < end), None)

    def repeated_from(self, offset: int) -> str | None:
        """The earlier article the paragraph holding `offset` repeats, if it does."""
        return next((p.repeated_from for p in self.paragraphs if p.start <= offset < p.end), None)

    @property
    def has_repeats(self) -> bool:
        return any(p.repeated_from for p in self.paragraphs)

    def to_record(self) -> Record:
        return {
            "id": self.id,
            "sha256": self.sha256,
            "title": self.title,
            "text": self.text,
            "source": self.source,
            "published": self.published,
            "published_inferred": self.published_inferred,
            "path": self.path,
            "url": self.url,
            "imported_at": self.imported_at,
            "sentences": [list(span) for span in self.sentences],
            "figures": [figure.to_record() for figure in self.figures],
            "paragraphs": [paragraph.to_record() for paragraph in self.paragraphs],
            "author": self.author,
            "not_before": self.not_before,
        }

    @classmethod
    def from_record(cls, record: Mapping[str, Any]) -> Article:
        return cls(
            id=record["id"],
            sha256=record["sha256"],
            title=record["title"],
            text=record["text"],
            source=record["source"],
            published=record["published"],
            published_inferred=record.get("published_inferred", False),
            path=record["path"],
            url=record.get("url"),
            imported_at=record["imported_at"],
            sentences=tuple((start, end) for start, end in record["sentences"]),
            figures=tuple(Figure.from_record(figure) for figure in record["figures"]),
            paragraphs=tuple(Paragraph.from_record(paragraph) for paragraph in record.get("paragraphs", ())),
            author=record.get("author"),
            not_before=record.get("not_before"),
        )


@dataclass(frozen=True, slots=True)
class Claim:
    """What the reader's tag keys act on: sentences `first` to `last` of a brief, both included, or
    narrowed to characters `start`-`end` inside them (by words, or to one figure).

    All the arithmetic of a claim lives here: its span in the text, moving it, extending it, narrowing it.
    """

    first: int
    last: int
    start: int | None = None  # set (with `end`) on a claim narrowed inside its sentences
    end: int | None = None

    @classmethod
    def at_start(cls, sentences: Sequence[Span]) -> Claim | None:
        return cls(0, 0) if sentences else None

    @classmethod
    def around(cls, span: Span, sentences: Sequence[Span]) -> Claim | None:
        """The claim of exactly `span` (a figure, words), inside the sentences it touches; None outside them."""
        start, end = span
        touched = [i for i, (s, e) in enumerate(sentences) if s < max(end, start + 1) and e > start]
        if not touched or start >= end:
            return None
        first, last = touched[0], touched[-1]
        if (start, end) == (sentences[first][0], sentences[last][1]):
            return cls(first, last)
        return cls(first, last, start, end)

    def span(self, sentences: Sequence[Span]) -> Span | None:
        """The claim's characters in the text, or None when it does not fit these sentences."""
        if not 0 <= self.first <= self.last < len(sentences):
            return None
        if self.start is not None and self.end is not None:
            return (self.start, self.end)
        return (sentences[self.first][0], sentences[self.last][1])

    def moved(self, direction: int, count: int) -> Claim:
        """The one-sentence claim after (direction > 0) or before this one, kept inside `count` sentences."""
        index = self.last + 1 if direction > 0 else self.first - 1
        index = max(0, min(count - 1, index))
        return Claim(index, index)

    def extended(self, count: int) -> Claim:
        """The claim with one more sentence at its end, unless it already reaches the last one."""
        return Claim(self.first, self.last + 1) if self.last + 1 < count else self

    def shrunk(self) -> Claim:
        """The claim without its last sentence, unless it has only one (a narrowed claim: its whole sentences)."""
        if self.start is not None:
            return Claim(self.first, self.last)
        return Claim(self.first, self.last - 1) if self.last > self.first else self

    def by_word(self, direction: int, text: str, sentences: Sequence[Span]) -> Claim:
        """The claim with its end one word further (direction > 0) or one word back, never less than one word."""
        span = self.span(sentences)
        if span is None:
            return self
        start, end = span
        words = [(m.start(), m.end()) for m in _WORD.finditer(text, start, len(text))]
        ends = [e for _, e in words]
        if direction > 0:
            new_end = next((e for e in ends if e > end), end)
        else:
            earlier = [e for s, e in words if e < end and s >= start]
            new_end = earlier[-1] if earlier else end
        return Claim.around((start, new_end), sentences) or self

    def describe(self, count: int) -> str:
        where = f"sentence {self.first + 1}" if self.first == self.last else f"sentences {self.first + 1}–{self.last + 1}"
        if self.start is not None:
            where = "part of " + where
        return f"{where} of {count}"


_WORD = re.compile(r"\S+")


@dataclass(frozen=True, slots=True)
class Annotation:
    """Tags and a note on a span of one brief, with the quote and context that anchor it to the text."""

    id: str
    article_id: str
    article_sha256: str
    start: int
    end: int
    quote: str
    prefix: str
    suffix: str
    tags: tuple[str, ...]
    note: str | None
    created: str
    modified: str

    @classmethod
    def new(cls, article: Article, span: Span, tags: Sequence[str], note: str | None, stamp: str) -> Annotation:
        start, end = span
        text = article.text
        return cls(
            id=uuid.uuid4().hex,
            article_id=article.id,
            article_sha256=article.sha256,
            start=start,
            end=end,
            quote=text[start:end],
            prefix=text[max(0, start - CONTEXT_CHARS) : start],
            suffix=text[end : end + CONTEXT_CHARS],
            tags=tuple(tags),
            note=note,
            created=stamp,
            modified=stamp,
        )

    @property
    def span(self) -> Span:
        return (self.start, self.end)

    @property
    def is_empty(self) -> bool:
        """No tag and no note: nothing left worth keeping."""
        return not self.tags and not self.note

    def to_record(self) -> Record:
        return {**{name: getattr(self, name) for name in _ANNOTATION_FIELDS}, "tags": list(self.tags)}

    @classmethod
    def from_record(cls, record: Mapping[str, Any]) -> Annotation:
        values = list(_ANNOTATION_VALUES(record))  # positional: 0.6× the time of keywords, for every annotation at each open
        values[_TAGS] = tuple(values[_TAGS])
        return cls(*values)


_ANNOTATION_FIELDS = tuple(f.name for f in fields(Annotation))
_ANNOTATION_VALUES = operator.itemgetter(*_ANNOTATION_FIELDS)
_TAGS = _ANNOTATION_FIELDS.index("tags")


@dataclass(frozen=True, slots=True)
class Regrouping:
    """The user's corrections to the compare view: figures moved to a group, groups merged into others."""

    moves: Mapping[str, str] = field(default_factory=dict)  # "ARTICLE_ID:START" -> group id
    merges: Mapping[str, str] = field(default_factory=dict)  # group id -> the group it is shown as part of

    @staticmethod
    def figure_key(article_id: str, start: int) -> str:
        return f"{article_id}:{start}"

    def moved(self, article_id: str, start: int) -> str | None:
        return self.moves.get(self.figure_key(article_id, start))

    def with_move(self, article_id: str, start: int, group: str) -> Regrouping:
        return Regrouping({**self.moves, self.figure_key(article_id, start): group}, self.merges)

    def with_merge(self, group: str, into: str) -> Regrouping:
        return Regrouping(self.moves, {**self.merges, group: into})

    def without_merge(self, group: str) -> Regrouping:
        return Regrouping(self.moves, {g: into for g, into in self.merges.items() if g != group})

    def final_group(self, group: str) -> str:
        """Where a group is shown after every merge (a loop, never stored, would stop where it closes)."""
        seen = set()
        while group in self.merges and group not in seen:
            seen.add(group)
            group = self.merges[group]
        return group

    def loops_from(self, group: str) -> bool:
        """Following the merges from `group` comes back to a group already passed."""
        seen = set()
        while group in self.merges:
            if group in seen:
                return True
            seen.add(group)
            group = self.merges[group]
        return group in seen

    def to_record(self) -> Record:
        return {"moves": dict(self.moves), "merges": dict(self.merges)}

    @classmethod
    def from_record(cls, record: Mapping[str, Any]) -> Regrouping:
        return cls(dict(record.get("moves", {})), dict(record.get("merges", {})))

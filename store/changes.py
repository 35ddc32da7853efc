"""The changes the store applies to its records, each knowing its inverse (which is what undo
writes), and what the store reports back about changes: what other processes wrote, what a removal
took away."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TypeAlias

from store.model import Annotation, Article, Dating, Regrouping


@dataclass(frozen=True, slots=True)
class AnnotationChange:
    """An annotation created (before None), changed, or removed (after None)."""

    before: Annotation | None
    after: Annotation | None

    @property
    def annotation_id(self) -> str:
        present = self.after or self.before
        assert present is not None, "a change holds an annotation on at least one side"
        return present.id

    def inverse(self) -> AnnotationChange:
        return AnnotationChange(self.after, self.before)


@dataclass(frozen=True, slots=True)
class TagSetChange:
    """The ordered tag set, before and after."""

    before: tuple[str, ...]
    after: tuple[str, ...]

    def inverse(self) -> TagSetChange:
        return TagSetChange(self.after, self.before)


@dataclass(frozen=True, slots=True)
class RegroupChange:
    """The compare view's moves and merges, before and after."""

    before: Regrouping
    after: Regrouping

    def inverse(self) -> RegroupChange:
        return RegroupChange(self.after, self.before)


@dataclass(frozen=True, slots=True)
class BriefEdit:
    """A brief's date and source set by hand."""

    article_id: str
    before: Dating
    after: Dating

    def inverse(self) -> BriefEdit:
        return BriefEdit(self.article_id, self.after, self.before)


@dataclass(frozen=True, slots=True)
class ReviewChange:
    """A brief marked reviewed (after True) or not reviewed any more (after False)."""

    article_id: str
    before: bool
    after: bool

    def inverse(self) -> ReviewChange:
        return ReviewChange(self.article_id, self.after, self.before)


@dataclass(frozen=True, slots=True)
class BriefPresence:
    """A brief removed (before True, after False) or put back as it was (the inverse, which undo writes)."""

    article: Article
    before: bool
    after: bool

    @property
    def article_id(self) -> str:
        return self.article.id

    def inverse(self) -> BriefPresence:
        return BriefPresence(self.article, self.after, self.before)


Change: TypeAlias = AnnotationChange | TagSetChange | RegroupChange | BriefEdit | ReviewChange | BriefPresence


@dataclass(frozen=True, slots=True)
class DiskChanges:
    """What other processes changed since this one last read the store."""

    briefs: bool = False  # briefs added, removed, or their metadata or text marks changed
    record: bool = False  # annotations, tags, the compare regrouping or the reviewed briefs

    def __bool__(self) -> bool:
        return self.briefs or self.record

    def __or__(self, other: DiskChanges) -> DiskChanges:
        return DiskChanges(self.briefs or other.briefs, self.record or other.record)


@dataclass(frozen=True, slots=True)
class Removed:
    """A brief `remove` took away, and how many annotations went with it."""

    id: str
    title: str
    annotations: int

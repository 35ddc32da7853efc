"""The Store: one store folder, as the reader and the command line use it.

A thin façade: it checks a request, turns it into typed changes (`store.model`), and applies them
through the one write path of `store.open_store`, which is undoable. The articles live in the library
(`store.library`), the user's annotations, tags and compare regrouping in the annotation book
(`store.record`). Everything a user can do from the keyboard is a method here first; each write is on
disk before it returns, and is worked out against what other processes wrote before it.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from store.changes import AnnotationChange, BriefEdit, BriefPresence, Change, RegroupChange, Removed, ReviewChange, TagSetChange
from store.checks import checked_date, checked_group, checked_note, checked_source, checked_url
from store.errors import InvalidRequest, NotFound
from store.library.fields import FieldMap
from store.library.library import ImportReport, Progress, now_iso
from store.model import Annotation, Article, Regrouping, Span, Summary
from store.open_store import OpenStore
from store.persist.catalog import Listing
from store.persist.paths import seeds_dir
from store.record.history import History
from store.record.tagset import clean_label, find_label
from store.search.spans import match_spans

if TYPE_CHECKING:
    from store.search.index import Built, Order, SearchHit
    from store.story.compare import CompareGroup

__all__ = ["ImportReport", "Store", "now_iso"]

class Store(OpenStore):
    """A store folder, opened for writing (a lock taken for each write) or read-only (no writes): what
    a user can ask of it."""

    # --- articles -------------------------------------------------------------------------

    def is_empty(self) -> bool:
        return not self.library.summaries()

    def summaries(self) -> list[Summary]:
        """Every article without its text, with its count of tagged claims."""
        return list(self.listing().values())

    def listing(self) -> Listing:
        """The same by id, each built only when asked for (the reader's list shows a screenful); with `by_date()`, the list's order."""
        return self.library.summaries().with_tag_counts(self.book.tag_counts())

    def article(self, article_id: str) -> Article:
        article = self.library.get(article_id)
        if article is None:
            raise NotFound(f"article {article_id!r}: no such article in {self.folder}")
        return article

    def find_articles(self, article_ids: Iterable[str]) -> dict[str, Article]:
        """The articles of these ids that the store holds, by id; each shard read once."""
        return self.library.get_many(list(article_ids))

    def articles(self, article_ids: Iterable[str] | None = None) -> list[Article]:
        """Articles in the order asked (all, in catalog order, by default), to be written out (figures,
        a bundle, an annotated export): each shard read once, each record checked whole, so a damaged
        figure is refused in one line rather than copied out (~80 us a brief)."""
        wanted = list(self.library.summaries() if article_ids is None else article_ids)
        found = self.library.get_many(wanted, whole=True)
        missing = next((article_id for article_id in wanted if article_id not in found), None)
        if missing is not None:
            raise NotFound(f"article {missing!r}: no such article in {self.folder}")
        return [found[article_id] for article_id in wanted]

    def resolve(self, prefix: str) -> str:
        """The id of the one article whose id starts with `prefix` (ids are long to type)."""
        known = self.library.summaries()
        if prefix in known:
            return prefix
        if not prefix.strip():
            raise InvalidRequest("article '': expected a brief's id or its first characters; `newsbrief list` shows the ids")
        matches = [article_id for article_id in known if article_id.startswith(prefix)] if prefix else []
        if not matches:
            raise NotFound(f"article {prefix!r}: no article id starts with that; `newsbrief list` shows the ids")
        if len(matches) > 1:
            raise InvalidRequest(f"article {prefix!r}: {len(matches)} article ids start with that; give more characters")
        return matches[0]

    def import_paths(
        self, paths: Iterable[str | Path], progress: Progress | None = None, *, update: bool = False, fields: FieldMap | None = None
    ) -> ImportReport:
        """Import files, folders and URLs; each bad file, line or entry is one error in the report, the rest go in.

        A new text at the url of a stored feed entry or page replaces that brief, its annotations
        moved by quote (see `store.library.revisions`); `update` refreshes stored briefs' metadata.
        """
        self._require_writable()
        report = self.library.import_paths(paths, self._writing, progress, update=update, fields=fields)
        if report.replaced:
            with self._writing():
                for stored_id, new_id in report.replaced:
                    report.updated.append(new_id)
                    report.notices.append(self._replace_brief(stored_id, new_id))
        return report

    def import_articles(self, articles: list[Article]) -> ImportReport:
        """Shelve articles already built (a bundle's briefs), less those the store holds."""
        return self.library.import_articles(articles, self._writing)

    def import_seeds(self, progress: Progress | None = None) -> ImportReport:
        return self.import_paths([seeds_dir()], progress)

    def edit(self, article_id: str, *, date: str | None = None, source: str | None = None, url: str | None = None) -> Article:
        """Set a brief's date (ISO YYYY-MM-DD), source or url by hand; a new date reorders its repeats.

        Undoable like any other change of the session; setting what is already there writes nothing.
        """
        with self._writing():
            before = self.article(article_id)
            after = before.dating
            if date is not None:
                after = dataclasses.replace(after, published=checked_date(date), published_inferred=False)
            if source is not None:
                after = dataclasses.replace(after, source=checked_source(source))
            if url is not None:
                after = dataclasses.replace(after, url=checked_url(url))
            if after != before.dating:
                self._apply(f"edit of {before.title!r}", BriefEdit(article_id, before.dating, after))
            return self.article(article_id)

    def search(
        self, query: str, *, tag: str | None = None, by: Order = "relevance", limit: int = 20, progress: Built | None = None
    ) -> list[SearchHit]:
        """Briefs whose title or text has every word of `query` (see `store.search.query`), best or
        newest first, only those with a claim tagged `tag` when given. An index behind the briefs
        (a crash, a store older than search) catches up first, with `progress`."""
        within = None
        if tag is not None:
            label = self._known_label(tag)
            within = {a.article_id for a in self.book.annotations.values() if label in a.tags}
        self.catch_up_search(progress)
        return self.library.search(query, within=within, by=by, limit=limit)

    def search_matching(self, query: str, progress: Built | None = None) -> set[str]:
        """Every brief whose title or text has every word of `query`, unordered (the reader's list
        keeps its own order and tag filter)."""
        self.catch_up_search(progress)
        return self.library.search_matching(query)

    def search_behind(self) -> bool:
        """Whether the next search must first index briefs (a crash, a store older than search, an
        older format: at 100,000 briefs a rebuild of 40 s); read-only, it never can, so never must."""
        return not self.readonly and self.library.search_behind()

    def catch_up_search(self, progress: Built | None = None) -> None:
        """Index what the index misses, if anything (every search does this first)."""
        if self.search_behind():
            with self._writing():
                self.library.catch_up_search(progress)

    def match_spans(self, query: str, article_id: str) -> tuple[Span, ...]:
        """Where `query` matches in a brief's text, for highlighting (the index keeps no texts)."""
        return match_spans(query, self.article(article_id).text)

    def rebuild_search(self, progress: Built | None = None) -> None:
        """Build the search index anew from every brief (`newsbrief search --rebuild`)."""
        with self._writing():
            self.library.rebuild_search(progress)

    # --- tags -------------------------------------------------------------------------------

    def tags(self) -> list[str]:
        return list(self.book.tags)

    def add_tag(self, label: str) -> str:
        with self._writing():
            label = clean_label(label)
            if find_label(self.book.tags, label) is not None:
                raise InvalidRequest(f"tag {label!r}: already in the tag set")
            self._apply(f"add tag {label!r}", TagSetChange(self.book.tags, (*self.book.tags, label)))
            return label

    def rename_tag(self, old: str, new: str) -> str:
        with self._writing():
            old = self._known_label(old)
            new = clean_label(new)
            clash = find_label(self.book.tags, new)
            if clash is not None and self.book.tags[clash] != old:
                raise InvalidRequest(f"tag {new!r}: already in the tag set")
            renamed = tuple(new if t == old else t for t in self.book.tags)
            changes: list[Change] = [TagSetChange(self.book.tags, renamed)]
            for annotation in self.book.annotations.values():
                if old in annotation.tags:
                    tags = tuple(new if t == old else t for t in annotation.tags)
                    changes.append(AnnotationChange(annotation, dataclasses.replace(annotation, tags=tags, modified=now_iso())))
            self._apply(f"rename tag {old!r} to {new!r}", *changes)
            return new

    def move_tag(self, label: str, index: int) -> None:
        with self._writing():
            label = self._known_label(label)
            order = [t for t in self.book.tags if t != label]
            order.insert(max(0, min(index, len(order))), label)
            self._apply(f"move tag {label!r}", TagSetChange(self.book.tags, tuple(order)))

    def remove_tag(self, label: str) -> int:
        """Take a tag out of the tag set and off every annotation (one left with nothing goes); how many it was on."""
        with self._writing():
            label = self._known_label(label)
            changes: list[Change] = [TagSetChange(self.book.tags, tuple(t for t in self.book.tags if t != label))]
            for annotation in self.book.annotations.values():
                if label in annotation.tags:
                    after = dataclasses.replace(annotation, tags=tuple(t for t in annotation.tags if t != label), modified=now_iso())
                    changes.append(AnnotationChange(annotation, None if after.is_empty else after))
            self._apply(f"remove tag {label!r}", *changes)
            return len(changes) - 1

    def _known_label(self, label: str) -> str:
        index = find_label(self.book.tags, label)
        if index is None:
            raise NotFound(f"tag {label!r}: not in the tag set ({', '.join(self.book.tags)})")
        return self.book.tags[index]

    # --- annotations ------------------------------------------------------------------------

    def annotations(self, article_id: str | None = None) -> list[Annotation]:
        """Annotations of one article (or all), in text order."""
        chosen = self.book.annotations.values() if article_id is None else self.book.annotations_of(article_id)
        return sorted(chosen, key=lambda a: (a.article_id, a.start, a.end, a.created))

    def annotation_at(self, article_id: str, start: int, end: int) -> Annotation | None:
        """The annotation on exactly this span, if any: a claim's identity is its span."""
        return next((a for a in self.book.annotations_of(article_id) if a.span == (start, end)), None)

    def annotate(self, article_id: str, start: int, end: int, *, tags: Iterable[str] = (), note: str | None = None) -> Annotation:
        """Tag a span (adding to an annotation already on it) and return the annotation as stored."""
        with self._writing():
            labels = [self._known_label(t) for t in tags]
            note = checked_note(note)
            existing = self.annotation_at(article_id, start, end)
            if existing is None:
                after = self._new_annotation(article_id, (start, end), labels, note)
            else:
                merged = existing.tags + tuple(t for t in labels if t not in existing.tags)
                after = dataclasses.replace(existing, tags=merged, note=note if note is not None else existing.note, modified=now_iso())
            self._apply("annotate", AnnotationChange(existing, after))
            return after

    def toggle_tag(self, article_id: str, start: int, end: int, tag: str) -> Annotation | None:
        """Add the tag to the span's annotation, or take it off; an annotation left bare goes away."""
        with self._writing():
            label = self._known_label(tag)
            existing = self.annotation_at(article_id, start, end)
            after: Annotation | None
            if existing is None:
                after, verb = self._new_annotation(article_id, (start, end), [label], None), "tag"
            else:
                on = label in existing.tags
                tags = tuple(t for t in existing.tags if t != label) if on else (*existing.tags, label)
                after = _unless_empty(dataclasses.replace(existing, tags=tags, modified=now_iso()))
                verb = "untag" if on else "tag"
            self._apply(f"{verb} {label!r}", AnnotationChange(existing, after))
            return after

    def set_note(self, article_id: str, start: int, end: int, note: str | None) -> Annotation | None:
        """Write (or with an empty note, clear) the note of the span's annotation."""
        with self._writing():
            note = checked_note(note) if note and note.strip() else None
            existing = self.annotation_at(article_id, start, end)
            after: Annotation | None
            if existing is None:
                if note is None:
                    return None
                after = self._new_annotation(article_id, (start, end), [], note)
            else:
                after = _unless_empty(dataclasses.replace(existing, note=note, modified=now_iso()))
            self._apply("note" if note else "clear note", AnnotationChange(existing, after))
            return after

    def remove_annotation(self, annotation_id: str) -> None:
        with self._writing():
            existing = self.book.annotations.get(annotation_id)
            if existing is None:
                raise NotFound(f"annotation {annotation_id!r}: no such annotation")
            self._apply("remove annotation", AnnotationChange(existing, None))

    def add_annotations(self, annotations: list[Annotation], tags: Iterable[str] = ()) -> None:
        """Put whole annotations in, ids and times kept (import of an export): all or none.

        Labels in `tags` join the tag set first. Each annotation must fit its article's text.
        """
        with self._writing():
            labels = list(self.book.tags)
            for tag in tags:
                label = clean_label(tag)
                if find_label(labels, label) is None:
                    labels.append(label)
            changes: list[Change] = [TagSetChange(self.book.tags, tuple(labels))] if tuple(labels) != self.book.tags else []
            for annotation in annotations:
                self._check_span(annotation.article_id, annotation.span)
                changes.append(AnnotationChange(self.book.annotations.get(annotation.id), annotation))
            self._apply("import annotations", *changes)

    def _new_annotation(self, article_id: str, span: Span, tags: list[str], note: str | None) -> Annotation:
        return Annotation.new(self._check_span(article_id, span), span, tags, note, now_iso())

    def _check_span(self, article_id: str, span: Span) -> Article:
        article = self.article(article_id)
        start, end = span
        if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(article.text)):
            raise InvalidRequest(
                f"span {start}:{end}: outside article {article_id} (expected 0 <= start < end <= {len(article.text)})"
            )
        return article

    # --- reviewed briefs ----------------------------------------------------------------------

    def reviewed(self) -> frozenset[str]:
        """The ids of the briefs marked reviewed (`newsbrief list` and the reader's list show them)."""
        return self.book.reviewed & self.library.summaries().keys()

    def set_reviewed(self, article_ids: Iterable[str], reviewed: bool = True) -> int:
        """Mark briefs reviewed (or not); undoable as one action; how many changed."""
        with self._writing():
            wanted = list(dict.fromkeys(article_ids))
            for article_id in wanted:
                self.article(article_id)
            changes = [ReviewChange(i, not reviewed, reviewed) for i in wanted if (i in self.book.reviewed) != reviewed]
            if changes:
                label = "mark reviewed" if reviewed else "mark not reviewed"
                self._apply(label if len(changes) > 1 else f"{label}: {self.article(changes[0].article_id).title!r}", *changes)
            return len(changes)

    def toggle_reviewed(self, article_id: str) -> bool:
        """Mark a brief reviewed, or not any more; whether it is reviewed now."""
        with self._writing():
            now = article_id not in self.book.reviewed
            self.set_reviewed([article_id], now)
            return now

    # --- the compare view -------------------------------------------------------------------

    def compare(self, order: str = "brief", progress: Callable[[int, int], None] | None = None) -> list[CompareGroup]:
        """Figures of every brief grouped by what they measure (see `store.story.compare`): the groups
        saved when they were last made, brought up to date with what changed since, else made from the
        compare index (`progress(done, total)`, which may raise to stop); see `store.library.compare_groups`."""
        from store.library.compare_groups import compare_groups  # here: the grouping's code is not the first screen's (~10 ms of imports)

        return compare_groups(self.library, self.book.regrouping, order, progress, None if self.readonly else self._writing)

    def regrouping(self) -> Regrouping:
        return self.book.regrouping

    def move_figure(self, article_id: str, start: int, group: str, *, new: bool = False) -> None:
        """Put the figure starting at `start` in another compare group: one that exists, or with
        `new` a group of its own named `group`."""
        with self._writing():
            if not any(f.start == start for f in self.article(article_id).figures):
                raise NotFound(f"figure at {start}: article {article_id} has no figure starting there")
            group = checked_group(group)
            shown = self._group_ids()
            if new and group in shown:
                raise InvalidRequest(f"group {group!r}: already a compare group (move the figure there without asking for a new one)")
            if not new:
                self._check_groups(shown, group)
            before = self.book.regrouping
            self._apply(f"move figure to {group!r}", RegroupChange(before, before.with_move(article_id, start, group)))

    def rename_group(self, group: str, name: str) -> None:
        """Show compare group `group` as `name` from now on (a merge into a new group; unmerge undoes it)."""
        with self._writing():
            group, name = checked_group(group), checked_group(name)
            shown = self._group_ids()
            self._check_groups(shown, group)
            if name in shown or name.startswith("other:"):
                raise InvalidRequest(f"group {name!r}: already a compare group's name (merge into it instead)")
            before = self.book.regrouping
            self._apply(f"rename {group!r} to {name!r}", RegroupChange(before, before.with_merge(group, name)))

    def add_regrouping(self, moves: dict[str, str], merges: dict[str, str]) -> int:
        """Moves ("ARTICLE_ID:START" -> group) and merges recorded elsewhere (a bundle's), as they were
        made there: groups they name need not exist here yet. One undoable change; how many were new."""
        with self._writing():
            before = after = self.book.regrouping
            for key, group in moves.items():
                article_id, _, start = key.rpartition(":")
                if after.moves.get(key) != group:
                    if not start.isdigit() or not any(f.start == int(start) for f in self.article(article_id).figures):
                        raise NotFound(f"figure at {start}: article {article_id} has no figure starting there")
                    after = after.with_move(article_id, int(start), checked_group(group))
            for group, into in merges.items():
                if after.merges.get(group) != into:
                    after = after.with_merge(checked_group(group), checked_group(into))
                    if after.loops_from(group):
                        raise InvalidRequest(f"group {group!r}: merging it into {into!r} would make a loop")
            added = len(after.moves.items() - before.moves.items()) + len(after.merges.items() - before.merges.items())
            if added:
                self._apply("regrouping from a bundle", RegroupChange(before, after))
            return added

    def _group_ids(self) -> set[str]:
        """The compare groups shown now, and those merged or moved into (which a change may name)."""
        regrouping = self.book.regrouping
        return {g.id for g in self.compare()} | set(regrouping.merges) | set(regrouping.moves.values())

    @staticmethod
    def _check_groups(shown: set[str], *names: str) -> None:
        unknown = next((name for name in names if name not in shown), None)
        if unknown is not None:
            raise NotFound(f"group {unknown!r}: no such compare group (`newsbrief compare --json` lists their ids)")

    def merge_groups(self, group: str, into: str) -> None:
        """Show compare group `group` as part of `into` from now on."""
        with self._writing():
            group, into = checked_group(group), checked_group(into)
            self._check_groups(self._group_ids(), group, into)
            before = self.book.regrouping
            after = before.with_merge(group, into)
            if after.loops_from(group):
                raise InvalidRequest(f"group {group!r}: merging it into {into!r} would make a loop")
            self._apply(f"merge {group!r} into {into!r}", RegroupChange(before, after))

    def unmerge_group(self, group: str) -> None:
        """Show a merged group on its own again."""
        with self._writing():
            before = self.book.regrouping
            if group not in before.merges:
                raise NotFound(f"group {group!r}: not merged into another group")
            self._apply(f"unmerge {group!r}", RegroupChange(before, before.without_merge(group)))

    # --- removing briefs, and new versions of them (store.library.revisions) -------------------

    def remove(self, article_ids: list[str]) -> list[Removed]:
        """Remove briefs with their annotations and reviewed marks, as one action that undo puts back
        (annotations are written first: a crash leaves a brief without them, never annotations
        without a brief)."""
        with self._writing():
            wanted = list(dict.fromkeys(article_ids))
            articles = [self.article(i) for i in wanted]
            removed = [Removed(a.id, a.title, len(self.annotations(a.id))) for a in articles]
            changes: list[Change] = [AnnotationChange(a, None) for i in wanted for a in self.annotations(i)]
            changes += [ReviewChange(i, True, False) for i in wanted if i in self.book.reviewed]
            changes += [BriefPresence(article, True, False) for article in articles]
            title = f"removal of {articles[0].title!r}" if len(articles) == 1 else f"removal of {len(articles)} briefs"
            self._apply(title, *changes)
            return removed

    def _replace_brief(self, stored_id: str, new_id: str) -> str:
        """Move a replaced brief's annotations to its new text by quote (orphans kept aside), then
        remove it; the line that says what happened."""
        from store.library.revisions import keep_orphans, reanchor

        stored, new = self.article(stored_id), self.article(new_id)
        placed = reanchor(self.annotations(stored_id), new)
        kept = f"; {len(placed.orphaned)} orphaned (quote gone; kept in {keep_orphans(self.folder, stored, placed.orphaned, now_iso())})" if placed.orphaned else ""
        moves = [AnnotationChange(a, None) for a in placed.orphaned] + [AnnotationChange(self.book.annotations[a.id], a) for a in placed.moved]
        if moves:
            self.book.write(moves)
        self.library.remove({stored_id})
        self._history = History()
        return f"{stored_id} -> {new_id}: text changed at {new.url}; {len(placed.moved)} annotations re-anchored{kept}"

def _unless_empty(annotation: Annotation) -> Annotation | None:
    return None if annotation.is_empty else annotation

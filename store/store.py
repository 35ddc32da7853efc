"""The Store: articles on their shelf (catalog and shards), annotations and tags in their own file.

Everything a user can do from the keyboard is a method here first. The store loads what the screen
needs once at open and answers from memory; each write goes through TinyDB to an atomic file write
and is on disk before the method returns. A tag keystroke rewrites only the small annotations file.
"""

from __future__ import annotations

import copy
import functools
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from tinydb.table import Document

from store.errors import IngestError, InvalidRequest, NotFound, ReadOnlyStore
from store.extract.dating import infer_date, usual_year
from store.persist.db import open_db, storage_of
from store.persist.lock import StoreLock
from store.persist.paths import default_store_dir, seeds_dir
from store.persist.shelf import SHARD_FOLDER, Shelf
from store.record.history import ARTICLE, COMPARE, TAGS, Action, Change, History
from store.record.tagset import DEFAULT_TAGS, clean_label
from store.safe_text import lone_surrogate
from store.story.compare import compare_figures, empty_overrides
from store.story.repeats import REPEATS_FILE, RepeatIndex, apply_marks

if TYPE_CHECKING:
    from store.extract.signatures import Signatures
    from store.library.fields import FieldMap
    from store.library.ingest import Source

ANNOTATIONS_FILE = "annotations.json"
CONTEXT_CHARS = 32  # prefix and suffix kept with each annotation
IMPORT_BATCH = 5000  # briefs per write during import: one write per shard per batch, never one per brief

Progress = Callable[[int, int, "ImportReport"], None]  # (files done, files in all, the counts so far)


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


@dataclass(frozen=True)
class Removed:
    """A brief `remove` took away, and how many annotations went with it."""

    id: str
    title: str
    annotations: int


@dataclass
class ImportReport:
    added: list[str] = field(default_factory=list)  # article ids, in import order
    unchanged: int = 0  # briefs already in the store
    errors: list[IngestError] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)  # ids of stored briefs given a new text or (--update) new metadata
    notices: list[str] = field(default_factory=list)  # one line for each update: what changed, where its annotations went


class Store:
    """A store folder, opened for writing (holding its lock) or read-only (no lock, no writes)."""

    def __init__(self, folder: str | Path | None = None, *, readonly: bool = False, wait: float = 2.0) -> None:
        self.folder = Path(folder) if folder is not None else default_store_dir()
        self.readonly = readonly
        self._lock: StoreLock | None = None
        self._repeats_db = None  # opened by the first import or date edit, never by the reader
        self._repeats: RepeatIndex | None = None
        if not readonly:
            try:
                self.folder.mkdir(parents=True, exist_ok=True)
            except OSError as error:
                raise InvalidRequest(f"{self.folder}: cannot create the store folder ({error.strerror})") from None
            self._lock = StoreLock(self.folder)
            self._lock.acquire(wait)
            _remove_unfinished_writes(self.folder)
        try:
            self._shelf = Shelf(self.folder, readonly=readonly)
            self._annotations_db = open_db(self.folder / ANNOTATIONS_FILE, readonly=readonly)
            self._load_annotations()
        except BaseException:
            self.close()
            raise
        self._history = History()

    # --- opening and closing ------------------------------------------------------------

    def _load_annotations(self) -> None:
        """Read the annotations file once: annotations by id, and the tag list."""
        self._annotation_docs: dict[str, int] = {}
        self._annotations: dict[str, dict] = {}
        for doc in self._annotations_db.table("annotations").all():
            self._annotation_docs[doc["id"]] = doc.doc_id
            self._annotations[doc["id"]] = dict(doc)
        tag_docs = self._annotations_db.table("tags").all()
        self._tags: list[str] = list(tag_docs[0]["labels"]) if tag_docs else list(DEFAULT_TAGS)
        compare_docs = self._annotations_db.table("compare").all()
        self._compare: dict = dict(compare_docs[0]) if compare_docs else empty_overrides()

    def close(self) -> None:
        for name in ("_shelf", "_annotations_db", "_repeats_db"):
            opened = getattr(self, name, None)
            if opened is not None:
                opened.close()
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _require_writable(self) -> None:
        if self.readonly:
            raise ReadOnlyStore(f"{self.folder}: the store is open read-only; nothing was written")

    # --- articles -------------------------------------------------------------------------

    def is_empty(self) -> bool:
        return not self._shelf.summaries()

    def summaries(self) -> list[dict]:
        """Every article without its text: id, title, published, source, figure and tag counts."""
        tagged: dict[str, int] = {}
        for annotation in self._annotations.values():
            if annotation["tags"]:
                tagged[annotation["article_id"]] = tagged.get(annotation["article_id"], 0) + 1
        return [{**summary, "tag_count": tagged.get(article_id, 0)} for article_id, summary in self._shelf.summaries().items()]

    def article(self, article_id: str) -> dict:
        """The full article record: text, sentences and figures included."""
        article = self._shelf.get(article_id)
        if article is None:
            raise NotFound(f"article {article_id!r}: no such article in {self.folder}")
        return article

    def resolve(self, prefix: str) -> str:
        """The id of the one article whose id starts with `prefix` (ids are long to type)."""
        known = self._shelf.summaries()
        if prefix in known:
            return prefix
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

        A new text from the url of a stored feed entry or page replaces that brief; with `update`, a
        brief already stored takes the metadata the import gives it.
        """
        # Here, not at the top: the extractor's patterns take ~150 ms to compile, which the reader,
        # opening on a store that is already filled, should not pay before its first screen.
        from store.library.importer import articles_from_source
        from store.library.ingest import find_sources
        from store.library.revisions import Revisions
        from store.library.workers import map_in_workers

        self._require_writable()
        report = ImportReport()
        sources: list[Source] = []
        for found in find_sources(list(paths)):
            if isinstance(found, IngestError):
                report.errors.append(found)
            else:
                sources.append(found)
        batch: list[tuple[dict, Signatures]] = []
        revisions = Revisions(self._shelf.summaries())
        renewed: list[tuple[str, dict]] = []  # (stored id, incoming record): --update metadata, or a new text
        built = map_in_workers(functools.partial(articles_from_source, imported_at=now_iso(), fields=fields), sources)
        for number, (articles, errors) in enumerate(built, 1):
            report.errors.extend(errors)
            for article in articles:
                verdict = revisions.judge(article.record, article.identified_by_url)
                if verdict.kind == "same":
                    report.unchanged += 1
                    if update:
                        renewed.append((article.record["id"], article.record))
                    continue
                batch.append((article.record, article.signatures))
                if verdict.kind == "replaces" and verdict.stored:
                    renewed.append((verdict.stored, article.record))
                else:
                    report.added.append(article.record["id"])
            if len(batch) >= IMPORT_BATCH:
                self._insert_articles(batch)
                batch = []
            if progress:
                progress(number, len(sources), report)
        if batch:
            self._insert_articles(batch)
        for stored_id, record in renewed:
            self._renew(stored_id, record, report)
        return report

    def _insert_articles(self, batch: list[tuple[dict, Signatures]]) -> None:
        """Date what the text dates, mark repeated paragraphs, then shelve: repeats file first, catalog last."""
        records = [record for record, _ in batch]
        summaries = self._shelf.summaries()
        year = usual_year([s["published"] for s in summaries.values()] + [r["published"] for r in records])
        for record in records:
            if record["published"] is None and (inferred := infer_date(record["text"], year)):
                record["published"], record["published_inferred"] = inferred, True
                _redate_figures(record)
        try:
            index = self._repeat_index()
            touched = set().union(*(index.place(record, signatures) for record, signatures in batch))
            new = {record["id"]: record for record in records}
            dates = {**{i: s["published"] for i, s in summaries.items()}, **{i: r["published"] for i, r in new.items()}}
            changed = self._mark_repeats(index.marks(touched, _earlier(dates, [*summaries, *new])), new)
            index.save()
            self._shelf.add(records)
            self._shelf.replace(changed)
        except BaseException:
            self._reopen_shelf()
            raise

    def _repeat_index(self) -> RepeatIndex:
        if self._repeats is None:
            self._repeats_db = open_db(self.folder / REPEATS_FILE, readonly=self.readonly)
            self._repeats = RepeatIndex(self._repeats_db, set(self._shelf.summaries()))
        return self._repeats

    def _mark_repeats(self, marks: dict[str, dict], new: dict[str, dict]) -> list[dict]:
        """Mark paragraphs of new records in place; the stored articles whose marks changed, updated."""
        changed = []
        stored = self.articles([article_id for article_id in marks if article_id not in new])
        for record in [*(new[i] for i in marks if i in new), *stored]:
            if apply_marks(record, marks[record["id"]]) and record["id"] not in new:
                changed.append(record)
        return changed

    def _reopen_shelf(self) -> None:
        """Back to what is on disk after a failed write."""
        self._shelf.close()
        self._shelf = Shelf(self.folder, readonly=self.readonly)
        if self._repeats_db is not None:
            self._repeats_db.close()
        self._repeats_db = self._repeats = None

    def edit(self, article_id: str, *, date: str | None = None, source: str | None = None, url: str | None = None) -> dict:
        """Set a brief's date (ISO YYYY-MM-DD), source or url by hand; a new date reorders its repeats.

        Undoable like any other change of the session; setting what is already there writes nothing.
        """
        self._require_writable()
        record = self.article(article_id)
        before = _edited_fields(record)
        after = dict(before)
        if date is not None:
            after["published"], after["published_inferred"] = _checked_date(date), False
        if source is not None:
            after["source"] = _checked_source(source)
        if url is not None:
            after["url"] = _checked_url(url)
        if after != before:
            self._apply(Action(f"edit of {record['title']!r}", (Change(ARTICLE + article_id, before, after),)))
        return copy.deepcopy(self.article(article_id))

    def _write_article(self, article_id: str, fields: dict) -> None:
        """Write a brief's edited fields, and the repeat marks a new date moves, in one shelf write."""
        record = self.article(article_id)
        redate = record["published"] != fields["published"]
        record.update(fields)
        changed = {article_id: record}
        try:
            if redate:
                _redate_figures(record)
                index = self._repeat_index()
                dates = {i: s["published"] for i, s in self._shelf.summaries().items()} | {article_id: record["published"]}
                marks = index.marks(index.groups_of(article_id), _earlier(dates, list(self._shelf.summaries())))
                for other in self._mark_repeats(marks, changed):
                    changed[other["id"]] = other
            self._shelf.replace(list(changed.values()))
        except BaseException:
            self._reopen_shelf()
            raise

    def import_seeds(self, progress: Progress | None = None) -> ImportReport:
        return self.import_paths([seeds_dir()], progress)

    # --- tags -------------------------------------------------------------------------------

    def tags(self) -> list[str]:
        return list(self._tags)

    def add_tag(self, label: str) -> str:
        label = clean_label(label)
        if _find_label(self._tags, label) is not None:
            raise InvalidRequest(f"tag {label!r}: already in the tag set")
        self._apply(Action(f"add tag {label!r}", (Change(TAGS, self.tags(), [*self._tags, label]),)))
        return label

    def rename_tag(self, old: str, new: str) -> str:
        old = self._known_label(old)
        new = clean_label(new)
        clash = _find_label(self._tags, new)
        if clash is not None and self._tags[clash] != old:
            raise InvalidRequest(f"tag {new!r}: already in the tag set")
        changes = [Change(TAGS, self.tags(), [new if t == old else t for t in self._tags])]
        for annotation in self._annotations.values():
            if old in annotation["tags"]:
                after = {**annotation, "tags": [new if t == old else t for t in annotation["tags"]], "modified": now_iso()}
                changes.append(Change(annotation["id"], annotation, after))
        self._apply(Action(f"rename tag {old!r} to {new!r}", tuple(changes)))
        return new

    def move_tag(self, label: str, index: int) -> None:
        label = self._known_label(label)
        order = [t for t in self._tags if t != label]
        order.insert(max(0, min(index, len(order))), label)
        self._apply(Action(f"move tag {label!r}", (Change(TAGS, self.tags(), order),)))

    def _known_label(self, label: str) -> str:
        index = _find_label(self._tags, label)
        if index is None:
            raise NotFound(f"tag {label!r}: not in the tag set ({', '.join(self._tags)})")
        return self._tags[index]

    # --- annotations ------------------------------------------------------------------------

    def annotations(self, article_id: str | None = None) -> list[dict]:
        """Annotations of one article (or all), in text order; copies, safe to keep."""
        chosen = [a for a in self._annotations.values() if article_id is None or a["article_id"] == article_id]
        return [copy.deepcopy(a) for a in sorted(chosen, key=lambda a: (a["article_id"], a["start"], a["end"], a["created"]))]

    def annotation_at(self, article_id: str, start: int, end: int) -> dict | None:
        """The annotation on exactly this span, if any: a claim's identity is its span."""
        for annotation in self._annotations.values():
            if annotation["article_id"] == article_id and annotation["start"] == start and annotation["end"] == end:
                return copy.deepcopy(annotation)
        return None

    def annotate(self, article_id: str, start: int, end: int, *, tags: Iterable[str] = (), note: str | None = None) -> dict:
        """Tag a span (adding to an annotation already on it) and return the annotation as stored."""
        labels = [self._known_label(t) for t in tags]
        note = _checked_note(note)
        existing = self.annotation_at(article_id, start, end)
        if existing is None:
            after = self._new_annotation(article_id, start, end, labels, note)
        else:
            merged = existing["tags"] + [t for t in labels if t not in existing["tags"]]
            after = {**existing, "tags": merged, "note": note if note is not None else existing["note"], "modified": now_iso()}
        self._apply(Action("annotate", (Change(after["id"], existing, after),)))
        return copy.deepcopy(after)

    def toggle_tag(self, article_id: str, start: int, end: int, tag: str) -> dict | None:
        """Add the tag to the span's annotation, or take it off; an annotation left bare goes away."""
        label = self._known_label(tag)
        existing = self.annotation_at(article_id, start, end)
        if existing is None:
            after = self._new_annotation(article_id, start, end, [label], None)
            verb = "tag"
        else:
            on = label in existing["tags"]
            tags = [t for t in existing["tags"] if t != label] if on else existing["tags"] + [label]
            after = {**existing, "tags": tags, "modified": now_iso()}
            if not tags and not existing["note"]:
                after = None
            verb = "untag" if on else "tag"
        key = (after or existing)["id"]
        self._apply(Action(f"{verb} {label!r}", (Change(key, existing, after),)))
        return copy.deepcopy(after)

    def set_note(self, article_id: str, start: int, end: int, note: str | None) -> dict | None:
        """Write (or with an empty note, clear) the note of the span's annotation."""
        note = _checked_note(note) if note and note.strip() else None
        existing = self.annotation_at(article_id, start, end)
        if existing is None:
            if note is None:
                return None
            after = self._new_annotation(article_id, start, end, [], note)
        else:
            after = {**existing, "note": note, "modified": now_iso()}
            if not existing["tags"] and note is None:
                after = None
        key = (after or existing)["id"]
        self._apply(Action("note" if note else "clear note", (Change(key, existing, after),)))
        return copy.deepcopy(after)

    def remove_annotation(self, annotation_id: str) -> None:
        existing = self._annotations.get(annotation_id)
        if existing is None:
            raise NotFound(f"annotation {annotation_id!r}: no such annotation")
        self._apply(Action("remove annotation", (Change(annotation_id, copy.deepcopy(existing), None),)))

    def add_annotations(self, records: list[dict], tags: Iterable[str] = ()) -> None:
        """Put whole annotation records in, ids and times kept (import of an export): all or none.

        Labels in `tags` join the tag set first. Each record must fit its article's text.
        """
        labels = self.tags()
        for tag in tags:
            label = clean_label(tag)
            if _find_label(labels, label) is None:
                labels.append(label)
        changes = [Change(TAGS, self.tags(), labels)] if labels != self._tags else []
        for record in records:
            self._check_span(record["article_id"], record["start"], record["end"])
            changes.append(Change(record["id"], copy.deepcopy(self._annotations.get(record["id"])), copy.deepcopy(record)))
        self._apply(Action("import annotations", tuple(changes)))

    def _new_annotation(self, article_id: str, start: int, end: int, tags: list[str], note: str | None) -> dict:
        article = self._check_span(article_id, start, end)
        text = article["text"]
        stamp = now_iso()
        return {
            "id": uuid.uuid4().hex,
            "article_id": article_id,
            "article_sha256": article["sha256"],
            "start": start,
            "end": end,
            "quote": text[start:end],
            "prefix": text[max(0, start - CONTEXT_CHARS) : start],
            "suffix": text[end : end + CONTEXT_CHARS],
            "tags": tags,
            "note": note,
            "created": stamp,
            "modified": stamp,
        }

    def _check_span(self, article_id: str, start: int, end: int) -> dict:
        article = self.article(article_id)
        if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(article["text"])):
            raise InvalidRequest(
                f"span {start}:{end}: outside article {article_id} (expected 0 <= start < end <= {len(article['text'])})"
            )
        return article

    def find_articles(self, article_ids: Iterable[str]) -> dict[str, dict]:
        """The articles of these ids that the store holds, by id; each shard read once."""
        return self._shelf.get_many(list(article_ids))

    def articles(self, article_ids: Iterable[str] | None = None) -> list[dict]:
        """Full article records, in the order asked (all, in catalog order, by default).

        Cheaper than `article` in a loop: each shard is read once, not once per brief.
        """
        wanted = list(self._shelf.summaries() if article_ids is None else article_ids)
        found = self.find_articles(wanted)
        missing = next((article_id for article_id in wanted if article_id not in found), None)
        if missing is not None:
            raise NotFound(f"article {missing!r}: no such article in {self.folder}")
        return [found[article_id] for article_id in wanted]

    # --- the compare view -------------------------------------------------------------------

    def compare(self) -> list[dict]:
        """Figures of every brief grouped by what they measure (see `store.compare`)."""
        return compare_figures(self.articles(), self._compare)

    def compare_overrides(self) -> dict:
        return copy.deepcopy(self._compare)

    def move_figure(self, article_id: str, start: int, group: str) -> None:
        """Put the figure starting at `start` in another compare group (new or existing)."""
        if not any(f["start"] == start for f in self.article(article_id)["figures"]):
            raise NotFound(f"figure at {start}: article {article_id} has no figure starting there")
        group = _checked_group(group)
        after = copy.deepcopy(self._compare)
        after["moves"][f"{article_id}:{start}"] = group
        self._apply(Action(f"move figure to {group!r}", (Change(COMPARE, self.compare_overrides(), after),)))

    def merge_groups(self, group: str, into: str) -> None:
        """Show compare group `group` as part of `into` from now on."""
        group, into = _checked_group(group), _checked_group(into)
        after = copy.deepcopy(self._compare)
        after["merges"][group] = into
        target, seen = into, {group}
        while target in after["merges"]:
            if target in seen:
                raise InvalidRequest(f"group {group!r}: merging it into {into!r} would make a loop")
            seen.add(target)
            target = after["merges"][target]
        if target in seen:
            raise InvalidRequest(f"group {group!r}: merging it into {into!r} would make a loop")
        self._apply(Action(f"merge {group!r} into {into!r}", (Change(COMPARE, self.compare_overrides(), after),)))

    # --- undo and redo ------------------------------------------------------------------------

    def undo(self) -> str | None:
        """Undo the newest action of this session; what was undone, or None when nothing is left."""
        action = self._history.next_undo()
        if action is None:
            return None
        self._write(action.inverse())
        self._history.mark_undone()
        return action.label

    def redo(self) -> str | None:
        action = self._history.next_redo()
        if action is None:
            return None
        self._write(action)
        self._history.mark_redone()
        return action.label

    # --- the one write path -----------------------------------------------------------------

    def _apply(self, action: Action) -> None:
        self._write(action)
        self._history.record(action)

    def _write(self, action: Action) -> None:
        """Write every change of an action in one atomic file write, then mirror it in memory.

        Brief edits (`ARTICLE` keys) live on the shelf, not in the annotations file: an action holds
        either those or annotation changes, never both (only `edit` makes them, one per action).
        """
        self._require_writable()
        if any(change.key.startswith(ARTICLE) for change in action.changes):
            assert all(change.key.startswith(ARTICLE) for change in action.changes), "an action mixes files"
            for change in action.changes:
                self._write_article(change.key.removeprefix(ARTICLE), change.after)
            return
        table = self._annotations_db.table("annotations")
        tag_table = self._annotations_db.table("tags")
        compare_table = self._annotations_db.table("compare")
        try:
            with storage_of(self._annotations_db).batch():
                for change in action.changes:
                    if change.key == TAGS:
                        tag_table.truncate()
                        tag_table.insert({"labels": list(change.after)})
                        continue
                    if change.key == COMPARE:
                        compare_table.truncate()
                        compare_table.insert(copy.deepcopy(change.after))
                        continue
                    doc_id = self._annotation_docs.get(change.key)
                    if change.after is None:
                        table.remove(doc_ids=[doc_id])
                        del self._annotation_docs[change.key]
                    elif doc_id is not None:  # every record has every field, so an update replaces it
                        table.update(copy.deepcopy(change.after), doc_ids=[doc_id])
                    else:
                        doc_id = max(self._annotation_docs.values(), default=0) + 1
                        table.insert(Document(copy.deepcopy(change.after), doc_id=doc_id))
                        self._annotation_docs[change.key] = doc_id
        except BaseException:
            self._load_annotations()
            raise
        for change in action.changes:
            if change.key == TAGS:
                self._tags = list(change.after)
            elif change.key == COMPARE:
                self._compare = copy.deepcopy(change.after)
            elif change.after is None:
                self._annotations.pop(change.key, None)
            else:
                self._annotations[change.key] = copy.deepcopy(change.after)


    # --- removing briefs, and new versions of them (store.library.revisions) -------------------

    def remove(self, article_ids: list[str]) -> list[Removed]:
        """Remove briefs with their annotations (annotations first: a crash leaves a brief without
        them, never annotations without a brief). Not undoable, so the session's undo history ends."""
        self._require_writable()
        removed = [Removed(i, self.article(i)["title"], len(self.annotations(i))) for i in dict.fromkeys(article_ids)]
        gone = [Change(a["id"], a, None) for i in dict.fromkeys(article_ids) for a in self.annotations(i)]
        if gone:
            self._write(Action("remove briefs", tuple(gone)))
        self._take_off_shelf(set(dict.fromkeys(article_ids)))
        self._history = History()
        return removed

    def _take_off_shelf(self, article_ids: set[str]) -> None:
        """Remove articles, and mark again the paragraphs that repeated theirs: repeats file first, catalog last."""
        try:
            index = self._repeat_index()
            touched = index.forget(article_ids)
            left = [i for i in self._shelf.summaries() if i not in article_ids]
            dates = {i: s["published"] for i, s in self._shelf.summaries().items()}
            changed = self._mark_repeats(index.marks(touched, _earlier(dates, left)), {})
            index.save()
            self._shelf.replace(changed)
            self._shelf.remove(sorted(article_ids))
        except BaseException:
            self._reopen_shelf()
            raise

    def _renew(self, stored_id: str, incoming: dict, report: ImportReport) -> None:
        """Give a stored brief the metadata of an import (--update), or replace it by its new text."""
        from store.library.revisions import keep_orphans, metadata_changes, reanchor

        stored = self.article(stored_id)
        if stored_id == incoming["id"]:
            changes = metadata_changes(stored, incoming)
            if changes:
                self._write_article(stored_id, {"published": stored["published"], **changes})
                report.updated.append(stored_id)
                report.notices.append(f"{stored_id}: updated {', '.join(sorted(changes.keys() - {'published_inferred'}))}")
            return
        new = self.article(incoming["id"])
        placed = reanchor(self.annotations(stored_id), new)
        where = f"; {len(placed.orphaned)} orphaned (quote gone; kept in {keep_orphans(self.folder, stored, placed.orphaned, now_iso())})" if placed.orphaned else ""
        moves = [Change(a["id"], a, None) for a in placed.orphaned] + [Change(a["id"], self._annotations[a["id"]], a) for a in placed.moved]
        if moves:
            self._write(Action("re-anchor annotations", tuple(moves)))
        self._take_off_shelf({stored_id})
        self._history = History()
        report.updated.append(new["id"])
        report.notices.append(f"{stored_id} -> {new['id']}: text changed at {new['url']}; {len(placed.moved)} annotations re-anchored{where}")


def _edited_fields(record: dict) -> dict:
    """What `edit` sets of a brief: the before and after of its undo record."""
    return {
        "published": record["published"],
        "published_inferred": record.get("published_inferred", False),
        "source": record["source"],
        "url": record.get("url"),
    }


def _checked_note(note: str | None) -> str | None:
    if note is not None and lone_surrogate(note):
        raise InvalidRequest("note: holds a lone surrogate (undecodable bytes or a \\ud800 escape); expected Unicode text")
    return note


def _checked_date(value: str) -> str:
    try:
        return date.fromisoformat(value.strip()).isoformat()
    except ValueError:
        raise InvalidRequest(f"date {value!r}: expected a date as YYYY-MM-DD") from None


def _checked_source(value: str) -> str:
    if not value.strip() or lone_surrogate(value):
        raise InvalidRequest(f"source {value!r}: expected the name of a publisher or person")
    return value.strip()


def _checked_url(value: str) -> str | None:
    """An http(s) URL, or None for an empty value (the url taken off)."""
    value = value.strip()
    if not value:
        return None
    if not value.lower().startswith(("http://", "https://")) or any(ch.isspace() for ch in value) or lone_surrogate(value):
        raise InvalidRequest(f"url {value!r}: expected an http:// or https:// address without spaces")
    return value


def _checked_group(value: str) -> str:
    if not isinstance(value, str) or not value.strip() or lone_surrogate(value):
        raise InvalidRequest(f"group {value!r}: expected a group name")
    return value.strip()


def _redate_figures(record: dict) -> None:
    """Its figures, extracted again for the record's new date (the extractor loads only when needed)."""
    from store.extract.brief import redate_figures

    redate_figures(record)


def _earlier(dates: dict[str, str | None], order: list[str]) -> Callable[[str, str], bool]:
    """Which of two briefs came first: the earlier date when both are dated, else the earlier import."""
    place = {article_id: number for number, article_id in enumerate(order)}

    def earlier(a: str, b: str) -> bool:
        if dates.get(a) and dates.get(b) and dates[a] != dates[b]:
            return dates[a] < dates[b]
        return place[a] < place[b]

    return earlier


def _remove_unfinished_writes(folder: Path) -> None:
    """Delete temporary files a killed writer left; safe only while holding the lock."""
    for place in (folder, folder / SHARD_FOLDER):
        for leftover in place.glob(".*.json.*tmp"):
            leftover.unlink(missing_ok=True)


def _find_label(labels: list[str], label: str) -> int | None:
    """Index of `label` in `labels`, ignoring case: "Disputed" and "disputed" are one tag."""
    folded = label.casefold()
    return next((i for i, existing in enumerate(labels) if existing.casefold() == folded), None)

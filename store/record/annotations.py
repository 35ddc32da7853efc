"""The user's record: annotations, the tag set, the compare regrouping and the reviewed briefs, in one small file.

`annotations.json` is read at open and mirrored in memory, and read again when another process has
replaced it (`refresh`). Every write is one atomic file write of all the changes of one user action,
so a tag keystroke rewrites only this file and is on disk before `write` returns.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from tinydb.table import Document

from store.changes import AnnotationChange, RegroupChange, ReviewChange, TagSetChange
from store.model import Annotation, Regrouping
from store.persist.db import open_db, storage_of
from store.record.tagset import DEFAULT_TAGS

ANNOTATIONS_FILE = "annotations.json"

RecordChange = AnnotationChange | TagSetChange | RegroupChange | ReviewChange


class AnnotationBook:
    """The annotations file of one store folder, opened writable or read-only."""

    def __init__(self, folder: Path, *, readonly: bool) -> None:
        self._path = folder / ANNOTATIONS_FILE
        self._readonly = readonly
        self._db = open_db(self._path, readonly=readonly)
        self._records: dict[str, Mapping[str, Any]] = {}  # each annotation's record on disk, as its object in `_annotations` was made from
        self._annotations: dict[str, Annotation] = {}
        self._load()

    def refresh(self) -> bool:
        """Read the file again if another process replaced it since; whether it had."""
        if not storage_of(self._db).changed_on_disk():
            return False
        self._db.close()
        self._db = open_db(self._path, readonly=self._readonly)  # new tables: TinyDB keeps next ids per table
        self._load()
        return True

    def _load(self) -> None:
        # An annotation whose record is as it was keeps its object: another process's write changes one
        # or two of them, and re-reading 1,000 (a tag key's wait while another process writes) took 4 ms.
        records, annotations = self._records, self._annotations
        self._records, self._annotations, self._doc_ids = {}, {}, {}
        for doc in self._db.table("annotations").all():
            key = doc["id"]
            self._annotations[key] = annotations[key] if records.get(key) == doc else Annotation.from_record(doc)
            self._records[key] = doc
            self._doc_ids[key] = doc.doc_id
        tag_docs = self._db.table("tags").all()
        self._tags: tuple[str, ...] = tuple(tag_docs[0]["labels"]) if tag_docs else DEFAULT_TAGS
        compare_docs = self._db.table("compare").all()
        self._regrouping = Regrouping.from_record(compare_docs[0]) if compare_docs else Regrouping()
        reviewed_docs = self._db.table("reviewed").all()
        self._reviewed: frozenset[str] = frozenset(str(i) for i in reviewed_docs[0]["ids"]) if reviewed_docs else frozenset()
        self._pending_reviewed = self._reviewed  # the reviewed set as the write under way leaves it

    @property
    def annotations(self) -> Mapping[str, Annotation]:
        return self._annotations

    @property
    def tags(self) -> tuple[str, ...]:
        return self._tags

    @property
    def regrouping(self) -> Regrouping:
        return self._regrouping

    @property
    def reviewed(self) -> frozenset[str]:
        """The ids of the briefs the user marked reviewed."""
        return self._reviewed

    def write(self, changes: Sequence[RecordChange]) -> None:
        """Write every change in one atomic file write, then mirror it in memory (reloaded on failure)."""
        self._pending_reviewed = self._reviewed  # several review changes in one write add up
        try:
            with storage_of(self._db).batch():
                for change in changes:
                    self._write_one(change)
        except BaseException:
            self._load()
            raise
        for change in changes:
            self._mirror(change)

    def _write_one(self, change: RecordChange) -> None:
        match change:
            case TagSetChange(after=labels):
                table = self._db.table("tags")
                table.truncate()
                table.insert({"labels": list(labels)})
            case RegroupChange(after=regrouping):
                table = self._db.table("compare")
                table.truncate()
                table.insert(regrouping.to_record())
            case AnnotationChange():
                self._write_annotation(change)
            case ReviewChange():
                self._pending_reviewed = _with_review(self._pending_reviewed, change)
                table = self._db.table("reviewed")
                table.truncate()
                table.insert({"ids": sorted(self._pending_reviewed)})

    def _write_annotation(self, change: AnnotationChange) -> None:
        table = self._db.table("annotations")
        key = change.annotation_id
        doc_id = self._doc_ids.get(key)
        if change.after is None:
            if doc_id is not None:
                table.remove(doc_ids=[doc_id])
                del self._doc_ids[key]
        elif doc_id is not None:  # every record has every field, so an update replaces it
            table.update(change.after.to_record(), doc_ids=[doc_id])
        else:
            doc_id = max(self._doc_ids.values(), default=0) + 1
            table.insert(Document(change.after.to_record(), doc_id=doc_id))
            self._doc_ids[key] = doc_id

    def _mirror(self, change: RecordChange) -> None:
        match change:
            case TagSetChange(after=labels):
                self._tags = labels
            case RegroupChange(after=regrouping):
                self._regrouping = regrouping
            case AnnotationChange(after=None):
                self._annotations.pop(change.annotation_id, None)
                self._records.pop(change.annotation_id, None)
            case AnnotationChange(after=Annotation() as annotation):
                self._annotations[annotation.id] = annotation
                self._records[annotation.id] = annotation.to_record()  # the record just written
            case ReviewChange():
                self._reviewed = _with_review(self._reviewed, change)

    def close(self) -> None:
        self._db.close()


def _with_review(reviewed: frozenset[str], change: ReviewChange) -> frozenset[str]:
    return reviewed | {change.article_id} if change.after else reviewed - {change.article_id}

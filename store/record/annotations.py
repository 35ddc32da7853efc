"""The user's record: annotations, the tag set, the compare regrouping and the reviewed briefs.

Read at open and mirrored in memory; read again when another process has written (`refresh`), and
then only the shards that write changed (`store.record.annotation_files`). Every write is one
atomic change of all the changes of one user action (new shard files, then the head that lists
them), so a tag keystroke writes one small shard and the head, and is on disk before `write` returns.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from store.changes import AnnotationChange, RegroupChange, ReviewChange, TagSetChange
from store.errors import ReadOnlyStore, StoreLocked
from store.model import Annotation, Regrouping
from store.persist.storage import refusal
from store.record.annotation_files import READ_RETRIES, AnnotationFiles, Head, Record, Tables, shard_of
from store.record.tagset import DEFAULT_TAGS

RecordChange = AnnotationChange | TagSetChange | RegroupChange | ReviewChange
Shards = dict[int, dict[str, Record]]  # shard -> annotation id -> its record on disk


class AnnotationBook:
    """The annotations of one store folder, opened writable or read-only."""

    def __init__(self, folder: Path, *, readonly: bool) -> None:
        self._files = AnnotationFiles(folder, readonly=readonly)
        self._readonly = readonly
        self._head = Head()
        self._shards: Shards = {}
        self._annotations: dict[str, Annotation] = {}
        self._load()
        if not readonly and (self._head.inline is not None or self._head.identity is None):
            self._into_shards()  # a version-2 head, once, or a new store's first: a writable store opens under the lock

    def refresh(self) -> bool:
        """Read again what another process wrote since; whether it had written."""
        if not self._files.changed_since(self._head):
            return False
        self._load()
        return True

    def _load(self) -> None:
        head = self._files.read_head()
        for _ in range(READ_RETRIES):
            try:
                shards = self._shards_listed(head)
                break
            except FileNotFoundError as missing:
                again = self._files.read_head()  # new, when a later write deleted a shard this one lists
                if again.identity == head.identity:
                    raise refusal(self._files.head_path, f"it lists {missing.filename}, which is not there") from None
                head = again
        else:
            raise StoreLocked(f"{self._files.head_path}: the annotations kept changing while being read; try again")
        self._annotations = self._mirrored(shards)
        self._head, self._shards = head, shards
        tags, regrouping, reviewed = head.single("tags"), head.single("compare"), head.single("reviewed")
        self._tags: tuple[str, ...] = tuple(tags["labels"]) if tags else DEFAULT_TAGS
        self._regrouping = Regrouping.from_record(regrouping) if regrouping else Regrouping()
        self._reviewed: frozenset[str] = frozenset(str(i) for i in reviewed["ids"]) if reviewed else frozenset()

    def _shards_listed(self, head: Head) -> Shards:
        """The records of every shard the head lists: those whose file is as before kept, the rest read."""
        if head.inline is not None:
            shards: Shards = {}
            for record in head.inline:
                shards.setdefault(shard_of(record["article_id"]), {})[record["id"]] = record
            return shards
        return {
            number: self._shards[number] if self._head.files.get(number) == name and number in self._shards
            else {record["id"]: record for record in self._files.read_shard(name)}
            for number, name in head.files.items()
        }

    def _mirrored(self, shards: Shards) -> dict[str, Annotation]:
        """The annotations of `shards`, keeping the objects of the shards unchanged (another process's
        write changes one or two) and of the records unchanged within the others."""
        changed = {n for n in shards.keys() | self._shards.keys() if shards.get(n) is not self._shards.get(n)}
        annotations = dict(self._annotations)
        for number in changed:
            for key in self._shards.get(number, {}):
                annotations.pop(key, None)
        for number in changed:
            before = self._shards.get(number, {})
            for key, record in shards.get(number, {}).items():
                same = before.get(key) == record and key in self._annotations
                annotations[key] = self._annotations[key] if same else Annotation.from_record(record)
        return annotations

    def _into_shards(self) -> None:
        """A version-2 head's annotations into shard files, and the head that lists them (a new store: a head of none)."""
        files = {number: self._files.write_shard(number, records.values()) for number, records in self._shards.items()}
        identity = self._files.write_head(self._head.tables, files)
        self._files.delete_unlisted(files)  # what a cut-short conversion left
        self._head = Head(self._head.tables, files, identity=identity)

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
        """Write every change as one atomic change on disk, then mirror it in memory (reloaded on failure)."""
        if self._readonly:
            raise ReadOnlyStore(f"{self._files.head_path.parent}: the store is open read-only; nothing was written")
        try:
            shards, touched, tables, reviewed = self._changed(changes)
            files = dict(self._head.files)
            for number in touched:
                if shards[number]:
                    files[number] = self._files.write_shard(number, shards[number].values())
                else:
                    del shards[number]
                    files.pop(number, None)
            identity = self._files.write_head(tables, files)
        except BaseException:
            self._load()
            raise
        self._files.delete_unlisted(files, self._head.files)  # the one before is the backup head's
        self._head, self._shards, self._reviewed = Head(tables, files, identity=identity), shards, reviewed
        for change in changes:
            self._mirror(change)

    def _changed(self, changes: Sequence[RecordChange]) -> tuple[Shards, set[int], Tables, frozenset[str]]:
        """The shards and head tables as `changes` leave them: new dicts for the shards they touch."""
        shards, touched = dict(self._shards), set()
        tables = dict(self._head.tables)
        reviewed = self._reviewed  # several review changes in one write add up
        changed = {c.annotation_id for c in changes if isinstance(c, AnnotationChange)}
        homes = {key: shard_of(self._annotations[key].article_id) for key in changed if key in self._annotations}

        def editable(number: int) -> dict[str, Record]:
            if number not in touched:
                touched.add(number)
                shards[number] = dict(shards.get(number, {}))
            return shards[number]

        for change in changes:
            match change:
                case TagSetChange(after=labels):
                    tables["tags"] = {"1": {"labels": list(labels)}}
                case RegroupChange(after=regrouping):
                    tables["compare"] = {"1": regrouping.to_record()}
                case ReviewChange():
                    reviewed = _with_review(reviewed, change)
                    tables["reviewed"] = {"1": {"ids": sorted(reviewed)}}
                case AnnotationChange(after=after):
                    key = change.annotation_id
                    if key in homes:
                        editable(homes.pop(key)).pop(key, None)
                    if after is not None:
                        homes[key] = shard_of(after.article_id)
                        editable(homes[key])[key] = after.to_record()
        return shards, touched, tables, reviewed

    def _mirror(self, change: RecordChange) -> None:
        match change:
            case TagSetChange(after=labels):
                self._tags = labels
            case RegroupChange(after=regrouping):
                self._regrouping = regrouping
            case AnnotationChange(after=None):
                self._annotations.pop(change.annotation_id, None)
            case AnnotationChange(after=Annotation() as annotation):
                self._annotations[annotation.id] = annotation

    def close(self) -> None:
        """Nothing is held open between reads and writes; here for the store's parts, which all close."""


def _with_review(reviewed: frozenset[str], change: ReviewChange) -> frozenset[str]:
    return reviewed | {change.article_id} if change.after else reviewed - {change.article_id}

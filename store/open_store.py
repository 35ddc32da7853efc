"""An open store folder: its parts, its lock taken for one write at a time, and the one write path.

`Store` (store/store.py) builds every request on this. Any number of processes can have one store
open and write it. Each write holds the store's lock for its own length only, first reads what the
others wrote since (`refresh`), then applies its typed changes: no process overwrites another's
write. Undo is this process's own and never undoes what another did: a record changed elsewhere
since is refused, not overwritten.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Self

from store.changes import AnnotationChange, BriefEdit, BriefPresence, Change, DiskChanges, RegroupChange, ReviewChange, TagSetChange
from store.errors import ReadOnlyStore, StoreError, UnwritableStore
from store.library.bounds import add_bounds
from store.library.library import Library
from store.persist.lock import StoreLock, Waiting
from store.persist.migrate import Upgrading, upgrade
from store.persist.paths import checked_store_folder, default_store_dir
from store.persist.storage import remove_unfinished_writes
from store.record.annotations import AnnotationBook
from store.record.history import Action, History

WRITE_WAIT = 30.0  # seconds a write waits for another process's write (an import batch) before it is refused


class OpenStore:
    """A store folder, opened for writing (a lock taken for each write) or read-only (no writes)."""

    def __init__(
        self,
        folder: str | Path | None = None,
        *,
        readonly: bool = False,
        wait: float = WRITE_WAIT,
        on_wait: Waiting | None = None,
        upgrading: Upgrading | None = None,
    ) -> None:
        self.folder = checked_store_folder(Path(folder) if folder is not None else default_store_dir())
        self.readonly = readonly
        self._lock: StoreLock | None = None
        self._library: Library | None = None
        self._book: AnnotationBook | None = None
        self._writes = 0  # how deep inside `_writing` this process is (the lock is taken once)
        self._unseen = DiskChanges()  # what others wrote, read by a write of ours, not yet told by `refresh`
        if not readonly:
            try:
                self.folder.mkdir(parents=True, exist_ok=True)
            except OSError as error:
                raise UnwritableStore(f"{self.folder}: cannot create the store folder ({error.strerror})") from None
            self._lock = StoreLock(self.folder, wait=wait, on_wait=on_wait)
        try:
            if self._lock is None:
                self._open_parts()
            else:
                with self._lock.held():  # a new store's files get their marks; a killed writer's leftovers go
                    remove_unfinished_writes(self.folder)
                    upgrade(self.folder, upgrading)  # a store of an older format, once (store.persist.migrate)
                    self._open_parts()
                    add_bounds(self.library, upgrading, on_wait)  # undated briefs an older newsbrief left unbounded, once
        except PermissionError as error:
            self.close()
            raise UnwritableStore(f"{self.folder}: cannot write the store folder ({error.strerror})") from None
        except OSError as error:
            self.close()
            raise StoreError(f"{self.folder}: cannot open the store ({error.strerror})") from None
        except BaseException:
            self.close()
            raise
        self._history = History()

    def _open_parts(self) -> None:
        self._library = Library(self.folder, readonly=self.readonly)
        self._book = AnnotationBook(self.folder, readonly=self.readonly)

    @property
    def library(self) -> Library:
        assert self._library is not None, "the store is closed"
        return self._library

    @property
    def book(self) -> AnnotationBook:
        assert self._book is not None, "the store is closed"
        return self._book

    def close(self) -> None:
        for part in (self._library, self._book):
            if part is not None:
                part.close()
        self._library = self._book = None

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _require_writable(self) -> None:
        if self.readonly:
            raise ReadOnlyStore(f"{self.folder}: the store is open read-only; nothing was written")

    def refresh(self) -> DiskChanges:
        """Read again what other processes wrote; what they changed since the last call."""
        changes, self._unseen = self._unseen | self._read_others(), DiskChanges()
        return changes

    def _read_others(self) -> DiskChanges:
        return DiskChanges(briefs=self.library.refresh(), record=self.book.refresh())

    @contextmanager
    def _writing(self) -> Iterator[None]:
        """The store's lock held for the block, with what others wrote read first; re-entrant."""
        self._require_writable()
        assert self._lock is not None, "a writable store has a lock"
        if self._writes:
            self._writes += 1
            try:
                yield
            finally:
                self._writes -= 1
            return
        with self._lock.held():
            self._unseen |= self._read_others()
            self._writes = 1
            try:
                yield
            except OSError as error:  # a full disk, a folder made read-only meanwhile: each file is whole still
                raise StoreError(f"{self.folder}: cannot write the store ({error.strerror}); this change was not written") from None
            finally:
                self._writes = 0

    def undo(self) -> str | None:
        """Undo the newest action of this session; what was undone, or None when nothing is left.

        Refused when another process has changed one of its records since: that change stays, and
        this action leaves the history, so the next undo goes on to the one before.
        """
        with self._writing():
            return self._history.replay(undo=True, still_as_left=self._still_as_left, write=self._write)

    def redo(self) -> str | None:
        with self._writing():
            return self._history.replay(undo=False, still_as_left=self._still_as_left, write=self._write)

    def _still_as_left(self, action: Action) -> bool:
        """Every record the action changes is still as its `before` says: nobody else changed it since."""
        for change in action.changes:
            match change:
                case AnnotationChange(before=before):
                    current: object = self.book.annotations.get(change.annotation_id)
                case TagSetChange(before=before):
                    current = self.book.tags
                case RegroupChange(before=before):
                    current = self.book.regrouping
                case ReviewChange(article_id=article_id, before=before):
                    current = article_id in self.book.reviewed
                case BriefPresence(article_id=article_id, before=before):
                    current = article_id in self.library.summaries()
                case BriefEdit(article_id=article_id, before=before):
                    stored = self.library.get(article_id)
                    current = stored.dating if stored is not None else None
            if current != before:
                return False
        return True

    def _apply(self, label: str, *changes: Change) -> None:
        action = Action(label, changes)
        self._write(action)
        self._history.record(action)

    def _write(self, action: Action) -> None:
        """Write an action's changes: brief edits, removals and restores to the library, the rest in
        one annotation-file write. A removal writes the record first and a restore last, so a crash
        between leaves a brief without its annotations, never annotations without their brief."""
        self._require_writable()
        records = [change for change in action.changes if not isinstance(change, BriefEdit | BriefPresence)]
        removes = any(isinstance(change, BriefPresence) and not change.after for change in action.changes)
        if records and removes:
            self.book.write(records)
        gone = {c.article_id for c in action.changes if isinstance(c, BriefPresence) and not c.after}
        back = [c.article for c in action.changes if isinstance(c, BriefPresence) and c.after]
        if gone:
            self.library.remove(gone)
        if back:
            self.library.import_articles(back, self._writing)
        for change in action.changes:
            if isinstance(change, BriefEdit):
                self.library.set_dating(change.article_id, change.after)
        if records and not removes:
            self.book.write(records)

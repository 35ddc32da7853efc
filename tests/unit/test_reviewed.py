"""A brief's reviewed mark: on disk when the call returns, undoable, seen by other processes, gone with its brief."""

from __future__ import annotations

from pathlib import Path

import pytest

from store import NotFound, Store


def test_a_reviewed_mark_is_on_disk_and_undo_and_redo_it(seeded_store: Store, store_dir: Path) -> None:
    first, second = [s.id for s in seeded_store.summaries()][:2]
    assert seeded_store.reviewed() == frozenset()
    assert seeded_store.toggle_reviewed(first) is True
    assert seeded_store.set_reviewed([first, second]) == 1  # the first was reviewed already
    with Store(store_dir, readonly=True) as again:
        assert again.reviewed() == {first, second}
    assert seeded_store.undo() is not None
    assert seeded_store.reviewed() == {first}
    assert seeded_store.toggle_reviewed(first) is False
    with Store(store_dir, readonly=True) as again:
        assert again.reviewed() == frozenset()
    seeded_store.undo()
    seeded_store.undo()
    assert seeded_store.reviewed() == frozenset()
    seeded_store.redo()
    assert seeded_store.reviewed() == {first}


def test_another_process_sees_a_reviewed_mark_through_refresh(seeded_store: Store, store_dir: Path) -> None:
    first = seeded_store.summaries()[0].id
    with Store(store_dir) as other:
        other.toggle_reviewed(first)
    assert seeded_store.reviewed() == frozenset()  # not yet looked
    assert seeded_store.refresh().record
    assert seeded_store.reviewed() == {first}


def test_undo_of_a_mark_another_process_changed_since_is_refused(seeded_store: Store, store_dir: Path) -> None:
    first = seeded_store.summaries()[0].id
    seeded_store.toggle_reviewed(first)
    with Store(store_dir) as other:
        other.toggle_reviewed(first)  # not reviewed any more, by the other process
    with pytest.raises(Exception, match="changed by another process"):
        seeded_store.undo()


def test_a_reviewed_mark_of_an_unknown_brief_is_refused_and_writes_nothing(seeded_store: Store, store_dir: Path) -> None:
    first = seeded_store.summaries()[0].id
    with pytest.raises(NotFound):
        seeded_store.set_reviewed([first, "no-such-brief"])
    assert seeded_store.reviewed() == frozenset()


def test_a_reviewed_brief_removed_takes_its_mark_along(seeded_store: Store, store_dir: Path) -> None:
    first, second = [s.id for s in seeded_store.summaries()][:2]
    seeded_store.set_reviewed([first, second])
    seeded_store.remove([first])
    with Store(store_dir, readonly=True) as again:
        assert again.reviewed() == {second}

"""Removing briefs: the brief, its annotations and its place among repeated paragraphs go; the rest stays."""

from __future__ import annotations

from pathlib import Path

import pytest

from store import NotFound, Store, StoreError

SHARED = "Officials said at least 40 soldiers were wounded in the shelling of the border town overnight."


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_removing_the_earlier_brief_unmarks_the_paragraph_the_later_one_repeated(store_dir: Path, tmp_path: Path) -> None:
    first = write(tmp_path / "a.txt", f"date 2024-12-01 First report.\n\n{SHARED}")
    later = write(tmp_path / "b.txt", f"date 2024-12-02 Later report.\n\n{SHARED}\n\nA new paragraph about 3 tanks.")
    with Store(store_dir) as store:
        first_id, later_id = store.import_paths([first, later]).added
        assert first_id in {p.repeated_from for p in store.article(later_id).paragraphs}
        [removed] = store.remove([first_id])
        assert (removed.id, removed.annotations) == (first_id, 0)
        assert all(p.repeated_from is None for p in store.article(later_id).paragraphs)
        with pytest.raises(NotFound):
            store.article(first_id)
    with Store(store_dir, readonly=True) as again:  # as the next process reads it
        assert [s.id for s in again.summaries()] == [later_id]
        assert all(p.repeated_from is None for p in again.article(later_id).paragraphs)
    with Store(store_dir) as store:
        [back] = store.import_paths([first]).added  # the removed brief can come back, and is repeated again
        assert back == first_id
        assert first_id in {p.repeated_from for p in store.article(later_id).paragraphs}


def test_removing_a_brief_takes_its_annotations_and_leaves_the_others(store_dir: Path, tmp_path: Path) -> None:
    one = write(tmp_path / "one.txt", "One brief about 5 tanks. A second sentence.")
    two = write(tmp_path / "two.txt", "Two briefs about 7 drones.")
    with Store(store_dir) as store:
        one_id, two_id = store.import_paths([one, two]).added
        store.annotate(one_id, 0, 10, tags=["estimate"])
        store.annotate(one_id, 11, 20, tags=["disputed"])
        kept = store.annotate(two_id, 0, 10, tags=["confirmed"])
        [removed] = store.remove([one_id])
        assert removed.annotations == 2
        assert store.annotations() == [kept]
    with Store(store_dir, readonly=True) as again:
        assert again.annotations() == [kept] and [s.id for s in again.summaries()] == [two_id]


def test_undo_of_a_removal_brings_the_brief_back_with_its_annotations_marks_and_repeats(store_dir: Path, tmp_path: Path) -> None:
    first = write(tmp_path / "a.txt", f"date 2024-12-01 First report.\n\n{SHARED}")
    later = write(tmp_path / "b.txt", f"date 2024-12-02 Later report.\n\n{SHARED}")
    with Store(store_dir) as store:
        first_id, later_id = store.import_paths([first, later]).added
        stored = store.article(first_id)
        tagged = store.annotate(first_id, 0, 5, tags=["estimate"], note="why")
        store.set_reviewed([first_id])
        store.remove([first_id])
        assert store.reviewed() == frozenset() and store.annotations() == []
        assert store.undo() == f"removal of {stored.title!r}"
    with Store(store_dir) as store:  # as the next process reads it
        assert store.article(first_id) == stored
        assert store.annotations() == [tagged]
        assert store.reviewed() == {first_id}
        assert first_id in {p.repeated_from for p in store.article(later_id).paragraphs}  # repeated again
        assert [hit.article_id for hit in store.search("First report")] == [first_id]  # searchable again
        store.remove([first_id])
        store.undo()
        assert store.redo() is not None  # and redo removes it again
        assert first_id not in {s.id for s in store.summaries()} and store.annotations() == []


def test_undo_of_a_removal_is_refused_when_another_process_imported_the_brief_again(store_dir: Path, tmp_path: Path) -> None:
    one = write(tmp_path / "one.txt", "One brief about 5 tanks.")
    with Store(store_dir) as store:
        [one_id] = store.import_paths([one]).added
        store.remove([one_id])
        with Store(store_dir) as other:
            other.import_paths([one])
        with pytest.raises(StoreError, match="changed by another process"):
            store.undo()
        assert [s.id for s in store.summaries()] == [one_id]


def test_marks_an_import_cut_short_left_stale_are_rewritten_by_the_next_import(store_dir: Path, tmp_path: Path, monkeypatch) -> None:
    from store.library import library

    monkeypatch.setattr(library, "IMPORT_BATCH", 1)  # a batch written after every brief, as a long import does
    later = write(tmp_path / "b.txt", f"date 2024-12-02 Later report.\n\n{SHARED}")
    with Store(store_dir) as store:
        [later_id] = store.import_paths([later]).added
    folder = tmp_path / "more"
    folder.mkdir()
    write(folder / "a.txt", f"date 2024-12-01 First report.\n\n{SHARED}")  # earlier: the stored brief now repeats it
    write(folder / "z.txt", "date 2024-12-03 Unrelated.\n\nNothing shared here, 5 tanks.")

    class Cut(Exception):
        pass

    def cut(done: int, total: int, report) -> None:
        if done == 1:
            raise Cut  # as a crash after the first batch

    with Store(store_dir) as store, pytest.raises(Cut):
        store.import_paths([folder / "a.txt", folder / "z.txt"], cut)
    assert (store_dir / library.STALE_FILE).exists()  # the stored brief's new mark is owed, and named
    with Store(store_dir) as store:
        first_id = next(s.id for s in store.summaries() if s.title.startswith("First"))
        store.import_paths([folder])  # the next import pays what is owed
        assert first_id in {p.repeated_from for p in store.article(later_id).paragraphs}
    assert not (store_dir / library.STALE_FILE).exists()

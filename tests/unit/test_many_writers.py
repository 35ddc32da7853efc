"""One store, many writers: each write holds the lock for its own length, reads what others wrote
first, and never overwrites it; undo never undoes another writer's work."""

from __future__ import annotations

import json
import os
import threading
import time
from pathlib import Path

import pytest

from store import CorruptStore, InvalidRequest, Store, StoreLocked
from store.persist.lock import StoreLock
from store.record.annotation_files import shard_of


def sentence(store: Store, index: int, number: int = 0) -> tuple[str, int, int]:
    summary = sorted(store.summaries(), key=lambda s: s.source)[index]
    start, end = store.article(summary.id).sentences[number]
    return summary.id, start, end


def test_two_open_stores_both_write_and_neither_loses_the_other(seeded_store: Store, store_dir: Path) -> None:
    with Store(store_dir) as other:
        seeded_store.toggle_tag(*sentence(seeded_store, 0), "casualties")
        other.toggle_tag(*sentence(other, 1), "disputed")  # reads the first write before it writes
        seeded_store.add_tag("drift")  # and the first store reads the second's before this
    with Store(store_dir, readonly=True) as disk:
        assert sorted(a.tags for a in disk.annotations()) == [("casualties",), ("disputed",)]
        assert "drift" in disk.tags()


def test_a_store_sees_another_writers_changes_when_it_refreshes(seeded_store: Store, store_dir: Path) -> None:
    assert not seeded_store.refresh()
    with Store(store_dir) as other:
        other.annotate(*sentence(other, 2), tags=["estimate"])
    changes = seeded_store.refresh()
    assert changes.record and not changes.briefs
    assert [a.tags for a in seeded_store.annotations()] == [("estimate",)]
    assert not seeded_store.refresh()  # nothing new since


def test_after_another_writers_change_every_annotation_reads_as_on_disk_and_the_unchanged_ones_are_not_read_anew(seeded_store: Store, store_dir: Path) -> None:
    for index in range(3):
        seeded_store.annotate(*sentence(seeded_store, index), tags=["estimate"])
    before = {a.id: a for a in seeded_store.annotations()}
    with Store(store_dir) as other:
        other.toggle_tag(*sentence(other, 0), "disputed")  # one changed
        other.toggle_tag(*sentence(other, 1), "estimate")  # one gone (its only tag taken off)
        other.annotate(*sentence(other, 3), tags=["casualties"])  # one new
    assert seeded_store.refresh().record
    with Store(store_dir, readonly=True) as disk:
        assert {a.id: a for a in seeded_store.annotations()} == {a.id: a for a in disk.annotations()}
    article_id, start, end = sentence(seeded_store, 2)
    [untouched] = [a for a in seeded_store.annotations() if (a.article_id, a.start, a.end) == (article_id, start, end)]
    assert untouched is before[untouched.id]  # the same record on disk: the same object, not built again


def test_another_writers_tag_rewrites_only_its_briefs_shard_and_many_writes_keep_few_files(seeded_store: Store, store_dir: Path) -> None:
    for index in range(5):
        seeded_store.annotate(*sentence(seeded_store, index), tags=["estimate"])
    shards = store_dir / "annotations"
    before = {path.name for path in shards.iterdir()}
    with Store(store_dir) as other:
        for _ in range(6):
            other.toggle_tag(*sentence(other, 0), "disputed")
    after = {path.name for path in shards.iterdir()}
    # the first brief's shard changed (its new file, and the one before kept for the backup head), no other
    assert len(after - before) == 2 and len(before - after) == 1
    assert seeded_store.refresh().record
    with Store(store_dir, readonly=True) as disk:
        assert seeded_store.annotations() == disk.annotations()


def test_a_store_that_read_one_briefs_annotations_keeps_and_then_shows_every_other_write(seeded_store: Store, store_dir: Path) -> None:
    for index in range(4):
        seeded_store.annotate(*sentence(seeded_store, index), tags=["estimate"])
    with Store(store_dir) as one_brief:
        assert one_brief.annotation_at(*sentence(one_brief, 0)).tags == ("estimate",)  # reads that brief's shard
        for index in (1, 2):
            seeded_store.toggle_tag(*sentence(seeded_store, index), "disputed")
        seeded_store.toggle_tag(*sentence(seeded_store, 3), "estimate")  # its only tag: the annotation goes
        one_brief.toggle_tag(*sentence(one_brief, 0), "casualties")
        with Store(store_dir, readonly=True) as disk:
            assert sorted(a.tags for a in disk.annotations()) == [("estimate", "casualties"), ("estimate", "disputed"), ("estimate", "disputed")]
            assert one_brief.annotations() == disk.annotations()


def test_a_missing_shard_is_named_in_one_line_and_the_backup_head_restores(seeded_store: Store, store_dir: Path) -> None:
    seeded_store.annotate(*sentence(seeded_store, 0), tags=["estimate"])
    last = seeded_store.annotate(*sentence(seeded_store, 1), tags=["disputed"])
    seeded_store.close()
    listed = json.loads((store_dir / "annotations.json").read_text(encoding="utf-8"))["shards"]["1"]["files"]
    missing = store_dir / "annotations" / listed[str(shard_of(last.article_id))]  # the last write's
    missing.unlink()
    with Store(store_dir, readonly=True) as store, pytest.raises(CorruptStore) as refused:
        store.annotations()  # the list needs them all (a shard is read when first needed)
    assert f"{store_dir / 'annotations.json'}: it lists {missing}, which is not there" in str(refused.value)
    assert "restore annotations.json.bak" in str(refused.value) and "\n" not in str(refused.value)
    (store_dir / "annotations.json.bak").replace(store_dir / "annotations.json")
    with Store(store_dir, readonly=True) as restored:
        assert [a.tags for a in restored.annotations()] == [("estimate",)]  # all but the last write


def test_a_store_sees_briefs_another_writer_imported(seeded_store: Store, store_dir: Path, tmp_path: Path) -> None:
    brief = tmp_path / "new.txt"
    brief.write_text("Officials said 40 soldiers were wounded near the border.\n", encoding="utf-8")
    with Store(store_dir) as other:
        [added] = other.import_paths([brief]).added
    assert seeded_store.refresh().briefs
    assert added in {s.id for s in seeded_store.summaries()}
    assert seeded_store.article(added).figures


def test_a_brief_another_writer_removed_since_the_catalog_was_read_is_not_found_and_not_refused(seeded_store: Store, store_dir: Path) -> None:
    gone = seeded_store.summaries()[0].id
    with Store(store_dir, readonly=True) as reader:
        assert gone in [summary.id for summary in reader.summaries()]  # its catalog read; no volume yet
        seeded_store.remove([gone])
        assert reader.find_articles([gone]) == {}  # the catalog read here still lists it; the one on disk does not
        assert reader.refresh().briefs  # the reader's follower still hears of the removal
        assert gone not in [summary.id for summary in reader.summaries()]


def test_a_writers_own_write_is_not_news_to_it(seeded_store: Store) -> None:
    seeded_store.toggle_tag(*sentence(seeded_store, 0), "casualties")
    assert not seeded_store.refresh()


def test_an_edit_by_another_writer_reaches_an_open_article(seeded_store: Store, store_dir: Path) -> None:
    article_id, _, _ = sentence(seeded_store, 0)
    seeded_store.article(article_id)  # its shard is parsed and cached now
    with Store(store_dir) as other:
        other.edit(article_id, source="Wire service")
    assert seeded_store.refresh().briefs
    assert seeded_store.article(article_id).source == "Wire service"


def test_undo_never_undoes_another_writers_change(seeded_store: Store, store_dir: Path) -> None:
    shared, own = sentence(seeded_store, 0), sentence(seeded_store, 1)
    seeded_store.toggle_tag(*shared, "casualties")
    seeded_store.toggle_tag(*own, "estimate")
    with Store(store_dir) as other:
        other.toggle_tag(*shared, "disputed")  # the first annotation, changed by someone else
        assert other.undo() is not None and other.redo() is not None  # its own history only
    assert seeded_store.undo() == "tag 'estimate'"  # untouched by the other writer: undone
    with pytest.raises(InvalidRequest, match="changed by another process since; nothing was undone"):
        seeded_store.undo()
    assert seeded_store.undo() is None  # the refused action left the history
    with Store(store_dir, readonly=True) as disk:
        assert disk.annotation_at(*shared).tags == ("casualties", "disputed")
        assert disk.annotation_at(*own) is None


def test_a_write_waits_for_another_writers_lock_and_then_lands(seeded_store: Store, store_dir: Path) -> None:
    said: list[str] = []
    released = threading.Event()

    def hold_for_a_moment() -> None:
        with StoreLock(store_dir, wait=1).held():
            time.sleep(0.8)
        released.set()

    holder = threading.Thread(target=hold_for_a_moment)
    holder.start()
    time.sleep(0.1)
    with Store(store_dir, wait=5, on_wait=said.append) as waiting:
        waiting.toggle_tag(*sentence(waiting, 0), "casualties")
        assert released.is_set()  # it got the lock only when the holder let go
    holder.join()
    assert len(said) == 1 and f"process {os.getpid()}" in said[0] and "waiting" in said[0]
    with Store(store_dir, readonly=True) as disk:
        assert [a.tags for a in disk.annotations()] == [("casualties",)]


def test_a_write_that_cannot_get_the_lock_is_refused_naming_the_holder(seeded_store: Store, store_dir: Path) -> None:
    span = sentence(seeded_store, 0)
    with StoreLock(store_dir, wait=1).held(), pytest.raises(StoreLocked, match=f"process {os.getpid()}.*nothing was written"):
        Store(store_dir, wait=0.2).toggle_tag(*span, "casualties")
    assert seeded_store.annotation_at(*span) is None

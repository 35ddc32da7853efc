"""The Store on a real folder: round trips, durability, undo, the lock, and refusing bad files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from store import CorruptStore, InvalidRequest, NotFound, ReadOnlyStore, Store
from store.record.tagset import DEFAULT_TAGS

from checkout import SEEDS


def on_disk(store_dir: Path) -> Store:
    """A second, read-only view of the folder: what a crash right now would leave."""
    return Store(store_dir, readonly=True)


def first_sentence(store: Store, index: int = 0) -> tuple[str, int, int]:
    summary = sorted(store.summaries(), key=lambda s: s.source)[index]
    start, end = store.article(summary.id).sentences[0]
    return summary.id, start, end


def test_seeds_import_once_and_survive_reopening(store_dir: Path) -> None:
    with Store(store_dir) as store:
        report = store.import_seeds()
        assert len(report.added) == 5 and report.unchanged == 0 and not report.errors
        again = store.import_seeds()
        assert again.added == [] and again.unchanged == 5
    with Store(store_dir) as store:
        summaries = store.summaries()
    assert len(summaries) == 5
    by_source = {s.source: s for s in summaries}
    dated = by_source["001_20e64d0acd333082.txt"]
    assert dated.published == "2024-12-19"
    assert dated.title.startswith("At least 100 North Korean soldiers")
    assert all(s.figure_count > 0 for s in summaries)


def test_article_text_is_kept_as_read(seeded_store: Store, store_dir: Path) -> None:
    seed = (SEEDS / "003_3ae34f4a203fbd2d.txt").read_text(encoding="utf-8")
    article = next(seeded_store.article(s.id) for s in seeded_store.summaries() if s.source.startswith("003"))
    assert article.text == seed
    for start, end in article.sentences:
        assert 0 <= start < end <= len(seed)
    for figure in article.figures:
        assert seed[figure.start : figure.end] == figure.text


def test_date_marker_is_not_a_sentence_or_figure(seeded_store: Store) -> None:
    article = next(seeded_store.article(s.id) for s in seeded_store.summaries() if s.published)
    start, end = article.sentences[0]
    assert article.text[start:end].startswith("At least 100")
    assert all(f.start >= start for f in article.figures)
    assert "2024-12-19" not in [f.text for f in article.figures]


def test_a_tag_is_on_disk_when_toggle_returns(seeded_store: Store, store_dir: Path) -> None:
    article_id, start, end = first_sentence(seeded_store)
    annotation = seeded_store.toggle_tag(article_id, start, end, "casualties")
    with on_disk(store_dir) as disk:
        [stored] = disk.annotations(article_id)
    assert stored == annotation
    assert stored.tags == ("casualties",)
    assert stored.quote == seeded_store.article(article_id).text[start:end]
    assert stored.prefix == seeded_store.article(article_id).text[max(0, start - 32) : start]
    assert len(stored.suffix) == 32


def test_toggling_twice_removes_a_bare_annotation(seeded_store: Store, store_dir: Path) -> None:
    article_id, start, end = first_sentence(seeded_store)
    seeded_store.toggle_tag(article_id, start, end, "casualties")
    assert seeded_store.toggle_tag(article_id, start, end, "casualties") is None
    with on_disk(store_dir) as disk:
        assert disk.annotations() == []


def test_a_note_keeps_an_annotation_without_tags(seeded_store: Store, store_dir: Path) -> None:
    article_id, start, end = first_sentence(seeded_store)
    seeded_store.toggle_tag(article_id, start, end, "disputed")
    seeded_store.set_note(article_id, start, end, "AP says several hundred; NIS says 100 killed")
    kept = seeded_store.toggle_tag(article_id, start, end, "disputed")
    assert kept is not None and kept.tags == () and kept.note.startswith("AP says")
    with on_disk(store_dir) as disk:
        assert disk.annotation_at(article_id, start, end).note == kept.note


def test_undo_and_redo_are_durable(seeded_store: Store, store_dir: Path) -> None:
    article_id, start, end = first_sentence(seeded_store)
    seeded_store.toggle_tag(article_id, start, end, "casualties")
    seeded_store.toggle_tag(article_id, start, end, "disputed")
    assert seeded_store.undo() == "tag 'disputed'"
    with on_disk(store_dir) as disk:
        assert disk.annotation_at(article_id, start, end).tags == ("casualties",)
    assert seeded_store.undo() == "tag 'casualties'"
    with on_disk(store_dir) as disk:
        assert disk.annotations() == []
    assert seeded_store.undo() is None
    assert seeded_store.redo() == "tag 'casualties'"
    assert seeded_store.redo() == "tag 'disputed'"
    assert seeded_store.redo() is None
    with on_disk(store_dir) as disk:
        assert disk.annotation_at(article_id, start, end).tags == ("casualties", "disputed")


def test_a_new_action_clears_redo(seeded_store: Store) -> None:
    article_id, start, end = first_sentence(seeded_store)
    seeded_store.toggle_tag(article_id, start, end, "casualties")
    seeded_store.undo()
    seeded_store.toggle_tag(article_id, start, end, "estimate")
    assert seeded_store.redo() is None


def test_remove_and_undo_bring_the_same_annotation_back(seeded_store: Store, store_dir: Path) -> None:
    article_id, start, end = first_sentence(seeded_store)
    made = seeded_store.annotate(article_id, start, end, tags=["casualties", "estimate"], note="n")
    seeded_store.remove_annotation(made.id)
    with on_disk(store_dir) as disk:
        assert disk.annotations() == []
    seeded_store.undo()
    with on_disk(store_dir) as disk:
        assert disk.annotations() == [made]


def test_tag_set_defaults_add_rename_move(seeded_store: Store, store_dir: Path) -> None:
    assert seeded_store.tags() == list(DEFAULT_TAGS)
    article_id, start, end = first_sentence(seeded_store)
    seeded_store.toggle_tag(article_id, start, end, "disputed")
    seeded_store.add_tag("  contradicts   AP ")
    assert seeded_store.tags()[-1] == "contradicts AP"
    seeded_store.rename_tag("Disputed", "contested")
    seeded_store.move_tag("contested", 0)
    with on_disk(store_dir) as disk:
        assert disk.tags()[0] == "contested"
        assert disk.annotation_at(article_id, start, end).tags == ("contested",)
    seeded_store.undo()
    seeded_store.undo()
    with on_disk(store_dir) as disk:
        assert disk.annotation_at(article_id, start, end).tags == ("disputed",)
        assert "disputed" in disk.tags()


@pytest.mark.parametrize("label", ["", "   ", "x" * 41, "bad\x1blabel", "casualties", "rtl\u202eoverride", "half \udcff"])
def test_bad_tag_labels_are_refused(seeded_store: Store, label: str) -> None:
    with pytest.raises(InvalidRequest):
        seeded_store.add_tag(label)


def test_bad_requests_are_refused_and_write_nothing(seeded_store: Store, store_dir: Path) -> None:
    article_id, start, end = first_sentence(seeded_store)
    before = (store_dir / "annotations.json").read_bytes()
    with pytest.raises(NotFound, match="tag 'no such tag'"):
        seeded_store.toggle_tag(article_id, start, end, "no such tag")
    with pytest.raises(InvalidRequest, match="span 5:1000000"):
        seeded_store.annotate(article_id, 5, 1_000_000, tags=["casualties"])
    with pytest.raises(NotFound, match="article 'nope'"):
        seeded_store.annotate("nope", 0, 5, tags=["casualties"])
    assert (store_dir / "annotations.json").read_bytes() == before


def test_ids_resolve_by_unique_prefix(seeded_store: Store) -> None:
    ids = [s.id for s in seeded_store.summaries()]
    assert seeded_store.resolve(ids[0][:6]) == ids[0]
    with pytest.raises(NotFound, match="'zzz'"):
        seeded_store.resolve("zzz")
    shared = next(a[0] for a in ids if sum(b.startswith(a[0]) for b in ids) > 1)  # the seeds' ids share first digits
    with pytest.raises(InvalidRequest, match="give more characters"):
        seeded_store.resolve(shared)


def test_a_read_only_store_refuses_writes(seeded_store: Store, store_dir: Path) -> None:
    article_id, start, end = first_sentence(seeded_store)
    before = (store_dir / "annotations.json").read_bytes()
    with on_disk(store_dir) as reader:
        with pytest.raises(ReadOnlyStore, match="read-only"):
            reader.toggle_tag(article_id, start, end, "casualties")
        with pytest.raises(ReadOnlyStore):
            reader.import_seeds()
    assert (store_dir / "annotations.json").read_bytes() == before


def test_writes_leave_no_temporary_files(seeded_store: Store, store_dir: Path) -> None:
    article_id, start, end = first_sentence(seeded_store)
    for _ in range(5):
        seeded_store.toggle_tag(article_id, start, end, "casualties")
    names = sorted(p.name for p in store_dir.iterdir())
    assert names == [
        "annotations", "annotations.json", "annotations.json.bak", "bounds.json", "catalog", "catalog.json", "catalog.json.bak", "compare-1.jsonl",
        "newsbrief.lock", "repeats.json", "search.sqlite", "volumes",  # the seeds' one write of repeats.json had none before it
    ]
    assert not [p for folder in ("volumes", "catalog", "annotations") for p in (store_dir / folder).iterdir() if p.name.startswith(".")]
    assert len(list((store_dir / "annotations").iterdir())) <= 2  # the shard the head lists, and the backup head's


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b"", "empty"),
        (b'{"articles": {"1": {"id": "x"', "not valid JSON"),
        (b"[1, 2, 3]", "top level is a JSON list"),
        (b'{"_default": {"1": {"a": 1}}}', "another program"),
        (b'{"meta": {"1": {"format": "other"}}}', "not a newsbrief store"),
        (b"\xff\xfe{}", "not UTF-8"),
    ],
)
def test_a_corrupt_or_foreign_store_file_is_refused_and_left_alone(store_dir: Path, content: bytes, problem: str) -> None:
    Store(store_dir).close()
    victim = store_dir / "catalog.json"
    victim.write_bytes(content)
    with pytest.raises(CorruptStore, match=problem) as caught:
        Store(store_dir)
    assert str(victim) in str(caught.value) and "\n" not in str(caught.value)
    assert victim.read_bytes() == content
    with pytest.raises(CorruptStore):  # not StoreLocked: the failed open released its lock
        Store(store_dir, wait=0)


def test_annotation_records_are_plain_json(seeded_store: Store, store_dir: Path) -> None:
    article_id, start, end = first_sentence(seeded_store)
    seeded_store.annotate(article_id, start, end, tags=["casualties"], note="[bold]not markup[/] \x1b[31m")
    head = json.loads((store_dir / "annotations.json").read_text(encoding="utf-8"))
    [shard] = head["shards"]["1"]["files"].values()
    [record] = json.loads((store_dir / "annotations" / shard).read_text(encoding="utf-8"))["annotations"].values()
    assert record["note"] == "[bold]not markup[/] \x1b[31m"


def test_a_corrupt_shard_is_named_when_its_article_is_opened(seeded_store: Store, store_dir: Path) -> None:
    article_id = seeded_store.summaries()[0].id
    seeded_store.close()
    shard = store_dir / "volumes" / "00000.json"  # the first volume holds the first 500 briefs
    shard.write_bytes(b"\x00garbage")
    with Store(store_dir) as reopened:
        assert len(reopened.summaries()) == 5  # the list still opens
        with pytest.raises(CorruptStore, match=f"{shard}: not valid JSON"):
            reopened.article(article_id)
    assert shard.read_bytes() == b"\x00garbage"


def test_emoji_sequences_make_good_labels(seeded_store: Store) -> None:
    assert seeded_store.add_tag("👩\u200d💻 analyst") == "👩\u200d💻 analyst"


def test_a_note_with_a_lone_surrogate_is_refused_not_a_traceback(seeded_store: Store, store_dir: Path) -> None:
    article_id, start, end = first_sentence(seeded_store)
    with pytest.raises(InvalidRequest, match="lone surrogate"):
        seeded_store.annotate(article_id, start, end, tags=["casualties"], note="bad \udcff")
    with pytest.raises(InvalidRequest, match="lone surrogate"):
        seeded_store.set_note(article_id, start, end, "bad \udcff")
    with on_disk(store_dir) as disk:
        assert disk.annotations() == []


def test_a_damaged_file_points_to_its_previous_copy_which_restores(seeded_store: Store, store_dir: Path) -> None:
    article_id, start, end = first_sentence(seeded_store)
    seeded_store.toggle_tag(article_id, start, end, "casualties")
    seeded_store.toggle_tag(article_id, start, end, "disputed")
    seeded_store.close()
    damaged = store_dir / "annotations.json"
    damaged.write_bytes(damaged.read_bytes()[:50])  # a disk or an editor cut it short
    with pytest.raises(CorruptStore, match=r"restore annotations\.json\.bak beside it") as caught:
        Store(store_dir)
    assert "--store DIR" in str(caught.value)
    (store_dir / "annotations.json.bak").replace(damaged)
    with Store(store_dir) as restored:
        assert restored.annotation_at(article_id, start, end).tags == ("casualties",)  # all but the last write


def test_briefs_from_every_volume_read_alike_one_by_one_or_together_and_take_edits(store_dir: Path, tmp_path: Path, monkeypatch) -> None:
    from store.persist import shelf

    monkeypatch.setattr(shelf, "VOLUME_BRIEFS", 7)  # volumes of 7 briefs: 60 briefs fill 9, more than stay parsed
    folder = tmp_path / "many"
    folder.mkdir()
    for number in range(60):
        (folder / f"{number}.txt").write_text(f"Brief {number}\n\nOfficials said {number + 3} soldiers were wounded.\n", encoding="utf-8")
    with Store(store_dir) as store:
        store.import_paths([folder])
        ids = [summary.id for summary in store.summaries()]
        assert len(list((store_dir / "volumes").glob("*.json"))) == 9 > shelf.OPEN_VOLUMES
        one_by_one = [store.article(article_id) for article_id in ids]
        assert store.articles(ids) == one_by_one
        assert store.articles(reversed(ids)) == one_by_one[::-1]
        for article_id in ids:  # an edit to a brief whose volume was closed meanwhile is kept
            store.edit(article_id, source=f"source of {article_id}")
    with Store(store_dir) as reopened:
        assert [reopened.article(article_id).source for article_id in ids] == [f"source of {i}" for i in ids]
        with pytest.raises(NotFound):
            reopened.articles([ids[0], "0000000000000000"])

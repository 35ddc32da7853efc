"""The compare index: groups come from one file kept by every write, not from every brief's text."""

from __future__ import annotations

import gc
from dataclasses import replace
from pathlib import Path

import orjson
import pytest

from store import Store
from store.story.compare import compare_figures
from store.story.compare_index import COMPARE_FILE, PLACES_FILE, SEGMENT_GLOB, ComparedFigure, CompareEntry, CompareIndex, entry_of

from checkout import SEEDS


def held(folder: Path) -> dict[str, CompareEntry]:
    """Every entry the index files hold now."""
    with CompareIndex(folder).reading() as lines:
        return {i: CompareEntry.from_line(lines(i) or b"") for i in lines}


def _table(groups) -> list:
    return [group.to_record() for group in groups]


def test_import_writes_the_index_and_compare_reads_the_same_groups_as_from_the_briefs(seeded_store: Store) -> None:
    assert list(seeded_store.folder.glob(SEGMENT_GLOB))
    from_briefs = compare_figures(seeded_store.articles(), seeded_store.regrouping())
    assert _table(seeded_store.compare()) == _table(from_briefs)


def test_edits_and_removals_keep_the_index_right(seeded_store: Store) -> None:
    first = seeded_store.resolve("881b00be")
    seeded_store.edit(first, date="2024-12-30")
    seeded_store.remove([seeded_store.resolve("382c7d5c")])
    with Store(seeded_store.folder, readonly=True) as reader:  # a second process, reading the file only
        groups = reader.compare()
        assert _table(groups) == _table(compare_figures(reader.articles(), reader.regrouping()))
    rows = [row for group in groups for row in group.rows]
    assert all(row.article_id != "382c7d5cec63838f" for row in rows)
    assert {row.published for row in rows if row.article_id == first} == {"2024-12-30"}


def test_another_process_import_is_seen_by_an_open_store(store_dir: Path, tmp_path: Path) -> None:
    with Store(store_dir) as one:
        one.import_paths([SEEDS / "001_20e64d0acd333082.txt"])
        assert {r.article_id for g in one.compare() for r in g.rows} == {"8f6b67fbee3b7972"}
        with Store(store_dir) as other:
            other.import_paths([SEEDS / "002_dfd046429c600910.txt"])
        one.refresh()
        assert "3739470ed827d942" in {b for g in one.compare() for r in g.rows for b in (r.article_id, *r.also_in)}


def test_a_lost_or_damaged_index_is_rebuilt_from_the_briefs(seeded_store: Store) -> None:
    expected = _table(seeded_store.compare())
    index = seeded_store.folder / COMPARE_FILE
    for part in [index, *seeded_store.folder.glob(SEGMENT_GLOB)]:
        part.write_text("{not json", encoding="utf-8")
    seen: list[tuple[int, int]] = []
    assert _table(seeded_store.compare(progress=lambda done, total: seen.append((done, total)))) == expected
    assert seen and seen[0] == (0, 5)  # the five briefs read again, with progress
    assert set(held(seeded_store.folder)) == {a.id for a in seeded_store.articles()}  # and written back
    index.unlink()
    for segment in seeded_store.folder.glob(SEGMENT_GLOB):
        segment.unlink()
    assert _table(seeded_store.compare()) == expected


def test_the_groups_are_kept_and_another_process_opens_them_without_making_them(seeded_store: Store) -> None:
    from store.story.compare_view import VIEW_FILE

    made = _table(seeded_store.compare())
    assert (seeded_store.folder / VIEW_FILE).is_file()
    with Store(seeded_store.folder, readonly=True) as reader:
        seen: list[tuple[int, int]] = []
        assert _table(reader.compare(progress=lambda done, total: seen.append((done, total)))) == made
        assert seen == []  # nothing parsed or placed: the kept groups are shown
        assert _table(reader.compare(order="figure", progress=lambda done, total: seen.append((done, total))))
        assert seen  # another order is made from the index


def test_every_change_makes_the_kept_groups_again(seeded_store: Store) -> None:
    seeded_store.compare()
    first = seeded_store.resolve("881b00be")
    seeded_store.edit(first, date="2024-12-30")
    assert _table(seeded_store.compare()) == _table(compare_figures(seeded_store.articles(), seeded_store.regrouping()))
    seeded_store.merge_groups("killed", "casualties")
    assert "killed" not in {group.id for group in seeded_store.compare()}
    seeded_store.undo()
    assert "killed" in {group.id for group in seeded_store.compare()}
    path = seeded_store.article(first).path
    seeded_store.remove([first])
    assert first not in {row.article_id for group in seeded_store.compare() for row in group.rows}
    with Store(seeded_store.folder) as other:  # another process's import
        other.import_paths([path])
    seeded_store.refresh()
    assert first in {row.article_id for group in seeded_store.compare() for row in group.rows}


def test_a_damaged_file_of_kept_groups_is_made_again(seeded_store: Store) -> None:
    from store.story.compare_view import VIEW_FILE

    made = _table(seeded_store.compare())
    view = seeded_store.folder / VIEW_FILE
    view.write_bytes(view.read_bytes()[: len(view.read_bytes()) // 2])
    assert _table(seeded_store.compare()) == made
    view.write_text("[]\n", encoding="utf-8")
    assert _table(seeded_store.compare()) == made


def test_an_article_record_gives_the_index_the_same_line_as_the_article(seeded_store: Store) -> None:
    from store.story.compare_index import line_of_record

    for article in seeded_store.articles():
        assert line_of_record(article.to_record()) == entry_of(article).to_line()


def _padded_entry(store: Store) -> CompareEntry:
    """A seed brief's entry with long sentences: ~0.2 MB a line, so a few writes make a fold."""
    entry = entry_of(store.articles()[0])
    return replace(entry, figures=tuple(ComparedFigure(f.figure, f.rule_group, f.sentence + " padding" * 2000, f.repeat_of) for f in entry.figures))


def test_writes_add_segments_that_fold_into_the_base_once_as_large_and_a_crash_between_is_harmless(seeded_store: Store, tmp_path: Path) -> None:
    padded = _padded_entry(seeded_store)
    folder = tmp_path / "index"
    folder.mkdir()
    index = CompareIndex(folder)
    sizes = []
    for number in range(40):  # each write its own briefs only: one segment of ~0.2 MB
        index.write([replace(padded, id=f"{number:016x}")], removed=[f"{number - 1:016x}"] if number % 2 else [])
        sizes.append(len(list(folder.glob(SEGMENT_GLOB))))
    expected = {f"{n:016x}" for n in range(40) if n % 2 or n == 39}
    assert set(held(folder)) == expected
    assert (folder / COMPARE_FILE).is_file() and max(sizes) < 40 and sizes[-1] < sizes.index(max(sizes)) + 40  # folded, more than once
    through = orjson.loads((folder / COMPARE_FILE).read_bytes().split(b"\n", 1)[0])["through"]
    (folder / f"compare-{through}.jsonl").write_bytes(b'["0000000000000001"]\n')  # a folded segment a crash left
    assert set(held(folder)) == expected  # ignored: the base holds it already


def test_a_fold_says_where_the_base_lines_are_and_reading_finds_the_same_lines_with_or_without_it(seeded_store: Store, tmp_path: Path) -> None:
    padded = _padded_entry(seeded_store)
    folder = tmp_path / "index"
    folder.mkdir()
    index = CompareIndex(folder)
    for number in range(12):  # enough to fold
        index.write([replace(padded, id=f"{number:016x}", title=f"Brief {number}")])
    assert (folder / COMPARE_FILE).is_file() and (folder / PLACES_FILE).is_file()
    expected = {f"{n:016x}": f"Brief {n}" for n in range(12)}
    assert {i: entry.title for i, entry in held(folder).items()} == expected
    index.write([replace(padded, id=f"{3:016x}", title="Brief 3, again")], removed=[f"{4:016x}"])  # a segment over the base

    def asked_for() -> dict[str, str]:
        return {i: CompareEntry.from_line(line).title for i, line in index.lines_for({f"{n:016x}" for n in (2, 3, 4, 99)}).items()}

    newest = {f"{2:016x}": "Brief 2", f"{3:016x}": "Brief 3, again"}
    now_held = {i: title for i, title in {**expected, **newest}.items() if i != f"{4:016x}"}
    assert {i: entry.title for i, entry in held(folder).items()} == now_held
    assert asked_for() == newest  # the base's lines read where its places say, the segment's over them
    places = (folder / PLACES_FILE).read_bytes()
    for damaged in (b"{not json", places.replace(b'"stamp":"', b'"stamp":"0')):  # broken, or another fold's
        (folder / PLACES_FILE).write_bytes(damaged)
        assert asked_for() == newest  # the base's lines read instead
        assert {i: entry.title for i, entry in held(folder).items()} == now_held
    (folder / PLACES_FILE).unlink()
    assert asked_for() == newest


def test_a_fold_streams_past_a_segment_a_crash_cut_short_as_reading_does(seeded_store: Store, tmp_path: Path) -> None:
    padded = _padded_entry(seeded_store)
    folder = tmp_path / "index"
    folder.mkdir()
    index = CompareIndex(folder)
    index.write([replace(padded, id="00000000000000aa")])
    (folder / "compare-2.jsonl").write_bytes(padded.to_line().replace(padded.id.encode(), b"00000000000000bb").rstrip(b"\n"))  # cut short
    before = set(held(folder))
    for number in range(12):  # enough bytes of segments to fold, past the damaged one
        index.write([replace(padded, id=f"{number:016x}")])
    assert (folder / COMPARE_FILE).is_file() and not (folder / "compare-2.jsonl").exists()  # folded
    assert before == {"00000000000000aa"} and set(held(folder)) == before | {f"{n:016x}" for n in range(12)}


def test_lines_for_and_rewrite_see_the_newest_line_of_each_brief_without_reading_the_rest(seeded_store: Store, tmp_path: Path) -> None:
    entries = [entry_of(article) for article in seeded_store.articles()]
    folder = tmp_path / "index"
    folder.mkdir()
    index = CompareIndex(folder)
    index.write(entries[:3])
    index.write([replace(entries[1], title="Retitled")], removed=[entries[2].id])  # a later segment over the first
    index.write(entries[3:])
    wanted = {entries[1].id, entries[2].id, entries[4].id, "0000000000000000"}
    lines = CompareIndex(folder).lines_for(wanted)
    assert lines == {entries[1].id: replace(entries[1], title="Retitled").to_line(), entries[4].id: entries[4].to_line()}
    loaded = CompareIndex(folder)
    assert loaded.lines_for(wanted) == lines  # the same from another instance

    def source_changed(article_id: str, line: bytes) -> bytes | None:
        entry = CompareEntry.from_line(line)
        return None if entry.source == "elsewhere" else replace(entry, source="elsewhere").to_line()

    before = len(list(folder.glob(SEGMENT_GLOB)))
    CompareIndex(folder).rewrite({entries[0].id, entries[2].id, entries[4].id}, source_changed)
    after = held(folder)
    assert set(after) == {e.id for e in entries} - {entries[2].id}  # a removed brief stays removed
    assert {i for i, e in after.items() if e.source == "elsewhere"} == {entries[0].id, entries[4].id}
    assert after[entries[1].id].title == "Retitled" and after[entries[3].id] == entries[3]
    assert CompareEntry.from_line(loaded.lines_for({entries[0].id})[entries[0].id]).source == "elsewhere"  # an instance made before reads the new segment
    segments = len(list(folder.glob(SEGMENT_GLOB)))
    CompareIndex(folder).rewrite({entries[0].id}, source_changed)  # nothing moves: nothing written
    assert segments == before + 1 == len(list(folder.glob(SEGMENT_GLOB)))


def test_a_line_remarked_is_the_line_of_the_article_marked(seeded_store: Store) -> None:
    from itertools import product

    from store.story.compare_index import remarked_line
    from store.story.repeats import with_marks

    moved = 0
    for article in seeded_store.articles():
        spans = [(p.start, p.end) for p in article.paragraphs]
        line = entry_of(article).to_line()
        for choice in product([None, "00000000000000aa", "00000000000000bb"], repeat=min(len(spans), 3)):
            marks = dict(zip(spans, choice, strict=False))
            marked = with_marks(article, marks)
            expected = None if marked is None or entry_of(marked) == entry_of(article) else entry_of(marked).to_line()
            assert remarked_line(line, marks) == expected
            moved += expected is not None
    assert moved > 20  # most choices move a figure's mark


def test_making_the_groups_pauses_the_cycle_collector_and_always_resumes_it(seeded_store: Store) -> None:
    seen: list[bool] = []

    def stop(done: int, total: int) -> None:
        seen.append(gc.isenabled())
        raise KeyboardInterrupt  # as esc stops a regrouping

    seeded_store.edit(seeded_store.summaries()[0].id, date="2024-12-30")  # the kept groups are made again
    with pytest.raises(KeyboardInterrupt):
        seeded_store.compare(progress=stop)
    assert seen == [False] and gc.isenabled()
    gc.disable()
    try:
        seeded_store.compare()
        assert not gc.isenabled()  # paused by someone else: left paused
    finally:
        gc.enable()


def test_lines_being_read_stay_as_they_were_while_another_process_writes_and_folds(seeded_store: Store, tmp_path: Path) -> None:
    padded = _padded_entry(seeded_store)
    folder = tmp_path / "index"
    folder.mkdir()
    first = replace(padded, id="00000000000000aa")
    CompareIndex(folder).write([first])
    with CompareIndex(folder).reading() as lines:
        other = CompareIndex(folder)  # as another process writes
        other.write([replace(first, title="Retitled")])
        for number in range(12):  # enough to fold: the segments being read are folded and deleted
            other.write([replace(padded, id=f"{number:016x}")])
        assert not (folder / "compare-1.jsonl").exists()
        assert lines(first.id) == first.to_line() and lines("0000000000000000") is None  # as when the reading began
    assert held(folder)[first.id].title == "Retitled" and len(held(folder)) == 13

"""An import written in many batches ends as one written in a single batch: the same briefs, the same
repeat marks on every paragraph, and a compare index that says what the briefs say.

Briefs come in an order that keeps moving the earliest brief of a repeated paragraph, so the marks of
briefs stored by earlier batches change and are rewritten when the import ends (the stale marks).
"""

from __future__ import annotations

import gc
import random
from pathlib import Path

import orjson
import pytest

from store import Store
from store.persist.shelf import Shelf, volume_path
from store.persist.storage import atomic_write_bytes, encode_json
from store.story.compare_index import CompareEntry, CompareIndex, entry_of

SHARED = [
    "Officials said at least 40 soldiers were wounded in the shelling of the border town overnight.",
    "The ministry reported 1,200 people displaced and 3 bridges destroyed since Monday.",
    "Aid groups said 15 trucks of food crossed the northern checkpoint, far short of the 90 needed.",
]


def corpus(folder: Path, count: int, seed: int, *, undated: int = 0, days: dict[int, str] | None = None) -> Path:
    """`count` briefs whose dates run against their file order, each sharing some paragraphs; every
    `undated`-th has no date (an undated brief comes before a dated one imported later, and after
    one imported earlier: "earlier" is then no order); `days` gives some briefs another date."""
    rng = random.Random(seed)
    folder.mkdir()
    for number in range(count):
        day = 28 - number if number % 3 else 28 - (number // 2)  # mostly ever earlier, with ties
        shared = [p for p in SHARED if rng.random() < 0.6]
        own = f"Report {number} counts {number + 2} tanks and {number * 7} shells."
        paragraphs = [own, *shared] if number % 2 else [*shared, own]
        dated = "" if undated and number % undated == 1 else f"date {(days or {}).get(number, f'2024-11-{day:02d}')} "
        text = f"{dated}Brief {number}.\n\n" + "\n\n".join(paragraphs)
        (folder / f"{number:03}.txt").write_text(text, encoding="utf-8")
    return folder


def marks(store: Store) -> dict[str, list[tuple[int, int, str | None]]]:
    return {s.id: [(p.start, p.end, p.repeated_from) for p in store.article(s.id).paragraphs] for s in store.summaries()}


def marks_by_title(store: Store) -> dict[str, list[tuple[int, int, str | None]]]:
    """`marks`, each brief named by its title: the same brief with another date in its file has another id."""
    title = {s.id: s.title for s in store.summaries()}
    return {title[i]: [(start, end, mark and title[mark]) for start, end, mark in spans] for i, spans in marks(store).items()}


@pytest.mark.parametrize(("seed", "compare_batch"), [(1, 20_000), (2, 5)])
def test_many_batches_give_the_marks_and_compare_index_of_one(tmp_path: Path, monkeypatch, seed: int, compare_batch: int) -> None:
    from store.library import library

    briefs = corpus(tmp_path / "briefs", 24, seed)
    with Store(tmp_path / "whole") as whole:
        whole.import_paths([briefs])
        expected = marks(whole)
    assert any(mark for spans in expected.values() for _, _, mark in spans)  # the corpus does repeat

    monkeypatch.setattr(library, "IMPORT_BATCH", 1)  # a batch after every brief, as a long import does
    monkeypatch.setattr(library, "COMPARE_BATCH", compare_batch)  # compare entries written at the end, or every 5 briefs
    with Store(tmp_path / "batched") as batched:
        report = batched.import_paths([briefs])
        assert len(report.added) == 24
        assert marks(batched) == expected
    assert not (tmp_path / "batched" / library.STALE_FILE).exists()
    with Store(tmp_path / "batched", readonly=True) as reader:  # as another process reads the files
        assert marks(reader) == expected
        index = CompareIndex(tmp_path / "batched").lines_for(expected)
        assert {i: CompareEntry.from_line(index[i]) for i in expected} == {s.id: entry_of(reader.article(s.id)) for s in reader.summaries()}


@pytest.mark.parametrize("seed", [4, 5, 6])
def test_a_date_another_process_edits_during_the_import_marks_as_if_the_brief_came_with_it(tmp_path: Path, monkeypatch, seed: int) -> None:
    """Dated and undated briefs, a batch a brief, and between two batches another process moves the
    earliest brief of the shared paragraphs: the marks are those of one import of the briefs with
    that date in their file."""
    from store.library import library

    edit = {2: "2024-10-01"}  # the third brief becomes the earliest of all
    with Store(tmp_path / "whole") as whole:
        whole.import_paths([corpus(tmp_path / "edited", 30, seed, undated=4, days=edit)])
        expected = marks_by_title(whole)
    assert sum(mark is not None for spans in expected.values() for _, _, mark in spans) > 20  # the corpus does repeat

    monkeypatch.setattr(library, "IMPORT_BATCH", 1)
    folder, edited = tmp_path / "batched", []

    def edit_the_third_brief(done: int, total: int, report) -> None:
        if done == 12 and not edited:
            with Store(folder) as other:
                edited.append(other.edit(report.added[2], date=edit[2]).id)

    with Store(folder) as importing:
        importing.import_paths([corpus(tmp_path / "briefs", 30, seed, undated=4)], progress=edit_the_third_brief)
    assert edited
    with Store(folder, readonly=True) as reader:
        assert marks_by_title(reader) == expected


def test_briefs_dated_once_the_store_learns_the_year_are_marked_as_if_it_had_known_it(tmp_path: Path, monkeypatch) -> None:
    """The first briefs say "Today, November 12" and no year; a later batch brings one. The
    earliest of the shared paragraphs is one of the first briefs, found only once they are dated."""
    from store.library import library

    briefs = corpus(tmp_path / "briefs", 16, 7)
    for number, path in enumerate(sorted(briefs.iterdir())[:6]):
        day = 10 + (number * 5) % 7  # the earliest of all (the others are dated 2024-11-13 and later)
        path.write_text(path.read_text(encoding="utf-8").replace("date 2024-11-", "dated-").replace("\n\n", f"\n\nToday, November {day}, officials spoke.\n\n", 1), encoding="utf-8")
    with Store(tmp_path / "whole") as whole:
        whole.import_paths([briefs])
        expected = marks(whole)
        assert [s.published for s in whole.summaries() if s.published < "2024-11-13"]  # the year dated them
    monkeypatch.setattr(library, "IMPORT_BATCH", 1)
    with Store(tmp_path / "batched") as batched:
        batched.import_paths([briefs])
        assert marks(batched) == expected


def test_a_brief_another_process_edits_during_the_import_keeps_its_edit_in_the_compare_index(tmp_path: Path, monkeypatch) -> None:
    from store.library import library

    briefs = corpus(tmp_path / "briefs", 12, 3)
    monkeypatch.setattr(library, "IMPORT_BATCH", 1)
    folder = tmp_path / "store"
    edited: list[str] = []

    def edit_the_first_brief(done: int, total: int, report) -> None:
        if done == 4 and not edited:  # between two batches, the lock free: a reader's date edit
            with Store(folder) as other:
                edited.append(other.edit(report.added[0], date="2024-10-01").id)

    with Store(folder) as importing:
        importing.import_paths([briefs], progress=edit_the_first_brief)
    with Store(folder, readonly=True) as reader:
        index = {i: CompareEntry.from_line(line) for i, line in CompareIndex(folder).lines_for({s.id for s in reader.summaries()}).items()}
        assert index[edited[0]].published == "2024-10-01"
        assert index == {s.id: entry_of(reader.article(s.id)) for s in reader.summaries()}


def test_an_import_pauses_the_cycle_collector_and_always_resumes_it(tmp_path: Path) -> None:
    briefs = corpus(tmp_path / "briefs", 6, 4)
    seen: list[bool] = []

    def stop(done: int, total: int, report) -> None:
        seen.append(gc.isenabled())
        if done == 3:
            raise KeyboardInterrupt  # ctrl-c in the middle of an import

    with Store(tmp_path / "store") as store:
        with pytest.raises(KeyboardInterrupt):
            store.import_paths([briefs], progress=stop)
        assert seen == [False, False, False] and gc.isenabled()
        assert len(store.import_paths([briefs]).added) == 6
        assert gc.isenabled()


def _every_other_paragraph_marked(mark: str):
    def amend(article_id: str, paragraphs: list[dict]) -> bool:
        changed = False
        for number, paragraph in enumerate(paragraphs):
            if number % 2 == 0 and paragraph.get("repeated_from") != mark:
                paragraph["repeated_from"], changed = mark, True
        return changed

    return amend


def _amended_whole(raw: bytes, amend) -> tuple[bytes, int]:
    """A volume parsed, its records amended and encoded again: what the stale marks' rewrite must give."""
    tables = orjson.loads(raw)
    changed = sum(amend(record["id"], record["paragraphs"]) for record in tables["articles"].values())
    return encode_json(tables), changed


def test_stale_marks_are_rewritten_in_a_volumes_bytes_as_a_whole_rewrite_would(tmp_path: Path) -> None:
    with Store(tmp_path / "store") as store:
        store.import_paths([corpus(tmp_path / "briefs", 24, 5)])
        ids = [s.id for s in store.summaries()]
    path = volume_path(tmp_path / "store", 0)
    for layout, mark in [(0, "00000000000000aa"), (orjson.OPT_SORT_KEYS, "00000000000000bb")]:  # as written; keys in another order
        atomic_write_bytes(path, orjson.dumps(orjson.loads(path.read_bytes()), option=layout))
        expected, count = _amended_whole(path.read_bytes(), _every_other_paragraph_marked(mark))
        assert count > 0
        shelf = Shelf(tmp_path / "store", readonly=False)
        assert shelf.amend_paragraphs(ids[::-1], _every_other_paragraph_marked(mark)) == count
        assert path.read_bytes() == expected
        assert shelf.amend_paragraphs(ids, _every_other_paragraph_marked(mark)) == 0  # nothing left to change
        shelf.close()
    with Store(tmp_path / "store", readonly=True) as reader:
        assert all(p.repeated_from == "00000000000000bb" for i in ids for p in reader.article(i).paragraphs[::2])

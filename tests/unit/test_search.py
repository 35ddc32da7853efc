"""Full-text search: body words, phrases, prefixes, folded case and accents, ranking, tags, and an
index that follows every change, catches up after a crash and is rebuilt when damaged."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from store import CorruptStore, InvalidRequest, Store
from store.search.index import INDEX_FILE


def write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def three(store_dir: Path, tmp_path: Path):
    """Three briefs whose words are chosen so each query below has one right answer."""
    briefs = tmp_path / "briefs"
    write(briefs, "a.txt", "date 2024-12-01 Shelling near Kürsk.\n\nOfficials said 40 soldiers were wounded near the Sudzha crossing.")
    write(briefs, "b.txt", "date 2024-12-05 Drones over Belgorod.\n\nThe governor said crossing points were closed; soldiers wounded, said officials.")
    write(briefs, "c.txt", "date 2024-11-20 Talks in Geneva.\n\nDiplomats met for a third round; no figures were given about the front.")
    store = Store(store_dir)
    ids = store.import_paths([briefs]).added
    yield store, dict(zip("abc", ids))
    store.close()


def found(store: Store, query: str, **options) -> list[str]:
    return [hit.article_id for hit in store.search(query, **options)]


def test_a_word_of_the_body_finds_its_brief(three) -> None:
    store, ids = three
    assert found(store, "diplomats") == [ids["c"]]  # a body word only: not in any title


def test_case_and_accents_are_ignored_both_ways(three) -> None:
    store, ids = three
    assert found(store, "KURSK") == [ids["a"]]
    assert found(store, "kürsk") == [ids["a"]]
    assert found(store, "sudžha") == [ids["a"]]


def test_a_word_matches_words_beginning_with_it(three) -> None:
    store, ids = three
    assert found(store, "diplo") == [ids["c"]]
    assert found(store, "geneva talk") == [ids["c"]]  # every term must match, in any order


def test_a_quoted_phrase_matches_whole_words_in_order(three) -> None:
    store, ids = three
    assert found(store, '"soldiers were wounded"') == [ids["a"]]  # b has the words, not the phrase
    assert sorted(found(store, "soldiers wounded")) == sorted([ids["a"], ids["b"]])
    assert found(store, '"soldier were wounded"') == []  # inside quotes a word is whole
    assert found(store, '"soldiers were') == [ids["a"]]  # a quote left open, as while typing


def test_spans_point_at_the_matched_words(three) -> None:
    store, ids = three
    [hit] = store.search('kursk "were wounded"')
    text = store.article(ids["a"]).text
    assert [text[a:b] for a, b in store.match_spans('kursk "were wounded"', ids["a"])] == ["Kürsk", "were wounded"]
    title = store.article(ids["a"]).title
    assert [title[a:b] for a, b in hit.title_spans] == ["Kürsk"]


def test_relevance_puts_the_title_match_first_and_date_the_newest(three) -> None:
    store, ids = three
    assert found(store, "crossing")[0] in {ids["a"], ids["b"]}
    assert found(store, "belgorod crossing") == [ids["b"]]
    assert found(store, "said", by="date") == [ids["b"], ids["a"]]
    assert found(store, "were", by="date") == [ids["b"], ids["a"], ids["c"]]


def test_a_brief_that_says_the_word_more_often_ranks_first_however_long_it_is(store_dir: Path, tmp_path: Path) -> None:
    padding = " ".join(f"The {n}th paragraph of the report gave no figure." for n in range(1, 60))
    briefs = tmp_path / "briefs"
    write(briefs, "short.txt", "date 2024-12-01 Night raid.\n\nA convoy was hit near the bridge.")
    write(briefs, "long.txt", f"date 2024-11-01 The week at the front.\n\nA convoy left at dawn. {padding} A second convoy followed.")
    write(briefs, "title.txt", "date 2024-10-01 Convoy stopped.\n\nTrucks waited at the border.")
    with Store(store_dir) as store:
        titles = {store.article(i).title: i for i in store.import_paths([briefs]).added}
        short, long, titled = titles["Night raid."], titles["The week at the front."], titles["Convoy stopped."]
        assert found(store, "convoy") == [titled, long, short]  # a title word first, then twice before once


def test_the_tag_filter_keeps_only_briefs_with_a_claim_so_tagged(three) -> None:
    store, ids = three
    tag = store.tags()[0]
    start, end = store.article(ids["b"]).sentences[0]
    store.annotate(ids["b"], start, end, tags=[tag])
    assert found(store, "soldiers", tag=tag) == [ids["b"]]
    assert found(store, "diplomats", tag=tag) == []
    with pytest.raises(Exception, match="not in the tag set"):
        store.search("soldiers", tag="no such tag")


def test_search_follows_removal_and_edits(three) -> None:
    store, ids = three
    store.remove([ids["a"]])
    assert found(store, "kursk") == []
    store.edit(ids["c"], date="2025-01-02")
    assert found(store, "were", by="date")[0] == ids["c"]
    with Store(store.folder, readonly=True) as other:  # as another process sees it
        assert found(other, "were", by="date") == [ids["c"], ids["b"]]


def test_a_store_without_an_index_gets_one_at_the_first_search(three) -> None:
    store, ids = three
    folder = store.folder
    store.close()
    (folder / INDEX_FILE).unlink()  # as a store made before search, or a crash before the index's write
    told: list[tuple[int, int]] = []
    with Store(folder) as again:
        assert found(again, "diplomats", progress=lambda done, total: told.append((done, total))) == [ids["c"]]
    assert told[-1] == (3, 3)


def test_a_damaged_index_says_so_in_one_line_and_is_rebuilt(three) -> None:
    store, _ = three
    folder = store.folder
    store.close()
    (folder / INDEX_FILE).write_bytes(b"SQLite format 3\x00" + b"\xff" * 4000)
    with Store(folder) as again:
        with pytest.raises(CorruptStore) as refused:
            again.search("diplomats")
        message = str(refused.value)
        assert "\n" not in message and "search index is damaged" in message and "newsbrief search --rebuild" in message
        again.import_paths([write(folder.parent / "more", "d.txt", "date 2024-12-09 Another brief about diplomats.")])  # import goes on
        again.rebuild_search()
        assert len(found(again, "diplomats")) == 2


def test_what_the_user_types_is_never_an_operator(three) -> None:
    store, _ = three
    assert found(store, "NOT diplomats") == []  # "not" is a word to find, and no brief has it
    assert found(store, "title:diplomats") == []  # a column filter in FTS5; here two words
    assert found(store, "diplomats OR") == []
    with pytest.raises(InvalidRequest):
        store.search("  !!! ")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])  # searches only read it
@given(query=st.text(max_size=30))
def test_any_query_finds_or_says_there_is_nothing_to_search(seeded_store: Store, query: str) -> None:
    try:
        hits = seeded_store.search(query)
    except InvalidRequest as refused:
        assert "no words to search for" in str(refused)
        return
    assert all(hit.title_spans or seeded_store.match_spans(query, hit.article_id) for hit in hits)


def test_date_order_is_newest_first_and_undated_last_however_the_briefs_came(store_dir: Path, tmp_path: Path) -> None:
    briefs = tmp_path / "dated"
    days = ["2024-03-09", "2023-12-31", None, "2024-03-09", "2025-01-15", "2024-01-02"]
    for number, day in enumerate(days):  # imported out of date order, two on one day
        write(briefs, f"{number}.txt", (f"date {day} " if day else "") + f"Brief {number} about convoys.\n\nA convoy of {number + 3} trucks was seen.")
    with Store(store_dir) as store:
        store.import_paths([briefs])
        dates = [hit.published for hit in store.search("convoy", by="date", limit=100)]
        assert dates[:-1] == sorted(dates[:-1], reverse=True) and len(dates) == len(days)
        assert dates[-1] is None  # undated briefs come last, as the oldest
        assert [hit.published for hit in store.search("convoy", by="date", limit=2)] == ["2025-01-15", "2024-03-09"]
        tag = store.tags()[0]
        oldest = next(h.article_id for h in store.search("convoy", by="date", limit=100) if h.published == "2023-12-31")
        store.annotate(oldest, *store.article(oldest).sentences[0], tags=[tag])
        assert [hit.article_id for hit in store.search("convoy", by="date", tag=tag)] == [oldest]


def test_an_index_of_an_older_format_is_rebuilt_at_the_next_search_with_progress(three) -> None:
    import sqlite3

    store, ids = three
    folder = store.folder
    store.close()
    with sqlite3.connect(folder / INDEX_FILE) as db:  # as the index newsbrief wrote before it dropped lengths
        db.execute("UPDATE meta SET value = 'newsbrief-search-2' WHERE key = 'format'")
    with Store(folder, readonly=True) as reading, pytest.raises(CorruptStore, match=r"older format.*newsbrief search --rebuild"):
        reading.search("diplomats")  # read-only it cannot rebuild: it says how
    told: list[tuple[int, int]] = []
    with Store(folder) as again:
        assert found(again, "diplomats", progress=lambda done, total: told.append((done, total))) == [ids["c"]]
        assert found(again, "were", by="date") == [ids["b"], ids["a"], ids["c"]]
    assert told[-1] == (3, 3)


def test_a_brief_the_index_kept_through_a_crash_never_lends_its_words_to_a_new_one(store_dir: Path, tmp_path: Path) -> None:
    gone_text = "date 2024-12-01 Convoy seen.\n\nA convoy of zebras crossed the river."
    with Store(store_dir) as store:
        [gone] = store.import_paths([write(tmp_path / "a", "gone.txt", gone_text)]).added
        before_removal = (store_dir / INDEX_FILE).read_bytes()
        store.remove([gone])
    (store_dir / INDEX_FILE).write_bytes(before_removal)  # as if the index's write of the removal was lost
    with Store(store_dir) as again:
        assert found(again, "zebras") == []  # the store catches up: the index forgets it
        [new] = again.import_paths([write(tmp_path / "b", "new.txt", gone_text.replace("zebras", "camels"))]).added  # same day, same length
        assert found(again, "zebras") == [] and found(again, "zebras", by="date") == []
        assert found(again, "camels") == [new] and found(again, '"of camels crossed"') == [new]


def test_an_index_written_before_the_retired_rowids_takes_writes_without_a_rebuild(store_dir: Path, tmp_path: Path) -> None:
    import sqlite3

    with Store(store_dir) as store:
        store.import_paths([write(tmp_path / "a", "one.txt", "date 2024-12-01 Convoy seen.\n\nA convoy of zebras crossed the river.")])
    with sqlite3.connect(store_dir / INDEX_FILE) as db:
        db.execute("DROP TABLE retired")  # as the index of this format was written before it
    with Store(store_dir) as again:
        [new] = again.import_paths([write(tmp_path / "b", "two.txt", "date 2024-12-01 Camels.\n\nA herd of camels crossed.")]).added
        assert found(again, "camels") == [new] and len(found(again, "crossed")) == 2

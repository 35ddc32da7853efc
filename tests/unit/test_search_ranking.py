"""Relevance ranking by the impact lists gives the briefs, order and scores FTS5's bm25() gives over
every match, on a corpus of real news sentences recombined, before and after removals and edits."""

from __future__ import annotations

import random
import re
import sqlite3
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from store import Store
from store.search.impacts import ranked
from store.search.index import INDEX_FILE, TITLE_WEIGHT
from store.search.query import parse

from checkout import SEEDS

SENTENCES = [s.strip() for path in sorted(SEEDS.glob("*.txt")) for s in re.split(r"(?<=[.!?])\s+", path.read_text(encoding="utf-8")) if len(s.split()) > 3]
WORDS = re.compile(r"[^\W_]+")


def corpus(folder: Path, count: int, seed: int) -> Path:
    """Briefs of 1 to 14 seed sentences (some repeated, as wire copy repeats), titles from one of them,
    a few accented names, dates over two months: most words in many briefs, as in the benchmark."""
    pick = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    for number in range(count):
        body = [pick.choice(SENTENCES) for _ in range(pick.randint(1, 14))]
        if pick.random() < 0.2:
            body.append(pick.choice(["Shelling near Kürsk went on.", "The Kursk front held; Sudža was quiet.", "Officials in Kürsk said 12 were wounded."]))
        title = " ".join(pick.choice(SENTENCES).split()[: pick.randint(3, 9)])
        day = f"2024-{pick.randint(11, 12)}-{pick.randint(1, 28):02d}"
        (folder / f"{number:04d}.txt").write_text(f"date {day} {title}\n\n" + " ".join(body), encoding="utf-8")
    return folder


def by_fts5(folder: Path, query: str, limit: int = 20) -> list[tuple[str, float]]:
    """What `ORDER BY bm25()` over every match gives, straight from the index file."""
    match = " ".join(term.fts() for term in parse(query))
    with sqlite3.connect(f"file:{folder / INDEX_FILE}?mode=ro", uri=True) as db:
        return [(article_id, -score) for article_id, score in db.execute(
            f"SELECT docs.article_id, bm25(briefs, {TITLE_WEIGHT}, 1.0) AS score FROM briefs JOIN docs ON docs.n = briefs.rowid "
            "WHERE briefs MATCH ? ORDER BY score, briefs.rowid DESC LIMIT ?", (match, limit))]


def answered_by_impacts(folder: Path, query: str) -> bool:
    with sqlite3.connect(f"file:{folder / INDEX_FILE}?mode=ro", uri=True) as db:
        return ranked(db, parse(query)[0], 20) is not None


def assert_same_ranking(store: Store, query: str) -> None:
    hits = store.search(query)
    expected = by_fts5(store.folder, query)
    assert [hit.article_id for hit in hits] == [article_id for article_id, _ in expected], query
    assert [hit.score for hit in hits] == pytest.approx([score for _, score in expected], rel=1e-12, abs=1e-18)


@pytest.fixture(scope="module")
def news(tmp_path_factory: pytest.TempPathFactory):
    root = tmp_path_factory.mktemp("ranking")
    store = Store(root / "store")
    store.import_paths([corpus(root / "briefs", 240, seed=7)])
    yield store
    store.close()


def queries(store: Store) -> st.SearchStrategy[str]:
    """A word, a quoted word, or a phrase of two or three words, taken from a random brief."""
    texts = [store.article(summary.id).text for summary in store.summaries()[:60]]

    @st.composite
    def query(draw: st.DrawFn) -> str:
        words = WORDS.findall(draw(st.sampled_from(texts)))
        size = draw(st.sampled_from([1, 1, 2, 3]))
        start = draw(st.integers(0, max(0, len(words) - size)))
        chosen = " ".join(words[start : start + size])
        return chosen if size == 1 and draw(st.booleans()) else f'"{chosen}"'

    return query()


def test_common_words_and_phrases_are_ranked_by_the_impact_lists_as_bm25_ranks_them(news: Store) -> None:
    for query in ["wounded", '"north korean soldiers"', '"north korean"', '"wounded"', "kürsk", "KURSK", "pentagon",
                  "soldier", "the"]:  # these two begin several words ("soldiers", "their"): the others' briefs are scored by FTS5
        assert answered_by_impacts(news.folder, query), query  # or this test would compare FTS5 with itself
        assert_same_ranking(news, query)
    assert_same_ranking(news, "north korean")  # two terms: FTS5 ranks them
    assert news.search('"no such phrase anywhere"') == []


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])  # searches only read it
@given(data=st.data())
def test_any_word_or_phrase_of_the_corpus_ranks_as_bm25_ranks_it(news: Store, data: st.DataObject) -> None:
    assert_same_ranking(news, data.draw(queries(news)))


def test_the_ranking_follows_removals_new_dates_and_new_briefs(tmp_path: Path) -> None:
    with Store(tmp_path / "store") as store:
        store.import_paths([corpus(tmp_path / "briefs", 120, seed=11)])
        ids = [summary.id for summary in store.summaries()]
        pick = random.Random(3)
        best = [hit.article_id for hit in store.search('"north korean"', limit=5)]
        store.remove([*best[:3], *pick.sample(ids, 20)])  # the best ones gone: the next come up
        for summary in pick.sample(store.summaries(), 30):
            store.edit(summary.id, date="2025-01-0" + str(pick.randint(1, 9)), source="moved.txt")
        store.import_paths([corpus(tmp_path / "more", 40, seed=12)])
        for query in ["wounded", '"north korean"', '"north korean soldiers"', "pentagon", "kursk", '"the ukrainian"']:
            assert_same_ranking(store, query)
        assert not {hit.article_id for hit in store.search('"north korean"')} & set(best[:3])
        store.rebuild_search()
        for query in ["wounded", '"north korean soldiers"']:
            assert_same_ranking(store, query)

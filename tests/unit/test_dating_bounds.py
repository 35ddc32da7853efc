"""Dates bounded by the text: an undated brief is "not before" the latest day it reports, and each
figure carries the day its sentence names."""

from __future__ import annotations

from store import Store
from store.extract.brief import brief_facts
from store.extract.dating import latest_reported
from tui.presentation import describe_date

SEED = {"000": "881b00be533948a6", "001": "8f6b67fb", "002": "3739470e", "003": "469c9d84", "004": "382c7d5c"}


def test_undated_seeds_are_bounded_by_the_latest_day_they_report(seeded_store: Store) -> None:
    summaries = {s.id[:8]: s for s in seeded_store.summaries()}
    assert summaries["881b00be"].published is None and summaries["881b00be"].not_before == "2024-12-16"
    # 004 also names 20 January 2025, but as a deadline ("might not complete … before"), not as news
    assert summaries["382c7d5c"].not_before == "2024-12-17"
    assert summaries["469c9d84"].not_before is None  # "on Monday", "at the weekend": no day to bound by
    assert describe_date(summaries["881b00be"]) == "not before 2024-12-16"
    assert describe_date(summaries["469c9d84"]) == "undated"
    assert describe_date(summaries["8f6b67fb"]) == "2024-12-19"


def test_the_bound_survives_a_reopen_and_shows_in_the_article(seeded_store: Store) -> None:
    folder = seeded_store.folder
    seeded_store.close()
    with Store(folder, readonly=True) as again:
        article = again.article(again.resolve(SEED["000"]))
        assert article.not_before == "2024-12-16" and article.story_day == "2024-12-16"


def test_a_figure_carries_the_day_its_sentence_names(seeded_store: Store) -> None:
    article = seeded_store.article(seeded_store.resolve(SEED["001"]))  # dated 2024-12-19
    by_text = {f.text: f.as_of for f in article.figures}
    assert by_text["at least 30"] == "2024-12-15"  # "on December 14-15, … lost at least 30"
    assert by_text["several hundred"] == "2024-12-18"  # "The day before, … several hundred"


def test_compare_orders_by_the_day_a_figure_refers_to(seeded_store: Store) -> None:
    by_brief = next(g for g in seeded_store.compare() if g.id == "casualties")
    by_figure = next(g for g in seeded_store.compare("figure") if g.id == "casualties")
    days = [row.day for row in by_figure.rows if row.day]
    assert days == sorted(days)
    assert days[0] == "2024-12-15"  # the "at least 30" of December 14-15 comes before any brief's date
    assert [r.figure.text for r in by_brief.rows] != [r.figure.text for r in by_figure.rows]


def test_a_day_in_the_future_of_the_import_or_about_what_is_to_come_bounds_nothing() -> None:
    text = "Officials said on December 10 that 30 were hurt. Aid will arrive on December 28."
    facts = brief_facts(text, None)
    sentences = [text[a:b] for a, b in facts.sentences]
    assert latest_reported(facts.figures, sentences, 2024) == "2024-12-10"
    assert latest_reported(facts.figures, sentences, 2024, upto="2024-12-05") is None
    assert latest_reported(facts.figures, sentences, None) is None  # no year known, none given


def test_a_brief_imported_before_the_store_knows_a_year_is_bounded_once_it_does(store_dir, monkeypatch) -> None:
    import store.library.library as library

    from checkout import SEEDS

    monkeypatch.setattr(library, "IMPORT_BATCH", 1)  # one write per brief, as a slow import flushes them
    with Store(store_dir) as store:
        store.import_paths([SEEDS / "000_7094abec929739b2.txt"])  # no year anywhere in it, none in the store
        assert store.article(store.resolve(SEED["000"])).not_before is None
        store.import_paths([SEEDS / "001_20e64d0acd333082.txt"])  # dated 2024-12-19: the year is known now
        assert store.article(store.resolve(SEED["000"])).not_before == "2024-12-16"

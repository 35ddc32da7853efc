"""Folding figures into compare rows, on generated stories: every figure is counted once, in a row of
its own group, and the rows come in story order; the groups do not depend on how entries are read."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from store.model import Figure, Regrouping, story_order
from store.story.compare import compare_entries, in_story_order
from store.story.compare_index import ComparedFigure, CompareEntry

SOURCES = [None, "AP", "the Associated Press", "Ukraine's General Staff", "officials in Kyiv", "a senior US official", "Reuters"]
GROUPS = ["killed", "wounded", "casualties"]
DAYS = [None, "2024-12-01", "2024-12-02", "2024-12-03"]


@st.composite
def stories(draw: st.DrawFn) -> list[CompareEntry]:
    count = draw(st.integers(1, 12))
    ids = [f"{n:016x}" for n in range(count)]
    entries = []
    for number, article_id in enumerate(ids):
        figures = []
        for start in sorted(draw(st.sets(st.integers(0, 400), max_size=5))):
            value = draw(st.sampled_from([30, 100, 1000]))
            source = draw(st.sampled_from(SOURCES))
            figure = Figure(start, start + 3, str(value), "count", value, None, None, False, None, None, "soldiers killed", source, 0)
            repeat_of = draw(st.sampled_from([None, *ids[:number]]))
            sentence = f"{source or 'It'} said {value} soldiers were killed."
            figures.append(ComparedFigure(figure, draw(st.sampled_from(GROUPS)), sentence, repeat_of))
        entries.append(CompareEntry(article_id, f"Brief {number}", draw(st.sampled_from(DAYS)), False, None, f"{number}.txt", tuple(figures)))
    return entries


@settings(max_examples=200, deadline=None)
@given(stories(), st.sampled_from(["brief", "figure"]))
def test_every_figure_is_counted_once_in_its_own_group(entries: list[CompareEntry], order: str) -> None:
    groups = compare_entries(in_story_order(entries), Regrouping(), order)
    figures = {(e.id, f.rule_group) for e in entries for f in e.figures}
    assert sum(row.reports for g in groups for row in g.rows) == sum(len(e.figures) for e in entries)
    counted = {(brief, g.id) for g in groups for row in g.rows for brief in (row.article_id, *row.also_in)}
    assert counted == figures
    for group in groups:
        for row in group.rows:  # each other brief named once, the row's own not among them
            assert row.reports >= 1 + len(row.also_in) and len(set(row.also_in)) == len(row.also_in) and row.article_id not in row.also_in
        if order == "brief":
            places = {e.id: (*story_order(e.published, e.not_before), n) for n, e in enumerate(entries)}
            keys = [(places[row.article_id], row.figure.start) for row in group.rows]
            assert keys == sorted(keys)


@settings(max_examples=100, deadline=None)
@given(stories())
def test_the_groups_are_those_of_the_entries_however_they_are_listed(entries: list[CompareEntry]) -> None:
    reversed_catalog = list(reversed(entries))
    one = compare_entries(in_story_order(entries), Regrouping())
    other = compare_entries(in_story_order(reversed_catalog), Regrouping())
    # the catalog's order breaks ties between briefs of one day, so only the counts are the same
    assert sorted((g.id, g.brief_count, sum(r.reports for r in g.rows)) for g in one) == sorted(
        (g.id, g.brief_count, sum(r.reports for r in g.rows)) for g in other
    )

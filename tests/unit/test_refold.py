"""Bringing saved compare groups up to date by folding again what a change touched: on generated
stories and changes (briefs redated, re-marked, given other figures, removed, added; figures moved;
groups merged and unmerged) the groups are those grouping every brief gives."""

from __future__ import annotations

import math

from hypothesis import given, settings
from hypothesis import strategies as st

from store.model import Figure, Regrouping
from store.story.compare import compare_entries, in_story_order
from store.story.compare_index import ComparedFigure, CompareEntry
from store.story.refold import refolded

SOURCES = [None, "AP", "the Associated Press", "Reuters", "officials in Kyiv"]
GROUPS = ["killed", "wounded", "casualties", "money"]
DAYS = [None, "2024-12-01", "2024-12-02", "2024-12-03"]
VALUES = [30, 100, 1000]


def _figure(draw: st.DrawFn, start: int, ids: list[str]) -> ComparedFigure:
    value = draw(st.sampled_from(VALUES))
    source = draw(st.sampled_from(SOURCES))
    approximate = draw(st.booleans())
    figure = Figure(start, start + 3, str(value), "count", value, None, None, approximate, None, None, "soldiers killed", source, 0)
    sentence = f"{source or 'It'} said {value} soldiers were killed."
    return ComparedFigure(figure, draw(st.sampled_from(GROUPS)), sentence, draw(st.sampled_from([None, *ids])))


def _entry(draw: st.DrawFn, article_id: str, number: int, ids: list[str]) -> CompareEntry:
    starts = sorted(draw(st.sets(st.integers(0, 400), max_size=4)))
    figures = tuple(_figure(draw, start, [i for i in ids if i != article_id]) for start in starts)
    published = draw(st.sampled_from(DAYS))
    not_before = draw(st.sampled_from([None, "2024-12-02"])) if published is None else None
    return CompareEntry(article_id, f"Brief {number}", published, False, not_before, f"{number}.txt", figures)


def _changed_entry(draw: st.DrawFn, entry: CompareEntry, ids: list[str]) -> CompareEntry:
    """The brief after a change: redated, its repeat marks moved, a figure dropped or given another value."""
    how = draw(st.sampled_from(["date", "marks", "figures"]))
    if how == "date":
        return CompareEntry(entry.id, entry.title, draw(st.sampled_from(DAYS)), True, entry.not_before, entry.source, entry.figures)
    if how == "marks":
        others = [None, *(i for i in ids if i != entry.id)]
        figures = tuple(ComparedFigure(f.figure, f.rule_group, f.sentence, draw(st.sampled_from(others))) for f in entry.figures)
    else:
        figures = (*(f for f in entry.figures if draw(st.booleans())), _figure(draw, 401, ids))
    return CompareEntry(entry.id, entry.title, entry.published, entry.published_inferred, entry.not_before, entry.source, figures)


def _regrouping(draw: st.DrawFn, entries: list[CompareEntry], start: Regrouping) -> Regrouping:
    regrouping = start
    figures = [(e.id, f.start) for e in entries for f in e.figures]
    for _ in range(draw(st.integers(0, 3))):
        what = draw(st.sampled_from(["move", "merge", "unmerge"]))
        if what == "move" and figures:
            article_id, at = draw(st.sampled_from(figures))
            regrouping = regrouping.with_move(article_id, at, draw(st.sampled_from([*GROUPS, "mine"])))
        elif what == "merge":
            group, into = draw(st.sampled_from(GROUPS)), draw(st.sampled_from(GROUPS))
            if group != into and not regrouping.with_merge(group, into).loops_from(group):
                regrouping = regrouping.with_merge(group, into)
        elif regrouping.merges:
            regrouping = regrouping.without_merge(draw(st.sampled_from(sorted(regrouping.merges))))
    return regrouping


@st.composite
def stories_and_changes(draw: st.DrawFn) -> tuple[list[CompareEntry], Regrouping, list[CompareEntry], Regrouping, dict[str, tuple[CompareEntry | None, CompareEntry | None]]]:
    count = draw(st.integers(1, 10))
    ids = [f"{n:016x}" for n in range(count + 3)]
    before = [_entry(draw, ids[n], n, ids[:n]) for n in range(count)]
    regrouping_before = _regrouping(draw, before, Regrouping())
    after: list[CompareEntry] = []
    changed: dict[str, tuple[CompareEntry | None, CompareEntry | None]] = {}
    for entry in before:
        what = draw(st.sampled_from(["same", "same", "written again", "changed", "removed"]))
        if what == "removed":
            changed[entry.id] = (entry, None)
            continue
        now = _changed_entry(draw, entry, ids) if what == "changed" else entry
        if what != "same":
            changed[entry.id] = (entry, now)
        after.append(now)
    for n in range(count, count + draw(st.integers(0, 3))):
        added = _entry(draw, ids[n], n, ids[:n])
        after.append(added)
        changed[added.id] = (None, added)
    return before, regrouping_before, after, _regrouping(draw, after, regrouping_before), changed


@settings(max_examples=400, deadline=None)
@given(stories_and_changes())
def test_refolding_what_changed_gives_the_groups_of_every_brief(story: tuple) -> None:  # type: ignore[type-arg]
    before, regrouping_before, after, regrouping_after, changed = story
    saved = compare_entries(in_story_order(before), regrouping_before)
    now = {entry.id: entry for entry in after}
    place = {entry.id: n for n, entry in enumerate(after)}
    expected = compare_entries(in_story_order(after), regrouping_after)
    assert refolded(saved, regrouping_before, regrouping_after, changed, now.get, place, at_most=math.inf) == expected


def test_an_unchanged_story_is_read_again_nowhere() -> None:
    figure = Figure(0, 3, "100", "count", 100, None, None, False, None, None, "soldiers killed", "AP", 0)
    entries = [CompareEntry(f"{n:016x}", f"Brief {n}", "2024-12-01", False, None, "a.txt", (ComparedFigure(figure, "killed", "AP said 100.", None),)) for n in range(3)]
    saved = compare_entries(in_story_order(entries), Regrouping())
    asked: list[str] = []

    def entry_now(article_id: str) -> CompareEntry | None:
        asked.append(article_id)
        return None

    assert refolded(saved, Regrouping(), Regrouping(), {}, entry_now, {e.id: n for n, e in enumerate(entries)}) == saved
    assert asked == []

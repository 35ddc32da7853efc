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
def stories(draw: st.DrawFn, *, most: int = 12, per_brief: int = 5, attributed: bool = False) -> list[CompareEntry]:
    """Briefs of one story, in catalog order. `attributed`: figures of one group and two values whose
    sentences name other sources than their own ("…, Reuters said, citing officials in Kyiv"), some
    long enough to reach the folded sentences' limit."""
    count = draw(st.integers(1, most))
    ids = [f"{n:016x}" for n in range(count)]
    entries = []
    for number, article_id in enumerate(ids):
        figures = []
        for start in sorted(draw(st.sets(st.integers(0, 400), max_size=per_brief))):
            value = draw(st.sampled_from([100, 1000] if attributed else [30, 100, 1000]))
            source = draw(st.sampled_from(SOURCES))
            figure = Figure(start, start + 3, str(value), "count", value, None, None, False, None, None, "soldiers killed", source, 0)
            repeat_of = draw(st.sampled_from([None, *([None] if attributed else []), *ids[:number]]))
            if attributed:
                named = draw(st.lists(st.sampled_from([s for s in SOURCES if s]), max_size=2))
                padding = " Fighting went on along the front." * draw(st.sampled_from([0, 0, 40]))
                sentence, group = f"{value} soldiers were killed, {' citing '.join(named) or 'it'} said.{padding}", "killed"
            else:
                sentence, group = f"{source or 'It'} said {value} soldiers were killed.", draw(st.sampled_from(GROUPS))
            figures.append(ComparedFigure(figure, group, sentence, repeat_of))
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


def plainly_folded(entries: list[CompareEntry]) -> list[tuple[str, int, tuple[str, ...], int, str | None]]:
    """The rows as the module docstring defines them, written out plainly: a claim's sentences one
    string, its words found anew at every comparison."""
    from store.story.compare import MAX_FOLDED_SENTENCES, SAME_SOURCE, _initials, _source_words, _words

    def same(source_a: str | None, said_a: str, source_b: str | None, said_b: str) -> bool:
        if source_a is None or source_b is None:
            return True
        a, b = source_a.casefold(), source_b.casefold()
        if a in (b, _initials(source_b)) or b == _initials(source_a):
            return True
        for mine, theirs, said in ((_source_words(source_a), _source_words(source_b), said_b), (_source_words(source_b), _source_words(source_a), said_a)):
            if mine and len(mine & (theirs | _words(said))) >= SAME_SOURCE * len(mine):
                return True
        return False

    rows: list[dict] = []
    by_value: dict[tuple, list[dict]] = {}
    firsts: dict[tuple, dict] = {}
    for _, entry in in_story_order(entries):
        for compared in sorted(entry.figures, key=lambda f: f.start):
            value = compared.value_key
            claim = firsts.get((compared.repeat_of, value)) if compared.repeat_of else None
            if claim is not None:
                claim["briefs"].append(entry.id)
                continue
            for claim in by_value.setdefault(value, []):
                if same(claim["source"], claim["said"], compared.source, compared.sentence):
                    if len(claim["said"]) < MAX_FOLDED_SENTENCES:
                        claim["said"] += " " + compared.sentence
                    claim["briefs"].append(entry.id)
                    claim["source"] = claim["source"] or compared.source
                    break
            else:
                claim = {"id": entry.id, "start": compared.start, "source": compared.source, "said": compared.sentence, "briefs": []}
                by_value[value].append(claim)
                rows.append(claim)
            if not compared.repeat_of:
                firsts.setdefault((entry.id, value), claim)
    return [(c["id"], c["start"], tuple(dict.fromkeys(b for b in c["briefs"] if b != c["id"])), 1 + len(c["briefs"]), c["source"]) for c in rows]


@settings(max_examples=300, deadline=None)
@given(stories(most=30, per_brief=3, attributed=True))
def test_claims_fold_as_the_plain_definition_folds_them(entries: list[CompareEntry]) -> None:
    groups = compare_entries(in_story_order(entries), Regrouping())
    made = [(r.article_id, r.figure.start, r.also_in, r.reports, r.figure.source) for g in groups for r in g.rows]
    assert made == plainly_folded(entries)

"""The story across briefs: compare groups, repeated paragraphs, inferred and edited dates."""

from __future__ import annotations

import json

from store import InvalidRequest, Store
from store.exchange.json_export import export_json
from store.exchange.validation import validate_export
from store.extract.signatures import paragraph_spans

SEED = {"000": "881b00be533948a6", "001": "8f6b67fb", "002": "3739470e", "003": "469c9d84", "004": "382c7d5c"}


def _id(store: Store, seed: str) -> str:
    return store.resolve(SEED[seed])


def _group(groups: list[dict], group_id: str) -> dict:
    return next(g for g in groups if g.id == group_id)


def test_casualties_of_all_five_briefs_are_one_group_in_story_order(seeded_store: Store) -> None:
    casualties = _group(seeded_store.compare(), "casualties")
    assert {b for row in casualties.rows for b in (row.article_id, *row.also_in)} == {_id(seeded_store, s) for s in SEED}
    days = [row.published or row.not_before for row in casualties.rows]
    placed = [d for d in days if d]
    assert placed == sorted(placed) and days == placed + [None] * (len(days) - len(placed))  # neither date nor bound: last
    assert days[0] == "2024-12-16"  # 000, undated, bounded by the December 16 it reports
    assert any(r.figure.source == "Associated Press" and _id(seeded_store, "001") in (r.article_id, *r.also_in) for r in casualties.rows)
    assert casualties.conflicting  # "several hundred" and "exceeds three thousand" cannot both hold


def test_deployment_figures_are_their_own_group(seeded_store: Store) -> None:
    deployed = _group(seeded_store.compare(), "deployed")
    values = {(r.figure.value, r.figure.low, r.figure.high) for r in deployed.rows}
    assert {(12000, None, None), (10000, None, None), (None, 10000, 12000)} <= values


def test_background_paragraphs_of_001_and_002_repeat_000(seeded_store: Store) -> None:
    first = _id(seeded_store, "000")
    for seed in ("001", "002"):
        article = seeded_store.article(_id(seeded_store, seed))
        repeated = [article.text[p.start : p.end] for p in article.paragraphs if p.repeated_from == first]
        assert any(text.startswith("Ukrainian intelligence reported on October 24") for text in repeated)
        assert any("The New York Times" in text for text in repeated)
    assert all(p.repeated_from is None for p in seeded_store.article(first).paragraphs)


def test_a_repeated_figure_is_counted_once(seeded_store: Store) -> None:
    russian = _group(seeded_store.compare(), "russian-force")
    assert len(russian.rows) == 1
    assert russian.rows[0].article_id == _id(seeded_store, "000")
    assert set(russian.rows[0].also_in) == {_id(seeded_store, "001"), _id(seeded_store, "002")}


def test_a_today_statement_dates_a_brief_and_says_it_was_inferred(seeded_store: Store) -> None:
    summary = next(s for s in seeded_store.summaries() if s.id == _id(seeded_store, "002"))
    assert (summary.published, summary.published_inferred) == ("2024-12-23", True)
    dates = {f.text: f.value for f in seeded_store.article(summary.id).figures if f.kind == "date"}
    assert dates["Today"] == "2024-12-23" and dates["December 23"] == "2024-12-23"  # read against the inferred date


def test_a_date_set_by_hand_resolves_the_brief_s_relative_and_yearless_dates(seeded_store: Store) -> None:
    undated = _id(seeded_store, "003")
    before = {f.text: f.value for f in seeded_store.article(undated).figures if f.kind == "date"}
    assert before["Monday"] is None and before["June"] == "--06"
    seeded_store.edit(undated, date="2024-12-20")  # a Friday
    after = {f.text: f.value for f in seeded_store.article(undated).figures if f.kind == "date"}
    assert after["Monday"] == "2024-12-16" and after["June"] == "2024-06"
    seeded_store.undo()
    assert {f.text: f.value for f in seeded_store.article(undated).figures if f.kind == "date"} == before


def test_edit_sets_date_and_source_durably_and_reorders_repeats(store_dir, seeded_store: Store) -> None:
    first, later = _id(seeded_store, "000"), _id(seeded_store, "001")
    seeded_store.edit(first, date="2024-12-20", source="AP")  # now after 001
    seeded_store.close()
    with Store(store_dir) as store:
        summary = next(s for s in store.summaries() if s.id == first)
        assert (summary.published, summary.source, summary.published_inferred) == ("2024-12-20", "AP", False)
        marks = {p.repeated_from for p in store.article(first).paragraphs}
        assert later in marks
        assert all(p.repeated_from != first for p in store.article(later).paragraphs)


def test_edit_refuses_a_bad_date(seeded_store: Store) -> None:
    try:
        seeded_store.edit(_id(seeded_store, "000"), date="23 Dec")
    except InvalidRequest as error:
        assert "YYYY-MM-DD" in str(error)
    else:
        raise AssertionError("a bad date was accepted")


def test_edit_is_undone_and_redone_with_its_repeats_durably(store_dir, seeded_store: Store) -> None:
    first, later, inferred = _id(seeded_store, "000"), _id(seeded_store, "001"), _id(seeded_store, "002")

    def state(store: Store, article_id: str) -> tuple:
        summary = next(s for s in store.summaries() if s.id == article_id)
        return summary.published, summary.published_inferred, summary.source

    def marks(store: Store) -> tuple:
        return tuple(p.repeated_from for i in (first, later) for p in store.article(i).paragraphs)

    original, original_marks = state(seeded_store, first), marks(seeded_store)
    original_inferred = state(seeded_store, inferred)
    assert original_inferred[:2] == ("2024-12-23", True)
    seeded_store.edit(first, date="2024-12-20", source="AP")  # now after 001: the repeats turn round
    seeded_store.edit(inferred, date="2024-12-23")  # the inferred date confirmed by hand
    edited_marks = marks(seeded_store)
    assert edited_marks != original_marks
    assert state(seeded_store, inferred) == ("2024-12-23", False, original_inferred[2])
    seeded_store.edit(inferred, date="2024-12-23")  # the same again: nothing written, nothing recorded
    assert seeded_store.undo() == f"edit of {seeded_store.article(inferred).title!r}"  # so this undoes the confirmation
    assert state(seeded_store, inferred) == original_inferred
    assert seeded_store.undo().startswith("edit of ")
    assert state(seeded_store, first) == original and marks(seeded_store) == original_marks
    with Store(store_dir, readonly=True) as on_disk:
        assert state(on_disk, first) == original and marks(on_disk) == original_marks
    assert seeded_store.redo() is not None
    assert state(seeded_store, first) == ("2024-12-20", False, "AP") and marks(seeded_store) == edited_marks
    with Store(store_dir, readonly=True) as on_disk:
        assert state(on_disk, first) == ("2024-12-20", False, "AP") and marks(on_disk) == edited_marks


def test_a_refused_edit_writes_and_records_nothing(seeded_store: Store) -> None:
    article_id = _id(seeded_store, "000")
    before = seeded_store.article(article_id)
    for bad in ({"date": "23 Dec", "source": "AP"}, {"source": "   "}):
        try:
            seeded_store.edit(article_id, **bad)
        except InvalidRequest:
            pass
        else:
            raise AssertionError(f"{bad} was accepted")
    assert seeded_store.article(article_id) == before
    assert seeded_store.undo() is None


def test_moving_a_figure_and_merging_groups_is_stored_and_undoable(store_dir, seeded_store: Store) -> None:
    article_id = _id(seeded_store, "001")
    killed = next(f for f in seeded_store.article(article_id).figures if f.text == "At least 100")
    seeded_store.move_figure(article_id, killed.start, "casualties")
    seeded_store.merge_groups("wounded", "casualties")
    seeded_store.close()
    with Store(store_dir) as store:
        groups = store.compare()
        casualties = _group(groups, "casualties")
        assert (article_id, killed.start) in {(r.article_id, r.figure.start) for r in casualties.rows}
        assert "wounded" not in {g.id for g in groups}
    with Store(store_dir) as store:
        store.merge_groups("missing", "casualties")
        assert store.undo() is not None
        assert "missing" in {g.id for g in store.compare()}


def test_merging_into_a_loop_is_refused(seeded_store: Store) -> None:
    seeded_store.merge_groups("wounded", "killed")
    try:
        seeded_store.merge_groups("killed", "wounded")
    except InvalidRequest as error:
        assert "loop" in str(error)
    else:
        raise AssertionError("a merge loop was accepted")


def test_reimport_keeps_repeats_and_a_new_near_duplicate_is_found(tmp_path, seeded_store: Store) -> None:
    first = _id(seeded_store, "000")
    text = seeded_store.article(first).text
    background = next(text[s:e] for s, e in paragraph_spans(text) if "New York Times" in text[s:e])
    brief = tmp_path / "late.txt"
    brief.write_text("A late brief\n\n" + background.replace("50 000", "50,000").replace("American", "US") + "\n", encoding="utf-8")
    report = seeded_store.import_paths([brief])
    article = seeded_store.article(report.added[0])
    assert [p.repeated_from for p in article.paragraphs] == [None, first]


def test_paragraphs_are_blank_line_blocks_or_lines() -> None:
    assert paragraph_spans("a\nb\n\n c \n") == [(0, 3), (6, 7)]
    assert paragraph_spans("a\nb\n") == [(0, 1), (2, 3)]


def test_the_json_export_is_lean_and_carries_the_compare_table_only_when_asked(seeded_store: Store) -> None:
    article_id = _id(seeded_store, "001")
    start, end = seeded_store.article(article_id).sentences[0]
    seeded_store.annotate(article_id, start, end, tags=["casualties"])
    lean = export_json(seeded_store)
    validate_export(lean)
    assert "compare" not in lean
    [exported] = lean["articles"]
    assert set(exported) == {"id", "sha256", "title", "source", "published", "published_inferred", "not_before", "url", "path", "annotations"}
    assert len(json.dumps(lean)) < 3_000  # one annotation: its brief named, never the whole story (29 KB before)
    full = export_json(seeded_store, with_compare=True)
    validate_export(full)
    assert "casualties" in {g["id"] for g in full["compare"]}


def test_cli_compare_and_edit(cli, seeded_store: Store, store_dir) -> None:
    seeded_store.close()
    result = cli("--store", str(store_dir), "compare", "--json")
    assert result.code == 0
    assert {"casualties", "deployed"} <= {g["id"] for g in result.json()["groups"]}
    table = cli("--store", str(store_dir), "compare")
    assert "casualties (killed and wounded)" in table.out and "undated" in table.out
    assert "2024-12-23 (inferred)" in table.out  # a date read from the text says so, as in the reader
    edited = cli("--store", str(store_dir), "edit", SEED["003"], "--date", "2024-12-17", "--json")
    assert edited.code == 0 and edited.json()["published"] == "2024-12-17"
    assert cli("--store", str(store_dir), "edit", SEED["003"]).code == 2
    assert cli("--store", str(store_dir), "edit", SEED["003"], "--date", "soon").code == 1


def test_cli_moves_a_figure_and_merges_groups_and_the_choice_stays(cli, seeded_store: Store, store_dir) -> None:
    article_id = _id(seeded_store, "001")
    killed = next(f for f in seeded_store.article(article_id).figures if f.text == "At least 100")
    seeded_store.close()
    moved = cli("--store", str(store_dir), "compare", "--move", f"{article_id[:8]}:{killed.start}", "casualties", "--json")
    assert moved.code == 0, moved.err
    casualties = next(g for g in moved.json()["groups"] if g["id"] == "casualties")
    assert (article_id, killed.start) in {(r["article_id"], r["start"]) for r in casualties["rows"]}
    merged = cli("--store", str(store_dir), "compare", "--merge", "wounded", "casualties", "--json")
    assert merged.code == 0 and "wounded" not in {g["id"] for g in merged.json()["groups"]}
    again = cli("--store", str(store_dir), "compare", "--json").json()  # stored, not just shown
    assert "wounded" not in {g["id"] for g in again["groups"]}
    bad = cli("--store", str(store_dir), "compare", "--move", "nocolon", "killed")
    assert bad.code == 2 and "expected ID:START" in bad.err
    loop = cli("--store", str(store_dir), "compare", "--merge", "casualties", "wounded")
    assert loop.code == 1 and "loop" in loop.err


def test_one_claim_reported_in_three_briefs_is_one_row(seeded_store: Store) -> None:
    casualties = _group(seeded_store.compare(), "casualties")
    several = [row for row in casualties.rows if row.figure.text == "several hundred"]
    # 000 (no source named), 001 ("the Associated Press, citing a senior military official") and 003
    # ("the senior US military official in Washington") report one estimate: one row, ×3
    assert len(several) == 1 and several[0].reports == 3
    assert {several[0].article_id, *several[0].also_in} == {_id(seeded_store, s) for s in ("000", "001", "003")}
    assert several[0].figure.source == "Associated Press"  # the folded row names the source one of them gives
    assert casualties.brief_count == 5


def test_a_group_says_revision_when_each_day_agrees_and_conflict_when_one_day_does_not(seeded_store: Store) -> None:
    # several hundred (Dec 16-18) -> at least 100 killed -> over 3,000 (Dec 23): the number grew
    assert _group(seeded_store.compare(), "casualties").drift == "revision"
    seeded_store.edit(_id(seeded_store, "002"), date="2024-12-17")  # "over 3,000" now on the day of 004's "a couple hundred"
    groups = seeded_store.compare()
    assert _group(groups, "casualties").drift == "conflict"
    assert _group(groups, "money").drift is None  # two sums are rarely one sum


def test_the_same_value_from_other_sources_stays_apart(seeded_store: Store) -> None:
    casualties = _group(seeded_store.compare(), "casualties")
    couple = [row for row in casualties.rows if row.figure.text == "a couple hundred"]
    assert {row.figure.source for row in couple} == {"US defense officials", "senior US military official"}


def test_a_merge_naming_a_group_that_does_not_exist_is_refused_and_a_merge_can_be_undone_by_unmerge(seeded_store: Store) -> None:
    import pytest

    from store import NotFound

    with pytest.raises(NotFound, match="'casualtie': no such compare group"):
        seeded_store.merge_groups("wounded", "casualtie")
    with pytest.raises(NotFound, match="'nothing': no such compare group"):
        seeded_store.merge_groups("nothing", "casualties")
    assert seeded_store.regrouping().merges == {}
    seeded_store.merge_groups("wounded", "casualties")
    assert "wounded" not in {g.id for g in seeded_store.compare()}
    seeded_store.unmerge_group("wounded")
    assert "wounded" in {g.id for g in seeded_store.compare()}
    with pytest.raises(NotFound):
        seeded_store.unmerge_group("wounded")


def test_a_source_named_after_a_place_in_the_sentence_is_still_its_source(tmp_path) -> None:
    briefs = tmp_path / "briefs"
    briefs.mkdir()
    (briefs / "a.txt").write_text("Losses near Kursk\n\nOn December 5, 2024, the Associated Press reported that 40 soldiers were killed.\n")
    (briefs / "b.txt").write_text(
        "Kursk fighting\n\nOn December 6, 2024, 40 soldiers were killed in Kursk, a senior official told the Associated Press.\n"
    )
    with Store(tmp_path / "store") as store:
        store.import_paths([briefs])
        killed = _group(store.compare(), "killed")
    # the second brief's AP report of a senior official's figure is the first's: one claim, reported twice
    assert [(row.figure.text, row.reports) for row in killed.rows] == [("40", 2)]

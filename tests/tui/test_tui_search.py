"""`/` in the reader: words of titles and bodies found through the store's index, the list and its
count, the matches tinted in the reading pane, `.` and `,` from match to match and brief to brief,
the claim on the match's sentence, and the tag filter on top."""

from __future__ import annotations

import re
from pathlib import Path

from rich.segment import Segment
from textual.widgets import Input

from store import Store
from store.model import Claim
from tui.screens.main import MainScreen
from tui.widgets.article_list import ArticleList
from tui.widgets.footer import footer_items
from tui.widgets.reading_pane import ReadingPane

WORD = "casualties"  # in the bodies of two seed briefs, in no title: the old title filter found nothing


def expected(folder: Path, query: str) -> dict[str, tuple[tuple[int, int], ...]]:
    """brief id -> where `query` matches in its text, as a second, read-only opening of the store finds them."""
    with Store(folder, readonly=True) as store:
        return {article_id: store.match_spans(query, article_id) for article_id in store.search_matching(query)}


def segment_at(reading: ReadingPane, offset: int) -> Segment:
    """The drawn segment of the reading pane that shows text offset `offset` (the pane scrolled to it)."""
    line = reading.line_of(offset)
    start, _ = reading.line_span(line)
    strip = reading.render_line(line - int(reading.scroll_y))
    column = 3  # the gutter
    for segment in list(strip)[3:]:
        if column <= 3 + offset - start < column + len(segment.text):
            return segment
        column += len(segment.text)
    raise AssertionError(f"offset {offset} is not drawn")


async def test_a_body_word_lists_its_briefs_and_marks_the_matches(folder: Path, reader, posted) -> None:
    messages, hook = posted
    found = expected(folder, WORD)
    assert len(found) == 2
    async with reader(message_hook=hook) as (app, pilot):
        screen = app.screen
        assert isinstance(screen, MainScreen)
        article_list, reading = screen.query_one(ArticleList), screen.query_one(ReadingPane)
        await pilot.press("slash", *WORD.upper())  # case is ignored
        await pilot.pause()
        assert [m.value for m in messages if isinstance(m, Input.Changed)][-1] == WORD.upper()
        assert set(article_list.row_ids) == set(found)
        assert str(article_list.border_title) == "Briefs (2 of 5) by date"  # the count is the rows shown
        await pilot.press("enter", "enter")  # back to the list, then open its first brief
        await pilot.pause()
        first = article_list.row_ids[0]
        assert screen.article_id == first
        assert reading.search_spans == found[first] and reading.match_index == 0
        text = screen.article.text
        assert all(text[a:b].casefold() == WORD for a, b in reading.search_spans)
        start, end = screen.claim_span
        assert start <= found[first][0][0] < end  # the claim is on the sentence of the first match
        current, plain = segment_at(reading, found[first][0][0]), segment_at(reading, found[first][0][0] - 2)
        assert current.text.casefold().startswith(WORD) and current.style != plain.style
        assert "match 1 of" in app.sub_title

        await pilot.press("escape")  # the search is cleared: every brief, no marks
        assert article_list.row_count == 5 and reading.search_spans == () and screen.search_ids is None


async def test_dot_and_comma_walk_every_match_and_cross_to_the_next_brief(folder: Path, reader, toasts) -> None:
    found = expected(folder, WORD)
    async with reader() as (app, pilot):
        screen = app.screen
        article_list, reading = screen.query_one(ArticleList), screen.query_one(ReadingPane)
        await pilot.press("slash", *WORD, "enter", "enter")
        order = article_list.row_ids
        walk = [(article_id, index) for article_id in order for index in range(len(found[article_id]))]
        seen = [(screen.article_id, reading.match_index)]
        for _ in walk[1:]:
            await pilot.press("full_stop")
            await pilot.pause()
            seen.append((screen.article_id, reading.match_index))
            span = found[screen.article_id][reading.match_index]
            start, end = screen.claim_span
            assert start <= span[0] and span[1] <= end  # every jump: the match's sentence is the claim
            assert screen.claim == Claim(screen.claim.first, screen.claim.first)
        assert seen == walk
        assert any(re.fullmatch(rf"brief 2 of 2: {len(found[order[1]])} match(es)?", toast) for toast in toasts(app))
        await pilot.press("full_stop")  # past the last match of the last brief
        await pilot.pause()
        assert (screen.article_id, reading.match_index) == walk[-1] and "no match after this one" in toasts(app)
        for _ in range(len(found[order[1]])):  # back over the second brief's matches, then to the first's last
            await pilot.press("comma")
        assert (screen.article_id, reading.match_index) == (order[0], len(found[order[0]]) - 1)


async def test_a_phrase_with_the_tag_filter_shows_only_the_tagged_briefs_that_have_it(folder: Path, reader) -> None:
    phrase = '"north korean"'
    found = expected(folder, phrase)
    async with reader() as (app, pilot):
        screen = app.screen
        article_list = screen.query_one(ArticleList)
        tagged, tag = screen.article_id, screen.store.tags()[0]
        await pilot.press("1", "T", *tag, "enter")  # tag the open brief's first sentence, then filter by that tag
        await pilot.pause()
        assert article_list.row_ids == [tagged]
        await pilot.press("slash", *phrase, "enter")
        await pilot.pause()
        assert tagged in found and article_list.row_ids == [tagged]
        assert str(article_list.border_title).startswith("Briefs (1 of 5) by date · tag:")
        await pilot.press("slash", *" zzyzx")  # every term must match: no brief has this one
        await pilot.pause()
        assert article_list.row_ids == [] and str(article_list.border_title).startswith("Briefs (0 of 5)")


async def test_the_match_keys_are_in_the_footer_and_help_and_dimmed_without_a_search(reader) -> None:
    async with reader(size=(200, 60)) as (app, pilot):
        screen = app.screen

        def match_key() -> list[bool]:
            return [item.enabled for item in footer_items(screen) if item.description == "match"]

        assert match_key() == [False]  # nothing to go to yet
        await pilot.press("slash", *"soldiers", "enter")
        await pilot.pause()
        assert match_key() == [True]
        await pilot.press("question_mark")
        await pilot.pause()
        help_text = "\n".join(str(row) for row in app.screen.rows)
        assert "newsbrief.next_match" in help_text and "newsbrief.prev_match" in help_text


async def test_a_brief_another_process_imports_joins_the_search_it_matches(folder: Path, reader, tmp_path: Path) -> None:
    async with reader() as (app, pilot):
        screen = app.screen
        article_list = screen.query_one(ArticleList)
        await pilot.press("slash", *WORD, "enter")
        await pilot.pause()
        assert article_list.row_count == 2
        brief = tmp_path / "new.txt"
        brief.write_text("Casualties reported.\n\nOfficials counted the casualties again on Monday.", encoding="utf-8")
        with Store(folder) as other:  # another process's import, while the reader runs
            [added] = other.import_paths([brief]).added
        screen.follow_store()
        await pilot.pause()
        assert added in article_list.row_ids and article_list.row_count == 3
        assert str(article_list.border_title) == "Briefs (3 of 6) by date"


async def test_a_removal_by_another_process_keeps_the_cursor_on_its_brief_in_a_search(folder: Path, reader) -> None:
    """The list holds briefs by their place in the catalog: one removed before them moves every later one up."""
    async with reader() as (app, pilot):
        screen = app.screen
        article_list = screen.query_one(ArticleList)
        await pilot.press("slash", *WORD, "enter")
        await pilot.pause()
        first, kept = article_list.row_ids
        await pilot.press("down")
        assert article_list.cursor_id == kept
        with Store(folder) as other:  # another process removes the first brief of the catalog that is not the cursor's
            [gone] = [article_id for article_id in other.listing() if article_id != kept][:1]
            other.remove([gone])
        screen.follow_store()
        await pilot.pause()
        assert article_list.cursor_id == kept
        assert article_list.row_ids == [i for i in (first, kept) if i != gone]
        assert article_list.summary(kept) is not None and article_list.total_count == 4
        await pilot.press("enter")
        await pilot.pause()
        assert screen.article_id == kept


async def test_slash_on_an_index_of_an_older_format_builds_it_first_with_progress_then_searches(folder: Path, reader, toasts, posted) -> None:
    import sqlite3

    from store.search.index import INDEX_FILE
    from tui.screens.indexing import Indexing

    with sqlite3.connect(folder / INDEX_FILE) as db:  # as an index an older newsbrief wrote
        db.execute("UPDATE meta SET value = 'newsbrief-search-2' WHERE key = 'format'")
    messages, hook = posted
    async with reader(message_hook=hook) as (app, pilot):
        await pilot.press("slash")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert {(m.done, m.total) for m in messages if isinstance(m, Indexing.Progressed)} == {(5, 5)}  # the modal's bar
        assert "indexed 5 briefs for search" in toasts(app)
        await pilot.press(*WORD)  # the search box is open and takes the word
        await pilot.pause()
        assert set(app.screen.query_one(ArticleList).row_ids) == set(expected(folder, WORD))  # read-only: the index is of this format now

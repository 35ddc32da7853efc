"""The reader driven as a user would (Pilot), on a real store in tmp_path, checked on disk after each step."""

from __future__ import annotations

import asyncio
import gc
import json
import subprocess
import sys
import weakref
from pathlib import Path

from store import Store
from store.model import Claim
from tui.app import NewsbriefApp, create_app
from tui.screens.main import MainScreen
from tui.widgets.article_list import ArticleList, natural_key
from tui.widgets.figures_panel import FiguresPanel
from tui.widgets.reading_pane import ReadingPane

from checkout import newsbrief_command, with_seeds


def main_screen(app) -> MainScreen:
    screen = app.screen
    assert isinstance(screen, MainScreen), f"expected the main screen on top, found {type(screen).__name__}"
    return screen


def sentence_span(screen: MainScreen, index: int) -> tuple[int, int]:
    start, end = screen.article.sentences[index]
    return start, end


async def test_first_screen_shows_the_seeds_with_list_focused_and_first_brief_open(folder: Path, screen_text, reader) -> None:
    async with reader(folder) as (app, _pilot):
        screen = main_screen(app)
        article_list = screen.query_one(ArticleList)
        assert app.focused is article_list
        assert article_list.row_count == 5
        assert screen.article_id == article_list.row_ids[0]
        assert screen.claim == Claim(0, 0)
        reading = screen.query_one(ReadingPane)
        assert reading.line_count > 5
        text = screen_text(app)
        assert "Briefs (5)" in text
        assert f"Figures ({len(screen.article.figures)})" in text


async def test_claims_move_and_tag_is_on_disk_then_undo_and_redo(folder: Path, screen_text, read_annotations, reader) -> None:
    async with reader(folder) as (app, pilot):
        screen = main_screen(app)
        await pilot.press("right_square_bracket", "right_square_bracket")
        assert screen.claim == Claim(2, 2)
        await pilot.press("left_square_bracket")
        assert screen.claim == Claim(1, 1)
        start, end = sentence_span(screen, 1)
        first_tag = screen.store.tags()[0]

        await pilot.press("1")
        on_disk = read_annotations(folder)  # the app still runs and holds the lock
        assert [(a.article_id, a.start, a.end, a.tags) for a in on_disk] == [(screen.article_id, start, end, (first_tag,))]
        assert screen.query_one(ArticleList).tag_count(screen.article_id) == 1
        await pilot.pause()
        assert first_tag in screen_text(app)  # the claim bar names the tag at once

        await pilot.press("ctrl+z")
        assert read_annotations(folder) == []
        assert screen.annotations == ()
        await pilot.press("ctrl+y")
        assert [a.tags for a in read_annotations(folder)] == [(first_tag,)]

        await pilot.press("1")  # toggling again takes the tag off; the bare annotation goes
        assert read_annotations(folder) == []


async def test_extend_claim_then_tag_two_tags_and_remove(folder: Path, read_annotations, reader) -> None:
    async with reader(folder) as (app, pilot):
        screen = main_screen(app)
        await pilot.press("v")
        assert screen.claim == Claim(0, 1)
        await pilot.press("1", "5")
        tags = screen.store.tags()
        (annotation,) = read_annotations(folder)
        assert (annotation.start, annotation.end) == (sentence_span(screen, 0)[0], sentence_span(screen, 1)[1])
        assert annotation.tags == (tags[0], tags[4])
        assert screen.check_action("remove", ()) is True
        await pilot.press("x")
        assert read_annotations(folder) == []
        assert screen.check_action("remove", ()) is None  # nothing left to remove: shown disabled


async def test_tag_picker_filters_and_creates_a_new_tag(folder: Path, read_annotations, read_tags, reader) -> None:
    async with reader(folder) as (app, pilot):
        screen = main_screen(app)
        await pilot.press("t")
        await pilot.press(*"disp", "enter")  # filter to "disputed", enter picks it
        assert [a.tags for a in read_annotations(folder)] == [("disputed",)]

        await pilot.press("t")
        await pilot.press(*"drift", "enter")  # no such tag: enter creates it, then tags
        assert "drift" in read_tags(folder)
        assert [a.tags for a in read_annotations(folder)] == [("disputed", "drift")]
        assert screen.tags[-1] == "drift"

        await pilot.press("t", "escape")  # cancel writes nothing
        assert [a.tags for a in read_annotations(folder)] == [("disputed", "drift")]
        assert app.screen is screen


async def test_note_editor_writes_the_note(folder: Path, screen_text, read_annotations, reader) -> None:
    async with reader(folder) as (app, pilot):
        await pilot.press("right_square_bracket", "n")
        await pilot.press(*"checked against GUR", "enter")
        (annotation,) = read_annotations(folder)
        assert annotation.note == "checked against GUR"
        assert annotation.tags == ()
        assert "checked against GUR" in screen_text(app)


async def test_a_note_being_typed_is_saved_when_the_app_quits(folder: Path, read_annotations, reader) -> None:
    async with reader(folder) as (_app, pilot):
        await pilot.press("n", *"half a thought")
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert [a.note for a in read_annotations(folder)] == ["half a thought"]


async def test_export_writes_json_to_the_store_folder(folder: Path, screen_text, toasts, read_tags, reader) -> None:
    async with reader(folder) as (app, pilot):
        await pilot.press("1", "e")
        await pilot.pause()
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        path = folder / "annotations-export.json"
        assert path.exists(), screen_text(app)
        data = json.loads(path.read_text(encoding="utf-8"))
        annotated = [a for article in data["articles"] for a in article["annotations"]]
        assert [a["tags"] for a in annotated] == [[read_tags(folder)[0]]]
        assert main_screen(app)
        assert f"exported 1 annotations (json) to {path}" in toasts(app)


async def test_export_w3c_to_a_chosen_path(folder: Path, tmp_path: Path, size) -> None:
    app = create_app(folder)
    target = tmp_path / "out.jsonld"
    async with app.run_test(size=size, notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("1", "e")
        await pilot.pause()
        await pilot.click("#format-w3c")
        path_input = app.screen.query_one("#export-path")
        path_input.value = str(target)
        await pilot.click("#export-go")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert target.exists()
        json.loads(target.read_text(encoding="utf-8"))


async def test_figures_panel_moves_the_reading_pane_and_enter_sets_the_claim(folder: Path, reader) -> None:
    async with reader(folder) as (app, pilot):
        screen = main_screen(app)
        panel = screen.query_one(FiguresPanel)
        reading = screen.query_one(ReadingPane)
        await pilot.press("tab", "tab")
        assert app.focused is panel
        figures = sorted(screen.article.figures, key=lambda f: (f.start, f.end))
        assert len(figures) >= 3
        await pilot.press("j", "j")
        await pilot.pause()
        assert screen.figure_index == panel.cursor == reading.figure_index
        chosen = figures[screen.figure_index]
        line = reading.line_of(chosen.start)
        assert reading.scroll_y <= line < reading.scroll_y + reading.scrollable_content_region.height
        await pilot.press("k")
        assert screen.figure_index == panel.cursor
        chosen = figures[screen.figure_index]
        await pilot.press("enter")
        start, end = screen.claim_span
        assert start <= chosen.start < end
        # f / F move the figure from any pane and the panel follows
        await pilot.press("shift+tab")
        await pilot.press("f")
        assert panel.cursor == screen.figure_index


async def test_figure_keys_scroll_a_long_brief(folder: Path, tmp_path: Path, reader) -> None:
    long_text = "A long brief about 12 soldiers.\n\n" + "\n\n".join(f"Paragraph {n} reports {n * 10} soldiers wounded near the border." for n in range(1, 80))
    source = tmp_path / "long.txt"
    source.write_text(long_text, encoding="utf-8")
    with Store(folder) as store:
        store.import_seeds()
        store.import_paths([source])
    async with reader(folder) as (app, pilot):
        screen = main_screen(app)
        article_list = screen.query_one(ArticleList)
        long_id = next(s.id for s in screen.store.summaries() if s.source == "long.txt")
        article_list.show_article(long_id)
        await pilot.press("enter")
        assert screen.article_id == long_id
        reading = screen.query_one(ReadingPane)
        await pilot.press("F")  # from no figure, F goes to the last one
        await pilot.pause()
        figures = screen.article.figures
        assert screen.figure_index == len(figures) - 1
        line = reading.line_of(figures[-1].start)
        assert reading.scroll_y <= line < reading.scroll_y + reading.scrollable_content_region.height
        assert reading.scroll_y > 0


async def test_search_sort_and_tag_filter_the_list(folder: Path, reader) -> None:
    async with reader(folder) as (app, pilot):
        screen = main_screen(app)
        article_list = screen.query_one(ArticleList)
        titles = {s.id: s.title for s in screen.store.summaries()}
        word = "hundreds"
        expected = {i for i, title in titles.items() if word in title.casefold()}
        assert 0 < len(expected) < 5
        await pilot.press("slash", *word.upper())
        await pilot.pause()
        assert set(article_list.row_ids) == expected
        await pilot.press("enter")  # back to the list, still filtered
        assert app.focused is article_list and set(article_list.row_ids) == expected
        await pilot.press("escape")
        assert article_list.row_count == 5 and app.focused is article_list

        await pilot.press("s", "s")  # oldest first, newest first, then by title
        assert screen.sort_by == "title"
        assert article_list.row_ids == sorted(titles, key=lambda i: natural_key(titles[i]))

        # tag the open brief, then filter by that tag
        opened = screen.article_id
        await pilot.press("5", "T")
        await pilot.press(*"disputed", "enter")
        assert article_list.row_ids == [opened]
        await pilot.press("escape")
        assert article_list.row_count == 5


async def test_keys_follow_the_focused_pane(folder: Path, reader) -> None:
    async with reader(folder) as (app, pilot):
        screen = main_screen(app)

        def owners() -> dict[str, object]:
            """binding id -> the node whose binding it is, for the keys that work now"""
            return {b.binding.id: b.node for b in screen.active_bindings.values() if b.binding.id}

        article_list = screen.query_one(ArticleList)
        keys = owners()
        assert all(keys[f"newsbrief.{name}"] is article_list for name in ("sort", "tag_filter", "open", "down", "page_down"))
        assert all(keys[f"newsbrief.{name}"] is screen for name in ("tag_1", "next_claim", "help", "quit"))
        await pilot.press("tab")
        reading = app.focused
        assert isinstance(reading, ReadingPane)
        keys = owners()
        assert "newsbrief.sort" not in keys and "newsbrief.open" not in keys
        assert keys["newsbrief.down"] is reading and keys["newsbrief.tag_1"] is screen
        await pilot.press("j")  # scrolls, does not move the claim
        assert screen.claim == Claim(0, 0)
        await pilot.press("tab")
        assert isinstance(app.focused, FiguresPanel)
        assert owners()["newsbrief.open"] is app.focused
        await pilot.press("tab")
        assert isinstance(app.focused, ArticleList)


async def test_help_is_built_from_the_live_bindings_with_the_keymap(folder: Path, screen_text) -> None:
    (folder / "settings.json").write_text(json.dumps({"keymap": {"newsbrief.next_claim": "w"}}), encoding="utf-8")
    app = create_app(folder)
    async with app.run_test(size=(120, 50), notifications=True) as pilot:
        await pilot.pause()
        screen = main_screen(app)
        await pilot.press("w")  # the rebound key works
        assert screen.claim == Claim(1, 1)
        await pilot.press("question_mark")
        await pilot.pause()
        from tui.screens.help import HelpScreen

        assert isinstance(app.screen, HelpScreen)
        rows = {row.text: row.keys for row in app.screen.rows}
        assert rows["Next claim (sentence)"] == "w"
        assert "j" in rows["Next item (brief, line, figure)"] and "↓" in rows["Next item (brief, line, figure)"]
        text = screen_text(app)
        assert "Toggle tag 1 of the tag set on the claim" in text
        await pilot.press("escape")
        assert app.screen is screen


async def test_command_palette_tags_the_claim(folder: Path, read_annotations, reader) -> None:
    async with reader(folder) as (_app, pilot):
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Tag claim as disputed")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause()
        assert [a.tags for a in read_annotations(folder)] == [("disputed",)]


async def test_theme_is_remembered(folder: Path, reader, size) -> None:
    async with reader(folder) as (app, pilot):
        app.theme = "nord"
        await pilot.pause()
    assert json.loads((folder / "settings.json").read_text(encoding="utf-8"))["theme"] == "nord"
    again = create_app(folder)
    async with again.run_test(size=size, notifications=True) as pilot:
        await pilot.pause()
        assert again.theme == "nord"


async def test_a_store_that_cannot_be_written_opens_read_only_and_refuses_writes(folder: Path, screen_text, toasts, read_annotations, read_only_reader, size) -> None:
    with read_only_reader(folder) as second:
        async with second.run_test(size=size, notifications=True) as pilot:
            await pilot.pause()
            assert "read-only" in screen_text(second)
            await pilot.press("1")
            await pilot.pause()
            assert second.is_running
            assert any("nothing was written" in toast for toast in toasts(second))
            assert read_annotations(folder) == []
            await pilot.press("n")  # no editor opens where nothing could be saved
            assert isinstance(second.screen, MainScreen)
    assert read_annotations(folder) == []


async def test_quit_closes_the_store(folder: Path, reader) -> None:
    async with reader(folder) as (_app, pilot):
        await pilot.press("q")
        await pilot.pause()
    with Store(folder, wait=0) as store:  # no lock is left held
        store.add_tag("after the reader")


async def test_footer_help_and_palette_agree_on_what_works_where(folder: Path, reader) -> None:
    from tui.commands import NewsbriefCommands
    from tui.screens.help import help_rows

    async with reader(folder) as (app, pilot):
        screen = main_screen(app)
        await pilot.press("tab")  # the reading pane
        live = {b.binding.tooltip for b in screen.active_bindings.values() if b.node is not app and b.enabled}
        commands = {text for text, _command, _help in NewsbriefCommands(screen).commands()}
        assert "Sort the list: oldest first, newest first, by title" not in live | commands
        assert "Next item (brief, line, figure)" in live  # the reading pane's own keys
        assert live <= commands
        assert {f"Tag claim as {label}" for label in screen.store.tags()} <= commands
        rows = {row.text: row.panes for row in help_rows(screen, screen.panes())}
        assert rows["Sort the list: oldest first, newest first, by title"] == ("list",)
        assert rows["Open the brief / make the figure's sentence the claim"] == ("list", "figures")
        assert set(rows["Next claim (sentence)"]) == set(rows["Next item (brief, line, figure)"]) == {"list", "reading", "figures"}


async def test_mouse_opens_a_brief_and_picks_a_sentence(folder: Path, reader) -> None:
    async with reader(folder) as (app, pilot):
        screen = main_screen(app)
        article_list = screen.query_one(ArticleList)
        third = article_list.row_ids[2]
        await pilot.click(ArticleList, offset=(5, 1 + 2 * 2))  # border, then two lines a row
        await pilot.pause()
        assert screen.article_id == third
        reading = screen.query_one(ReadingPane)
        sentences = screen.article.sentences
        line = reading.line_of(sentences[1][0])
        line_start = reading.line_span(line)[0]
        column = sentences[1][0] - line_start  # ASCII seeds: one cell per character
        await pilot.click(ReadingPane, offset=(1 + 3 + column + 1, 1 + line - int(reading.scroll_y)))
        await pilot.pause()
        assert screen.claim == Claim(1, 1)


async def test_the_footer_dims_keys_with_nothing_to_act_on_and_a_click_presses_a_key(folder: Path, reader) -> None:
    from tui.screens.help import HelpScreen
    from tui.widgets.footer import KeyFooter

    async with reader(folder) as (app, pilot):
        footer = main_screen(app).query_one(KeyFooter)
        items = {item.description: item for item in footer.items}
        assert [item.description for item in footer.items][:2] == ["help", "palette"]
        assert items["remove"].enabled is False  # an untagged claim: nothing to remove
        assert items["claim"].display == "][" and items["tag"].keys == tuple("123456789")
        await pilot.press("1")
        await pilot.pause()
        assert {item.description: item for item in footer.items}["remove"].enabled is True
        await pilot.click(KeyFooter, offset=(2, 0))  # on "? help"
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)


async def test_a_command_writes_while_the_reader_is_open_and_both_writes_land(folder: Path, reader, read_annotations) -> None:
    async with reader(folder) as (app, pilot):
        screen = main_screen(app)
        other = sorted(app.store.summaries(), key=lambda s: s.source)[-1].id
        command = [*newsbrief_command(), "annotate", other, "--sentence", "0", "--tag", "estimate", "--store", str(folder)]
        done = subprocess.run(command, capture_output=True, text=True, timeout=60)  # another terminal, meanwhile
        assert done.returncode == 0 and done.stderr == ""
        await pilot.press("1")  # and the reader tags its own claim
        await pilot.pause()
        tags = {(a.article_id, a.tags) for a in read_annotations(folder)}
        assert tags == {(other, ("estimate",)), (screen.article_id, (app.store.tags()[0],))}


async def test_the_reader_shows_other_processes_writes_within_a_second_and_keeps_its_place(folder: Path, tmp_path: Path, reader, screen_text) -> None:
    async with reader(folder) as (app, pilot):
        screen = main_screen(app)
        await pilot.press("tab", "]", "shift+tab", "j")  # the claim on sentence 2; the list cursor on the second brief
        cursor, open_id, claim = screen.article_list.cursor_id, screen.article_id, screen.claim
        brief = tmp_path / "arrived.txt"
        brief.write_text("A brief from another terminal\n\nOfficials said 40 soldiers were wounded.\n", encoding="utf-8")
        for command in (["import", str(brief)], ["annotate", open_id, "--sentence", "1", "--tag", "estimate"]):
            done = subprocess.run([*newsbrief_command(), *command, "--store", str(folder)], capture_output=True, text=True, timeout=60)
            assert done.returncode == 0, done.stderr
        for _ in range(20):  # the reader looks every half second
            await pilot.pause(0.1)
            if screen.article_list.total_count == 6 and screen.annotations:
                break
        assert screen.article_list.total_count == 6 and "Briefs (6)" in screen_text(app)
        assert [a.tags for a in screen.annotations] == [("estimate",)]
        assert (screen.article_list.cursor_id, screen.article_id, screen.claim) == (cursor, open_id, claim)  # the place kept
        assert claim == Claim(1, 1)


async def test_quitting_leaves_what_start_up_froze_frozen_and_the_next_reader_of_the_process_collects_it(tmp_path: Path) -> None:
    """The interpreter's last collection skips frozen objects (quitting at 10,000 briefs took 123 ms
    when the reader handed them back at exit); a process that opens a second reader gets the first one's back."""

    async def first_reader() -> weakref.ref[NewsbriefApp]:  # a task of its own: Textual's active app is set in its context only
        app = create_app(with_seeds(tmp_path / "first"))
        async with app.run_test() as pilot:
            await pilot.pause()
        return weakref.ref(app)

    first = await asyncio.create_task(first_reader())
    assert gc.get_freeze_count() > 0 and first() is not None  # still frozen after its exit
    second = create_app(with_seeds(tmp_path / "second"))
    try:
        assert first() is None
    finally:
        second.store.close()


def test_the_command_and_the_reader_load_neither_the_compare_grouping_nor_the_number_words_before_they_are_needed() -> None:
    """Start-up imports what the first screen draws: the grouping (~10 ms of imports) loads at the first
    compare, the extractor's number words (~5 ms) at the first import or date edit."""
    code = "import sys, tui.cli, tui.app; print(sorted(m for m in ('store.story.compare', 'store.library.compare_groups', 'store.extract.numbers') if m in sys.modules))"
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert loaded == "[]"

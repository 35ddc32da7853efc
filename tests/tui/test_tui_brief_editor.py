"""Key `D`: the open brief's date and source set from the reader, on disk first, then on the screen."""

from __future__ import annotations

from pathlib import Path

from textual.content import Content
from textual.widgets import Input, Label

from store import Store
from tui.dialogs.brief_editor import BriefEditor
from tui.screens.main import MainScreen
from tui.widgets.article_list import ArticleList
from tui.widgets.reading_pane import ReadingPane

HOSTILE = "[bold]x[/] [@click=app.quit]"


def on_disk(folder: Path, article_id: str) -> tuple:
    """(published, published_inferred, source) as a second, read-only opening of the store reads them."""
    with Store(folder, readonly=True) as store:
        article = store.article(article_id)
    return article.published, article.published_inferred, article.source


def subtitle(screen: MainScreen) -> str:
    """The reading pane's border subtitle as shown (Textual hands it back as markup)."""
    return Content.from_markup(screen.query_one(ReadingPane).border_subtitle or "").plain


async def open_dated(screen: MainScreen, pilot) -> str:
    """Open seed 001, the earliest brief that has a date (000 and 004 come first by their bounds)."""
    article_id = next(i for i in screen.article_list.row_ids if i.startswith("8f6b67fb"))
    screen.article_list.show_article(article_id)
    await pilot.press("enter")
    await pilot.pause()
    assert screen.article_id == article_id
    return article_id


async def open_editor(app, pilot) -> BriefEditor:
    await pilot.press("D")
    await pilot.pause()
    editor = app.screen
    assert isinstance(editor, BriefEditor), f"expected the brief editor, found {type(editor).__name__}"
    return editor


async def fill(pilot, editor: BriefEditor, field: str, text: str) -> None:
    """Empty an input of the dialog and type into it, as a user would."""
    box = editor.query_one(f"#brief-{field}", Input)
    box.focus()
    box.value = ""
    await pilot.pause()
    await pilot.press(*text)


async def test_D_sets_date_and_source_on_disk_then_the_list_and_subtitle_follow_and_undo(folder: Path, screen_text, toasts, reader) -> None:
    async with reader(folder) as (app, pilot):
        screen = app.screen
        assert isinstance(screen, MainScreen)
        article_list = screen.query_one(ArticleList)
        assert article_list.row_ids[0] == screen.article_id  # the earliest brief opens first: 000, not before 2024-12-16
        article_id = await open_dated(screen, pilot)
        assert article_list.row_ids[2] == article_id  # after 000 and 004 (not before 2024-12-17)
        before = on_disk(folder, article_id)
        assert before[0] == "2024-12-19"
        assert subtitle(screen) == f"2024-12-19 · {before[2]}"

        editor = await open_editor(app, pilot)
        assert editor.query_one("#brief-date", Input).value == "2024-12-19"  # prefilled
        assert editor.query_one("#brief-source", Input).value == before[2]
        await fill(pilot, editor, "date", "2024-12-31")
        await fill(pilot, editor, "source", "AP wire")
        await pilot.press("enter")
        await pilot.pause()

        assert app.screen is screen
        assert on_disk(folder, article_id) == ("2024-12-31", False, "AP wire")
        assert article_list.row_ids[3] == article_id  # now after the brief of December 23: re-sorted
        assert article_list.cursor_id == article_id and screen.article_id == article_id
        assert subtitle(screen) == "2024-12-31 · AP wire"
        assert "2024-12-31 · AP wire" in screen_text(app)
        assert any("dated 2024-12-31 · AP wire" in toast for toast in toasts(app))

        await pilot.press("ctrl+z")  # undo takes the edit back, on disk and on the screen
        await pilot.pause()
        assert on_disk(folder, article_id) == before
        assert article_list.row_ids[2] == article_id
        assert subtitle(screen) == f"2024-12-19 · {before[2]}"
        await pilot.press("ctrl+y")
        await pilot.pause()
        assert on_disk(folder, article_id) == ("2024-12-31", False, "AP wire")
        assert subtitle(screen) == "2024-12-31 · AP wire"


async def test_a_bad_date_shows_the_store_error_and_keeps_the_dialog_and_what_was_typed(folder: Path, screen_text, reader) -> None:
    async with reader(folder) as (app, pilot):
        screen = app.screen
        article_id = screen.article_id
        before = on_disk(folder, article_id)
        editor = await open_editor(app, pilot)
        await fill(pilot, editor, "source", "Reuters")
        await fill(pilot, editor, "date", "23 Dec")
        await pilot.press("enter")
        await pilot.pause()
        editor = app.screen  # the store refused: the editor is open again, on what was typed
        assert isinstance(editor, BriefEditor)
        error = str(editor.query_one("#brief-error", Label).render())
        assert "date '23 Dec': not a date; expected a date as YYYY-MM-DD" in error
        assert "expected a date as YYYY-MM-DD" in screen_text(app)
        assert editor.query_one("#brief-date", Input).value == "23 Dec"
        assert editor.query_one("#brief-source", Input).value == "Reuters"
        assert on_disk(folder, article_id) == before  # nothing written, not even the good source

        await fill(pilot, editor, "date", "2024-12-20")
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is screen
        assert on_disk(folder, article_id) == ("2024-12-20", False, "Reuters")


async def test_escape_cancels_and_an_untouched_dialog_writes_nothing(folder: Path, reader) -> None:
    async with reader(folder) as (app, pilot):
        screen = app.screen
        article_id = screen.article_id
        before = on_disk(folder, article_id)
        editor = await open_editor(app, pilot)
        await fill(pilot, editor, "source", "typed, then cancelled")
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen
        await open_editor(app, pilot)
        await pilot.press("enter")  # nothing changed: nothing to write, nothing to undo
        await pilot.pause()
        assert app.screen is screen
        assert on_disk(folder, article_id) == before
        assert screen.store.undo() is None


async def test_enter_on_an_inferred_date_confirms_it(folder: Path, screen_text, reader) -> None:
    async with reader(folder) as (app, pilot):
        screen = app.screen
        article_id = next(s.id for s in screen.store.summaries() if s.published_inferred)
        screen.open_article(article_id)
        await pilot.pause()
        assert on_disk(folder, article_id)[:2] == ("2024-12-23", True)
        editor = await open_editor(app, pilot)
        assert "inferred from the text" in screen_text(app)
        assert editor.query_one("#brief-date", Input).value == "2024-12-23"
        await pilot.press("enter")
        await pilot.pause()
        assert on_disk(folder, article_id)[:2] == ("2024-12-23", False)


async def test_a_hostile_source_is_stored_and_shown_literally(folder: Path, screen_text, toasts, reader) -> None:
    async with reader(folder) as (app, pilot):
        screen = app.screen
        article_id = await open_dated(screen, pilot)
        editor = await open_editor(app, pilot)
        await fill(pilot, editor, "source", HOSTILE)
        await pilot.press("enter")
        await pilot.pause()
        assert app.is_running and app.screen is screen
        assert on_disk(folder, article_id)[2] == HOSTILE
        assert subtitle(screen) == f"2024-12-19 · {HOSTILE}"
        text = screen_text(app)
        assert f"2024-12-19 · {HOSTILE}" in text  # the list row and the reading pane's border
        assert any(HOSTILE in toast for toast in toasts(app))
        await open_editor(app, pilot)  # and the dialog shows it back as typed
        assert app.screen.query_one("#brief-source", Input).value == HOSTILE


async def test_D_on_a_read_only_store_says_it_cannot_write(folder: Path, toasts, read_only_reader, size) -> None:
    with read_only_reader(folder) as second:
        async with second.run_test(size=size, notifications=True) as pilot:
            await pilot.pause()
            await pilot.press("D")
            await pilot.pause()
            assert isinstance(second.screen, MainScreen)  # no dialog where nothing could be saved
            assert any("read-only; the date and source cannot be set" in toast for toast in toasts(second))


async def test_D_is_in_the_help_and_the_command_palette(folder: Path, reader) -> None:
    from tui.commands import NewsbriefCommands
    from tui.screens.help import help_rows

    async with reader(folder) as (app, pilot):
        screen = app.screen
        rows = {row.text: (row.keys, row.panes) for row in help_rows(screen, screen.panes())}
        assert rows["Set the brief's date and source"] == ("D", ("list", "reading", "figures"))
        assert "Set the brief's date and source" in {text for text, _command, _help in NewsbriefCommands(screen).commands()}
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"date and source")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, BriefEditor)

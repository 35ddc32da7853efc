"""Widgets whose job is to post a message post it (seen through `run_test(message_hook=...)`), and the screen acts on it."""

from __future__ import annotations

from pathlib import Path

from store.model import Claim
from tui.screens.compare import CompareScreen
from tui.screens.main import MainScreen
from tui.widgets.article_list import ArticleList
from tui.widgets.compare_table import CompareTable, FigureRow
from tui.widgets.figures_panel import FiguresPanel
from tui.widgets.reading_pane import ReadingPane


def of_type(messages: list[object], kind: type) -> list:
    """The messages of one kind, each once (the hook sees a message at every node it bubbles through)."""
    return list({id(message): message for message in messages if isinstance(message, kind)}.values())


async def test_enter_in_the_list_posts_selected_for_the_brief_under_the_cursor(reader, posted) -> None:
    messages, hook = posted
    async with reader(message_hook=hook) as (app, pilot):
        screen = app.screen
        assert isinstance(screen, MainScreen)
        article_list = screen.query_one(ArticleList)
        await pilot.press("j", "j")
        assert of_type(messages, ArticleList.Selected) == []  # moving opens nothing
        await pilot.press("enter")
        await pilot.pause()
        third = article_list.row_ids[2]
        assert [m.article_id for m in of_type(messages, ArticleList.Selected)] == [third]
        assert screen.article_id == third and screen.claim == Claim(0, 0)


async def test_the_figures_panel_posts_highlighted_on_moves_and_chosen_on_enter(reader, posted) -> None:
    messages, hook = posted
    async with reader(message_hook=hook) as (app, pilot):
        screen = app.screen
        panel = screen.query_one(FiguresPanel)
        await pilot.press("tab", "tab")
        assert app.focused is panel
        await pilot.press("j", "j", "k")
        await pilot.pause()
        assert [m.index for m in of_type(messages, FiguresPanel.FigureHighlighted)] == [0, 1, 0]
        await pilot.press("j", "enter")
        await pilot.pause()
        assert [m.index for m in of_type(messages, FiguresPanel.FigureChosen)] == [1]
        figure = screen.article.figures[1]
        start, end = screen.claim_span
        assert screen.figure_index == 1 and start <= figure.start < end  # the figure's sentence is the claim


async def test_a_click_in_the_reading_pane_posts_the_sentence(reader, posted) -> None:
    messages, hook = posted
    async with reader(message_hook=hook) as (app, pilot):
        screen = app.screen
        reading = screen.query_one(ReadingPane)
        start = screen.article.sentences[2][0]
        line = reading.line_of(start)
        column = start - reading.line_span(line)[0]
        await pilot.click(ReadingPane, offset=(1 + 3 + column + 1, 1 + line - int(reading.scroll_y)))
        await pilot.pause()
        assert [m.index for m in of_type(messages, ReadingPane.SentenceClicked)] == [2]
        assert screen.claim == Claim(2, 2)


async def test_the_compare_table_posts_chosen_with_the_figure_and_the_brief_opens_there(reader, posted) -> None:
    messages, hook = posted
    async with reader(message_hook=hook) as (app, pilot):
        await pilot.press("c")
        await app.workers.wait_for_complete()
        await pilot.pause()
        compare = app.screen
        assert isinstance(compare, CompareScreen)
        table = compare.query_one(CompareTable)
        await pilot.press("j", "j")
        row = table.row(table.cursor)
        assert isinstance(row, FigureRow)
        await pilot.press("enter")
        await pilot.pause()
        assert [(m.article_id, m.start) for m in of_type(messages, CompareTable.Chosen)] == [(row.article_id, row.start)]
        main = app.screen
        assert isinstance(main, MainScreen) and main.article_id == row.article_id
        assert main.figures[main.figure_index].start == row.start


async def test_a_failed_export_opens_the_dialog_again_on_the_same_file_saying_why(reader, toasts, tmp_path: Path) -> None:
    from tui.dialogs.export_dialog import ExportDialog

    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    target = blocker / "out.json"  # its parent is a file: the write fails
    async with reader() as (app, pilot):
        await pilot.press("1", "e")
        await pilot.pause()
        app.screen.query_one("#export-path").value = str(target)
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ExportDialog)
        assert dialog.query_one("#export-path").value == str(target)
        assert "cannot write" in str(dialog.query_one("#export-status").render())
        assert any("cannot write" in toast for toast in toasts(app))
        assert not target.exists()

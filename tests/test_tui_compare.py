"""The compare view in the reader: key `c` opens it, choosing a row opens that brief at that figure."""

from __future__ import annotations

from pathlib import Path

from test_tui_support import run_async, screen_text
from textual.widgets import DataTable
from tui.app import create_app
from tui.screens.compare import CompareScreen
from tui.screens.main import MainScreen

SIZE = (120, 40)


@run_async
async def test_c_opens_compare_and_a_row_opens_the_brief_at_its_figure(tmp_path: Path) -> None:
    app = create_app(tmp_path / "store")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, CompareScreen)
        text = screen_text(app)
        assert "casualties (killed and wounded)" in text and "conflicting" in text and "undated" in text
        table = app.screen.query_one(DataTable)
        row = next(r for g in app.screen.groups if g["id"] == "deployed" for r in g["rows"] if r["low"] == 10000)
        table.move_cursor(row=table.get_row_index(f"{row['article_id']}:{row['start']}"))
        await pilot.press("enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, MainScreen)
        assert screen.article_id == row["article_id"]
        assert screen.sorted_figures[screen.figure_index]["start"] == row["start"]

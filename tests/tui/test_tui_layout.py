"""Narrow and wide terminals, and resizing: the figures panel folds away below 100 columns."""

from __future__ import annotations

from pathlib import Path

from store.model import Claim
from tui.app import create_app
from tui.screens.main import MainScreen
from tui.widgets.article_list import ArticleList
from tui.widgets.figures_panel import FiguresPanel
from tui.widgets.reading_pane import ReadingPane

from checkout import with_seeds


async def test_narrow_terminal_hides_the_figures_panel_and_g_shows_it(tmp_path: Path, screen_text, read_annotations) -> None:
    app = create_app(with_seeds(tmp_path / "store"))
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, MainScreen)
        panel = screen.query_one(FiguresPanel)
        assert not panel.display
        assert "Figures (" not in screen_text(app)
        assert "g" in {key for key, b in screen.active_bindings.items() if b.binding.action == "toggle_figures"}
        await pilot.press("tab", "tab")  # list → reading → (figures hidden) back to the list
        assert isinstance(app.focused, ArticleList)
        await pilot.press("g")
        await pilot.pause()
        assert panel.display and "Figures (" in screen_text(app)
        await pilot.press("shift+tab")
        assert app.focused is panel
        await pilot.press("g")
        await pilot.pause()
        assert not panel.display and isinstance(app.focused, ReadingPane)
        # the reader still works at this size
        await pilot.press("right_square_bracket", "1")
        assert len(read_annotations(tmp_path / "store")) == 1


async def test_wide_terminal_and_resizes_never_crash(tmp_path: Path, screen_text) -> None:
    app = create_app(with_seeds(tmp_path / "store"))
    async with app.run_test(size=(160, 50), notifications=True) as pilot:
        await pilot.pause()
        screen = app.screen
        reading = screen.query_one(ReadingPane)
        panel = screen.query_one(FiguresPanel)
        assert panel.display
        wide_lines = reading.line_count
        await pilot.press("f", "right_square_bracket", "right_square_bracket")  # f first: a figure jump moves the claim
        for size in ((80, 24), (40, 12), (200, 60), (99, 30), (100, 30), (20, 8), (120, 40)):
            await pilot.resize_terminal(*size)
            await pilot.pause()
            assert app.is_running
            assert panel.display == (size[0] >= 100)
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert reading.line_count > wide_lines  # re-wrapped to the narrower pane
        assert screen.claim == Claim(2, 2)  # the claim survived every resize
        start, end = screen.claim_span
        claim_lines = range(reading.line_of(start), reading.line_of(end - 1) + 1)
        drawn = " ".join(reading.line_text(line) for line in claim_lines)
        assert " ".join(screen.article.text[start:end].split()) in " ".join(drawn.split())  # re-wrapped lines still map to the text
        top = int(reading.scroll_y)
        marks = [reading.render_line(line - top).text[0] for line in claim_lines if top <= line < top + reading.scrollable_content_region.height]
        assert marks and set(marks) == {"▌"}  # and the claim is in view, marked in the gutter
        assert "Briefs (5)" in screen_text(app)


async def test_every_builtin_theme_renders(tmp_path: Path, screen_text) -> None:
    app = create_app(with_seeds(tmp_path / "store"))
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("right_square_bracket", "1", "f")
        for name in sorted(app.available_themes):
            app.theme = name
            await pilot.pause()
            assert "Briefs (5)" in screen_text(app), name
        assert app.is_running


async def test_a_resize_keeps_the_claim_in_view(reader) -> None:
    async with reader(size=(160, 50)) as (app, pilot):
        screen = app.screen
        reading = screen.query_one(ReadingPane)

        def claim_lines() -> range:
            start, end = screen.claim_span
            return range(reading.line_of(start), reading.line_of(end - 1) + 1)

        height = reading.scrollable_content_region.height
        while claim_lines().stop < reading.scroll_y + height - 2:  # a claim low in the pane
            await pilot.press("right_square_bracket")
        for size in ((80, 24), (60, 16), (120, 40), (100, 12)):
            await pilot.resize_terminal(*size)
            await pilot.pause()
            top, shown = int(reading.scroll_y), reading.scrollable_content_region.height
            lines = claim_lines()
            assert lines.start < top + shown and lines.stop > top, size  # some of the claim is on screen

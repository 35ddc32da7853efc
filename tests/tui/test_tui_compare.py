"""The compare view in the reader: key `c` opens it, choosing a row opens that brief at that figure."""

from __future__ import annotations

import threading
from dataclasses import replace
from pathlib import Path

from rich.cells import cell_len

from store import Store
from store.story.compare import CompareGroup
from tui.app import create_app
from tui.screens.compare import CompareScreen
from tui.screens.main import MainScreen
from tui.widgets.compare_table import CompareTable, FigureRow, Heading, fit_widths
from tui.widgets.timeline import Timeline

from checkout import with_seeds

SIZE = (120, 40)


async def open_compare(app, pilot) -> tuple[CompareScreen, CompareTable]:
    await pilot.pause()
    await pilot.press("c")
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, CompareScreen)
    await app.workers.wait_for_complete()  # the groups are made in a worker thread
    await pilot.pause()
    return screen, screen.query_one(CompareTable)


async def test_c_opens_compare_and_a_row_opens_the_brief_at_its_figure(tmp_path: Path, screen_text, size) -> None:
    app = create_app(with_seeds(tmp_path / "store"))
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        screen, table = await open_compare(app, pilot)
        text = screen_text(app)
        assert "casualties (killed and wounded)" in text and "revision: the number changed over time" in text and "not before 2024-12-16" in text
        assert "date" in text and "said by" in text  # the column names
        assert table.has_focus and table.row_count == len(screen.groups) + sum(len(g.rows) for g in screen.groups)
        row = next(r for g in screen.groups if g.id == "deployed" for r in g.rows if r.figure.low == 10000)
        table.move_to(table.index_of(row.article_id, row.figure.start))
        await pilot.press("enter")
        await pilot.pause()
        main = app.screen
        assert isinstance(main, MainScreen)
        assert main.article_id == row.article_id
        assert main.figures[main.figure_index].start == row.figure.start


async def test_keys_move_the_cursor_and_enter_opens_the_figure_under_it(tmp_path: Path, size) -> None:
    app = create_app(with_seeds(tmp_path / "store"))
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        screen, table = await open_compare(app, pilot)
        assert isinstance(table.row(0), Heading) and table.cursor == 1  # on the first figure
        await pilot.press("j", "j", "down")
        assert table.cursor == 4
        await pilot.press("k", "up")
        assert table.cursor == 2
        await pilot.press("end")
        assert table.cursor == table.row_count - 1
        await pilot.press("pageup")
        assert table.cursor < table.row_count - 1  # a page up (the seeds' rows, folded, may fit one page)
        await pilot.press("home")
        assert table.cursor == 0
        await pilot.press("enter")  # on a heading: into its group, the screen stays
        await pilot.pause()
        assert app.screen is screen and table.cursor == 1
        await pilot.press("j")
        chosen = table.row(2)
        assert isinstance(chosen, FigureRow)
        await pilot.press("enter")
        await pilot.pause()
        main = app.screen
        assert isinstance(main, MainScreen)
        assert main.article_id == chosen.article_id
        assert main.figures[main.figure_index].start == chosen.start


async def test_a_click_on_a_figure_row_opens_it(tmp_path: Path, size) -> None:
    app = create_app(with_seeds(tmp_path / "store"))
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        _screen, table = await open_compare(app, pilot)
        chosen = table.row(3)
        assert isinstance(chosen, FigureRow)
        await pilot.click(CompareTable, offset=(10, 3))
        await pilot.pause()
        main = app.screen
        assert isinstance(main, MainScreen) and main.article_id == chosen.article_id


async def test_rows_fit_their_columns_and_long_text_is_cut_with_an_ellipsis(tmp_path: Path, size) -> None:
    app = create_app(with_seeds(tmp_path / "store"))
    compare = app.store.compare

    def long_text(*_: object, **__: object) -> list[CompareGroup]:
        groups = compare()
        first = groups[0].rows[0]
        row = replace(first, figure=replace(first.figure, text="a very long sentence " * 20))
        return [replace(groups[0], rows=(row, *groups[0].rows[1:])), *groups[1:]]

    app.store.compare = long_text
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        _screen, table = await open_compare(app, pilot)
        width = table.scrollable_content_region.width
        for index in range(table.row_count):
            assert cell_len(table.row_text(index)) <= width
        assert "a very long sentence a very" in table.row_text(1) and "…" in table.row_text(1)
        header = table.header_line()
        assert header.index("figure") < header.index("value") < header.index("said by")
        # the columns line up: the value of every figure row starts under "value"
        column = header.index("value")
        for index in range(table.row_count):
            row = table.row(index)
            if isinstance(row, FigureRow):
                assert table.row_text(index)[column:].startswith(row.cells[3][:3])


def test_column_widths_cut_the_widest_columns_first() -> None:
    assert fit_widths((10, 20, 60, 20, 24, 7), 200) == (10, 20, 60, 20, 24, 7)
    widths = fit_widths((10, 20, 60, 20, 24, 7), 107)
    assert sum(widths) <= 107
    assert widths[0] == 10 and widths[5] == 7  # the narrow columns stay whole
    assert widths[2] > widths[1]  # the figure column keeps the most room
    assert fit_widths((22, 28, 200, 28, 28, 9), 20) == (21, 8, 12, 8, 8, 7)  # no column below its narrowest (a date stays whole)
    assert fit_widths((22, 5, 200, 28, 28, 3), 20) == (21, 5, 12, 8, 8, 3)  # nor above its natural width


async def test_a_hostile_label_source_and_figure_render_literally(tmp_path: Path, screen_lines) -> None:
    app = create_app(with_seeds(tmp_path / "store"))
    compare = app.store.compare
    label = "[bold red]boom[/] \x1b[31m"
    source = "[@click=app.quit]src[/]"
    text = "[$accent]12[/] \x07soldiers"

    def hostile(*_: object, **__: object) -> list[CompareGroup]:
        groups = compare()
        first = groups[0].rows[0]
        row = replace(first, brief_source=source, figure=replace(first.figure, source=source, text=text))
        return [replace(groups[0], label=label, rows=(row, *groups[0].rows[1:])), *groups[1:]]

    app.store.compare = hostile
    async with app.run_test(size=(200, 40), notifications=True) as pilot:
        screen, _table = await open_compare(app, pilot)
        lines = screen_lines(app)
        shown = "\n".join(lines)
        assert "[bold red]boom[/] " in shown
        assert shown.count("[@click=app.quit]src[/]") == 2
        assert "[$accent]12[/] " in shown and "soldiers" in shown
        assert "\x1b" not in shown and "\x07" not in shown
        assert app.screen is screen  # nothing ran the click action


def slow_reading(app, release: threading.Event, calls: list[str]):
    """The store's compare, reading briefs the index lacks (a store from an older newsbrief) until
    `release` is set: 10,000 briefs take seconds, these five wait for the test."""
    compare = app.store.compare

    def slow_compare(order: str = "brief", progress=None):
        calls.append(threading.current_thread().name)
        for _ in range(500):  # at most 5 s, so a worker that is never stopped cannot hang the test
            if release.wait(timeout=0.01):
                break
            progress(0, 5)
        return compare(order, progress)

    return slow_compare


async def test_compare_runs_off_the_event_loop_and_shows_progress_until_the_groups_arrive(tmp_path: Path, screen_text, toasts, size) -> None:
    app = create_app(with_seeds(tmp_path / "store"))
    release = threading.Event()
    calls: list[str] = []
    app.store.compare = slow_reading(app, release, calls)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        main = app.screen
        await pilot.press("c")
        await pilot.pause(0.1)
        screen = app.screen
        assert isinstance(screen, CompareScreen)
        assert "reading 0 of 5 briefs the compare index lacks… (esc stops)" in screen_text(app)
        assert screen.query_one(CompareTable).loading and screen.groups == []
        release.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert calls and calls[0] != threading.main_thread().name
        assert screen.groups and not screen.query_one(CompareTable).loading
        assert "casualties (killed and wounded)" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is main


async def test_esc_stops_a_recomputation_and_closes_once_the_worker_has_let_go(tmp_path: Path, size) -> None:
    app = create_app(with_seeds(tmp_path / "store"))
    release = threading.Event()
    app.store.compare = slow_reading(app, release, [])
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        main = app.screen
        await pilot.press("c")
        await pilot.pause(0.1)
        assert isinstance(app.screen, CompareScreen)
        await pilot.press("escape")
        for _ in range(100):  # the worker stops at its next progress report, then the screen closes
            if app.screen is main:
                break
            await pilot.pause(0.05)
        assert app.screen is main and not release.is_set()  # stopped, not waited out


async def test_m_moves_a_figure_and_M_merges_a_group_on_disk_then_the_table_follows(tmp_path: Path, size) -> None:
    folder = with_seeds(tmp_path / "store")
    app = create_app(folder)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        screen, table = await open_compare(app, pilot)
        killed = next(r for g in screen.groups if g.id == "killed" for r in g.rows if r.figure.text == "At least 100")
        table.move_to(table.index_of(killed.article_id, killed.figure.start))
        await pilot.press("m")
        await pilot.pause()
        await pilot.press(*"casualties (killed and wounded)", "enter")  # the picker shows labels, the store gets the id
        await app.workers.wait_for_complete()
        await pilot.pause()
        with Store(folder, readonly=True) as store:  # on disk
            casualties = next(g for g in store.compare() if g.id == "casualties")
        assert (killed.article_id, killed.figure.start) in {(r.article_id, r.figure.start) for r in casualties.rows}
        assert table.group_at(table.cursor) == "casualties"  # the cursor stayed on the figure, now in its new group
        assert isinstance(table.row(table.cursor), FigureRow) and table.row(table.cursor).start == killed.figure.start

        table.move_to(next(i for i in range(table.row_count) if table.group_at(i) == "wounded"))
        await pilot.press("M")
        await pilot.pause()
        await pilot.press(*"casualties (killed and wounded)", "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "wounded" not in {g.id for g in screen.groups}
        with Store(folder, readonly=True) as store:
            assert "wounded" not in {g.id for g in store.compare()}


async def test_ctrl_z_f_and_U_undo_filter_and_unmerge_in_the_view(tmp_path: Path, size) -> None:
    folder = with_seeds(tmp_path / "store")
    with Store(folder) as store:
        store.merge_groups("wounded", "casualties")
    app = create_app(folder)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        screen, table = await open_compare(app, pilot)
        table.move_to(next(i for i in range(table.row_count) if table.group_at(i) == "casualties"))
        await pilot.press("U")  # wounded on its own again
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "wounded" in {g.id for g in screen.groups}
        await pilot.press("ctrl+z")  # and merged again: the unmerge undone, on disk
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "wounded" not in {g.id for g in screen.groups}
        with Store(folder, readonly=True) as store:
            assert store.regrouping().merges == {"wounded": "casualties"}
        table.move_to(next(i for i in range(table.row_count) if table.group_at(i) == "deployed"))
        await pilot.press("f")
        await pilot.pause()
        assert {table.group_at(i) for i in range(table.row_count)} == {"deployed"}
        assert screen.query_one(Timeline).lines_text()[0].startswith("troops deployed")
        await pilot.press("f")
        await pilot.pause()
        assert len({table.group_at(i) for i in range(table.row_count)}) == len(screen.groups)

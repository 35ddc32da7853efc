"""The compare view in the reader: key `c` opens it, choosing a row opens that brief at that figure."""

from __future__ import annotations

import hashlib
import shutil
from dataclasses import replace
from pathlib import Path

import pytest
from rich.cells import cell_len
from textual.widgets import Label

from store import Store
from store.story.compare_index import COMPARE_FILE, SEGMENT_GLOB, CompareIndex
from store.story.compare_view import VIEW_FILE
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
    folder = with_seeds(tmp_path / "store")
    (tmp_path / "long.md").write_text("# " + "a very long sentence " * 20 + "\n\nOn December 3, 12 soldiers were killed.\n", encoding="utf-8")
    with Store(folder) as store:
        store.import_paths([tmp_path / "long.md"])
    app = create_app(folder)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        _screen, table = await open_compare(app, pilot)
        width = table.scrollable_content_region.width
        for index in range(table.row_count):
            assert cell_len(table.row_text(index)) <= width
        long = next(i for i in range(table.row_count) if isinstance(table.row(i), FigureRow) and "a very long sentence" in table.row(i).cells[1])
        assert "a very long se" in table.row_text(long) and "…" in table.row_text(long)
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


async def test_a_hostile_label_source_and_title_render_literally(tmp_path: Path, screen_lines) -> None:
    folder = with_seeds(tmp_path / "store")
    label = "[bold red]boom[/] \x1b[31m"
    source = "[@click=app.quit]src[/]"
    title = "[$accent]12[/] \x07soldiers"
    (tmp_path / "hostile.md").write_text(f"# {title}\n\n{source} said 40 soldiers were wounded on December 3.\n", encoding="utf-8")
    with Store(folder) as store:
        store.import_paths([tmp_path / "hostile.md"])
        store.rename_group("wounded", label)
    app = create_app(folder)
    async with app.run_test(size=(200, 40), notifications=True) as pilot:
        screen, table = await open_compare(app, pilot)
        table.move_to(next(i for i in range(table.row_count) if table.group_at(i) == label.strip()))
        await pilot.pause()
        lines = screen_lines(app)
        shown = "\n".join(lines)
        assert "[bold red]boom[/] " in shown
        assert shown.count("[@click=app.quit]src[/]") == 2  # in the table and in the chart
        assert "[$accent]12[/] " in shown and "soldiers" in shown
        assert "\x1b" not in shown and "\x07" not in shown
        assert app.screen is screen  # nothing ran the click action


@pytest.fixture(scope="module")
def many_briefs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store of 3,000 briefs (the seeds, copied) whose compare index is lost, as a store from an
    older newsbrief has none: the view reads every brief from its shard again, which takes seconds."""
    seeds = with_seeds(tmp_path_factory.mktemp("seeds") / "store")
    with Store(seeds, readonly=True) as store:
        articles = store.articles()
    copies = [
        replace(a, id=f"{k:016x}", sha256=hashlib.sha256(str(k).encode()).hexdigest(), title=f"{a.title} ({k})")
        for k in range(3000)
        for a in [articles[k % len(articles)]]
    ]
    folder = tmp_path_factory.mktemp("many") / "store"
    with Store(folder) as store:
        store.import_articles(copies)
    for part in [folder / COMPARE_FILE, *folder.glob(SEGMENT_GLOB)]:
        part.unlink(missing_ok=True)
    return folder


def fitting_lines(folder: Path) -> list[str]:
    """The briefs whose compare index lines were made from them as the catalog lists them."""
    with Store(folder, readonly=True) as store, CompareIndex(folder).reading() as lines:
        return [s.id for s in store.summaries() if lines.fits(s)]


def lost_index(many_briefs: Path, tmp_path: Path) -> Path:
    folder = tmp_path / "store"
    shutil.copytree(many_briefs, folder)
    return folder


async def test_compare_runs_off_the_event_loop_and_shows_progress_until_the_groups_arrive(many_briefs: Path, tmp_path: Path, screen_text, size, posted) -> None:
    app = create_app(lost_index(many_briefs, tmp_path))
    messages, hook = posted
    async with app.run_test(size=SIZE, notifications=True, message_hook=hook) as pilot:
        await pilot.pause()
        main = app.screen
        await pilot.press("c")
        screen = app.screen
        assert isinstance(screen, CompareScreen)
        await app.workers.wait_for_complete()
        await pilot.pause()
        # the worker reported as it read (the event loop drew each report: polling the label raced the worker on a loaded machine)
        reports = [(m.done, m.total) for m in messages if isinstance(m, CompareScreen.Reading)]
        assert len(reports) >= 3 and {total for _, total in reports} == {3000} and reports[0][0] == 0 and max(done for done, _ in reports) >= 2500
        assert messages.index(next(m for m in messages if isinstance(m, CompareScreen.Reading))) < messages.index(
            next(m for m in messages if isinstance(m, CompareScreen.Compared))
        )
        await pilot.pause()
        assert screen.groups and not screen.query_one(CompareTable).loading
        assert "casualties (killed and wounded)" in screen_text(app)
        assert len(fitting_lines(app.store.folder)) == 3000  # what was read is written back
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is main


async def test_esc_stops_a_recomputation_and_closes_once_the_worker_has_let_go(many_briefs: Path, tmp_path: Path, size) -> None:
    folder = lost_index(many_briefs, tmp_path)
    app = create_app(folder)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        main = app.screen
        with Store(folder) as other, other._writing():  # another writer holds the store's lock
            await pilot.press("c")
            screen = app.screen
            assert isinstance(screen, CompareScreen)
            status = screen.query_one("#compare-status", Label)
            for _ in range(400):  # the briefs are read (no lock needed); the last report is 2,500 of 3,000
                await pilot.pause(0.02)
                if "2,500 of 3,000" in status.render().plain:
                    break
            assert "2,500 of 3,000" in status.render().plain
            await pilot.press("escape")
            await pilot.pause(0.3)
            # the worker waits for the lock to write what it read: the view waits for it, saying so
            assert app.screen is screen and status.render().plain == "stopping…"
        for _ in range(200):  # the lock let go: the worker stops at its next progress report, then the screen closes
            if app.screen is main:
                break
            await pilot.pause(0.05)
        assert app.screen is main
        await app.workers.wait_for_complete()
    assert not (folder / VIEW_FILE).exists()  # stopped, not waited out: no groups were made
    assert len(fitting_lines(folder)) == 3000  # what was read before esc is kept


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


async def test_m_onto_the_figure_s_own_group_moves_nothing(tmp_path: Path, toasts, size) -> None:
    folder = with_seeds(tmp_path / "store")
    app = create_app(folder)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        screen, table = await open_compare(app, pilot)
        assert screen.groups[0].id == "casualties"  # the pickers list the groups in the view's order
        several = next(r for r in screen.groups[0].rows if r.figure.text == "several hundred")
        table.move_to(table.index_of(several.article_id, several.figure.start))
        await pilot.press("m")
        await pilot.pause()
        await pilot.press("enter")  # the first choice: its group now (✓)
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "move: the figure is in 'casualties (killed and wounded)' already" in toasts(app)
    with Store(folder, readonly=True) as store:
        assert store.regrouping().moves == {}  # nothing recorded, nothing to undo


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


async def test_r_renames_the_group_a_taken_name_is_refused_in_the_dialog_and_help_lists_it(tmp_path: Path, screen_text, size) -> None:
    from tui.dialogs.group_name import GroupName
    from tui.screens.help import HelpScreen

    folder = with_seeds(tmp_path / "store")
    app = create_app(folder)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        screen, table = await open_compare(app, pilot)
        for _ in range(200):  # Textual's footer recomposes after the screen's first refresh (2 s was too short on a slow machine: CI at 03bbc10)
            if "r rename group" in screen_text(app):
                break
            await pilot.pause(0.05)
        assert "r rename group" in screen_text(app)  # in the footer
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen) and "newsbrief.compare.rename" in {row.binding_id for row in app.screen.rows}
        await pilot.press("escape")
        await pilot.pause()
        table.move_to(next(i for i in range(table.row_count) if table.group_at(i) == "deployed"))
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, GroupName)
        app.screen.query_one("#group-name").value = "killed"  # another group's id: refused, asked again
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, GroupName) and "already a compare group" in app.screen.error
        app.screen.query_one("#group-name").value = "troops sent"
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.screen is screen and "troops sent" in {g.id for g in screen.groups} and "deployed" not in {g.id for g in screen.groups}
        assert table.group_at(table.cursor) == "troops sent"
        with Store(folder, readonly=True) as store:
            assert store.regrouping().merges == {"deployed": "troops sent"}
        await pilot.press("ctrl+z")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "deployed" in {g.id for g in screen.groups}

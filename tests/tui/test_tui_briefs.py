"""Whole briefs from the reader: R marks reviewed (the list shows it, u shows only the unreviewed),
X removes a brief after asking (ctrl+z brings it back with its annotations), I imports files or URLs."""

from __future__ import annotations

import http.server
import threading
from pathlib import Path

from textual.content import Content
from textual.widgets import Input

from store import Store
from tui.dialogs.confirm import ConfirmDialog
from tui.dialogs.import_dialog import ImportDialog
from tui.screens.main import MainScreen
from tui.widgets.article_list import ArticleList


def title_of(article_list: ArticleList) -> str:
    """The list's border title and subtitle as shown (Textual hands them back as markup)."""
    return " | ".join(Content.from_markup(text or "").plain for text in (article_list.border_title, article_list.border_subtitle))


def reviewed_on_disk(folder: Path) -> frozenset[str]:
    with Store(folder, readonly=True) as store:
        return store.reviewed()


def ids_on_disk(folder: Path) -> set[str]:
    with Store(folder, readonly=True) as store:
        return {s.id for s in store.summaries()}


async def test_R_marks_the_open_brief_reviewed_on_disk_the_list_counts_it_and_u_hides_it(reader, folder, screen_text) -> None:
    async with reader() as (app, pilot):
        screen = app.screen
        assert isinstance(screen, MainScreen)
        article_list = screen.query_one(ArticleList)
        first = screen.article_id
        assert "0/5 reviewed" in title_of(article_list)
        await pilot.press("R")
        await pilot.pause()
        assert reviewed_on_disk(folder) == {first}
        assert "1/5 reviewed" in title_of(article_list)
        assert "│✓ 14 fig · 0 tagged" in screen_text(app)  # its row, on screen
        assert "1/5 reviewed ─╯" in screen_text(app)
        await pilot.press("tab", "J", "R")  # from the reading pane too: the next brief (J), then R
        await pilot.pause()
        second = screen.article_id
        assert reviewed_on_disk(folder) == {first, second}
        await pilot.press("shift+tab", "u")  # the list: only the unreviewed
        await pilot.pause()
        assert first not in article_list.row_ids and second not in article_list.row_ids
        assert article_list.row_count == 3
        assert "Briefs (3 of 5)" in title_of(article_list) and "0/3 reviewed" in title_of(article_list)
        await pilot.press("ctrl+z")  # undo the second mark: it shows again, unreviewed
        await pilot.pause()
        assert reviewed_on_disk(folder) == {first}
        assert second in article_list.row_ids and article_list.row_count == 4
        await pilot.press("escape")  # clears the filter
        await pilot.pause()
        assert article_list.row_count == 5 and "1/5 reviewed" in title_of(article_list)


async def test_a_reviewed_mark_written_by_another_process_shows_in_the_list(reader, folder) -> None:
    async with reader() as (app, pilot):
        screen = app.screen
        other_id = screen.article_list.row_ids[2]
        with Store(folder) as other:
            other.set_reviewed([other_id])
        await pilot.pause(1.2)  # the reader looks every half second
        assert screen.reviewed == {other_id}
        assert "1/5 reviewed" in title_of(screen.article_list)


async def test_X_asks_then_removes_the_brief_and_ctrl_z_brings_it_back_with_its_annotations(reader, folder, read_annotations) -> None:
    async with reader() as (app, pilot):
        screen = app.screen
        article_id = screen.article_id
        await pilot.press("1")  # a tag on its first claim
        await pilot.pause()
        [annotation] = read_annotations(folder)
        await pilot.press("X")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("n")  # no: nothing happens
        await pilot.pause()
        assert isinstance(app.screen, MainScreen) and article_id in ids_on_disk(folder)
        await pilot.press("X", "y")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert article_id not in ids_on_disk(folder) and read_annotations(folder) == []
        assert article_id not in screen.article_list.row_ids and screen.article_id != article_id
        assert screen.article_list.row_count == 4
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert article_id in ids_on_disk(folder) and read_annotations(folder) == [annotation]
        assert article_id in screen.article_list.row_ids and screen.article_list.row_count == 5


async def test_I_imports_a_file_and_a_url_the_new_briefs_show_and_a_bad_path_is_one_line(reader, folder, tmp_path, toasts, posted) -> None:
    from tui.screens.importing import Importing

    messages, hook = posted
    page = tmp_path / "site"
    page.mkdir()
    (page / "report.txt").write_text("Officials said 12 drones were shot down overnight near the border.", encoding="utf-8")
    local = tmp_path / "local.txt"
    local.write_text("A local report: 30 tanks were seen moving east on Monday.", encoding="utf-8")
    handler = lambda *args: http.server.SimpleHTTPRequestHandler(*args, directory=str(page))  # noqa: E731
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_port}/report.txt"
    try:
        async with reader(message_hook=hook) as (app, pilot):
            screen = app.screen
            await pilot.press("I")
            await pilot.pause()
            assert isinstance(app.screen, ImportDialog)
            await pilot.press(*f"{local} {url} {tmp_path / 'missing.txt'}", "enter")
            for _ in range(50):
                await pilot.pause(0.1)
                if app.screen is screen:
                    break
            assert app.screen is screen
            assert len(ids_on_disk(folder)) == 7
            assert screen.article_list.row_count == 7
            [line] = [text for text in toasts(app) if "imported" in text]
            assert "imported 2 briefs" in line and "1 refused" in line and "missing.txt" in line and "\n" not in line
            progress = [(m.done, m.total) for m in messages if isinstance(m, Importing.Progressed)]
            assert progress and progress[-1] == (2, 2)  # the bar followed the files read (the missing path is refused before)
            assert any(isinstance(m, Importing.Grouping) for m in messages)  # then the compare groups were made, with progress
        with Store(folder, readonly=True) as opened:  # and are on disk: the compare view reads them, grouping nothing
            grouping: list[tuple[int, int]] = []
            groups = opened.compare(progress=lambda done, total: grouping.append((done, total)))
            assert not grouping and any(row.figure.value == 12 for group in groups for row in group.rows)
    finally:
        server.shutdown()


async def test_an_import_the_store_refuses_opens_the_dialog_again_on_what_was_typed(reader, folder, tmp_path) -> None:
    async with reader() as (app, pilot):
        await pilot.press("I")
        await pilot.pause()
        await pilot.press(*"'/no such/place'", "enter")
        for _ in range(30):
            await pilot.pause(0.1)
        assert isinstance(app.screen, MainScreen)  # a path that is not there is a refusal, not a stop
        assert len(ids_on_disk(folder)) == 5
        await pilot.press("I", "escape")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert not isinstance(app.screen.focused, Input)


async def test_the_new_keys_rebind_through_the_settings_file_and_help_names_their_ids(reader, folder, toasts) -> None:
    import json

    from tui.screens.help import help_rows
    from tui.widgets.footer import KeyFooter

    keymap = {"newsbrief.toggle_reviewed": "m", "newsbrief.unreviewed_filter": "U", "newsbrief.remove_brief": "delete", "newsbrief.import_briefs": "ctrl+o"}
    (folder / "settings.json").write_text(json.dumps({"keymap": keymap}), encoding="utf-8")
    async with reader() as (app, pilot):
        screen = app.screen
        assert not any("no key of the reader" in toast for toast in toasts(app))
        rows = {row.binding_id: row.keys for row in help_rows(screen, screen.panes())}
        assert (rows["newsbrief.toggle_reviewed"], rows["newsbrief.unreviewed_filter"]) == ("m", "U")
        assert {item.description: item.display for item in screen.query_one(KeyFooter).items}["reviewed"] == "m"
        await pilot.press("m")
        await pilot.pause()
        assert reviewed_on_disk(folder) == {screen.article_id}
        await pilot.press("delete")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("escape", "ctrl+o")
        await pilot.pause()
        assert isinstance(app.screen, ImportDialog)


async def test_when_another_process_removes_the_open_brief_the_reader_opens_the_next_one(reader, folder) -> None:
    async with reader() as (app, pilot):
        screen = app.screen
        gone = screen.article_id
        with Store(folder) as other:
            other.remove([gone])
        await pilot.pause(1.2)  # the reader looks every half second
        assert gone not in screen.article_list.row_ids and screen.article_list.row_count == 4
        assert screen.article_id == screen.article_list.cursor_id and screen.article_id != gone
        assert app.sub_title.startswith("4 briefs")

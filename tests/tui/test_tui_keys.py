"""Honest keys: help lists every key with its binding id and scrolls with j/k; a rebound key shows where the key is
named (footer, help, palette); an unknown binding id in settings.json is reported."""

from __future__ import annotations

import json
from pathlib import Path

from textual.widgets import DataTable

from tui.commands import NewsbriefCommands
from tui.screens.help import HelpScreen
from tui.widgets.footer import KeyFooter


async def test_help_names_each_binding_id_and_scrolls_with_j_and_k(reader, screen_text) -> None:
    async with reader(size=(80, 24)) as (app, pilot):
        await pilot.press("question_mark")
        await pilot.pause()
        help_screen = app.screen
        assert isinstance(help_screen, HelpScreen)
        ids = {row.binding_id for row in help_screen.rows}
        assert {"newsbrief.next_claim", "newsbrief.down", "newsbrief.sort", "newsbrief.annotations", "newsbrief.next_brief"} <= ids
        table = help_screen.query_one(DataTable)
        assert "next_claim" in [str(cell) for cell in table.get_column_at(1)]  # the id, less its "newsbrief." prefix
        assert "next_claim" in screen_text(app)  # on screen at 80 columns (after the long texts, it was cut off)
        await pilot.press(*["j"] * 30)
        await pilot.pause()
        assert table.cursor_row == 30 and table.scroll_y > 0  # the table scrolled to keep the cursor in view
        await pilot.press("k", "k")
        assert table.cursor_row == 28


async def test_a_rebound_key_shows_in_footer_help_and_palette_and_an_unknown_id_is_reported(folder: Path, reader, toasts) -> None:
    (folder / "settings.json").write_text(json.dumps({"keymap": {"newsbrief.note": "N", "newsbrief.nxt_claim": "l"}}), encoding="utf-8")
    async with reader() as (app, pilot):
        screen = app.screen
        assert any("'newsbrief.nxt_claim', which is no key of the reader" in toast for toast in toasts(app))
        footer = {item.description: item for item in screen.query_one(KeyFooter).items}
        assert footer["note"].display == "N"
        palette = {text: help_text for text, _command, help_text in NewsbriefCommands(screen).commands()}
        assert palette["Write the claim's note"] == "key: N"
        await pilot.press("N")
        await pilot.pause()
        assert type(app.screen).__name__ == "NoteEditor"

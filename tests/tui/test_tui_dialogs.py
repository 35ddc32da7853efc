"""Dialogs: esc cancels and enter saves in each; a refused name keeps what was typed; the tag filter says what it does."""

from __future__ import annotations

from textual.widgets import Input, Label

from tui.dialogs.note_editor import NoteEditor
from tui.dialogs.tag_picker import TagPicker
from tui.screens.main import MainScreen


async def test_the_note_editor_saves_on_enter_and_esc_cancels(reader, folder, read_annotations) -> None:
    async with reader() as (app, pilot):
        await pilot.press("n", *"typed then dropped", "escape")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen) and read_annotations(folder) == []
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, NoteEditor)
        await pilot.press(*"kept", "enter")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert [a.note for a in read_annotations(folder)] == ["kept"]


async def test_a_tag_name_too_long_is_refused_with_the_name_kept_and_the_reason_shown(reader, folder, read_tags) -> None:
    long_name = ("a very long tag name " * 5).strip()
    async with reader() as (app, pilot):
        before = read_tags(folder)
        await pilot.press("t", *long_name, "enter")
        await pilot.pause()
        picker = app.screen
        assert isinstance(picker, TagPicker)  # open again, on what was typed
        assert picker.query_one(Input).value == long_name
        assert "at most" in str(picker.query_one("#tag-error", Label).render())
        assert read_tags(folder) == before
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)


async def test_the_tag_filter_picker_says_what_it_does(reader) -> None:
    async with reader() as (app, pilot):
        await pilot.press("T")
        await pilot.pause()
        picker = app.screen
        assert isinstance(picker, TagPicker)
        await pilot.pause(0.2)
        words = {str(label.render()) for label in picker.query(Label)}
        assert "Show only the briefs tagged…" in words
        assert any("(all briefs) clears the filter" in text for text in words)

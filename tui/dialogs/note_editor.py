"""The note editor: a TextArea for the claim's note. What is typed is saved on close, and on quit."""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Label, TextArea

from ..widgets.text import display_text, one_line
from .type_ahead import TypeAheadScreen


@dataclass(frozen=True)
class NoteEdit:
    """The claim's note as the user left it ("" clears it)."""

    text: str


class NoteEditor(TypeAheadScreen[NoteEdit | None]):
    """Dismissed with the new note, or None when it is unchanged. The screen writes it; if the store refuses,
    the screen opens the editor again on what was typed (`typed`)."""

    BINDINGS = [
        Binding("enter", "save", "save", id="newsbrief.note.save", priority=True),  # before the TextArea takes it as a line break
        Binding("ctrl+s", "save", "save", id="newsbrief.note.save_key"),
        Binding("escape", "cancel", "cancel", id="newsbrief.note.cancel"),
    ]

    def __init__(self, quote: str, note: str | None, *, typed: str | None = None) -> None:
        super().__init__()
        self.quote = quote
        self.initial = display_text(note or "")
        self.current = self.initial if typed is None else typed  # kept up to date: read at quit, while the screen unmounts

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="dialog note-dialog"):
            yield Label(Content("Note on the claim"), classes="dialog-title")
            yield Label(Content.styled(one_line(self.quote, 300), "italic $text-muted"), classes="note-quote")
            yield TextArea(self.current, id="note-text", soft_wrap=True, tab_behavior="focus")
            yield Label(Content("enter saves · esc cancels · an empty note clears it · ctrl+z in the reader undoes"), classes="dialog-hint")

    def on_mount(self) -> None:
        area = self.query_one(TextArea)
        area.move_cursor(area.document.end)
        self.take_keys(area)

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        self.current = event.text_area.text

    def edit(self) -> NoteEdit | None:
        """What closing now would save: the typed note, or None when it is unchanged."""
        return NoteEdit(self.current) if self.current != self.initial else None

    def action_save(self) -> None:
        self.current = self.query_one(TextArea).text  # keys typed at once: their Changed may not have come yet
        self.dismiss(self.edit())

    def action_cancel(self) -> None:
        self.current = self.initial  # nothing to keep, at quit either
        self.dismiss(None)

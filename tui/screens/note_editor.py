"""The note editor: a TextArea for the claim's note. What is typed is saved on close, and on quit."""

from __future__ import annotations

from collections.abc import Callable

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Label, TextArea

from ..widgets.text import display_text, one_line


class NoteEditor(ModalScreen[None]):
    """`save(text)` writes the note and says whether the store took it; the editor stays open if not."""

    BINDINGS = [
        Binding("escape", "save", "save & close", id="newsbrief.note.save"),
        Binding("ctrl+s", "save", "save & close", id="newsbrief.note.save_key"),
    ]

    def __init__(self, quote: str, note: str | None, save: Callable[[str], bool]) -> None:
        super().__init__()
        self.quote = quote
        self.initial = display_text(note or "")
        self.save = save
        self.saved = False
        self.current = self.initial  # kept up to date, so it can be saved even while the screen unmounts

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="dialog note-dialog"):
            yield Label(Content("Note on the claim"), classes="dialog-title")
            yield Label(Content.styled(one_line(self.quote, 300), "italic $text-muted"), classes="note-quote")
            yield TextArea(self.initial, id="note-text", soft_wrap=True, tab_behavior="focus")
            yield Label(Content("esc or ctrl+s saves and closes · an empty note clears it · ctrl+z in the reader undoes"), classes="dialog-hint")

    def on_mount(self) -> None:
        area = self.query_one(TextArea)
        area.focus()
        area.move_cursor(area.document.end)

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        self.current = event.text_area.text

    def action_save(self) -> None:
        if self._write():
            self.dismiss(None)

    def _write(self) -> bool:
        if self.saved:
            return True
        text = self.current
        if text != self.initial and not self.save(text):
            return False
        self.saved = True
        return True

    def on_unmount(self) -> None:
        # The app is closing with the editor open (ctrl+q, a signal): keep what was typed.
        if not self.saved:
            self._write()

"""The compare view's rename dialog: one line for a group's new name. The screen writes it; when the
store refuses the name, the screen opens the dialog again on what was typed, with the reason."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Label

from ..widgets.text import one_line


class GroupName(ModalScreen[str | None]):
    """Dismissed with the typed name (spaces folded), or None when cancelled or left as it was."""

    BINDINGS = [Binding("escape", "cancel", "cancel", id="newsbrief.compare.name.cancel")]

    def __init__(self, label: str, *, typed: str | None = None, error: str = "") -> None:
        super().__init__()
        self.label = label
        self.typed = label if typed is None else typed
        self.error = error

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="dialog"):
            yield Label(Content(f"Rename the group {one_line(self.label, 60)!r} to…"), classes="dialog-title")
            yield Input(self.typed, id="group-name")
            if self.error:
                yield Label(Content(one_line(self.error, 300)), id="group-name-error")
            yield Label(Content("enter renames · esc cancels · U on the group undoes a rename"), classes="dialog-hint")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    @on(Input.Submitted, "#group-name")
    def _submitted(self, event: Input.Submitted) -> None:
        name = " ".join(event.value.split())
        self.dismiss(name if name and name != self.label else None)

    def action_cancel(self) -> None:
        self.dismiss(None)

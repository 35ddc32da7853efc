"""A yes-or-no question before a change the user should not make by a slip of a finger (removing a brief)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Label

from ..widgets.text import one_line
from .type_ahead import TypeAheadScreen


class ConfirmDialog(TypeAheadScreen[bool]):
    """Dismissed with True for `y` or `enter`, False for `n` or `esc`."""

    BINDINGS = [
        Binding("y,enter", "answer(True)", "yes", id="newsbrief.confirm.yes"),
        Binding("n,escape", "answer(False)", "no", id="newsbrief.confirm.no"),
    ]

    def __init__(self, title: str, subject: str, detail: str) -> None:
        super().__init__()
        self.title_text = title
        self.subject = subject  # what the question is about (a brief's title), in italics
        self.detail = detail

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="dialog confirm-dialog"):
            yield Label(Content(one_line(self.title_text, 300)), classes="dialog-title")
            yield Label(Content.styled(one_line(self.subject, 300), "italic $text-muted"), id="confirm-subject")
            yield Label(Content(one_line(self.detail, 300)), id="confirm-detail")
            yield Label(Content("y or enter: yes · n or esc: no"), classes="dialog-hint")

    def on_mount(self) -> None:
        self.take_keys(None)  # a y typed at once after X answers

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)

"""The import dialog (key `I`): files, folders or http(s) URLs to import, as `newsbrief import` takes them."""

from __future__ import annotations

import shlex

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Input, Label

from ..widgets.text import one_line
from .type_ahead import TypeAheadScreen


def import_targets(typed: str) -> list[str]:
    """What was typed as paths and URLs: split like a shell line (quotes keep a path with spaces whole),
    a leading ~ expanded; a line the shell could not split (an open quote) is one path."""
    try:
        words = shlex.split(typed)
    except ValueError:
        words = [typed.strip()]
    return [word if "://" in word else _home(word) for word in words if word]


def _home(path: str) -> str:
    from os.path import expanduser

    return expanduser(path)


class ImportDialog(TypeAheadScreen[list[str] | None]):
    """Dismissed with the paths and URLs to import, or None when cancelled (or nothing was typed)."""

    BINDINGS = [Binding("escape", "cancel", "cancel", id="newsbrief.import.cancel")]

    def __init__(self, *, typed: str = "", error: str = "") -> None:
        super().__init__()
        self.typed = typed
        self.error = error

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="dialog import-dialog"):
            yield Label(Content("Import briefs"), classes="dialog-title")
            yield Label(Content("Files, folders or http(s) URLs, separated by spaces"))
            yield Input(self.typed, placeholder="~/briefs/ or https://example.org/feed.xml", id="import-paths")
            yield Label(Content(one_line(self.error, 300)), id="import-error")
            yield Label(Content("enter imports · esc cancels · quote a path with spaces"), classes="dialog-hint")

    def on_mount(self) -> None:
        self.take_keys(self.query_one(Input))

    @on(Input.Submitted, "#import-paths")
    def _submitted(self, event: Input.Submitted) -> None:
        targets = import_targets(event.value)
        self.dismiss(targets or None)

    def action_cancel(self) -> None:
        self.dismiss(None)

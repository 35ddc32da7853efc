"""The help screen: a table of the live bindings (keymap applied), and the panes where each works."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import DataTable, Label

ALL_PANES = 3


class HelpScreen(ModalScreen[None]):
    BINDINGS = [
        Binding("escape,question_mark,q", "close", "close", id="newsbrief.help.close"),
    ]

    def __init__(self, rows: list[tuple[str, str, list[str]]], pane_names: dict[str, str]) -> None:
        super().__init__()
        self.rows = rows
        self.pane_names = pane_names

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="dialog help-dialog"):
            yield Label(Content("Keys (the footer shows those of the focused pane)"), classes="dialog-title")
            yield DataTable(id="help-table", cursor_type="row", zebra_stripes=True)
            yield Label(Content("esc, ? or q closes · keys can be rebound by id in settings.json (\"keymap\")"), classes="dialog-hint")

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("key", "what it does", "where")
        for keys, text, panes in self.rows:
            where = "all" if len(panes) >= ALL_PANES else ", ".join(self.pane_names.get(p, p) for p in panes)
            table.add_row(Text(keys, style="bold"), Text(text), Text(where, style="dim"))
        table.focus()

    def action_close(self) -> None:
        self.dismiss(None)

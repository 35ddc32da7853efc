"""The help screen: every key of the main screen and of each pane, as bound now (keymap applied), and where it works.

The table is read from the real bindings: the screen's keys work in every pane, a pane's own keys
(`BINDINGS` of the list, the reading pane, the figures panel) only there.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.dom import DOMNode
from textual.screen import ModalScreen, Screen
from textual.widgets import DataTable, Label

from ..keys import rank


@dataclass(frozen=True)
class HelpRow:
    """One action: its keys as shown, what it does, the names of the panes where it works, its binding id."""

    keys: str
    text: str
    panes: tuple[str, ...]
    binding_id: str | None


def help_rows(screen: Screen[Any], panes: Sequence[tuple[str, DOMNode]]) -> list[HelpRow]:
    """The rows for the keys of `screen` (and the app) and of each (name, pane), in footer order."""
    app = screen.app
    everywhere = tuple(name for name, _ in panes)
    found: dict[tuple[str, str], tuple[list[str], Binding, list[str]]] = {}
    owners: list[tuple[DOMNode, tuple[str, ...]]] = [(screen, everywhere), (app, everywhere), *((pane, (name,)) for name, pane in panes)]
    for node, where in owners:
        bindings = node._bindings.copy()  # the node's own keys, rebound as Textual rebinds them for the focused chain
        bindings.apply_keymap(app._keymap)
        for key_bindings in bindings.key_to_bindings.values():
            for binding in key_bindings:
                if binding.system:
                    continue
                namespace = "app" if node is app else "screen" if node is screen else binding.id or type(node).__name__
                keys, _binding, names = found.setdefault((namespace, binding.action), ([], binding, []))
                display = app.get_key_display(binding.with_key(binding.key, None))
                if display not in keys:
                    keys.append(display)
                names.extend(name for name in where if name not in names)
    ordered = sorted(found.values(), key=lambda entry: rank(entry[1]))
    return [
        HelpRow(" ".join(keys), binding.tooltip or binding.description or binding.action, tuple(names), binding.id)
        for keys, binding, names in ordered
    ]


ID_PREFIX = "newsbrief."  # every binding id starts so; the table shows the rest


class HelpScreen(ModalScreen[None]):
    BINDINGS = [
        Binding("escape,question_mark,q", "close", "close", id="newsbrief.help.close"),
        Binding("j", "move(1)", "down", id="newsbrief.help.down", show=False),
        Binding("k", "move(-1)", "up", id="newsbrief.help.up", show=False),
    ]

    def __init__(self, rows: list[HelpRow], pane_names: dict[str, str]) -> None:
        super().__init__()
        self.rows = rows
        self.pane_names = pane_names

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="dialog help-dialog"):
            yield Label(Content("Keys (the footer shows those of the focused pane)"), classes="dialog-title")
            yield DataTable(id="help-table", cursor_type="row", zebra_stripes=True)
            yield Label(Content('esc, ? or q closes · j/k scroll · rebind a key in settings.json: "keymap": {"newsbrief.ID": "keys"}'), classes="dialog-hint")

    def on_mount(self) -> None:
        table: DataTable[Text] = self.query_one(DataTable)
        table.add_columns("key", "id", "where", "what it does")  # the long text last: before it, it pushed the ids off screen
        for row in self.rows:
            where = "all" if set(row.panes) >= set(self.pane_names) else ", ".join(self.pane_names.get(p, p) for p in row.panes)
            table.add_row(Text(row.keys, style="bold"), Text((row.binding_id or "").removeprefix(ID_PREFIX), style="dim"), Text(where, style="dim"), Text(row.text))
        table.focus()

    def action_move(self, delta: int) -> None:
        """j/k as the arrows: the cursor moves and the table scrolls with it."""
        table: DataTable[Text] = self.query_one(DataTable)
        table.move_cursor(row=max(0, table.cursor_row + delta))

    def action_close(self) -> None:
        self.dismiss(None)

"""The compare view: figures of all briefs grouped by what they measure; choosing a row opens the brief there.

Comparing 10,000 briefs takes seconds, so it runs in a worker thread while the screen shows that it
is comparing; the worker only reads the store and posts the groups back, with the table's rows
made of them (plain strings: the table lays out only the rows on screen). The screen cannot be
closed before they arrive: until then no key can reach the reader and write to the store.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Header, Label

from store import Store, StoreError

from ..widgets.compare_table import CompareHeader, CompareRows, CompareTable, compare_rows
from ..widgets.text import one_line


class CompareScreen(Screen[tuple[str, int] | None]):
    """Dismissed with (article id, figure start) of the chosen row, or None."""

    BINDINGS = [Binding("escape,c,q", "close", "close", id="newsbrief.compare.close")]

    @dataclass
    class Compared(Message):
        """Posted by the compare worker: the groups and the table rows made of them, or the one-line error."""

        groups: list[dict]
        rows: CompareRows
        error: str | None

    def __init__(self, store: Store) -> None:
        super().__init__()
        self.store = store
        self.brief_count = len(store.summaries())
        self.groups: list[dict] = []
        self.comparing = True

    def compose(self) -> ComposeResult:
        yield Header()
        yield Label(Content(f"comparing {self.brief_count:,} briefs…"), id="compare-status")
        table = CompareTable(id="compare-table")
        header = CompareHeader(table, id="compare-header")
        header.display = False
        yield header
        yield table
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(CompareTable).loading = True
        self.compare()

    @work(thread=True, exclusive=True, group="compare")
    def compare(self) -> None:
        """Group the figures and build the rows off the event loop; report with a message, touch no widget."""
        try:
            groups = self.store.compare()
        except StoreError as error:
            self.post_message(self.Compared([], CompareRows(), str(error)))
        else:
            self.post_message(self.Compared(groups, compare_rows(groups), None))

    @on(Compared)
    def _compared(self, event: Compared) -> None:
        self.comparing = False  # the worker is done with the store: closing is safe from here on
        if event.error is not None:
            self.notify(one_line(event.error, 300), severity="error", markup=False)
            self.dismiss(None)
            return
        self.groups = event.groups
        self.query_one("#compare-status", Label).display = False
        table = self.query_one(CompareTable)
        table.set_rows(event.rows)
        table.loading = False
        self.query_one(CompareHeader).display = True
        table.focus()

    @on(CompareTable.Chosen)
    def _chosen(self, event: CompareTable.Chosen) -> None:
        self.dismiss((event.article_id, event.start))

    def action_close(self) -> None:
        if self.comparing:
            self.notify(f"still comparing {self.brief_count:,} briefs; esc closes once they are shown", severity="warning")
            return
        self.dismiss(None)

"""The compare view: figures of all briefs grouped by what they measure; choosing a row opens the brief there.

Comparing 10,000 briefs takes seconds, so it runs in a worker thread while the screen shows that it
is comparing; the worker only reads the store and posts the groups back, with the table's rows
made of them (plain strings: the table lays out only the rows on screen). The screen cannot be
closed before they arrive: until then no key can reach the reader and write to the store.

`m` puts the figure under the cursor in another group (or a new one) and `M` merges the cursor's
group into another: the store keeps the choice (undoable in the reader) and the groups are made again.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Header, Label

from store import Store, StoreError
from store.story.compare import CompareGroup

from ..widgets.compare_table import CompareHeader, CompareRows, CompareTable, FigureRow, compare_rows
from ..widgets.text import one_line

if TYPE_CHECKING:
    from ..dialogs.tag_picker import TagChoice


class CompareScreen(Screen[tuple[str, int] | None]):
    """Dismissed with (article id, figure start) of the chosen row, or None."""

    BINDINGS = [
        Binding("escape,c,q", "close", "close", id="newsbrief.compare.close"),
        Binding("m", "move_figure", "move to group", id="newsbrief.compare.move", tooltip="Put the figure under the cursor in another group, or a new one"),
        Binding("M", "merge_group", "merge group", id="newsbrief.compare.merge", tooltip="Show the cursor's group as part of another from now on"),
    ]

    @dataclass
    class Compared(Message):
        """Posted by the compare worker: the groups and the table rows made of them, or the one-line error."""

        groups: list[CompareGroup]
        rows: CompareRows
        error: str | None

    def __init__(self, store: Store) -> None:
        super().__init__()
        self.store = store
        self.brief_count = len(store.summaries())
        self.groups: list[CompareGroup] = []
        self.comparing = True
        self._keep: tuple[str, int] | str | None = None  # the figure, or the group, to put the cursor on after a regroup

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
        self._restore_cursor(table)
        self.query_one(CompareHeader).display = True
        table.focus()

    @on(CompareTable.Chosen)
    def _chosen(self, event: CompareTable.Chosen) -> None:
        self.dismiss((event.article_id, event.start))

    # --- regrouping -----------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("move_figure", "merge_group"):
            return not self.comparing
        return True

    def action_move_figure(self) -> None:
        from ..dialogs.tag_picker import TagPicker

        table = self.query_one(CompareTable)
        row = table.row(table.cursor) if 0 <= table.cursor < table.row_count else None
        if not isinstance(row, FigureRow):
            self.notify("move: put the cursor on a figure's row first", severity="warning")
            return
        current = table.group_at(table.cursor)
        picker = TagPicker(
            [group.id for group in self.groups], [current] if current else [], title="Move the figure to the group…",
            noun="group", hint="enter picks (✓ = its group now) · esc cancels",
        )

        def move(choice: TagChoice | None) -> None:
            if choice is not None:
                self._regroup(lambda: self.store.move_figure(row.article_id, row.start, choice.label), (row.article_id, row.start))

        self.app.push_screen(picker, move)

    def action_merge_group(self) -> None:
        from ..dialogs.tag_picker import TagPicker

        table = self.query_one(CompareTable)
        group = table.group_at(table.cursor)
        if group is None:
            return
        others = [g.id for g in self.groups if g.id != group]
        picker = TagPicker(others, [], title=f"Merge {one_line(group)!r} into the group…", noun="group", hint="enter picks · esc cancels")

        def merge(choice: TagChoice | None) -> None:
            if choice is not None:
                self._regroup(lambda: self.store.merge_groups(group, choice.label), choice.label)

        self.app.push_screen(picker, merge)

    def _regroup(self, change: Callable[[], object], keep: tuple[str, int] | str) -> None:
        """Write the choice (on disk before the table changes), then make the groups again."""
        try:
            change()
        except StoreError as error:
            self.notify(one_line(str(error), 300), severity="error", markup=False)
            return
        self._keep = keep
        self.comparing = True
        self.query_one(CompareTable).loading = True
        self.compare()

    def _restore_cursor(self, table: CompareTable) -> None:
        keep, self._keep = self._keep, None
        if isinstance(keep, tuple):
            index = table.index_of(*keep)
        elif keep is not None:
            index = next((i for i in range(table.row_count) if table.group_at(i) == keep), -1)
        else:
            return
        if index >= 0:
            table.move_to(index)

    def action_close(self) -> None:
        if self.comparing:
            self.notify(f"still comparing {self.brief_count:,} briefs; esc closes once they are shown", severity="warning")
            return
        self.dismiss(None)

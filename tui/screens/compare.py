"""The compare view: figures of all briefs grouped by what they measure; choosing a row opens the brief there.

The groups are those the store kept when it last made them (13 ms at 10,000 briefs, whose rows are
read a chunk at a time as the table draws them), fetched in a worker thread that posts them back.
After a change (an import, a date, a regrouping) the store makes them again from its compare index,
and reads the briefs the index lacks from their shards: seconds at 10,000 briefs, so the status line
shows how far it is, and `esc` stops it and closes the view (nothing half made is kept; the next open
starts again).

`m` puts the figure under the cursor in another group (or a new one), `M` merges the cursor's group
into another, `r` renames it and `U` takes merges and renames back: the store keeps the choice
(undoable here with ctrl+z and in the reader) and the groups are made again.
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
from textual.worker import WorkerCancelled, get_current_worker

from store import Store, StoreError
from store.story.compare import CompareGroup

from ..widgets.compare_table import CompareHeader, CompareRows, CompareTable, FigureRow, compare_rows
from ..widgets.text import one_line
from ..widgets.timeline import Timeline

if TYPE_CHECKING:
    from ..dialogs.tag_picker import TagChoice


class CompareScreen(Screen[tuple[str, int] | None]):
    """Dismissed with (article id, figure start) of the chosen row, or None."""

    BINDINGS = [
        Binding("escape,c,q", "close", "close", id="newsbrief.compare.close"),
        Binding("m", "move_figure", "move to group", id="newsbrief.compare.move", tooltip="Put the figure under the cursor in another group, or a new one"),
        Binding("M", "merge_group", "merge group", id="newsbrief.compare.merge", tooltip="Show the cursor's group as part of another from now on"),
        Binding("r", "rename_group", "rename group", id="newsbrief.compare.rename", tooltip="Show the cursor's group under a name you type (U takes it back)"),
        Binding("U", "unmerge_group", "unmerge", id="newsbrief.compare.unmerge", show=False, tooltip="Show the groups merged into the cursor's group (or its old name) on their own again"),
        Binding("f", "filter_group", "only this group", id="newsbrief.compare.filter", tooltip="Show only the cursor's group; again shows every group"),
        Binding("ctrl+z", "undo", "undo", id="newsbrief.compare.undo", show=False),
        Binding("ctrl+y", "redo", "redo", id="newsbrief.compare.redo", show=False),
        Binding("question_mark", "help", "help", id="newsbrief.compare.help", tooltip="Show every key of the compare view"),
    ]

    @dataclass
    class Reading(Message):
        """Posted by the compare worker while it makes the groups again (briefs read or placed so far)."""

        done: int
        total: int

    @dataclass
    class Compared(Message):
        """Posted by the compare worker: the groups and the table rows made of them, or the one-line error."""

        groups: list[CompareGroup]
        rows: CompareRows
        error: str | None

    def __init__(self, store: Store) -> None:
        super().__init__()
        self.store = store
        self.brief_count = len(store.listing())  # a count: no Summary built for each brief
        self.groups: list[CompareGroup] = []
        self.comparing = True
        self._only: str | None = None  # `f`: the one group shown
        self._close_once_stopped = False  # esc while comparing: close once the worker has stopped
        self._keep: tuple[str, int] | str | None = None  # the figure, or the group, to put the cursor on after a regroup

    def compose(self) -> ComposeResult:
        yield Header()
        yield Label(Content(f"comparing {self.brief_count:,} briefs…"), id="compare-status")
        table = CompareTable(id="compare-table")
        header = CompareHeader(table, id="compare-header")
        header.display = False
        yield header
        yield table
        yield Timeline(id="compare-timeline")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(CompareTable).loading = True
        self.compare()

    @work(thread=True, exclusive=True, group="compare")
    def compare(self) -> None:
        """Group the figures and build the rows off the event loop; report with a message, touch no widget."""
        worker = get_current_worker()

        def progress(done: int, total: int) -> None:
            if worker.is_cancelled:
                raise WorkerCancelled
            self.post_message(self.Reading(done, total))

        try:
            groups = self.store.compare(progress=progress)
        except WorkerCancelled:  # esc
            self.post_message(self.Compared([], CompareRows(), None))
            return
        except StoreError as error:
            self.post_message(self.Compared([], CompareRows(), str(error)))
        else:
            self.post_message(self.Compared(groups, compare_rows(groups), None))

    @on(Reading)
    def _reading(self, event: Reading) -> None:
        status = f"making the groups again: {event.done:,} of {event.total:,} briefs… (esc stops)"
        self.query_one("#compare-status", Label).update(Content(status))

    @on(Compared)
    def _compared(self, event: Compared) -> None:
        self.comparing = False  # the worker is done with the store: closing is safe from here on
        if self._close_once_stopped:
            self.dismiss(None)
            return
        if event.error is not None:
            self.notify(one_line(event.error, 300), severity="error", markup=False)
            self.dismiss(None)
            return
        self.groups = event.groups
        self.query_one("#compare-status", Label).display = False
        table = self.query_one(CompareTable)
        shown = [g for g in self.groups if g.id == self._only]
        table.set_rows(compare_rows(shown) if shown else event.rows)
        table.loading = False
        self._restore_cursor(table)
        self.query_one(CompareHeader).display = True
        self._chart(table.group_at(table.cursor))
        table.focus()

    @on(CompareTable.GroupChanged)
    def _group_changed(self, event: CompareTable.GroupChanged) -> None:
        self._chart(event.group)

    def _chart(self, group_id: str | None) -> None:
        self.query_one(Timeline).show(next((g for g in self.groups if g.id == group_id), None))

    @on(CompareTable.Chosen)
    def _chosen(self, event: CompareTable.Chosen) -> None:
        self.dismiss((event.article_id, event.start))

    # --- regrouping -----------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("move_figure", "merge_group", "rename_group", "unmerge_group", "filter_group", "undo", "redo"):
            return not self.comparing
        return True

    def action_undo(self) -> None:
        self._regroup(lambda: self._say(self.store.undo(), "undid", "nothing to undo"), None)

    def action_redo(self) -> None:
        self._regroup(lambda: self._say(self.store.redo(), "redid", "nothing to redo"), None)

    def _say(self, label: str | None, done: str, nothing: str) -> None:
        self.notify(f"{done} {label}" if label else nothing, markup=False)

    def action_unmerge_group(self) -> None:
        table = self.query_one(CompareTable)
        group = table.group_at(table.cursor)
        merged = [g for g, into in self.store.regrouping().merges.items() if self.store.regrouping().final_group(into) == group]
        if group is None or not merged:
            self.notify("unmerge: no group is merged into this one", severity="warning")
            return

        def unmerge() -> None:
            for name in merged:
                self.store.unmerge_group(name)

        self._regroup(unmerge, group)

    def action_help(self) -> None:
        from .help import HelpScreen, help_rows

        self.app.push_screen(HelpScreen(help_rows(self, [("compare", self.query_one(CompareTable))]), {"compare": "compare"}))

    def action_rename_group(self, typed: str | None = None, error: str = "") -> None:
        """Ask for the cursor's group's new name; a name the store refuses asks again, with why."""
        from ..dialogs.group_name import GroupName

        table = self.query_one(CompareTable)
        group = next((g for g in self.groups if g.id == table.group_at(table.cursor)), None)
        if group is None:
            return

        def rename(name: str | None) -> None:
            if name is None:
                return
            try:
                self.store.rename_group(group.id, name)
            except StoreError as refused:
                self.action_rename_group(name, str(refused))
                return
            self._regroup(lambda: None, name)

        self.app.push_screen(GroupName(group.label, typed=typed, error=error), rename)

    def action_filter_group(self) -> None:
        """Only the cursor's group in the table (and its chart), or every group again."""
        table = self.query_one(CompareTable)
        group = table.group_at(table.cursor)
        self._only = None if self._only is not None else group
        shown = [g for g in self.groups if self._only is None or g.id == self._only]
        table.set_rows(compare_rows(shown))
        if group is not None:
            self._keep = group
            self._restore_cursor(table)
        self._chart(table.group_at(table.cursor))

    def action_move_figure(self) -> None:
        from ..dialogs.tag_picker import TagPicker

        table = self.query_one(CompareTable)
        row = table.row(table.cursor) if 0 <= table.cursor < table.row_count else None
        if not isinstance(row, FigureRow):
            self.notify("move: put the cursor on a figure's row first", severity="warning")
            return
        current = table.group_at(table.cursor)
        ids = self._ids_by_label()
        picker = TagPicker(
            list(ids), [label for label, i in ids.items() if i == current], title="Move the figure to the group…",
            noun="group", hint="enter picks (✓ = its group now) · esc cancels",
        )

        def move(choice: TagChoice | None) -> None:
            if choice is None:
                return
            group = ids.get(choice.label, choice.label)
            if group == current and not choice.new:
                self.notify(f"move: the figure is in {choice.label!r} already", markup=False)
                return
            self._regroup(lambda: self.store.move_figure(row.article_id, row.start, group, new=choice.new), (row.article_id, row.start))

        self.app.push_screen(picker, move)

    def _ids_by_label(self) -> dict[str, str]:
        """Each group's label as the pickers show it (the id added where two labels are alike) -> its id."""
        labels: dict[str, str] = {}
        for group in self.groups:
            label = one_line(group.label)
            labels[label if label not in labels else f"{label} ({group.id})"] = group.id
        return labels

    def action_merge_group(self) -> None:
        from ..dialogs.tag_picker import TagPicker

        table = self.query_one(CompareTable)
        group = table.group_at(table.cursor)
        if group is None:
            return
        ids = {label: i for label, i in self._ids_by_label().items() if i != group}
        picker = TagPicker(
            list(ids), [], title=f"Merge {one_line(group)!r} into the group…", noun="group", hint="enter picks · esc cancels", allow_create=False,
        )

        def merge(choice: TagChoice | None) -> None:
            if choice is not None:
                into = ids.get(choice.label, choice.label)
                self._regroup(lambda: self.store.merge_groups(group, into), into)

        self.app.push_screen(picker, merge)

    def _regroup(self, change: Callable[[], object], keep: tuple[str, int] | str | None) -> None:
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
        """Close; while comparing, stop the worker first (at its next batch of briefs) and close when
        it has let go of the store, so no key reaches the reader while another thread reads the store."""
        if self.comparing:
            self._close_once_stopped = True
            self.workers.cancel_group(self, "compare")
            self.query_one("#compare-status", Label).update(Content("stopping…"))
            return
        self.dismiss(None)
